package store

import (
	"bytes"
	"math"
	"testing"
)

func TestRecordRoundTrip(t *testing.T) {
	tests := []storedRecord{
		{revision: 1},
		{revision: 2, position: "1.1/1.1.A.start", data: []byte(`{"values":{}}`)},
		{revision: math.MaxInt64, position: "æøå", data: []byte{0, 1, 2, 255}},
		{revision: 300, position: string(make([]byte, 200)), data: bytes.Repeat([]byte("x"), 1<<16)},
	}
	for _, want := range tests {
		got, err := decodeRecord(encodeRecord(want))
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
		{"unknown format", []byte{2, 1, 0}},
		{"no revision", []byte{recordFormat}},
		{"revision 0", []byte{recordFormat, 0, 0}},
		{"revision past int64", append([]byte{recordFormat}, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0)},
		{"varint overflow", append([]byte{recordFormat}, bytes.Repeat([]byte{0xff}, 11)...)},
		{"no position length", []byte{recordFormat, 1}},
		{"position longer than the record", []byte{recordFormat, 1, 5, 'a', 'b'}},
		{"huge position length", append([]byte{recordFormat, 1}, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if r, err := decodeRecord(tt.v); err == nil {
				t.Fatalf("decodeRecord(%x) = %+v, want an error", tt.v, r)
			}
		})
	}
}

// FuzzDecodeRecord feeds decodeRecord what a damaged file might hold. It
// must return an error or a record that survives re-encoding, never panic,
// and never share memory with its input (which lives in bbolt's memory map).
func FuzzDecodeRecord(f *testing.F) {
	f.Add(encodeRecord(storedRecord{revision: 1, position: "a/b", data: []byte(`{}`)}))
	f.Add([]byte{})
	f.Add([]byte{recordFormat, 0x80})
	f.Fuzz(func(t *testing.T, in []byte) {
		// A copy to scribble on afterwards: the fuzzer owns in.
		v := bytes.Clone(in)
		r, err := decodeRecord(v)
		if err != nil {
			return
		}
		if r.revision < 1 {
			t.Fatalf("accepted revision %d", r.revision)
		}
		again, err := decodeRecord(encodeRecord(r))
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
