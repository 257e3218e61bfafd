//go:build linux

package tui

// Process-level tests of the save policy (tui/draft) through the real
// binary: steady typing, two windows quitting over each other, ctrl+r
// during a slow save, and a signal on a full disk. They use the driver of
// process_test.go.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	bolt "go.etcd.io/bbolt"
)

// TestSteadyTypingIsSaved: a key every 0.15 s never pauses long enough for
// a save that waits for a pause; the save must come anyway, so a SIGKILL
// loses at most the last 0.6 s of typing.
func TestSteadyTypingIsSaved(t *testing.T) {
	e := newProcEnv(t)
	id := e.newReport()
	for trial := range 2 {
		p := e.startUI()
		p.openNewest()
		p.jump(procScreenText)
		before := e.export(id).text(t, "1.2")
		typed := before
		var sentAt []time.Time
		// 3 s of typing, a little longer each trial so the kill meets the
		// save cycle at another point.
		for i := range 20 + trial*3 {
			typed += string(rune('a' + i%26))
			p.send(typed[len(typed)-1:])
			sentAt = append(sentAt, time.Now())
			time.Sleep(150 * time.Millisecond)
		}
		killedAt := time.Now()
		p.kill()
		got := e.export(id).text(t, "1.2")
		if !strings.HasPrefix(typed, got) || len(got) < len(before) {
			t.Fatalf("trial %d: 1.2 holds %q, which is not what was typed (%q)", trial, got, typed)
		}
		kept := len(got) - len(before)
		lost := len(sentAt) - kept
		var age time.Duration
		if lost > 0 {
			if age = killedAt.Sub(sentAt[kept]); age > 600*time.Millisecond {
				t.Errorf("trial %d: %d of %d keys lost at a SIGKILL during steady typing; the oldest was typed %v before it",
					trial, lost, len(sentAt), age.Round(time.Millisecond))
			}
		}
		t.Logf("trial %d: %d keys typed, %d lost, the oldest typed %v before the kill", trial, len(sentAt), lost, age.Round(time.Millisecond))
	}
	e.checkClean()
}

// TestTwoWindowsQuitKeepBothTexts: window A saves, window B (which read an
// older revision) types and quits with ctrl+c ctrl+c at once. B's quick
// quit must not write over A's save: A's text stays in the report and B's
// goes to a copy, every time.
func TestTwoWindowsQuitKeepBothTexts(t *testing.T) {
	e := newProcEnv(t)
	id := e.newReport()
	a := e.startUI()
	a.openNewest()
	a.jump(procScreenText)
	trials := 20
	aText := ""
	known := map[string]bool{id: true}
	for trial := range trials {
		// A saves first (ctrl+s), so the report is the newest and B opens it.
		aText += "a"
		a.send("a\x13")
		procWaitStored(t, e, id, "1.2", aText)
		b := e.startUI()
		b.openNewest()
		b.jump(procScreenText)
		// A saves again: B is now behind.
		aMark := fmt.Sprintf(" A%d", trial)
		a.send(aMark + "\x13")
		procWaitStored(t, e, id, "1.2", aText+aMark)
		bText := aText + fmt.Sprintf(" B%d", trial)
		aText += aMark
		b.send(fmt.Sprintf(" B%d", trial))
		b.waitText(fmt.Sprintf("B%d", trial), 5*time.Second)
		b.send(procKeyCtrlC)
		b.send(procKeyCtrlC)
		b.waitExit(5 * time.Second)
		if got := e.export(id).text(t, "1.2"); got != aText {
			t.Fatalf("trial %d: the report holds %q, want A's %q: B's quit wrote over A's save\nB's last words: %q",
				trial, got, aText, procTail([]byte(ansi.Strip(string(b.output()))), 300))
		}
		var copies []string
		for _, s := range e.list() {
			if !known[s.ID] {
				known[s.ID] = true
				copies = append(copies, s.ID)
			}
		}
		if len(copies) != 1 || e.export(copies[0]).text(t, "1.2") != bText {
			t.Fatalf("trial %d: want one new copy holding B's %q, have %v", trial, bText, copies)
		}
		if out := ansi.Strip(string(b.output())); !strings.Contains(out, "kopi") {
			t.Errorf("trial %d: B did not say its text went to a copy: %q", trial, procTail([]byte(out), 300))
		}
	}
	a.send(procKeyCtrlC)
	a.waitExit(5 * time.Second)
	e.checkClean()
}

