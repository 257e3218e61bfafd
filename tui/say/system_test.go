package say

import (
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"syscall"
	"testing"
)

// TestWindowsWords: on Windows, a full disk and a file held open by another
// program are said in Norwegian, through the same calls as on Unix, even
// when the error comes wrapped in a path and in boso's own context.
func TestWindowsWords(t *testing.T) {
	for code, want := range map[syscall.Errno]string{
		112: "disken er full",
		39:  "disken er full",
		32:  "filen er åpen i et annet program",
		33:  "filen er låst av et annet program",
		19:  "stedet er skrivebeskyttet",
		64:  "nettverksstasjonen er ikke tilgjengelig",
	} {
		err := fmt.Errorf("store: put: %w", &os.LinkError{Op: "rename", Old: `C:\Users\kari\.boso-export-1`, New: `H:\rapport.json`, Err: code})
		if got, ok := errnoWords(err, windowsWords); !ok || got != want {
			t.Errorf("Windows error %d: %q, want %q", code, got, want)
		}
	}
	if _, ok := errnoWords(&fs.PathError{Op: "open", Path: "x", Err: syscall.Errno(5)}, windowsWords); ok {
		t.Error("access denied has words of its own; Go already calls it fs.ErrPermission")
	}
	if runtime.GOOS != "windows" {
		// Unix numbers mean other things (32 is a broken pipe here).
		if got := OS(&fs.PathError{Op: "write", Path: "x", Err: syscall.Errno(32)}); got == windowsWords[32] {
			t.Errorf("a Unix errno 32 was read as a Windows code: %q", got)
		}
	}
}
