package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

var t0 = time.Date(2013, 1, 10, 9, 12, 0, 0, time.UTC)

func newStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "boso.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func sampleRecord(id string, n int) Record {
	return Record{
		Summary: Summary{
			ID:        id,
			Template:  "arsrapport-2012",
			Kommune:   "Gjøvik kommune",
			Year:      2012,
			State:     "draft",
			Answered:  n,
			Total:     120,
			CreatedAt: t0,
			UpdatedAt: t0.Add(time.Duration(n) * time.Minute),
		},
		Data:     fmt.Appendf(nil, `{"values":{"1.1.A.start":%d}}`, n),
		Position: fmt.Sprintf("1.1/1.1.A.start#%d", n),
	}
}

func mustPut(t testing.TB, s *Store, rec Record, expected int64) int64 {
	t.Helper()
	rev, err := s.Put(rec, expected)
	if err != nil {
		t.Fatal(err)
	}
	return rev
}

// fileBytes returns the file's contents, or nil when it is not a readable file.
func fileBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	return b
}

func TestRoundTrip(t *testing.T) {
	s := newStore(t)

	if got, err := s.List(); err != nil || len(got) != 0 || got == nil {
		t.Fatalf("List on a new file = %#v, %v; want an empty, non-nil slice", got, err)
	}

	rec := sampleRecord("r1", 1)
	var rev int64
	for i := 1; i <= 3; i++ {
		rec = sampleRecord("r1", i)
		got := mustPut(t, s, rec, rev)
		if got != rev+1 {
			t.Fatalf("save %d: revision %d, want %d", i, got, rev+1)
		}
		rev = got
	}

	got, err := s.Get("r1")
	if err != nil {
		t.Fatal(err)
	}
	want := rec
	want.Revision = 3
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Get = %+v\nwant  %+v", got, want)
	}

	list, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || !reflect.DeepEqual(list[0], want.Summary) {
		t.Fatalf("List = %+v, want [%+v]", list, want.Summary)
	}

	if err := s.Delete("r1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get("r1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get after Delete: %v, want ErrNotFound", err)
	}
	if err := s.Delete("r1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second Delete: %v, want ErrNotFound", err)
	}
	if list, err := s.List(); err != nil || len(list) != 0 {
		t.Fatalf("List after Delete = %v, %v", list, err)
	}
}

func TestGetCopiesOutOfTheTransaction(t *testing.T) {
	s := newStore(t)
	mustPut(t, s, sampleRecord("r1", 1), 0)
	a, err := s.Get("r1")
	if err != nil {
		t.Fatal(err)
	}
	mustPut(t, s, sampleRecord("r1", 2), 1)
	// Had Data pointed into the memory map, it would now be unmapped or
	// show the new contents.
	if want := sampleRecord("r1", 1).Data; !bytes.Equal(a.Data, want) {
		t.Fatalf("Data = %q after a later save, want %q", a.Data, want)
	}
}

func TestPutConflict(t *testing.T) {
	tests := []struct {
		name     string
		expected int64
		deleted  bool
		want     []error
	}{
		{"new report with an existing id", 0, false, []error{ErrConflict}},
		{"stale revision", 1, false, []error{ErrConflict}},
		{"revision from the future", 5, false, []error{ErrConflict}},
		{"deleted elsewhere", 2, true, []error{ErrConflict, ErrNotFound}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			mustPut(t, s, sampleRecord("r1", 1), 0)
			mustPut(t, s, sampleRecord("r1", 2), 1)
			if tt.deleted {
				if err := s.Delete("r1"); err != nil {
					t.Fatal(err)
				}
			}
			before, beforeErr := s.Get("r1")

			_, err := s.Put(sampleRecord("r1", 99), tt.expected)
			for _, w := range tt.want {
				if !errors.Is(err, w) {
					t.Errorf("Put: %v, want it to match %v", err, w)
				}
			}
			after, afterErr := s.Get("r1")
			if !reflect.DeepEqual(before, after) || (beforeErr == nil) != (afterErr == nil) {
				t.Errorf("a refused Put changed the stored report:\nbefore %+v, %v\nafter  %+v, %v", before, beforeErr, after, afterErr)
			}
		})
	}
}

