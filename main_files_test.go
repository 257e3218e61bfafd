package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCopiesNeverReplaceTheDraftFile: an export or a backup aimed at the
// draft file, however it is spelled, is refused and the file is unchanged.
func TestCopiesNeverReplaceTheDraftFile(t *testing.T) {
	c := newCLI(t)
	id := c.ok("import", fixture)
	c.ok("new")
	before, err := os.ReadFile(c.db)
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "lenke.json")
	if err := os.Symlink(c.db, link); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Dir(c.db))
	for _, target := range []string{c.db, "./boso.db", "../data/boso.db", link} {
		for _, args := range [][]string{{"export", id, "--draft", "-o", target}, {"backup", target}} {
			_, errOut, code := c.run("", args...)
			if code != 1 || !strings.Contains(errOut, "det er selve kladdefilen") || !strings.Contains(errOut, target) {
				t.Errorf("boso %v: exit %d, %q", args, code, errOut)
			}
		}
	}
	if after, _ := os.ReadFile(c.db); !bytes.Equal(before, after) {
		t.Fatal("the draft file was replaced")
	}
	if c.count() != 2 {
		t.Fatalf("%d reports left", c.count())
	}
}

// TestLooseDraftFileIsTightened: a draft file others may read (0644) is
// made the owner's alone, and the user is told once.
func TestLooseDraftFileIsTightened(t *testing.T) {
	c := newCLI(t)
	c.ok("new")
	if err := os.Chmod(c.db, 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := c.run("", "list")
	if code != 0 || !strings.Contains(errOut, "andre brukere hadde tilgang til kladdefilen "+c.db+" (0644); nå er den bare din (0600).") {
		t.Errorf("first run: exit %d, %q", code, errOut)
	}
	if fi, err := os.Stat(c.db); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode after: %v %v", fi.Mode(), err)
	}
	if _, errOut, _ := c.run("", "list"); errOut != "" {
		t.Errorf("second run says %q", errOut)
	}
}

// TestImmutableDraftFile: a write refused by the system (here an immutable
// file, `chattr +i`) is one Norwegian sentence naming the file.
func TestImmutableDraftFile(t *testing.T) {
	c := newCLI(t)
	c.ok("new")
	if out, err := exec.Command("chattr", "+i", c.db).CombinedOutput(); err != nil {
		t.Skipf("chattr +i needs root and a file system that has it: %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("chattr", "-i", c.db).Run() })
	_, errOut, code := c.run("", "new")
	want := "boso: kan ikke skrive til " + c.db + ": ingen tilgang.\n"
	if code != 1 || errOut != want {
		t.Errorf("new on an immutable file: exit %d, %q, want %q", code, errOut, want)
	}
}

// TestDamageInsideAReadNamesTheFile: damage met after the file opened (in
// one report) names the file and the report.
func TestDamageInsideAReadNamesTheFile(t *testing.T) {
	c := newCLI(t)
	id := c.ok("import", fixture)
	data, err := os.ReadFile(c.db)
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(data, []byte("Gjøvik kommune"))
	if at < 0 {
		t.Fatal("report not found in the file")
	}
	// The summary holds the name too; change the report's own copy.
	at += bytes.Index(data[at+1:], []byte("Gjøvik kommune")) + 1
	data[at] = 'g'
	if err := os.WriteFile(c.db, data, 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := c.run("", "export", id, "--draft")
	want := "boso: rapporten " + id + " i kladdefilen " + c.db + " er skadet og kan ikke leses"
	if code != 1 || !strings.HasPrefix(errOut, want) {
		t.Errorf("export: exit %d, %q, want %q…", code, errOut, want)
	}
}

// TestHostileNamesNeverReachTheTerminal: a file name with escape sequences
// (OSC sets the window title, CSI 2J clears the screen), and a kommune name
// with right-to-left override and zero-width characters, are printed with
// those characters shown as "?".
func TestHostileNamesNeverReachTheTerminal(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	hostile := filepath.Join(dir, "r\x1b]0;PWNED\x07\x1b[2J.json")
	if err := os.WriteFile(hostile, []byte(`{"format":"boso.report.v1"`), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "mangler\x1b[31m.json")
	for _, args := range [][]string{{"import", hostile}, {"validate", hostile}, {"import", missing}, {"validate", missing}, {"summary", hostile}} {
		out, errOut, code := c.run("", args...)
		if code == 0 || strings.ContainsAny(out+errOut, "\x1b\x07") || !strings.Contains(errOut, ".json") {
			t.Errorf("boso %q: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}

	data, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte(`"Gjøvik kommune"`), []byte(`"Gjø\u200bvik \u202ekommune"`), 1)
	odd := filepath.Join(dir, "odd.json")
	if err := os.WriteFile(odd, data, 0o600); err != nil {
		t.Fatal(err)
	}
	c.ok("import", odd)
	if out := c.ok("list"); strings.ContainsAny(out, "\u200b\u202e") || !strings.Contains(out, "Gjø?vik ?kommune") {
		t.Errorf("list shows %q", out)
	}
}

// TestLooseDraftFileInTheLineMode: the program itself says it on its first
// screen, not on a stderr the screen covers.
func TestLooseDraftFileInTheLineMode(t *testing.T) {
	c := newCLI(t)
	c.ok("new")
	if err := os.Chmod(c.db, 0o640); err != nil {
		t.Fatal(err)
	}
	out, errOut, _ := c.run("")
	if !strings.Contains(out, "Andre brukere hadde tilgang til kladdefilen "+c.db+" (0640); nå er den bare din (0600).") || strings.Contains(errOut, "tilgang") {
		t.Errorf("line mode: stdout %q, stderr %q", out, errOut)
	}
}
