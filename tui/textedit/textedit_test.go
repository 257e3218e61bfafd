package textedit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"boso/tui/internal/keypress"
)

// testCursorOn and testCursorOff draw the cursor in reverse video, as an
// editor with a cursor of its own would.
const (
	testCursorOn  = "\x1b[7m"
	testCursorOff = "\x1b[27m"
)

// editorCursorMark shows where the cursor is in the texts of these tests.
const editorCursorMark = "|"

// editorWith returns a focused editor holding marked's text, with the
// cursor where marked has editorCursorMark (at the end when it has none).
func editorWith(tb testing.TB, marked string, width, height int) Model {
	tb.Helper()
	e := New(testCursorOn, testCursorOff)
	e.SetSize(width, height)
	e.SetValue(strings.Replace(marked, editorCursorMark, "", 1))
	if at := strings.Index(marked, editorCursorMark); at >= 0 {
		e.cursor = e.posOfByte(at)
		e.top = e.topPos(e.scrolledTop())
	}
	e.Focus()
	return e
}

// posOfByte turns a byte offset in Value into a position.
func (t Model) posOfByte(off int) textPos {
	for i, p := range t.paras {
		if off <= p.size() {
			return textPos{i, off}
		}
		off -= p.size() + 1
	}
	return t.end()
}

// cursorByte is the cursor as a byte offset in Value.
func (t Model) cursorByte() int {
	off := t.cursor.off
	for _, p := range t.paras[:t.cursor.para] {
		off += p.size() + 1
	}
	return off
}

// editorMarked is the editor's text with editorCursorMark at the cursor.
func editorMarked(e Model) string {
	v := e.Value()
	at := e.cursorByte()
	return v[:at] + editorCursorMark + v[at:]
}

// editorShown is the view as text, the cursor's cell in brackets.
func editorShown(e Model) string {
	return ansi.Strip(strings.NewReplacer(e.cursorOn, "[", e.cursorOff, "]").Replace(e.View()))
}

// keyPress and keyText are the keys a terminal delivers, built from Bubble
// Tea's names and from typed text.
var keyPress, keyText = keypress.Named, keypress.Typed

// editorPasted is s pasted where the terminal brackets a paste.
func editorPasted(s string) tea.PasteMsg { return tea.PasteMsg{Content: s} }

func editorSend(e Model, msgs ...tea.Msg) Model {
	for _, msg := range msgs {
		e, _ = e.Update(msg)
	}
	return e
}

