package model

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The flag has its own name so that it cannot clash with another test file's
// -update in this package.
var updateSummary = flag.Bool("update-summary", false, "rewrite the summary golden files under testdata/TestSummary*/")

// summExport is an export made as a case worker would make it: a new report,
// answers typed as on the screens ("1 455", "X"), then Encode.
func summExport(tb testing.TB, kommune, year string, state State, typed map[string]string) []byte {
	tb.Helper()
	r := NewReport(arsrapport(tb), now)
	r.ID = "test-" + strings.ToLower(strings.Join(strings.Fields(kommune+" "+year), "-"))
	for id, s := range map[string]string{"info.kommune": kommune, "info.rapporteringsar": year} {
		if err := r.Input(id, s); err != nil {
			tb.Fatalf("Input(%s, %q): %v", id, s, err)
		}
	}
	for id, s := range typed {
		if err := r.Input(id, s); err != nil {
			tb.Fatalf("Input(%s, %q): %v", id, s, err)
		}
	}
	if state == Final {
		// Finalize would ask for every answer; the summary only reads the state.
		r.State, r.FinalizedAt = Final, &now
	}
	return mustEncode(tb, r)
}

// summInputs is Husbanken's inbox: Gjøvik's real 2012 report (a draft), two
// more kommuner for 2012 (one final with an X, one draft with empty cells),
// Gjøvik for 2013, and files that must be skipped: broken JSON, a duplicate
// of Gjøvik 2012 written differently, another format, and reports without
// kommune or year.
func summInputs(tb testing.TB) []SummaryInput {
	tb.Helper()
	hamar := summExport(tb, "Hamar kommune", "2012", Final, map[string]string{
		"1.1.A.start": "12", "1.1.A.slutt": "10",
		"1.1.B.start": "5", "1.1.B.slutt": "5",
		"1.1.C.start": "X", "1.1.C.slutt": "20",
		"1.1.prioritert.omrade": "Unge under 25 år",
		"1.1.prioritert.start":  "40", "1.1.prioritert.slutt": "35",
		"2.C.1.fullfinansiert.antall": "20", "2.C.1.fastrente.antall": "4",
		"2.C.1.samfinansiert.antall": "9", "2.C.1.startlan_tilskudd.antall": "3",
		"2.C.1.fra_leie_til_eie.antall": "6", "2.C.1.tilpasning.antall": "2",
		"2.C.1.bostotte.antall": "2 000",
		"2.C.2.boliger.antall":  "600", "2.C.2.tilsagn_boligtilskudd.antall": "1",
		"2.C.2.tilsagn_investeringstilskudd.antall": "2",
		"2.C.2.nye_soknader.antall":                 "150", "2.C.2.nye_tildelinger.antall": "80",
	})
	lillehammer := summExport(tb, "Lillehammer kommune", "2012", Draft, map[string]string{
		"1.1.A.start": "3",
		"1.1.B.start": "1", "1.1.B.slutt": "0",
		"1.1.C.start": "10", "1.1.C.slutt": "8",
		"2.C.1.bostotte.antall": "1 455",
		"2.C.2.boliger.antall":  "400",
	})
	gjovik2013 := summExport(tb, "Gjøvik kommune", "2013", Final, map[string]string{
		"1.1.A.start": "8", "1.1.A.slutt": "6",
		"1.1.B.start": "11", "1.1.B.slutt": "9",
		"1.1.C.start": "30", "1.1.C.slutt": "25",
		"2.C.1.bostotte.antall": "1 500",
	})
	duplicate := summExport(tb, "  gjøvik   KOMMUNE ", "2012", Final, map[string]string{"1.1.A.start": "999"})
	otherFormat := editFixture(tb, func(doc, _ map[string]any) { doc["format"] = "boso.report.v2" })
	return []SummaryInput{
		{"gjovik-2012.json", gjovikBytes(tb)},
		{"hamar-2012.json", hamar},
		{"broken.json", []byte(`{"format": "boso.report.v1", "values": {`)},
		{"lillehammer-2012.json", lillehammer},
		{"gjovik-2012-kopi.json", duplicate},
		{"v2.json", otherFormat},
		{"gjovik-2013.json", gjovik2013},
		{"uten-kommune.json", summExport(tb, "", "2012", Draft, nil)},
		{"uten-år.json", summExport(tb, "Elverum kommune", "", Draft, nil)},
		{"tom-rapport.json", summExport(tb, "", "", Draft, nil)},
	}
}

