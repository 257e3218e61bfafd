package model

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// wantProblem is one problem a validation case expects: the field, and a
// piece of the message (the whole message when exact is set).
type wantProblem struct {
	id    string
	msg   string
	exact bool
}

func TestValidate(t *testing.T) {
	type tc struct {
		name string
		edit func(t *testing.T, r *Report)
		want []wantProblem
	}
	set := func(id string, v Value) func(*testing.T, *Report) {
		return func(t *testing.T, r *Report) { mustSet(t, r, id, v) }
	}
	input := func(id, typed string) func(*testing.T, *Report) {
		return func(t *testing.T, r *Report) {
			if err := r.Input(id, typed); err != nil {
				t.Fatalf("Input(%s, %q): %v", id, typed, err)
			}
		}
	}
	tests := []tc{
		{name: "Gjøvik as delivered", edit: func(*testing.T, *Report) {}},
	}
	// Every field of the general information is required.
	for _, id := range []string{
		"info.programnavn", "info.kommune", "info.programleder", "info.programansvarlig",
		"info.programstart", "info.rapporteringsar", "info.rapporteringsdato",
		"info.utfylt_av", "info.telefon", "info.epost",
	} {
		tests = append(tests, tc{
			name: id + " missing",
			edit: set(id, Value{}),
			want: []wantProblem{{id, "Feltet må fylles ut.", true}},
		})
	}
	tests = append(tests, []tc{
		{"required text only spaces", set("info.kommune", TextValue("   ")),
			[]wantProblem{{"info.kommune", "Feltet må fylles ut.", true}}},
		{"one-line text with a newline", input("info.kommune", "Gjøvik\nkommune"),
			[]wantProblem{{"info.kommune", "Feltet skal stå på én linje.", true}}},
		{"one-line text with a pasted CRLF", input("info.programleder", "Ola\r\nBrenner"),
			[]wantProblem{{"info.programleder", "Feltet skal stå på én linje.", true}}},
		{"year before 2000", set("info.rapporteringsar", NumberValue(1999)),
			[]wantProblem{{"info.rapporteringsar", "Året må være mellom 2000 og 2100.", true}}},
		{"year after 2100", set("info.rapporteringsar", NumberValue(2101)),
			[]wantProblem{{"info.rapporteringsar", "Året må være mellom 2000 og 2100.", true}}},
		{"year 2000 is allowed", set("info.rapporteringsar", NumberValue(2000)), nil},
		{"year 2100 is allowed", set("info.rapporteringsar", NumberValue(2100)), nil},
		{"invalid date is kept as typed and reported", input("info.rapporteringsdato", "18-02-2013"),
			[]wantProblem{{"info.rapporteringsdato", "«18-02-2013» er ikke en dato. Skriv den som 18.02.2013.", true}}},
		{"impossible date", input("info.programstart", "31.02.2010"),
			[]wantProblem{{"info.programstart", "«31.02.2010» er ikke en dato.", false}}},
		{"programstart after rapporteringsdato", input("info.programstart", "01.03.2013"),
			[]wantProblem{{"info.programstart", "Programstart (01.03.2013) kan ikke være etter rapporteringsdatoen (18.02.2013).", true}}},
		{"programstart on rapporteringsdato", input("info.programstart", "18.02.2013"), nil},
		{"programstart rule waits for a valid date", input("info.rapporteringsdato", "18.02"),
			[]wantProblem{{"info.rapporteringsdato", "«18.02» er ikke en dato.", false}}},
		{"fastrente greater than fullfinansiert", func(t *testing.T, r *Report) {
			mustSet(t, r, "2.C.1.fullfinansiert.antall", NumberValue(33))
			mustSet(t, r, "2.C.1.fastrente.antall", NumberValue(40))
		},
			[]wantProblem{{"2.C.1.fastrente.antall", "Herav fastrente (40) kan ikke være større enn fullfinansierte boligkjøp (33).", true}}},
		{"fastrente greater, with Norwegian number format", func(t *testing.T, r *Report) {
			mustSet(t, r, "2.C.1.fullfinansiert.antall", NumberValue(1200))
			mustSet(t, r, "2.C.1.fastrente.antall", NumberValue(1455))
		}, []wantProblem{{"2.C.1.fastrente.antall", "Herav fastrente (1 455) kan ikke være større enn fullfinansierte boligkjøp (1 200).", true}}},
		{"fastrente equal to fullfinansiert", set("2.C.1.fastrente.antall", NumberValue(50)), nil},
		// The rule only applies when both counts are numbers; a missing or
		// not-available count is reported on its own.
		{"fastrente rule waits for fullfinansiert", set("2.C.1.fullfinansiert.antall", Value{}),
			[]wantProblem{{"2.C.1.fullfinansiert.antall", "Tallet mangler.", false}}},
		{"count left empty", set("2.C.2.nye_soknader.antall", Value{}),
			[]wantProblem{{"2.C.2.nye_soknader.antall", "Tallet mangler. Skriv et helt tall, eller X hvis tallet ikke er tilgjengelig.", true}}},
		{"status count left empty", set("1.1.A.start", Value{}),
			[]wantProblem{{"1.1.A.start", "Tallet mangler.", false}}},
		{"not available without a comment", set("2.C.2.nye_tildelinger.antall", NA),
			[]wantProblem{{"2.C.2.nye_tildelinger.antall", "Tallet er merket som ikke tilgjengelig (X). Forklar hvorfor i kommentaren på samme rad.", true}}},
		{"not available with a comment", func(t *testing.T, r *Report) {
			mustSet(t, r, "2.C.2.nye_tildelinger.antall", NA)
			mustSet(t, r, "2.C.2.nye_tildelinger.kommentar", TextValue("Ikke tilgjengelig fra KOSTRA ennå."))
		}, nil},
		{"not available with a blank comment", func(t *testing.T, r *Report) {
			mustSet(t, r, "2.C.2.nye_tildelinger.antall", NA)
			mustSet(t, r, "2.C.2.nye_tildelinger.kommentar", TextValue(" \n\t "))
		}, []wantProblem{{"2.C.2.nye_tildelinger.antall", "Forklar hvorfor i kommentaren på samme rad.", false}}},
		{"Gjøvik's X loses its explanation", set("2.C.1.fra_leie_til_eie.kommentar", Value{}),
			[]wantProblem{{"2.C.1.fra_leie_til_eie.antall", "Forklar hvorfor", false}}},
		{"both status cells of a row not available share one comment", func(t *testing.T, r *Report) {
			mustSet(t, r, "1.1.prioritert.kommentar", Value{})
		}, []wantProblem{
			{"1.1.prioritert.start", "ikke tilgjengelig (X)", false},
			{"1.1.prioritert.slutt", "ikke tilgjengelig (X)", false},
		}},
		{"negative count", set("2.C.2.boliger.antall", NumberValue(-3)),
			[]wantProblem{{"2.C.2.boliger.antall", "Tallet kan ikke være negativt.", true}}},
		{"phone with 7 digits", input("info.telefon", "4158118"),
			[]wantProblem{{"info.telefon", "Skriv et norsk telefonnummer med 8 sifre, gjerne med +47 foran.", true}}},
		{"phone with dashes", input("info.telefon", "41-58-11-80"),
			[]wantProblem{{"info.telefon", "telefonnummer", false}}},
		{"phone with +47 and spaces", input("info.telefon", "+47 415 81 180"), nil},
		{"e-mail without @", input("info.epost", "ola.nav.no"),
			[]wantProblem{{"info.epost", "Skriv en e-postadresse, for eksempel navn@kommune.no.", true}}},
		{"e-mail with a display name", input("info.epost", "Ola <ola@nav.no>"),
			[]wantProblem{{"info.epost", "e-postadresse", false}}},
		{"e-mail with surrounding spaces is fine", input("info.epost", " ola@nav.no "), nil},
		{"optional long text left empty", set("1.2", Value{}), nil},
		{"several problems come in form order", func(t *testing.T, r *Report) {
			mustSet(t, r, "info.epost", TextValue("ola"))
			mustSet(t, r, "info.kommune", Value{})
			mustSet(t, r, "2.C.1.fastrente.antall", NumberValue(51))
		}, []wantProblem{
			{"info.kommune", "", false},
			{"info.epost", "", false},
			{"2.C.1.fastrente.antall", "(51)", false},
		}},
	}...)

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := gjovik(t)
			tt.edit(t, r)
			got := Validate(r)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(got), len(tt.want), problemList(got))
			}
			for i, w := range tt.want {
				p := got[i]
				if p.FieldID != w.id {
					t.Errorf("problem %d is on %s, want %s:\n%s", i, p.FieldID, w.id, problemList(got))
				}
				if (w.exact && p.Message != w.msg) || !strings.Contains(p.Message, w.msg) {
					t.Errorf("message = %q, want %q (exact %v)", p.Message, w.msg, w.exact)
				}
				checkProblem(t, r, p)
			}
			// FieldProblem is what a screen shows beside one field; it must
			// agree with Validate on the first problem of that field.
			for _, p := range got {
				if fp := FieldProblem(r, p.FieldID); fp == "" {
					t.Errorf("FieldProblem(%s) = \"\", Validate says %q", p.FieldID, p.Message)
				}
			}
		})
	}
}