func TestEditorKeys(t *testing.T) {
	tests := []struct {
		name  string
		text  string // editorCursorMark marks the cursor
		width int    // 20 unless set
		keys  []tea.Msg
		want  string
		edits int // how much Version must grow
	}{
		{name: "type in the middle", text: "ab|c", keys: []tea.Msg{keyText("x")}, want: "abx|c", edits: 1},
		{name: "type æøå", text: "|", keys: []tea.Msg{keyText("æ"), keyText("ø"), keyText("å")}, want: "æøå|", edits: 3},
		{name: "space", text: "a|b", keys: []tea.Msg{keyPress("space")}, want: "a |b", edits: 1},
		{name: "type a combining accent after its letter", text: "e|x", keys: []tea.Msg{keyText("\u0301")}, want: "e\u0301|x", edits: 1},
		{name: "type a letter before a lone accent", text: "|\u0301x", keys: []tea.Msg{keyText("e")}, want: "e\u0301|x", edits: 1},
		{name: "type emoji and CJK", text: "a|", keys: []tea.Msg{keyText("🙂"), keyText("中")}, want: "a🙂中|", edits: 2},

		{name: "backspace æ", text: "hæ|l", keys: []tea.Msg{keyPress("backspace")}, want: "h|l", edits: 1},
		{name: "backspace emoji", text: "a🙂|b", keys: []tea.Msg{keyPress("backspace")}, want: "a|b", edits: 1},
		{name: "backspace a letter with its accent", text: "ae\u0301|b", keys: []tea.Msg{keyPress("backspace")}, want: "a|b", edits: 1},
		{name: "backspace a flag", text: "x🇳🇴|", keys: []tea.Msg{keyPress("backspace")}, want: "x|", edits: 1},
		{name: "backspace a family emoji", text: "👩\u200d👩\u200d👧|", keys: []tea.Msg{keyPress("backspace")}, want: "|", edits: 1},
		{name: "ctrl+h is backspace", text: "ab|", keys: []tea.Msg{keyPress("ctrl+h")}, want: "a|", edits: 1},
		{name: "backspace at the start changes nothing", text: "|abc", keys: []tea.Msg{keyPress("backspace")}, want: "|abc"},
		{name: "backspace at a paragraph start joins it to the one before", text: "ab\n|cd", keys: []tea.Msg{keyPress("backspace")}, want: "ab|cd", edits: 1},
		{name: "backspace joins an empty paragraph", text: "ab\n\n|", keys: []tea.Msg{keyPress("backspace"), keyPress("backspace")}, want: "ab|", edits: 2},
		{name: "backspace a tab that kept an accent apart", text: "a\t|\u0301b", keys: []tea.Msg{keyPress("backspace")}, want: "a\u0301|b", edits: 1},

		{name: "delete CJK", text: "|中文", keys: []tea.Msg{keyPress("delete")}, want: "|文", edits: 1},
		{name: "delete a letter with its accent", text: "a|e\u0301b", keys: []tea.Msg{keyPress("delete")}, want: "a|b", edits: 1},
		{name: "ctrl+d is delete", text: "|ab", keys: []tea.Msg{keyPress("ctrl+d")}, want: "|b", edits: 1},
		{name: "delete at a paragraph end joins the next", text: "ab|\ncd", keys: []tea.Msg{keyPress("delete")}, want: "ab|cd", edits: 1},
		{name: "delete at the end changes nothing", text: "abc|", keys: []tea.Msg{keyPress("delete")}, want: "abc|"},

		{name: "enter splits a paragraph", text: "ab|cd", keys: []tea.Msg{keyPress("enter")}, want: "ab\n|cd", edits: 1},
		{name: "enter at the start", text: "|ab", keys: []tea.Msg{keyPress("enter")}, want: "\n|ab", edits: 1},
		{name: "enter at the end", text: "ab|", keys: []tea.Msg{keyPress("enter"), keyText("c")}, want: "ab\nc|", edits: 2},

		{name: "left over an accent", text: "ae\u0301|", keys: []tea.Msg{keyPress("left")}, want: "a|e\u0301"},
		{name: "left over emoji", text: "a🙂|", keys: []tea.Msg{keyPress("left")}, want: "a|🙂"},
		{name: "left at a paragraph start", text: "ab\n|cd", keys: []tea.Msg{keyPress("left")}, want: "ab|\ncd"},
		{name: "left at the start", text: "|ab", keys: []tea.Msg{keyPress("left")}, want: "|ab"},
		{name: "right over CJK", text: "|中文", keys: []tea.Msg{keyPress("right")}, want: "中|文"},
		{name: "right at a paragraph end", text: "ab|\ncd", keys: []tea.Msg{keyPress("right")}, want: "ab\n|cd"},
		{name: "right at the end", text: "ab|", keys: []tea.Msg{keyPress("right")}, want: "ab|"},
		{name: "ctrl+b and ctrl+f", text: "a|b", keys: []tea.Msg{keyPress("ctrl+b"), keyPress("ctrl+f"), keyPress("ctrl+f")}, want: "ab|"},

		{name: "ctrl+home", text: "ab\ncd|", keys: []tea.Msg{keyPress("ctrl+home")}, want: "|ab\ncd"},
		{name: "ctrl+end", text: "|ab\ncd", keys: []tea.Msg{keyPress("ctrl+end")}, want: "ab\ncd|"},
		{name: "alt+<", text: "a|b\ncd", keys: []tea.Msg{keyPress("alt+<")}, want: "|ab\ncd"},
		{name: "alt+>", text: "a|b\ncd", keys: []tea.Msg{keyPress("alt+>")}, want: "ab\ncd|"},

		// At width 10 lines are broken at 9 cells: "aaaa bbbb " (the space
		// hangs) and "cccc dddd".
		{name: "home goes to the start of the visual line", text: "aaaa bbbb cc|cc dddd", width: 10, keys: []tea.Msg{keyPress("home")}, want: "aaaa bbbb |cccc dddd"},
		{name: "end on a wrapped line stops on its last space", text: "aa|aa bbbb cccc dddd", width: 10, keys: []tea.Msg{keyPress("end")}, want: "aaaa bbbb| cccc dddd"},
		{name: "end on the last line goes to the paragraph end", text: "aaaa bbbb cc|cc dddd\nx", width: 10, keys: []tea.Msg{keyPress("end")}, want: "aaaa bbbb cccc dddd|\nx"},
		{name: "ctrl+a is home", text: "ab|c", keys: []tea.Msg{keyPress("ctrl+a")}, want: "|abc"},

		{name: "up keeps the column", text: "aaaa bbbb cc|cc dddd", width: 10, keys: []tea.Msg{keyPress("up")}, want: "aa|aa bbbb cccc dddd"},
		{name: "down keeps the column", text: "aaaa bb|bb cccc dddd", width: 10, keys: []tea.Msg{keyPress("down")}, want: "aaaa bbbb cccc dd|dd"},
		{name: "down across a short paragraph and back to the column", text: "abcdef|gh\nab\nabcdefgh", keys: []tea.Msg{keyPress("down"), keyPress("down")}, want: "abcdefgh\nab\nabcdef|gh"},
		{name: "down to a short paragraph stops at its end", text: "abcdef|gh\nab\nabcdefgh", keys: []tea.Msg{keyPress("down")}, want: "abcdefgh\nab|\nabcdefgh"},
		{name: "up on the first line goes to the start", text: "ab|c\ndef", keys: []tea.Msg{keyPress("up")}, want: "|abc\ndef"},
		{name: "down on the last line goes to the end", text: "abc\nd|ef", keys: []tea.Msg{keyPress("down")}, want: "abc\ndef|"},
		{name: "down onto double-width characters", text: "abc|d\n中中中", keys: []tea.Msg{keyPress("down")}, want: "abcd\n中|中中"},
		{name: "up from double-width characters", text: "abcdef\n中中|中", keys: []tea.Msg{keyPress("up")}, want: "abcd|ef\n中中中"},
		{name: "ctrl+p and ctrl+n", text: "ab\nc|d", keys: []tea.Msg{keyPress("ctrl+p"), keyPress("ctrl+n")}, want: "ab\nc|d"},

		{name: "ctrl+k deletes to the paragraph end", text: "ab|cd\nef", keys: []tea.Msg{keyPress("ctrl+k")}, want: "ab|\nef", edits: 1},
		{name: "ctrl+k at a paragraph end changes nothing", text: "ab|\nef", keys: []tea.Msg{keyPress("ctrl+k")}, want: "ab|\nef"},
		{name: "ctrl+u deletes to the paragraph start", text: "ab\ncd|ef", keys: []tea.Msg{keyPress("ctrl+u")}, want: "ab\n|ef", edits: 1},
		{name: "ctrl+w deletes the word before", text: "to ord|", keys: []tea.Msg{keyPress("ctrl+w")}, want: "to |", edits: 1},
		{name: "alt+backspace deletes the word before", text: "to ord  |x", keys: []tea.Msg{keyPress("alt+backspace")}, want: "to |x", edits: 1},
		{name: "alt+delete deletes the word after", text: "to| ord x", keys: []tea.Msg{keyPress("alt+delete")}, want: "to| x", edits: 1},
		{name: "alt+d deletes the word after", text: "|to ord", keys: []tea.Msg{keyPress("alt+d")}, want: "| ord", edits: 1},

		{name: "tab is left to the screen", text: "a|", keys: []tea.Msg{keyPress("tab"), keyPress("shift+tab")}, want: "a|"},
		{name: "page keys are left to the screen", text: "a\nb|", keys: []tea.Msg{keyPress("pgup"), keyPress("pgdown")}, want: "a\nb|"},
		{name: "other alt keys are ignored", text: "a|", keys: []tea.Msg{keyPress("alt+x")}, want: "a|"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			width := tt.width
			if width == 0 {
				width = 20
			}
			e := editorWith(t, tt.text, width, 5)
			before := e.Version()
			e = editorSend(e, tt.keys...)
			if got := editorMarked(e); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if got := e.Version() - before; got != tt.edits {
				t.Errorf("Version grew by %d, want %d", got, tt.edits)
			}
			if got, want := e.Len(), utf8.RuneCountInString(e.Value()); got != want {
				t.Errorf("Len() = %d, want %d", got, want)
			}
		})
	}
}

