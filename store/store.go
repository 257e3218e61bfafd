// Package store keeps boso's reports in one bbolt file.
//
// It knows nothing of the report model: a report arrives as encoded bytes
// with a small Summary, and the Summary alone goes into an index bucket so
// that listing reports never decodes a whole report.
//
// The file is opened for each operation and closed again, never held while
// the program is idle: bbolt locks the whole file for as long as it is open,
// and a case worker may run `boso list` or `boso backup`, or a second window,
// while the form is on screen. Each method is therefore one open, one
// transaction and one close; a Store value itself holds nothing but the path.
package store

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/adrg/xdg"
	bolt "go.etcd.io/bbolt"
)

// Sentinel errors. Every error the package returns wraps at most one of
// them with context, so callers test with errors.Is.
var (
	// ErrNotFound means no report has the given id.
	ErrNotFound = errors.New("report not found")
	// ErrAmbiguous means a shortened id matches more than one report.
	ErrAmbiguous = errors.New("report id prefix is ambiguous")
	// ErrLocked means another program kept the file locked for longer than
	// the lock timeout.
	ErrLocked = errors.New("draft file is in use by another program")
	// ErrConflict means the report was saved (or deleted) by someone else
	// since the caller read it, or a new report's id is already taken.
	ErrConflict = errors.New("report was changed elsewhere")
	// ErrCorrupt means the file is not a boso file, is damaged, or holds a
	// record that cannot be decoded.
	ErrCorrupt = errors.New("draft file is damaged or not a boso file")
)

// lockTimeout bounds the wait for another process's lock. Operations are
// short, so waiting longer would only mean the other side is stuck.
const lockTimeout = 500 * time.Millisecond

// Summary is what the list of reports shows, kept in a small index bucket so
// List never decodes whole reports.
type Summary struct {
	ID       string `json:"id"`
	Template string `json:"template"`
	// TemplateVersion is the template version the report follows; 0 in
	// entries written before versions existed, which means 1.
	TemplateVersion int       `json:"template_version,omitempty"`
	Kommune         string    `json:"kommune"`
	Year            int       `json:"year"`  // 0 when not yet answered
	State           string    `json:"state"` // "draft" or "final"
	Answered        int       `json:"answered"`
	Total           int       `json:"total"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`
	Revision        int64     `json:"revision"`
	// CopyOf is the report this one was copied from when another window
	// saved that report first; "" for all others. It lives in the draft
	// file only: an export is the same report whichever window wrote it.
	CopyOf string `json:"copy_of,omitempty"`
}

// Record is one stored report: its summary, the encoded report (opaque
// bytes), and where the user was in it (opaque, e.g. "section/field").
type Record struct {
	Summary
	Data     []byte
	Position string
}

// Store is a boso draft file. It holds no open file between calls, so any
// number of Store values and processes may share one path.
type Store struct {
	path    string
	timeout time.Duration
	// wedged is set when bbolt panicked inside bolt.Open and left this
	// process holding the file's lock (see withDB).
	wedged atomic.Bool

	loosened fs.FileMode

	mu sync.Mutex
	// checked is the file as it was when last checked or written by this
	// Store (see checkFile).
	checked os.FileInfo
}

// DefaultPath returns $BOSO_DB when set, else $XDG_DATA_HOME/boso/boso.db
// (~/.local/share/boso/boso.db by default).
func DefaultPath() (string, error) {
	if p := os.Getenv("BOSO_DB"); p != "" {
		return p, nil
	}
	// xdg reads the environment once at init; reload so that the current
	// environment counts (and tests can change it).
	xdg.Reload()
	if !filepath.IsAbs(xdg.DataHome) {
		return "", errors.New("store: no data folder: set HOME, XDG_DATA_HOME or BOSO_DB")
	}
	return filepath.Join(xdg.DataHome, "boso", "boso.db"), nil
}

// Open checks that path is a boso file, creating it (and its folder, mode
// 0700) as an empty boso file with mode 0600 when it does not exist. It does
// not keep the file open. An existing file is never written to unless it is
// an intact bbolt file that lacks boso's buckets and has no others.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("store: open: no file name")
	}
	s := &Store{path: path, timeout: lockTimeout}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := create(path); err != nil {
			return nil, fmt.Errorf("store: create %s: %w", path, err)
		}
	case err != nil:
		return nil, fmt.Errorf("store: %w", err)
	default:
		// Opening a FIFO waits for a writer, forever; a device is no
		// draft file either.
		if err := regular(path, fi); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
	}
	if err := s.verify(); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if fi != nil && fi.Mode().Perm()&0o077 != 0 && os.Chmod(path, 0o600) == nil {
		s.loosened = fi.Mode().Perm()
	}
	return s, nil
}

