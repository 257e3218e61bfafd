//go:build !windows

package say

import "syscall"

// systemWords are this system's error codes that need words of their own:
// on Unix, Go's portable errors and the errno checks in OS cover them.
var systemWords map[syscall.Errno]string
