package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"
)

var key = []byte("8534c1d2e3f4a5b6")

func TestRecordRoundTrip(t *testing.T) {
	tests := []storedRecord{
		{revision: 1},
		{revision: 2, position: "1.1/1.1.A.start", data: []byte(`{"values":{}}`)},
		{revision: math.MaxInt64, position: "æøå", data: []byte{0, 1, 2, 255}},
		{revision: 300, position: string(make([]byte, 200)), data: bytes.Repeat([]byte("x"), 1<<16)},
	}
	for _, want := range tests {
		got, err := decodeRecord(key, encodeRecord(key, want))
		if err != nil {
			t.Fatalf("decode(encode(%+v)): %v", want, err)
		}
		if got.revision != want.revision || got.position != want.position || !bytes.Equal(got.data, want.data) {
			t.Fatalf("round trip: got %+v, want %+v", got, want)
		}
	}
}

func TestDecodeRecordRefuses(t *testing.T) {
	tests := []struct {
		name string
		v    []byte
	}{
		{"empty", nil},
		{"unknown format", []byte{3, 1, 0}},
		{"no revision", []byte{recordPlain}},
		{"revision 0", []byte{recordPlain, 0, 0}},
		{"revision past int64", append([]byte{recordPlain}, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0)},
		{"varint overflow", append([]byte{recordPlain}, bytes.Repeat([]byte{0xff}, 11)...)},
		{"no position length", []byte{recordPlain, 1}},
		{"position longer than the record", []byte{recordPlain, 1, 5, 'a', 'b'}},
		{"huge position length", append([]byte{recordPlain, 1}, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f)},
		{"checked record cut short", []byte{recordChecked, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if r, err := decodeRecord(key, tt.v); err == nil {
				t.Fatalf("decodeRecord(%x) = %+v, want an error", tt.v, r)
			}
		})
	}
}

// FuzzDecodeRecord feeds decodeRecord what a damaged file might hold. It
// must return an error or a record that survives re-encoding, never panic,
// and never share memory with its input (which lives in bbolt's memory map).
func FuzzDecodeRecord(f *testing.F) {
	f.Add(encodeRecord(key, storedRecord{revision: 1, position: "a/b", data: []byte(`{}`)}))
	f.Add([]byte{})
	f.Add([]byte{recordPlain, 0x80})
	f.Fuzz(func(t *testing.T, in []byte) {
		// A copy to scribble on afterwards: the fuzzer owns in.
		v := bytes.Clone(in)
		r, err := decodeRecord(key, v)
		if err != nil {
			return
		}
		if r.revision < 1 {
			t.Fatalf("accepted revision %d", r.revision)
		}
		again, err := decodeRecord(key, encodeRecord(key, r))
		if err != nil {
			t.Fatalf("re-encoded record does not decode: %v", err)
		}
		if again.revision != r.revision || again.position != r.position || !bytes.Equal(again.data, r.data) {
			t.Fatalf("re-encoding changed %+v into %+v", r, again)
		}
		data := bytes.Clone(r.data)
		for i := range v {
			v[i] ^= 0xff
		}
		if !bytes.Equal(r.data, data) {
			t.Fatal("decoded data shares memory with the stored value")
		}
	})
}

// TestRecordChecksum: every single-bit change in a stored record, the
// key included, is refused rather than read as another answer.
func TestRecordChecksum(t *testing.T) {
	want := storedRecord{revision: 3, position: "1.1/1.1.A.start", data: []byte(`{"values":{"kommune":"Gjøvik kommune"}}`)}
	v := encodeRecord(key, want)
	for i := range v {
		for bit := range 8 {
			d := bytes.Clone(v)
			d[i] ^= 1 << bit
			if r, err := decodeRecord(key, d); err == nil {
				t.Fatalf("byte %d bit %d flipped: read %+v, want an error", i, bit, r)
			}
		}
	}
	for i := range key {
		k := bytes.Clone(key)
		k[i] ^= 1
		if _, err := decodeRecord(k, v); err == nil {
			t.Fatalf("record read under a changed key %q", k)
		}
	}
}