func TestSummarizeSkips(t *testing.T) {
	s, skipped := Summarize(summInputs(t), Builtin())
	if !reflect.DeepEqual(skipped, s.Skipped) {
		t.Errorf("returned skipped %v, Summary.Skipped %v", skipped, s.Skipped)
	}
	want := []Skipped{
		{"broken.json", "er ikke gyldig JSON (filen slutter midt i dokumentet)"},
		{"gjovik-2012-kopi.json", "har samme kommune og år som gjovik-2012.json (gjøvik KOMMUNE, 2012)"},
		{"v2.json", "har formatet «boso.report.v2», men boso leser bare «boso.report.v1»"},
		{"uten-kommune.json", "mangler kommune (info.kommune) og kan ikke summeres"},
		{"uten-år.json", "mangler rapporteringsår (info.rapporteringsar) og kan ikke summeres"},
		{"tom-rapport.json", "mangler både kommune (info.kommune) og rapporteringsår (info.rapporteringsar) og kan ikke summeres"},
	}
	if !reflect.DeepEqual(skipped, want) {
		t.Errorf("skipped:\n got %q\nwant %q", skipped, want)
	}
	for _, sk := range skipped {
		checkSentence(t, sk.String())
		if !strings.HasPrefix(sk.String(), sk.Name+" ") || !strings.HasSuffix(sk.String(), ".") {
			t.Errorf("String() = %q, want the name, the reason and a full stop", sk.String())
		}
	}
	// The decode refusal is the import's own sentence, word for word.
	_, err := Decode([]byte(`{"format": "boso.report.v1", "values": {`), Builtin())
	if err == nil || skipped[0].Reason != err.Error() {
		t.Errorf("broken file's reason %q, import says %v", skipped[0].Reason, err)
	}
}

// TestSummarizeDuplicateKeepsTheFirst: the order given decides, even when the
// later file is final and the earlier a draft.
func TestSummarizeDuplicateKeepsTheFirst(t *testing.T) {
	a := summExport(t, "Ås kommune", "2012", Draft, map[string]string{"1.1.A.start": "1"})
	b := summExport(t, "ÅS\tKommune", "2012", Final, map[string]string{"1.1.A.start": "2"})
	s, skipped := Summarize([]SummaryInput{{"b.json", b}, {"a.json", a}}, nil)
	if len(skipped) != 1 || skipped[0].Name != "a.json" || !strings.Contains(skipped[0].Reason, "som b.json") {
		t.Fatalf("skipped = %q", skipped)
	}
	if r := s.Years[0].Kommuner[0]; r.File != "b.json" || r.Kommune != "ÅS Kommune" || r.Values["1.1.A.start"] != NumberValue(2) {
		t.Errorf("kept %+v", r)
	}
}

