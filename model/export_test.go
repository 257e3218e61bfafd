package model

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// setValue returns an edit that puts one raw value into the fixture's values.
func setValue(id string, v any) func(doc, values map[string]any) {
	return func(_, values map[string]any) { values[id] = v }
}

// setTop returns an edit that sets (or, with nil, removes) a top-level key.
func setTop(key string, v any) func(doc, values map[string]any) {
	return func(doc, _ map[string]any) {
		if v == nil {
			delete(doc, key)
		} else {
			doc[key] = v
		}
	}
}

// withRawValue puts raw JSON text as the value of id, for what json.Marshal
// cannot write (a float that looks like 1.5, invalid escapes …).
func withRawValue(t *testing.T, id, raw string) []byte {
	t.Helper()
	data := editFixture(t, setValue(id, "@@RAW@@"))
	return bytes.Replace(data, []byte(`"@@RAW@@"`), []byte(raw), 1)
}

func TestDecodeRefuses(t *testing.T) {
	fixture := gjovikBytes(t)
	tests := []struct {
		name  string
		data  func(t *testing.T) []byte
		field string // the field id the refusal names, if any
		msg   string // a piece of the message
	}{
		{"not JSON", raw("Programnavn: Boligsosialt utviklingsprogram"), "", "ikke gyldig JSON"},
		{"empty file", raw(""), "", "filen er tom"},
		{"only whitespace", raw(" \n\t"), "", "filen er tom"},
		{"truncated JSON", func(*testing.T) []byte { return fixture[:len(fixture)/2] }, "", "slutter midt i dokumentet"},
		{"over 10 MiB", func(*testing.T) []byte {
			return append(bytes.Repeat([]byte(" "), MaxImportSize), fixture...)
		}, "", "10 MiB"},
		{"a JSON array", raw("[]"), "", "JSON-objekt"},
		{"a JSON string", raw(`"boso"`), "", "JSON-objekt"},
		{"other format", edit(setTop("format", "boso.report.v2")), "", "«boso.report.v2»"},
		{"missing format", edit(setTop("format", nil)), "", "mangler «format»"},
		{"format of the wrong type", edit(setTop("format", 1)), "", "«format» har feil type"},
		{"unknown template", edit(setTop("template", "arsrapport-2099")), "", "«arsrapport-2099»"},
		{"unknown state", edit(setTop("state", "sent")), "", "ukjent tilstand «sent»"},
		{"missing state", edit(setTop("state", nil)), "", "ukjent tilstand"},
		{"values not an object", edit(setTop("values", []any{})), "", "«values» har feil type"},
		{"created_at not a time", edit(setTop("created_at", "i går")), "", "2013-02-18T14:03:11Z"},
		{"created_at a number", edit(setTop("created_at", 5)), "", "2013-02-18T14:03:11Z"},
		// Encode writes UTC; year 0 at +01:00 is year -1 in UTC, which JSON cannot hold.
		{"time outside what can be exported", edit(setTop("created_at", "0000-01-01T00:00:00+01:00")), "", "0000–9999"},
		{"control character in the id", edit(setTop("id", "abc\x1b[2J")), "", "kontrolltegn"},
		{"unknown field id", edit(setValue("9.9", "x")), "9.9", "finnes ikke i malen arsrapport-2012"},
		{"field id from another edition", edit(setValue("1.1.D.start", 3)), "1.1.D.start", "finnes ikke"},
		{"a computed id under values", edit(setValue("1.1.A.resultat", -1)), "1.1.A.resultat", "regnes ut"},
		{"float for a count", func(t *testing.T) []byte { return withRawValue(t, "1.1.A.start", "1.5") }, "1.1.A.start", "helt tall"},
		{"integral float for a count", func(t *testing.T) []byte { return withRawValue(t, "1.1.A.start", "7.0") }, "1.1.A.start", "helt tall"},
		{"exponent for a count", func(t *testing.T) []byte { return withRawValue(t, "1.1.A.start", "1e3") }, "1.1.A.start", "helt tall"},
		{"count too large", func(t *testing.T) []byte { return withRawValue(t, "1.1.A.start", "10000000000000") }, "1.1.A.start", "mellom"},
		{"count beyond int64", func(t *testing.T) []byte { return withRawValue(t, "1.1.A.start", "99999999999999999999") }, "1.1.A.start", "mellom"},
		{"boolean for a count", edit(setValue("1.1.A.start", true)), "1.1.A.start", "helt tall"},
		{"object for a count", edit(setValue("1.1.A.start", map[string]any{"n": 7})), "1.1.A.start", "helt tall"},
		{"array for a count", edit(setValue("1.1.A.start", []any{7})), "1.1.A.start", "helt tall"},
		{"null for the year", edit(setValue("info.rapporteringsar", nil)), "info.rapporteringsar", "ikke null"},
		{"boolean for the year", edit(setValue("info.rapporteringsar", false)), "info.rapporteringsar", "helt tall"},
		{"number for text", edit(setValue("info.kommune", 5)), "info.kommune", "skal være tekst"},
		{"null for text", edit(setValue("info.kommune", nil)), "info.kommune", "skal være tekst"},
		{"object for text", edit(setValue("1.2", map[string]any{})), "1.2", "skal være tekst"},
		{"array for text", edit(setValue("1.2", []any{"a", "b"})), "1.2", "skal være tekst"},
		{"number for a date", edit(setValue("info.programstart", 20101222)), "info.programstart", "skal være tekst"},
		{"deep nesting in an unknown key", func(*testing.T) []byte {
			deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
			return bytes.Replace(fixture, []byte("{"), []byte(`{"extra": `+deep+`,`), 1)
		}, "", "nøstet for dypt"},
		{"NUL in text", edit(setValue("1.2", "a\x00b")), "1.2", "kontrolltegn"},
		{"ESC in text", edit(setValue("1.2", "a\x1b[2Jb")), "1.2", "kontrolltegn"},
		{"bell in text", edit(setValue("info.kommune", "Gjøvik\x07")), "info.kommune", "kontrolltegn"},
		{"DEL in text", edit(setValue("1.2", "a\x7fb")), "1.2", "kontrolltegn"},
		{"C1 CSI in text", edit(setValue("1.2", "a\u009b2Jb")), "1.2", "kontrolltegn"},
		{"invalid UTF-8", func(*testing.T) []byte {
			return bytes.Replace(fixture, []byte("Gjøvik kommune"), []byte("Gj\xf8vik kommune"), 1)
		}, "", "UTF-8"},
		{"two JSON documents", func(*testing.T) []byte { return append(append([]byte{}, fixture...), fixture...) }, "", "mer enn ett JSON-dokument"},
		{"a stray brace after the document", func(*testing.T) []byte { return append(append([]byte{}, fixture...), '}') }, "", "etter slutten"},
		{"text after the document", func(*testing.T) []byte { return append(append([]byte{}, fixture...), "slutt"...) }, "", "etter slutten"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Decode(tt.data(t), Builtin())
			if err == nil {
				t.Fatalf("Decode accepted it (%d values)", len(r.Values()))
			}
			if r != nil {
				t.Error("Decode returned a report with its error")
			}
			if !errors.Is(err, ErrImport) {
				t.Errorf("error %v does not match ErrImport", err)
			}
			var ie *ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("error %T is not an *ImportError", err)
			}
			if ie.Field != tt.field {
				t.Errorf("Field = %q, want %q", ie.Field, tt.field)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("message %q does not contain %q", err.Error(), tt.msg)
			}
			checkSentence(t, err.Error())
		})
	}
}

