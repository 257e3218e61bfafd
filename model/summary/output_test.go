package summary

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"boso/model"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func TestSummaryCSV(t *testing.T) {
	s, _ := Summarize(summInputs(t), model.Builtin())
	rows, err := csv.NewReader(bytes.NewReader(s.CSV())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := rows[0]
	for _, h := range head {
		for _, r := range h {
			if r > 0x7e {
				t.Errorf("header %q is not ASCII", h)
			}
		}
	}
	wantHead := []string{"year", "template", "row", "kommune", "file", "report_id", "state",
		"1.1.A.start", "1.1.A.slutt", "1.1.A.resultat", "1.1.B.start"}
	if !reflect.DeepEqual(head[:len(wantHead)], wantHead) {
		t.Errorf("header starts %q, want %q", head[:len(wantHead)], wantHead)
	}
	if n := len(head); n != 7+12+1+3+7+5 {
		t.Errorf("%d columns: %q", n, head)
	}
	// 3 kommuner + sum + count for 2012, 1 + 2 for 2013.
	if len(rows) != 1+5+3 {
		t.Fatalf("%d rows:\n%s", len(rows), s.CSV())
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, c := range []struct {
		row      int
		id, want string
	}{
		{1, "kommune", "Gjøvik kommune"},
		{1, "row", "kommune"},
		{1, "state", "draft"},
		{1, "file", "gjovik-2012.json"},
		{1, "report_id", "gjovik2012fixture"},
		{1, "1.1.A.start", "7"},
		{1, "1.1.sum.resultat", "-15"},
		{1, "2.C.1.fra_leie_til_eie.antall", "X"},
		{1, "2.C.1.bostotte.antall", "1455"}, // a plain number, for the spreadsheet
		{1, "1.1.prioritert.omrade", "Antall barnefamilier med boligbehov"},
		{2, "state", "final"},
		{3, "1.1.A.slutt", ""},
		{4, "row", "sum"},
		{4, "kommune", "Totalt"},
		{4, "1.1.A.start", "22"},
		{4, "1.1.A.slutt", "18"},
		{4, "1.1.prioritert.omrade", ""},
		{5, "row", "count"},
		{5, "kommune", "Antall med tall (av 3)"},
		{5, "1.1.A.start", "3"},
		{5, "1.1.A.slutt", "2"},
		{6, "year", "2013"},
		{7, "1.1.sum.start", "49"},
		{7, "2.C.2.boliger.antall", ""}, // nobody answered; nobody marked X
		{8, "2.C.2.boliger.antall", "0"},
	} {
		if got := rows[c.row][col[c.id]]; got != c.want {
			t.Errorf("row %d %s = %q, want %q", c.row, c.id, got, c.want)
		}
	}
}

// TestSummaryCSVFormula: a name a spreadsheet would run as a formula is kept as text.
func TestSummaryCSVFormula(t *testing.T) {
	s, _ := Summarize([]Input{{"=HYPERLINK(x).json", summExport(t, "@SUM(A1)", "2012", model.Final, nil)}}, nil)
	rows, err := csv.NewReader(bytes.NewReader(s.CSV())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[1][3] != "'@SUM(A1)" || rows[1][4] != "'=HYPERLINK(x).json" {
		t.Errorf("row %q", rows[1])
	}
}

func TestSummaryJSON(t *testing.T) {
	s, _ := Summarize(summInputs(t), model.Builtin())
	out, err := s.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Format string `json:"format"`
		Years  []struct {
			Year     int64    `json:"year"`
			Template string   `json:"template"`
			Fields   []string `json:"fields"`
			Kommuner []struct {
				Kommune  string            `json:"kommune"`
				File     string            `json:"file"`
				ID       string            `json:"id"`
				State    string            `json:"state"`
				Draft    bool              `json:"draft"`
				Values   map[string]any    `json:"values"`
				Computed map[string]*int64 `json:"computed"`
			} `json:"kommuner"`
			Totals map[string]struct {
				Sum      *int64 `json:"sum"`
				Count    int    `json:"count"`
				Of       int    `json:"of"`
				Complete bool   `json:"complete"`
			} `json:"totals"`
		} `json:"years"`
		Skipped []struct {
			File   string `json:"file"`
			Reason string `json:"reason"`
		} `json:"skipped"`
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if doc.Format != FormatID || len(doc.Years) != 2 || len(doc.Skipped) != 6 {
		t.Fatalf("format %q, %d years, %d skipped", doc.Format, len(doc.Years), len(doc.Skipped))
	}
	if sk := doc.Skipped[1]; sk.File != "gjovik-2012-kopi.json" || !strings.Contains(sk.Reason, "gjovik-2012.json") {
		t.Errorf("skipped[1] = %+v", sk)
	}
	y := doc.Years[0]
	if y.Year != 2012 || y.Template != "arsrapport-2012" || len(y.Kommuner) != 3 || len(y.Fields) != 28 || y.Fields[12] != "1.1.prioritert.omrade" {
		t.Fatalf("2012: year %d template %s, %d kommuner, fields %v", y.Year, y.Template, len(y.Kommuner), y.Fields)
	}
	gj, li := y.Kommuner[0], y.Kommuner[2]
	if gj.Kommune != "Gjøvik kommune" || gj.File != "gjovik-2012.json" || gj.ID != "gjovik2012fixture" || gj.State != "draft" || !gj.Draft {
		t.Errorf("Gjøvik: %+v", gj)
	}
	// As in the export format: a number, null for X, text for the area, absent when not answered.
	if v, ok := gj.Values["2.C.1.fra_leie_til_eie.antall"]; !ok || v != nil {
		t.Errorf("Gjøvik's X is %v (present %v), want null", v, ok)
	}
	if gj.Values["1.1.A.start"] != 7.0 || gj.Values["1.1.prioritert.omrade"] != "Antall barnefamilier med boligbehov" {
		t.Errorf("Gjøvik values: %v", gj.Values)
	}
	if _, ok := li.Values["1.1.A.slutt"]; ok {
		t.Error("Lillehammer's unanswered 1.1.A.slutt is in values")
	}
	if _, ok := gj.Values["1.1.sum.start"]; ok {
		t.Error("a computed field is under values")
	}
	if c := gj.Computed["1.1.sum.start"]; c == nil || *c != 34 {
		t.Errorf("Gjøvik computed sum.start = %v", c)
	}
	if c, ok := gj.Computed["1.1.prioritert.resultat"]; !ok || c != nil {
		t.Errorf("Gjøvik computed prioritert.resultat = %v (present %v), want null", c, ok)
	}
	if len(gj.Computed) != 7 {
		t.Errorf("Gjøvik computed = %v", gj.Computed)
	}
	tot := y.Totals["1.1.A.slutt"]
	if tot.Sum == nil || *tot.Sum != 18 || tot.Count != 2 || tot.Of != 3 || tot.Complete {
		t.Errorf("total 1.1.A.slutt = %+v", tot)
	}
	if tot := y.Totals["1.1.A.start"]; tot.Sum == nil || *tot.Sum != 22 || !tot.Complete {
		t.Errorf("total 1.1.A.start = %+v", tot)
	}
	if tot := doc.Years[1].Totals["2.C.2.boliger.antall"]; tot.Sum != nil || tot.Count != 0 || tot.Of != 1 {
		t.Errorf("2013 total 2.C.2.boliger.antall = %+v, want sum null", tot)
	}
}

// TestSummaryJSONEmpty: no file read is still a document, with lists, not null.
func TestSummaryJSONEmpty(t *testing.T) {
	out, err := Summary{}.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if m := decodeJSON(t, out); m["years"] == nil || m["skipped"] == nil {
		t.Errorf("%s", out)
	}
	if got := (Summary{}).Text(80); got != "Ingen rapporter å summere.\n" {
		t.Errorf("Table = %q", got)
	}
}

func TestSummaryMarkdown(t *testing.T) {
	s, _ := Summarize(summInputs(t), model.Builtin())
	md := string(s.Markdown())
	for _, want := range []string{
		"## 2012 – Boligsosialt utviklingsprogram – Årsrapport\n\n3 kommuner, 2 kladder.",
		"### 1.1 Anskaffe og beholde bolig\n\n| Kommune | A start | A slutt | A resultat | B start |",
		"| Gjøvik kommune (kladd) | 7 | 8 | -1 | 4 | 11 | -7 | 23 | 30 | -7 | 34 | 49 | -15 |",
		"| Hamar kommune | 12 | 10 | 2 | 5 | 5 | 0 | X | 20 | X | X | 35 | X |",
		"| **Totalt** | 22 | 18 (2 av 3) | 1 (2 av 3) |",
		"### 1.1 Særskilt prioritert område i 2013\n\n| Kommune | Særskilt prioritert område | start | slutt | resultat |",
		"| Hamar kommune | Unge under 25 år | 40 | 35 | 5 |",
		"### Delmål C – C.1 Økonomiske virkemidler\n\n| Kommune | a | b | c | d | e | f | g |",
		"| Gjøvik kommune (kladd) | 50 | 33 | 28 | 11 | X | 8 | 1 455 |",
		"| **Totalt** | 70 (2 av 3) | 37 (2 av 3) | 37 (2 av 3) | 14 (2 av 3) | 6 (1 av 3) | 10 (2 av 3) | 4 910 |",
		"- **a**: Antall fullfinansierte boligkjøp med startlån (2.C.1.fullfinansiert)",
		"### Delmål C – C.2 Kommunalt disponerte boliger",
		"| **Totalt** | 1 930 | 1 (2 av 3) |",
		"## 2013 – Boligsosialt utviklingsprogram – Årsrapport\n\n1 kommune, alle endelige.",
		"- **A**: Antall husstander uten eid eller leid bolig (1.1.A)",
		"- **start**: Status behov pr. 01.01.2012",
		"## Hoppet over\n\n- broken.json er ikke gyldig JSON",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	checkGolden(t, "summary.md", md)
}

// TestSummaryMarkdownEscapes: a name cannot break the table or start markup.
func TestSummaryMarkdownEscapes(t *testing.T) {
	s, _ := Summarize([]Input{{"a|b.json", summExport(t, "Kommune | *x*", "2012", model.Final, nil)}}, nil)
	md := string(s.Markdown())
	if !strings.Contains(md, `| Kommune \| \*x\* |`) {
		t.Errorf("name not escaped:\n%s", md)
	}
}

func TestSummaryTable(t *testing.T) {
	s, _ := Summarize(summInputs(t), model.Builtin())
	for _, width := range []int{80, 60, 100, 132} {
		out := s.Text(width)
		for i, line := range strings.Split(out, "\n") {
			if w := ansi.StringWidth(line); w > width {
				t.Errorf("width %d: line %d is %d wide: %q", width, i+1, w, line)
			}
		}
	}
	// A terminal too narrow for any table still gets one, never a panic.
	for _, width := range []int{1, 20, 40} {
		if out := s.Text(width); !strings.Contains(out, "Totalt") {
			t.Errorf("Table(%d):\n%s", width, out)
		}
	}
	out80 := s.Text(80)
	for _, want := range []string{
		"Gjøvik kommune *",
		"Hamar kommune",
		"Totalt",
		"2 av 3",
		"X ikke tilgjengelig",
		"6 filer er hoppet over:",
		"- broken.json er ikke gyldig JSON",
	} {
		if !strings.Contains(out80, want) {
			t.Errorf("Table(80) lacks %q", want)
		}
	}
	checkGolden(t, "table-80.txt", out80)
	// Without a limit, 1.1 is one table: its header has every row code.
	if !regexpLine(s.Text(0), "─ A ─", "─ sum ─") {
		t.Errorf("Table(0) splits 1.1:\n%s", s.Text(0))
	}
	if regexpLine(out80, "─ A ─", "─ sum ─") {
		t.Errorf("Table(80) does not split 1.1:\n%s", out80)
	}
}

// regexpLine reports whether one line holds every part.
func regexpLine(text string, parts ...string) bool {
	for _, line := range strings.Split(text, "\n") {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(line, p)
		}
		if all {
			return true
		}
	}
	return false
}

// TestSummaryTableLongNames: long kommune names and priority areas are cut
// to fit, control characters in a file name never reach the terminal.
func TestSummaryTableLongNames(t *testing.T) {
	long := "Porsanger kommune – Porsáŋggu gielda – Porsangin komuuni"
	in := []Input{
		{"a.json", summExport(t, long, "2012", model.Final, map[string]string{"1.1.A.start": "123 456 789", "1.1.prioritert.omrade": "Husstander med barn som bor i midlertidig bolig over tre måneder"})},
		{"b\x1b[31m.json", []byte("{")},
	}
	s, _ := Summarize(in, nil)
	out := s.Text(80)
	for i, line := range strings.Split(out, "\n") {
		if ansi.StringWidth(line) > 80 {
			t.Errorf("line %d is %d wide: %q", i+1, ansi.StringWidth(line), line)
		}
	}
	if !strings.Contains(out, "Porsanger kommune – Porsáŋg…") || strings.Contains(out, "\x1b") || !strings.Contains(out, "b?[31m.json") {
		t.Errorf("Table:\n%s", out)
	}
	if !strings.Contains(s.Text(0), long) {
		t.Error("Table(0) cuts the name")
	}
}

// TestTextWideCharacters: a kommune name with an emoji or East Asian
// characters takes two cells a character in the terminal, so the figures
// beside it still line up, and a cut name is cut by cells, not runes.
func TestTextWideCharacters(t *testing.T) {
	var in []Input
	for i, name := range []string{"Raketten 🚀 kommune", "東京 kommune", "Ås kommune", "Porsáŋggu kommune", "e\u0301 kommune"} {
		in = append(in, Input{Name: fmt.Sprintf("%d.json", i), Data: summExport(t, name, "2012", model.Final,
			map[string]string{"1.1.A.start": "7"})})
	}
	s, _ := Summarize(in, nil)
	if w := ansi.StringWidth("Raketten 🚀 kommune"); w != 19 {
		t.Fatalf("ansi.StringWidth counts the rocket's name %d cells, want 19", w)
	}
	for _, width := range []int{0, 80, 60} {
		out := s.Text(width)
		// Every row of the first table ends its first figure at one column.
		ends := map[int][]string{}
		for _, line := range strings.Split(out, "\n") {
			if strings.HasSuffix(strings.Fields(line + " x")[0], "") && strings.Contains(line, "kommune") && strings.Contains(line, " 7 ") {
				i := strings.Index(line, " 7 ")
				ends[ansi.StringWidth(line[:i+2])] = append(ends[ansi.StringWidth(line[:i+2])], line)
			}
		}
		if len(ends) != 1 || len(in) != len(slices.Concat(slices.Collect(maps.Values(ends))...)) {
			t.Errorf("Text(%d): the figures do not line up:\n%s", width, out)
		}
		for i, line := range strings.Split(out, "\n") {
			if w := ansi.StringWidth(line); width > 0 && w > width {
				t.Errorf("Text(%d): line %d is %d wide: %q", width, i+1, w, line)
			}
		}
	}
	if got := truncate("Raketten 🚀 kommune", 11); got != "Raketten …" || ansi.StringWidth(got) > 11 {
		t.Errorf("truncate = %q, %d wide", got, ansi.StringWidth(got))
	}
	if got := truncate("Lillehammer kommune", 10); got != "Lillehamm…" || ansi.StringWidth(got) != 10 {
		t.Errorf("truncate = %q", got)
	}
}

// checkGolden compares output with testdata/<test name>/<name>; run
// `go test ./model/summary -update` to accept a change.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", t.Name(), name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file; run with -update if the change is right.\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// TestRender: each name in Formats writes what its own method writes, the
// table ending in exactly one line break; another name is refused.
func TestRender(t *testing.T) {
	s, _ := Summarize(summInputs(t), model.Builtin())
	js, err := s.JSON()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{
		"table": []byte(strings.TrimRight(s.Text(100), "\n") + "\n"),
		"csv":   s.CSV(),
		"md":    s.Markdown(),
		"json":  js,
	}
	for _, format := range Formats {
		got, err := s.Render(format, 100)
		if err != nil || !bytes.Equal(got, want[format]) {
			t.Errorf("Render(%q): %v\n%s\nwant\n%s", format, err, got, want[format])
		}
		delete(want, format)
	}
	if len(want) > 0 {
		t.Errorf("Formats lacks %v", slices.Collect(maps.Keys(want)))
	}
	if _, err := s.Render("xlsx", 100); err == nil {
		t.Error("Render(xlsx) wrote something")
	}
}