func TestSummarizeRowsAndTotals(t *testing.T) {
	s, _ := Summarize(summInputs(t), Builtin())
	if len(s.Years) != 2 || s.Years[0].Year != 2012 || s.Years[1].Year != 2013 {
		t.Fatalf("years: %+v", s.Years)
	}
	y := s.Years[0]
	var names []string
	for _, r := range y.Kommuner {
		names = append(names, fmt.Sprintf("%s %s %v", r.Kommune, r.File, r.Draft()))
	}
	wantNames := []string{
		"Gjøvik kommune gjovik-2012.json true",
		"Hamar kommune hamar-2012.json false",
		"Lillehammer kommune lillehammer-2012.json true",
	}
	if !reflect.DeepEqual(names, wantNames) {
		t.Fatalf("2012 rows = %q, want %q", names, wantNames)
	}
	if y.Drafts() != 2 {
		t.Errorf("Drafts() = %d", y.Drafts())
	}

	// The columns are the template's tables, in form order.
	var tables []string
	for _, tb := range y.Tables {
		tables = append(tables, fmt.Sprintf("%s:%d", tb.ID, len(tb.Columns)))
	}
	if want := []string{"1.1:12", "1.1.prioritert:3", "2.C.1:7", "2.C.2:5"}; !reflect.DeepEqual(tables, want) {
		t.Errorf("tables = %v, want %v", tables, want)
	}
	if lf := y.Tables[1].LabelFields; !reflect.DeepEqual(lf, []string{"1.1.prioritert.omrade"}) {
		t.Errorf("priority label fields = %v", lf)
	}

	gj, ha, li := y.Kommuner[0], y.Kommuner[1], y.Kommuner[2]
	for _, c := range []struct {
		row  SummaryRow
		id   string
		want Value
	}{
		{gj, "1.1.A.start", NumberValue(7)},
		{gj, "1.1.A.resultat", NumberValue(-1)},
		{gj, "1.1.sum.start", NumberValue(34)},
		{gj, "1.1.sum.resultat", NumberValue(-15)},
		{gj, "1.1.prioritert.start", NA},
		{gj, "2.C.1.fra_leie_til_eie.antall", NA},
		{gj, "2.C.1.bostotte.antall", NumberValue(1455)},
		{gj, "2.C.2.boliger.antall", NumberValue(930)},
		{ha, "1.1.C.start", NA},
		{ha, "1.1.C.resultat", NA}, // computed from an X
		{ha, "1.1.sum.start", NA},
		{ha, "1.1.sum.slutt", NumberValue(35)},
		{ha, "1.1.prioritert.resultat", NumberValue(5)},
		{li, "1.1.A.slutt", Value{}},    // not answered
		{li, "1.1.A.resultat", Value{}}, // not computed yet: an answer is missing
		{li, "1.1.B.resultat", NumberValue(1)},
		{li, "1.1.sum.start", NumberValue(14)},
	} {
		if got := c.row.Values[c.id]; got != c.want {
			t.Errorf("%s %s = %+v, want %+v", c.row.Kommune, c.id, got, c.want)
		}
	}
	if got := ha.Labels["1.1.prioritert.omrade"]; got != "Unge under 25 år" {
		t.Errorf("Hamar's priority area = %q", got)
	}

	for id, want := range map[string]Total{
		"1.1.A.start":                        {Sum: 22, Count: 3, Of: 3},
		"1.1.A.slutt":                        {Sum: 18, Count: 2, Of: 3},
		"1.1.A.resultat":                     {Sum: 1, Count: 2, Of: 3},
		"1.1.sum.start":                      {Sum: 48, Count: 2, NA: 1, Of: 3},
		"1.1.prioritert.start":               {Sum: 40, Count: 1, NA: 1, Of: 3},
		"2.C.1.fra_leie_til_eie.antall":      {Sum: 6, Count: 1, NA: 1, Of: 3},
		"2.C.1.bostotte.antall":              {Sum: 4910, Count: 3, Of: 3},
		"2.C.2.tilsagn_boligtilskudd.antall": {Sum: 1, Count: 2, Of: 3},
	} {
		if got := y.Totals[id]; got != want {
			t.Errorf("total %s = %+v, want %+v", id, got, want)
		}
	}
	if n := len(y.Totals); n != 12+3+7+5 {
		t.Errorf("%d totals, want one per column", n)
	}
	if got := s.Years[1].Totals["1.1.sum.resultat"]; got != (Total{Sum: 9, Count: 1, Of: 1}) {
		t.Errorf("2013 sum.resultat = %+v", got)
	}
}

func TestTotalString(t *testing.T) {
	for _, c := range []struct {
		t    Total
		want string
	}{
		{Total{Sum: 1455, Count: 4, Of: 4}, "1 455"},
		{Total{Sum: 1455, Count: 3, Of: 4}, "1 455 (3 av 4)"},
		{Total{Sum: -15, Count: 2, Of: 3}, "-15 (2 av 3)"},
		{Total{Sum: 1455, Count: 3, NA: 1, Of: 4}, "1 455 (3 av 4)"},
		{Total{Count: 0, NA: 1, Of: 4}, "X (0 av 4)"},
		{Total{Count: 0, Of: 4}, "— (0 av 4)"},
	} {
		if got := c.t.String(); got != c.want {
			t.Errorf("%+v.String() = %q, want %q", c.t, got, c.want)
		}
	}
	if (Total{}).Complete() {
		t.Error("a total over no kommune is complete")
	}
}

