package summary

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"boso/model"
)

// now is a fixed clock, so tests never depend on when they run.
var now = time.Date(2013, 2, 20, 10, 0, 0, 0, time.UTC)

// gjovikBytes is Gjøvik's real 2012 report, shared with the other packages' tests.
func gjovikBytes(tb testing.TB) []byte {
	tb.Helper()
	data, err := os.ReadFile("../../testdata/gjovik-2012.json")
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// gjovik decodes a fresh copy of the fixture, so each test may change it.
func gjovik(tb testing.TB) *model.Report {
	tb.Helper()
	r, err := model.Decode(gjovikBytes(tb), model.Builtin())
	if err != nil {
		tb.Fatalf("Decode(gjovik): %v", err)
	}
	return r
}

func arsrapport(tb testing.TB) *model.Template {
	tb.Helper()
	t, ok := model.Builtin().Lookup("arsrapport-2012")
	if !ok {
		tb.Fatal("the built-in template arsrapport-2012 is missing")
	}
	return t
}

// loadMini is a second, made-up edition of the form.
func loadMini(tb testing.TB) *model.Template {
	tb.Helper()
	data, err := os.ReadFile("../testdata/halvarsrapport-mini.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	tmpl, err := model.ParseTemplate(data)
	if err != nil {
		tb.Fatalf("ParseTemplate(halvarsrapport-mini): %v", err)
	}
	return tmpl
}

func mustSet(tb testing.TB, r *model.Report, id string, v model.Value) {
	tb.Helper()
	if err := r.Set(id, v); err != nil {
		tb.Fatalf("Set(%s, %+v): %v", id, v, err)
	}
}

func mustEncode(tb testing.TB, r *model.Report) []byte {
	tb.Helper()
	out, err := model.Encode(r)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

func decodeJSON(tb testing.TB, data []byte) map[string]any {
	tb.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		tb.Fatalf("not JSON: %v\n%s", err, data)
	}
	return m
}

// editFixture returns the fixture with edit applied to its decoded form.
func editFixture(tb testing.TB, edit func(doc, values map[string]any)) []byte {
	tb.Helper()
	doc := decodeJSON(tb, gjovikBytes(tb))
	edit(doc, doc["values"].(map[string]any))
	out, err := json.Marshal(doc)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// checkSentence fails when msg is not one Norwegian sentence on one line,
// free of control characters and of Go's own error text.
func checkSentence(tb testing.TB, msg string) {
	tb.Helper()
	if msg == "" || strings.ContainsAny(msg, "\n\r") || !utf8.ValidString(msg) || utf8.RuneCountInString(msg) > 240 {
		tb.Errorf("not one line of sane length: %q", msg)
	}
	for i := 0; i+2 < len(msg); i++ {
		if r, _ := utf8.DecodeRuneInString(msg[i+2:]); msg[i] == '.' && msg[i+1] == ' ' && unicode.IsUpper(r) {
			tb.Errorf("message has more than one sentence: %q", msg)
			break
		}
	}
	for _, r := range msg {
		if unicode.IsControl(r) {
			tb.Errorf("message has control character %U: %q", r, msg)
		}
	}
	for _, leak := range []string{"json:", "invalid", "unexpected", "cannot", "Time.", "parsing", "EOF"} {
		if strings.Contains(msg, leak) {
			tb.Errorf("message leaks %q: %q", leak, msg)
		}
	}
}
