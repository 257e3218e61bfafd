package summary

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"boso/model"
)

// CSV writes the summary for a spreadsheet: a header row of ASCII ids
// (year,template,row,kommune,file,report_id,state, then the field ids of
// every table in form order), one row per kommune and year (row "kommune"),
// and per year a row "sum" with each column's sum over the kommuner that had
// a number and a row "count" with how many had one; the sum is the column's
// total only where count equals the year's number of kommune rows. Numbers
// are plain integers so that a spreadsheet reads them as numbers, X is not
// available and an empty cell not answered; the label fields (the priority
// area) are text.
func (s Summary) CSV() []byte {
	fields := s.csvFields()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	head := append([]string{"year", "template", "row", "kommune", "file", "report_id", "state"}, fields...)
	_ = w.Write(head) // a bytes.Buffer does not fail
	for _, y := range s.Years {
		year := strconv.FormatInt(y.Year, 10)
		types, labels := map[string]model.FieldType{}, map[string]bool{}
		for _, t := range y.Tables {
			for _, id := range t.LabelFields {
				labels[id] = true
			}
			for _, c := range t.Columns {
				types[c.ID] = c.Type
			}
		}
		for _, r := range y.Kommuner {
			rec := []string{year, r.Template, "kommune", csvText(r.Kommune), csvText(r.File), csvText(r.ReportID), string(r.State)}
			for _, id := range fields {
				switch {
				case labels[id]:
					rec = append(rec, csvText(r.Labels[id]))
				case types[id] != "":
					rec = append(rec, csvValue(r.Values[id]))
				default:
					rec = append(rec, "") // a field of another template's year
				}
			}
			_ = w.Write(rec)
		}
		sum := []string{year, y.templateIDs(), "sum", "Totalt", "", "", ""}
		count := []string{year, y.templateIDs(), "count", fmt.Sprintf("Antall med tall (av %d)", len(y.Kommuner)), "", "", ""}
		for _, id := range fields {
			tot, ok := y.Totals[id]
			switch {
			case !ok:
				sum, count = append(sum, ""), append(count, "")
			case tot.Count == 0 && tot.NA > 0:
				sum, count = append(sum, "X"), append(count, "0")
			case tot.Count == 0:
				sum, count = append(sum, ""), append(count, "0")
			default:
				sum = append(sum, strconv.FormatInt(tot.Sum, 10))
				count = append(count, strconv.Itoa(tot.Count))
			}
		}
		_ = w.Write(sum)
		_ = w.Write(count)
	}
	w.Flush()
	return buf.Bytes()
}

// csvFields is every field id shown, in form order, once: the label fields
// and cells of each table, across every year's template.
func (s Summary) csvFields() []string {
	var out []string
	seen := map[string]bool{}
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, y := range s.Years {
		for _, t := range y.Tables {
			for _, id := range t.LabelFields {
				add(id)
			}
			for _, c := range t.Columns {
				add(c.ID)
			}
		}
	}
	return out
}

func csvValue(v model.Value) string {
	switch v.Kind {
	case model.Number:
		return strconv.FormatInt(v.Num, 10)
	case model.NotAvailable:
		return "X"
	case model.Text:
		// A draft's count kept as typed ("-3"): shown as typed, as on screen.
		return csvText(v.Text)
	}
	return ""
}

// csvText keeps text a spreadsheet could take for a formula (a kommune
// or file name starting with =, +, - or @) as text, by a leading apostrophe,
// as OWASP advises for CSV files opened in Excel.
func csvText(s string) string {
	s = clean(s)
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}
