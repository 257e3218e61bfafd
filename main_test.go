package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"boso/model"
	"boso/store"
	"boso/store/faults"
	"boso/tui/about"
)

// cli runs boso in-process against its own draft file.
type cli struct {
	t  *testing.T
	db string
	// templates is the folder of installed editions, the test's own so
	// that no edition of the machine's user leaks in.
	templates string
}

func newCLI(t *testing.T) *cli {
	t.Helper()
	return &cli{t: t, db: filepath.Join(t.TempDir(), "data", "boso.db")}
}

// run returns stdout, stderr and the exit status.
func (c *cli) run(stdin string, args ...string) (string, string, int) {
	c.t.Helper()
	var out, errOut bytes.Buffer
	if c.templates == "" {
		c.templates = filepath.Join(c.t.TempDir(), "maler")
	}
	code := run(append([]string{"--db", c.db, "--templates", c.templates}, args...), strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

// ok runs a command that must succeed and returns its trimmed output.
func (c *cli) ok(args ...string) string {
	c.t.Helper()
	out, errOut, code := c.run("", args...)
	if code != 0 {
		c.t.Fatalf("boso %v: exit %d, stderr %q", args, code, errOut)
	}
	return strings.TrimSpace(out)
}

func (c *cli) count() int {
	c.t.Helper()
	st, err := store.Open(c.db)
	if err != nil {
		c.t.Fatal(err)
	}
	list, err := st.List()
	if err != nil {
		c.t.Fatal(err)
	}
	return len(list)
}

const fixture = "testdata/gjovik-2012.json"

func valuesOf(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var doc struct {
		Values   map[string]any `json:"values"`
		Computed map[string]any `json:"computed"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	return doc.Values
}

// TestGjovikRoundTrip is the acceptance path: import, validate, finalize,
// export, and the same values again after export → import → export.
func TestGjovikRoundTrip(t *testing.T) {
	c := newCLI(t)
	id := c.ok("import", fixture)
	if out := c.ok("validate", id[:6]); !strings.Contains(out, "Ingen mangler") {
		t.Fatalf("validate: %q", out)
	}
	if _, errOut, code := c.run("", "export", id); code != 1 || !strings.Contains(errOut, "--draft") {
		t.Fatalf("exporting a draft without --draft: exit %d, %q", code, errOut)
	}
	c.ok("finalize", id)
	exported := []byte(c.ok("export", id))

	want, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := valuesOf(t, exported), valuesOf(t, want); !jsonEqual(got, want) {
		t.Fatalf("exported values differ from the fixture")
	}
	var doc struct {
		State    string            `json:"state"`
		Computed map[string]*int64 `json:"computed"`
	}
	if err := json.Unmarshal(exported, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.State != "final" {
		t.Errorf("state %q, want final", doc.State)
	}
	wantComputed := map[string]int64{"1.1.A.resultat": -1, "1.1.B.resultat": -7, "1.1.C.resultat": -7,
		"1.1.sum.start": 34, "1.1.sum.slutt": 49, "1.1.sum.resultat": -15}
	for k, v := range wantComputed {
		if doc.Computed[k] == nil || *doc.Computed[k] != v {
			t.Errorf("computed %s = %v, want %d", k, doc.Computed[k], v)
		}
	}
	if p, ok := doc.Computed["1.1.prioritert.resultat"]; !ok || p != nil {
		t.Errorf("1.1.prioritert.resultat should be null, got %v (present %v)", p, ok)
	}

	out := filepath.Join(t.TempDir(), "gjovik.json")
	c.ok("export", id, "-o", out)
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("export file: %v, mode %v", err, fi.Mode())
	}
	id2 := c.ok("import", out)
	again := []byte(c.ok("export", id2, "--draft"))
	if !jsonEqual(valuesOf(t, again), valuesOf(t, exported)) {
		t.Fatal("export → import → export changed the values")
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func TestImportRefusals(t *testing.T) {
	dir := t.TempDir()
	fixtureData, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	withValue := func(key string, v any) []byte {
		var doc map[string]any
		if err := json.Unmarshal(fixtureData, &doc); err != nil {
			t.Fatal(err)
		}
		doc["values"].(map[string]any)[key] = v
		out, _ := json.Marshal(doc)
		return out
	}
	withTop := func(key string, v any) []byte {
		var doc map[string]any
		_ = json.Unmarshal(fixtureData, &doc)
		doc[key] = v
		out, _ := json.Marshal(doc)
		return out
	}
	big := append([]byte(`{"format":"boso.report.v1","x":"`), bytes.Repeat([]byte("a"), model.MaxImportSize)...)
	big = append(big, `"}`...)
	tests := []struct {
		name string
		data []byte
		want string // part of the one sentence on stderr
	}{
		{"not JSON", []byte("Årsrapport 2012\n"), "ikke gyldig JSON"},
		{"empty", []byte(""), "tom"},
		{"over 10 MiB", big, "10 MiB"},
		{"other format", withTop("format", "boso.report.v2"), "boso.report.v2"},
		{"unknown template", withTop("template", "sluttrapport-2015"), "sluttrapport-2015"},
		{"unknown field", withValue("1.1.D.start", 3), "1.1.D.start"},
		{"wrong type", withValue("1.1.A.start", map[string]any{"n": 7}), "1.1.A.start"},
		{"deep nesting", []byte(`{"x":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}`), "nøstet"},
		{"NUL in text", withValue("1.2", "a\x00b"), "kontrolltegn"},
		{"escape sequence in text", withValue("info.kommune", "\x1b]0;pwned\x07Gjøvik"), "kontrolltegn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCLI(t)
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".json")
			if err := os.WriteFile(path, tt.data, 0o600); err != nil {
				t.Fatal(err)
			}
			out, errOut, code := c.run("", "import", path)
			if code != 1 {
				t.Fatalf("exit %d, want 1 (stdout %q)", code, out)
			}
			if !strings.Contains(errOut, tt.want) || !strings.Contains(errOut, path) {
				t.Errorf("stderr %q should name the file and say %q", errOut, tt.want)
			}
			if lines := strings.Count(strings.TrimSpace(errOut), "\n"); lines != 0 {
				t.Errorf("want one sentence, got %d lines: %q", lines+1, errOut)
			}
			if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "\x1b") {
				t.Errorf("stderr leaks internals or control characters: %q", errOut)
			}
			if n := c.count(); n != 0 {
				t.Errorf("%d reports stored, want none", n)
			}
		})
	}
}

func TestImportKeepsNewlinesAndTabs(t *testing.T) {
	c := newCLI(t)
	id := c.ok("import", fixture)
	doc := c.ok("export", id, "--draft")
	var m map[string]any
	_ = json.Unmarshal([]byte(doc), &m)
	m["values"].(map[string]any)["1.2"] = "første\tavsnitt\n\nandre"
	data, _ := json.Marshal(m)
	id2, errOut, code := c.run(string(data), "import", "-")
	if code != 0 {
		t.Fatalf("import -: %d %s", code, errOut)
	}
	out := c.ok("export", strings.TrimSpace(id2), "--draft")
	if got := valuesOf(t, []byte(out))["1.2"]; got != "første\tavsnitt\n\nandre" {
		t.Errorf("1.2 = %q", got)
	}
}

func TestValidatePrintsEveryProblem(t *testing.T) {
	c := newCLI(t)
	data, _ := os.ReadFile(fixture)
	var doc map[string]any
	_ = json.Unmarshal(data, &doc)
	values := doc["values"].(map[string]any)
	values["2.C.1.fastrente.antall"] = 60
	values["info.epost"] = "ola.nav.no"
	delete(values, "info.kommune")
	broken, _ := json.Marshal(doc)
	path := filepath.Join(t.TempDir(), "broken.json")
	_ = os.WriteFile(path, broken, 0o600)

	out, errOut, code := c.run("", "validate", path)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr %q", code, errOut)
	}
	for _, want := range []string{
		"info.kommune (Kommune): Feltet må fylles ut.",
		"info.epost (E-post): ",
		"2.C.1.fastrente.antall (Herav antall med fastrente): Herav fastrente (60) kan ikke være større enn fullfinansierte boligkjøp (50).",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("validate output lacks %q:\n%s", want, out)
		}
	}
	if _, _, code := c.run("", "validate", filepath.Join(t.TempDir(), "missing.json")); code != 2 {
		t.Errorf("unreadable file: exit %d, want 2", code)
	}
	if _, _, code := c.run("", "validate", "-"); code != 2 {
		t.Errorf("empty stdin: exit %d, want 2", code)
	}
	id := c.ok("import", path)
	if _, _, code := c.run("", "finalize", id); code != 1 {
		t.Errorf("finalize with problems: exit %d, want 1", code)
	}
	if out := c.ok("list"); !strings.Contains(out, "kladd") {
		t.Errorf("report should still be a draft: %q", out)
	}
}

