package tui

import (
	"image/color"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The terminal's own cursor stands where the user types, in every kind of
// field, so that screen magnifiers and screen readers follow it. A field
// writes cursorMark into the frame where its cursor is; the root's View
// finds it and places the cursor there. The mark goes through every layer
// that puts the frame together (styles, clipping, truncating) without
// anyone counting its position: it is a control sequence, of no width,
// which no terminal acts on and which Bubble Tea drops as it draws.
const cursorMark = "\x1b[>1z"

// cursorAt is the terminal's cursor for a frame: where its first
// cursorMark is, or none (hidden) when it has none.
func cursorAt(frame string) *tea.Cursor {
	i := strings.Index(frame, cursorMark)
	if i < 0 {
		return nil
	}
	start := strings.LastIndexByte(frame[:i], '\n') + 1
	return tea.NewCursor(textWidth(frame[start:i]), strings.Count(frame[:start], "\n"))
}

// withoutCursor is a frame whose fields do not take keys now (a question
// is asked): its cursor is hidden.
func withoutCursor(frame string) string {
	return strings.Replace(frame, cursorMark, "", 1)
}

// inputView draws a one-line input as bubbles does, width cells of text
// and one more for the cursor after it, with cursorMark at its cursor while
// it has the focus. A text too long for the box shows the part that ends
// at the cursor. (bubbles' own view scrolls too, but its Cursor does not
// follow the scrolling.)
func inputView(in textinput.Model, width int) string {
	rs := []rune(in.Value())
	pos := min(in.Position(), len(rs))
	from := 0
	if in.Focused() {
		for w := ansi.StringWidth(string(rs[:pos])); from < pos && w > width; from++ {
			w -= ansi.StringWidth(string(rs[from]))
		}
	}
	var b strings.Builder
	b.WriteString(string(rs[from:pos]))
	if in.Focused() {
		b.WriteString(cursorMark)
	}
	b.WriteString(string(rs[pos:]))
	v := ansi.Truncate(b.String(), width+1, "")
	return v + strings.Repeat(" ", max(width+1-ansi.StringWidth(v), 0))
}

// huhCursorMark puts cursorMark where a huh form draws its cursor. huh
// draws it with reverse video only (bubbles' virtual cursor), and nothing
// else in our forms is reversed: the mark takes the place of the first
// style that reverses, so that the terminal's cursor is the only one (a
// block cursor over a reversed cell shows as no cursor at all).
func huhCursorMark(view string) string {
	p := ansi.GetParser()
	defer ansi.PutParser(p)
	var state byte
	for i := 0; i < len(view); {
		seq, _, n, newState := ansi.DecodeSequence(view[i:], state, p)
		state = newState
		if ansi.HasCsiPrefix(seq) && p.Command() == 'm' && sgrReverses(p.Params()) {
			return view[:i] + cursorMark + view[i+n:]
		}
		i += n
	}
	return view
}

// sgrReverses reports whether an SGR sequence's parameters turn on reverse
// video (7), not counting the numbers of a colour (38;2;7;7;7).
func sgrReverses(params ansi.Params) bool {
	for i := 0; i < len(params); i++ {
		switch params[i].Param(0) {
		case 7:
			return true
		case 38, 48, 58:
			var c color.Color
			i += max(ansi.ReadStyleColor(params[i:], &c), 1) - 1
		}
	}
	return false
}
