//go:build unix

package store

import (
	"syscall"
	"testing"
)

// setUmask sets the process's umask for the rest of the test. The umask
// belongs to the whole process, so a test that calls it must not run in
// parallel with others.
func setUmask(t *testing.T, mask int) {
	old := syscall.Umask(mask)
	t.Cleanup(func() { syscall.Umask(old) })
}
