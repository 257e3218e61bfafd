package model

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestReportInput(t *testing.T) {
	tests := []struct {
		name    string
		id      string
		typed   string
		want    Value // the stored answer afterwards
		wantErr error // nil: no error; errAny: some error
	}{
		{"count with separator", "1.1.A.start", "1 455", NumberValue(1455), nil},
		{"count not available", "1.1.A.start", "X", NA, nil},
		{"count emptied", "1.1.A.start", "", Value{}, nil},
		// Nothing typed is lost: what is no whole count is kept as typed,
		// for validation to report, as a half-typed date is.
		{"count that does not parse kept as typed", "1.1.A.start", "sju", TextValue("sju"), nil},
		{"negative count kept as typed", "1.1.A.start", " -3 ", TextValue("-3"), nil},
		{"decimal count kept as typed", "1.1.A.start", "1,5", TextValue("1,5"), nil},
		{"year", "info.rapporteringsar", "2013", NumberValue(2013), nil},
		{"short year kept as typed", "info.rapporteringsar", "13", TextValue("13"), nil},
		{"date as the form writes it", "info.programstart", "22.12.2010", TextValue("2010-12-22"), nil},
		{"half-typed date kept", "info.programstart", "22.12.", TextValue("22.12."), nil},
		{"escape sequence cleaned", "info.kommune", "Gjøvik\x1b[2J kommune", TextValue("Gjøvik[2J kommune"), nil},
		{"computed field refused", "1.1.A.resultat", "5", Value{}, errAny},
		{"unknown field refused", "9.9.9", "5", Value{}, errAny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := gjovik(t)
			err := r.Input(tt.id, tt.typed)
			checkErr(t, err, tt.wantErr)
			if got := r.Value(tt.id); got != tt.want {
				t.Errorf("Value(%s) = %+v, want %+v", tt.id, got, tt.want)
			}
		})
	}
}

// errAny stands for "some error" in tables whose other rows name a sentinel.
var errAny = errors.New("any error")

func checkErr(t *testing.T, err, want error) {
	t.Helper()
	switch {
	case want == nil && err != nil:
		t.Errorf("unexpected error: %v", err)
	case want == errAny && err == nil:
		t.Error("no error, want one")
	case want != nil && want != errAny && !errors.Is(err, want):
		t.Errorf("error = %v, want %v", err, want)
	}
}

func TestReportSet(t *testing.T) {
	tests := []struct {
		name    string
		id      string
		v       Value
		wantErr bool
	}{
		{"number for a count", "1.1.A.start", NumberValue(3), false},
		{"not available for a count", "1.1.A.start", NA, false},
		{"empty removes", "1.1.A.start", Value{}, false},
		{"empty text removes", "1.2", TextValue(""), false},
		{"text for a text", "info.kommune", TextValue("Hamar kommune"), false},
		{"computed field", "1.1.sum.start", NumberValue(34), true},
		{"unknown field", "1.1.D.start", NumberValue(1), true},
		// A value of the wrong kind would export as JSON that Decode refuses.
		{"text typed into a count", "1.1.A.start", TextValue("12 tusen"), false},
		{"number for a text", "info.kommune", NumberValue(7), true},
		{"not available for a year", "info.rapporteringsar", NA, true},
		{"not available for a text", "1.2", NA, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := gjovik(t)
			before := r.Value(tt.id)
			err := r.Set(tt.id, tt.v)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Set(%s, %+v) error = %v, want error %v", tt.id, tt.v, err, tt.wantErr)
			}
			want := tt.v
			if tt.wantErr {
				want = before
				checkSentence(t, err.Error())
			}
			if got := r.Value(tt.id); got != want {
				t.Errorf("Value(%s) = %+v, want %+v", tt.id, got, want)
			}
			if _, err := Decode(mustEncode(t, r), Builtin()); err != nil {
				t.Errorf("the report no longer round-trips: %v", err)
			}
		})
	}
}

