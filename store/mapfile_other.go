//go:build !unix

package store

import (
	"errors"
	"io"
	"os"
)

// mapFile reads the whole file where boso does not map it (see the unix
// version).
func mapFile(f *os.File, size int64) (data []byte, unmap func(), err error) {
	data = make([]byte, size)
	if _, err := f.ReadAt(data, 0); err != nil && !errors.Is(err, io.EOF) {
		return nil, nil, err
	}
	return data, func() {}, nil
}
