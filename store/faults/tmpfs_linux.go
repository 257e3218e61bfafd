package faults

import (
	"strconv"
	"syscall"
)

// MountTmpfs mounts a tmpfs of size bytes on dir, a small disk to fill.
// Mounting needs root.
func MountTmpfs(dir string, size int) (unmount func(), err error) {
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+strconv.Itoa(size)); err != nil {
		return nil, err
	}
	return func() { _ = syscall.Unmount(dir, 0) }, nil
}
