//go:build unix

package tui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTextCutByAReadKeepsEveryCharacter: text that arrives faster than it
// is read (a paste without bracketed paste, typing over a slow link) comes
// in reads of 256 bytes; Bubble Tea dropped a character of two bytes that a
// read cut in two, here the ø of "Gjøvik" as the acceptance walk met it.
func TestTextCutByAReadKeepsEveryCharacter(t *testing.T) {
	e := newProcEnv(t)
	id := e.newReport()
	p := e.startUI()
	p.openNewest()
	p.jump(procScreenText)
	text := strings.Repeat("a", 252) + " Gjøvik og Østre Toten, «gøy»"
	p.send(text) // one write: the first read ends inside the ø
	p.waitText("«gøy»", 5*time.Second)
	p.send("\x13") // ctrl+s
	time.Sleep(300 * time.Millisecond)
	p.send(procKeyCtrlC)
	p.waitExit(5 * time.Second)
	if got := e.export(id).text(t, "1.2"); got != text {
		t.Errorf("1.2 ends %q, want %q", got[max(0, len(got)-40):], text[len(text)-40:])
	}
}

// TestExternalEditorGetsTheTerminal: ctrl+e's editor reads the terminal
// itself, not a pipe from boso's input (vi said "Input is not from a
// terminal" and boso's reader kept the keys meant for it).
func TestExternalEditorGetsTheTerminal(t *testing.T) {
	e := newProcEnv(t)
	id := e.newReport()
	editor := filepath.Join(e.dir, "editor")
	script := "#!/bin/sh\nif [ -t 0 ]; then printf terminal > \"$1\"; else printf pipe > \"$1\"; fi\n"
	if err := os.WriteFile(editor, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(e.bin)
	cmd.Env = append(e.environ(), "EDITOR="+editor)
	p := e.startCmd(cmd, nil)
	p.openNewest()
	p.jump(procScreenText)
	p.send("\x05") // ctrl+e
	p.waitFor("the editor's text back", 5*time.Second, func(s string) bool {
		return strings.Contains(s, "terminal") || strings.Contains(s, "pipe")
	})
	p.send("\x13") // ctrl+s
	time.Sleep(300 * time.Millisecond)
	p.send(procKeyCtrlC)
	p.waitExit(5 * time.Second)
	if got := e.export(id).text(t, "1.2"); got != "terminal" {
		t.Errorf("the editor's standard input was a %s", got)
	}
}
