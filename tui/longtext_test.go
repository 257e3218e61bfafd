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

// Undo goes on where it left off after the user leaves a long answer's
// screen or a table's comment and comes back, while the report is open; a
// report opened again starts with no history.
func TestUndoReachesBackPastLeavingTheField(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.newReport()
	d.goToSection("1.2")
	d.requireScreen("ctrl+z angre")
	d.typeText("Første svar")
	d.key(tea.KeyPgDown)
	d.key(tea.KeyPgUp)
	d.key(tea.KeyCtrlZ)
	if got := shown(d.report(), "1.2"); got != "Første " {
		t.Errorf("ctrl+z after coming back: 1.2 = %q", got)
	}
	d.key(tea.KeyCtrlY)
	if got := shown(d.report(), "1.2"); got != "Første svar" {
		t.Errorf("ctrl+y: 1.2 = %q", got)
	}

	d.goToSection("1.1")
	d.report().focusField("1.1.A.kommentar")
	d.typeText("Kommentar")
	d.key(tea.KeyTab)
	d.key(tea.KeyShiftTab)
	d.key(tea.KeyCtrlZ)
	if got := shown(d.report(), "1.1.A.kommentar"); got != "" {
		t.Errorf("ctrl+z in a comment after tab and shift+tab: %q", got)
	}
	d.key(tea.KeyCtrlY)
	d.key(tea.KeyEsc)
	d.openNewest()
	d.goToSection("1.2")
	d.key(tea.KeyCtrlZ)
	if got := shown(d.report(), "1.2"); got != "Første svar" {
		t.Errorf("ctrl+z in a report opened again: 1.2 = %q", got)
	}
}

func TestHelpListsUndoAndRedo(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.newReport()
	d.goToSection("1.2")
	d.key(tea.KeyF1)
	d.requireScreen("ctrl+z", "angre", "ctrl+y", "gjør om", "ctrl+e", "skriv i eget program")
}
