//go:build linux

// Linux only, although FIFOs are Unix: smallDisk mounts a tmpfs, and
// syscall.Mount exists only there (GOOS=darwin go vet, in .ci/run).

package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFIFOsAreRefused: a FIFO as the draft file or as the file to import
// used to wait for a writer forever.
func TestFIFOsAreRefused(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	c := newCLI(t)
	for _, tc := range []struct {
		c    *cli
		args []string
		want string
	}{
		{&cli{t: t, db: fifo}, []string{"list"}, "boso: kan ikke åpne kladdefilen " + fifo + ": det er et rør (FIFO), ikke en vanlig fil.\n"},
		{c, []string{"import", fifo}, "boso: kan ikke lese " + fifo + ": det er et rør (FIFO), ikke en vanlig fil.\n"},
		{c, []string{"validate", fifo}, "boso: kan ikke lese " + fifo + ": det er et rør (FIFO), ikke en vanlig fil.\n"},
		{c, []string{"summary", fifo}, fifo},
	} {
		done := make(chan struct{})
		var errOut string
		var code int
		go func() {
			defer close(done)
			_, errOut, code = tc.c.run("", tc.args...)
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("boso %v hangs on a FIFO", tc.args)
		}
		if code == 0 || !strings.Contains(errOut, tc.want) {
			t.Errorf("boso %v: exit %d, %q, want %q", tc.args, code, errOut, tc.want)
		}
	}
}

// smallDisk mounts a tmpfs of size bytes for the test, or skips the test
// where mounting is not allowed (it needs root).
func smallDisk(t *testing.T, size int) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+strconv.Itoa(size)); err != nil {
		t.Skipf("cannot mount a tmpfs: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, 0) })
	return dir
}

// fill takes all the room left in dir.
func fill(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "fyll"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 4096)
	for {
		if _, err := f.Write(chunk); err != nil {
			return
		}
	}
}

// TestFullDisk: writes on a full disk, to the draft file and to a backup,
// are one Norwegian sentence naming the file.
func TestFullDisk(t *testing.T) {
	disk := smallDisk(t, 256<<10)
	c := &cli{t: t, db: filepath.Join(disk, "boso.db")}
	c.ok("new")
	fill(t, disk)
	_, errOut, code := c.run("", "import", fixture)
	if want := "boso: kan ikke skrive til " + c.db + ": disken er full.\n"; code != 1 || errOut != want {
		t.Errorf("import on a full disk: exit %d, %q, want %q", code, errOut, want)
	}

	big := newCLI(t)
	for range 5 {
		big.ok("import", fixture)
	}
	// A disk already full fails the copy's first page, which bbolt reports
	// as text ("meta 0 copy: …").
	backupDisk := smallDisk(t, 64<<10)
	fill(t, backupDisk)
	backup := filepath.Join(backupDisk, "kopi.db")
	_, errOut, code = big.run("", "backup", backup)
	if want := "boso: kunne ikke ta sikkerhetskopi til " + backup + ": disken er full.\n"; code != 1 || errOut != want {
		t.Errorf("backup onto a full disk: exit %d, %q, want %q", code, errOut, want)
	}
}

// TestFIFOAmongTheTemplates: a FIFO named like an edition in the templates
// folder is left out in one sentence, instead of every command waiting.
func TestFIFOAmongTheTemplates(t *testing.T) {
	c := newCLI(t)
	c.templates = t.TempDir()
	fifo := filepath.Join(c.templates, "ny.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var errOut string
	var code int
	go func() {
		defer close(done)
		_, errOut, code = c.run("", "list")
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("boso list waits on a FIFO in the templates folder")
	}
	if code != 0 || !strings.Contains(errOut, fifo) || !strings.Contains(errOut, "det er et rør (FIFO), ikke en vanlig fil") {
		t.Errorf("list: exit %d, %q", code, errOut)
	}
}
