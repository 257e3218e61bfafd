package tui

import "testing"

// TestCursorWhereTheUserTypes: in every kind of field the terminal's own
// cursor stands where the next character goes, so that a screen magnifier
// or a screen reader follows the typing; where no field takes keys it is
// hidden.
func TestCursorWhereTheUserTypes(t *testing.T) {
	d := newDriver(t, 80, 24)
	// The dialog for a new report: the kommune, then the year.
	d.typeText("n")
	d.key("ctrl+u")
	d.typeText("Gjøvik kommune")
	d.cursorAfter("Gjøvik kommune")
	d.key("left")
	d.cursorAfter("Gjøvik kommun")
	d.key("tab")
	d.cursorAfter("Rapporteringsår:  2012")
	d.key("enter")
	d.waitReport()

	// A short answer in a form.
	d.goToSection("info")
	for range 2 {
		d.key("tab")
	}
	d.typeText("Kari Nordmann")
	d.cursorAfter("> Kari Nordmann")

	// A cell of the grid, and a comment under it.
	d.goToSection("1.1")
	d.typeText("4321")
	d.cursorAfter("4 321")
	d.report().page.focus("1.1.A.kommentar")
	d.typeText("Usikre tall")
	d.cursorAfter("Usikre tall")

	// The label of a row the report names.
	d.goToSection("1.1.prioritert")
	d.key("ctrl+u")
	d.typeText("Barn i bolig")
	d.cursorAfter("Barn i bolig")

	// A long answer.
	d.goToSection("1.2")
	d.typeText("Vi har fått til mye")
	d.cursorAfter("Vi har fått til mye")
	d.key("home")
	d.cursorBefore("Vi har fått til mye")

	// The help takes every key: no field shows, nor a cursor.
	d.key("f1")
	if c := d.m.View().Cursor; c != nil {
		t.Errorf("the cursor shows over the help, at %v", c.Position)
	}
}
