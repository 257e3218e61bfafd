package tui

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"boso/model"
	"boso/store"
	"boso/tui/draft"
	"boso/tui/textedit"
)

// tableNow is a fixed clock, so the fixture never depends on when tests run.
var tableNow = time.Date(2013, 1, 10, 9, 0, 0, 0, time.UTC)

// tableFixture is a report for 2012, with the answers given typed in, and
// the table screen of one of its sections in a window of the given size.
func tableFixture(tb testing.TB, sectionID string, width, height int, answers ...string) (*tableScreen, *editing) {
	tb.Helper()
	tmpl, ok := model.Builtin().Lookup("arsrapport-2012")
	if !ok {
		tb.Fatal("the built-in template is missing")
	}
	r := model.NewReport(tmpl, tableNow)
	answers = append([]string{"info.rapporteringsar", "2012"}, answers...)
	for i := 0; i+1 < len(answers); i += 2 {
		if err := r.Input(answers[i], answers[i+1]); err != nil {
			tb.Fatalf("Input(%s, %q): %v", answers[i], answers[i+1], err)
		}
	}
	c := &common{width: width, height: height, styles: DefaultStyles(true), dark: true, keys: DefaultKeyMap(),
		reg: form2012(), now: func() time.Time { return tableNow }}
	e := newEditing(draft.New(r, draft.Options{Revision: 1, Now: c.now}))
	for _, s := range tmpl.Sections {
		if s.ID == sectionID {
			return newTableScreen(c, e, s), e
		}
	}
	tb.Fatalf("no section %s", sectionID)
	return nil, nil
}

// tableFixtureLastYear is next year's report carried over from Gjøvik's
// 2012 report, which it has beside it as last year's, on one section's
// table screen.
func tableFixtureLastYear(tb testing.TB, sectionID string, width, height int) (*tableScreen, *editing) {
	tb.Helper()
	data, err := os.ReadFile("../testdata/gjovik-2012.json")
	if err != nil {
		tb.Fatal(err)
	}
	prev, err := model.Decode(data, model.Builtin())
	if err != nil {
		tb.Fatal(err)
	}
	r := model.CarryOverFrom(prev, tableNow)
	c := &common{width: width, height: height, styles: DefaultStyles(true), dark: true, keys: DefaultKeyMap(),
		reg: form2012(), now: func() time.Time { return tableNow }}
	e := newEditing(draft.New(r, draft.Options{Previous: prev, Revision: 1, Now: c.now}))
	for _, s := range r.Template.Sections {
		if s.ID == sectionID {
			return newTableScreen(c, e, s), e
		}
	}
	tb.Fatalf("no section %s", sectionID)
	return nil, nil
}

// tableType sends each rune of s as its own key press.
func tableType(ts *tableScreen, s string) *tableScreen {
	for _, r := range s {
		ts.update(keyPress(string(r)))
	}
	return ts
}

func tablePress(ts *tableScreen, keys ...string) *tableScreen {
	for _, k := range keys {
		ts.update(keyPress(k))
	}
	return ts
}

func tableView(ts *tableScreen, height int) string { return ansi.Strip(ts.view(height)) }

// tableFlat is a view as one line, for finding sentences wrapped over lines.
func tableFlat(view string) string { return strings.ReplaceAll(view, "\n", " ") }

// tableBodyHeight is the body's share of a window: the report screen keeps
// four lines for its header and footer.
func tableBodyHeight(windowHeight int) int { return windowHeight - 4 }

// tableCells returns the cells of the grid row whose label starts with
// label, as shown: markers of focus and problems dropped, spaces trimmed.
func tableCells(t *testing.T, view, label string) []string {
	t.Helper()
	for _, line := range strings.Split(view, "\n") {
		parts := strings.Split(line, "│")
		if len(parts) < 3 || !strings.HasPrefix(strings.TrimSpace(parts[1]), label) {
			continue
		}
		cells := parts[2 : len(parts)-1]
		for i, c := range cells {
			cells[i] = strings.TrimSpace(strings.TrimLeft(c, tableFocusMark+tableProblemMark))
		}
		return cells
	}
	t.Fatalf("no grid row %q in:\n%s", label, view)
	return nil
}

// tableWantCells checks a grid row against the cells expected, column by column.
func tableWantCells(t *testing.T, view, label string, want ...string) {
	t.Helper()
	got := tableCells(t, view, label)
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("row %q shows %q, want %q\n%s", label, got, want, view)
	}
}

func TestTableScreenResultsFollowEveryKey(t *testing.T) {
	// B and C answered with 0, so the sums have all their inputs.
	ts, e := tableFixture(t, "1.1", 80, 24,
		"1.1.B.start", "0", "1.1.B.slutt", "0", "1.1.C.start", "0", "1.1.C.slutt", "0")
	h := tableBodyHeight(24)
	if got := ts.focused(); got != "1.1.A.start" {
		t.Fatalf("focused() = %s at start, want 1.1.A.start", got)
	}
	tableWantCells(t, tableView(ts, h), "A.", "", "", "")
	tableWantCells(t, tableView(ts, h), "Sum", "", "", "")

	ts = tableType(ts, "7")
	v := tableView(ts, h)
	tableWantCells(t, v, "A.", "7", "", "")
	tableWantCells(t, v, "Sum", "7", "", "")
	if !e.Dirty() {
		t.Error("typing did not mark the report dirty")
	}

	ts = tablePress(ts, "tab")
	if got := ts.focused(); got != "1.1.A.slutt" {
		t.Fatalf("focused() = %s after tab, want 1.1.A.slutt", got)
	}
	tableWantCells(t, tableView(ts, h), "A.", "7", "", "")

	ts = tableType(ts, "8")
	v = tableView(ts, h)
	tableWantCells(t, v, "A.", "7", "8", "-1")
	tableWantCells(t, v, "Sum", "7", "8", "-1")
	if got := e.r.Value("1.1.A.slutt"); got != model.NumberValue(8) {
		t.Errorf("report holds %+v for 1.1.A.slutt, want 8", got)
	}
}

func TestTableScreenResultsWaitForAllInputs(t *testing.T) {
	ts, _ := tableFixture(t, "1.1", 80, 24)
	ts = tableType(ts, "7")
	v := tableView(ts, tableBodyHeight(24))
	// The model has no sum while B and C are unanswered; an X would say
	// someone marked it not available.
	tableWantCells(t, v, "A.", "7", "", "")
	tableWantCells(t, v, "Sum", "", "", "")
}