func TestEditorUnhandledKeysReturnNoCommand(t *testing.T) {
	e := editorWith(t, "a|", 20, 5)
	for _, k := range []string{"tab", "shift+tab", "pgup", "pgdown", "esc"} {
		if _, cmd := e.Update(keyPress(k)); cmd != nil {
			t.Errorf("%v returned a command", k)
		}
	}
}

func TestEditorWordMoves(t *testing.T) {
	tests := []struct {
		name string
		text string
		key  tea.Msg
		want string
	}{
		{"ctrl+right to the end of the next word", "Dette er|  en test", keyPress("ctrl+right"), "Dette er  en| test"},
		{"ctrl+right inside a word", "De|tte er", keyPress("ctrl+right"), "Dette| er"},
		{"ctrl+right over line breaks", "abc|\n\n  def", keyPress("ctrl+right"), "abc\n\n  def|"},
		{"ctrl+right at the end", "abc|", keyPress("ctrl+right"), "abc|"},
		{"ctrl+right over æøå", "|blåbær og", keyPress("ctrl+right"), "blåbær| og"},
		{"ctrl+left to the start of the word", "Dette er  en| test", keyPress("ctrl+left"), "Dette er  |en test"},
		{"ctrl+left over spaces", "Dette er  |en test", keyPress("ctrl+left"), "Dette |er  en test"},
		{"ctrl+left over line breaks", "abc\n\n|def", keyPress("ctrl+left"), "|abc\n\ndef"},
		{"ctrl+left stops at a paragraph start", "abc\nde|f", keyPress("ctrl+left"), "abc\n|def"},
		{"ctrl+left at the start", "|abc", keyPress("ctrl+left"), "|abc"},
		{"ctrl+left over a no-break space", "a b\u00a0c|", keyPress("ctrl+left"), "a b\u00a0|c"},
		{"alt+right", "|to ord", keyPress("alt+right"), "to| ord"},
		{"alt+left", "to ord|", keyPress("alt+left"), "to |ord"},
		{"alt+f", "|to ord", keyPress("alt+f"), "to| ord"},
		{"alt+b", "to ord|", keyPress("alt+b"), "to |ord"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := editorSend(editorWith(t, tt.text, 20, 5), tt.key)
			if got := editorMarked(e); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// A word longer than many lines: ctrl+← walks back over it line by line.
func TestEditorWordMovesOverLongWord(t *testing.T) {
	word := strings.Repeat("x", 500)
	e := editorWith(t, "a "+word+"|", 12, 4)
	e = editorSend(e, keyPress("ctrl+left"))
	if got, want := e.cursorByte(), 2; got != want {
		t.Errorf("ctrl+left: cursor at %d, want %d", got, want)
	}
	e = editorSend(e, keyPress("ctrl+right"))
	if got, want := e.cursorByte(), 2+len(word); got != want {
		t.Errorf("ctrl+right: cursor at %d, want %d", got, want)
	}
}

func TestEditorPaste(t *testing.T) {
	tests := []struct {
		name  string
		paste tea.Msg
		want  string
	}{
		{"lines become paragraphs", editorPasted("linje 1\nlinje 2\nlinje 3"), "alinje 1\nlinje 2\nlinje 3|b"},
		{"windows and old mac line ends", editorPasted("en\r\nto\rtre\r\n"), "aen\nto\ntre\n|b"},
		{"the control characters of escape sequences are dropped", editorPasted("\x1b[31mrød\x1b[0m \x1b]0;tittel\x07"), "a[31mrød[0m ]0;tittel|b"},
		{"a stray escape does not swallow the rest", editorPasted("før\x1bPetter og resten"), "aførPetter og resten|b"},
		{"tabs are kept", editorPasted("x\ty"), "ax\ty|b"},
		{"other control characters are dropped", editorPasted("n\x00u\x7fl\u0085l\u009b\x07"), "anull|b"},
		{"several runes without bracketed paste are one edit too", keyText("hei\nder"), "ahei\nder|b"},
		{"empty lines", editorPasted("\n\n"), "a\n\n|b"},
		{"paste ending in an accent joins the letter after", editorPasted("x\ny\u0301"), "ax\ny\u0301|b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := editorWith(t, "a|b", 20, 5)
			before := e.Version()
			e = editorSend(e, tt.paste)
			if got := editorMarked(e); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if got := e.Version() - before; got != 1 {
				t.Errorf("a paste is one edit, Version grew by %d", got)
			}
			if got, want := e.Len(), utf8.RuneCountInString(e.Value()); got != want {
				t.Errorf("Len() = %d, want %d", got, want)
			}
		})
	}
}

func TestEditorPasteOfNothingIsNoEdit(t *testing.T) {
	e := editorWith(t, "a|b", 20, 5)
	before := e.Version()
	e = editorSend(e, editorPasted("\x1b\x00\u009b\x07"))
	if editorMarked(e) != "a|b" || e.Version() != before {
		t.Errorf("got %q, version %d→%d", editorMarked(e), before, e.Version())
	}
}

func TestEditorSetValueCleansText(t *testing.T) {
	e := New(testCursorOn, testCursorOff)
	e.SetValue("a\r\nb\rc\x00\x1b[1md\xffe")
	if got, want := e.Value(), "a\nb\nc[1md\uFFFDe"; got != want {
		t.Errorf("Value() = %q, want %q", got, want)
	}
	if got, want := e.Len(), utf8.RuneCountInString(e.Value()); got != want {
		t.Errorf("Len() = %d, want %d", got, want)
	}
	if e.cursorByte() != len(e.Value()) {
		t.Errorf("cursor at %d, want the end", e.cursorByte())
	}
}

func TestEditorView(t *testing.T) {
	tests := []struct {
		name          string
		text          string
		width, height int
		keys          []tea.Msg
		want          string
	}{
		{
			name: "words wrap, a space hangs at the line end", text: "aaaa bbbb cccc dddd|", width: 10, height: 3,
			want: "aaaa bbbb \ncccc dddd[ ]\n",
		},
		{
			name: "a word longer than the line is cut", text: "|abcdefghijklmnop", width: 6, height: 4,
			want: "[a]bcde\nfghij\nklmno\np",
		},
		{
			name: "double-width characters do not split", text: "中文中文中|", width: 6, height: 3,
			want: "中文\n中文\n中[ ]",
		},
		{
			name: "a full last line leaves the cursor a line of its own", text: "abcde abcde |", width: 6, height: 3,
			want: "abcde \nabcde \n[ ]",
		},
		{
			name: "a last line one cell short keeps the cursor", text: "abcde abcd |", width: 6, height: 3,
			want: "abcde \nabcd [ ]\n",
		},
		{
			name: "tabs are drawn as spaces", text: "a\tb|", width: 10, height: 1,
			want: "a    b[ ]",
		},
		{
			name: "cursor on an accented letter", text: "ae\u0301|e", width: 10, height: 1, keys: []tea.Msg{keyPress("left")},
			want: "a[e\u0301]e",
		},
		{
			name: "cursor on an emoji", text: "a|🙂b", width: 10, height: 1,
			want: "a[🙂]b",
		},
		{
			name: "empty paragraphs are empty lines", text: "a\n\n|b", width: 10, height: 4,
			want: "a\n\n[b]\n",
		},
		{
			name: "scrolled to the cursor at the end", text: "1\n2\n3\n4\n5|", width: 10, height: 3,
			want: "3\n4\n5[ ]",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := editorSend(editorWith(t, tt.text, tt.width, tt.height), tt.keys...)
			if got := editorShown(e); got != tt.want {
				t.Errorf("view:\n%s\nwant:\n%s", got, tt.want)
			}
			editorCheckShape(t, e)
		})
	}
}

// editorCheckShape checks what the screens rely on: exactly height lines,
// none wider than width, and the cursor on screen when focused.
func editorCheckShape(tb testing.TB, e Model) {
	tb.Helper()
	view := e.View()
	if e.height == 0 {
		if view != "" {
			tb.Fatalf("height 0, view %q", view)
		}
		return
	}
	lines := strings.Split(view, "\n")
	if len(lines) != e.height {
		tb.Fatalf("%d lines, want %d:\n%s", len(lines), e.height, view)
	}
	for i, line := range lines {
		if w := ansi.StringWidth(line); w > e.width {
			tb.Fatalf("line %d is %d cells, wider than %d: %q", i, w, e.width, line)
		}
	}
	if e.focused && e.width >= narrowestSafeWidth && !strings.Contains(view, e.cursorOn) {
		tb.Fatalf("no cursor on screen (cursor at %+v, top %+v):\n%s", e.cursor, e.top, view)
	}
}

func TestEditorScrollsAtTheFirstAndLastLineOfTheView(t *testing.T) {
	text := "l0\nl1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9"
	e := editorWith(t, "|"+text, 10, 3)
	if got, want := editorShown(e), "[l]0\nl1\nl2"; got != want {
		t.Fatalf("start:\n%s", got)
	}
	e = editorSend(e, keyPress("down"), keyPress("down"))
	if got, want := editorShown(e), "l0\nl1\n[l]2"; got != want {
		t.Errorf("down to the last line of the view scrolled:\n%s", got)
	}
	e = editorSend(e, keyPress("down"))
	if got, want := editorShown(e), "l1\nl2\n[l]3"; got != want {
		t.Errorf("down from the last line of the view:\n%s", got)
	}
	e = editorSend(e, keyPress("up"), keyPress("up"))
	if got, want := editorShown(e), "[l]1\nl2\nl3"; got != want {
		t.Errorf("up to the first line of the view scrolled:\n%s", got)
	}
	e = editorSend(e, keyPress("up"))
	if got, want := editorShown(e), "[l]0\nl1\nl2"; got != want {
		t.Errorf("up from the first line of the view:\n%s", got)
	}
	e = editorSend(e, keyPress("ctrl+end"))
	if got, want := editorShown(e), "l7\nl8\nl9[ ]"; got != want {
		t.Errorf("ctrl+end:\n%s", got)
	}
	// Typing at the first line of the view keeps it there.
	e = editorSend(e, keyPress("up"), keyPress("up"), keyPress("home"), keyText("x"), keyPress("backspace"), keyPress("backspace"))
	if got, want := editorShown(e), "l6[l]7\nl8\nl9"; got != want {
		t.Errorf("backspace at the first line of the view:\n%s", got)
	}
	// Deleting near the end pulls lines down to fill the view.
	e = editorSend(e, keyPress("ctrl+end"))
	for range 6 {
		e = editorSend(e, keyPress("backspace"))
	}
	if got, want := editorShown(e), "l4\nl5\nl6l7[ ]"; got != want {
		t.Errorf("after deleting the last lines:\n%s", got)
	}
}

func TestEditorScrollsInsideOneLongParagraph(t *testing.T) {
	text := strings.Repeat("ord ", 200)
	e := editorWith(t, "|"+text, 12, 4)
	for range 30 {
		e = editorSend(e, keyPress("down"))
		editorCheckShape(t, e)
	}
	for range 30 {
		e = editorSend(e, keyPress("up"))
		editorCheckShape(t, e)
	}
	if e.cursorByte() != 0 {
		t.Errorf("30 down and 30 up left the cursor at %d", e.cursorByte())
	}
}

func TestEditorCursorVisibleAfterCtrlEndInLongText(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {20, 3}, {200, 60}} {
		for _, text := range []string{editorBenchText(50_000, false), editorBenchText(50_000, true)} {
			e := editorWith(t, "|"+text, size[0], size[1])
			e = editorSend(e, keyPress("ctrl+end"))
			editorCheckShape(t, e)
			lines := strings.Split(e.View(), "\n")
			if !strings.Contains(lines[len(lines)-1], e.cursorOn) {
				t.Errorf("%dx%d: the cursor is not on the last line of the view", size[0], size[1])
			}
		}
	}
}