func TestNewFromCarriesOver(t *testing.T) {
	c := newCLI(t)
	prev := c.ok("import", fixture)
	next := c.ok("new", "--from", prev)
	out := c.ok("export", next, "--draft")
	values := valuesOf(t, []byte(out))
	for id, want := range map[string]any{"1.1.A.start": 8.0, "1.1.B.start": 11.0, "1.1.C.start": 30.0,
		"info.rapporteringsar": 2013.0, "info.kommune": "Gjøvik kommune", "info.programstart": "2010-12-22", "1.1.prioritert.omrade": "Antall barnefamilier med boligbehov"} {
		if values[id] != want {
			t.Errorf("%s = %v, want %v", id, values[id], want)
		}
	}
	for _, id := range []string{"info.rapporteringsdato", "1.1.A.slutt", "1.2", "2.C.1.fullfinansiert.antall"} {
		if _, ok := values[id]; ok {
			t.Errorf("%s should start empty, got %v", id, values[id])
		}
	}
	if !strings.Contains(out, `"carried_from": "`+prev+`"`) {
		t.Errorf("carried_from should be %s", prev)
	}
	if _, errOut, code := c.run("", "new", "--from", "ffff"); code != 1 || !strings.Contains(errOut, "ffff") {
		t.Errorf("unknown --from: %d %q", code, errOut)
	}
}

func TestListTemplateSchemaBackupDelete(t *testing.T) {
	c := newCLI(t)
	if out := c.ok("list"); !strings.Contains(out, "Ingen rapporter") {
		t.Errorf("empty list: %q", out)
	}
	id := c.ok("import", fixture)
	c.ok("new")
	var list []store.Summary
	if err := json.Unmarshal([]byte(c.ok("list", "--json")), &list); err != nil || len(list) != 2 {
		t.Fatalf("list --json: %v %v", err, list)
	}
	if out := c.ok("list"); !strings.Contains(out, "Gjøvik kommune") || !strings.Contains(out, "2012") {
		t.Errorf("list: %q", out)
	}
	if out := c.ok("templates"); !strings.Contains(out, "arsrapport-2012") {
		t.Errorf("templates: %q", out)
	}
	show := c.ok("template", "show", "arsrapport-2012")
	for _, want := range []string{"1.1.A.resultat", `v("1.1.A.start") - v("1.1.A.slutt")`, "info.telefon", "(påkrevd)"} {
		if !strings.Contains(show, want) {
			t.Errorf("template show lacks %q", want)
		}
	}
	var fields map[string]any
	if err := json.Unmarshal([]byte(c.ok("template", "show", "arsrapport-2012", "--json")), &fields); err != nil {
		t.Errorf("template show --json: %v", err)
	}
	var schema map[string]any
	if err := json.Unmarshal([]byte(c.ok("schema")), &schema); err != nil || schema["$schema"] == nil {
		t.Errorf("schema: %v", err)
	}

	backup := filepath.Join(t.TempDir(), "kopi.db")
	c.ok("backup", backup)
	copyCLI := &cli{t: t, db: backup}
	if out := copyCLI.ok("list"); !strings.Contains(out, "Gjøvik") {
		t.Errorf("backup lacks the report: %q", out)
	}

	if _, _, code := c.run("nei\n", "delete", id); code != 1 || c.count() != 2 {
		t.Errorf("delete answered no: exit %d, %d reports", code, c.count())
	}
	c.ok("delete", id, "--yes")
	if c.count() != 1 {
		t.Errorf("after delete: %d reports", c.count())
	}
	if _, errOut, code := c.run("", "export", id); code != 1 || !strings.Contains(errOut, id) {
		t.Errorf("export of a deleted report: %d %q", code, errOut)
	}
}

func TestIDPrefixAndReopen(t *testing.T) {
	c := newCLI(t)
	id := c.ok("import", fixture)
	c.ok("finalize", id[:4])
	if _, errOut, code := c.run("", "export", ""); code != 1 || errOut == "" {
		t.Errorf("empty id: %d %q", code, errOut)
	}
	c.ok("reopen", id[:5], "--yes")
	if out := c.ok("list"); !strings.Contains(out, "kladd") {
		t.Errorf("reopen: %q", out)
	}
	if _, errOut, code := c.run("", "export", "--format", "pdf", id); code != 1 || !strings.Contains(errOut, "pdf") {
		t.Errorf("unknown format: %d %q", code, errOut)
	}
	md := c.ok("export", id, "--draft", "--format", "md")
	for _, want := range []string{"# Rapportering i Boligsosialt utviklingsprogram – Årsrapport 2012 – Kommune: Gjøvik kommune",
		"| A. Antall husstander uten eid eller leid bolig    |          7 |          8 |       -1 |", "|          X |"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
}

func TestDamagedDraftFile(t *testing.T) {
	c := newCLI(t)
	if err := os.MkdirAll(filepath.Dir(c.db), 0o700); err != nil {
		t.Fatal(err)
	}
	junk := []byte("this is not a bbolt file, and must stay as it is")
	if err := os.WriteFile(c.db, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := c.run("", "list")
	if code == 0 || !strings.Contains(errOut, c.db) || !strings.Contains(errOut, "backup") {
		t.Errorf("damaged file: exit %d, %q", code, errOut)
	}
	if got, _ := os.ReadFile(c.db); !bytes.Equal(got, junk) {
		t.Error("the damaged file was changed")
	}
}

func TestUnknownCommandAndFlag(t *testing.T) {
	c := newCLI(t)
	for _, args := range [][]string{{"exprot"}, {"list", "--jsno"}} {
		_, errOut, code := c.run("", args...)
		if code == 0 || !strings.HasPrefix(errOut, "boso: ") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
}

// BenchmarkList is `boso list` over a file of 1,000 reports, as a script sees it.
func BenchmarkList(b *testing.B) {
	db := filepath.Join(b.TempDir(), "boso.db")
	st, err := store.Open(db)
	if err != nil {
		b.Fatal(err)
	}
	tmpl, _ := model.Builtin().Lookup("arsrapport-2012")
	for i := range 1000 {
		r := model.NewReport(tmpl, time.Now())
		_ = r.Input("info.kommune", "Kommune "+string(rune('A'+i%26)))
		if _, err := store.PutReport(st, r, "", 0); err != nil {
			b.Fatal(err)
		}
	}
	var out bytes.Buffer
	b.ResetTimer()
	for b.Loop() {
		out.Reset()
		if code := run([]string{"--db", db, "list"}, strings.NewReader(""), &out, &out); code != 0 {
			b.Fatal(out.String())
		}
	}
}

func TestHelpAndErrorsAreNorwegian(t *testing.T) {
	c := newCLI(t)
	help := c.ok("--help")
	for _, want := range []string{"Bruk:", "Kommandoer:", "Valg:", "vis hjelp for «boso»", "Lag skript for fullføring"} {
		if !strings.Contains(help, want) {
			t.Errorf("--help lacks %q", want)
		}
	}
	for _, unwanted := range []string{"[flags]", "(default", "Flags:", "Usage:"} {
		for _, args := range [][]string{{"--help"}, {"export", "--help"}, {"completion", "bash", "--help"}} {
			if out := c.ok(args...); strings.Contains(out, unwanted) {
				t.Errorf("%v shows cobra's English %q:\n%s", args, unwanted, out)
			}
		}
	}
	if out := c.ok("export", "--help"); !strings.Contains(out, "boso export REPORT [valg]") || !strings.Contains(out, `(standard: "json")`) {
		t.Errorf("export --help:\n%s", out)
	}
}

// TestUsageErrorsExit2: a wrong command, subcommand, flag or argument exits
// 2, apart from 1 for "the command ran and found problems"; a typo gets
// cobra's guess, in Norwegian.
func TestUsageErrorsExit2(t *testing.T) {
	c := newCLI(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"exprot"}, "ukjent kommando «exprot»; mente du export? Se «boso --help»."},
		{[]string{"exprt"}, "mente du export?"},
		{[]string{"nosuch"}, "ukjent kommando «nosuch»; se «boso --help»."},
		{[]string{"template", "nosuch"}, "ukjent kommando «nosuch»; se «boso template --help»."},
		{[]string{"template", "sho"}, "mente du show?"},
		{[]string{"completion", "bsh"}, "mente du bash, fish eller zsh?"},
		{[]string{"list", "--jsno"}, "ukjent valg --jsno"},
		{[]string{"export", "--format"}, "valget --format trenger en verdi; se «boso export --help»."},
		{[]string{"export", "x", "-o"}, "valget -o trenger en verdi; se «boso export --help»."},
		{[]string{"list", "--json=kanskje"}, "«kanskje» er ikke en gyldig verdi for --json"},
		{[]string{"list", "-q"}, "ukjent valg -q; se «boso list --help»."},
		{[]string{"help", "exprt"}, "mente du export?"},
		{[]string{"list", "alle"}, "«boso list» tar ingen argumenter (fikk «alle»)"},
		{[]string{"version", "x"}, "«boso version» tar ingen argumenter (fikk «x»); se «boso version --help»."},
		{[]string{"export"}, "«boso export» trenger én rapport-id"},
		{[]string{"import", "a.json", "b.json"}, "«boso import» trenger én fil"},
		{[]string{"man", "a", "b"}, "«boso man» trenger høyst én mappe"},
	}
	for _, tt := range tests {
		out, errOut, code := c.run("", tt.args...)
		if code != 2 || !strings.Contains(errOut, tt.want) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", tt.args, code, out, errOut, tt.want)
		}
	}
	// A group without its subcommand shows what it offers.
	if out := c.ok("template"); !strings.Contains(out, "boso template [kommando]") {
		t.Errorf("boso template:\n%s", out)
	}
	id := c.ok("new")
	if _, errOut, code := c.run("", "validate", id); code != 1 || !strings.Contains(errOut, "må rettes") {
		t.Errorf("validate with problems: exit %d, %q; want 1", code, errOut)
	}
	if out := c.ok("completion", "bash"); !strings.Contains(out, "boso") {
		t.Error("completion bash printed no script")
	}
}

