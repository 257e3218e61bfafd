package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestReadNamed(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "eksport.json")
	if err := os.WriteFile(file, []byte("fra fil"), 0o600); err != nil {
		t.Fatal(err)
	}
	stdin := strings.NewReader("fra standard inn")
	for _, tc := range []struct {
		path string
		max  int64
		want string
	}{
		{file, 100, "fra fil"},
		{"-", 100, "fra standard inn"},
		// No more than max is read: the caller sees that there was more.
		{file, 3, "fra"},
	} {
		got, err := ReadNamed(tc.path, stdin, tc.max)
		if err != nil || string(got) != tc.want {
			t.Errorf("ReadNamed(%s, %d) = %q, %v; want %q", tc.path, tc.max, got, err, tc.want)
		}
	}
	if _, err := ReadNamed(dir, stdin, 100); !errors.Is(err, syscall.EISDIR) {
		t.Errorf("a folder: %v, want EISDIR", err)
	}
	if _, err := ReadNamed(filepath.Join(dir, "finnes-ikke.json"), stdin, 100); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v, want ErrNotExist", err)
	}
}