// Loosened returns the permissions the draft file had when Open found other
// users allowed to read or write it, and tightened it to 0600 (the reports
// hold names, phone numbers and e-mail addresses); 0 when it did not.
func (s *Store) Loosened() fs.FileMode { return s.loosened }

// Path returns the file the Store works on.
func (s *Store) Path() string { return s.path }

// List returns the summaries of all reports, most recently saved first.
func (s *Store) List() ([]Summary, error) {
	out := []Summary{}
	err := s.view(func(b buckets) error {
		// The two buckets hold the same ids, in the same order: a report
		// missing from one of them (a page that lost elements) is damage,
		// not a report that silently left the list.
		rc := b.reports.Cursor()
		rk, _ := rc.First()
		err := b.index.ForEach(func(k, v []byte) error {
			if c := bytes.Compare(k, rk); c != 0 {
				return disagree(k, rk, c)
			}
			rk, _ = rc.Next()
			var prev Summary
			if len(out) > 0 {
				prev = out[len(out)-1]
			}
			sum, err := decodeSummaryAfter(k, v, prev)
			if err != nil {
				return err
			}
			out = append(out, sum)
			return nil
		})
		if err == nil && rk != nil {
			return disagree(nil, rk, 1)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: list: %w", err)
	}
	return newestFirst(out), nil
}

// newestFirst orders a list read in the order of its ids by the time each
// report was saved, newest first, and by id among reports saved at the
// same time. It sorts small keys and moves each summary once: sorting the
// summaries themselves moved their 200 bytes at every swap, a fifth of
// listing a thousand reports.
func newestFirst(byID []Summary) []Summary {
	type key struct {
		sec  int64
		nsec int32
		i    int32 // the place in byID, which breaks ties by id
	}
	keys := make([]key, len(byID))
	for i, s := range byID {
		keys[i] = key{s.UpdatedAt.Unix(), int32(s.UpdatedAt.Nanosecond()), int32(i)}
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(b.sec, a.sec), cmp.Compare(b.nsec, a.nsec), cmp.Compare(a.i, b.i))
	})
	out := make([]Summary, len(byID))
	for j, k := range keys {
		out[j] = byID[k.i]
	}
	return out
}

// disagree names the first id that only one of the two buckets holds: the
// index key k or the reports key rk, whichever sorts first (c compares k
// with rk; a nil key is past the end).
func disagree(k, rk []byte, c int) error {
	id := k
	if rk != nil && (k == nil || c > 0) {
		id = rk
	}
	return reportDamage(string(id), errors.New("index and reports disagree"))
}

// Get returns the report with exactly this id, or ErrNotFound.
func (s *Store) Get(id string) (Record, error) {
	var rec Record
	err := s.view(func(b buckets) error {
		var err error
		rec, err = get(b, id)
		return err
	})
	if err != nil {
		return Record{}, fmt.Errorf("store: get %s: %w", id, err)
	}
	return rec, nil
}

// get reads both halves of a report and insists that they agree: they are
// only ever written together, so disagreement is damage.
func get(b buckets, id string) (Record, error) {
	k := []byte(id)
	iv, rv := b.index.Get(k), b.reports.Get(k)
	switch {
	case iv == nil && rv == nil:
		return Record{}, ErrNotFound
	case iv == nil || rv == nil:
		return Record{}, reportDamage(id, errors.New("index and reports disagree"))
	}
	sum, err := decodeSummary(k, iv)
	if err != nil {
		return Record{}, err
	}
	r, err := decodeRecord(k, rv)
	if err != nil {
		return Record{}, reportDamage(id, err)
	}
	if r.revision != sum.Revision {
		return Record{}, reportDamage(id, fmt.Errorf("index has revision %d, report %d", sum.Revision, r.revision))
	}
	return Record{Summary: sum, Data: r.data, Position: r.position}, nil
}

