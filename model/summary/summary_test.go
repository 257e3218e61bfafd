package summary

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"boso/model"
)

// summExport is an export made as a case worker would make it: a new report,
// answers typed as on the screens ("1 455", "X"), then Encode.
func summExport(tb testing.TB, kommune, year string, state model.State, typed map[string]string) []byte {
	tb.Helper()
	r := model.NewReport(arsrapport(tb), now)
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
	if state == model.Final {
		// Finalize would ask for every answer; the summary only reads the state.
		r.State, r.FinalizedAt = model.Final, &now
	}
	return mustEncode(tb, r)
}

// summInputs is Husbanken's inbox: Gjøvik's real 2012 report (a draft), two
// more kommuner for 2012 (one final with an X, one draft with empty cells),
// Gjøvik for 2013, and files that must be skipped: broken JSON, a duplicate
// of Gjøvik 2012 written differently, another format, and reports without
// kommune or year.
func summInputs(tb testing.TB) []Input {
	tb.Helper()
	hamar := summExport(tb, "Hamar kommune", "2012", model.Final, map[string]string{
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
	lillehammer := summExport(tb, "Lillehammer kommune", "2012", model.Draft, map[string]string{
		"1.1.A.start": "3",
		"1.1.B.start": "1", "1.1.B.slutt": "0",
		"1.1.C.start": "10", "1.1.C.slutt": "8",
		"2.C.1.bostotte.antall": "1 455",
		"2.C.2.boliger.antall":  "400",
	})
	gjovik2013 := summExport(tb, "Gjøvik kommune", "2013", model.Final, map[string]string{
		"1.1.A.start": "8", "1.1.A.slutt": "6",
		"1.1.B.start": "11", "1.1.B.slutt": "9",
		"1.1.C.start": "30", "1.1.C.slutt": "25",
		"2.C.1.bostotte.antall": "1 500",
	})
	duplicate := summExport(tb, "  gjøvik   KOMMUNE ", "2012", model.Final, map[string]string{"1.1.A.start": "999"})
	otherFormat := editFixture(tb, func(doc, _ map[string]any) { doc["format"] = "boso.report.v2" })
	return []Input{
		{"gjovik-2012.json", gjovikBytes(tb)},
		{"hamar-2012.json", hamar},
		{"broken.json", []byte(`{"format": "boso.report.v1", "values": {`)},
		{"lillehammer-2012.json", lillehammer},
		{"gjovik-2012-kopi.json", duplicate},
		{"v2.json", otherFormat},
		{"gjovik-2013.json", gjovik2013},
		{"uten-kommune.json", summExport(tb, "", "2012", model.Draft, nil)},
		{"uten-år.json", summExport(tb, "Elverum kommune", "", model.Draft, nil)},
		{"tom-rapport.json", summExport(tb, "", "", model.Draft, nil)},
	}
}

func TestSummarizeSkips(t *testing.T) {
	s, skipped := Summarize(summInputs(t), model.Builtin())
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
	_, err := model.Decode([]byte(`{"format": "boso.report.v1", "values": {`), model.Builtin())
	if err == nil || skipped[0].Reason != err.Error() {
		t.Errorf("broken file's reason %q, import says %v", skipped[0].Reason, err)
	}
}

// TestSummarizeDuplicateKeepsTheFirst: the order given decides, even when the
// later file is final and the earlier a draft.
func TestSummarizeDuplicateKeepsTheFirst(t *testing.T) {
	a := summExport(t, "Ås kommune", "2012", model.Draft, map[string]string{"1.1.A.start": "1"})
	b := summExport(t, "ÅS\tKommune", "2012", model.Final, map[string]string{"1.1.A.start": "2"})
	s, skipped := Summarize([]Input{{"b.json", b}, {"a.json", a}}, nil)
	if len(skipped) != 1 || skipped[0].Name != "a.json" || !strings.Contains(skipped[0].Reason, "som b.json") {
		t.Fatalf("skipped = %q", skipped)
	}
	if r := s.Years[0].Kommuner[0]; r.File != "b.json" || r.Kommune != "ÅS Kommune" || r.Values["1.1.A.start"] != model.NumberValue(2) {
		t.Errorf("kept %+v", r)
	}
}

func TestSummarizeRowsAndTotals(t *testing.T) {
	s, _ := Summarize(summInputs(t), model.Builtin())
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
		row  Row
		id   string
		want model.Value
	}{
		{gj, "1.1.A.start", model.NumberValue(7)},
		{gj, "1.1.A.resultat", model.NumberValue(-1)},
		{gj, "1.1.sum.start", model.NumberValue(34)},
		{gj, "1.1.sum.resultat", model.NumberValue(-15)},
		{gj, "1.1.prioritert.start", model.NA},
		{gj, "2.C.1.fra_leie_til_eie.antall", model.NA},
		{gj, "2.C.1.bostotte.antall", model.NumberValue(1455)},
		{gj, "2.C.2.boliger.antall", model.NumberValue(930)},
		{ha, "1.1.C.start", model.NA},
		{ha, "1.1.C.resultat", model.NA}, // computed from an X
		{ha, "1.1.sum.start", model.NA},
		{ha, "1.1.sum.slutt", model.NumberValue(35)},
		{ha, "1.1.prioritert.resultat", model.NumberValue(5)},
		{li, "1.1.A.slutt", model.Value{}},    // not answered
		{li, "1.1.A.resultat", model.Value{}}, // not computed yet: an answer is missing
		{li, "1.1.B.resultat", model.NumberValue(1)},
		{li, "1.1.sum.start", model.NumberValue(14)},
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

// TestSummarizeMergesEditionsOfAYear: a year is one year whatever edition
// each report follows: the editions' tables are merged by field id, and the
// same kommune on two editions is a duplicate.
func TestSummarizeMergesEditionsOfAYear(t *testing.T) {
	mini := loadMini(t)
	reg, err := model.NewRegistry(arsrapport(t), mini)
	if err != nil {
		t.Fatal(err)
	}
	halvar := func(kommune string) []byte {
		r := model.NewReport(mini, now)
		for id, s := range map[string]string{"info.kommune": kommune, "info.ar": "2012", "status.start": "10", "status.slutt": "4"} {
			if err := r.Input(id, s); err != nil {
				t.Fatal(err)
			}
		}
		return mustEncode(t, r)
	}
	s, skipped := Summarize([]Input{{"gjovik-2012.json", gjovikBytes(t)}, {"hamar.json", halvar("Hamar kommune")}, {"gjovik-halvar.json", halvar("Gjøvik kommune")}}, reg)
	if len(skipped) != 1 || skipped[0].Name != "gjovik-halvar.json" || !strings.Contains(skipped[0].Reason, "samme kommune og år som gjovik-2012.json") {
		t.Errorf("skipped %v, want the second Gjøvik 2012 as a duplicate", skipped)
	}
	if len(s.Years) != 1 {
		t.Fatalf("%d years, want one: 2012", len(s.Years))
	}
	y := s.Years[0]
	var tables []string
	for _, tb := range y.Tables {
		tables = append(tables, tb.ID)
	}
	if want := []string{"1.1", "1.1.prioritert", "2.C.1", "2.C.2", "status"}; !reflect.DeepEqual(tables, want) || len(y.Kommuner) != 2 {
		t.Fatalf("tables %v, want %v; %d kommuner", tables, want, len(y.Kommuner))
	}
	if y.Totals["status.resultat"] != (Total{Sum: 6, Count: 1, Of: 2}) || y.Totals["1.1.A.start"] != (Total{Sum: 7, Count: 1, Of: 2}) {
		t.Errorf("totals %+v %+v", y.Totals["status.resultat"], y.Totals["1.1.A.start"])
	}
	rows, err := csv.NewReader(bytes.NewReader(s.CSV())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if h := rows[0]; h[len(h)-3] != "status.start" {
		t.Errorf("CSV header does not end with the mini template's fields: %v", h)
	}
	if rows[1][1] != "arsrapport-2012" || rows[2][1] != "halvarsrapport-mini" || rows[3][1] != "arsrapport-2012+halvarsrapport-mini" {
		t.Errorf("CSV template column: %q %q %q", rows[1][1], rows[2][1], rows[3][1])
	}
}

func TestSummarySortsNorwegian(t *testing.T) {
	var in []Input
	for _, k := range []string{"Ås", "Øyer", "aurskog-Høland", "Ærø", "Zzz", "Bø"} {
		in = append(in, Input{k, summExport(t, k, "2012", model.Final, nil)})
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

// summBenchInputs is every municipality in Norway (356) for three years,
// each a full report: Gjøvik's real texts with the kommune, year and figures
// changed, so that every file is as large as a real export (about 30 KB).
func summBenchInputs(b *testing.B) []Input {
	b.Helper()
	base := gjovik(b)
	var counts []string
	for _, f := range base.Template.InputFields() {
		if f.Type == model.TypeCount {
			counts = append(counts, f.ID)
		}
	}
	var in []Input
	for year := 2012; year <= 2014; year++ {
		for k := 1; k <= 356; k++ {
			r := gjovik(b)
			r.ID = fmt.Sprintf("bench%03d%d", k, year)
			mustSet(b, r, "info.kommune", model.TextValue(fmt.Sprintf("Kommune %03d", k)))
			mustSet(b, r, "info.rapporteringsar", model.NumberValue(int64(year)))
			for i, id := range counts {
				v := model.NumberValue(int64((k*31 + i*7 + year) % 500))
				if (k+i+year)%17 == 0 {
					v = model.NA
				}
				mustSet(b, r, id, v)
			}
			if k%3 == 0 {
				r.State = model.Final
			}
			data, err := model.Encode(r)
			if err != nil {
				b.Fatal(err)
			}
			in = append(in, Input{Name: fmt.Sprintf("kommune-%03d-%d.json", k, year), Data: data})
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
		s, skipped := Summarize(in, model.Builtin())
		if len(skipped) != 0 || len(s.Years) != 3 || len(s.Years[2].Kommuner) != 356 {
			b.Fatalf("skipped %v, %d years", skipped, len(s.Years))
		}
		if len(s.Text(80)) == 0 || len(s.CSV()) == 0 {
			b.Fatal("empty output")
		}
	}
}