// checkProblem checks what every Problem must carry to be shown: the field's
// id, its label with the year filled in, its screen, and one Norwegian
// sentence.
func checkProblem(t *testing.T, r *Report, p Problem) {
	t.Helper()
	f := r.Template.Field(p.FieldID)
	if f == nil {
		t.Fatalf("problem on unknown field %q", p.FieldID)
	}
	if p.Label != r.Label(f.Label) || p.Label == "" || strings.Contains(p.Label, "{Y") {
		t.Errorf("%s: Label = %q, want %q", p.FieldID, p.Label, r.Label(f.Label))
	}
	if p.Section == nil || p.Section != f.Section() {
		t.Errorf("%s: Section = %v, want the field's section", p.FieldID, p.Section)
	}
	if first, _ := utf8.DecodeRuneInString(p.Message); !unicode.IsUpper(first) && first != '«' {
		t.Errorf("%s: message does not start with a capital: %q", p.FieldID, p.Message)
	}
	if !strings.HasSuffix(p.Message, ".") {
		t.Errorf("%s: message does not end with a full stop: %q", p.FieldID, p.Message)
	}
	if p.String() != p.FieldID+": "+p.Message {
		t.Errorf("String() = %q", p.String())
	}
}

func problemList(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("  " + p.String() + "\n")
	}
	return b.String()
}

