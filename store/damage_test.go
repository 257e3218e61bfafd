package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// draftBytes is a real draft file: n reports saved one by one through Put,
// as the program saves them, each big enough to need branch pages.
func draftBytes(t *testing.T, n int) []byte {
	t.Helper()
	s := newStore(t)
	for i := range n {
		rec := sampleRecord(fmt.Sprintf("r%02d", i), i)
		rec.Data = fmt.Appendf(nil, `{"values":{"1.1.A.start":%d,"text":"%s"}}`, i, strings.Repeat("æ", 300))
		mustPut(t, s, rec, 0)
	}
	return fileBytes(t, s.Path())
}

// filePage is one page of a bbolt file as the tests see it.
type filePage struct {
	id, off int
	flags   uint16
	count   int
}

// filePages returns the pages in use (not free) in an intact file.
func filePages(t *testing.T, data []byte) (psize int, pages []filePage) {
	w, err := walkPages(data)
	if err != nil {
		t.Fatal(err)
	}
	psize = int(w.psize)
	for id := 2; id < int(w.hwm); id++ {
		if off := id * psize; !w.free[id] {
			pages = append(pages, filePage{id: id, off: off, flags: le.Uint16(data[off+8:]), count: int(le.Uint16(data[off+10:]))})
		}
	}
	return psize, pages
}

// damagedCopy writes data to a fresh path and returns a Store opened on the
// intact file first, so that the damage is met by the operations, not by Open.
func damagedCopy(t *testing.T, intact, damaged []byte) *Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "boso.db")
	if err := os.WriteFile(path, intact, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	// The damage comes later, as from another program: within the clock
	// tick of the file system, the Store could not tell the files apart
	// (see checkFile).
	later := time.Now().Add(time.Second)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	return s
}

// allOps are every read and write the store offers.
func allOps(t *testing.T) []struct {
	name string
	op   func(s *Store) error
} {
	return []struct {
		name string
		op   func(s *Store) error
	}{
		{"Open", func(s *Store) error { _, err := Open(s.Path()); return err }},
		{"List", func(s *Store) error { _, err := s.List(); return err }},
		{"Get", func(s *Store) error { _, err := s.Get("r07"); return err }},
		{"Resolve", func(s *Store) error { _, err := s.Resolve("r0"); return err }},
		{"Put", func(s *Store) error { _, err := s.Put(sampleRecord("new", 1), 0); return err }},
		{"Delete", func(s *Store) error { return s.Delete("r07") }},
		{"Backup", func(s *Store) error { return s.Backup(filepath.Join(t.TempDir(), "b.db")) }},
	}
}

// refusesAll runs every operation on the damaged file: each must say the
// file is damaged, naming it, and none may change it.
func refusesAll(t *testing.T, intact, damaged []byte) {
	t.Helper()
	for _, o := range allOps(t) {
		s := damagedCopy(t, intact, damaged)
		err := o.op(s)
		var de *DamageError
		if !errors.Is(err, ErrCorrupt) || !errors.As(err, &de) || de.Path != s.Path() || !strings.Contains(err.Error(), s.Path()) {
			t.Errorf("%s: %v, want a DamageError naming %s", o.name, err, s.Path())
		}
		if !bytes.Equal(fileBytes(t, s.Path()), damaged) {
			t.Errorf("%s wrote to the damaged file", o.name)
		}
	}
}

// TestBranchPointingAtItself: one changed pgid in a branch page made bbolt
// recurse until the stack overflowed, a crash recover cannot catch.
func TestBranchPointingAtItself(t *testing.T) {
	intact := draftBytes(t, 40)
	_, pages := filePages(t, intact)
	n := 0
	for _, p := range pages {
		if p.flags != branchPage {
			continue
		}
		damaged := bytes.Clone(intact)
		le.PutUint64(damaged[p.off+pageHeaderSize+8:], uint64(p.id))
		t.Run(fmt.Sprint("page ", p.id), func(t *testing.T) { refusesAll(t, intact, damaged) })
		n++
	}
	if n == 0 {
		t.Fatal("the draft file has no branch page")
	}
}

// TestBranchPointingAtAnotherPage: a child pointer moved to a page already
// in the tree made `boso list` walk forever.
func TestBranchPointingAtAnotherPage(t *testing.T) {
	intact := draftBytes(t, 40)
	_, pages := filePages(t, intact)
	for _, p := range pages {
		if p.flags != branchPage || p.count < 2 {
			continue
		}
		damaged := bytes.Clone(intact)
		first := le.Uint64(damaged[p.off+pageHeaderSize+8:])
		le.PutUint64(damaged[p.off+pageHeaderSize+elementSize+8:], first)
		refusesAll(t, intact, damaged)
		return
	}
	t.Fatal("the draft file has no branch page with two children")
}