func TestTableScreenNotAvailable(t *testing.T) {
	ts, e := tableFixture(t, "1.1", 80, 24,
		"1.1.A.slutt", "8", "1.1.B.start", "4", "1.1.B.slutt", "11", "1.1.C.start", "23", "1.1.C.slutt", "30")
	h := tableBodyHeight(24)
	ts = tableType(ts, "x")
	v := tableView(ts, h)
	tableWantCells(t, v, "A.", "X", "8", "X")
	tableWantCells(t, v, "Sum", "X", "49", "X")
	if got := e.r.Value("1.1.A.start"); got != model.NA {
		t.Errorf("report holds %+v, want not available", got)
	}

	ts = tableType(ts, "7")
	v = tableView(ts, h)
	tableWantCells(t, v, "A.", "7", "8", "-1")
	tableWantCells(t, v, "Sum", "34", "49", "-15")

	ts = tableType(ts, "X")
	tableWantCells(t, tableView(ts, h), "A.", "X", "8", "X")
	ts = tablePress(ts, "backspace")
	v = tableView(ts, h)
	tableWantCells(t, v, "A.", "", "8", "")
	tableWantCells(t, v, "Sum", "", "49", "")
	if got := e.r.Value("1.1.A.start"); !got.IsEmpty() {
		t.Errorf("report holds %+v after backspace on X, want empty", got)
	}
}

// TestTableScreenNumberCellsRefuseWhatIsNoCount: what is typed stays as
// typed; what is no whole count is kept as typed, with a sentence under the
// grid, never quietly changed (-3 to 3, 1,5 to 15).
func TestTableScreenNumberCellsRefuseWhatIsNoCount(t *testing.T) {
	ts, e := tableFixture(t, "1.1", 80, 40)
	h := tableBodyHeight(40)
	refused := []struct{ typed, says string }{
		{"-3", "Tallet kan ikke være negativt."},
		{"1,5", "Skriv et helt tall, for eksempel 1 455, eller X for ikke tilgjengelig."},
		{"12 tusen", "Skriv et helt tall, for eksempel 1 455"},
	}
	for _, r := range refused {
		ts = tableType(ts, r.typed)
		v := tableView(ts, h)
		tableWantCells(t, v, "A.", r.typed, "", "")
		if !strings.Contains(tableFlat(v), r.says) {
			t.Errorf("%q: the grid does not say %q:\n%s", r.typed, r.says, v)
		}
		// The report keeps it as typed, so nothing typed is lost.
		if got := e.r.Value("1.1.A.start"); got != model.TextValue(r.typed) {
			t.Errorf("%q: the report holds %+v", r.typed, got)
		}
		// Left, the text stays, marked; back again, it is still there to mend.
		ts = tablePress(ts, "tab")
		v = tableView(ts, h)
		tableWantCells(t, v, "A.", r.typed, "", "")
		if !strings.Contains(tableLine(t, v, "A."), tableProblemMark+strings.Repeat(" ", 14-len([]rune(r.typed)))+r.typed) {
			t.Errorf("%q: the cell left is not marked:\n%s", r.typed, v)
		}
		ts = tablePress(ts, "shift+tab", "backspace")
		if v := tableView(ts, h); strings.Contains(tableFlat(v), r.says) {
			t.Errorf("%q: cleared, the cell still has its message:\n%s", r.typed, v)
		}
	}
	// Mended, the number goes in and the message goes away.
	ts = tableType(ts, "1,")
	ts = tablePress(ts, "backspace")
	if v := tableView(ts, h); strings.Contains(v, "for eksempel 1 455") || e.r.Value("1.1.A.start") != model.NumberValue(1) {
		t.Errorf("mended to 1: report %+v, view:\n%s", e.r.Value("1.1.A.start"), v)
	}
	ts = tableType(ts, " 455")
	tableWantCells(t, tableView(ts, h), "A.", "1 455", "", "")

	// Typed without a space, the number regroups the Norwegian way as it fills.
	ts = tablePress(ts, "tab")
	ts = tableType(ts, "1455")
	tableWantCells(t, tableView(ts, h), "A.", "1 455", "1 455", "0")
	if e.r.Value("1.1.A.slutt") != model.NumberValue(1455) {
		t.Errorf("report holds %+v, want 1455", e.r.Value("1.1.A.slutt"))
	}
}

// TestTableScreenFilledCellIsSelected: a filled cell entered is selected,
// so typing replaces it, as in a spreadsheet; an arrow or End first goes
// into it, to change part of it.
func TestTableScreenFilledCellIsSelected(t *testing.T) {
	ts, e := tableFixture(t, "1.1", 80, 40, "1.1.A.start", "50", "1.1.A.slutt", "20")
	h := tableBodyHeight(40)
	ts = tableType(ts, "7")
	tableWantCells(t, tableView(ts, h), "A.", "7", "20", "-13")
	ts = tablePress(ts, "tab")
	ts = tablePress(ts, "end")
	if got := ts.focused(); got != "1.1.A.slutt" {
		t.Fatalf("end moved to %s", got)
	}
	ts = tableType(ts, "7")
	tableWantCells(t, tableView(ts, h), "A.", "7", "207", "-200")
	ts = tablePress(ts, "shift+tab", "left", "backspace")
	if got := ts.focused(); got != "1.1.A.start" {
		t.Fatalf("left into a selected cell moved to %s", got)
	}
	ts = tableType(ts, "5")
	tableWantCells(t, tableView(ts, h), "A.", "5", "207", "-202")
	// Backspace on a cell just entered empties it.
	ts = tablePress(ts, "tab", "backspace")
	tableWantCells(t, tableView(ts, h), "A.", "5", "", "")
	if got := e.r.Value("1.1.A.slutt"); !got.IsEmpty() {
		t.Errorf("backspace on a selected cell left %+v", got)
	}
	// The status line says so where colour cannot show the selection.
	d := newDriver(t, 80, 24)
	d.put(gjovik(t))
	d.openNewest()
	d.goToSection("1.1")
	if status, _ := footerOf(d.screen()); status != "Skriving erstatter 7 · ←/End: endre i tallet" {
		t.Errorf("status line on a selected cell: %q", status)
	}
}