func raw(s string) func(*testing.T) []byte { return func(*testing.T) []byte { return []byte(s) } }

func edit(e func(doc, values map[string]any)) func(*testing.T) []byte {
	return func(t *testing.T) []byte { return editFixture(t, e) }
}

// What Decode accepts, and how it keeps it.
func TestDecodeAccepts(t *testing.T) {
	fixture := gjovikBytes(t)
	tests := []struct {
		name  string
		data  func(t *testing.T) []byte
		check func(t *testing.T, r *Report)
	}{
		{"line breaks and tabs are kept", edit(setValue("1.2", "Linje 1\nLinje 2\n\tinnrykk")), func(t *testing.T, r *Report) {
			if got := r.Value("1.2").Text; got != "Linje 1\nLinje 2\n\tinnrykk" {
				t.Errorf("1.2 = %q", got)
			}
		}},
		{"CRLF becomes LF", edit(setValue("1.2", "a\r\nb")), func(t *testing.T, r *Report) {
			if got := r.Value("1.2").Text; got != "a\nb" {
				t.Errorf("1.2 = %q", got)
			}
		}},
		{"a lone CR (old Mac line end) becomes LF", edit(setValue("1.2", "a\rb")), func(t *testing.T, r *Report) {
			if got := r.Value("1.2").Text; got != "a\nb" {
				t.Errorf("1.2 = %q", got)
			}
		}},
		{"a UTF-8 byte order mark (Notepad) is skipped", func(*testing.T) []byte {
			return append([]byte("\xef\xbb\xbf"), fixture...)
		}, func(t *testing.T, r *Report) {
			if r.Kommune() != "Gjøvik kommune" {
				t.Errorf("kommune = %q", r.Kommune())
			}
		}},
		{"emoji, RTL and combining characters", edit(setValue("1.2", "🏠 שלום e\u0301")), func(t *testing.T, r *Report) {
			if got := r.Value("1.2").Text; got != "🏠 שלום e\u0301" {
				t.Errorf("1.2 = %q", got)
			}
		}},
		{"a merely invalid e-mail is imported and reported by Validate", edit(setValue("info.epost", "ola.nav.no")), func(t *testing.T, r *Report) {
			if r.Value("info.epost").Text != "ola.nav.no" {
				t.Errorf("e-mail = %+v", r.Value("info.epost"))
			}
			if ps := Validate(r); len(ps) != 1 || ps[0].FieldID != "info.epost" {
				t.Errorf("Validate = %v", ps)
			}
		}},
		{"a merely invalid date is imported as typed", edit(setValue("info.programstart", "22.12.10")), func(t *testing.T, r *Report) {
			if ps := Validate(r); len(ps) != 1 || ps[0].FieldID != "info.programstart" {
				t.Errorf("Validate = %v", ps)
			}
		}},
		// Phone numbers were once stored as typed; each older form reads in
		// as the one stored form, and validates.
		{"a phone number stored with spaces", edit(setValue("info.telefon", "415 81 180")), phoneIs("41581180")},
		{"a phone number stored with +47", edit(setValue("info.telefon", "+47 41 58 11 80")), phoneIs("41581180")},
		{"a phone number stored with 0047", edit(setValue("info.telefon", "004741581180")), phoneIs("41581180")},
		{"a phone number stored with no-break spaces", edit(setValue("info.telefon", "41\u00a058\u00a011\u00a080")), phoneIs("41581180")},
		{"a merely invalid phone number is imported as it was", edit(setValue("info.telefon", "01 58 11 80")), func(t *testing.T, r *Report) {
			if got := r.Value("info.telefon").Text; got != "01 58 11 80" {
				t.Errorf("telefon = %q", got)
			}
			if ps := Validate(r); len(ps) != 1 || ps[0].Message != "Norske nummer begynner på 2–9; skriv de 8 sifrene, gjerne med +47 foran." {
				t.Errorf("Validate = %v", ps)
			}
		}},
		{"a negative count is imported and reported", edit(setValue("1.1.A.start", -7)), func(t *testing.T, r *Report) {
			if r.Value("1.1.A.start") != NumberValue(-7) {
				t.Errorf("1.1.A.start = %+v", r.Value("1.1.A.start"))
			}
			if ps := Validate(r); len(ps) != 1 || ps[0].FieldID != "1.1.A.start" {
				t.Errorf("Validate = %v", ps)
			}
		}},
		{"a year out of range is imported and reported", edit(setValue("info.rapporteringsar", 1999)), func(t *testing.T, r *Report) {
			if ps := Validate(r); len(ps) != 1 || ps[0].FieldID != "info.rapporteringsar" {
				t.Errorf("Validate = %v", ps)
			}
		}},
		// A draft keeps what was typed into a count when it is no whole
		// count, as a string; read in, a string is read as if typed.
		{"a count kept as typed is imported as typed and reported", edit(setValue("1.1.A.start", "-3")), func(t *testing.T, r *Report) {
			if r.Value("1.1.A.start") != TextValue("-3") {
				t.Errorf("1.1.A.start = %+v", r.Value("1.1.A.start"))
			}
			if ps := Validate(r); len(ps) != 1 || ps[0].Message != "Tallet kan ikke være negativt." {
				t.Errorf("Validate = %v", ps)
			}
		}},
		{"a year kept as typed is imported as typed", edit(setValue("info.rapporteringsar", "12")), func(t *testing.T, r *Report) {
			if r.Value("info.rapporteringsar") != TextValue("12") {
				t.Errorf("år = %+v", r.Value("info.rapporteringsar"))
			}
		}},
		{"a string that is a count is that count", edit(setValue("1.1.A.start", "1 455")), func(t *testing.T, r *Report) {
			if r.Value("1.1.A.start") != NumberValue(1455) {
				t.Errorf("1.1.A.start = %+v", r.Value("1.1.A.start"))
			}
		}},
		{"X as a string marks a count not available", edit(setValue("2.C.1.fra_leie_til_eie.antall", "X")), func(t *testing.T, r *Report) {
			if r.Value("2.C.1.fra_leie_til_eie.antall") != NA {
				t.Errorf("antall = %+v", r.Value("2.C.1.fra_leie_til_eie.antall"))
			}
		}},
		{"null marks a count not available", edit(setValue("2.C.2.boliger.antall", nil)), func(t *testing.T, r *Report) {
			if r.Value("2.C.2.boliger.antall") != NA {
				t.Errorf("boliger = %+v", r.Value("2.C.2.boliger.antall"))
			}
		}},
		{"an empty text is not an answer", edit(setValue("1.2", "")), func(t *testing.T, r *Report) {
			if _, ok := r.Values()["1.2"]; ok {
				t.Error("empty 1.2 stored")
			}
		}},
		// computed is ignored on import and derived again (README: the export format).
		{"a wrong computed part is ignored", edit(setTop("computed", map[string]any{"1.1.A.resultat": 99, "x": "y"})), func(t *testing.T, r *Report) {
			if got := Compute(r)["1.1.A.resultat"]; got != NumberValue(-1) {
				t.Errorf("1.1.A.resultat = %+v", got)
			}
		}},
		{"no computed part", edit(setTop("computed", nil)), func(*testing.T, *Report) {}},
		// The contract may be extended with new keys without a new format id.
		{"an unknown top-level key is ignored", edit(setTop("kommentar", map[string]any{"a": 1})), func(*testing.T, *Report) {}},
		{"carried_from is kept", edit(setTop("carried_from", "gjovik2011")), func(t *testing.T, r *Report) {
			if r.CarriedFrom != "gjovik2011" {
				t.Errorf("CarriedFrom = %q", r.CarriedFrom)
			}
		}},
		{"a file just under 10 MiB", func(t *testing.T) []byte {
			pad := `"pad": "` + strings.Repeat("x", MaxImportSize-len(fixture)-20) + `",`
			data := bytes.Replace(fixture, []byte("{"), []byte("{"+pad), 1)
			if len(data) > MaxImportSize {
				t.Fatalf("test file is %d bytes", len(data))
			}
			return data
		}, func(*testing.T, *Report) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Decode(tt.data(t), Builtin())
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			tt.check(t, r)
		})
	}
}

// phoneIs checks the stored phone number, and that it is valid.
func phoneIs(want string) func(t *testing.T, r *Report) {
	return func(t *testing.T, r *Report) {
		t.Helper()
		if got := r.Value("info.telefon").Text; got != want {
			t.Errorf("telefon = %q, want %q", got, want)
		}
		if ps := Validate(r); len(ps) != 0 {
			t.Errorf("Validate = %v", ps)
		}
	}
}