// TestChangedByteInAnAnswer: a bit flipped inside one report's stored text
// is refused for that report, naming it, while the others read as before.
func TestChangedByteInAnAnswer(t *testing.T) {
	intact := draftBytes(t, 40)
	at := bytes.Index(intact, []byte(`"1.1.A.start":7,`))
	if at < 0 {
		t.Fatal("report r07 not found in the file")
	}
	damaged := bytes.Clone(intact)
	damaged[at+len(`"1.1.A.start":`)] = '8'
	s := damagedCopy(t, intact, damaged)

	_, err := s.Get("r07")
	var de *DamageError
	if !errors.As(err, &de) || de.Report != "r07" || de.Path != s.Path() {
		t.Fatalf("Get(r07): %v, want a DamageError naming r07 and the file", err)
	}
	for i := range 40 {
		if i == 7 {
			continue
		}
		if _, err := s.Get(fmt.Sprintf("r%02d", i)); err != nil {
			t.Fatalf("Get of an intact report: %v", err)
		}
	}
	if list, err := s.List(); err != nil || len(list) != 40 {
		t.Fatalf("List: %d, %v", len(list), err)
	}
	if _, err := s.Put(sampleRecord("r07", 9), 1); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Put over the damaged report: %v, want ErrCorrupt", err)
	}
}

// TestChangedByteInTheList: a bit flipped in what `boso list` shows (the
// index entry) is refused, naming the report.
func TestChangedByteInTheList(t *testing.T) {
	intact := draftBytes(t, 40)
	at := bytes.Index(intact, []byte(`"answered":7,`))
	if at < 0 {
		t.Fatal("index entry of r07 not found")
	}
	damaged := bytes.Clone(intact)
	damaged[at+len(`"answered":`)] = '8'
	s := damagedCopy(t, intact, damaged)
	_, err := s.List()
	var de *DamageError
	if !errors.As(err, &de) || de.Report != "r07" || de.Path != s.Path() {
		t.Fatalf("List: %v, want a DamageError naming r07 and the file", err)
	}
	if _, err := s.Get("r08"); err != nil {
		t.Fatalf("Get of an intact report: %v", err)
	}
}

// TestNewestMetaPageDamaged: bbolt falls back to the other meta page, which
// silently undoes the last save; that is refused. Damage to the older meta
// page loses nothing, and the next save rewrites it.
func TestNewestMetaPageDamaged(t *testing.T) {
	intact := draftBytes(t, 10)
	psize, _ := filePages(t, intact)
	newest := 0
	if le.Uint64(intact[psize+pageHeaderSize+48:]) > le.Uint64(intact[pageHeaderSize+48:]) {
		newest = psize
	}
	older := psize - newest

	damaged := bytes.Clone(intact)
	damaged[newest+pageHeaderSize+40] ^= 0x01 // the high-water mark
	refusesAll(t, intact, damaged)
	_, err := Open(damagedCopy(t, intact, damaged).Path())
	var de *DamageError
	if !errors.As(err, &de) || !de.LostSave {
		t.Fatalf("Open: %v, want a DamageError with LostSave", err)
	}

	damaged = bytes.Clone(intact)
	damaged[older+pageHeaderSize+40] ^= 0x01
	s := damagedCopy(t, intact, damaged)
	if _, err := s.List(); err != nil {
		t.Fatalf("List with the older meta page damaged: %v", err)
	}
	mustPut(t, s, sampleRecord("new", 1), 0)
	if _, err := s.Get("r03"); err != nil {
		t.Fatal(err)
	}
}

// TestLeafPageLosesElements: a smaller element count on a leaf page hides
// its last entries; bbolt reads on as if they never were. A report gone
// from one bucket but not the other is damage, not a shorter list.
func TestLeafPageLosesElements(t *testing.T) {
	intact := draftBytes(t, 40)
	_, pages := filePages(t, intact)
	n := 0
	for _, p := range pages {
		if p.flags != leafPage || p.count < 2 {
			continue
		}
		damaged := bytes.Clone(intact)
		le.PutUint16(damaged[p.off+10:], uint16(p.count-1))
		s := damagedCopy(t, intact, damaged)
		if list, err := s.List(); !errors.Is(err, ErrCorrupt) {
			t.Errorf("page %d lost its last element: List gives %d reports (%v), want ErrCorrupt", p.id, len(list), err)
		}
		n++
	}
	if n == 0 {
		t.Fatal("no leaf page with two elements")
	}
}