func TestPutRefusesBadInput(t *testing.T) {
	s := newStore(t)
	tests := []struct {
		name     string
		rec      Record
		expected int64
	}{
		{"no id", Record{}, 0},
		{"negative revision", sampleRecord("r1", 1), -1},
		{"id longer than a bbolt key", sampleRecord(strings.Repeat("x", bolt.MaxKeySize+1), 1), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := s.Put(tt.rec, tt.expected); err == nil {
				t.Fatal("Put succeeded")
			}
		})
	}
}

func TestListOrder(t *testing.T) {
	s := newStore(t)
	for _, r := range []struct {
		id  string
		min int
	}{{"b", 5}, {"a", 5}, {"c", 9}, {"d", 1}} {
		rec := sampleRecord(r.id, 1)
		rec.UpdatedAt = t0.Add(time.Duration(r.min) * time.Minute)
		mustPut(t, s, rec, 0)
	}
	list, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, sum := range list {
		ids = append(ids, sum.ID)
	}
	if want := []string{"c", "a", "b", "d"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("List order %v, want %v (newest first, then by id)", ids, want)
	}
}

func TestResolve(t *testing.T) {
	s := newStore(t)
	for _, id := range []string{"ab", "abc123", "abd456", "xyz789"} {
		mustPut(t, s, sampleRecord(id, 1), 0)
	}
	tests := []struct {
		prefix string
		want   string
		err    error
	}{
		{"abc", "abc123", nil},
		{"abc123", "abc123", nil},
		{"x", "xyz789", nil},
		{"ab", "ab", nil}, // exact match wins over longer ids
		{"a", "", ErrAmbiguous},
		{"abe", "", ErrNotFound},
		{"abc1234", "", ErrNotFound},
		{"z", "", ErrNotFound},
		{"", "", ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.prefix, func(t *testing.T) {
			got, err := s.Resolve(tt.prefix)
			if got != tt.want || !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
				t.Fatalf("Resolve(%q) = %q, %v; want %q, %v", tt.prefix, got, err, tt.want, tt.err)
			}
		})
	}
}

