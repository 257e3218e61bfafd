package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

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

// OSReason says in Norwegian what the operating system said, without Go's
// operation and file names around it ("open /tmp/.boso-export-123: no space
// left on device" → "disken er full"): those name temporary files the user
// never chose, and the caller names the file the user did choose.
func OSReason(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return "disken er full"
	case errors.Is(err, fs.ErrNotExist):
		return "finnes ikke"
	case errors.Is(err, syscall.EROFS):
		return "stedet er skrivebeskyttet"
	case errors.Is(err, fs.ErrPermission):
		return "ingen tilgang"
	case errors.Is(err, syscall.EISDIR):
		return "det er en mappe, ikke en fil"
	case errors.Is(err, syscall.ENOTDIR):
		return "en del av stien er en fil, ikke en mappe"
	case errors.Is(err, fs.ErrExist):
		return "finnes allerede"
	case errors.Is(err, syscall.EIO):
		return "lese- eller skrivefeil på disken"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}
