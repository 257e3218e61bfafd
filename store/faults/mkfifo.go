//go:build linux || android || darwin || ios || freebsd || netbsd || openbsd || dragonfly

package faults

import "syscall"

// Mkfifo makes a FIFO at path, readable and writable by its owner only.
func Mkfifo(path string) error {
	return syscall.Mkfifo(path, 0o600)
}