func TestTableScreenProblemShowsAfterLeaving(t *testing.T) {
	ts, _ := tableFixture(t, "1.1", 80, 24)
	h := tableBodyHeight(24)
	const missing = "Tallet mangler"
	if v := tableView(ts, h); strings.Contains(v, missing) {
		t.Fatalf("a problem shows before the field was left:\n%s", v)
	}
	ts = tablePress(ts, "tab")
	v := tableView(ts, h)
	if !strings.Contains(tableFlat(v), "A. Uten eid eller leid bolig – status behov pr. 01.01.2012: "+missing) {
		t.Errorf("no problem for the field left empty:\n%s", v)
	}
	if cell := strings.Split(tableLine(t, v, "A."), "│")[2]; !strings.HasPrefix(cell, tableProblemMark) {
		t.Errorf("the cell left empty is not marked: %q", cell)
	}

	// A problem stays until the field is left again, then goes.
	ts = tablePress(ts, "shift+tab")
	ts = tableType(ts, "3")
	if v := tableView(ts, h); !strings.Contains(v, missing) {
		t.Errorf("the problem went before the field was left:\n%s", v)
	}
	ts = tablePress(ts, "tab")
	if v := tableView(ts, h); strings.Contains(v, "01.01.2012: "+missing) {
		t.Errorf("the problem stayed after it was fixed:\n%s", v)
	}
}

// tableLine is the first line of the view that starts, after the grid's
// border, with the given text.
func tableLine(t *testing.T, view, start string) string {
	t.Helper()
	for _, line := range strings.Split(view, "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, "│ "+tableFocusMark), start) {
			return line
		}
	}
	t.Fatalf("no line %q in:\n%s", start, view)
	return ""
}

func TestTableScreenNotAvailableNeedsComment(t *testing.T) {
	ts, _ := tableFixture(t, "2.C.1", 80, 24)
	h := tableBodyHeight(24)
	ts = tableType(ts, "x")
	ts = tablePress(ts, "tab")
	v := tableView(ts, h)
	if cell := strings.Split(tableLine(t, v, "Antall fullfinansierte"), "│")[2]; !strings.HasPrefix(cell, tableProblemMark) ||
		strings.TrimSpace(cell[1:]) != "X" {
		t.Errorf("the X left without a comment is not marked:\n%s", v)
	}
	if !strings.Contains(tableFlat(v), "1 annen celle har en mangel") {
		t.Errorf("the problem of the row left is not counted under the grid:\n%s", v)
	}
	// The problem is written out where the fix goes: under the row's comment…
	ts.focusField("2.C.1.fullfinansiert.kommentar")
	v = tableView(ts, h)
	_, comment, _ := strings.Cut(v, tableFocusMark+" Antall fullfinansierte boligkjøp med startlån")
	if !strings.Contains(tableFlat(comment), "Forklar hvorfor i kommentaren") {
		t.Errorf("no problem under the comment of the X:\n%s", v)
	}
	// …and beside the cell, once it has focus again.
	ts.focusField("2.C.1.fullfinansiert.antall")
	if v := tableView(ts, h); !strings.Contains(tableFlat(v), "Antall fullfinansierte boligkjøp med startlån: Tallet er merket som ikke tilgjengelig") {
		t.Errorf("no problem under the grid for the focused X:\n%s", v)
	}
}

func TestTableScreenFinalReportIsReadOnly(t *testing.T) {
	ts, e := tableFixture(t, "1.1", 80, 24, "1.1.A.start", "7", "1.1.A.kommentar", "Tall fra NAV")
	e.r.State = model.Final
	h := tableBodyHeight(24)
	ts = tablePress(ts, "8", "x", "backspace", " ", "enter")
	if got := ts.focused(); got != "1.1.A.slutt" {
		t.Errorf("enter moved focus to %s, want 1.1.A.slutt", got)
	}
	ts = tablePress(ts, "4", "x")
	v := tableView(ts, h)
	tableWantCells(t, v, "A.", "7", "", "")
	// The comment takes no typing either, but its cursor still moves.
	for ts.focused() != "1.1.A.kommentar" {
		ts = tablePress(ts, "tab")
	}
	ts = tablePress(ts, "a", "enter", "backspace", "left", "up")
	for _, k := range []tea.Msg{
		keyPress("ctrl+k"), keyPress("ctrl+u"), keyPress("delete"), keyPress("ctrl+w"),
		keyPress("alt+d"), tea.PasteMsg{Content: "limt"},
	} {
		var cmd tea.Cmd
		if cmd = ts.update(k); cmd != nil {
			t.Errorf("%v on a final report's comment gave a command", k)
		}
	}
	// ctrl+e would open $EDITOR on a text that cannot change.
	if cmd := ts.update(keyPress("ctrl+e")); cmd != nil {
		t.Error("ctrl+e on a final report's comment opens $EDITOR")
	}
	ts.update(textedit.ExternalEditDoneMsg{EditorID: ts.targets[ts.focus].editor.ID(), Text: "Overskrevet"})
	ts.flush()
	if got := e.r.Value("1.1.A.kommentar").Text; got != "Tall fra NAV" {
		t.Errorf("the comment of a final report became %q", got)
	}
	if v := tableView(ts, h); !strings.Contains(v, "Tall fra NAV") {
		t.Errorf("the comment does not show what the report holds:\n%s", v)
	}
	if got := e.r.Value("1.1.A.start"); got != model.NumberValue(7) || e.Dirty() {
		t.Errorf("a final report changed: 1.1.A.start = %+v, dirty = %v", got, e.Dirty())
	}
}

func TestTableScreenFocusOrder(t *testing.T) {
	ts, _ := tableFixture(t, "1.1", 80, 24)
	want := []string{
		"1.1.A.start", "1.1.A.slutt", "1.1.B.start", "1.1.B.slutt", "1.1.C.start", "1.1.C.slutt",
		"1.1.A.kommentar", "1.1.B.kommentar", "1.1.C.kommentar", "1.1.samlet", "1.1.A.start",
	}
	for i, id := range want {
		if got := ts.focused(); got != id {
			t.Fatalf("after %d tabs focused() = %s, want %s", i, got, id)
		}
		ts = tablePress(ts, "tab")
	}
	ts = tablePress(ts, "shift+tab", "shift+tab")
	if got := ts.focused(); got != "1.1.samlet" {
		t.Errorf("shift+tab from the first field went to %s, want 1.1.samlet", got)
	}
}

