package model

import "testing"

// BenchmarkRoundTrip is one import, check and export of a real report: what
// `boso import`, `boso validate` and `boso export` each do once.
func BenchmarkRoundTrip(b *testing.B) {
	data := gjovikBytes(b)
	reg := Builtin()
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		r, err := Decode(data, reg)
		if err != nil {
			b.Fatal(err)
		}
		if ps := Validate(r); len(ps) != 0 {
			b.Fatal(ps)
		}
		if _, err := Encode(r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompute is the recomputation the UI does on every keystroke, with
// the one Computer it keeps.
func BenchmarkCompute(b *testing.B) {
	r := gjovik(b)
	c := NewComputer()
	b.ReportAllocs()
	for b.Loop() {
		if out := c.Compute(r); out["1.1.sum.resultat"].Num != -15 {
			b.Fatal(out)
		}
	}
}

// BenchmarkValidate is what a screen's problem list costs.
func BenchmarkValidate(b *testing.B) {
	r := gjovik(b)
	b.ReportAllocs()
	for b.Loop() {
		Validate(r)
	}
}
