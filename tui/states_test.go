package tui

import (
	"bytes"
	"encoding/csv"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"boso/model"
	"boso/model/summary"
	"boso/store"
	"boso/tui/accessible"
)

// The marks a computed figure can have, whatever the rendering: a number, X
// (not available for good) or not computed yet. Each rendering writes "not
// yet" its own way (a blank grid cell, "—" in print and in the summary, a
// sentence in the line mode); stateMark reads them back as one.
const (
	stateNotYet = "(not yet)"
	stateX      = "X"
)

// stateResults are the computed cells of 1.1 that row A feeds, in this order.
var stateResults = []string{"1.1.A.resultat", "1.1.sum.start", "1.1.sum.slutt", "1.1.sum.resultat"}

// TestOneStateRenderedAlike: a computed figure in one state reads the same in
// the grid, the printout (Markdown), the preview, the summary (text, Markdown,
// CSV and its totals) and the line mode. Rows B and C hold Gjøvik's figures;
// row A varies.
func TestOneStateRenderedAlike(t *testing.T) {
	for _, c := range []struct {
		name       string
		start, end string
		want       []string // per stateResults
	}{
		{"both answered", "7", "8", []string{"-1", "34", "49", "-15"}},
		{"end not answered", "7", "", []string{stateNotYet, "34", stateNotYet, stateNotYet}},
		{"start X, end not answered", "X", "", []string{stateNotYet, stateX, stateNotYet, stateNotYet}},
		{"start X", "X", "8", []string{stateX, stateX, "49", stateX}},
		{"end X", "7", "X", []string{stateX, "34", stateX, stateX}},
		{"nothing answered", "", "", []string{stateNotYet, stateNotYet, stateNotYet, stateNotYet}},
	} {
		t.Run(c.name, func(t *testing.T) {
			answers := []string{"info.kommune", "Gjøvik kommune",
				"1.1.B.start", "4", "1.1.B.slutt", "11", "1.1.C.start", "23", "1.1.C.slutt", "30"}
			if c.start != "" {
				answers = append(answers, "1.1.A.start", c.start)
			}
			if c.end != "" {
				answers = append(answers, "1.1.A.slutt", c.end)
			}
			ts, e := tableFixture(t, "1.1", 200, 60, answers...)
			got := map[string][]string{
				"grid":              stateGrid(t, ts),
				"printout":          stateMarkdownRows(t, string(model.Markdown(e.r)), "| A. ", "| **Sum A–C**"),
				"preview":           statePreview(t, e.r),
				"line mode":         stateLineMode(t, e.r),
				"summary (text)":    nil,
				"summary (md)":      nil,
				"summary (csv)":     nil,
				"summary total":     nil,
				"summary total csv": nil,
			}
			stateSummary(t, e.r, got)
			for name, marks := range got {
				if strings.Join(marks, " | ") != strings.Join(c.want, " | ") {
					t.Errorf("%s shows %q, want %q", name, marks, c.want)
				}
			}
		})
	}
}

// stateMark reads a rendered cell back as a mark.
func stateMark(cell string) string {
	cell = strings.TrimSpace(strings.Trim(strings.TrimSpace(cell), "*"))
	switch {
	case cell == "", cell == "—", strings.HasPrefix(cell, "ikke beregnet"), strings.HasPrefix(cell, "— ("):
		return stateNotYet
	case cell == "X", strings.HasPrefix(cell, "X,"), strings.HasPrefix(cell, "X ("):
		return stateX
	}
	return cell
}

func stateMarks(cells ...string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = stateMark(c)
	}
	return out
}

// stateGrid reads row A's result and the sum row from the grid as shown.
func stateGrid(t *testing.T, ts *tableScreen) []string {
	view := tableView(ts, 56)
	a, sum := tableCells(t, view, "A."), tableCells(t, view, "Sum")
	return stateMarks(a[2], sum[0], sum[1], sum[2])
}

// stateMarkdownRows reads the same cells from a Markdown table: the last
// cell of row A and the three of the sum row.
func stateMarkdownRows(t *testing.T, md, rowA, sumRow string) []string {
	t.Helper()
	var a, sum []string
	for _, line := range strings.Split(md, "\n") {
		parts := strings.Split(strings.Trim(line, "|"), "|")
		switch {
		case strings.HasPrefix(line, rowA) && a == nil:
			a = parts[1:]
		case strings.HasPrefix(line, sumRow) && sum == nil:
			sum = parts[1:]
		}
	}
	if len(a) != 3 || len(sum) != 3 {
		t.Fatalf("no row A or sum row in:\n%s", md)
	}
	return stateMarks(a[2], sum[0], sum[1], sum[2])
}