func TestTableScreenArrowsMoveInTheGrid(t *testing.T) {
	ts, _ := tableFixture(t, "1.1", 80, 24)
	steps := []struct{ key, want string }{
		{"down", "1.1.B.start"},
		{"right", "1.1.B.slutt"},
		{"right", "1.1.B.slutt"}, // Resultat is computed: nothing to go to
		{"down", "1.1.C.slutt"},
		{"down", "1.1.C.slutt"}, // the sum row is computed
		{"up", "1.1.B.slutt"},
		{"left", "1.1.B.start"},
		{"left", "1.1.B.start"},
		{"enter", "1.1.B.slutt"},
		{"up", "1.1.A.slutt"},
	}
	for _, s := range steps {
		ts = tablePress(ts, s.key)
		if got := ts.focused(); got != s.want {
			t.Fatalf("%s: focused() = %s, want %s", s.key, got, s.want)
		}
	}
}

func TestTableScreenCommentsAndTexts(t *testing.T) {
	ts, e := tableFixture(t, "1.1", 80, 24)
	if !ts.focusField("1.1.A.kommentar") {
		t.Fatal("focusField(1.1.A.kommentar) = false")
	}
	ts = tableType(ts, "Usikre tall")
	ts = tablePress(ts, "enter")
	ts = tableType(ts, "fra NAV")
	// The editor holds the text until it is saved or left; the report is
	// marked changed all the same, so a save comes.
	if !e.Dirty() {
		t.Error("typing a comment did not mark the report changed")
	}
	if got := e.r.Value("1.1.A.kommentar").Text; got != "" {
		t.Errorf("the comment went into the report on every key: %q", got)
	}
	ts.flush()
	if got := e.r.Value("1.1.A.kommentar").Text; got != "Usikre tall\nfra NAV" {
		t.Errorf("comment = %q after flush", got)
	}
	// Arrows belong to the text: they do not leave it.
	ts = tablePress(ts, "up", "down", "left", "right")
	if got := ts.focused(); got != "1.1.A.kommentar" {
		t.Errorf("arrows moved focus to %s", got)
	}
	v := tableView(ts, tableBodyHeight(24))
	for _, want := range []string{tableFocusMark + " A. Antall husstander uten eid eller leid bolig", "Usikre tall", "fra NAV"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}

	if ts.focusField("1.1.A.resultat") || ts.focusField("2.A.1") {
		t.Error("focusField took a computed field or one of another screen")
	}
	if !ts.focusField("1.1.samlet") {
		t.Fatal("focusField(1.1.samlet) = false")
	}
	v = tableView(ts, tableBodyHeight(24))
	if !strings.Contains(v, tableFocusMark+" Samlet resultat innenfor 1.1") {
		t.Errorf("the other text of the section is not shown focused:\n%s", v)
	}
}

func TestTableScreenPromptsOfOtherTexts(t *testing.T) {
	ts, _ := tableFixture(t, "2.C.2", 120, 40)
	ts.focusField("2.C.3")
	v := tableView(ts, tableBodyHeight(40))
	for _, want := range []string{
		"C.3 Samlet/helhetlig resultatoppnåelse",
		"• Vurder resultatoppnåelse i lys av mål og strategier i lokalt programarbeid",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
}

func TestTableScreenBlurShowsProblem(t *testing.T) {
	ts, e := tableFixture(t, "1.1", 80, 24)
	ts.blur()
	if e.Problem("1.1.A.start") == "" {
		t.Error("blur did not leave the focused field")
	}
	if v := tableView(ts, tableBodyHeight(24)); !strings.Contains(v, "Tallet mangler") {
		t.Errorf("the problem of the field left by blur does not show:\n%s", v)
	}
	// Coming back focuses the field again, and typing goes in.
	if !ts.focusField("1.1.A.start") {
		t.Fatal("focusField(1.1.A.start) = false")
	}
	ts = tableType(ts, "5")
	if got := e.r.Value("1.1.A.start"); got != model.NumberValue(5) {
		t.Errorf("typing after focusField stored %+v", got)
	}
}

func TestTableScreenPriorityLabelIsEditable(t *testing.T) {
	ts, e := tableFixture(t, "1.1.prioritert", 80, 24)
	h := tableBodyHeight(24)
	if got := ts.focused(); got != "1.1.prioritert.omrade" {
		t.Fatalf("focused() = %s, want the label field first", got)
	}
	ts = tableType(ts, " i sentrum")
	if got := e.r.Value("1.1.prioritert.omrade").Text; got != "Antall barnefamilier med boligbehov i sentrum" {
		t.Errorf("label = %q", got)
	}
	if v := tableView(ts, h); !strings.Contains(v, "i sentrum") {
		t.Errorf("the label being typed does not show:\n%s", v)
	}
	ts = tablePress(ts, "right") // at the end of the text: to the next cell
	if got := ts.focused(); got != "1.1.prioritert.start" {
		t.Fatalf("right at the end of the label went to %s", got)
	}
	ts = tableType(ts, "12")
	ts = tablePress(ts, "tab")
	ts = tableType(ts, "9")
	v := tableView(ts, h)
	tableWantCells(t, v, "Antall barnefamilier", "12", "9", "3")
	if !strings.Contains(v, "Antall barnefamilier med boligbehov i sentrum") {
		t.Errorf("the grid or the comment does not show the new label:\n%s", v)
	}
	if !strings.Contains(v, "pr. 01.01.2013") {
		t.Errorf("the priority row is not for the next year:\n%s", v)
	}
	// The first left goes into the number just entered; then two cells on.
	ts = tablePress(ts, "left", "left", "left", "backspace")
	if got := ts.focused(); got != "1.1.prioritert.omrade" {
		t.Fatalf("left three times from slutt went to %s", got)
	}
	if got := e.r.Value("1.1.prioritert.omrade").Text; got != "Antall barnefamilier med boligbehov i sentru" {
		t.Errorf("backspace in the label left %q", got)
	}
}

func TestTableScreenC1(t *testing.T) {
	ts, _ := tableFixture(t, "2.C.1", 80, 24)
	v := tableView(ts, 200)
	rows := []string{
		"Antall fullfinansierte", "– herav antall med fastrente", "Antall boligkjøp hvor startlån",
		"Antall boligkjøp med startlån og", "Antall startlån som har muliggjort", "Antall tilskudd til tilpasning",
		"Antall bostøttemottakere",
	}
	for _, label := range rows {
		if cells := tableCells(t, v, label); len(cells) != 1 {
			t.Errorf("row %q has %d columns, want 1", label, len(cells))
		}
	}
	grid, comments, _ := strings.Cut(v, "Eventuelle kommentarer")
	if !strings.Contains(grid, "Resultat i") || !strings.Contains(grid, "løpet av året") {
		t.Errorf("the column header is missing:\n%s", grid)
	}
	for _, title := range []string{
		"Antall fullfinansierte boligkjøp med startlån", "– herav antall med fastrente", "Antall bostøttemottakere",
	} {
		if !strings.Contains(comments, title) {
			t.Errorf("no comment titled %q under the grid:\n%s", title, comments)
		}
	}
	ts = tablePress(ts, "5", "0", "tab", "6", "0", "tab")
	const rule = "Herav fastrente (60) kan ikke være større enn fullfinansierte boligkjøp (50)."
	if v := tableView(ts, tableBodyHeight(24)); !strings.Contains(tableFlat(v), "1 annen celle har en mangel") {
		t.Errorf("the broken rule is not counted once the field is left:\n%s", v)
	}
	ts = tablePress(ts, "up")
	if v := tableView(ts, tableBodyHeight(24)); !strings.Contains(tableFlat(v), rule) {
		t.Errorf("the rule's problem does not show beside its field:\n%s", v)
	}
	ts = tablePress(ts, "down", "down", "down", "down", "down", "tab")
	if got := ts.focused(); got != "2.C.1.fullfinansiert.kommentar" {
		t.Errorf("tab from the last cell went to %s, want the first comment", got)
	}
	ts = tablePress(ts, "shift+tab", "up", "up", "up", "up", "up")
	if got := ts.focused(); got != "2.C.1.fastrente.antall" {
		t.Fatalf("up from the last cell went to %s", got)
	}
}

func TestTableScreenFitsTheWindow(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}, {200, 60}} {
		for _, section := range []string{"1.1", "1.1.prioritert", "2.C.1", "2.C.2"} {
			ts, _ := tableFixture(t, section, size.w, size.h)
			h := tableBodyHeight(size.h)
			n := len(ts.targets)
			for i := 0; i <= n; i++ {
				// Type into everything, so problems and long texts take room too.
				ts = tableType(ts, "x")
				ts = tablePress(ts, "tab")
				tableCheckFits(t, ts, size.w, h)
			}
			ts.focusField(ts.targets[n-1].id)
			v := tableCheckFits(t, ts, size.w, h)
			if !strings.Contains(v, tableFocusMark+" "+ts.targets[n-1].title[0]) {
				t.Errorf("%s at %dx%d: the last field is not in sight:\n%s", section, size.w, size.h, v)
			}
		}
	}
}

