// Package faults makes the files and disks that boso must survive, for
// its tests: a FIFO where a file is expected, a disk that fills up. The
// system calls behind them exist on some systems only; elsewhere the
// functions return errors.ErrUnsupported, so that a test can skip instead
// of the whole test file being left out of the build there.
package faults
