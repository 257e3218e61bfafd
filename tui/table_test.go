package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"boso/model"
)

// tableNow is a fixed clock, so the fixture never depends on when tests run.
var tableNow = time.Date(2013, 1, 10, 9, 0, 0, 0, time.UTC)

// tableFixture is a report for 2012, with the answers given typed in, and
// the table screen of one of its sections in a window of the given size.
func tableFixture(tb testing.TB, sectionID string, width, height int, answers ...string) (tableScreen, *editing) {
	tb.Helper()
	tmpl, ok := model.Builtin().Lookup(model.DefaultTemplateID)
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
	c := &common{width: width, height: height, styles: DefaultStyles(), keys: DefaultKeyMap(),
		reg: model.Builtin(), now: func() time.Time { return tableNow }}
	e := newEditing(r, nil, c.now)
	for _, s := range tmpl.Sections {
		if s.ID == sectionID {
			return newTableScreen(c, e, s), e
		}
	}
	tb.Fatalf("no section %s", sectionID)
	return tableScreen{}, nil
}

// tableKey is one key press, as Bubble Tea delivers it.
func tableKey(name string) tea.KeyMsg {
	switch name {
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case " ":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

// tableType sends each rune of s as its own key press.
func tableType(ts tableScreen, s string) tableScreen {
	for _, r := range s {
		ts, _ = ts.update(tableKey(string(r)))
	}
	return ts
}

func tablePress(ts tableScreen, keys ...string) tableScreen {
	for _, k := range keys {
		ts, _ = ts.update(tableKey(k))
	}
	return ts
}

func tableView(ts tableScreen, height int) string { return ansi.Strip(ts.view(height)) }

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
	if !e.dirty {
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

func TestTableScreenNumberCellsTakeDigitsOnly(t *testing.T) {
	ts, e := tableFixture(t, "1.1", 80, 24)
	h := tableBodyHeight(24)
	for _, k := range []string{"-", "a", "Q", " ", "æ", "+"} {
		ts = tableType(ts, k)
		tableWantCells(t, tableView(ts, h), "A.", "", "", "")
	}
	if e.dirty {
		t.Error("ignored keys marked the report dirty")
	}
	ts = tableType(ts, "1 4-a55")
	tableWantCells(t, tableView(ts, h), "A.", "1 455", "", "")
	ts = tableType(ts, "  ")
	tableWantCells(t, tableView(ts, h), "A.", "1 455", "", "")
	if got := e.r.Value("1.1.A.start"); got != model.NumberValue(1455) {
		t.Errorf("report holds %+v, want 1455", got)
	}

	// Typed without a space, the number shows the Norwegian way once left.
	ts = tablePress(ts, "tab")
	ts = tableType(ts, "1455")
	tableWantCells(t, tableView(ts, h), "A.", "1 455", "1455", "0")
	ts = tablePress(ts, "tab")
	tableWantCells(t, tableView(ts, h), "A.", "1 455", "1 455", "0")

	// A pasted word is refused whole; pasted digits go in.
	ts = tablePress(ts, "shift+tab", "backspace", "backspace", "backspace", "backspace", "backspace")
	ts, _ = ts.update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("12 tusen"), Paste: true})
	tableWantCells(t, tableView(ts, h), "A.", "1 455", "12", "1 443")
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
	if !strings.Contains(tableFlat(v), "Status behov pr. 01.01.2012: "+missing) {
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
	if v := tableView(ts, h); !strings.Contains(tableFlat(v), "Resultat i løpet av året: Tallet er merket som ikke tilgjengelig") {
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
	if got := e.r.Value("1.1.A.kommentar").Text; got != "Tall fra NAV" {
		t.Errorf("the comment of a final report became %q", got)
	}
	if got := e.r.Value("1.1.A.start"); got != model.NumberValue(7) || e.dirty {
		t.Errorf("a final report changed: 1.1.A.start = %+v, dirty = %v", got, e.dirty)
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
	if got := e.r.Value("1.1.A.kommentar").Text; got != "Usikre tall\nfra NAV" {
		t.Errorf("comment = %q", got)
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
	if e.problem("1.1.A.start") == "" {
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
	ts = tablePress(ts, "left", "left", "backspace")
	if got := ts.focused(); got != "1.1.prioritert.omrade" {
		t.Fatalf("left twice from slutt went to %s", got)
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
func tableCheckFits(t *testing.T, ts tableScreen, width, height int) string {
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
	if err := e.input("info.rapporteringsar", "2013"); err != nil {
		t.Fatal(err)
	}
	if err := e.input("1.1.B.start", "4"); err != nil {
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
}

// benchmarkTableKeystroke measures what one digit typed into a cell of the
// 1.1 screen costs: the update, with the report recomputed, and the frame.
func benchmarkTableKeystroke(b *testing.B, width, height int) {
	// In colour, as a user sees it: escape codes make the frame longer.
	profile, dark := lipgloss.ColorProfile(), lipgloss.HasDarkBackground()
	lipgloss.SetColorProfile(termenv.TrueColor)
	lipgloss.SetHasDarkBackground(true)
	b.Cleanup(func() {
		lipgloss.SetColorProfile(profile)
		lipgloss.SetHasDarkBackground(dark)
	})
	ts, _ := tableFixture(b, "1.1", width, height)
	digit := tableKey("7")
	backspace := tableKey("backspace")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// Alternating keeps the cell short, so every round does the same work.
		msg := digit
		if i%2 == 1 {
			msg = backspace
		}
		ts, _ = ts.update(msg)
		_ = ts.view(height - 4)
	}
}

func BenchmarkTableKeystroke80x24(b *testing.B)  { benchmarkTableKeystroke(b, 80, 24) }
func BenchmarkTableKeystroke200x60(b *testing.B) { benchmarkTableKeystroke(b, 200, 60) }