// tableCheckFits checks the view's size and that the focused element shows.
func tableCheckFits(t *testing.T, ts *tableScreen, width, height int) string {
	t.Helper()
	v := tableView(ts, height)
	lines := strings.Split(v, "\n")
	if len(lines) > height {
		t.Errorf("%s at %d: %d lines for a height of %d", ts.section.ID, width, len(lines), height)
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > width {
			t.Errorf("%s at %d: a line is %d wide: %q", ts.section.ID, width, w, l)
		}
	}
	if !strings.Contains(v, tableFocusMark) {
		t.Errorf("%s at %d: %s, the focused element, is not in sight:\n%s", ts.section.ID, width, ts.focused(), v)
	}
	return v
}

func TestTableScreenSmallWindows(t *testing.T) {
	// Below what the program asks for, the screen degrades but stays inside.
	for _, size := range []struct{ w, h int }{{60, 20}, {40, 12}, {80, 8}} {
		ts, _ := tableFixture(t, "1.1", size.w, size.h)
		for range len(ts.targets) + 1 {
			ts = tablePress(ts, "tab")
			tableCheckFits(t, ts, size.w, tableBodyHeight(size.h))
		}
	}
}

func TestTableScreenFollowsChangesMadeElsewhere(t *testing.T) {
	ts, e := tableFixture(t, "1.1", 80, 24)
	// The general information screen changes the year; an import or
	// another screen changes a number.
	if err := e.Input("info.rapporteringsar", "2013"); err != nil {
		t.Fatal(err)
	}
	if err := e.Input("1.1.B.start", "4"); err != nil {
		t.Fatal(err)
	}
	v := tableView(ts, tableBodyHeight(24))
	if !strings.Contains(v, "pr. 01.01.2013") {
		t.Errorf("the headers still show the old year:\n%s", v)
	}
	tableWantCells(t, v, "B.", "4", "", "")
	ts = tableType(ts, "7")
	tableWantCells(t, tableView(ts, tableBodyHeight(24)), "A.", "7", "", "")
}

func TestTableScreenResize(t *testing.T) {
	ts, _ := tableFixture(t, "1.1", 120, 40)
	ts = tableType(ts, "7")
	ts.c.width, ts.c.height = 80, 24
	ts.setSize()
	v := tableCheckFits(t, ts, 80, tableBodyHeight(24))
	tableWantCells(t, v, "A.", "7", "", "")
}

func TestTableScreenGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("1.1-%dx%d", size.w, size.h), func(t *testing.T) {
			ts, _ := tableFixture(t, "1.1", size.w, size.h,
				"1.1.B.start", "4", "1.1.B.slutt", "11", "1.1.C.start", "23", "1.1.C.slutt", "30")
			ts = tableType(ts, "7")
			ts = tablePress(ts, "tab")
			ts = tableType(ts, "8")
			golden.RequireEqual(t, tableView(ts, tableBodyHeight(size.h)))
		})
	}
	for _, section := range []string{"1.1.prioritert", "2.C.1", "2.C.2"} {
		t.Run(section+"-80x24", func(t *testing.T) {
			ts, _ := tableFixture(t, section, 80, 24)
			golden.RequireEqual(t, tableView(ts, tableBodyHeight(24)))
		})
	}
	// With last year: 2013 carried over from Gjøvik's 2012, 31.12 typed.
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("1.1-lastyear-%dx%d", size.w, size.h), func(t *testing.T) {
			ts, _ := tableFixtureLastYear(t, "1.1", size.w, size.h)
			ts = tablePress(ts, "tab")
			ts = tableType(ts, "10")
			ts = tablePress(ts, "down")
			ts = tableType(ts, "9")
			ts = tablePress(ts, "down")
			ts = tableType(ts, "35")
			golden.RequireEqual(t, tableView(ts, tableBodyHeight(size.h)))
		})
	}
}

