package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestImportBoundsWhatItKeeps: a file within MaxImportSize may still not
// fill the draft file with what no boso wrote.
func TestImportBoundsWhatItKeeps(t *testing.T) {
	reg := Builtin()
	r := NewReport(arsrapport(t), now)
	good, err := Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	with := func(edit func(doc map[string]any)) []byte {
		var doc map[string]any
		if err := json.Unmarshal(good, &doc); err != nil {
			t.Fatal(err)
		}
		edit(doc)
		data, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	manyKeys := func(n int) []byte {
		var b bytes.Buffer
		g := bytes.TrimSpace(good)
		b.Write(g[:len(g)-1])
		for i := range n {
			fmt.Fprintf(&b, `,"x%d":0`, i)
		}
		b.WriteString("}")
		return b.Bytes()
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"9 MiB carried_from", with(func(d map[string]any) { d["carried_from"] = strings.Repeat("a", 9<<20) }),
			"feltet «carried_from» har 9437184 tegn; en rapport-id har 16"},
		{"long id", with(func(d map[string]any) { d["id"] = strings.Repeat("ø", 101) }),
			"feltet «id» har 101 tegn; en rapport-id har 16"},
		{"500,000 unknown top-level keys", manyKeys(500_000),
			"har flere enn 64 felt på øverste nivå og er ikke en eksport fra boso"},
		{"5,000 retired answers", with(func(d map[string]any) {
			ret := map[string]any{}
			for i := range 5000 {
				ret[fmt.Sprint("gammel.", i)] = i
			}
			d["retired"] = ret
		}), "feltet «retired» har 5000 svar; boso skriver aldri flere enn 1000"},
		{"long retired id", with(func(d map[string]any) { d["retired"] = map[string]any{strings.Repeat("f", 300): 1} }),
			"feltet «retired» har en felt-id på 300 tegn"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.data) > MaxImportSize {
				t.Fatalf("the file is %d bytes, over MaxImportSize", len(tc.data))
			}
			_, err := Decode(tc.data, reg)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("Decode: %v, want %q", err, tc.want)
			}
		})
	}
	// A newer boso may add a few keys: they are skipped.
	if _, err := Decode(manyKeys(10), reg); err != nil {
		t.Fatalf("ten unknown keys: %v", err)
	}
}
