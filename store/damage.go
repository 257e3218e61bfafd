package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// DamageError is ErrCorrupt with where it was found: the draft file, and
// the one report when the damage is confined to that report's record (the
// others stay readable).
type DamageError struct {
	// Path is the draft file.
	Path string
	// Report is the id of the damaged report, or "" when the file itself
	// is damaged.
	Report string
	// LostSave is set when the newest meta page is damaged: reading on
	// would silently go back to the file as it was before the last save.
	LostSave bool
	err      error // what was found; it wraps ErrCorrupt
}

func (e *DamageError) Error() string {
	if e.Report != "" {
		return fmt.Sprintf("%s: report %s: %v", e.Path, e.Report, e.err)
	}
	return fmt.Sprintf("open %s: %v", e.Path, e.err)
}

func (e *DamageError) Unwrap() error { return e.err }

// reportDamage is damage found in one report's record.
func reportDamage(id string, detail error) error {
	return &DamageError{Report: id, err: fmt.Errorf("%w (%v)", ErrCorrupt, detail)}
}

// FileError is what the operating system said (no space left, read-only,
// not permitted) while boso read or wrote a file, with the file the user
// knows: the draft file, or the backup they asked for, never a temporary
// name.
type FileError struct {
	Path  string
	Write bool
	Err   error
}

func (e *FileError) Error() string {
	op := "read"
	if e.Write {
		op = "write"
	}
	return fmt.Sprintf("%s %s: %v", op, e.Path, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

// named makes every ErrCorrupt leaving a session a *DamageError, and every
// error of the operating system a *FileError, that names the file,
// whichever layer found it.
func (s *Store) named(err error, write bool) error {
	var de *DamageError
	var fe *FileError
	var pe *fs.PathError
	var errno syscall.Errno
	switch {
	case errors.As(err, &de):
		if de.Path == "" {
			de.Path = s.path
		}
		return err
	case errors.Is(err, ErrCorrupt):
		return &DamageError{Path: s.path, err: err}
	case errors.As(err, &fe), errors.Is(err, ErrLocked):
		return err
	case errors.As(err, &pe), errors.As(err, &errno):
		return &FileError{Path: s.path, Write: write, Err: err}
	}
	return err
}

// checkFile verifies the structure of the open file (see checkPages),
// unless it is the very file this Store last checked or wrote, unchanged
// in size and modification time. The check costs time in proportion to
// the number of reports (see BenchmarkCheck), which is why it is
// remembered: a save while typing must not pay for it again.
func (s *Store) checkFile(f *os.File) error {
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if s.known(fi) {
		return nil
	}
	data, unmap, err := mapFile(f, fi.Size())
	if err != nil {
		return err
	}
	defer unmap()
	if err := checkPages(data); err != nil {
		return &DamageError{LostSave: errors.Is(err, errLostCommit), err: fmt.Errorf("%w (%v)", ErrCorrupt, err)}
	}
	s.setKnown(fi)
	return nil
}

// remember records the open file as checked.
func (s *Store) remember(f *os.File) {
	if fi, err := f.Stat(); err == nil {
		s.setKnown(fi)
	}
}

func (s *Store) known(fi os.FileInfo) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.checked
	return k != nil && os.SameFile(k, fi) && k.Size() == fi.Size() && k.ModTime().Equal(fi.ModTime())
}

func (s *Store) setKnown(fi os.FileInfo) {
	s.mu.Lock()
	s.checked = fi
	s.mu.Unlock()
}