// Set keeps stored text as safe as Input does: a control character set
// directly would otherwise make the draft's own export unreadable.
func TestSetCleansText(t *testing.T) {
	r := gjovik(t)
	mustSet(t, r, "1.2", TextValue("a\r\nb\x00c\x1b[0m"))
	if got := r.Value("1.2").Text; got != "a\nbc[0m" {
		t.Errorf("stored %q", got)
	}
	// Text that is nothing but control characters, or a Text value with no
	// text, is no answer, as Decode would read it back.
	for _, v := range []Value{TextValue("\x00\x1b"), {Kind: Text}} {
		mustSet(t, r, "1.2", v)
		if _, ok := r.Values()["1.2"]; ok {
			t.Errorf("Set(%+v) stored %+v", v, r.Value("1.2"))
		}
	}
}

func mustEncode(tb testing.TB, r *Report) []byte {
	tb.Helper()
	out, err := Encode(r)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

func TestFinalReportIsReadOnly(t *testing.T) {
	r := gjovik(t)
	if _, err := Finalize(r, now); err != nil {
		t.Fatal(err)
	}
	changes := []struct {
		name   string
		change func() error
	}{
		{"Input text", func() error { return r.Input("info.kommune", "Hamar kommune") }},
		{"Input count", func() error { return r.Input("1.1.A.start", "9") }},
		{"Set", func() error { return r.Set("1.2", TextValue("ny tekst")) }},
		{"Set empty", func() error { return r.Set("1.2", Value{}) }},
	}
	for _, c := range changes {
		t.Run(c.name, func(t *testing.T) {
			if err := c.change(); !errors.Is(err, ErrReadOnly) {
				t.Errorf("error = %v, want ErrReadOnly", err)
			}
		})
	}
	if r.Kommune() != "Gjøvik kommune" || r.Value("1.1.A.start") != NumberValue(7) || r.Value("1.2").IsEmpty() {
		t.Error("a final report changed")
	}
	// Finalizing a final report changes nothing.
	first := *r.FinalizedAt
	if ps, err := Finalize(r, now.Add(time.Hour)); err != nil || ps != nil || !r.FinalizedAt.Equal(first) {
		t.Errorf("second Finalize: %v %v, finalized %v", ps, err, r.FinalizedAt)
	}

	later := now.Add(24 * time.Hour)
	Reopen(r, later)
	if r.State != Draft || r.FinalizedAt != nil || !r.UpdatedAt.Equal(later) {
		t.Fatalf("after Reopen: state %q finalized %v updated %v", r.State, r.FinalizedAt, r.UpdatedAt)
	}
	if err := r.Input("info.kommune", "Hamar kommune"); err != nil || r.Kommune() != "Hamar kommune" {
		t.Errorf("a reopened report refuses changes: %v", err)
	}
}

func TestCompletion(t *testing.T) {
	// arsrapport-2012 expects 47 answers: the 10 general ones, 20 numbers
	// and 17 narrative texts; a row's comment only while its number is X.
	// The other row comments and the priority area's name are optional.
	tests := []struct {
		name            string
		report          func(t *testing.T) *Report
		answered, total int
	}{
		// The defaults (programnavn, priority area) alone are no answer.
		{"new report", func(t *testing.T) *Report { return NewReport(arsrapport(t), now) }, 0, 47},
		{"a default counts once its screen has another answer", func(t *testing.T) *Report {
			r := NewReport(arsrapport(t), now)
			mustSet(t, r, "info.kommune", TextValue("Gjøvik kommune"))
			return r
		}, 2, 47},
		{"a default changed is an answer", func(t *testing.T) *Report {
			r := NewReport(arsrapport(t), now)
			mustSet(t, r, "info.programnavn", TextValue("Bolig for alle"))
			return r
		}, 1, 47},
		{"an optional field answered counts the default beside it", func(t *testing.T) *Report {
			r := NewReport(arsrapport(t), now)
			mustSet(t, r, "1.1.prioritert.omrade", TextValue("Bostedsløse"))
			return r
		}, 0, 47},
		// Gjøvik's report is complete: 9 of its row comments are empty, and
		// the priority row and 2.C.1.fra_leie_til_eie are X with comments.
		{"Gjøvik is complete", func(t *testing.T) *Report { return gjovik(t) }, 49, 49},
		{"Gjøvik final is complete", func(t *testing.T) *Report {
			r := gjovik(t)
			if _, err := Finalize(r, now); err != nil {
				t.Fatal(err)
			}
			return r
		}, 49, 49},
		{"Gjøvik without 1.2", func(t *testing.T) *Report {
			r := gjovik(t)
			mustSet(t, r, "1.2", Value{})
			return r
		}, 48, 49},
		{"an empty optional comment is not missing", func(t *testing.T) *Report {
			r := gjovik(t)
			mustSet(t, r, "1.1.A.kommentar", Value{})
			return r
		}, 49, 49},
		// A not-available number is an answer, and makes its comment expected.
		{"not available needs its comment", func(t *testing.T) *Report {
			r := NewReport(arsrapport(t), now)
			mustSet(t, r, "1.1.A.start", NA)
			return r
		}, 1, 48},
		{"the X's comment written", func(t *testing.T) *Report {
			r := NewReport(arsrapport(t), now)
			mustSet(t, r, "1.1.A.start", NA)
			mustSet(t, r, "1.1.A.kommentar", TextValue("Tallet finnes ikke."))
			return r
		}, 2, 48},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answered, all := tt.report(t).Completion()
			if answered != tt.answered || all != tt.total {
				t.Errorf("Completion() = %d/%d, want %d/%d", answered, all, tt.answered, tt.total)
			}
		})
	}
}