// Labels in problems carry the report's year, as the screens show them.
func TestProblemLabelHasYear(t *testing.T) {
	tests := []struct {
		id, label string
	}{
		{"1.1.A.start", "A. Uten eid eller leid bolig – status behov pr. 01.01.2012"},
		{"1.1.C.slutt", "C. Uegnet bolig – status behov pr. 31.12.2012"},
		// The priority row is about the year after.
		{"1.1.prioritert.start", "Prioritert område – status behov pr. 01.01.2013"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			r := gjovik(t)
			mustSet(t, r, tt.id, Value{})
			ps := Validate(r)
			if len(ps) == 0 {
				t.Fatal("no problem")
			}
			if ps[0].FieldID != tt.id || ps[0].Label != tt.label {
				t.Errorf("problem %s %q, want %s %q", ps[0].FieldID, ps[0].Label, tt.id, tt.label)
			}
			if ps[0].Section.ID != r.Template.Field(tt.id).Section().ID {
				t.Errorf("section %s", ps[0].Section.ID)
			}
		})
	}
}

// A new report lists every required answer and every count, in form order.
func TestValidateEmptyReport(t *testing.T) {
	r := NewReport(arsrapport(t), now)
	ps := Validate(r)
	var want []string
	for _, f := range r.Template.InputFields() {
		// info.programnavn has a default; every other required field and every count is missing.
		if (f.Required && f.ID != "info.programnavn") || f.Type == TypeCount {
			want = append(want, f.ID)
		}
	}
	if len(want) != 29 { // 9 info fields + 6 + 2 status cells + 7 C.1 + 5 C.2 counts
		t.Fatalf("template has %d required answers, the paper form has 29", len(want))
	}
	if len(ps) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(ps), len(want), problemList(ps))
	}
	for i, p := range ps {
		if p.FieldID != want[i] {
			t.Errorf("problem %d on %s, want %s", i, p.FieldID, want[i])
		}
		// No year yet: labels show the paper form's placeholder.
		if strings.Contains(p.Label, "2012") {
			t.Errorf("label %q has a year the report does not have", p.Label)
		}
		checkProblem(t, r, p)
	}
}