func TestEditorShapeAtManySizes(t *testing.T) {
	text := "Når det gjelder måloppnåelse 🙂 i 中文 gjennomføringen\tav e\u0301 programmet\n\n" +
		strings.Repeat("langtordutenmellomrom", 10) + "\n" + strings.Repeat("🇳🇴 ", 30)
	for width := 0; width <= 30; width++ {
		for _, height := range []int{0, 1, 2, 5} {
			e := editorWith(t, text, width, height)
			editorCheckShape(t, e)
			e = editorSend(e, keyPress("ctrl+home"))
			for range 40 {
				e = editorSend(e, keyPress("down"))
				editorCheckShape(t, e)
			}
		}
	}
}

func TestEditorResizeRewraps(t *testing.T) {
	e := editorWith(t, "aaaa bbbb cccc dddd|", 10, 3)
	e.SetSize(15, 3)
	if got, want := editorShown(e), "aaaa bbbb cccc \ndddd[ ]\n"; got != want {
		t.Errorf("after resize:\n%s", got)
	}
}

func TestEditorBlurred(t *testing.T) {
	e := editorWith(t, "ab|", 10, 2)
	e.Blur()
	if e.Focused() {
		t.Fatal("Focused() after Blur")
	}
	e = editorSend(e, keyText("x"), keyPress("backspace"))
	if got := e.Value(); got != "ab" {
		t.Errorf("a blurred editor took keys: %q", got)
	}
	if got := e.View(); strings.Contains(got, e.cursorOn) || ansi.Strip(got) != "ab\n" {
		t.Errorf("blurred view %q", got)
	}
	e.Focus()
	if !strings.Contains(e.View(), e.cursorOn) {
		t.Error("no cursor after Focus")
	}
}

