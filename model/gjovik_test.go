package model

import (
	"reflect"
	"strings"
	"testing"
)

// TestGjovikAcceptance walks Gjøvik's real 2012 report through the whole
// life of a report: import, validate, finalize, export, and import again.
func TestGjovikAcceptance(t *testing.T) {
	fixture := decodeJSON(t, gjovikBytes(t))
	r := gjovik(t)

	if r.ID != "gjovik2012fixture" || r.State != Draft || r.Kommune() != "Gjøvik kommune" {
		t.Fatalf("decoded id %q state %q kommune %q", r.ID, r.State, r.Kommune())
	}
	if y, ok := r.Year(); !ok || y != 2012 {
		t.Fatalf("Year() = %d, %v", y, ok)
	}
	if ps := Validate(r); len(ps) != 0 {
		t.Fatalf("the Gjøvik report has problems:\n%s", problemList(ps))
	}
	if ps, err := Finalize(r, now); err != nil || len(ps) != 0 {
		t.Fatalf("Finalize: %v %v", ps, err)
	}
	if r.State != Final || r.FinalizedAt == nil || !r.FinalizedAt.Equal(now) {
		t.Fatalf("after Finalize: state %q, finalized at %v", r.State, r.FinalizedAt)
	}

	out, err := Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	doc := decodeJSON(t, out)
	for key, want := range map[string]any{
		"format": FormatID, "template": "arsrapport-2012", "id": "gjovik2012fixture",
		"state": "final", "finalized_at": "2013-02-20T10:00:00Z", "carried_from": nil,
		"created_at": "2013-01-15T09:00:00Z",
	} {
		if doc[key] != want {
			t.Errorf("exported %s = %#v, want %#v", key, doc[key], want)
		}
	}
	if !reflect.DeepEqual(doc["values"], fixture["values"]) {
		t.Errorf("exported values differ from the fixture's:\n%s", diffMaps(doc["values"], fixture["values"]))
	}
	wantComputed := map[string]any{
		"1.1.A.resultat": -1.0, "1.1.B.resultat": -7.0, "1.1.C.resultat": -7.0,
		"1.1.sum.start": 34.0, "1.1.sum.slutt": 49.0, "1.1.sum.resultat": -15.0,
		"1.1.prioritert.resultat": nil,
	}
	if !reflect.DeepEqual(doc["computed"], wantComputed) {
		t.Errorf("computed = %v, want %v", doc["computed"], wantComputed)
	}
	// The numbers are JSON integers, not strings or floats.
	if !strings.Contains(string(out), `"2.C.1.bostotte.antall": 1455,`) {
		t.Error(`export does not hold "2.C.1.bostotte.antall": 1455 as a plain integer`)
	}

	// Export, import, export again gives the same values (README, the export format).
	back, err := Decode(out, Builtin())
	if err != nil {
		t.Fatalf("Decode(Encode(report)): %v", err)
	}
	if back.State != Final || back.FinalizedAt == nil || !back.FinalizedAt.Equal(now) {
		t.Errorf("re-imported state %q finalized %v", back.State, back.FinalizedAt)
	}
	if !reflect.DeepEqual(back.Values(), r.Values()) {
		t.Error("values changed on export and import")
	}
	out2, err := Encode(back)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(decodeJSON(t, out2)["values"], doc["values"]) {
		t.Error("second export's values differ from the first's")
	}
	if string(out2) != string(out) {
		t.Error("second export is not byte for byte the first")
	}
}

// diffMaps names the keys where two decoded JSON objects differ.
func diffMaps(a, b any) string {
	am, _ := a.(map[string]any)
	bm, _ := b.(map[string]any)
	var out strings.Builder
	for k, v := range am {
		if w, ok := bm[k]; !ok || !reflect.DeepEqual(v, w) {
			out.WriteString("  " + k + " differs or is extra\n")
		}
	}
	for k := range bm {
		if _, ok := am[k]; !ok {
			out.WriteString("  " + k + " is missing\n")
		}
	}
	return out.String()
}

