package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"boso/model"
	"boso/store"
)

// TestLeavingTheWindowSaves: when the terminal's window loses the focus
// (the case worker goes to another program, or is about to close the
// window), what is typed is saved at once, not after the autosave's pause.
func TestLeavingTheWindowSaves(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.newReport()
	d.goToSection("1.2")
	const typed = "Skrevet rett før vinduet mistet fokus"
	d.typeText(typed)
	d.settle()
	saved := func() string {
		t.Helper()
		r, _, err := store.GetReport(d.st, d.report().e.r.ID, model.Builtin())
		if err != nil {
			t.Fatal(err)
		}
		return r.Value("1.2").Text
	}
	if got := saved(); got == typed {
		t.Fatal("the text was saved before the window lost the focus: the test shows nothing")
	}
	d.send(tea.BlurMsg{})
	d.settle()
	if got := saved(); got != typed {
		t.Errorf("after the window lost the focus the draft file holds %q, want %q", got, typed)
	}
	if !d.m.View().ReportFocus {
		t.Error("the program does not ask the terminal to tell when its window loses the focus")
	}
}
