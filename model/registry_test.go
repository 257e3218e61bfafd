package model

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

// A bad file among good ones is left out with its file and line; the
// built-in editions and the good file still load.
func TestLoadRegistrySkipsABadFile(t *testing.T) {
	good := strings.Replace(miniYAML, "id: broken", "id: god", 1)
	bad := strings.Replace(miniYAML, "{id: a.kommentar, label:", "{id: a.kommentar, lable:", 1)
	reg, skipped := LoadRegistry([]TemplateFile{
		{Name: "maler/darlig.yaml", Data: []byte(bad)},
		{Name: "maler/god.yaml", Data: []byte(good)},
	})
	if len(skipped) != 1 || skipped[0].Error() != "maler/darlig.yaml:15: ukjent nøkkel «lable»" {
		t.Fatalf("skipped %v", skipped)
	}
	tm, ok := reg.Lookup("god")
	if !ok || tm.Source() != "maler/god.yaml" {
		t.Fatalf("the good file did not load: %v", tm)
	}
	for _, b := range Builtin().Templates() {
		if got, ok := reg.Lookup(b.ID); !ok || got != b || got.Source() != "innebygd" {
			t.Errorf("built-in %s lost next to the files", b.ID)
		}
	}
}

// Every problem of a file is listed, each on its own line, in line order.
func TestTemplateErrorListsEveryProblem(t *testing.T) {
	src := strings.NewReplacer(
		"year_field: info.ar", "year_field: info.aar",
		"{field: a.slutt,", "{field: a.end,",
	).Replace(miniYAML)
	_, err := ParseTemplateFile("x.yaml", []byte(src))
	want := "x.yaml:3: year_field: feltet info.aar finnes ikke\n" +
		"x.yaml:17: regelen gjelder feltet a.end, som ikke finnes"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

// Versions of one edition live side by side; the newest is the one looked
// up, and one version twice is refused with where the first came from.
func TestRegistryVersionsAndDefault(t *testing.T) {
	v1 := strings.Replace(miniYAML, "id: broken", "id: ed", 1)
	v2 := strings.Replace(v1, "id: ed\n", "id: ed\nversion: 2\ndefault: true\n", 1)
	other := strings.Replace(miniYAML, "id: broken", "id: zz", 1)
	reg, skipped := LoadRegistry([]TemplateFile{{"v2.yaml", []byte(v2)}, {"v1.yaml", []byte(v1)}, {"zz.yaml", []byte(other)}, {"igjen.yaml", []byte(v1)}})
	if len(skipped) != 1 || !strings.Contains(skipped[0].Error(), "igjen.yaml:2: malen ed versjon 1 finnes allerede (v1.yaml)") {
		t.Errorf("skipped %v", skipped)
	}
	if tm, _ := reg.Lookup("ed"); tm.Version != 2 {
		t.Errorf("Lookup gives version %d", tm.Version)
	}
	if d := reg.Default(); d.ID != "ed" {
		t.Errorf("default %s, want ed: the newest edition marked default: zz is not marked", d.ID)
	}
	if d := Builtin().Default(); d.ID != "arsrapport-2012" {
		t.Errorf("built-in default %s", d.ID)
	}
}

func TestLabelFillsEveryYearPlaceholder(t *testing.T) {
	if got := Label("{Y-1}–{Y}–{Y+1}", 2013, true); got != "2012–2013–2014" {
		t.Errorf("Label = %q", got)
	}
	if got := Label("pr. 31.12.{Y-1}", 0, false); got != "pr. 31.12.ÅÅÅÅ" {
		t.Errorf("Label without a year = %q", got)
	}
}

// A report of an older version opens under the newest: renamed answers
// move, and an answer with no place in the newest version (gone, computed
// now, or of another kind) is retired, never dropped.
func TestOlderVersionMigrates(t *testing.T) {
	v1 := strings.Replace(miniYAML, "{id: info.ar, label: År, type: year}", "{id: info.ar, label: År, type: year}\n      - {id: a.merknad, label: M, type: text}\n      - {id: a.tall, label: T, type: text}", 1)
	v2 := strings.NewReplacer(
		"id: broken\n", "id: broken\nversion: 2\nrenamed: {a.merknad: a.notat}\n",
		"{id: a.merknad, label: M, type: text}", "{id: a.notat, label: N, type: text}",
		"{id: a.tall, label: T, type: text}", "{id: a.tall, label: T, type: count}",
	).Replace(v1)
	reg, skipped := LoadRegistry([]TemplateFile{{"v1.yaml", []byte(v1)}, {"v2.yaml", []byte(v2)}})
	if len(skipped) > 0 {
		t.Fatal(skipped)
	}
	old := `{"format": "boso.report.v1", "template": "broken", "id": "x", "state": "draft",
		"values": {"a.merknad": "flyttet", "a.tall": "tolv", "a.resultat": 3, "a.start": 7, "a.borte": null},
		"retired": {"a.eldst": "fra versjon 0"}}`
	r, err := Decode([]byte(old), reg)
	if err != nil {
		t.Fatal(err)
	}
	if r.Template.Version != 2 || r.Value("a.notat") != TextValue("flyttet") || r.Value("a.start") != NumberValue(7) {
		t.Errorf("version %d, values %v", r.Template.Version, r.Values())
	}
	want := map[string]Value{"a.tall": TextValue("tolv"), "a.resultat": NumberValue(3), "a.borte": NA, "a.eldst": TextValue("fra versjon 0")}
	if got := r.Retired(); !reflect.DeepEqual(got, want) {
		t.Errorf("retired %v, want %v", got, want)
	}
	if err := r.RemoveRetired("a.borte"); err != nil || len(r.Retired()) != 3 {
		t.Errorf("RemoveRetired: %v, %v", err, r.Retired())
	}
	// A version newer than any installed is not read, and says what is missing.
	newer := strings.Replace(old, `"state"`, `"template_version": 3, "state"`, 1)
	var ee *EditionError
	if _, err := Decode([]byte(newer), reg); !errors.As(err, &ee) || ee.Template != "broken" || ee.Version != 3 {
		t.Errorf("Decode of version 3: %v", err)
	}
}

// The example in the guide for template writers is a sound template, so
// the guide cannot drift from what the loader accepts.
func TestTemplateGuideExampleLoads(t *testing.T) {
	data, err := os.ReadFile("templates/README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "```yaml\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("no yaml example in templates/README.md")
	}
	tm, err := ParseTemplate([]byte(example))
	if err != nil {
		t.Fatalf("the guide's example does not load:\n%v", err)
	}
	r := NewReport(tm, now)
	mustSet(t, r, "info.ar", NumberValue(2015))
	if got := r.Prompts(tm.Field("status.vurdering")); got[1] != "Hva gjenstår til 2016" {
		t.Errorf("prompts %v", got)
	}
}

func TestLabelLeavesOtherBracesAlone(t *testing.T) {
	for in, want := range map[string]string{
		"{Y":              "{Y",
		"{Y+2} og {Y}":    "{Y+2} og 2013",
		"{Yr} {Y+1}{Y-1}": "{Yr} 20142012",
		"ingen":           "ingen",
	} {
		if got := Label(in, 2013, true); got != want {
			t.Errorf("Label(%q) = %q, want %q", in, got, want)
		}
	}
}
