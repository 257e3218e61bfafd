package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"
	"syscall"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Bucket names and the schema key. A file is a boso file when its meta
// bucket carries a schema version this code understands.
var (
	reportsBucket = []byte("reports")
	indexBucket   = []byte("index")
	metaBucket    = []byte("meta")
	schemaKey     = []byte("schema")
)

// schemaVersion is written into new files; files with another version are refused.
const schemaVersion = "1"

// buckets are the two buckets every operation after Open works with.
type buckets struct {
	reports *bolt.Bucket
	index   *bolt.Bucket
}

// session is one short-lived open of the file: bbolt's lock on the file
// lasts exactly as long as the session, so the file is never held while idle.
type session struct {
	db   *bolt.DB
	file *os.File
}

// withDB opens the file, runs fn and closes the file again, turning any
// panic inside bbolt into ErrCorrupt. bbolt reads the file through a memory
// map and trusts what it finds there: on a damaged or truncated file it can
// index past the map, which is a fault (SIGBUS/SIGSEGV) that would kill the
// process. SetPanicOnFault turns such a fault into a panic that recover can
// catch, but only in this goroutine: fn must not hand the DB to another one
// (which rules out bbolt's Tx.Check, which runs in a goroutine of its own).
//
// Before fn runs, checkFile has verified the file's structure (or knows it
// unchanged since it last did), so bbolt never walks a damaged tree. Damage
// reaches the caller as a *DamageError naming the file.
func (s *Store) withDB(readOnly, allowEmpty bool, fn func(ss session) error) (err error) {
	defer func() { err = s.named(err, !readOnly) }()
	if s.wedged.Load() {
		return fmt.Errorf("%w (it was damaged while in use; restart boso)", ErrCorrupt)
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))

	var ss session
	defer func() {
		r := recover()
		if r != nil {
			err = fmt.Errorf("%w (%v)", ErrCorrupt, r)
		}
		switch {
		case ss.db != nil:
			if cerr := ss.db.Close(); cerr != nil && err == nil {
				err = fmt.Errorf("close %s: %w", s.path, cerr)
			}
		case r != nil && ss.file != nil:
			// bolt.Open panicked before handing back a DB. Closing the
			// descriptor is all we can do; its memory map, unreachable,
			// keeps the flock until exit, and every later call would
			// wrongly blame "another program".
			_ = ss.file.Close()
			s.wedged.Store(true)
		}
	}()

	opts := &bolt.Options{
		Timeout:  s.timeout,
		ReadOnly: readOnly,
		OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
			f, err := openExisting(name, flag, perm, allowEmpty)
			if err == nil {
				ss.file = f
			}
			return f, err
		},
	}
	db, err := bolt.Open(s.path, 0o600, opts)
	if err != nil {
		return classifyOpenError(s.path, err)
	}
	ss.db = db
	if err := s.checkFile(ss.file); err != nil {
		return err
	}
	if err := fn(ss); err != nil {
		return err
	}
	if !readOnly {
		// Still under the lock: what this session committed is the file,
		// so it needs no new check before the next call.
		s.remember(ss.file)
	}
	return nil
}

// openExisting replaces bbolt's os.OpenFile. Without O_CREATE a file that
// vanished since Open is an error rather than a fresh, empty database; and a
// zero-length file is refused because bbolt would silently initialise it.
func openExisting(name string, flag int, perm os.FileMode, allowEmpty bool) (*os.File, error) {
	if fi, err := os.Stat(name); err == nil {
		if err := regular(name, fi); err != nil {
			return nil, err
		}
	}
	f, err := os.OpenFile(name, flag&^os.O_CREATE, perm)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && errors.Is(pe.Err, syscall.EISDIR) {
			return nil, fmt.Errorf("%w (a directory)", ErrCorrupt)
		}
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%w (not a regular file)", ErrCorrupt)
	}
	if fi.Size() == 0 && !allowEmpty {
		f.Close()
		return nil, fmt.Errorf("%w (empty file)", ErrCorrupt)
	}
	return f, nil
}

// classifyOpenError maps what bolt.Open returns onto the sentinels. System
// errors (permissions, missing file, no locks on this file system) are passed
// through; what is left is bbolt disliking the contents.
func classifyOpenError(path string, err error) error {
	var pe *fs.PathError
	var errno syscall.Errno
	var ke *KindError
	switch {
	case errors.Is(err, ErrCorrupt), errors.As(err, &ke):
		return err
	case errors.Is(err, berrors.ErrTimeout):
		return fmt.Errorf("open %s: %w", path, ErrLocked)
	case errors.As(err, &pe):
		return err
	case errors.As(err, &errno):
		return fmt.Errorf("open %s: %w", path, err)
	default:
		return fmt.Errorf("%w (%v)", ErrCorrupt, err)
	}
}

// openBuckets finds the two data buckets; their absence means the file was
// swapped for something else since Open checked it.
func (s *Store) openBuckets(tx *bolt.Tx) (buckets, error) {
	b := buckets{reports: tx.Bucket(reportsBucket), index: tx.Bucket(indexBucket)}
	if b.reports == nil || b.index == nil {
		return b, fmt.Errorf("%w (missing buckets)", ErrCorrupt)
	}
	return b, nil
}

// view runs fn in a read transaction. Read-only opens take a shared lock:
// readers do not wait for each other, a writer waits for them at most the
// lock timeout, and a read can never write to a file it does not trust.
func (s *Store) view(fn func(b buckets) error) error {
	return s.viewTx(func(tx *bolt.Tx) error {
		b, err := s.openBuckets(tx)
		if err != nil {
			return err
		}
		return fn(b)
	})
}

// viewTx is view for callers that need the transaction itself (Backup).
func (s *Store) viewTx(fn func(tx *bolt.Tx) error) error {
	return s.withDB(true, false, func(ss session) error {
		return ss.db.View(fn)
	})
}

// update runs fn in one write transaction; bbolt commits it atomically or
// not at all, so record and index never disagree.
//
// A read-write bolt.Open reads the freelist before it returns, and on a
// truncated or damaged file that read faults inside bolt.Open. The fault is recovered,
// but the DB it happened in is out of reach, and so is its memory map, which
// keeps the file's flock alive until the process exits. A read-only look
// first, which reads nothing but the meta pages while opening and then
// checks the whole file, catches damage before the read-write open can trip
// on it.
func (s *Store) update(fn func(b buckets) error) error {
	if err := s.view(func(buckets) error { return nil }); err != nil {
		return err
	}
	return s.withDB(false, false, func(ss session) error {
		return ss.db.Update(func(tx *bolt.Tx) error {
			b, err := s.openBuckets(tx)
			if err != nil {
				return err
			}
			return fn(b)
		})
	})
}