// A screen that puts the terminal's own cursor where the editor's is
// finds its mark before the cell the cursor is on, and no other code of a
// cursor: the text shows as it is.
func TestEditorCursorMark(t *testing.T) {
	const mark = "\x1b[>1z"
	for _, tt := range []struct{ text, want string }{
		{"bl|åbær\nsyltetøy", "bl" + mark + "åbær\nsyltetøy"},
		{"blåbær\nsyltetøy|", "blåbær\nsyltetøy" + mark + " "},
	} {
		e := editorWith(t, tt.text, 20, 2)
		e.cursorOn, e.cursorOff = mark, ""
		if got := e.View(); got != tt.want {
			t.Errorf("%q: view %q, want %q", tt.text, got, tt.want)
		}
	}
}

// editorGjovikText is answer 3.2 of Gjøvik's 2012 report.
func editorGjovikText(tb testing.TB) string {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "gjovik-2012.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var report struct {
		Values map[string]any `json:"values"`
	}
	if err := json.Unmarshal(data, &report); err != nil {
		tb.Fatal(err)
	}
	text, _ := report.Values["3.2"].(string)
	if text == "" {
		tb.Fatal("no answer 3.2 in gjovik-2012.json")
	}
	return text
}

func TestEditorGolden(t *testing.T) {
	text := strings.Repeat(editorGjovikText(t)+"\n", 3)
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			e := editorWith(t, text, size[0], size[1])
			editorCheckShape(t, e)
			golden.RequireEqual(t, []byte(ansi.Strip(e.View())))
		})
	}
	t.Run("80x24-start", func(t *testing.T) {
		e := editorSend(editorWith(t, text, 80, 24), keyPress("ctrl+home"))
		golden.RequireEqual(t, []byte(ansi.Strip(e.View())))
	})
}

