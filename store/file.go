package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// ErrDraftFile means a copy or an export was aimed at the draft file itself,
// which it would replace.
var ErrDraftFile = errors.New("that is the draft file itself")

// IsDraftFile reports whether path is the draft file (see SameFile).
func (s *Store) IsDraftFile(path string) bool { return SameFile(path, s.path) }

// SameFile reports whether a and b are one file, by file identity: a
// symbolic link to it, a hard link, or the same name spelled another way
// ("./boso.db") all count.
func SameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}

// WriteFile is WriteCopy beside this draft file.
func (s *Store) WriteFile(path string, data []byte) error {
	return WriteCopy(s.path, path, data)
}

// WriteCopy is WriteFileAtomic for an export or a copy the user will look
// for, refusing with ErrDraftFile to put it in place of the draft file.
func WriteCopy(draftFile, path string, data []byte) error {
	if SameFile(path, draftFile) {
		return fmt.Errorf("write %s: %w", path, ErrDraftFile)
	}
	return WriteFileAtomic(path, data)
}

// KindError means a name that should be a file is a device, a FIFO or a
// socket: reading a FIFO waits for a writer, forever.
type KindError struct {
	Path string
	Mode fs.FileMode
}

func (e *KindError) Error() string {
	return fmt.Sprintf("%s is not a regular file (%v)", e.Path, e.Mode.Type())
}

// regular refuses what is neither a regular file nor a folder (folders
// get their own words from the callers).
func regular(path string, fi fs.FileInfo) error {
	if fi.Mode().IsRegular() || fi.IsDir() {
		return nil
	}
	return &KindError{Path: path, Mode: fi.Mode()}
}

// OpenRegular opens a file the user named for reading, refusing devices,
// FIFOs and sockets before it opens them, and a folder.
func OpenRegular(path string) (*os.File, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: path, Err: syscall.EISDIR}
	}
	if err := regular(path, fi); err != nil {
		return nil, err
	}
	return os.Open(path)
}

// ReadNamed reads a file the user named (OpenRegular), or in for "-",
// standard input's usual name; never more than max bytes, so that a file
// too large for its purpose is found without being read whole.
func ReadNamed(path string, in io.Reader, max int64) ([]byte, error) {
	if path != "-" {
		f, err := OpenRegular(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		in = f
	}
	return io.ReadAll(io.LimitReader(in, max))
}

// WriteFileAtomic writes an export: whole or not at all (a temporary file in
// the same folder, synced, then renamed over the target), readable by the
// owner only, since a report holds names, phone numbers and e-mail.
func WriteFileAtomic(path string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".boso-export-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o600)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	return err
}
