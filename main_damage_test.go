package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"boso/store"
)

// The damage fuzzer: single bytes changed in a real draft file, and every
// command that reads or writes it run against each damaged copy. None may
// hang (5 s), crash (exit 3, or the test process dying), write to a file
// that a read calls damaged, or answer differently from the intact file
// without saying the file or the report is damaged.
//
// `go test` runs the seed corpus (testdata/fuzz/FuzzDamage) and a few
// random variants. Coverage-guided fuzzing runs about one variant a second;
// random variants without the instrumentation, some five a second:
//
//	go test -run '^$' -fuzz FuzzDamage -fuzztime 2m .
//	go test -run TestDamageRandom -damage 2m .
var damageFor = flag.Duration("damage", 0, "run TestDamageRandom for this long instead of a few variants")

// damageBase is the real draft file every variant starts from, with what
// each read command answers on it.
type damageBase struct {
	file    []byte
	pages   map[byte][]int // page numbers by kind (see pageKinds)
	ids     []string       // every report, as `list --json` gives them
	draft   string         // a report that is a draft
	final   string         // a report that is final
	answers map[string]string
}

var (
	baseOnce sync.Once
	base     *damageBase
	baseErr  error
)

// pageKinds are what a damage byte aims at: a meta page, a branch page, a
// leaf page, the freelist page, or any page at all.
var pageKinds = []uint16{0x04, 0x01, 0x02, 0x10, 0}

// buildDamageBase saves 31 reports through the command line, one process
// call each as a user would, so that the file has branch pages, freed
// pages and both kinds of report.
func buildDamageBase() (*damageBase, error) {
	dir, err := os.MkdirTemp("", "boso-damage-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	b := &damageBase{pages: map[byte][]int{}, answers: map[string]string{}}
	db := filepath.Join(dir, "boso.db")
	cmd := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		code := run(append([]string{"--db", db, "--templates", filepath.Join(dir, "maler")}, args...), strings.NewReader(""), &out, &errOut)
		if code != 0 {
			return "", fmt.Errorf("boso %v: exit %d: %s", args, code, errOut.String())
		}
		return out.String(), nil
	}
	for i := range 30 {
		id, err := cmd("import", fixture)
		if err != nil {
			return nil, err
		}
		if i%3 == 0 {
			if _, err := cmd("finalize", strings.TrimSpace(id)); err != nil {
				return nil, err
			}
		}
	}
	if _, err := cmd("new"); err != nil {
		return nil, err
	}
	var list []store.Summary
	out, err := cmd("list", "--json")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		return nil, err
	}
	for _, s := range list {
		b.ids = append(b.ids, s.ID)
		if s.State == "final" {
			b.final = s.ID
		} else {
			b.draft = s.ID
		}
	}
	for _, args := range b.reads() {
		out, err := cmd(args...)
		if err != nil {
			return nil, err
		}
		b.answers[strings.Join(args, " ")] = out
	}
	if b.file, err = os.ReadFile(db); err != nil {
		return nil, err
	}
	psize := int(binary.LittleEndian.Uint32(b.file[24:]))
	for id := 0; (id+1)*psize <= len(b.file); id++ {
		flags := binary.LittleEndian.Uint16(b.file[id*psize+8:])
		for k, kind := range pageKinds {
			if kind == 0 || flags == kind {
				b.pages[byte(k)] = append(b.pages[byte(k)], id*psize)
			}
		}
	}
	return b, nil
}

// reads are the commands that only read: their answers on the intact file
// are the right ones. `list` without --json counts days to the deadline
// from today, which may change during a long run; it shows what --json
// shows.
func (b *damageBase) reads() [][]string {
	out := [][]string{{"list", "--json"}}
	for _, id := range b.ids {
		out = append(out, []string{"export", id, "--draft"})
	}
	return append(out, []string{"validate", b.draft}, []string{"validate", b.final})
}

// writes are the commands that write, each with the report it changes; a
// backup goes to dir.
func (b *damageBase) writes(dir string) []struct {
	args    []string
	changes string
} {
	return []struct {
		args    []string
		changes string
	}{
		{[]string{"new"}, ""},
		{[]string{"import", fixture}, ""},
		{[]string{"reopen", b.final, "--yes"}, b.final},
		{[]string{"delete", b.draft, "--yes"}, b.draft},
		{[]string{"backup", filepath.Join(dir, "kopi.db")}, ""},
	}
}

