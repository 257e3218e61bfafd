package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

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
	d.onlyCursor()
	d.key("left")
	d.cursorAfter("> Kari Nordman")
	d.onlyCursor()

	// A cell of the grid, and a comment under it.
	d.goToSection("1.1")
	d.typeText("4321")
	d.cursorAfter("4 321")
	d.onlyCursor()
	d.report().page.focusField("1.1.A.kommentar")
	d.typeText("Usikre tall")
	d.cursorAfter("Usikre tall")
	d.onlyCursor()

	// The label of a row the report names.
	d.goToSection("1.1.prioritert")
	d.key("ctrl+u")
	d.typeText("Barn i bolig")
	d.cursorAfter("Barn i bolig")
	d.onlyCursor()

	// A long answer.
	d.goToSection("1.2")
	d.typeText("Vi har fått til mye")
	d.cursorAfter("Vi har fått til mye")
	d.key("home")
	d.cursorBefore("Vi har fått til mye")
	d.onlyCursor()

	// The help takes every key: no field shows, nor a cursor.
	d.key("f1")
	if c := d.m.View().Cursor; c != nil {
		t.Errorf("the cursor shows over the help, at %v", c.Position)
	}
}

// onlyCursor checks that the cell under the terminal's cursor is not drawn
// in reverse video: a second, painted cursor under the real one would
// hide it (a block cursor over a reversed cell shows as no cursor).
func (d *driver) onlyCursor() {
	d.t.Helper()
	v := d.m.View()
	if v.Cursor == nil {
		d.t.Fatal("no cursor on the screen")
	}
	lines := strings.Split(v.Content, "\n")
	if reversedAt(lines[v.Cursor.Position.Y], v.Cursor.Position.X) {
		d.t.Errorf("a painted cursor lies under the terminal's at %v:\n%q", v.Cursor.Position, lines[v.Cursor.Position.Y])
	}
}

// reversedAt tells whether the cell at column x of a styled line is drawn
// in reverse video.
func reversedAt(line string, x int) bool { return lookAt(line, x).reverse }

// cellLook is how a cell of the screen is drawn: in reverse video, and
// the SGR parameter of its foreground colour (0: the terminal's own).
type cellLook struct {
	reverse    bool
	foreground int
}

// lookAt is the look of the cell at column x of a styled line.
func lookAt(line string, x int) cellLook {
	p := ansi.GetParser()
	defer ansi.PutParser(p)
	var state byte
	var look cellLook
	col := 0
	for line != "" {
		seq, width, n, newState := ansi.DecodeSequence(line, state, p)
		state = newState
		switch {
		case ansi.HasCsiPrefix(seq) && p.Command() == 'm':
			if len(p.Params()) == 0 {
				look = cellLook{}
			}
			for i := 0; i < len(p.Params()); i++ {
				switch v := p.Params()[i].Param(0); {
				case v == 0:
					look = cellLook{}
				case v == 7:
					look.reverse = true
				case v == 27:
					look.reverse = false
				case v == 39:
					look.foreground = 0
				case 30 <= v && v <= 37, 90 <= v && v <= 97:
					look.foreground = v
				case v == 38:
					// 38;5;n or 38;2;r;g;b: the rest are its arguments.
					look.foreground = v
					if i+1 < len(p.Params()) && p.Params()[i+1].Param(0) == 5 {
						i += 2
					} else {
						i += 4
					}
				}
			}
		case width > 0:
			if col <= x && x < col+width {
				return look
			}
			col += width
		}
		line = line[n:]
	}
	return cellLook{}
}

// huh draws its cursor in reverse video, in the colours of its theme: the
// mark takes the place of the style that reverses, and colours whose
// numbers hold a 7 are not taken for it.
func TestHuhCursorMark(t *testing.T) {
	for _, tt := range []struct{ name, view, want string }{
		{"reverse alone", "> Kari\x1b[7m \x1b[m", "> Kari" + cursorMark + " \x1b[m"},
		{"reverse with a colour", "> K\x1b[38;5;212;7ma\x1b[m", "> K" + cursorMark + "a\x1b[m"},
		{"colours with a 7", "\x1b[38;2;7;7;7m┃\x1b[m \x1b[48;5;7m>\x1b[m Kari\x1b[7m \x1b[m",
			"\x1b[38;2;7;7;7m┃\x1b[m \x1b[48;5;7m>\x1b[m Kari" + cursorMark + " \x1b[m"},
		{"no cursor", "\x1b[1mTittel\x1b[m", "\x1b[1mTittel\x1b[m"},
	} {
		if got := huhCursorMark(tt.view); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// A dialog's input keeps its cursor in the box: a text longer than the box
// shows the part that ends at the cursor, which has a cell after the text.
func TestInputViewKeepsTheCursorInTheBox(t *testing.T) {
	in := newLineInput()
	in.Focus()
	in.SetValue("blåbærsyltetøy")
	for _, tt := range []struct {
		pos, width int
		want       string
	}{
		{3, 20, "blå" + cursorMark + "bærsyltetøy       "},
		{14, 20, "blåbærsyltetøy" + cursorMark + "       "},
		{14, 8, "syltetøy" + cursorMark + " "},
		{10, 8, "åbærsylt" + cursorMark + "e"},
		{0, 8, cursorMark + "blåbærsyl"},
	} {
		in.SetCursor(tt.pos)
		if got := inputView(in, tt.width); got != tt.want {
			t.Errorf("cursor at %d in %d cells: %q, want %q", tt.pos, tt.width, got, tt.want)
		}
	}
	in.Blur()
	if got := inputView(in, 8); got != "blåbærsyl" {
		t.Errorf("without the focus: %q", got)
	}
}
