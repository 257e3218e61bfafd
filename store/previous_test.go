package store

import (
	"os"
	"testing"
	"time"

	"boso/model"
)

// previousFixture is a store holding Gjøvik's real 2012 report.
func previousFixture(t *testing.T) (*Store, *model.Report) {
	t.Helper()
	data, err := os.ReadFile("../testdata/gjovik-2012.json")
	if err != nil {
		t.Fatal(err)
	}
	last, err := model.Decode(data, model.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	s := newStore(t)
	if _, err := PutReport(s, last, "", 0); err != nil {
		t.Fatal(err)
	}
	return s, last
}

// previousReport is a new report of the built-in template for kommune and year.
func previousReport(t *testing.T, kommune, year string, at time.Time) *model.Report {
	t.Helper()
	tmpl, _ := model.Builtin().Lookup("arsrapport-2012")
	r := model.NewReport(tmpl, at)
	for id, v := range map[string]string{"info.kommune": kommune, "info.rapporteringsar": year} {
		if err := r.Input(id, v); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func wantPrevious(t *testing.T, s *Store, r *model.Report, want string) {
	t.Helper()
	p, err := Previous(s, r, model.Builtin())
	switch {
	case err != nil:
		t.Errorf("Previous: %v", err)
	case want == "" && p != nil:
		t.Errorf("previous = %s, want none", p.ID)
	case want != "" && (p == nil || p.ID != want):
		t.Errorf("previous = %v, want %s", p, want)
	}
}

// TestPreviousIsFound: a carried-over report knows where it came from, and
// a report of the same kommune for the year before is found by name and
// year, whatever the case and spacing of the name.
func TestPreviousIsFound(t *testing.T) {
	s, last := previousFixture(t)
	now := last.UpdatedAt.Add(time.Hour)
	carried := model.CarryOverFrom(last, now)
	typed := previousReport(t, "  GJØVIK   kommune ", "2013", now)
	for _, r := range []*model.Report{carried, typed} {
		if _, err := PutReport(s, r, "", 0); err != nil {
			t.Fatal(err)
		}
	}
	wantPrevious(t, s, carried, last.ID)
	wantPrevious(t, s, typed, last.ID)
	wantPrevious(t, s, previousReport(t, "Hamar kommune", "2013", now), "")
	wantPrevious(t, s, previousReport(t, "Gjøvik kommune", "2015", now), "")
	wantPrevious(t, s, previousReport(t, "Gjøvik kommune", "", now), "")
	// Last year's report itself has none before it.
	wantPrevious(t, s, last, "")
}

// TestPreviousPrefersTheFinalReport: with two reports for last year (a copy
// kept after a conflict), the final one is last year's report, else the
// one saved last; a deleted predecessor leaves the search by name.
func TestPreviousPrefersTheFinalReport(t *testing.T) {
	s, last := previousFixture(t) // a draft
	later := previousReport(t, "Gjøvik kommune", "2012", last.UpdatedAt.Add(time.Hour))
	if _, err := PutReport(s, later, "", 0); err != nil {
		t.Fatal(err)
	}
	next := model.CarryOverFrom(last, later.UpdatedAt)
	next.CarriedFrom = "gone"
	wantPrevious(t, s, next, later.ID)

	final := previousReport(t, "Gjøvik kommune", "2012", last.UpdatedAt.Add(-time.Hour))
	final.State = model.Final
	if _, err := PutReport(s, final, "", 0); err != nil {
		t.Fatal(err)
	}
	wantPrevious(t, s, next, final.ID)
}

func TestSummaryDeadline(t *testing.T) {
	reg := model.Builtin()
	sum := Summary{Template: "arsrapport-2012", Year: 2012, State: "draft"}
	for _, tc := range []struct {
		now     time.Time
		sum     Summary
		want    string
		overdue bool
	}{
		{time.Date(2013, 2, 10, 0, 5, 0, 0, time.Local), sum, "28.02.2013 · 18 dager igjen", false},
		{time.Date(2013, 2, 27, 23, 59, 0, 0, time.Local), sum, "28.02.2013 · 1 dag igjen", false},
		{time.Date(2013, 2, 28, 23, 59, 0, 0, time.Local), sum, "28.02.2013 · frist i dag", false},
		{time.Date(2013, 3, 1, 0, 0, 0, 0, time.Local), sum, "28.02.2013 · 1 dag over fristen", true},
		{time.Date(2013, 3, 5, 12, 0, 0, 0, time.Local), sum, "28.02.2013 · 5 dager over fristen", true},
		// Across the change to summer time (31 March 2013 in Norway).
		{time.Date(2013, 4, 2, 12, 0, 0, 0, time.Local), sum, "28.02.2013 · 33 dager over fristen", true},
		{time.Date(2013, 2, 10, 12, 0, 0, 0, time.Local), Summary{Template: sum.Template, State: "draft"}, "", false},
		// A final report has been delivered: its date, never overdue.
		{time.Date(2013, 3, 5, 12, 0, 0, 0, time.Local), Summary{Template: sum.Template, Year: 2012, State: "final"}, "28.02.2013", false},
		{time.Date(2013, 2, 10, 12, 0, 0, 0, time.Local), Summary{Template: "ukjent", Year: 2012, State: "draft"}, "", false},
	} {
		got, overdue := tc.sum.Deadline(reg, tc.now)
		if got != tc.want || overdue != tc.overdue {
			t.Errorf("%v, %+v: got %q %v, want %q %v", tc.now, tc.sum, got, overdue, tc.want, tc.overdue)
		}
	}
}
