package model

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// fixturePath is Gjøvik's real 2012 report, shared with the other packages' tests.
const fixturePath = "../testdata/gjovik-2012.json"

// now is a fixed clock, so tests never depend on when they run.
var now = time.Date(2013, 2, 20, 10, 0, 0, 0, time.UTC)

func gjovikBytes(tb testing.TB) []byte {
	tb.Helper()
	data, err := os.ReadFile(fixturePath)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// gjovik decodes a fresh copy of the fixture, so each test may change it.
func gjovik(tb testing.TB) *Report {
	tb.Helper()
	r, err := Decode(gjovikBytes(tb), Builtin())
	if err != nil {
		tb.Fatalf("Decode(gjovik): %v", err)
	}
	return r
}

func arsrapport(tb testing.TB) *Template {
	tb.Helper()
	t, ok := Builtin().Lookup("arsrapport-2012")
	if !ok {
		tb.Fatalf("builtin template %s missing", "arsrapport-2012")
	}
	return t
}

// mustSet sets a value and fails the test when the model refuses it.
func mustSet(tb testing.TB, r *Report, id string, v Value) {
	tb.Helper()
	if err := r.Set(id, v); err != nil {
		tb.Fatalf("Set(%s, %+v): %v", id, v, err)
	}
}

// decodeJSON unmarshals into a generic value for comparisons that do not
// depend on key order or indentation.
func decodeJSON(tb testing.TB, data []byte) map[string]any {
	tb.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		tb.Fatalf("not JSON: %v\n%s", err, data)
	}
	return m
}

// editFixture returns the fixture with edit applied to its decoded form, for
// import tests that need one thing wrong in an otherwise real file.
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

// checkSentence fails when msg is not one Norwegian sentence as the contract
// asks for errors: one line, no second sentence, no Go or English error text
// leaking through.
func checkSentence(tb testing.TB, msg string) {
	tb.Helper()
	checkOneLine(tb, msg)
	// ". " followed by a capital starts a second sentence.
	for i := 0; i+2 < len(msg); i++ {
		if msg[i] == '.' && msg[i+1] == ' ' {
			if r, _ := utf8.DecodeRuneInString(msg[i+2:]); unicode.IsUpper(r) {
				tb.Errorf("message has more than one sentence: %q", msg)
				break
			}
		}
	}
	for _, leak := range []string{"json:", "invalid", "unexpected", "cannot", "Time.", "parsing", "EOF"} {
		if strings.Contains(msg, leak) {
			tb.Errorf("message leaks %q: %q", leak, msg)
		}
	}
}

// checkOneLine is what holds for any message, even one quoting a hostile
// file: one line of UTF-8 without control characters, of a sane length.
func checkOneLine(tb testing.TB, msg string) {
	tb.Helper()
	switch {
	case msg == "":
		tb.Error("empty message")
	case strings.ContainsAny(msg, "\n\r"):
		tb.Errorf("message spans lines: %q", msg)
	case !utf8.ValidString(msg):
		tb.Errorf("message is not UTF-8: %q", msg)
	case utf8.RuneCountInString(msg) > 240:
		tb.Errorf("message too long (%d runes): %q", utf8.RuneCountInString(msg), msg)
	}
	for i, r := range msg {
		if unicode.IsControl(r) {
			tb.Errorf("message has control character %U at %d: %q", r, i, msg)
		}
	}
}
