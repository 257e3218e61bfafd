package model

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// A count typed as no whole count ("-3", "1,5", "12 tusen") is kept as
// typed, like a half-typed date: stored, reported by validation with the
// sentence the cell shows, not answered for what is computed from it, and
// carried by a draft's export as a string that reads back exactly.
func TestCountKeptAsTyped(t *testing.T) {
	for _, tt := range []struct{ typed, msg string }{
		{"-3", "Tallet kan ikke være negativt."},
		{"1,5", "Skriv et helt tall, for eksempel 1 455, eller X for ikke tilgjengelig."},
		{"12 tusen", "Skriv et helt tall, for eksempel 1 455, eller X for ikke tilgjengelig."},
	} {
		t.Run(tt.typed, func(t *testing.T) {
			r := gjovik(t)
			r.State = Draft
			if err := r.Input("1.1.A.start", tt.typed); err != nil {
				t.Fatal(err)
			}
			if got := r.Value("1.1.A.start"); got != TextValue(tt.typed) {
				t.Fatalf("stored %+v, want %q as typed", got, tt.typed)
			}
			if got := Format(TypeCount, r.Value("1.1.A.start")); got != tt.typed {
				t.Errorf("shown %q, want it as typed", got)
			}
			if got := NumberProblem(TypeCount, tt.typed); got != tt.msg {
				t.Errorf("NumberProblem = %q, want %q", got, tt.msg)
			}
			if got := FieldProblem(r, "1.1.A.start"); got != tt.msg {
				t.Errorf("FieldProblem = %q, want %q", got, tt.msg)
			}
			ps := Validate(r)
			if len(ps) != 1 || ps[0].FieldID != "1.1.A.start" || ps[0].Message != tt.msg {
				t.Errorf("Validate = %v, want only 1.1.A.start: %s", ps, tt.msg)
			}
			if _, err := Finalize(r, time.Now()); err != ErrHasProblems || r.State != Draft {
				t.Errorf("Finalize = %v, state %s: a count kept as typed must block it", err, r.State)
			}
			computed := Compute(r)
			for _, id := range []string{"1.1.A.resultat", "1.1.sum.start", "1.1.sum.resultat"} {
				if !computed[id].IsEmpty() {
					t.Errorf("%s = %+v, want not answered yet", id, computed[id])
				}
			}
			if got := computed["1.1.B.resultat"]; got.Kind != Number {
				t.Errorf("1.1.B.resultat = %+v: another row is not affected", got)
			}

			data := mustEncode(t, r)
			if !bytes.Contains(data, []byte(`"1.1.A.start": "`+tt.typed+`"`)) {
				t.Errorf("export holds no string %q for 1.1.A.start", tt.typed)
			}
			if err := schemaValidate(t, compileSchema(t, Builtin()), data); err != nil {
				t.Errorf("the schema refuses the draft's export: %v", err)
			}
			back, err := Decode(data, Builtin())
			if err != nil {
				t.Fatal(err)
			}
			if got := back.Value("1.1.A.start"); got != TextValue(tt.typed) {
				t.Errorf("read back %+v, want %q", got, tt.typed)
			}
			if again := mustEncode(t, back); !bytes.Equal(again, data) {
				t.Errorf("export → import → export changed the file:\n%s\nthen\n%s", data, again)
			}
			if md := string(Markdown(r)); !strings.Contains(md, " "+tt.typed+" |") {
				t.Errorf("the printout does not show %q as typed:\n%s", tt.typed, md)
			}
		})
	}
}

// A year typed as no four-digit year is kept too, and the report has no
// year until it is mended.
func TestYearKeptAsTyped(t *testing.T) {
	r := gjovik(t)
	if err := r.Input("info.rapporteringsar", "201"); err != nil {
		t.Fatal(err)
	}
	if got := r.Value("info.rapporteringsar"); got != TextValue("201") {
		t.Fatalf("stored %+v", got)
	}
	if _, ok := r.Year(); ok {
		t.Error("a year kept as typed counts as the report's year")
	}
	if got := FieldProblem(r, "info.rapporteringsar"); got != "Skriv årstallet med fire sifre, for eksempel 2012." {
		t.Errorf("FieldProblem = %q", got)
	}
	back, err := Decode(mustEncode(t, r), Builtin())
	if err != nil || back.Value("info.rapporteringsar") != TextValue("201") {
		t.Errorf("read back %+v, %v", back.Value("info.rapporteringsar"), err)
	}
}

// A finished report's export is as before: numbers, null for X; a string
// that reads as a count is that count, so only a draft's unfinished
// figure is ever a string.
func TestCountTextThatIsANumberIsTheNumber(t *testing.T) {
	r := gjovik(t)
	r.State = Draft
	mustSet(t, r, "1.1.A.start", TextValue("1 455"))
	mustSet(t, r, "1.1.B.start", TextValue("x"))
	if r.Value("1.1.A.start") != NumberValue(1455) || r.Value("1.1.B.start") != NA {
		t.Errorf("stored %+v and %+v", r.Value("1.1.A.start"), r.Value("1.1.B.start"))
	}
}
