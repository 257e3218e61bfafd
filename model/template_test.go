package model

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

func loadMini(t *testing.T) *Template {
	t.Helper()
	data, err := os.ReadFile("testdata/halvarsrapport-mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := ParseTemplate(data)
	if err != nil {
		t.Fatalf("ParseTemplate(halvarsrapport-mini): %v", err)
	}
	return tmpl
}

// TestNewEditionIsAYAMLFile takes a second, made-up edition through
// everything the program does with a report, with no code of its own.
func TestNewEditionIsAYAMLFile(t *testing.T) {
	mini := loadMini(t)
	if mini.ID != "halvarsrapport-mini" || len(mini.Sections) != 2 {
		t.Fatalf("template %s with %d sections", mini.ID, len(mini.Sections))
	}
	if n := len(mini.InputFields()); n != 6 {
		t.Errorf("%d input fields, want 6", n)
	}
	if cf := mini.ComputedFields(); len(cf) != 1 || cf[0].ID != "status.resultat" ||
		!reflect.DeepEqual(cf[0].Inputs(), []string{"status.start", "status.slutt"}) {
		t.Errorf("computed fields %v", cf)
	}

	reg, err := NewRegistry(arsrapport(t), mini)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, tm := range reg.Templates() {
		ids = append(ids, tm.ID)
	}
	if !reflect.DeepEqual(ids, []string{"arsrapport-2012", "halvarsrapport-mini"}) {
		t.Errorf("registry holds %v", ids)
	}
	if got, ok := reg.Lookup("halvarsrapport-mini"); !ok || got != mini {
		t.Error("Lookup(halvarsrapport-mini) failed")
	}

	r := NewReport(mini, now)
	if r.Value("info.kontakt") != TextValue("Programleder") {
		t.Error("default not filled in")
	}
	for _, in := range []struct{ id, typed string }{
		{"info.kommune", "Gjøvik kommune"},
		{"info.ar", "2013"},
		{"status.start", "1 200"},
		{"status.slutt", "1150"},
	} {
		if err := r.Input(in.id, in.typed); err != nil {
			t.Fatalf("Input(%s, %q): %v", in.id, in.typed, err)
		}
	}
	if got := Compute(r)["status.resultat"]; got != NumberValue(50) {
		t.Errorf("status.resultat = %+v, want 50", got)
	}
	if ps := Validate(r); len(ps) != 0 {
		t.Fatalf("problems:\n%s", problemList(ps))
	}
	if d, ok := r.Deadline(); !ok || d.Format(time.DateOnly) != "2013-08-31" {
		t.Errorf("deadline %v %v, want 2013-08-31 from the template", d, ok)
	}
	if got := r.Label(mini.Field("status.slutt").Label); got != "Uten egnet bolig pr. 30.06.2013" {
		t.Errorf("label %q", got)
	}

	// The template's own rule, with its message filled in the Norwegian way.
	if err := r.Input("status.slutt", "2500"); err != nil {
		t.Fatal(err)
	}
	ps := Validate(r)
	want := "Behovet pr. 30.06 (2 500) er mer enn dobbelt så stort som pr. 01.01 (1 200); sjekk tallene."
	if len(ps) != 1 || ps[0].FieldID != "status.slutt" || ps[0].Message != want || ps[0].Section != mini.Sections[1] {
		t.Fatalf("problems %v, want one on status.slutt: %q", ps, want)
	}
	// Its own required fields and counts.
	mustSet(t, r, "info.kommune", Value{})
	mustSet(t, r, "status.start", NA)
	var got []string
	for _, p := range Validate(r) {
		got = append(got, p.FieldID)
	}
	if !reflect.DeepEqual(got, []string{"info.kommune", "status.start"}) {
		t.Errorf("problems on %v", got)
	}
	mustSet(t, r, "info.kommune", TextValue("Gjøvik kommune"))
	mustSet(t, r, "status.start", NumberValue(1200))
	mustSet(t, r, "status.slutt", NumberValue(1150))

	// Export and import through a registry that knows the edition.
	out := mustEncode(t, r)
	doc := decodeJSON(t, out)
	if doc["template"] != "halvarsrapport-mini" || !reflect.DeepEqual(doc["computed"], map[string]any{"status.resultat": 50.0}) {
		t.Errorf("exported template %v computed %v", doc["template"], doc["computed"])
	}
	back, err := Decode(out, reg)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if back.Template != mini || !reflect.DeepEqual(back.Values(), r.Values()) {
		t.Error("values changed on export and import")
	}
	// The built-in registry does not know the edition.
	if _, err := Decode(out, Builtin()); err == nil || !strings.Contains(err.Error(), "halvarsrapport-mini") {
		t.Errorf("Decode with the built-in templates: %v", err)
	}
	// A field of one edition is unknown in the other.
	if _, err := Decode([]byte(strings.Replace(string(out), `"template": "halvarsrapport-mini"`, `"template": "arsrapport-2012"`, 1)), reg); err == nil {
		t.Error("mini's fields accepted as arsrapport-2012's")
	}
	// The schema covers both editions.
	sch := compileSchema(t, reg)
	for _, data := range [][]byte{out, gjovikBytes(t)} {
		if err := schemaValidate(t, sch, data); err != nil {
			t.Errorf("schema: %v", err)
		}
	}

	// Carry-over as the edition's YAML says.
	next := CarryOverFrom(r, now)
	wantNext := map[string]Value{
		"info.kommune": TextValue("Gjøvik kommune"), "info.ar": NumberValue(2014),
		"info.kontakt": TextValue("Programleder"), "status.start": NumberValue(1150),
	}
	if !reflect.DeepEqual(next.Values(), wantNext) {
		t.Errorf("carried over %v, want %v", next.Values(), wantNext)
	}
}

func TestNewRegistryRefusesTwoTemplatesWithOneID(t *testing.T) {
	if _, err := NewRegistry(loadMini(t), loadMini(t)); err == nil || !strings.Contains(err.Error(), "halvarsrapport-mini") {
		t.Errorf("NewRegistry with a duplicate: %v", err)
	}
}

// Every embedded edition loads: a broken one would be left out at run time.
func TestBuiltinTemplatesLoad(t *testing.T) {
	for _, e := range BuiltinProblems() {
		t.Errorf("embedded template does not load:\n%v", e)
	}
	if d := Builtin().Default(); d == nil || !d.Default {
		t.Errorf("no embedded edition is marked default: true (default %v)", d)
	}
	// Field ids are a contract: ASCII, and each on its section.
	for _, tm := range Builtin().All() {
		for _, f := range tm.Fields() {
			for _, r := range f.ID {
				if r > 127 {
					t.Errorf("%s: field id %q is not ASCII", tm.ID, f.ID)
					break
				}
			}
			if f.Section() == nil || tm.Sections[f.Section().Index()] != f.Section() {
				t.Errorf("%s: field %s has no section", tm.ID, f.ID)
			}
		}
	}
	if _, ok := Builtin().Lookup("halvarsrapport-mini"); ok {
		t.Error("a test template leaked into the built-in registry")
	}
}

// The 2012 edition has the fields of the paper form (model/templates/README.md).
func TestArsrapport2012(t *testing.T) {
	tm := arsrapport(t)
	if len(tm.Fields()) != 71 || len(tm.InputFields()) != 64 || len(tm.ComputedFields()) != 7 {
		t.Errorf("fields %d, inputs %d, computed %d", len(tm.Fields()), len(tm.InputFields()), len(tm.ComputedFields()))
	}
}

// miniYAML is a small sound template; each broken case changes one thing.
const miniYAML = `
id: broken
year_field: info.ar
sections:
  - id: s
    title: S
    table:
      columns: [{key: start, label: Start}, {key: slutt, label: Slutt}, {key: resultat, label: Resultat}]
      rows: [{id: a, label: A}]
    fields:
      - {id: info.ar, label: År, type: year}
      - {id: a.start, label: Start, type: count, comment: a.kommentar}
      - {id: a.slutt, label: Slutt, type: count, comment: a.kommentar}
      - {id: a.resultat, label: Resultat, type: count, compute: 'v("a.start") - v("a.slutt")'}
      - {id: a.kommentar, label: Kommentar, type: longtext}
rules:
  - {field: a.slutt, check: 'v("a.slutt") >= 0', message: "Ok."}
carry_over:
  - {from: a.slutt, to: a.start}
`

func TestParseTemplateRefusesBrokenTemplates(t *testing.T) {
	tests := []struct {
		name     string
		old, new string // the one change made to miniYAML
		want     string // a piece of the error
	}{
		{"sound template", "", "", ""},
		{"unknown field type", "type: longtext}", "type: paragraph}", `malen:15: feltet a.kommentar har ukjent type «paragraph»`},
		{"duplicate id", "{id: a.kommentar,", "{id: a.start,", "malen:15: feltet a.start finnes fra før"},
		{"field without id", "{id: a.kommentar, ", "{", "malen:15: et felt i s mangler id"},
		{"template without id", "id: broken\n", "", "malen mangler id"},
		{"expression reads an unknown field", `v("a.start") - v("a.slutt")`, `v("a.start") - v("a.end")`, "malen:14: feltet a.resultat: uttrykket leser feltet a.end, som ikke finnes"},
		{"v() without a string literal", `v("a.start") - v("a.slutt")`, `v(a) - v("a.slutt")`, "anførselstegn"},
		{"v() with an id built at run time", `v("a.start") - v("a.slutt")`, `v("a." + "start")`, "anførselstegn"},
		{"v() with two arguments", `v("a.start") - v("a.slutt")`, `v("a.start", "a.slutt")`, "én felt-id"},
		{"expression that does not parse", `v("a.start") - v("a.slutt")`, `v("a.start") -`, "malen:14: feltet a.resultat: uttrykket kan ikke leses"},
		{"computed field reads itself", `v("a.start") - v("a.slutt")`, `v("a.resultat") + 1`, "regnes ut senere"},
		{"computed text", "type: count, compute:", "type: text, compute:", "bare count-felt"},
		{"table cell without a field", "{key: resultat, label: Resultat}", "{key: endring, label: Endring}", "malen:7: tabellen i s: cellen a.endring har ikke noe felt"},
		{"unknown YAML key", "{id: a.kommentar, label:", "{id: a.kommentar, lable:", "malen:15: ukjent nøkkel «lable»"},
		{"wrong YAML type", "{id: info.ar, label: År, type: year}", "{id: info.ar, label: År, type: year, min: tjue}", "malen:11: verdien «tjue» passer ikke her (skal være et helt tall)"},
		{"comment field that does not exist", "comment: a.kommentar}\n      - {id: a.resultat", "comment: a.merknad}\n      - {id: a.resultat", "malen:13: feltet a.slutt: kommentarfeltet a.merknad finnes ikke"},
		{"rule on an unknown field", "{field: a.slutt,", "{field: a.end,", "malen:17: regelen gjelder feltet a.end, som ikke finnes"},
		{"rule reading an unknown field", `check: 'v("a.slutt") >= 0'`, `check: 'v("a.end") >= 0'`, "malen:17: regelen på a.slutt: uttrykket leser feltet a.end"},
		{"rule message naming an unknown field", `message: "Ok."`, `message: "Ok ({a.end})."`, "malen:17: meldingen nevner {a.end}"},
		{"carry-over to a computed field", "{from: a.slutt, to: a.start}", "{from: a.slutt, to: a.resultat}", "malen:19: carry_over: feltet a.resultat regnes ut"},
		{"carry-over from an unknown field", "{from: a.slutt, to: a.start}", "{from: a.end, to: a.start}", "malen:19: carry_over: feltet a.end finnes ikke"},
		{"unknown year field", "year_field: info.ar", "year_field: info.aar", "malen:3: year_field: feltet info.aar finnes ikke"},
		{"text year field", "{id: info.ar, label: År, type: year}", "{id: info.ar, label: År, type: text}", "malen:3: year_field: feltet info.ar er av typen text"},
		{"renamed to an unknown field", "id: broken\n", "id: broken\nrenamed: {a.gammel: a.ny}\n", "malen:3: renamed: a.gammel skal hete a.ny, men feltet a.ny finnes ikke"},
		{"renamed from a field still there", "id: broken\n", "id: broken\nrenamed: {a.start: a.slutt}\n", "renamed: a.start finnes fortsatt"},
		{"unknown placeholder", "{key: start, label: Start}", `{key: start, label: "Start {Y+2}"}`, "malen:8: ukjent plassholder {Y+2}"},
		{"negative version", "id: broken\n", "id: broken\nversion: -1\n", "malen:3: version skal være 1 eller mer"},
		{"not YAML", "sections:", "sections: [", "ikke gyldig YAML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := miniYAML
			if tt.old != "" || tt.new != "" {
				if !strings.Contains(src, tt.old) {
					t.Fatalf("test edit %q does not apply", tt.old)
				}
				src = strings.Replace(src, tt.old, tt.new, 1)
			}
			tmpl, err := ParseTemplate([]byte(src))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("sound template refused: %v", err)
				}
				if tmpl.Field("a.resultat") == nil {
					t.Fatal("field a.resultat missing")
				}
				return
			}
			if err == nil {
				t.Fatalf("ParseTemplate accepted it")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
	if _, err := ParseTemplate(nil); err == nil {
		t.Error("an empty template was accepted")
	}
}

// A template may bound a year on one side only.
func TestYearBounds(t *testing.T) {
	tests := []struct {
		name   string
		bounds string
		year   int64
		want   string
	}{
		{"both, inside", "min: 2000, max: 2100", 2012, ""},
		{"both, below", "min: 2000, max: 2100", 1999, "Året må være mellom 2000 og 2100."},
		{"min only, below", "min: 2000", 1999, "Året kan ikke være før 2000."},
		{"min only, far above", "min: 2000", 9999, ""},
		{"max only, above", "max: 2100", 2101, "Året kan ikke være etter 2100."},
		{"max only, below", "max: 2100", 1000, ""},
		{"no bounds", "required: true", 1000, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(miniYAML, "{id: info.ar, label: År, type: year}", "{id: info.ar, label: År, type: year, "+tt.bounds+"}", 1)
			tmpl, err := ParseTemplate([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			r := NewReport(tmpl, now)
			mustSet(t, r, "info.ar", NumberValue(tt.year))
			if got := FieldProblem(r, "info.ar"); got != tt.want {
				t.Errorf("FieldProblem = %q, want %q", got, tt.want)
			}
		})
	}
}