// TestOpenCreatesPrivateFiles must not run in parallel: the umask belongs to
// the whole process.
func TestOpenCreatesPrivateFiles(t *testing.T) {
	setUmask(t, 0)

	root := t.TempDir()
	shared := filepath.Join(root, "shared")
	if err := os.Mkdir(shared, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(shared, "a", "b", "boso.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustPut(t, s, sampleRecord("r1", 1), 0)

	for _, c := range []struct {
		path string
		mode fs.FileMode
	}{
		{filepath.Join(shared, "a"), fs.ModeDir | 0o700},
		{filepath.Join(shared, "a", "b"), fs.ModeDir | 0o700},
		{path, 0o600},
		{shared, fs.ModeDir | 0o755}, // existed before: left alone
	} {
		fi, err := os.Stat(c.path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != c.mode {
			t.Errorf("%s: mode %v, want %v", c.path, fi.Mode(), c.mode)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only boso.db: %v", len(entries), entries)
	}
}

func TestOpenDoesNotWriteToAnExistingFile(t *testing.T) {
	s := newStore(t)
	mustPut(t, s, sampleRecord("r1", 1), 0)
	before := fileBytes(t, s.Path())
	if _, err := Open(s.Path()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.List(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, fileBytes(t, s.Path())) {
		t.Fatal("Open or List wrote to the file")
	}
}

func TestOpenConcurrentlyOnANewPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "boso.db")
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			if _, err := Open(path); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestOpenTakesOverAnEmptyBboltFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "boso.db")
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustPut(t, s, sampleRecord("r1", 1), 0)
}

func TestLocked(t *testing.T) {
	s := newStore(t)
	mustPut(t, s, sampleRecord("r1", 1), 0)
	dst := filepath.Join(t.TempDir(), "backup.db")

	ops := []struct {
		name string
		op   func() error
	}{
		{"Open", func() error { _, err := Open(s.Path()); return err }},
		{"List", func() error { _, err := s.List(); return err }},
		{"Get", func() error { _, err := s.Get("r1"); return err }},
		{"Resolve", func() error { _, err := s.Resolve("r"); return err }},
		{"Put", func() error { _, err := s.Put(sampleRecord("r1", 2), 1); return err }},
		{"Delete", func() error { return s.Delete("r1") }},
		{"Backup", func() error { return s.Backup(dst) }},
	}

	// Another program's write lock, as the UI holds for one save.
	other, err := bolt.Open(s.Path(), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range ops {
		t.Run("writer/"+o.name, func(t *testing.T) {
			if err := o.op(); !errors.Is(err, ErrLocked) {
				t.Fatalf("%s while another program writes: %v, want ErrLocked", o.name, err)
			}
		})
	}
	if _, err := os.Stat(dst); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a failed backup left %s behind (%v)", dst, err)
	}
	other.Close()

	// Another program's read lock: reads go on, writes wait and give up.
	other, err = bolt.Open(s.Path(), 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	for _, o := range ops {
		t.Run("reader/"+o.name, func(t *testing.T) {
			err := o.op()
			switch o.name {
			case "Put", "Delete":
				if !errors.Is(err, ErrLocked) {
					t.Fatalf("%s while another program reads: %v, want ErrLocked", o.name, err)
				}
			default:
				if err != nil {
					t.Fatalf("%s while another program reads: %v", o.name, err)
				}
			}
		})
	}
}

// validDB returns the bytes of a boso file big enough that its pages run far
// past the first few.
func validDB(t *testing.T) []byte {
	t.Helper()
	s := newStore(t)
	err := s.update(func(b buckets) error {
		for i := range 50 {
			rec := sampleRecord(fmt.Sprintf("r%02d", i), i)
			rec.Data = bytes.Repeat([]byte("x"), 10_000)
			if _, err := put(b, rec, 0); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fileBytes(t, s.Path())
}

func TestOpenRefusesDamagedFiles(t *testing.T) {
	valid := validDB(t)
	foreign := func(t *testing.T, path string) {
		db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.Update(func(tx *bolt.Tx) error {
			_, err := tx.CreateBucket([]byte("other"))
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	schema := func(t *testing.T, path string) {
		if err := os.WriteFile(path, valid, 0o600); err != nil {
			t.Fatal(err)
		}
		db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.Update(func(tx *bolt.Tx) error {
			return tx.Bucket(metaBucket).Put(schemaKey, []byte("99"))
		}); err != nil {
			t.Fatal(err)
		}
	}
	write := func(b []byte) func(*testing.T, string) {
		return func(t *testing.T, path string) {
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name string
		make func(t *testing.T, path string)
	}{
		{"directory", func(t *testing.T, path string) {
			if err := os.Mkdir(path, 0o700); err != nil {
				t.Fatal(err)
			}
		}},
		{"text file", write([]byte("hello"))},
		{"zero-length file", write(nil)},
		{"first 100 bytes of a boso file", write(valid[:100])},
		{"first 16 KiB of a boso file", write(valid[:16384])},
		{"meta pages zeroed", write(append(make([]byte, 8192), valid[8192:]...))},
		{"bbolt file of another program", foreign},
		{"unknown schema", schema},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "boso.db")
			tt.make(t, path)
			before := fileBytes(t, path)
			fiBefore, _ := os.Stat(path)

			_, err := Open(path)
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Open: %v, want ErrCorrupt", err)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file", err)
			}
			fiAfter, _ := os.Stat(path)
			if !bytes.Equal(before, fileBytes(t, path)) || fiBefore.IsDir() != fiAfter.IsDir() || fiBefore.Size() != fiAfter.Size() {
				t.Errorf("Open changed the damaged file")
			}
		})
	}
}

func TestFileDamagedAfterOpen(t *testing.T) {
	valid := validDB(t)
	ops := []struct {
		name string
		op   func(s *Store) error
	}{
		{"List", func(s *Store) error { _, err := s.List(); return err }},
		{"Get", func(s *Store) error { _, err := s.Get("r01"); return err }},
		{"Resolve", func(s *Store) error { _, err := s.Resolve("r01"); return err }},
		{"Put", func(s *Store) error { _, err := s.Put(sampleRecord("r01", 2), 1); return err }},
		{"Delete", func(s *Store) error { return s.Delete("r01") }},
		{"Backup", func(s *Store) error { return s.Backup(filepath.Join(t.TempDir(), "b.db")) }},
	}
	damages := []struct {
		name string
		b    []byte
	}{
		{"truncated", valid[:16384]},
		{"zero-length", []byte{}},
		{"text", []byte("hello")},
	}
	for _, d := range damages {
		for _, o := range ops {
			t.Run(d.name+"/"+o.name, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "boso.db")
				if err := os.WriteFile(path, valid, 0o600); err != nil {
					t.Fatal(err)
				}
				s, err := Open(path)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, d.b, 0o600); err != nil {
					t.Fatal(err)
				}
				if err := o.op(s); !errors.Is(err, ErrCorrupt) {
					t.Fatalf("%s: %v, want ErrCorrupt", o.name, err)
				}
				if !bytes.Equal(fileBytes(t, path), d.b) {
					t.Fatalf("%s wrote to the damaged file", o.name)
				}
			})
		}
	}
}

func TestFileRemovedAfterOpen(t *testing.T) {
	s := newStore(t)
	if err := os.Remove(s.Path()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(sampleRecord("r1", 1), 0); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Put: %v, want ErrNotExist", err)
	}
	if _, err := os.Stat(s.Path()); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Put recreated the removed file (%v)", err)
	}
}

func TestUndecodableEntries(t *testing.T) {
	tests := []struct {
		name       string
		index, rec []byte // nil: leave as Put wrote it; empty: remove
		// putRepairs: Put reads only the revision, so a record damaged
		// past it is simply overwritten by the next save.
		putRepairs bool
	}{
		{"index not JSON", []byte("{not json"), nil, false},
		{"record of unknown format", nil, []byte{9, 1, 0}, false},
		{"record cut short", nil, []byte{recordPlain, 1, 50, 'a'}, true},
		{"revisions disagree", nil, encodeRecord([]byte("bad1"), storedRecord{revision: 7}), false},
		{"record checksum wrong", nil, encodeRecord([]byte("bad2"), storedRecord{revision: 1}), false},
		{"record missing", nil, []byte{}, false},
		{"index missing", []byte{}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			mustPut(t, s, sampleRecord("good", 1), 0)
			mustPut(t, s, sampleRecord("bad1", 1), 0)
			err := s.update(func(b buckets) error {
				for _, x := range []struct {
					bk *bolt.Bucket
					v  []byte
				}{{b.index, tt.index}, {b.reports, tt.rec}} {
					var err error
					switch {
					case x.v == nil:
					case len(x.v) == 0:
						err = x.bk.Delete([]byte("bad1"))
					default:
						err = x.bk.Put([]byte("bad1"), x.v)
					}
					if err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}

			_, err = s.Get("bad1")
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "bad1") {
				t.Errorf("Get: %v, want ErrCorrupt naming bad1", err)
			}
			_, err = s.Put(sampleRecord("bad1", 2), 1)
			switch {
			case tt.putRepairs && err != nil:
				t.Errorf("Put over a record damaged after its revision: %v", err)
			case tt.putRepairs:
				if _, err := s.Get("bad1"); err != nil {
					t.Errorf("Get after the repairing Put: %v", err)
				}
			case !errors.Is(err, ErrCorrupt):
				t.Errorf("Put: %v, want ErrCorrupt", err)
			}
			if len(tt.index) > 0 {
				if _, err := s.List(); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "bad1") {
					t.Errorf("List: %v, want ErrCorrupt naming bad1", err)
				}
			}
			if _, err := s.Get("good"); err != nil {
				t.Errorf("Get of an intact report: %v", err)
			}
			// Delete is the way out for the user.
			if err := s.Delete("bad1"); err != nil {
				t.Fatalf("Delete: %v", err)
			}
			if list, err := s.List(); err != nil || len(list) != 1 {
				t.Fatalf("List after Delete: %v, %v", list, err)
			}
		})
	}
}