func TestSummaryOverExports(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	// Hamar is Gjøvik's report with its name changed: a second kommune.
	data, _ := os.ReadFile(fixture)
	hamarFile := filepath.Join(dir, "hamar.json")
	_ = os.WriteFile(hamarFile, bytes.Replace(data, []byte(`"Gjøvik kommune"`), []byte(`"Hamar kommune"`), 1), 0o600)
	broken := filepath.Join(dir, "broken.json")
	_ = os.WriteFile(broken, []byte("{"), 0o600)
	duplicate := filepath.Join(dir, "kopi.json")
	_ = os.WriteFile(duplicate, data, 0o600)

	out, errOut, code := c.run("", "summary", fixture, hamarFile, broken, duplicate)
	if code != 1 {
		t.Fatalf("exit %d, want 1 when files were skipped", code)
	}
	for _, want := range []string{"Gjøvik kommune", "Hamar kommune", "Totalt"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	for _, want := range []string{broken, duplicate} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr should name %s: %q", want, errOut)
		}
	}
	var doc struct {
		Years []struct {
			Year   int64                     `json:"year"`
			Totals map[string]map[string]any `json:"totals"`
		} `json:"years"`
	}
	js, _, _ := c.run("", "summary", "--format", "json", fixture, hamarFile)
	if err := json.Unmarshal([]byte(js), &doc); err != nil || len(doc.Years) != 1 {
		t.Fatalf("summary json: %v %s", err, js)
	}
	if got := doc.Years[0].Totals["1.1.A.start"]["sum"]; got != 14.0 {
		t.Errorf("total 1.1.A.start = %v, want 14", got)
	}
	if csv := c.ok("summary", "--format", "csv", fixture); !strings.HasPrefix(csv, "year,") {
		t.Errorf("csv: %q", csv[:min(len(csv), 80)])
	}
}

func TestManPages(t *testing.T) {
	c := newCLI(t)
	page := c.ok("man")
	for _, want := range []string{`.TH "BOSO" "1" "" "boso"`, `boso \- Årsrapport`, ".SH EXIT STATUS", ".SH ENVIRONMENT", ".SH FILES", ".SH KEYS", ".SS Rapportlisten",
		"BOSO_DB", "XDG_DATA_HOME", "NO_COLOR", "ACCESSIBLE", "VISUAL", "EDITOR", "boso.db",
		"ctrl+g", "gå til side", "f9", `\fB--db\fP \fIFIL\fP`, `\fBboso-export\fP(1)`} {
		if !strings.Contains(page, want) {
			t.Errorf("boso(1) lacks %q", want)
		}
	}
	for _, unwanted := range []string{"[flags]", "(default", "Auto generated", "HISTORY", fmt.Sprint(time.Now().Year())} {
		if strings.Contains(page, unwanted) {
			t.Errorf("boso(1) has %q", unwanted)
		}
	}
	// The folder is made, and two runs write the same bytes.
	dir := filepath.Join(t.TempDir(), "share", "man", "man1")
	c.ok("man", dir)
	first, _ := os.ReadFile(filepath.Join(dir, "boso-export.1"))
	c.ok("man", dir)
	for _, name := range []string{"boso.1", "boso-export.1", "boso-summary.1", "boso-template-show.1"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !bytes.Contains(data, []byte(".SH EXIT STATUS")) {
			t.Errorf("%s has no EXIT STATUS", name)
		}
	}
	if again, _ := os.ReadFile(filepath.Join(dir, "boso-export.1")); !bytes.Equal(first, again) || len(first) == 0 {
		t.Error("boso-export.1 differs between two runs")
	}
	if export := string(first); !strings.Contains(export, "json eller md (standard: json)") || !strings.Contains(export, `boso export\fP REPORT [valg]`) {
		t.Errorf("boso-export.1:\n%s", export)
	}
}

// TestCompletionOffersReportIDs: the shell completes a report id from the
// draft file, with kommune and year beside it.
func TestCompletionOffersReportIDs(t *testing.T) {
	c := newCLI(t)
	id := c.ok("import", fixture)
	out := c.ok("__complete", "export", "")
	if !strings.Contains(out, id+"\tGjøvik kommune 2012 kladd") {
		t.Errorf("completion of export: %q", out)
	}
}

