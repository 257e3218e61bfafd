//go:build unix

package store

import (
	"os"
	"syscall"
)

// mapFile maps the file read-only, so that checking its structure touches
// only the pages it looks at: the overflow pages that hold a report's text
// are never read. A fault on a page that vanished (the file was cut short
// meanwhile) is turned into a panic by withDB and recovered there.
func mapFile(f *os.File, size int64) (data []byte, unmap func(), err error) {
	if size == 0 {
		return nil, func() {}, nil
	}
	data, err = syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, err
	}
	return data, func() { _ = syscall.Munmap(data) }, nil
}
