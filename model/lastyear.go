package model

import (
	"regexp"
	"strings"
)

// Last year's figures beside this year's: the grid shows them while the
// case worker types, and the printout can carry them (MarkdownWithLastYear).
// Both take which column, which heading and which rows from here.

// The headings of last year's two columns: its figure, and this year's minus it.
const (
	LastYearHeading = "I fjor"
	ChangeHeading   = "Endring"
)

// CompareColumn returns the index in tb.Columns of the column whose figures
// are set beside last year's: the last one a user fills in on the rows
// ("31.12." in 1.1, "antall" in C.1), not a result. It is -1 when the rows
// have no input.
func (t *Template) CompareColumn(tb *Table) int {
	col := -1
	for _, row := range tb.Rows {
		for i := len(tb.Columns) - 1; i > col; i-- {
			if f := t.Field(tb.Cell(row, tb.Columns[i])); f != nil && !f.Computed() {
				col = i
				break
			}
		}
	}
	return col
}

// headingDate finds the date in a column's label ("Status behov pr. 31.12.2011").
var headingDate = regexp.MustCompile(`\b\d{2}\.\d{2}\.\d{4}\b`)

// LastYearHeadingOf is the heading of last year's column: "I fjor 31.12.2011",
// with the day its figures are for when the column's label (with last
// year's year filled in) names one.
func LastYearHeadingOf(prev *Report, col Column) string {
	if d := headingDate.FindString(prev.Label(col.Label)); d != "" {
		return LastYearHeading + " " + d
	}
	return LastYearHeading
}

// RowLabel is what names a table row: the user's answer for a row named by
// a field (the priority area), else the form's label.
func (r *Report) RowLabel(row Row) string {
	if row.LabelField != "" {
		if s := r.values[row.LabelField].Text; strings.TrimSpace(s) != "" {
			return s
		}
	}
	return r.Label(row.Label)
}

// SameRow reports whether a row of this year's report can be set beside
// the same row of last year's: always, except that a row the user names
// (the priority area) compares only with the same area last year.
func SameRow(r, prev *Report, row Row) bool {
	return row.LabelField == "" || strings.TrimSpace(r.RowLabel(row)) == strings.TrimSpace(prev.RowLabel(row))
}