// TestSummarizeKeepsTemplatesApart: a year's reports on another edition of the
// form get their own tables, and the same kommune on two editions is no
// duplicate.
func TestSummarizeKeepsTemplatesApart(t *testing.T) {
	mini := loadMini(t)
	reg, err := NewRegistry(arsrapport(t), mini)
	if err != nil {
		t.Fatal(err)
	}
	r := NewReport(mini, now)
	for id, s := range map[string]string{"info.kommune": "Gjøvik kommune", "info.ar": "2012", "status.start": "10", "status.slutt": "4"} {
		if err := r.Input(id, s); err != nil {
			t.Fatal(err)
		}
	}
	s, skipped := Summarize([]SummaryInput{{"gjovik-2012.json", gjovikBytes(t)}, {"halvar.json", mustEncode(t, r)}}, reg)
	if len(skipped) != 0 || len(s.Years) != 2 {
		t.Fatalf("skipped %v, %d years", skipped, len(s.Years))
	}
	y := s.Years[1]
	if y.Template.ID != "halvarsrapport-mini" || len(y.Tables) != 1 || y.Totals["status.resultat"] != (Total{Sum: 6, Count: 1, Of: 1}) {
		t.Errorf("mini year: %+v", y)
	}
	var rows [][]string
	rows, err = csv.NewReader(bytes.NewReader(s.CSV())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if h := rows[0]; h[len(h)-3] != "status.start" {
		t.Errorf("CSV header does not end with the mini template's fields: %v", h)
	}
}

func TestSummarySortsNorwegian(t *testing.T) {
	var in []SummaryInput
	for _, k := range []string{"Ås", "Øyer", "aurskog-Høland", "Ærø", "Zzz", "Bø"} {
		in = append(in, SummaryInput{k, summExport(t, k, "2012", Final, nil)})
	}
	s, _ := Summarize(in, nil)
	var got []string
	for _, r := range s.Years[0].Kommuner {
		got = append(got, r.Kommune)
	}
	if want := []string{"aurskog-Høland", "Bø", "Zzz", "Ærø", "Øyer", "Ås"}; !reflect.DeepEqual(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
}

func TestSummaryCSV(t *testing.T) {
	s, _ := Summarize(summInputs(t), Builtin())
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
	s, _ := Summarize([]SummaryInput{{"=HYPERLINK(x).json", summExport(t, "@SUM(A1)", "2012", Final, nil)}}, nil)
	rows, err := csv.NewReader(bytes.NewReader(s.CSV())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[1][3] != "'@SUM(A1)" || rows[1][4] != "'=HYPERLINK(x).json" {
		t.Errorf("row %q", rows[1])
	}
}

func TestSummaryJSON(t *testing.T) {
	s, _ := Summarize(summInputs(t), Builtin())
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
	if doc.Format != SummaryFormatID || len(doc.Years) != 2 || len(doc.Skipped) != 6 {
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
	if got := (Summary{}).Table(80); got != "Ingen rapporter å summere.\n" {
		t.Errorf("Table = %q", got)
	}
}

func TestSummaryMarkdown(t *testing.T) {
	s, _ := Summarize(summInputs(t), Builtin())
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
	s, _ := Summarize([]SummaryInput{{"a|b.json", summExport(t, "Kommune | *x*", "2012", Final, nil)}}, nil)
	md := string(s.Markdown())
	if !strings.Contains(md, `| Kommune \| \*x\* |`) {
		t.Errorf("name not escaped:\n%s", md)
	}
}

func TestSummaryTable(t *testing.T) {
	s, _ := Summarize(summInputs(t), Builtin())
	for _, width := range []int{80, 60, 100, 132} {
		out := s.Table(width)
		for i, line := range strings.Split(out, "\n") {
			if w := summWidth(line); w > width {
				t.Errorf("width %d: line %d is %d wide: %q", width, i+1, w, line)
			}
		}
	}
	// A terminal too narrow for any table still gets one, never a panic.
	for _, width := range []int{1, 20, 40} {
		if out := s.Table(width); !strings.Contains(out, "Totalt") {
			t.Errorf("Table(%d):\n%s", width, out)
		}
	}
	out80 := s.Table(80)
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
	if !regexpLine(s.Table(0), "─ A ─", "─ sum ─") {
		t.Errorf("Table(0) splits 1.1:\n%s", s.Table(0))
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
	in := []SummaryInput{
		{"a.json", summExport(t, long, "2012", Final, map[string]string{"1.1.A.start": "123 456 789", "1.1.prioritert.omrade": "Husstander med barn som bor i midlertidig bolig over tre måneder"})},
		{"b\x1b[31m.json", []byte("{")},
	}
	s, _ := Summarize(in, nil)
	out := s.Table(80)
	for i, line := range strings.Split(out, "\n") {
		if summWidth(line) > 80 {
			t.Errorf("line %d is %d wide: %q", i+1, summWidth(line), line)
		}
	}
	if !strings.Contains(out, "Porsanger kommune – Porsáŋg…") || strings.Contains(out, "\x1b") || !strings.Contains(out, "b?[31m.json") {
		t.Errorf("Table:\n%s", out)
	}
	if !strings.Contains(s.Table(0), long) {
		t.Error("Table(0) cuts the name")
	}
}

func TestSummWidth(t *testing.T) {
	for s, want := range map[string]int{"Gjøvik": 6, "Porsáŋggu": 9, "e\u0301": 1, "東京": 4, "─ A ─": 5} {
		if got := summWidth(s); got != want {
			t.Errorf("summWidth(%q) = %d, want %d", s, got, want)
		}
	}
	if got := summTrunc("Lillehammer kommune", 10); got != "Lillehamm…" || summWidth(got) != 10 {
		t.Errorf("summTrunc = %q", got)
	}
}

// checkGolden compares output with testdata/<test name>/<name>; run
// `go test ./model -run TestSummary -update-summary` to accept a change.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", t.Name(), name)
	if *updateSummary {
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
		t.Fatalf("%v (run with -update-summary to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file; run with -update-summary if the change is right.\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// summBenchInputs is every municipality in Norway (356) for three years,
// each a full report: Gjøvik's real texts with the kommune, year and figures
// changed, so that every file is as large as a real export (about 30 KB).
func summBenchInputs(b *testing.B) []SummaryInput {
	b.Helper()
	base := gjovik(b)
	var counts []string
	for _, f := range base.Template.InputFields() {
		if f.Type == TypeCount {
			counts = append(counts, f.ID)
		}
	}
	var in []SummaryInput
	for year := 2012; year <= 2014; year++ {
		for k := 1; k <= 356; k++ {
			r := gjovik(b)
			r.ID = fmt.Sprintf("bench%03d%d", k, year)
			mustSet(b, r, "info.kommune", TextValue(fmt.Sprintf("Kommune %03d", k)))
			mustSet(b, r, "info.rapporteringsar", NumberValue(int64(year)))
			for i, id := range counts {
				v := NumberValue(int64((k*31 + i*7 + year) % 500))
				if (k+i+year)%17 == 0 {
					v = NA
				}
				mustSet(b, r, id, v)
			}
			if k%3 == 0 {
				r.State = Final
			}
			data, err := Encode(r)
			if err != nil {
				b.Fatal(err)
			}
			in = append(in, SummaryInput{Name: fmt.Sprintf("kommune-%03d-%d.json", k, year), Data: data})
		}
	}
	return in
}

// BenchmarkSummarize356x3 is `boso summary` over a year's worth of Husbanken's
// inbox for three years: 1 068 exports read, checked, computed, laid out as
// the terminal table and as CSV. The target is under a second per operation.
func BenchmarkSummarize356x3(b *testing.B) {
	in := summBenchInputs(b)
	size := 0
	for _, i := range in {
		size += len(i.Data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		s, skipped := Summarize(in, Builtin())
		if len(skipped) != 0 || len(s.Years) != 3 || len(s.Years[2].Kommuner) != 356 {
			b.Fatalf("skipped %v, %d years", skipped, len(s.Years))
		}
		if len(s.Table(80)) == 0 || len(s.CSV()) == 0 {
			b.Fatal("empty output")
		}
	}
}