func TestTableScreenLastYear(t *testing.T) {
	ts, e := tableFixtureLastYear(t, "1.1", 120, 40)
	h := tableBodyHeight(40)
	v := tableView(ts, h)
	// Last year's 31.12 is this year's 01.01, carried over; both show, so
	// the carry can be seen. No change yet: this year's 31.12 is empty.
	tableWantCells(t, v, "A.", "8", "", "", "8", "")
	tableWantCells(t, v, "B.", "11", "", "", "11", "")
	tableWantCells(t, v, "C.", "30", "", "", "30", "")
	tableWantCells(t, v, "Sum", "49", "", "", "49", "")
	for _, want := range []string{"I fjor", "31.12.2012", "Endring"} {
		if !strings.Contains(v, want) {
			t.Errorf("the header lacks %q:\n%s", want, v)
		}
	}

	// The change follows every key, the sum's too.
	ts = tablePress(ts, "tab")
	ts = tableType(ts, "1")
	tableWantCells(t, tableView(ts, h), "A.", "8", "1", "7", "8", "-7")
	ts = tableType(ts, "0")
	ts = tablePress(ts, "down")
	ts = tableType(ts, "9")
	ts = tablePress(ts, "down")
	ts = tableType(ts, "35")
	v = tableView(ts, h)
	tableWantCells(t, v, "A.", "8", "10", "-2", "8", "+2")
	tableWantCells(t, v, "B.", "11", "9", "2", "11", "-2")
	tableWantCells(t, v, "C.", "30", "35", "-5", "30", "+5")
	tableWantCells(t, v, "Sum", "49", "54", "-5", "49", "+5")

	// No change beside an X, nor beside a sum that has one.
	ts = tableType(ts, "x")
	v = tableView(ts, h)
	tableWantCells(t, v, "C.", "30", "X", "X", "30", "")
	tableWantCells(t, v, "Sum", "49", "X", "X", "49", "")
	// Unchanged is 0, not blank.
	ts = tablePress(ts, "backspace")
	ts = tableType(ts, "30")
	tableWantCells(t, tableView(ts, h), "C.", "30", "30", "0", "30", "0")
	// Last year's figures are shown, never written into this year's.
	if got := e.r.Value("1.1.A.slutt"); got != model.NumberValue(10) {
		t.Errorf("1.1.A.slutt = %+v, want 10", got)
	}
}

func TestTableScreenLastYearC1(t *testing.T) {
	ts, _ := tableFixtureLastYear(t, "2.C.1", 80, 24)
	v := tableView(ts, 200)
	for _, row := range []struct{ label, last string }{
		{"Antall fullfinansierte", "50"},
		{"– herav antall med fastrente", "33"},
		{"Antall boligkjøp hvor startlån", "28"},
		{"Antall boligkjøp med startlån og", "11"},
		{"Antall startlån som har muliggjort", "X"}, // not available last year
		{"Antall tilskudd til tilpasning", "8"},
		{"Antall bostøttemottakere", "1 455"},
	} {
		tableWantCells(t, v, row.label, "", row.last, "")
	}
	ts = tableType(ts, "52")
	tableWantCells(t, tableView(ts, 200), "Antall fullfinansierte", "52", "50", "+2")
	ts.focusField("2.C.1.fra_leie_til_eie.antall")
	ts = tableType(ts, "3")
	tableWantCells(t, tableView(ts, 200), "Antall startlån som har muliggjort", "3", "X", "")
}

func TestTableScreenLastYearFits(t *testing.T) {
	// At 80 columns the grid keeps its numbers whole: Endring goes first,
	// then I fjor, as the labels need the room.
	for _, c := range []struct {
		section      string
		width        int
		last, change bool
	}{
		{"1.1", 80, true, false},
		{"1.1", 120, true, true},
		{"1.1.prioritert", 80, true, false},
		{"2.C.1", 80, true, true},
		{"2.C.2", 80, true, true},
		{"1.1", 60, false, false},
	} {
		ts, _ := tableFixtureLastYear(t, c.section, c.width, 24)
		ts = tableType(ts, "123456")
		v := tableCheckFits(t, ts, c.width, tableBodyHeight(24))
		if strings.Contains(v, "#") {
			t.Errorf("%s at %d: a number does not fit its cell:\n%s", c.section, c.width, v)
		}
		if got := strings.Contains(v, "I fjor"); got != c.last {
			t.Errorf("%s at %d: I fjor shown = %v, want %v:\n%s", c.section, c.width, got, c.last, v)
		}
		if got := strings.Contains(v, "Endring"); got != c.change {
			t.Errorf("%s at %d: Endring shown = %v, want %v:\n%s", c.section, c.width, got, c.change, v)
		}
		for i := 0; i <= len(ts.targets); i++ {
			ts = tablePress(ts, "tab")
			tableCheckFits(t, ts, c.width, tableBodyHeight(24))
		}
	}
}

func TestTableScreenLastYearOnlyForTheSameArea(t *testing.T) {
	ts, _ := tableFixtureLastYear(t, "1.1.prioritert", 120, 40)
	h := tableBodyHeight(40)
	// Gjøvik marked the area X last year; the area is carried over.
	ts = tablePress(ts, "tab")
	tableWantCells(t, tableView(ts, h), "Antall barnefamilier", "", "", "", "X", "")
	// Another area this year: last year's figure was for something else.
	ts = tablePress(ts, "shift+tab")
	ts = tableType(ts, " i sentrum")
	ts = tablePress(ts, "tab")
	tableWantCells(t, tableView(ts, h), "Antall barnefamilier", "", "", "", "", "")
}

