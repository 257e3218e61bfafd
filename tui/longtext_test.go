package tui

import (
	"runtime"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// Before, ctrl+e with neither $VISUAL nor $EDITOR set and no nano did
// nothing, without a word.
func TestCtrlEWithoutAnEditorSaysHowToSetOne(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows names notepad and setx; the sentence for each system is tested in textedit")
	}
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "")
	t.Setenv("PATH", t.TempDir())
	d := newDriver(t, 80, 24)
	d.newReport()
	d.goToSection("1.2")
	d.typeText("Svar")
	d.key(tea.KeyCtrlE)
	d.requireScreen("Fant verken nano eller vi; sett EDITOR til ditt program: export EDITOR=navn")
	if got := shown(d.report(), "1.2"); got != "Svar" {
		t.Errorf("1.2 = %q", got)
	}
}