// procHoldReadLock holds a read transaction on the draft file for d, as
// «boso list» or «boso backup» do for longer on a big file: a save must
// wait for it.
func procHoldReadLock(t *testing.T, path string, d time.Duration) <-chan struct{} {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		time.Sleep(d)
		db.Close()
	}()
	return done
}

// TestCtrlRDuringSlowSave: after a conflict this window's text is a copy,
// and ctrl+r opens the other window's version. Pressed while the copy's
// save waits for another program's lock, ctrl+r must first save what was
// typed, and the copy's save must not be taken for the original's.
func TestCtrlRDuringSlowSave(t *testing.T) {
	e := newProcEnv(t)
	id := e.newReport()
	a := e.startUI()
	a.openNewest()
	b := e.startUI()
	b.openNewest()
	a.jump(procScreenText)
	a.send("AAA")
	procWaitStored(t, e, id, "1.2", "AAA")
	a.send(procKeyCtrlC)
	a.waitExit(5 * time.Second)

	b.jump(procScreenText)
	b.send("B")
	b.waitText("ctrl+r åpner originalen", 5*time.Second)
	var copyID string
	for _, s := range e.list() {
		if s.ID != id {
			copyID = s.ID
		}
	}
	if copyID == "" {
		t.Fatalf("no copy after the conflict: %+v", e.list())
	}
	procWaitStored(t, e, copyID, "1.2", "B")

	// A save starts and waits for the lock; meanwhile more is typed, and
	// ctrl+r comes at once.
	b.send("C")
	time.Sleep(300 * time.Millisecond)
	// The save of C starts at 400 ms and waits until 600 ms.
	lock := procHoldReadLock(t, e.db, 300*time.Millisecond)
	time.Sleep(150 * time.Millisecond)
	b.send("DD")
	b.waitText("BCDD", 5*time.Second)
	b.send("\x12") // ctrl+r
	<-lock
	b.waitFor("the original to open with A's text", 5*time.Second, func(s string) bool {
		return strings.Contains(s, "AAA") && !strings.Contains(s, "ctrl+r åpner")
	})
	if got := e.export(copyID).text(t, "1.2"); got != "BCDD" {
		t.Errorf("the copy holds %q, want \"BCDD\": what was typed before ctrl+r is lost", got)
	}
	// In the original, typing saves on top of A's text: no false conflict,
	// no write over A's save with the copy's revision.
	b.send("E")
	procWaitStored(t, e, id, "1.2", "AAAE")
	time.Sleep(draftSaveWait)
	if s := b.screen(); strings.Contains(s, "annet vindu") {
		t.Errorf("a false conflict after ctrl+r:\n%s", b.dump())
	}
	if n := len(e.list()); n != 2 {
		t.Errorf("want the original and one copy, have %d reports: %+v", n, e.list())
	}
	b.send(procKeyCtrlC)
	b.waitExit(5 * time.Second)
	if got := e.export(copyID).text(t, "1.2"); got != "BCDD" {
		t.Errorf("after quitting, the copy holds %q, want \"BCDD\"", got)
	}
	if got := e.export(id).text(t, "1.2"); got != "AAAE" {
		t.Errorf("after quitting, the original holds %q, want \"AAAE\"", got)
	}
	e.checkClean()
}

// draftSaveWait is long enough for the save timer to fire.
const draftSaveWait = 700 * time.Millisecond

