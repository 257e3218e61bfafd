package model

import (
	"maps"
	"slices"
	"sort"
	"testing"
)

// statusReport is a new 2012 report with the given answers; a key left out is
// not answered.
func statusReport(t *testing.T, values map[string]Value) *Report {
	t.Helper()
	r := NewReport(arsrapport(t), now)
	mustSet(t, r, "info.rapporteringsar", NumberValue(2012))
	for id, v := range values {
		mustSet(t, r, id, v)
	}
	return r
}

func TestComputedFieldsOfArsrapport2012(t *testing.T) {
	gjovik := map[string]Value{
		"1.1.A.start": NumberValue(7), "1.1.A.slutt": NumberValue(8),
		"1.1.B.start": NumberValue(4), "1.1.B.slutt": NumberValue(11),
		"1.1.C.start": NumberValue(23), "1.1.C.slutt": NumberValue(30),
	}
	with := func(base map[string]Value, changes map[string]Value) map[string]Value {
		out := map[string]Value{}
		for k, v := range base {
			out[k] = v
		}
		for k, v := range changes {
			if v.IsEmpty() {
				delete(out, k)
			} else {
				out[k] = v
			}
		}
		return out
	}
	tests := []struct {
		name   string
		values map[string]Value
		// want lists the computed fields that have a number and x those that
		// are not available; every other computed field must be empty (not
		// answered yet).
		want map[string]int64
		x    []string
	}{
		{
			name:   "Gjøvik 2012 as printed",
			values: gjovik,
			want: map[string]int64{
				"1.1.A.resultat": -1, "1.1.B.resultat": -7, "1.1.C.resultat": -7,
				"1.1.sum.start": 34, "1.1.sum.slutt": 49, "1.1.sum.resultat": -15,
			},
		},
		{
			name:   "a falling need gives a positive result",
			values: with(gjovik, map[string]Value{"1.1.A.start": NumberValue(10), "1.1.A.slutt": NumberValue(4)}),
			want: map[string]int64{
				"1.1.A.resultat": 6, "1.1.B.resultat": -7, "1.1.C.resultat": -7,
				"1.1.sum.start": 37, "1.1.sum.slutt": 45, "1.1.sum.resultat": -8,
			},
		},
		{
			name: "zeros are numbers, not missing",
			values: map[string]Value{
				"1.1.A.start": NumberValue(0), "1.1.A.slutt": NumberValue(0),
				"1.1.B.start": NumberValue(0), "1.1.B.slutt": NumberValue(0),
				"1.1.C.start": NumberValue(0), "1.1.C.slutt": NumberValue(0),
				"1.1.prioritert.start": NumberValue(0), "1.1.prioritert.slutt": NumberValue(0),
			},
			want: map[string]int64{
				"1.1.A.resultat": 0, "1.1.B.resultat": 0, "1.1.C.resultat": 0,
				"1.1.sum.start": 0, "1.1.sum.slutt": 0, "1.1.sum.resultat": 0,
				"1.1.prioritert.resultat": 0,
			},
		},
		{
			name:   "a not-available start makes its row, the start sum and the sum result not available",
			values: with(gjovik, map[string]Value{"1.1.A.start": NA}),
			want: map[string]int64{
				"1.1.B.resultat": -7, "1.1.C.resultat": -7, "1.1.sum.slutt": 49,
			},
			x: []string{"1.1.A.resultat", "1.1.sum.start", "1.1.sum.resultat"},
		},
		{
			name:   "a missing end leaves its row, the end sum and the sum result empty, not X",
			values: with(gjovik, map[string]Value{"1.1.C.slutt": {}}),
			want: map[string]int64{
				"1.1.A.resultat": -1, "1.1.B.resultat": -7, "1.1.sum.start": 34,
			},
		},
		{
			name:   "an X beside a missing answer waits for the answer",
			values: with(gjovik, map[string]Value{"1.1.A.start": NA, "1.1.A.slutt": {}}),
			want:   map[string]int64{"1.1.B.resultat": -7, "1.1.C.resultat": -7},
			x:      []string{"1.1.sum.start"},
		},
		{
			name:   "a missing start and a not-available end",
			values: with(gjovik, map[string]Value{"1.1.A.start": {}, "1.1.A.slutt": NA}),
			want:   map[string]int64{"1.1.B.resultat": -7, "1.1.C.resultat": -7},
			x:      []string{"1.1.sum.slutt"},
		},
		{
			name:   "one not-available row in each column leaves only the other rows",
			values: with(gjovik, map[string]Value{"1.1.B.start": NA, "1.1.B.slutt": NA}),
			want:   map[string]int64{"1.1.A.resultat": -1, "1.1.C.resultat": -7},
			x:      []string{"1.1.B.resultat", "1.1.sum.start", "1.1.sum.slutt", "1.1.sum.resultat"},
		},
		{
			name:   "nothing answered gives nothing computed",
			values: map[string]Value{},
			want:   map[string]int64{},
		},
		{
			name:   "priority row",
			values: map[string]Value{"1.1.prioritert.start": NumberValue(12), "1.1.prioritert.slutt": NumberValue(9)},
			want:   map[string]int64{"1.1.prioritert.resultat": 3},
		},
		{
			name:   "priority row not available as Gjøvik left it",
			values: map[string]Value{"1.1.prioritert.start": NA, "1.1.prioritert.slutt": NA},
			want:   map[string]int64{},
			x:      []string{"1.1.prioritert.resultat"},
		},
		{
			name:   "priority row half answered",
			values: map[string]Value{"1.1.prioritert.start": NumberValue(12)},
			want:   map[string]int64{},
		},
		{
			// maxCount keeps a column's sum far from overflowing int64.
			name: "largest counts",
			values: map[string]Value{
				"1.1.A.start": NumberValue(maxCount), "1.1.A.slutt": NumberValue(0),
				"1.1.B.start": NumberValue(maxCount), "1.1.B.slutt": NumberValue(0),
				"1.1.C.start": NumberValue(maxCount), "1.1.C.slutt": NumberValue(0),
			},
			want: map[string]int64{
				"1.1.A.resultat": maxCount, "1.1.B.resultat": maxCount, "1.1.C.resultat": maxCount,
				"1.1.sum.start": 3 * maxCount, "1.1.sum.slutt": 0, "1.1.sum.resultat": 3 * maxCount,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := statusReport(t, tt.values)
			got := Compute(r)
			for _, f := range r.Template.ComputedFields() {
				want := Value{}
				if n, ok := tt.want[f.ID]; ok {
					want = NumberValue(n)
				}
				if slices.Contains(tt.x, f.ID) {
					want = NA
				}
				if got[f.ID] != want {
					t.Errorf("%s = %+v, want %+v", f.ID, got[f.ID], want)
				}
			}
			for _, id := range append(slices.Collect(maps.Keys(tt.want)), tt.x...) {
				if f := r.Template.Field(id); f == nil || !f.Computed() {
					t.Errorf("test names %s, which is not a computed field", id)
				}
			}
		})
	}
}