func TestFieldProblem(t *testing.T) {
	tests := []struct {
		name, id string
		edit     func(*testing.T, *Report)
		want     string
	}{
		{"valid field", "info.epost", func(*testing.T, *Report) {}, ""},
		{"format", "info.epost", func(t *testing.T, r *Report) { mustSet(t, r, "info.epost", TextValue("ola")) }, "Skriv en e-postadresse, for eksempel navn@kommune.no."},
		{"rule", "2.C.1.fastrente.antall", func(t *testing.T, r *Report) {
			mustSet(t, r, "2.C.1.fastrente.antall", NumberValue(40))
		}, "Herav fastrente (40) kan ikke være større enn fullfinansierte boligkjøp (33)."},
		{"rule on another field is not this field's problem", "2.C.1.fullfinansiert.antall", func(t *testing.T, r *Report) {
			mustSet(t, r, "2.C.1.fastrente.antall", NumberValue(40))
		}, ""},
		{"computed field has none", "1.1.sum.resultat", func(*testing.T, *Report) {}, ""},
		{"unknown field has none", "9.9", func(*testing.T, *Report) {}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := gjovik(t)
			mustSet(t, r, "2.C.1.fullfinansiert.antall", NumberValue(33))
			mustSet(t, r, "2.C.1.fastrente.antall", NumberValue(33))
			tt.edit(t, r)
			if got := FieldProblem(r, tt.id); got != tt.want {
				t.Errorf("FieldProblem(%s) = %q, want %q", tt.id, got, tt.want)
			}
		})
	}
}

func TestFinalizeRefusesProblems(t *testing.T) {
	r := gjovik(t)
	mustSet(t, r, "info.epost", TextValue("ola"))
	ps, err := Finalize(r, now)
	if !errors.Is(err, ErrHasProblems) || len(ps) != 1 || ps[0].FieldID != "info.epost" {
		t.Fatalf("Finalize = %v, %v; want the e-mail problem and ErrHasProblems", ps, err)
	}
	if r.State != Draft || r.FinalizedAt != nil {
		t.Errorf("a report with problems became %s (finalized %v)", r.State, r.FinalizedAt)
	}
}

// TestDateRefusalFitsALine: the line mode prints "Mangel: " and the
// sentence on one terminal line, which an 80-column terminal breaks wherever
// it ends; the example date must not be the part that is cut in two.
func TestDateRefusalFitsALine(t *testing.T) {
	r := gjovik(t)
	if err := r.Input("info.rapporteringsdato", "18-02-2013"); err != nil {
		t.Fatal(err)
	}
	msg := "Mangel: " + FieldProblem(r, "info.rapporteringsdato")
	if !strings.Contains(msg, "18.02.2013") || utf8.RuneCountInString(msg) > 80 {
		t.Errorf("%d characters: %q", utf8.RuneCountInString(msg), msg)
	}
}

// TestCheckTellsManglerFromMerknader: an empty narrative text is a merknad,
// which does not stop Finalize; a missing number is a mangel, which does.
func TestCheckTellsManglerFromMerknader(t *testing.T) {
	r := gjovik(t)
	if mangler, merknader := Check(r); len(mangler) != 0 || len(merknader) != 0 {
		t.Fatalf("Gjøvik: %v / %v", mangler, merknader)
	}
	for _, id := range []string{"1.2", "2.A.1", "2.B.4", "2.C.3", "3.1", "4.1.D"} {
		mustSet(t, r, id, Value{})
	}
	mustSet(t, r, "2.A.2", TextValue("  \n "))
	// An empty row comment is neither: it is optional.
	mustSet(t, r, "1.1.A.kommentar", Value{})
	mangler, merknader := Check(r)
	var ids []string
	for _, p := range merknader {
		ids = append(ids, p.FieldID)
		if p.Label == "" || p.Section == nil || !strings.Contains(p.Message, "tom") {
			t.Errorf("merknad %+v", p)
		}
	}
	if got, want := strings.Join(ids, " "), "1.2 2.A.1 2.A.2 2.B.4 2.C.3 3.1 4.1.D"; got != want || len(mangler) != 0 {
		t.Errorf("merknader %s, want %s; mangler %v", got, want, mangler)
	}
	if _, err := Finalize(r, now); err != nil || r.State != Final {
		t.Errorf("merknader stopped Finalize: %v", err)
	}
	if NoteCount(1) != "1 merknad" || NoteCount(7) != "7 merknader" {
		t.Error("NoteCount")
	}
	if got := NotesHeading(2); got != "Merknader (2) – rapporten kan gjøres endelig likevel:" {
		t.Errorf("NotesHeading(2) = %q", got)
	}
}