// Line breaks kept up to date edit by edit must be the ones a fresh break
// of the same text gives.
func editorCheckLines(tb testing.TB, e Model) {
	tb.Helper()
	for i := range e.paras {
		p := e.paragraph(i)
		p.lastLine(e.work)
		var scratch []byte
		text := bytes.Clone(p.slice(0, p.size(), &scratch))
		fresh := paragraphsOwning(bytes.Clone(text))[0]
		fresh.useWidth(p.wrapWidth)
		fresh.lastLine(e.work)
		if fmt.Sprint(p.lines) != fmt.Sprint(fresh.lines) {
			tb.Fatalf("paragraph %d %q: lines %v, fresh %v", i, text, p.lines, fresh.lines)
		}
	}
}

func TestEditorLinesStayInStepWithEdits(t *testing.T) {
	text := editorGjovikText(t)
	e := editorWith(t, "|"+text, 30, 5)
	for i := range 300 {
		switch i % 7 {
		case 0, 1, 2:
			e = editorSend(e, keyText("xy "[i%3:i%3+1]))
		case 3:
			e = editorSend(e, keyPress("backspace"))
		case 4:
			e = editorSend(e, keyPress("down"))
		case 5:
			e = editorSend(e, keyPress("delete"), keyPress("delete"))
		case 6:
			e = editorSend(e, keyPress("right"))
		}
		if i%20 == 0 {
			editorCheckLines(t, e)
		}
	}
	editorCheckLines(t, e)
}