// TestTableChangeIsFormatChange: the grid's change, written without
// allocating, reads as the printout's (model.FormatChange).
func TestTableChangeIsFormatChange(t *testing.T) {
	for _, n := range []int64{0, 1, -1, 9, 999, 1000, -1000, 12345, 999999, 1000000, -1234567, 999_999_999_999} {
		want := model.FormatChange(n)
		if got := string(appendChange(nil, n)); got != want {
			t.Errorf("appendChange(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestTableScreenNoLastYear(t *testing.T) {
	ts, _ := tableFixture(t, "1.1", 200, 60)
	if v := tableView(ts, tableBodyHeight(60)); strings.Contains(v, "I fjor") || strings.Contains(v, "Endring") {
		t.Errorf("last year's columns without a last year:\n%s", v)
	}
}

func TestTableScreenCommentGoesInOnLeaving(t *testing.T) {
	ts, e := tableFixture(t, "2.C.1", 80, 24)
	ts.focusField("2.C.1.fullfinansiert.kommentar")
	ts = tableType(ts, "Tall fra NAV")
	if got := e.r.Value("2.C.1.fullfinansiert.kommentar").Text; got != "" {
		t.Errorf("the comment went into the report before it was left: %q", got)
	}
	ts = tablePress(ts, "tab")
	if got := e.r.Value("2.C.1.fullfinansiert.kommentar").Text; got != "Tall fra NAV" {
		t.Errorf("comment = %q after leaving it", got)
	}
	// An X asks for a comment; the one typed is seen when the field is left.
	ts.focusField("2.C.1.fastrente.antall")
	ts = tableType(ts, "x")
	ts.focusField("2.C.1.fastrente.kommentar")
	ts = tableType(ts, "Ikke tilgjengelig hos banken")
	ts = tablePress(ts, "shift+tab")
	if p := e.Problem("2.C.1.fastrente.antall"); p != "" {
		t.Errorf("the X still has a problem once explained: %q", p)
	}
	// blur, as when the screen is left, writes the text too.
	ts.focusField("2.C.1.bostotte.kommentar")
	ts = tableType(ts, "Fra statistikkbanken")
	ts.blur()
	if got := e.r.Value("2.C.1.bostotte.kommentar").Text; got != "Fra statistikkbanken" {
		t.Errorf("comment = %q after blur", got)
	}
}

func TestTableScreenLongCommentShowsItsStartUntilFocused(t *testing.T) {
	var text []string
	for i := 1; i <= 8; i++ {
		text = append(text, fmt.Sprintf("linje %d", i))
	}
	ts, _ := tableFixture(t, "1.1", 80, 60, "1.1.A.kommentar", strings.Join(text, "\n"))
	// Under the grid, the first lines, in the box's three.
	v := tableView(ts, tableBodyHeight(60))
	if !strings.Contains(v, "│ linje 1") || !strings.Contains(v, "│ linje 3") || strings.Contains(v, "linje 4") {
		t.Errorf("the comment does not show its first three lines:\n%s", v)
	}
	// Focused, the end, where typing goes on.
	ts.focusField("1.1.A.kommentar")
	if v := tableView(ts, tableBodyHeight(60)); !strings.Contains(v, "│ linje 8") || strings.Contains(v, "linje 5") {
		t.Errorf("the focused comment does not show its end:\n%s", v)
	}
	// Moving in it scrolls the box.
	ts.update(keyPress("ctrl+home"))
	if v := tableView(ts, tableBodyHeight(60)); !strings.Contains(v, "│ linje 1") || strings.Contains(v, "linje 4") {
		t.Errorf("ctrl+home does not show the start of the comment:\n%s", v)
	}
}

func TestTableScreenCommentFromExternalEditor(t *testing.T) {
	ts, e := tableFixture(t, "1.1", 80, 24)
	ts.focusField("1.1.B.kommentar")
	id := ts.targets[ts.focus].editor.ID()
	ts.update(textedit.ExternalEditDoneMsg{EditorID: id, Text: "Skrevet i vim"})
	if !e.Dirty() {
		t.Error("the text back from $EDITOR did not mark the report changed")
	}
	ts.flush()
	if got := e.r.Value("1.1.B.kommentar").Text; got != "Skrevet i vim" {
		t.Errorf("1.1.B.kommentar = %q", got)
	}
	if got := e.r.Value("1.1.A.kommentar").Text; got != "" {
		t.Errorf("another comment took the text: %q", got)
	}
	if v := tableView(ts, tableBodyHeight(24)); !strings.Contains(v, "Skrevet i vim") {
		t.Errorf("the text back from $EDITOR does not show:\n%s", v)
	}
}

// TestTableCommentIsSaved types a comment in the grid's screen and saves
// with ctrl+s without leaving the field: the save has it.
func TestTableCommentIsSaved(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.newReport()
	d.goToSection("1.1")
	for range 20 {
		if d.report().focused() == "1.1.A.kommentar" {
			break
		}
		d.key("tab")
	}
	if got := d.report().focused(); got != "1.1.A.kommentar" {
		t.Fatalf("focus %s, want 1.1.A.kommentar", got)
	}
	d.typeText("Usikre tall")
	d.key("enter")
	d.paste("fra NAV")
	d.key("ctrl+s")
	d.settle()
	got, _, err := store.GetReport(d.st, d.report().e.r.ID, model.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	if c := got.Value("1.1.A.kommentar").Text; c != "Usikre tall\nfra NAV" {
		t.Errorf("saved comment = %q", c)
	}
}

// benchmarkTableKeystroke measures what one digit typed into a cell of the
// 1.1 screen costs: the update, with the report recomputed, and the frame.
func benchmarkTableKeystroke(b *testing.B, width, height int, lastYear bool) {
	// In colour, as a user sees it (Lip Gloss renders every colour; the
	// terminal's profile is applied as the frame is written).
	ts, _ := tableFixture(b, "1.1", width, height)
	if lastYear {
		ts, _ = tableFixtureLastYear(b, "1.1", width, height)
		ts = tablePress(ts, "tab") // to 31.12, the column compared
	}
	digit := keyPress("7")
	backspace := keyPress("backspace")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// Alternating keeps the cell short, so every round does the same work.
		msg := digit
		if i%2 == 1 {
			msg = backspace
		}
		ts.update(msg)
		_ = ts.view(height - 4)
	}
}

func BenchmarkTableKeystroke80x24(b *testing.B)  { benchmarkTableKeystroke(b, 80, 24, false) }
func BenchmarkTableKeystroke200x60(b *testing.B) { benchmarkTableKeystroke(b, 200, 60, false) }

// With last year beside it, each key also works out the row's and the
// sum's change.
func BenchmarkTableKeystrokeLastYear80x24(b *testing.B)  { benchmarkTableKeystroke(b, 80, 24, true) }
func BenchmarkTableKeystrokeLastYear200x60(b *testing.B) { benchmarkTableKeystroke(b, 200, 60, true) }

// BenchmarkTableKeystrokeComment types into a 20 KB comment under the
// grid: the editor holds it, so a key costs what is on screen.
func BenchmarkTableKeystrokeComment80x24(b *testing.B) {
	long := strings.Repeat("Tallene er hentet fra søknader om kommunal bolig, og de er usikre. ", 300)
	ts, _ := tableFixture(b, "1.1", 80, 24, "1.1.A.kommentar", long)
	ts.focusField("1.1.A.kommentar")
	keys := []tea.KeyMsg{keyPress("7"), keyPress("backspace")}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ts.update(keys[i%2])
		_ = ts.view(tableBodyHeight(24))
		i++
	}
}

// BenchmarkKeystrokeGridLastYear is BenchmarkKeystrokeGrid (the whole
// program: header, grid, footer) with last year's report beside this
// year's, carried over from it.
func BenchmarkKeystrokeGridLastYear80x24(b *testing.B) { benchKeystrokes(b, benchLastYear(b, 80, 24)) }
func BenchmarkKeystrokeGridLastYear200x60(b *testing.B) {
	benchKeystrokes(b, benchLastYear(b, 200, 60))
}

func benchLastYear(b *testing.B, width, height int) Model {
	m := benchReport(b, "1.1", width, height)
	prev := m.report.e.r
	r := model.CarryOverFrom(prev, reportNow)
	// 31.12 answered, as in BenchmarkKeystrokeGrid: a key that made it
	// empty would redraw the header's count of answers, every other key.
	for id, v := range map[string]string{"1.1.A.slutt": "10", "1.1.B.slutt": "9", "1.1.C.slutt": "35"} {
		if err := r.Input(id, v); err != nil {
			b.Fatal(err)
		}
	}
	rs, _ := newReportScreen(m.c, r, prev, 1, "1.1/1.1.A.slutt")
	m.report = rs
	return benchIntoCell(m)
}

// TestTextsGoOnAtTheEndOnComingBack: a text that already has words is
// entered with the cursor after them, on every screen with a table, so
// what is typed on coming back (resume, pgdn/pgup, ctrl+g) follows them.
func TestTextsGoOnAtTheEndOnComingBack(t *testing.T) {
	fields := []struct{ section, id string }{
		{"1.1", "1.1.A.kommentar"}, {"1.1", "1.1.samlet"},
		{"1.1.prioritert", "1.1.prioritert.kommentar"},
		{"2.C.1", "2.C.1.fastrente.kommentar"},
		{"2.C.2", "2.C.2.boliger.kommentar"}, {"2.C.2", "2.C.3"},
	}
	for _, f := range fields {
		t.Run(f.id, func(t *testing.T) {
			d := newDriver(t, 80, 24)
			d.put(gjovik(t))
			d.openNewest()
			tabTo := func() {
				d.t.Helper()
				d.goToSection(f.section)
				for range 40 {
					if d.report().focused() == f.id {
						return
					}
					d.key("tab")
				}
				t.Fatalf("tab never reached %s", f.id)
			}
			tabTo()
			before := d.report().e.r.Value(f.id).Text
			d.typeText(" Andre.")
			// Away and back again: the screen is built anew.
			d.key("pgdown")
			d.key("pgup")
			tabTo()
			d.typeText(" Tredje.")
			d.key("tab")
			if got, want := d.report().e.r.Value(f.id).Text, before+" Andre. Tredje."; got != want {
				t.Errorf("%s = %q, want %q", f.id, clipText(got), clipText(want))
			}
		})
	}
}

// TestTableScreenSaysWhatIsBelow: at 80×24 the texts under the 1.1 grid are
// out of sight; the last line counts them, and tab scrolls each into view.
func TestTableScreenSaysWhatIsBelow(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.put(gjovik(t))
	d.openNewest()
	d.goToSection("1.1")
	d.requireScreen("↓ 4 felt til under tabellen")
	for range 6 {
		d.key("tab")
	}
	d.requireScreen(tableFocusMark + " A. Antall husstander uten eid eller leid bolig")
	for range 3 {
		d.key("tab")
	}
	d.requireScreen(tableFocusMark + " Samlet resultat innenfor 1.1")
	if strings.Contains(d.screen(), "felt til under tabellen") {
		t.Errorf("the last text in sight, the screen still says there is more:\n%s", d.screen())
	}
}

// TestTableScreenPriorityLabelKeepsItsFirstWord: at 80 columns the label
// being typed wraps in its column rather than scroll its start away.
func TestTableScreenPriorityLabelKeepsItsFirstWord(t *testing.T) {
	ts, e := tableFixture(t, "1.1.prioritert", 80, 24)
	h := tableBodyHeight(24)
	v := tableView(ts, h)
	if !strings.Contains(v, tableFocusMark+" Antall barnefamilier med") || !strings.Contains(v, "│   boligbehov ") {
		t.Fatalf("the focused label lost its start:\n%s", v)
	}
	ts = tableType(ts, " i sentrum av byen og i bygdene rundt")
	v = tableView(ts, h)
	if !strings.Contains(v, tableFocusMark+" Antall barnefamilier med") || !strings.Contains(tableFlat(v), "i bygdene rundt") {
		t.Errorf("typing on, the label lost its start or its end:\n%s", v)
	}
	tableCheckFits(t, ts, 80, 24)
	// Typed in the middle, where the cursor is.
	for range len("rundt") {
		ts = tablePress(ts, "left")
	}
	ts = tableType(ts, "X")
	if got := e.r.Value("1.1.prioritert.omrade").Text; !strings.HasSuffix(got, "bygdene Xrundt") {
		t.Errorf("label = %q", got)
	}
}
