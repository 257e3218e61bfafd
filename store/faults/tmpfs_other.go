//go:build !linux

package faults

import "errors"

// MountTmpfs returns errors.ErrUnsupported: tmpfs and syscall.Mount are
// Linux's.
func MountTmpfs(dir string, size int) (unmount func(), err error) {
	return nil, errors.ErrUnsupported
}
