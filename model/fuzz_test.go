package model

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// The seed corpora live in testdata/fuzz/<FuzzName>/, so a plain `go test`
// runs every seed; `go test -fuzz=FuzzDecode ./model/` explores from them.

// FuzzDecode: no input makes Decode panic, and whatever it accepts survives
// export and import unchanged (README, the export format: export, import, export again
// gives the same values).
func FuzzDecode(f *testing.F) {
	f.Add(gjovikBytes(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Decode(data, Builtin())
		if err != nil {
			if r != nil {
				t.Fatal("Decode returned a report with an error")
			}
			checkOneLine(t, err.Error())
			return
		}
		// Whatever was accepted can be validated without panicking.
		Validate(r)
		r.Completion()
		out, err := Encode(r)
		if err != nil {
			t.Fatalf("Encode of an accepted document: %v", err)
		}
		back, err := Decode(out, Builtin())
		if err != nil {
			t.Fatalf("Decode(Encode(r)): %v\n%s", err, out)
		}
		if !reflect.DeepEqual(back.Values(), r.Values()) {
			t.Fatalf("values changed on export and import")
		}
		if back.ID != r.ID || back.State != r.State || back.CarriedFrom != r.CarriedFrom {
			t.Fatalf("id/state/carried_from changed: %q %q %q", back.ID, back.State, back.CarriedFrom)
		}
		if out2 := mustEncode(t, back); string(out2) != string(out) {
			t.Fatalf("second export differs from the first")
		}
	})
}

// FuzzParseCount: a count that parses is shown the Norwegian way and reads back the same.
func FuzzParseCount(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseCount(s)
		if err != nil {
			if v != (Value{}) {
				t.Fatalf("ParseCount(%q) = %+v with error %v", s, v, err)
			}
			return
		}
		switch v.Kind {
		case Empty:
			if strings.TrimSpace(s) != "" {
				t.Fatalf("ParseCount(%q) is empty", s)
			}
		case NotAvailable:
		case Number:
			if v.Num < 0 || v.Num > maxCount {
				t.Fatalf("ParseCount(%q) = %d, outside 0..maxCount", s, v.Num)
			}
			shown := FormatCount(v.Num)
			again, err := ParseCount(shown)
			if err != nil || again != v {
				t.Fatalf("ParseCount(%q) = %d, shown %q, read back %+v, %v", s, v.Num, shown, again, err)
			}
		default:
			t.Fatalf("ParseCount(%q) = %+v", s, v)
		}
	})
}

// FuzzParseDate: a date that parses is ISO, shown as dd.mm.yyyy, and reads back the same.
func FuzzParseDate(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		iso, err := ParseDate(s)
		if err != nil {
			return
		}
		if !isISODate(iso) {
			t.Fatalf("ParseDate(%q) = %q, not ISO", s, iso)
		}
		shown := FormatDate(iso)
		again, err := ParseDate(shown)
		if err != nil || again != iso {
			t.Fatalf("ParseDate(%q) = %q, shown %q, read back %q, %v", s, iso, shown, again, err)
		}
	})
}

// FuzzParsePhone: an accepted phone number is in the one stored form (8
// digits starting 2–9, or + and 7–15 digits), and reads back the same from
// what the screens show.
func FuzzParsePhone(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		stored, err := ParsePhone(s)
		if err != nil {
			return
		}
		digits, foreign := strings.CutPrefix(stored, "+")
		if strings.Trim(digits, "0123456789") != "" ||
			foreign && (len(digits) < 7 || len(digits) > 15) ||
			!foreign && (len(digits) != 8 || digits[0] < '2') {
			t.Fatalf("ParsePhone(%q) = %q", s, stored)
		}
		shown := FormatPhone(stored)
		if again, err := ParsePhone(shown); err != nil || again != stored {
			t.Fatalf("ParsePhone(%q) = %q, shown %q, read back %q, %v", s, stored, shown, again, err)
		}
	})
}

// FuzzCleanText: cleaned text is UTF-8 with no control character but \n and
// \t, and cleaning twice changes nothing.
func FuzzCleanText(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		c := CleanText(s)
		if !utf8.ValidString(c) {
			t.Fatalf("CleanText(%q) = %q, not UTF-8", s, c)
		}
		if hasControl(c) || strings.ContainsRune(c, '\r') {
			t.Fatalf("CleanText(%q) = %q keeps a control character", s, c)
		}
		if CleanText(c) != c {
			t.Fatalf("CleanText is not idempotent on %q", s)
		}
	})
}