// damage applies the fuzzer's bytes: each five bytes are one change (the
// kind of page, which page of that kind, two bytes of offset inside it, and
// the bits to flip), so that a seed means the same in every build of the
// base file.
func (b *damageBase) damage(spec []byte) []byte {
	d := bytes.Clone(b.file)
	psize := int(binary.LittleEndian.Uint32(b.file[24:]))
	for i := 0; i+5 <= len(spec) && i < 5*4; i += 5 {
		pages := b.pages[spec[i]%byte(len(pageKinds))]
		if len(pages) == 0 {
			continue
		}
		off := pages[int(spec[i+1])%len(pages)] + int(binary.LittleEndian.Uint16(spec[i+2:]))%psize
		mask := spec[i+4]
		if mask == 0 {
			mask = 1
		}
		d[off] ^= mask
	}
	return d
}

// runFor runs one command, failing the test when it does not end in 5 s.
func runFor(t *testing.T, dir, db string, args []string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	var code int
	done := make(chan struct{})
	go func() {
		defer close(done)
		code = run(append([]string{"--db", db, "--templates", filepath.Join(dir, "maler")}, args...), strings.NewReader(""), &out, &errOut)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("boso %v hangs on a damaged file", args)
	}
	if code == 3 {
		t.Fatalf("boso %v crashed: %s", args, errOut.String())
	}
	return out.String(), errOut.String(), code
}

// fileDamaged is what a read says when the file as a whole is damaged (not
// one report in it).
func fileDamaged(errOut string) bool {
	return strings.Contains(errOut, "er skadet eller er ikke en boso-fil") || strings.Contains(errOut, "den siste lagringen")
}

func loadDamageBase(tb testing.TB) *damageBase {
	baseOnce.Do(func() { base, baseErr = buildDamageBase() })
	if baseErr != nil {
		tb.Fatal(baseErr)
	}
	return base
}

func FuzzDamage(f *testing.F) {
	b := loadDamageBase(f)
	f.Fuzz(func(t *testing.T, spec []byte) { b.check(t, spec) })
}

// TestDamageRandom tries random variants: one to four changed bytes, aimed
// at any page, or at a page of one kind, half of them at a page's header.
func TestDamageRandom(t *testing.T) {
	b := loadDamageBase(t)
	seed := time.Now().UnixNano()
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	n := 0
	for start := time.Now(); n < 10 || time.Since(start) < *damageFor; n++ {
		spec := make([]byte, 5*(1+rng.IntN(4)))
		for i := range spec {
			spec[i] = byte(rng.Uint32())
		}
		// Half the changes hit a page header or the first elements after
		// it, where a byte says how to read the rest of the page.
		for i := 0; i < len(spec); i += 5 {
			if rng.IntN(2) == 0 {
				spec[i+2], spec[i+3] = byte(rng.IntN(64)), 0
			}
		}
		if !t.Run(fmt.Sprintf("%x", spec), func(t *testing.T) { b.check(t, spec) }) {
			t.Fatalf("seed %d: variant %x failed; add it to testdata/fuzz/FuzzDamage", seed, spec)
		}
	}
	t.Logf("%d variants", n)
}

// check runs every command against the file damaged as spec says.
func (b *damageBase) check(t *testing.T, spec []byte) {
	damaged := b.damage(spec)
	dir := t.TempDir()
	copyOf := func() string {
		db := filepath.Join(dir, fmt.Sprintf("boso-%d.db", time.Now().UnixNano()))
		if err := os.WriteFile(db, damaged, 0o600); err != nil {
			t.Fatal(err)
		}
		return db
	}

	db := copyOf()
	isDamaged := false
	for _, args := range b.reads() {
		out, errOut, code := runFor(t, dir, db, args)
		if code == 0 && out != b.answers[strings.Join(args, " ")] {
			t.Fatalf("boso %v answers differently on the damaged file, and says nothing:\n%s", args, out)
		}
		if code != 0 && !strings.HasPrefix(errOut, "boso: ") {
			t.Fatalf("boso %v: exit %d without a sentence: %q", args, code, errOut)
		}
		isDamaged = isDamaged || fileDamaged(errOut)
	}
	if !bytes.Equal(fileBytesOf(t, db), damaged) {
		t.Fatal("a read changed the file")
	}

	for _, w := range b.writes(dir) {
		db := copyOf()
		_, errOut, code := runFor(t, dir, db, w.args)
		changed := !bytes.Equal(fileBytesOf(t, db), damaged)
		if isDamaged && changed {
			t.Fatalf("boso %v wrote to a file that reads call damaged (%s)", w.args, errOut)
		}
		if code != 0 || !changed {
			continue
		}
		// What the write did not touch reads as before.
		for _, args := range b.reads() {
			if len(args) == 3 && args[0] == "export" && args[1] != w.changes {
				out, _, code := runFor(t, dir, db, args)
				if code == 0 && out != b.answers[strings.Join(args, " ")] {
					t.Fatalf("after boso %v, boso %v answers differently", w.args, args)
				}
			}
		}
	}
}

func fileBytesOf(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