// TestRecordWithoutChecksum: a record from before checksums still reads.
func TestRecordWithoutChecksum(t *testing.T) {
	old := append([]byte{recordPlain, 7, 3}, "a/b{\"values\":{}}"...)
	r, err := decodeRecord(key, old)
	if err != nil {
		t.Fatal(err)
	}
	if r.revision != 7 || r.position != "a/b" || string(r.data) != `{"values":{}}` {
		t.Fatalf("read %+v", r)
	}
}

func TestSummaryChecksum(t *testing.T) {
	sum := Summary{ID: string(key), Kommune: "Ål kommune", Year: 2012, State: "draft", Revision: 4}
	v, err := encodeSummary(key, sum)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeSummary(key, v)
	if err != nil || got != sum {
		t.Fatalf("round trip: %+v, %v", got, err)
	}
	for i := range v {
		d := bytes.Clone(v)
		d[i] ^= 0x20
		if got, err := decodeSummary(key, d); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("byte %d changed: read %+v (%v), want ErrCorrupt", i, got, err)
		}
	}
	// An entry from before checksums is bare JSON.
	old, _ := json.Marshal(sum)
	if got, err := decodeSummary(key, old); err != nil || got != sum {
		t.Fatalf("old entry: %+v, %v", got, err)
	}
}

// TestSummaryJSONFast: an index entry as json.Marshal writes it, every field
// set, is read by the fast path and to the same summary as encoding/json
// reads it; so is an entry of an older version, without the fields added
// since.
func TestSummaryJSONFast(t *testing.T) {
	at := time.Date(2013, 2, 8, 14, 3, 0, 123456789, time.FixedZone("CET", 3600))
	full := Summary{ID: "44b103aa", Template: "arsrapport-2012", TemplateVersion: 2, Kommune: "Ål kommune «nord»",
		Year: 2012, State: "draft", Answered: 17, Total: 120, CreatedAt: at.Add(-time.Hour), UpdatedAt: at, Revision: 9,
		CopyOf: "1234abcd"}
	old := []byte(`{"id":"x","template":"arsrapport-2012","kommune":"Gjøvik kommune","year":2012,"state":"final",` +
		`"answered":3,"total":120,"created_at":"2013-02-01T10:00:00Z","updated_at":"2013-02-05T09:30:00+01:00","revision":4}`)
	for _, sum := range []Summary{full, {}} {
		js, err := json.Marshal(sum)
		if err != nil {
			t.Fatal(err)
		}
		summaryJSONAlike(t, js, true)
	}
	summaryJSONAlike(t, old, true)
}

// summaryJSONAlike checks that decodeSummaryJSON reads js as json.Unmarshal
// does, or declines it; fast says it must not decline.
func summaryJSONAlike(t *testing.T, js []byte, fast bool) {
	t.Helper()
	got, ok := decodeSummaryJSON(js, Summary{})
	if !ok {
		if fast {
			t.Errorf("the fast path declined %s", js)
		}
		return
	}
	var want Summary
	if err := json.Unmarshal(js, &want); err != nil {
		t.Fatalf("read %s, which encoding/json refuses: %v", js, err)
	}
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if !bytes.Equal(g, w) || !got.CreatedAt.Equal(want.CreatedAt) || !got.UpdatedAt.Equal(want.UpdatedAt) {
		t.Fatalf("read %s as\n%s\nencoding/json reads\n%s", js, g, w)
	}
}

// FuzzSummaryJSON: whatever an index entry holds, the fast path reads it as
// encoding/json does, or leaves it to encoding/json.
func FuzzSummaryJSON(f *testing.F) {
	f.Add([]byte(`{"id":"a","kommune":"Ål","year":2012,"updated_at":"2013-02-05T09:30:00+01:00","revision":4}`))
	f.Add([]byte(`{"kommune":"A\u00e5","year":-0,"total":01}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, js []byte) {
		summaryJSONAlike(t, js, false)
	})
}
