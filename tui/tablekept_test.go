package tui

import (
	"strings"
	"testing"

	"boso/model"
	"boso/store"
)

// TestTableCountKeptAsTypedOutlivesTheScreen: "-3" typed into a number
// cell is what the report holds, so leaving the screen (pgdn, pgup), and
// quitting, keep it: the cell still reads -3 with its sentence, and the
// draft file has it for the next start.
func TestTableCountKeptAsTypedOutlivesTheScreen(t *testing.T) {
	const says = "Tallet kan ikke være negativt."
	d := newDriver(t, 80, 24)
	d.newReport()
	d.goToSection("1.1")
	if got := d.report().focused(); got != "1.1.A.start" {
		t.Fatalf("focus on %q, want 1.1.A.start", got)
	}
	d.typeText("-3")
	saysIt := func(when string) {
		t.Helper()
		if !strings.Contains(strings.Join(strings.Fields(d.screen()), " "), says) {
			t.Fatalf("%s, the screen does not say %q:\n%s", when, says, d.screen())
		}
	}
	saysIt("typed")
	d.key("pgdown")
	d.key("pgup")
	if got := fieldsOf(d.gridLine("A. Antall")); !strings.Contains(strings.Join(got, " "), "-3") {
		t.Fatalf("after pgdn and pgup, row A reads %q, want -3 in it:\n%s", got, d.screen())
	}
	saysIt("after pgdn and pgup")
	// Another cell focused, the one kept as typed is marked.
	d.key("tab")
	if line := d.gridLine("A. Antall"); !strings.Contains(line, tableProblemMark+strings.Repeat(" ", 12)+"-3") {
		t.Errorf("row A does not show -3 marked once left: %q", line)
	}
	id := d.report().e.r.ID
	d.key("ctrl+c")
	d.settle()
	if !d.quit {
		t.Fatalf("ctrl+c did not quit:\n%s", d.screen())
	}
	got, _, err := store.GetReport(d.st, id, model.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	if v := got.Value("1.1.A.start"); v != model.TextValue("-3") {
		t.Fatalf("the draft file holds %+v for 1.1.A.start, want -3 as typed", v)
	}
	if p := model.FieldProblem(got, "1.1.A.start"); p != says {
		t.Errorf("reopened, 1.1.A.start's problem is %q, want %q", p, says)
	}
}