// Resolve returns the full id of the one report whose id starts with prefix.
// An id that matches exactly wins even when it is the prefix of another.
func (s *Store) Resolve(prefix string) (string, error) {
	if prefix == "" {
		return "", fmt.Errorf("store: resolve: empty id: %w", ErrNotFound)
	}
	var id string
	err := s.view(func(b buckets) error {
		p := []byte(prefix)
		c := b.index.Cursor()
		k, _ := c.Seek(p)
		if k == nil || !bytes.HasPrefix(k, p) {
			return ErrNotFound
		}
		id = string(k)
		// Keys are sorted, so an exact match is the first key Seek finds.
		if len(k) == len(p) {
			return nil
		}
		if k, _ = c.Next(); k != nil && bytes.HasPrefix(k, p) {
			return ErrAmbiguous
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("store: resolve %s: %w", prefix, err)
	}
	return id, nil
}

// Put saves rec. expected is the revision the caller last read: 0 for a new
// report (ErrConflict if the id is taken), otherwise the stored revision must
// still be expected, or ErrConflict tells that another window saved in
// between; if the report has been deleted meanwhile the error matches both
// ErrConflict and ErrNotFound. The report, its position and its index entry
// are written in one transaction, with revision expected+1, which Put returns.
func (s *Store) Put(rec Record, expected int64) (int64, error) {
	switch {
	case rec.ID == "":
		return 0, errors.New("store: put: report has no id")
	case len(rec.ID) > bolt.MaxKeySize:
		return 0, fmt.Errorf("store: put: report id is longer than %d bytes", bolt.MaxKeySize)
	case expected < 0:
		return 0, fmt.Errorf("store: put %s: negative revision %d", rec.ID, expected)
	}
	var rev int64
	err := s.update(func(b buckets) error {
		var err error
		rev, err = put(b, rec, expected)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: put %s: %w", rec.ID, err)
	}
	return rev, nil
}

// put is Put without the transaction around it, so that tests can store
// a thousand reports in one commit instead of a thousand fsyncs.
func put(b buckets, rec Record, expected int64) (int64, error) {
	k := []byte(rec.ID)
	cur, err := revision(b, k)
	if err != nil {
		return 0, err
	}
	switch {
	case expected == 0 && cur != 0:
		return 0, fmt.Errorf("%w (a report with this id exists)", ErrConflict)
	case expected != 0 && cur == 0:
		return 0, fmt.Errorf("%w (%w since revision %d)", ErrConflict, ErrNotFound, expected)
	case cur != expected:
		return 0, fmt.Errorf("%w (stored revision %d, expected %d)", ErrConflict, cur, expected)
	}
	rev := expected + 1
	sum := rec.Summary
	// A copy stays a copy: only the window that made it knows, not one
	// that opens it later.
	if sum.CopyOf == "" && cur != 0 {
		if old, err := decodeSummary(k, b.index.Get(k)); err == nil {
			sum.CopyOf = old.CopyOf
		}
	}
	sum.Revision = rev
	iv, err := encodeSummary(k, sum)
	if err != nil {
		return 0, err
	}
	rv := encodeRecord(k, storedRecord{revision: rev, position: rec.Position, data: rec.Data})
	if err := b.reports.Put(k, rv); err != nil {
		return 0, err
	}
	if err := b.index.Put(k, iv); err != nil {
		return 0, err
	}
	return rev, nil
}

// revision returns the stored revision of k, 0 when there is no such report.
func revision(b buckets, k []byte) (int64, error) {
	iv, rv := b.index.Get(k), b.reports.Get(k)
	switch {
	case iv == nil && rv == nil:
		return 0, nil
	case iv == nil || rv == nil:
		return 0, reportDamage(string(k), errors.New("index and reports disagree"))
	}
	sum, err := decodeSummary(k, iv)
	if err != nil {
		return 0, err
	}
	rev, _, err := recordHeader(k, rv)
	if err != nil {
		return 0, reportDamage(string(k), err)
	}
	if rev != sum.Revision {
		return 0, reportDamage(string(k), fmt.Errorf("index has revision %d, report %d", sum.Revision, rev))
	}
	return rev, nil
}

// Delete removes the report with exactly this id, or returns ErrNotFound. It
// also removes a half-written or damaged report, which nothing else can.
func (s *Store) Delete(id string) error {
	err := s.update(func(b buckets) error {
		k := []byte(id)
		if b.index.Get(k) == nil && b.reports.Get(k) == nil {
			return ErrNotFound
		}
		if err := b.reports.Delete(k); err != nil {
			return err
		}
		return b.index.Delete(k)
	})
	if err != nil {
		return fmt.Errorf("store: delete %s: %w", id, err)
	}
	return nil
}

// Backup writes a consistent copy of the whole file to dst (mode 0600),
// safely while other programs use the file. The copy appears at dst only
// once it is complete and on disk; until then an older dst stays as it was.
func (s *Store) Backup(dst string) (err error) {
	if dst == "" {
		return errors.New("store: backup: no file name")
	}
	if s.IsDraftFile(dst) {
		return fmt.Errorf("store: backup %s: %w", dst, ErrDraftFile)
	}
	// Errors on the copy's side name the copy, whatever file the system
	// call was about (a temporary name the user never chose).
	failed := func(err error) error {
		return fmt.Errorf("store: backup: %w", &FileError{Path: dst, Write: true, Err: err})
	}
	dir := filepath.Dir(dst)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(dst)+".tmp-*")
	if err != nil {
		return failed(err)
	}
	closed := false
	defer func() {
		if err != nil {
			if !closed {
				tmp.Close()
			}
			os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return failed(err)
	}
	// bbolt wraps a failed write as text ("meta 0 copy: …"), which loses
	// what the system said; w keeps it.
	w := &errWriter{w: tmp}
	err = s.viewTx(func(tx *bolt.Tx) error {
		if _, err := tx.WriteTo(w); err != nil {
			if w.err != nil {
				return failed(w.err)
			}
			return err
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: backup %s: %w", dst, err)
	}
	// bbolt's own Tx.CopyFile does not fsync; a backup that is not on disk
	// when rename makes it visible could be an empty file after a crash.
	if err := tmp.Sync(); err != nil {
		return failed(err)
	}
	closed = true
	if err := tmp.Close(); err != nil {
		return failed(err)
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return failed(err)
	}
	syncDir(dir)
	return nil
}

// errWriter remembers the first error of the writer it wraps.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	n, err := e.w.Write(p)
	if err != nil && e.err == nil {
		e.err = err
	}
	return n, err
}

// verify makes sure the file at s.path is a boso file, first through a
// read-only open, which never writes: a read-write open may rewrite the
// freelist of a file we do not yet trust.
func (s *Store) verify() error {
	var needInit bool
	err := s.withDB(true, false, func(ss session) error {
		return ss.db.View(func(tx *bolt.Tx) error {
			var err error
			needInit, err = s.checkSchema(tx)
			return err
		})
	})
	if err != nil || !needInit {
		return err
	}
	return s.withDB(false, false, func(ss session) error {
		return ss.db.Update(s.initBuckets)
	})
}

// checkSchema reports whether the file needs boso's buckets, and refuses a
// file that belongs to some other program or to another schema.
func (s *Store) checkSchema(tx *bolt.Tx) (needInit bool, err error) {
	meta := tx.Bucket(metaBucket)
	if meta == nil {
		// An empty bbolt file is taken over; one with someone else's
		// buckets is not ours to touch.
		if k, _ := tx.Cursor().First(); k != nil {
			return false, fmt.Errorf("%w (a bbolt file of another program)", ErrCorrupt)
		}
		return true, nil
	}
	if v := meta.Get(schemaKey); string(v) != schemaVersion {
		return false, fmt.Errorf("%w (schema %q, this program knows %q)", ErrCorrupt, v, schemaVersion)
	}
	return tx.Bucket(reportsBucket) == nil || tx.Bucket(indexBucket) == nil, nil
}

// initBuckets creates boso's buckets in a new or empty file. It checks the
// schema again because another process may have got there first.
func (s *Store) initBuckets(tx *bolt.Tx) error {
	if need, err := s.checkSchema(tx); err != nil || !need {
		return err
	}
	for _, name := range [][]byte{reportsBucket, indexBucket, metaBucket} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	meta := tx.Bucket(metaBucket)
	if meta.Get(schemaKey) != nil {
		return nil
	}
	return meta.Put(schemaKey, []byte(schemaVersion))
}

// create makes a new boso file at path without ever exposing a half-made
// one: it is built under a temporary name and then hard-linked into place,
// which fails rather than replaces when another process created path first.
// That matters because Open refuses an existing empty file as damaged.
func create(path string) (err error) {
	dir := filepath.Dir(path)
	if err := mkdirAll(dir); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".new-*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName)
	// CreateTemp asks for 0600, but only the umask decides what that
	// becomes; the file holds names and phone numbers.
	err = tmp.Chmod(0o600)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	ts := &Store{path: tmpName, timeout: lockTimeout}
	err = ts.withDB(false, true, func(ss session) error {
		return ss.db.Update(ts.initBuckets)
	})
	if err != nil {
		return err
	}
	switch err := os.Link(tmpName, path); {
	case err == nil:
		syncDir(dir)
		return nil
	case errors.Is(err, fs.ErrExist):
		return nil // someone else's new file; Open verifies it
	default:
		// Some file systems (FAT on a USB stick, some network shares)
		// have no hard links: copy into an exclusively created file.
		return copyExclusive(tmpName, path)
	}
}

// copyExclusive copies src to a file dst that must not exist yet.
func copyExclusive(src, dst string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(dst)
		}
	}()
	if err := out.Chmod(0o600); err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		return err
	}
	return out.Sync()
}

// mkdirAll is os.MkdirAll with each folder it creates chmod'ed to 0700,
// whatever the umask. Folders that already exist are left alone: they may be
// shared on purpose.
func mkdirAll(dir string) error {
	fi, err := os.Stat(dir)
	if err == nil {
		if !fi.IsDir() {
			return fmt.Errorf("%s is not a folder", dir)
		}
		return nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := mkdirAll(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil
		}
		return err
	}
	return os.Chmod(dir, 0o700)
}

// syncDir makes a rename or link in dir durable. Some file systems cannot
// sync a folder; the data itself is already on disk, so that is not fatal.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