func TestCarryOverFromGjovik(t *testing.T) {
	prev := gjovik(t)
	// A priority area other than the default shows the name is carried, not defaulted.
	mustSet(t, prev, "1.1.prioritert.omrade", TextValue("Antall unge under 25 med boligbehov"))
	if _, err := Finalize(prev, now); err != nil {
		t.Fatal(err)
	}
	next := CarryOverFrom(prev, now)

	if next.ID == prev.ID || next.ID == "" {
		t.Errorf("new id %q, old %q", next.ID, prev.ID)
	}
	if next.CarriedFrom != prev.ID {
		t.Errorf("CarriedFrom = %q, want %q", next.CarriedFrom, prev.ID)
	}
	if next.State != Draft || next.FinalizedAt != nil || !next.CreatedAt.Equal(now) {
		t.Errorf("new report state %q finalized %v created %v", next.State, next.FinalizedAt, next.CreatedAt)
	}
	want := map[string]Value{
		"info.programnavn":      TextValue("Boligsosialt utviklingsprogram"),
		"info.kommune":          TextValue("Gjøvik kommune"),
		"info.programleder":     TextValue("Ola Brenner Jordet"),
		"info.programansvarlig": TextValue("Cecilie Schnell - Larsen"),
		// The programme started once; that date holds every year.
		"info.programstart":    prev.Value("info.programstart"),
		"info.rapporteringsar": NumberValue(2013),
		"info.utfylt_av":       TextValue("Ola Brenner Jordet"),
		"info.telefon":         TextValue("41581180"),
		"info.epost":           TextValue("Ola.brenner.jordet@nav.no"),
		// Last year's 31.12 status is this year's 01.01 status.
		"1.1.A.start":           NumberValue(8),
		"1.1.B.start":           NumberValue(11),
		"1.1.C.start":           NumberValue(30),
		"1.1.prioritert.omrade": TextValue("Antall unge under 25 med boligbehov"),
		"3.1":                   prev.Value("3.1"),
	}
	if prev.Value("3.1").IsEmpty() {
		t.Fatal("the fixture has no 3.1")
	}
	got := next.Values()
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s = %+v, want %+v", id, got[id], w)
		}
	}
	// Everything else starts empty: the dates, this year's 31.12, comments, texts, C.1 and C.2.
	for id, v := range got {
		if _, ok := want[id]; !ok {
			t.Errorf("%s carried over as %+v; it should start empty", id, v)
		}
	}
	for _, id := range []string{"info.rapporteringsdato", "1.1.A.slutt",
		"1.1.A.kommentar", "1.2", "2.C.1.fullfinansiert.antall", "2.C.1.fra_leie_til_eie.kommentar", "3.2"} {
		if !next.Value(id).IsEmpty() {
			t.Errorf("%s is not empty", id)
		}
	}
	// Labels follow the new year.
	if l := next.Label("Status behov pr. 01.01.{Y}"); l != "Status behov pr. 01.01.2013" {
		t.Errorf("label %q", l)
	}
	// The old report is untouched.
	if prev.Value("1.1.A.slutt") != NumberValue(8) || prev.State != Final {
		t.Error("carry-over changed the old report")
	}
	// The carried-over draft exports with its origin.
	out, err := Encode(next)
	if err != nil {
		t.Fatal(err)
	}
	if d := decodeJSON(t, out); d["carried_from"] != prev.ID {
		t.Errorf("exported carried_from = %v", d["carried_from"])
	}
}

// A not-available status is carried as not available; a missing one stays missing.
func TestCarryOverKeepsNotAvailable(t *testing.T) {
	prev := gjovik(t)
	mustSet(t, prev, "1.1.A.slutt", NA)
	mustSet(t, prev, "1.1.B.slutt", Value{})
	next := CarryOverFrom(prev, now)
	if v := next.Value("1.1.A.start"); v != NA {
		t.Errorf("1.1.A.start = %+v, want NA", v)
	}
	if v := next.Value("1.1.B.start"); !v.IsEmpty() {
		t.Errorf("1.1.B.start = %+v, want empty", v)
	}
}