// statePreview reads the cells from the preview as it is drawn.
func statePreview(t *testing.T, r *model.Report) []string {
	t.Helper()
	out := ansi.Strip(renderPreview(r.Printout(nil), 160, true))
	var a, sum []string
	for _, line := range strings.Split(out, "\n") {
		parts := strings.Split(line, "│")
		if len(parts) != 4 {
			continue
		}
		switch label := strings.TrimSpace(parts[0]); {
		case strings.HasPrefix(label, "A. ") && a == nil:
			a = parts[1:]
		case strings.HasPrefix(label, "Sum A–C") && sum == nil:
			sum = parts[1:]
		}
	}
	if a == nil || sum == nil {
		t.Fatalf("no row A or sum row in the preview:\n%s", out)
	}
	return stateMarks(a[2], sum[0], sum[1], sum[2])
}

// stateLineMode reads what the line mode says after row A.
func stateLineMode(t *testing.T, r *model.Report) []string {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "boso.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.PutReport(st, r, "", 0); err != nil {
		t.Fatal(err)
	}
	// Open the report, start at 1.1 (the third part), keep row A's start,
	// end and comment as they are: the line mode then says the results.
	var out bytes.Buffer
	if err := accessible.Run(accessible.Options{Store: st, Registry: form2012(), In: strings.NewReader("1\n3\n\n\n\n"), Out: &out}); err != nil {
		t.Fatal(err)
	}
	said := out.String()
	res := regexp.MustCompile(`(?m)^Resultat A: (.*)$`).FindStringSubmatch(said)
	sum := regexp.MustCompile(`(?m)^Sum A–C: (.*?)(?:, resultat (.*?))?(?: \(X,.*)?$`).FindStringSubmatch(said)
	if res == nil || sum == nil {
		t.Fatalf("the line mode said:\n%s", said)
	}
	if sum[2] == "" { // "Sum A–C: ikke beregnet ennå, …": every sum waits
		return stateMarks(res[1], sum[1], sum[1], sum[1])
	}
	cols := strings.Split(sum[1], " → ")
	if len(cols) != 2 {
		t.Fatalf("the line mode said:\n%s", said)
	}
	return stateMarks(res[1], cols[0], cols[1], sum[2])
}

// stateSummary summarises the report's export alone and reads the cells from
// the text table, the Markdown and the CSV, and the totals (of one kommune:
// the same marks) from the Markdown and the CSV.
func stateSummary(t *testing.T, r *model.Report, got map[string][]string) {
	t.Helper()
	data, err := model.Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	s, skipped := summary.Summarize([]summary.Input{{Name: "gjovik.json", Data: data}}, nil)
	if len(skipped) != 0 || len(s.Years) != 1 {
		t.Fatalf("summary skipped %v", skipped)
	}
	// The columns of 1.1 in order: A start, slutt, resultat, B …, sum start, slutt, resultat.
	pick := func(cells []string) []string {
		if len(cells) < 12 {
			t.Fatalf("summary row %q", cells)
		}
		return stateMarks(cells[2], cells[9], cells[10], cells[11])
	}
	for _, line := range strings.Split(s.Text(0), "\n") {
		if strings.HasPrefix(line, "Gjøvik kommune") {
			got["summary (text)"] = pick(regexp.MustCompile(`\s{2,}`).Split(line, -1)[1:])
			break
		}
	}
	var md, total []string
	for _, line := range strings.Split(string(s.Markdown()), "\n") {
		parts := strings.Split(strings.Trim(line, "|"), "|")
		switch {
		case strings.HasPrefix(line, "| Gjøvik kommune") && md == nil:
			md = parts[1:]
		case strings.HasPrefix(line, "| **Totalt**") && total == nil:
			total = parts[1:]
		}
	}
	got["summary (md)"], got["summary total"] = pick(md), pick(total)
	recs, err := csv.NewReader(bytes.NewReader(s.CSV())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	byCol := func(rec []string) []string {
		var out []string
		for _, id := range stateResults {
			out = append(out, stateMark(rec[col[id]]))
		}
		return out
	}
	got["summary (csv)"], got["summary total csv"] = byCol(recs[1]), byCol(recs[2])
}