// TestEditionsAreFilesReadAtRunTime takes two editions that exist only as
// YAML under testdata through install, import, validation, export and
// summary, beside the built-in 2012 edition, with no Go of their own.
func TestEditionsAreFilesReadAtRunTime(t *testing.T) {
	c := newCLI(t)
	for _, f := range []string{"arsrapport-2014.yaml", "sluttrapport.yaml"} {
		if out := c.ok("template", "add", filepath.Join("testdata", "templates", f)); !strings.Contains(out, "er installert som "+c.templates) {
			t.Errorf("template add %s: %q", f, out)
		}
	}
	list := c.ok("templates")
	for _, want := range []string{
		"arsrapport-2012          versjon 1   Boligsosialt utviklingsprogram – Årsrapport (standard) · innebygd",
		"arsrapport-2014          versjon 1   Boligsosialt utviklingsprogram – Årsrapport (2014-utgaven) · " + filepath.Join(c.templates, "arsrapport-2014-v1.yaml"),
		"sluttrapport             versjon 1   Boligsosialt utviklingsprogram – Sluttrapport · " + filepath.Join(c.templates, "sluttrapport-v1.yaml"),
	} {
		if !strings.Contains(list, want) {
			t.Errorf("templates lacks %q:\n%s", want, list)
		}
	}

	exports := []string{fixture}
	for _, f := range []string{"testdata/hamar-2014.json", "testdata/gjovik-slutt-2014.json"} {
		id := c.ok("import", f)
		out, _, code := c.run("", "validate", id)
		if code != 0 {
			t.Errorf("validate %s: exit %d\n%s", f, code, out)
		}
		data := c.ok("export", id, "--draft")
		original, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := valuesOf(t, []byte(data)), valuesOf(t, original); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: exported values %v, want %v", f, got, want)
		}
		md := c.ok("export", id, "--draft", "--format", "md")
		if !strings.Contains(md, "2014") || strings.Contains(md, "{Y") {
			t.Errorf("%s: Markdown without its year filled in:\n%s", f, md)
		}
		path := filepath.Join(t.TempDir(), filepath.Base(f))
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		exports = append(exports, path)
	}
	sum := c.ok(append([]string{"summary", "--format", "csv"}, exports...)...)
	for _, want := range []string{"Gjøvik kommune", "Hamar kommune", "2012", "2014"} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary lacks %q:\n%s", want, sum)
		}
	}
}

// TestBrokenTemplateFiles: each broken file gets one FILE:LINE sentence from
// template check, and once installed it is left out of every other command
// with one sentence, while the rest works.
func TestBrokenTemplateFiles(t *testing.T) {
	c := newCLI(t)
	dir := filepath.Join("testdata", "broken-templates")
	for name, want := range map[string]string{
		"yaml-feil.yaml":         "8: filen er ikke gyldig YAML (did not find expected ',' or '}'); en tekst med { } : eller # skal stå i anførselstegn",
		"ukjent-nokkel.yaml":     "8: ukjent nøkkel «lable»",
		"ukjent-id-i-regel.yaml": "11: regelen på info.antall: uttrykket leser feltet info.maks, som ikke finnes",
		"aar-som-tekst.yaml":     "2: year_field: feltet info.ar er av typen text; det skal være year eller count",
	} {
		path := filepath.Join(dir, name)
		out, errOut, code := c.run("", "template", "check", path)
		if code != 1 || out != path+":"+want+"\n" || errOut != "boso: "+path+" har 1 feil og kan ikke brukes.\n" {
			t.Errorf("template check %s: exit %d\nstdout %q\nstderr %q", name, code, out, errOut)
		}
		if _, _, code := c.run("", "template", "add", path); code != 1 {
			t.Errorf("template add %s: exit %d", name, code)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(c.templates, 0o700); err != nil {
			t.Fatal(err)
		}
		installed := filepath.Join(c.templates, name)
		if err := os.WriteFile(installed, data, 0o600); err != nil {
			t.Fatal(err)
		}
		out, errOut, code = c.run("", "new")
		wantErr := "boso: malfilen " + installed + ":" + strings.SplitN(want, ": ", 2)[0] + " brukes ikke: "
		if code != 0 || strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, wantErr) {
			t.Errorf("new beside %s: exit %d, stdout %q\nstderr %q, want it to start %q", name, code, out, errOut, wantErr)
		}
		if err := os.Remove(installed); err != nil {
			t.Fatal(err)
		}
	}
	if c.count() != 4 {
		t.Errorf("%d reports made", c.count())
	}
}

