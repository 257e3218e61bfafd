package say

import (
	"errors"
	"syscall"
)

// windowsWords are the Windows error codes a case worker meets when saving,
// in the same words as their Unix counterparts. Go matches only a few
// Windows codes to its portable errors (fs.ErrNotExist, fs.ErrPermission,
// fs.ErrExist); "disk full" and the rest would reach the user in English.
// A file another program holds open (Word, Excel, a virus scanner, a sync
// client) is the everyday one on Windows.
var windowsWords = map[syscall.Errno]string{
	19:   "stedet er skrivebeskyttet",               // ERROR_WRITE_PROTECT
	21:   "disken er ikke tilgjengelig",             // ERROR_NOT_READY: a USB stick pulled out
	23:   "lese- eller skrivefeil på disken",        // ERROR_CRC
	32:   "filen er åpen i et annet program",        // ERROR_SHARING_VIOLATION
	33:   "filen er låst av et annet program",       // ERROR_LOCK_VIOLATION
	39:   "disken er full",                          // ERROR_HANDLE_DISK_FULL
	64:   "nettverksstasjonen er ikke tilgjengelig", // ERROR_NETNAME_DELETED
	112:  "disken er full",                          // ERROR_DISK_FULL
	1295: "disken er full",                          // ERROR_DISK_QUOTA_EXCEEDED
}

// errnoWords returns the words table has for the system error inside err.
func errnoWords(err error, table map[syscall.Errno]string) (string, bool) {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return "", false
	}
	w, ok := table[errno]
	return w, ok
}