func TestBackup(t *testing.T) {
	setUmask(t, 0)

	s := newStore(t)
	for i := range 20 {
		mustPut(t, s, sampleRecord(fmt.Sprintf("r%02d", i), 1), 0)
	}
	// A second Store on the same file, as a UI window would have, keeps
	// saving while the backups are taken.
	ui, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var saves int
	var wg sync.WaitGroup
	wg.Go(func() {
		rev := int64(1)
		for {
			select {
			case <-stop:
				return
			default:
			}
			r, err := ui.Put(sampleRecord("r00", int(rev)+1), rev)
			if err != nil {
				t.Error(err)
				return
			}
			rev = r
			saves++
			time.Sleep(2 * time.Millisecond)
		}
	})

	dir := t.TempDir()
	dst := filepath.Join(dir, "backup.db")
	if err := os.WriteFile(dst, []byte("an older backup"), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		if err := s.Backup(dst); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	t.Logf("%d saves during the backups", saves)

	fi, err := os.Stat(dst)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode() != 0o600 {
		t.Errorf("backup mode %v, want 0600", fi.Mode())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("backup folder holds %v, want only backup.db", entries)
	}

	b, err := Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	list, err := b.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 20 {
		t.Fatalf("backup holds %d reports, want 20", len(list))
	}
	for _, sum := range list {
		got, err := b.Get(sum.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := sampleRecord(sum.ID, int(got.Revision))
		want.Revision = got.Revision
		if sum.ID == "r00" {
			want = sampleRecord("r00", int(got.Revision))
			want.Revision = got.Revision
		} else {
			want = sampleRecord(sum.ID, 1)
			want.Revision = 1
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("backup of %s = %+v, want %+v", sum.ID, got, want)
		}
	}

	if err := s.Backup(s.Path()); err == nil {
		t.Error("Backup onto the draft file itself succeeded")
	}
}

func TestDefaultPath(t *testing.T) {
	tests := []struct {
		name                  string
		bosoDB, xdgData, home string
		want                  string
	}{
		{"BOSO_DB wins", "/srv/boso/x.db", "/data", "/home/kari", "/srv/boso/x.db"},
		{"XDG_DATA_HOME", "", "/data", "/home/kari", "/data/boso/boso.db"},
		{"home", "", "", "/home/kari", "/home/kari/.local/share/boso/boso.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("BOSO_DB", tt.bosoDB)
			t.Setenv("XDG_DATA_HOME", tt.xdgData)
			t.Setenv("HOME", tt.home)
			got, err := DefaultPath()
			if err != nil || got != tt.want {
				t.Fatalf("DefaultPath() = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func BenchmarkList(b *testing.B) {
	s := newStore(b)
	err := s.update(func(bk buckets) error {
		for i := range 1000 {
			rec := sampleRecord(fmt.Sprintf("%016x", i*7919), i%120)
			rec.Data = bytes.Repeat([]byte("x"), 8<<10)
			if _, err := put(bk, rec, 0); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		list, err := s.List()
		if err != nil {
			b.Fatal(err)
		}
		if len(list) != 1000 {
			b.Fatalf("List returned %d", len(list))
		}
	}
}

// TestFreelistDamagedAfterOpen covers damage that only a read-write open
// trips on: bbolt panics inside bolt.Open, which leaves this process holding
// the lock. Later calls must say the file is damaged, not that another
// program is using it.
func TestFreelistDamagedAfterOpen(t *testing.T) {
	valid := validDB(t)
	path := filepath.Join(t.TempDir(), "boso.db")
	if err := os.WriteFile(path, valid, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	// Page header: id (8 bytes), flags (2), count (2), overflow (4);
	// the meta page's page size sits at offset 16+8.
	damaged := bytes.Clone(valid)
	pageSize := int(binary.LittleEndian.Uint32(damaged[24:28]))
	const freelistPageFlag = 0x10
	n := 0
	for off := 2 * pageSize; off+pageSize <= len(damaged); off += pageSize {
		if binary.LittleEndian.Uint16(damaged[off+8:]) == freelistPageFlag {
			binary.LittleEndian.PutUint16(damaged[off+8:], 0)
			n++
		}
	}
	if n == 0 {
		t.Fatal("no freelist page found")
	}
	if err := os.WriteFile(path, damaged, 0o600); err != nil {
		t.Fatal(err)
	}

	if _, err := s.Put(sampleRecord("r01", 2), 1); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Put: %v, want ErrCorrupt", err)
	}
	if _, err := s.List(); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("List after the failed Put: %v, want ErrCorrupt", err)
	}
	if !bytes.Equal(fileBytes(t, path), damaged) {
		t.Fatal("Put wrote to the damaged file")
	}
}

// TestOlderEntriesList: a file written by older versions of boso (index
// entries as bare JSON from before checksums, entries without the fields
// added since, records without checksums) opens, lists with the same
// summaries, and its reports read.
func TestOlderEntriesList(t *testing.T) {
	s := newStore(t)
	bare := sampleRecord("bare", 1)
	checked := sampleRecord("checked", 2)
	checked.Kommune = "Ål kommune"
	bare.Revision, checked.Revision = 1, 1
	err := s.update(func(b buckets) error {
		js, err := json.Marshal(bare.Summary)
		if err != nil {
			return err
		}
		if strings.Contains(string(js), "template_version") || strings.Contains(string(js), "copy_of") {
			t.Fatalf("an entry from before template versions and copies has neither key: %s", js)
		}
		iv, err := encodeSummary([]byte("checked"), checked.Summary)
		if err != nil {
			return err
		}
		for _, kv := range []struct {
			bk   *bolt.Bucket
			k, v []byte
		}{
			{b.index, []byte("bare"), js},
			{b.index, []byte("checked"), iv},
			{b.reports, []byte("bare"), append([]byte{recordPlain, 1, 0}, bare.Data...)},
			{b.reports, []byte("checked"), encodeRecord([]byte("checked"), storedRecord{revision: 1, data: checked.Data})},
		} {
			if err := kv.bk.Put(kv.k, kv.v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err = Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || !sameSummary(list[0], checked.Summary) || !sameSummary(list[1], bare.Summary) {
		t.Fatalf("listed %+v", list)
	}
	for _, want := range []Record{bare, checked} {
		rec, err := s.Get(want.ID)
		if err != nil || string(rec.Data) != string(want.Data) {
			t.Errorf("Get %s: %s, %v", want.ID, rec.Data, err)
		}
	}
}

func sameSummary(a, b Summary) bool {
	at, bt := a.CreatedAt.Equal(b.CreatedAt) && a.UpdatedAt.Equal(b.UpdatedAt), a
	bt.CreatedAt, bt.UpdatedAt = b.CreatedAt, b.UpdatedAt
	return at && bt == b
}