// TestNewVersionKeepsEveryAnswer: a draft of version 1, then version 2 with
// one field renamed and one answered row removed. Every answer is still
// there after export, import and export again: renamed under its new id,
// removed ones under retired.
func TestNewVersionKeepsEveryAnswer(t *testing.T) {
	c := newCLI(t)
	c.ok("template", "add", "testdata/templates/arsrapport-2014.yaml")
	id := c.ok("import", "testdata/hamar-2014.json")
	c.ok("template", "add", "testdata/templates/arsrapport-2014-v2.yaml")

	original, err := os.ReadFile("testdata/hamar-2014.json")
	if err != nil {
		t.Fatal(err)
	}
	wantValues := valuesOf(t, original)
	wantValues["3.samarbeid"] = wantValues["5.samarbeid"]
	wantRetired := map[string]any{"2.C.1.bostotte.antall": nil, "2.C.1.bostotte.kommentar": wantValues["2.C.1.bostotte.kommentar"]}
	for _, gone := range []string{"5.samarbeid", "2.C.1.bostotte.antall", "2.C.1.bostotte.kommentar"} {
		delete(wantValues, gone)
	}
	check := func(what, data string) {
		t.Helper()
		var doc struct {
			Version int            `json:"template_version"`
			Retired map[string]any `json:"retired"`
		}
		if err := json.Unmarshal([]byte(data), &doc); err != nil {
			t.Fatal(err)
		}
		if got := valuesOf(t, []byte(data)); !reflect.DeepEqual(got, wantValues) {
			t.Errorf("%s: values %v, want %v", what, got, wantValues)
		}
		if doc.Version != 2 || !reflect.DeepEqual(doc.Retired, wantRetired) {
			t.Errorf("%s: template_version %d, retired %v, want 2 and %v", what, doc.Version, doc.Retired, wantRetired)
		}
	}
	first := c.ok("export", id, "--draft")
	check("export under version 2", first)
	path := filepath.Join(t.TempDir(), "hamar.json")
	if err := os.WriteFile(path, []byte(first), 0o600); err != nil {
		t.Fatal(err)
	}
	again := c.ok("import", path)
	check("export after import", c.ok("export", again, "--draft"))
	md := c.ok("export", again, "--draft", "--format", "md")
	for _, want := range []string{"## " + model.RetiredTitle, "### 2.C.1.bostotte.kommentar", "bostøtteregisteret", "Samarbeid med Husbanken i 2014"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
}

// TestReportOfAnEditionNotInstalled: a report whose template is not here is
// listed, exported as stored, backed up and deleted; opening it says what to
// install. Nothing calls it damaged.
func TestReportOfAnEditionNotInstalled(t *testing.T) {
	c := newCLI(t)
	out := c.ok("template", "add", "testdata/templates/arsrapport-2014.yaml")
	id := c.ok("import", "testdata/hamar-2014.json")
	stored := c.ok("export", id, "--draft")
	if err := os.RemoveAll(c.templates); err != nil {
		t.Fatal(err, out)
	}
	var said []string
	run := func(wantCode int, args ...string) string {
		t.Helper()
		out, errOut, code := c.run("", args...)
		if code != wantCode {
			t.Errorf("boso %v: exit %d, want %d\n%s%s", args, code, wantCode, out, errOut)
		}
		said = append(said, out, errOut)
		return out + errOut
	}
	if got := run(0, "list"); !strings.Contains(got, "Hamar kommune") || !strings.Contains(got, "(malen arsrapport-2014 versjon 1 er ikke installert)") {
		t.Errorf("list: %q", got)
	}
	if got := run(0, "export", id, "--draft"); strings.TrimSpace(got) != stored {
		t.Errorf("export as stored:\n%s\nwant\n%s", got, stored)
	}
	need := "rapporten følger malen «arsrapport-2014» versjon 1, som ikke er installert her; installer malfilen med «boso template add FIL» og prøv igjen."
	for _, args := range [][]string{{"export", id, "--draft", "--format", "md"}, {"finalize", id}} {
		if got := run(1, args...); got != "boso: "+need+"\n" {
			t.Errorf("%v: %q", args, got)
		}
	}
	run(0, "backup", filepath.Join(t.TempDir(), "kopi.db"))
	run(0, "delete", id, "--yes")
	for _, s := range said {
		if strings.Contains(s, "skadet") {
			t.Errorf("called damaged: %q", s)
		}
	}
	if c.count() != 0 {
		t.Error("the report was not deleted")
	}
}

// TestCarryOverIntoANewerEdition: --template with --from makes next year's
// report in the edition asked for, with what that edition carries.
func TestCarryOverIntoANewerEdition(t *testing.T) {
	c := newCLI(t)
	c.ok("template", "add", "testdata/templates/arsrapport-2014.yaml")
	prev := c.ok("import", fixture)
	id := c.ok("new", "--from", prev, "--template", "arsrapport-2014")
	doc := c.ok("export", id, "--draft")
	var head struct{ Template, CarriedFrom string }
	if err := json.Unmarshal([]byte(strings.Replace(doc, "carried_from", "CarriedFrom", 1)), &head); err != nil {
		t.Fatal(err)
	}
	prevValues := valuesOf(t, []byte(c.ok("export", prev, "--draft")))
	want := map[string]any{
		"info.kommune": prevValues["info.kommune"], "info.programleder": prevValues["info.programleder"],
		"info.rapporteringsar": 2013.0, "1.1.A.start": prevValues["1.1.A.slutt"], "1.1.B.start": prevValues["1.1.B.slutt"],
		"3.1": prevValues["3.1"],
	}
	if got := valuesOf(t, []byte(doc)); head.Template != "arsrapport-2014" || head.CarriedFrom != prev || !reflect.DeepEqual(got, want) {
		t.Errorf("template %s from %s, values %v, want %v", head.Template, head.CarriedFrom, got, want)
	}
	if _, errOut, code := c.run("", "new", "--from", prev, "--template", "arsrapport-2099"); code != 1 || !strings.Contains(errOut, "«arsrapport-2099» finnes ikke") {
		t.Errorf("an unknown template: exit %d, %q", code, errOut)
	}
}

// TestVersion: «boso version» and «boso --version» print the same lines,
// with the export format, and without opening the draft file.
func TestVersion(t *testing.T) {
	c := newCLI(t)
	long, short := c.ok("version"), c.ok("--version")
	if long != short {
		t.Errorf("version and --version differ:\n%s\n---\n%s", long, short)
	}
	for _, want := range []string{"boso ", "eksportformat boso.report.v1", "bygget med go"} {
		if !strings.Contains(long, want) {
			t.Errorf("version lacks %q:\n%s", want, long)
		}
	}
	if _, err := os.Stat(c.db); err == nil {
		t.Error("version created the draft file")
	}
}

// TestHelpSaysWhereTheDraftFileIs: --help names the draft file in the
// words of this system (about.DataFile).
func TestHelpSaysWhereTheDraftFileIs(t *testing.T) {
	if help := newCLI(t).ok("--help"); !strings.Contains(help, about.DataFile(runtime.GOOS, "BOSO_DB", "boso.db")) {
		t.Errorf("--help does not say where the draft file is:\n%s", help)
	}
}

// TestOpenInAnotherWindow: while another boso holds the draft file, a
// command says so in one sentence. It rests on bbolt's lock alone (flock on
// Linux and macOS, LockFileEx on Windows), so this test holds on each.
func TestOpenInAnotherWindow(t *testing.T) {
	c := newCLI(t)
	c.ok("new")
	other, err := bolt.Open(c.db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	want := "boso: kladdefilen " + c.db + " er i bruk av et annet boso-program akkurat nå; prøv igjen om litt.\n"
	if _, errOut, code := c.run("", "list"); code != 1 || errOut != want {
		t.Errorf("boso list while another boso writes: exit %d, %q; want 1, %q", code, errOut, want)
	}
}

// TestListNamesTheEditionOfTwins: two reports of one kommune and year on
// different editions are told apart by their edition in boso list.
func TestListNamesTheEditionOfTwins(t *testing.T) {
	c := newCLI(t)
	c.ok("template", "add", "testdata/templates/sluttrapport.yaml")
	c.ok("import", fixture)
	slutt, err := os.ReadFile("testdata/gjovik-slutt-2014.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := c.run(strings.Replace(string(slutt), `"info.rapporteringsar": 2014`, `"info.rapporteringsar": 2012`, 1), "import", "-"); code != 0 {
		t.Fatal(errOut)
	}
	list := c.ok("list")
	if strings.Count(list, "Gjøvik kommune") != 2 || !strings.Contains(list, "(malen sluttrapport)") || !strings.Contains(list, "(malen arsrapport-2012)") {
		t.Errorf("list:\n%s", list)
	}
}

// A copy made when another window saved first names its original in the
// list, so the two rows of one kommune and year can be told apart.
func TestListNamesTheOriginalOfACopy(t *testing.T) {
	c := newCLI(t)
	orig := c.ok("import", fixture)
	cp := c.ok("new")
	st, err := store.Open(c.db)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := st.Get(cp)
	if err != nil {
		t.Fatal(err)
	}
	rec.CopyOf = orig
	if _, err := st.Put(rec, rec.Revision); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(c.ok("list"), "\n") {
		if copyRow := strings.HasPrefix(l, cp); copyRow != strings.Contains(l, "(kopi av "+orig+")") {
			t.Errorf("row %q: copy %v", l, copyRow)
		}
	}
}

// README shows how a finalized report becomes DOCX, ODT or PDF for the
// kommune's archive: `boso export ID --format md -o - | pandoc -f gfm -o
// rapport.docx`. The Markdown must be GFM that pandoc reads as meant: every
// heading a heading and every table a table, not paragraphs of pipes.
func TestMarkdownExportConvertsWithPandoc(t *testing.T) {
	pandoc, err := exec.LookPath("pandoc")
	if err != nil {
		t.Skip("pandoc is not installed (apt-get install pandoc): the Markdown export is not tried with it")
	}
	c := newCLI(t)
	id := c.ok("import", fixture)
	c.ok("finalize", id)
	md, errOut, code := c.run("", "export", id, "--format", "md", "-o", "-")
	if code != 0 {
		t.Fatalf("export: exit %d, %q", code, errOut)
	}
	convert := func(args ...string) []byte {
		t.Helper()
		cmd := exec.Command(pandoc, append([]string{"-f", "gfm"}, args...)...)
		cmd.Stdin = strings.NewReader(md)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil || stderr.Len() > 0 {
			t.Fatalf("pandoc %v: %v %s", args, err, stderr.String())
		}
		return out
	}
	var ast struct {
		Blocks []struct {
			T string `json:"t"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal(convert("-t", "json"), &ast); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, b := range ast.Blocks {
		got[b.T]++
	}
	var headings, tables int
	for _, line := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(line, "#"):
			headings++
		case strings.HasPrefix(line, "| --") || strings.HasPrefix(line, "| :-"):
			tables++
		}
	}
	if tables == 0 || got["Table"] != tables || got["Header"] != headings {
		t.Errorf("pandoc read %d tables and %d headings; the Markdown has %d and %d", got["Table"], got["Header"], tables, headings)
	}
	dir := t.TempDir()
	for _, name := range []string{"rapport.docx", "rapport.odt"} {
		path := filepath.Join(dir, name)
		convert("-o", path)
		if data, err := os.ReadFile(path); err != nil || !bytes.HasPrefix(data, []byte("PK")) {
			t.Errorf("%s is not a document: %v", name, err)
		}
	}
}

// TestExportWithLastYear: --last-year sets last year's figures beside this
// year's in the Markdown, as the grid does; without a report for the year
// before it says so and writes this year's alone; JSON holds one report.
func TestExportWithLastYear(t *testing.T) {
	c := newCLI(t)
	last := c.ok("import", fixture)
	id := c.ok("new", "--from", last)
	md := c.ok("export", id, "--draft", "--format", "md", "--last-year")
	for _, want := range []string{
		"| Status behov pr.                                  | 01.01.2013 |     31.12.2013 | Resultat | I fjor 31.12.2012 | Endring |",
		"| A. Antall husstander uten eid eller leid bolig    |          8 | (ikke besvart) |        — |                 8 |         |",
		"| Antall bostøttemottakere ",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("export --last-year lacks %q:\n%s", want, md)
		}
	}
	if plain := c.ok("export", id, "--draft", "--format", "md"); strings.Contains(plain, "I fjor") {
		t.Error("the printout without --last-year has last year's column")
	}
	out, errOut, code := c.run("", "export", last, "--draft", "--format", "md", "--last-year")
	if code != 0 || !strings.Contains(errOut, "fant ingen rapport for året før") || strings.Contains(out, "I fjor") {
		t.Errorf("2012 has no year before: exit %d, stderr %q", code, errOut)
	}
	if _, errOut, code := c.run("", "export", id, "--draft", "--last-year"); code != 1 || !strings.Contains(errOut, "--format md") {
		t.Errorf("--last-year with JSON: exit %d, stderr %q", code, errOut)
	}
}

// TestReadOnlyCommandsCreateNothing: a command that reads the draft file
// makes no file and no folder where there is none; the UI and «boso new»
// start one.
func TestReadOnlyCommandsCreateNothing(t *testing.T) {
	c := newCLI(t)
	folder := filepath.Dir(c.db)
	if out := c.ok("list"); !strings.Contains(out, "Ingen rapporter") {
		t.Errorf("list: %q", out)
	}
	if out := c.ok("list", "--json"); out != "[]" {
		t.Errorf("list --json: %q", out)
	}
	for _, args := range [][]string{{"export", "abc"}, {"finalize", "abc"}, {"reopen", "abc", "--yes"}, {"delete", "abc", "--yes"},
		{"backup", filepath.Join(t.TempDir(), "kopi.db")}} {
		if _, errOut, code := c.run("", args...); code != 1 || !strings.Contains(errOut, c.db) || !strings.Contains(errOut, "finnes ikke") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
	if _, errOut, code := c.run("", "validate", "abc"); code != 2 || !strings.Contains(errOut, "finnes ikke") {
		t.Errorf("validate: exit %d, %q", code, errOut)
	}
	c.ok("__complete", "export", "")
	if _, err := os.Stat(folder); !os.IsNotExist(err) {
		t.Fatalf("a read-only command made %s: %v", folder, err)
	}
	c.ok("new")
	if _, err := os.Stat(c.db); err != nil {
		t.Errorf("new made no draft file: %v", err)
	}
}

// TestValidateAFinalReport says the report is final, and when.
func TestValidateAFinalReport(t *testing.T) {
	c := newCLI(t)
	id := c.ok("import", fixture)
	c.ok("finalize", id)
	out := c.ok("validate", id)
	if !strings.Contains(out, "Rapporten "+id+" er endelig (gjort endelig ") || strings.Contains(out, "kan gjøres endelig") {
		t.Errorf("validate of a final report: %q", out)
	}
	exported := filepath.Join(t.TempDir(), "endelig.json")
	c.ok("export", id, "-o", exported)
	if out := c.ok("validate", exported); !strings.Contains(out, "er endelig") {
		t.Errorf("validate of a final export: %q", out)
	}
}

// TestListShowsTheDeadline: the date and the days for a draft, the date
// alone for a final report, which was delivered.
func TestListShowsTheDeadline(t *testing.T) {
	c := newCLI(t)
	draft := c.ok("import", fixture)
	final := c.ok("import", fixture)
	c.ok("finalize", final)
	for _, line := range strings.Split(c.ok("list"), "\n") {
		switch {
		case strings.HasPrefix(line, draft):
			if !strings.Contains(line, "frist 28.02.2013 · ") || !strings.Contains(line, "dager over fristen") {
				t.Errorf("draft: %q", line)
			}
		case strings.HasPrefix(line, final):
			if !strings.Contains(line, "frist 28.02.2013") || strings.Contains(line, "dager") {
				t.Errorf("final: %q", line)
			}
		default:
			t.Errorf("unexpected line %q", line)
		}
	}
}

// TestMerknaderDoNotBlock: empty narrative texts are listed apart from the
// mangler as merknader; validate passes, and finalize asks before it goes on.
func TestMerknaderDoNotBlock(t *testing.T) {
	c := newCLI(t)
	data, _ := os.ReadFile(fixture)
	var doc map[string]any
	_ = json.Unmarshal(data, &doc)
	values := doc["values"].(map[string]any)
	delete(values, "1.2")
	delete(values, "4.1.D")
	path := filepath.Join(t.TempDir(), "tomme.json")
	out, _ := json.Marshal(doc)
	_ = os.WriteFile(path, out, 0o600)

	got, errOut, code := c.run("", "validate", path)
	if code != 0 || !strings.Contains(got, "Merknader (2) – rapporten kan gjøres endelig likevel:\n1.2 (1.2 Kvalitet på boliger, bomiljø og booppfølging): Teksten er tom.") ||
		!strings.Contains(got, "4.1.D (D. Er det barrierer") || !strings.Contains(got, "Ingen mangler, men 2 merknader: rapporten kan gjøres endelig.") {
		t.Errorf("validate: exit %d, stdout %q, stderr %q", code, got, errOut)
	}
	id := c.ok("import", path)
	if out, _, code := c.run("nei\n", "finalize", id); code != 1 || !strings.Contains(out, "Gjøre den endelig likevel?") {
		t.Errorf("finalize answered no: exit %d, %q", code, out)
	}
	if out := c.ok("list"); !strings.Contains(out, "kladd") {
		t.Errorf("still a draft: %q", out)
	}
	if out, _, code := c.run("j\n", "finalize", id); code != 0 || !strings.Contains(out, "er endelig") {
		t.Errorf("finalize answered yes: exit %d, %q", code, out)
	}
	other := c.ok("import", path)
	if out := c.ok("finalize", other, "--yes"); !strings.Contains(out, "er endelig") || strings.Contains(out, "likevel?") {
		t.Errorf("finalize --yes: %q", out)
	}
}

// TestCopiesNeverReplaceTheDraftFile: an export or a backup aimed at the
// draft file, however it is spelled, is refused and the file is unchanged.
func TestCopiesNeverReplaceTheDraftFile(t *testing.T) {
	c := newCLI(t)
	id := c.ok("import", fixture)
	c.ok("new")
	before, err := os.ReadFile(c.db)
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "lenke.json")
	if err := os.Symlink(c.db, link); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Dir(c.db))
	for _, target := range []string{c.db, "./boso.db", "../data/boso.db", link} {
		for _, args := range [][]string{{"export", id, "--draft", "-o", target}, {"backup", target}} {
			_, errOut, code := c.run("", args...)
			if code != 1 || !strings.Contains(errOut, "det er selve kladdefilen") || !strings.Contains(errOut, target) {
				t.Errorf("boso %v: exit %d, %q", args, code, errOut)
			}
		}
	}
	if after, _ := os.ReadFile(c.db); !bytes.Equal(before, after) {
		t.Fatal("the draft file was replaced")
	}
	if c.count() != 2 {
		t.Fatalf("%d reports left", c.count())
	}
}

// TestLooseDraftFileIsTightened: a draft file others may read (0644) is
// made the owner's alone, and the user is told once.
func TestLooseDraftFileIsTightened(t *testing.T) {
	c := newCLI(t)
	c.ok("new")
	if err := os.Chmod(c.db, 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := c.run("", "list")
	if code != 0 || !strings.Contains(errOut, "andre brukere hadde tilgang til kladdefilen "+c.db+" (0644); nå er den bare din (0600).") {
		t.Errorf("first run: exit %d, %q", code, errOut)
	}
	if fi, err := os.Stat(c.db); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode after: %v %v", fi.Mode(), err)
	}
	if _, errOut, _ := c.run("", "list"); errOut != "" {
		t.Errorf("second run says %q", errOut)
	}
}

// TestImmutableDraftFile: a write refused by the system (here an immutable
// file, `chattr +i`) is one Norwegian sentence naming the file.
func TestImmutableDraftFile(t *testing.T) {
	c := newCLI(t)
	c.ok("new")
	if out, err := exec.Command("chattr", "+i", c.db).CombinedOutput(); err != nil {
		t.Skipf("chattr +i needs root and a file system that has it: %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("chattr", "-i", c.db).Run() })
	_, errOut, code := c.run("", "new")
	want := "boso: kan ikke skrive til " + c.db + ": ingen tilgang.\n"
	if code != 1 || errOut != want {
		t.Errorf("new on an immutable file: exit %d, %q, want %q", code, errOut, want)
	}
}

// TestDamageInsideAReadNamesTheFile: damage met after the file opened (in
// one report) names the file and the report.
func TestDamageInsideAReadNamesTheFile(t *testing.T) {
	c := newCLI(t)
	id := c.ok("import", fixture)
	data, err := os.ReadFile(c.db)
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(data, []byte("Gjøvik kommune"))
	if at < 0 {
		t.Fatal("report not found in the file")
	}
	// The summary holds the name too; change the report's own copy.
	at += bytes.Index(data[at+1:], []byte("Gjøvik kommune")) + 1
	data[at] = 'g'
	if err := os.WriteFile(c.db, data, 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := c.run("", "export", id, "--draft")
	want := "boso: rapporten " + id + " i kladdefilen " + c.db + " er skadet og kan ikke leses"
	if code != 1 || !strings.HasPrefix(errOut, want) {
		t.Errorf("export: exit %d, %q, want %q…", code, errOut, want)
	}
}

// TestHostileNamesNeverReachTheTerminal: a file name with escape sequences
// (OSC sets the window title, CSI 2J clears the screen), and a kommune name
// with right-to-left override and zero-width characters, are printed with
// those characters shown as "?".
func TestHostileNamesNeverReachTheTerminal(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	hostile := filepath.Join(dir, "r\x1b]0;PWNED\x07\x1b[2J.json")
	if err := os.WriteFile(hostile, []byte(`{"format":"boso.report.v1"`), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "mangler\x1b[31m.json")
	for _, args := range [][]string{{"import", hostile}, {"validate", hostile}, {"import", missing}, {"validate", missing}, {"summary", hostile}} {
		out, errOut, code := c.run("", args...)
		if code == 0 || strings.ContainsAny(out+errOut, "\x1b\x07") || !strings.Contains(errOut, ".json") {
			t.Errorf("boso %q: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}

	data, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte(`"Gjøvik kommune"`), []byte(`"Gjø\u200bvik \u202ekommune"`), 1)
	odd := filepath.Join(dir, "odd.json")
	if err := os.WriteFile(odd, data, 0o600); err != nil {
		t.Fatal(err)
	}
	c.ok("import", odd)
	if out := c.ok("list"); strings.ContainsAny(out, "\u200b\u202e") || !strings.Contains(out, "Gjø?vik ?kommune") {
		t.Errorf("list shows %q", out)
	}
}

// TestLooseDraftFileInTheLineMode: the program itself says it on its first
// screen, not on a stderr the screen covers.
func TestLooseDraftFileInTheLineMode(t *testing.T) {
	c := newCLI(t)
	c.ok("new")
	if err := os.Chmod(c.db, 0o640); err != nil {
		t.Fatal(err)
	}
	out, errOut, _ := c.run("")
	if !strings.Contains(out, "Andre brukere hadde tilgang til kladdefilen "+c.db+" (0640); nå er den bare din (0600).") || strings.Contains(errOut, "tilgang") {
		t.Errorf("line mode: stdout %q, stderr %q", out, errOut)
	}
}

// TestFIFOsAreRefused: a FIFO as the draft file or as the file to import
// used to wait for a writer forever.
func TestFIFOsAreRefused(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	mkfifo(t, fifo)
	c := newCLI(t)
	for _, tc := range []struct {
		c    *cli
		args []string
		want string
	}{
		{&cli{t: t, db: fifo}, []string{"list"}, "boso: kan ikke åpne kladdefilen " + fifo + ": det er et rør (FIFO), ikke en vanlig fil.\n"},
		{c, []string{"import", fifo}, "boso: kan ikke lese " + fifo + ": det er et rør (FIFO), ikke en vanlig fil.\n"},
		{c, []string{"validate", fifo}, "boso: kan ikke lese " + fifo + ": det er et rør (FIFO), ikke en vanlig fil.\n"},
		{c, []string{"summary", fifo}, fifo},
	} {
		done := make(chan struct{})
		var errOut string
		var code int
		go func() {
			defer close(done)
			_, errOut, code = tc.c.run("", tc.args...)
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("boso %v hangs on a FIFO", tc.args)
		}
		if code == 0 || !strings.Contains(errOut, tc.want) {
			t.Errorf("boso %v: exit %d, %q, want %q", tc.args, code, errOut, tc.want)
		}
	}
}

// smallDisk mounts a tmpfs of size bytes for the test, or skips the test
// where mounting is not allowed (it needs root) or there is no tmpfs (only
// Linux has one).
func smallDisk(t *testing.T, size int) string {
	t.Helper()
	dir := t.TempDir()
	unmount, err := faults.MountTmpfs(dir, size)
	if err != nil {
		t.Skipf("cannot mount a tmpfs: %v", err)
	}
	t.Cleanup(unmount)
	return dir
}

// mkfifo makes a FIFO at path, or skips the test where the system has none.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := faults.Mkfifo(path); errors.Is(err, errors.ErrUnsupported) {
		t.Skip("no FIFOs here")
	} else if err != nil {
		t.Fatal(err)
	}
}

// fill takes all the room left in dir.
func fill(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "fyll"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 4096)
	for {
		if _, err := f.Write(chunk); err != nil {
			return
		}
	}
}

// TestFullDisk: writes on a full disk, to the draft file and to a backup,
// are one Norwegian sentence naming the file.
func TestFullDisk(t *testing.T) {
	disk := smallDisk(t, 256<<10)
	c := &cli{t: t, db: filepath.Join(disk, "boso.db")}
	c.ok("new")
	fill(t, disk)
	_, errOut, code := c.run("", "import", fixture)
	if want := "boso: kan ikke skrive til " + c.db + ": disken er full.\n"; code != 1 || errOut != want {
		t.Errorf("import on a full disk: exit %d, %q, want %q", code, errOut, want)
	}

	big := newCLI(t)
	for range 5 {
		big.ok("import", fixture)
	}
	// A disk already full fails the copy's first page, which bbolt reports
	// as text ("meta 0 copy: …").
	backupDisk := smallDisk(t, 64<<10)
	fill(t, backupDisk)
	backup := filepath.Join(backupDisk, "kopi.db")
	_, errOut, code = big.run("", "backup", backup)
	if want := "boso: kunne ikke ta sikkerhetskopi til " + backup + ": disken er full.\n"; code != 1 || errOut != want {
		t.Errorf("backup onto a full disk: exit %d, %q, want %q", code, errOut, want)
	}
}

// TestFIFOAmongTheTemplates: a FIFO named like an edition in the templates
// folder is left out in one sentence, instead of every command waiting.
func TestFIFOAmongTheTemplates(t *testing.T) {
	c := newCLI(t)
	c.templates = t.TempDir()
	fifo := filepath.Join(c.templates, "ny.yaml")
	mkfifo(t, fifo)
	done := make(chan struct{})
	var errOut string
	var code int
	go func() {
		defer close(done)
		_, errOut, code = c.run("", "list")
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("boso list waits on a FIFO in the templates folder")
	}
	if code != 0 || !strings.Contains(errOut, fifo) || !strings.Contains(errOut, "det er et rør (FIFO), ikke en vanlig fil") {
		t.Errorf("list: exit %d, %q", code, errOut)
	}
}

// The damage fuzzer: single bytes changed in a real draft file, and every
// command that reads or writes it run against each damaged copy. None may
// hang (5 s), crash (exit 3, or the test process dying), write to a file
// that a read calls damaged, or answer differently from the intact file
// without saying the file or the report is damaged.
//
// `go test` runs the seed corpus (testdata/fuzz/FuzzDamage) and a few
// random variants. Coverage-guided fuzzing runs about one variant a second;
// random variants without the instrumentation, some five a second:
//
//	go test -run '^$' -fuzz FuzzDamage -fuzztime 2m .
//	go test -run TestDamageRandom -damage 2m .
var damageFor = flag.Duration("damage", 0, "run TestDamageRandom for this long instead of a few variants")

// damageBase is the real draft file every variant starts from, with what
// each read command answers on it.
type damageBase struct {
	file    []byte
	pages   map[byte][]int // page numbers by kind (see pageKinds)
	ids     []string       // every report, as `list --json` gives them
	draft   string         // a report that is a draft
	final   string         // a report that is final
	answers map[string]string
}

var (
	baseOnce sync.Once
	base     *damageBase
	baseErr  error
)

// pageKinds are what a damage byte aims at: a meta page, a branch page, a
// leaf page, the freelist page, or any page at all.
var pageKinds = []uint16{0x04, 0x01, 0x02, 0x10, 0}

// buildDamageBase saves 31 reports through the command line, one process
// call each as a user would, so that the file has branch pages, freed
// pages and both kinds of report.
func buildDamageBase() (*damageBase, error) {
	dir, err := os.MkdirTemp("", "boso-damage-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	b := &damageBase{pages: map[byte][]int{}, answers: map[string]string{}}
	db := filepath.Join(dir, "boso.db")
	cmd := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		code := run(append([]string{"--db", db, "--templates", filepath.Join(dir, "maler")}, args...), strings.NewReader(""), &out, &errOut)
		if code != 0 {
			return "", fmt.Errorf("boso %v: exit %d: %s", args, code, errOut.String())
		}
		return out.String(), nil
	}
	for i := range 30 {
		id, err := cmd("import", fixture)
		if err != nil {
			return nil, err
		}
		if i%3 == 0 {
			if _, err := cmd("finalize", strings.TrimSpace(id)); err != nil {
				return nil, err
			}
		}
	}
	if _, err := cmd("new"); err != nil {
		return nil, err
	}
	var list []store.Summary
	out, err := cmd("list", "--json")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		return nil, err
	}
	for _, s := range list {
		b.ids = append(b.ids, s.ID)
		if s.State == "final" {
			b.final = s.ID
		} else {
			b.draft = s.ID
		}
	}
	for _, args := range b.reads() {
		out, err := cmd(args...)
		if err != nil {
			return nil, err
		}
		b.answers[strings.Join(args, " ")] = out
	}
	if b.file, err = os.ReadFile(db); err != nil {
		return nil, err
	}
	psize := int(binary.LittleEndian.Uint32(b.file[24:]))
	for id := 0; (id+1)*psize <= len(b.file); id++ {
		flags := binary.LittleEndian.Uint16(b.file[id*psize+8:])
		for k, kind := range pageKinds {
			if kind == 0 || flags == kind {
				b.pages[byte(k)] = append(b.pages[byte(k)], id*psize)
			}
		}
	}
	return b, nil
}

// reads are the commands that only read: their answers on the intact file
// are the right ones. `list` without --json counts days to the deadline
// from today, which may change during a long run; it shows what --json
// shows.
func (b *damageBase) reads() [][]string {
	out := [][]string{{"list", "--json"}}
	for _, id := range b.ids {
		out = append(out, []string{"export", id, "--draft"})
	}
	return append(out, []string{"validate", b.draft}, []string{"validate", b.final})
}

// writes are the commands that write, each with the report it changes; a
// backup goes to dir.
func (b *damageBase) writes(dir string) []struct {
	args    []string
	changes string
} {
	return []struct {
		args    []string
		changes string
	}{
		{[]string{"new"}, ""},
		{[]string{"import", fixture}, ""},
		{[]string{"reopen", b.final, "--yes"}, b.final},
		{[]string{"delete", b.draft, "--yes"}, b.draft},
		{[]string{"backup", filepath.Join(dir, "kopi.db")}, ""},
	}
}

// damage applies the fuzzer's bytes: each five bytes are one change (the
// kind of page, which page of that kind, two bytes of offset inside it, and
// the bits to flip), so that a seed means the same in every build of the
// base file.
func (b *damageBase) damage(spec []byte) []byte {
	d := bytes.Clone(b.file)
	psize := int(binary.LittleEndian.Uint32(b.file[24:]))
	for i := 0; i+5 <= len(spec) && i < 5*4; i += 5 {
		pages := b.pages[spec[i]%byte(len(pageKinds))]
		if len(pages) == 0 {
			continue
		}
		off := pages[int(spec[i+1])%len(pages)] + int(binary.LittleEndian.Uint16(spec[i+2:]))%psize
		mask := spec[i+4]
		if mask == 0 {
			mask = 1
		}
		d[off] ^= mask
	}
	return d
}

// runFor runs one command, failing the test when it does not end in 5 s.
func runFor(t *testing.T, dir, db string, args []string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	var code int
	done := make(chan struct{})
	go func() {
		defer close(done)
		code = run(append([]string{"--db", db, "--templates", filepath.Join(dir, "maler")}, args...), strings.NewReader(""), &out, &errOut)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("boso %v hangs on a damaged file", args)
	}
	if code == 3 {
		t.Fatalf("boso %v crashed: %s", args, errOut.String())
	}
	return out.String(), errOut.String(), code
}

// fileDamaged is what a read says when the file as a whole is damaged (not
// one report in it).
func fileDamaged(errOut string) bool {
	return strings.Contains(errOut, "er skadet eller er ikke en boso-fil") || strings.Contains(errOut, "den siste lagringen")
}

func loadDamageBase(tb testing.TB) *damageBase {
	baseOnce.Do(func() { base, baseErr = buildDamageBase() })
	if baseErr != nil {
		tb.Fatal(baseErr)
	}
	return base
}

func FuzzDamage(f *testing.F) {
	b := loadDamageBase(f)
	f.Fuzz(func(t *testing.T, spec []byte) { b.check(t, spec) })
}

// TestDamageRandom tries random variants: one to four changed bytes, aimed
// at any page, or at a page of one kind, half of them at a page's header.
func TestDamageRandom(t *testing.T) {
	b := loadDamageBase(t)
	seed := time.Now().UnixNano()
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	n := 0
	for start := time.Now(); n < 10 || time.Since(start) < *damageFor; n++ {
		spec := make([]byte, 5*(1+rng.IntN(4)))
		for i := range spec {
			spec[i] = byte(rng.Uint32())
		}
		// Half the changes hit a page header or the first elements after
		// it, where a byte says how to read the rest of the page.
		for i := 0; i < len(spec); i += 5 {
			if rng.IntN(2) == 0 {
				spec[i+2], spec[i+3] = byte(rng.IntN(64)), 0
			}
		}
		if !t.Run(fmt.Sprintf("%x", spec), func(t *testing.T) { b.check(t, spec) }) {
			t.Fatalf("seed %d: variant %x failed; add it to testdata/fuzz/FuzzDamage", seed, spec)
		}
	}
	t.Logf("%d variants", n)
}

// check runs every command against the file damaged as spec says.
func (b *damageBase) check(t *testing.T, spec []byte) {
	damaged := b.damage(spec)
	dir := t.TempDir()
	copyOf := func() string {
		db := filepath.Join(dir, fmt.Sprintf("boso-%d.db", time.Now().UnixNano()))
		if err := os.WriteFile(db, damaged, 0o600); err != nil {
			t.Fatal(err)
		}
		return db
	}

	db := copyOf()
	isDamaged := false
	for _, args := range b.reads() {
		out, errOut, code := runFor(t, dir, db, args)
		if code == 0 && out != b.answers[strings.Join(args, " ")] {
			t.Fatalf("boso %v answers differently on the damaged file, and says nothing:\n%s", args, out)
		}
		if code != 0 && !strings.HasPrefix(errOut, "boso: ") {
			t.Fatalf("boso %v: exit %d without a sentence: %q", args, code, errOut)
		}
		isDamaged = isDamaged || fileDamaged(errOut)
	}
	if !bytes.Equal(fileBytesOf(t, db), damaged) {
		t.Fatal("a read changed the file")
	}

	for _, w := range b.writes(dir) {
		db := copyOf()
		_, errOut, code := runFor(t, dir, db, w.args)
		changed := !bytes.Equal(fileBytesOf(t, db), damaged)
		if isDamaged && changed {
			t.Fatalf("boso %v wrote to a file that reads call damaged (%s)", w.args, errOut)
		}
		if code != 0 || !changed {
			continue
		}
		// What the write did not touch reads as before.
		for _, args := range b.reads() {
			if len(args) == 3 && args[0] == "export" && args[1] != w.changes {
				out, _, code := runFor(t, dir, db, args)
				if code == 0 && out != b.answers[strings.Join(args, " ")] {
					t.Fatalf("after boso %v, boso %v answers differently", w.args, args)
				}
			}
		}
	}
}

func fileBytesOf(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
