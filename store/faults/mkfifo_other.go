//go:build !(linux || android || darwin || ios || freebsd || netbsd || openbsd || dragonfly)

package faults

import "errors"

// Mkfifo returns errors.ErrUnsupported: Windows has no FIFOs in its file
// system, and Go's syscall package has no Mkfifo on Solaris and AIX.
func Mkfifo(path string) error {
	return errors.ErrUnsupported
}