// procStartOnFullDisk starts boso in a mount namespace of its own, on a
// draft file (a copy of e.db) in a small tmpfs that is full, as a draft
// file on a full disk is; env is added to boso's environment. It skips
// where namespaces or mounts are not allowed (not root).
func (e *procEnv) startOnFullDisk(t *testing.T, env ...string) *procTerm {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a full tmpfs needs root")
	}
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		t.Skip("no unshare")
	}
	if out, err := exec.Command(unshare, "-m", "true").CombinedOutput(); err != nil {
		t.Skipf("no mount namespace: %v %s", err, out)
	}
	full := filepath.Join(e.dir, "full")
	if err := os.MkdirAll(full, 0o700); err != nil {
		t.Fatal(err)
	}
	script := `set -e
mount -t tmpfs -o size=256k tmpfs "$FULL"
cp "$SRC" "$FULL/boso.db"
dd if=/dev/zero of="$FULL/fyll" bs=4k 2>/dev/null || true
exec "$BOSO"`
	cmd := exec.Command(unshare, "-m", "--propagation", "private", "sh", "-c", script)
	cmd.Env = append(e.environ(), "FULL="+full, "SRC="+e.db, "BOSO="+e.bin, "BOSO_DB="+filepath.Join(full, "boso.db"))
	cmd.Env = append(cmd.Env, env...)
	return e.startCmd(cmd, nil)
}

// TestSigtermOnFullDisk: on a full disk neither the draft file nor a file
// beside it takes the text; a SIGTERM must put it where there is room
// (the state folder) and say where, or, with room nowhere, say so and end
// with an error.
func TestSigtermOnFullDisk(t *testing.T) {
	text := strings.Repeat("Tekst som ikke får plass på disken. ", 600)
	t.Run("room in the state folder", func(t *testing.T) {
		e := newProcEnv(t)
		e.newReport()
		state := filepath.Join(e.dir, "state")
		p := e.startOnFullDisk(t, "XDG_STATE_HOME="+state)
		p.openNewest()
		p.jump(procScreenText)
		p.send("\x1b[200~" + text + "\x1b[201~")
		p.waitText("Ikke lagret: disken er full", 10*time.Second)
		p.signal(syscall.SIGTERM)
		p.waitExit(10 * time.Second)
		out := ansi.Strip(string(p.output()))
		copies, _ := filepath.Glob(filepath.Join(state, "boso", "boso-nodlagring-*.json"))
		if len(copies) != 1 {
			t.Fatalf("want one emergency copy in %s/boso, have %v; boso said %q", state, copies, procTail([]byte(out), 400))
		}
		if !strings.Contains(out, copies[0]) {
			t.Errorf("boso did not say where the copy is (%s): %q", copies[0], procTail([]byte(out), 400))
		}
		data, err := os.ReadFile(copies[0])
		if err != nil || !strings.Contains(string(data), "Tekst som ikke får plass") {
			t.Errorf("the emergency copy lacks the text: %v", err)
		}
		if p.waitErr != nil {
			t.Errorf("boso ended with %v although the text is safe", p.waitErr)
		}
	})
	t.Run("room nowhere", func(t *testing.T) {
		e := newProcEnv(t)
		e.newReport()
		full := filepath.Join(e.dir, "full")
		p := e.startOnFullDisk(t, "XDG_STATE_HOME="+full, "HOME="+full, "TMPDIR="+full)
		p.openNewest()
		p.jump(procScreenText)
		p.send("\x1b[200~" + text + "\x1b[201~")
		p.waitText("Ikke lagret: disken er full", 10*time.Second)
		p.signal(syscall.SIGTERM)
		p.waitExit(10 * time.Second)
		out := ansi.Strip(string(p.output()))
		if p.waitErr == nil {
			t.Errorf("boso exited 0 with the text saved nowhere; it said %q", procTail([]byte(out), 400))
		}
		if !strings.Contains(out, "nødkopi") {
			t.Errorf("boso did not say that no copy could be written: %q", procTail([]byte(out), 400))
		}
	})
}
