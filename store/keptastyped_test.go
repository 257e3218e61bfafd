package store

import (
	"path/filepath"
	"testing"

	"boso/model"
)

// A count and a year typed as no whole number are saved as typed: the draft
// file, closed and opened again, gives them back, for the cell to show.
func TestReportKeepsNumbersAsTyped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "boso.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	tmpl, _ := model.Builtin().Lookup("arsrapport-2012")
	r := model.NewReport(tmpl, t0)
	for id, typed := range map[string]string{"info.rapporteringsar": "201", "1.1.A.start": "-3", "1.1.B.start": "12 tusen"} {
		if err := r.Input(id, typed); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := PutReport(s, r, "1.1/1.1.A.start", 0); err != nil {
		t.Fatal(err)
	}
	again, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := GetReport(again, r.ID, model.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"info.rapporteringsar": "201", "1.1.A.start": "-3", "1.1.B.start": "12 tusen"} {
		if v := got.Value(id); v != model.TextValue(want) {
			t.Errorf("%s reopened = %+v, want %q as typed", id, v, want)
		}
	}
}