// TestSectionCompletion: the screens add up to the report, and a complete
// screen reads complete.
func TestSectionCompletion(t *testing.T) {
	r := gjovik(t)
	sum, sumTotal := 0, 0
	for _, s := range r.Template.Sections {
		a, n := r.SectionCompletion(s)
		if a != n {
			t.Errorf("%s: %d/%d in a complete report", s.ID, a, n)
		}
		sum, sumTotal = sum+a, sumTotal+n
	}
	if a, n := r.Completion(); a != sum || n != sumTotal {
		t.Errorf("Completion %d/%d, sections add up to %d/%d", a, n, sum, sumTotal)
	}
}

func TestLabel(t *testing.T) {
	tests := []struct {
		name, text string
		year       int64
		known      bool
		want       string
	}{
		{"year", "Status behov pr. 01.01.{Y}", 2012, true, "Status behov pr. 01.01.2012"},
		{"next year", "Særskilt prioritert område i {Y+1}", 2012, true, "Særskilt prioritert område i 2013"},
		{"both", "{Y}–{Y+1}", 2012, true, "2012–2013"},
		{"unknown year", "Status behov pr. 31.12.{Y}", 0, false, "Status behov pr. 31.12.ÅÅÅÅ"},
		{"unknown next year", "pr. 01.01.{Y+1}", 0, false, "pr. 01.01.ÅÅÅÅ"},
		{"no placeholder", "Kommune", 2012, true, "Kommune"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Label(tt.text, tt.year, tt.known); got != tt.want {
				t.Errorf("Label(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
	r := NewReport(arsrapport(t), now)
	if got := r.Label("pr. 01.01.{Y}"); got != "pr. 01.01.ÅÅÅÅ" {
		t.Errorf("report without a year: %q", got)
	}
	// The heading of the first screen, as the template writes it.
	if got := gjovik(t).Label(arsrapport(t).Sections[0].Heading); !strings.HasSuffix(got, "Årsrapport 2012") {
		t.Errorf("heading %q", got)
	}
}

func TestDeadline(t *testing.T) {
	tests := []struct {
		name string
		year Value
		want string // "" when there is no deadline yet
	}{
		{"2012 is due 28.02.2013", NumberValue(2012), "2013-02-28"},
		{"a year before a leap year is still due on the 28th", NumberValue(2023), "2024-02-28"},
		{"no year, no deadline", Value{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReport(arsrapport(t), now)
			mustSet(t, r, "info.rapporteringsar", tt.year)
			d, ok := r.Deadline()
			if tt.want == "" {
				if ok {
					t.Errorf("Deadline() = %v, want none", d)
				}
				return
			}
			if !ok || d.Format(time.DateOnly) != tt.want {
				t.Errorf("Deadline() = %v, %v; want %s", d, ok, tt.want)
			}
		})
	}
}

func TestNewReport(t *testing.T) {
	a, b := NewReport(arsrapport(t), now), NewReport(arsrapport(t), now)
	if a.ID == b.ID || len(a.ID) != 16 {
		t.Errorf("ids %q and %q: want two different 16-hex-digit ids", a.ID, b.ID)
	}
	if a.State != Draft || !a.CreatedAt.Equal(now) || !a.UpdatedAt.Equal(now) {
		t.Errorf("new report %+v", a)
	}
	if a.Value("info.programnavn") != TextValue("Boligsosialt utviklingsprogram") ||
		a.Value("1.1.prioritert.omrade") != TextValue("Antall barnefamilier med boligbehov") {
		t.Error("defaults missing")
	}
	// Values returns a copy: changing it does not change the report.
	v := a.Values()
	v["info.kommune"] = TextValue("x")
	if !a.Value("info.kommune").IsEmpty() {
		t.Error("Values() exposes the report's map")
	}
}

// TestSameKommune: one kommune, however its name was typed.
func TestSameKommune(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"Gjøvik kommune", "  GJØVIK\tkommune ", true},
		{"Ås kommune", "ÅS KOMMUNE", true},
		{"Gjøvik kommune", "Gjøvik", false},
		{"Os kommune", "Ås kommune", false},
		{"", "  ", true},
	} {
		if got := SameKommune(c.a, c.b); got != c.same {
			t.Errorf("SameKommune(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func TestDeadlineNote(t *testing.T) {
	due := time.Date(2013, 2, 28, 0, 0, 0, 0, time.Local)
	tests := []struct {
		name    string
		now     time.Time
		final   bool
		want    string
		overdue bool
	}{
		{"weeks left", time.Date(2013, 2, 10, 14, 3, 0, 0, time.Local), false, "28.02.2013 · 18 dager igjen", false},
		{"late in the evening", time.Date(2013, 2, 27, 23, 59, 0, 0, time.Local), false, "28.02.2013 · 1 dag igjen", false},
		{"on the day", time.Date(2013, 2, 28, 8, 0, 0, 0, time.Local), false, "28.02.2013 · frist i dag", false},
		{"one day late", time.Date(2013, 3, 1, 8, 0, 0, 0, time.Local), false, "28.02.2013 · 1 dag over fristen", true},
		{"across summer time", time.Date(2013, 4, 1, 0, 30, 0, 0, time.Local), false, "28.02.2013 · 32 dager over fristen", true},
		{"years late", time.Date(2026, 11, 29, 12, 0, 0, 0, time.Local), false, "28.02.2013 · 5022 dager over fristen", true},
		{"final: delivered, never overdue", time.Date(2026, 11, 29, 12, 0, 0, 0, time.Local), true, "28.02.2013", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, overdue := DeadlineNote(due, tt.now, tt.final)
			if got != tt.want || overdue != tt.overdue {
				t.Errorf("DeadlineNote = %q, %v; want %q, %v", got, overdue, tt.want, tt.overdue)
			}
		})
	}
	if _, ok := arsrapport(t).DueDate(2012); !ok {
		t.Error("arsrapport-2012 has no deadline")
	}
}

func TestStateWord(t *testing.T) {
	for _, tc := range []struct {
		state State
		want  string
	}{
		{Final, "endelig"},
		{Draft, "kladd"},
		// Whatever is not final may still change.
		{"", "kladd"},
	} {
		if got := tc.state.Word(); got != tc.want {
			t.Errorf("State(%q).Word() = %q, want %q", tc.state, got, tc.want)
		}
	}
}