// The computed fields are exactly those of the 2012 form; a Computer reused
// across reports (as the UI does on every keystroke) gives the same answers
// as a fresh one.
func TestComputeFieldSetAndReuse(t *testing.T) {
	wantIDs := []string{
		"1.1.A.resultat", "1.1.B.resultat", "1.1.C.resultat",
		"1.1.prioritert.resultat",
		"1.1.sum.resultat", "1.1.sum.slutt", "1.1.sum.start",
	}
	r := gjovik(t)
	got := Compute(r)
	var ids []string
	for id := range got {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if len(ids) != len(wantIDs) {
		t.Fatalf("computed ids = %v, want %v", ids, wantIDs)
	}
	for i := range ids {
		if ids[i] != wantIDs[i] {
			t.Fatalf("computed ids = %v, want %v", ids, wantIDs)
		}
	}

	c := NewComputer()
	empty := NewReport(arsrapport(t), now)
	for i := 0; i < 3; i++ {
		for _, rep := range []*Report{r, empty} {
			again := c.Compute(rep)
			fresh := Compute(rep)
			for id, v := range fresh {
				if again[id] != v {
					t.Errorf("round %d: reused Computer gives %s = %+v, fresh gives %+v", i, id, again[id], v)
				}
			}
		}
	}
	// Computing must not write into the report's answers.
	if _, ok := r.Values()["1.1.A.resultat"]; ok {
		t.Error("Compute stored a computed value among the answers")
	}
}
