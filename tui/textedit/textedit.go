// Package textedit is the editor of boso's long answers and comments, a
// component in the style of the bubbles: New, SetSize, Update, View,
// Value/SetValue, Focus/Blur.
//
// The long answers are where case workers spend their time, and they paste
// whole documents into them. The bubbles textarea re-wraps and re-renders
// the whole answer on every key; this editor does work in proportion to
// what is on screen. Three things make that so:
//
//   - The text is a slice of paragraphs (the text between two line breaks),
//     each a gap buffer: typing inserts into the gap, so an edit in a 1 MB
//     paragraph moves a few bytes, not the paragraph.
//   - Each paragraph caches where its visual lines start, for one width. An
//     edit re-breaks lines only from the line it touches, and stops as soon
//     as a new line start falls on an old one (from there on the text, and
//     so the breaks, are the old ones moved by the edit's length). Lines the
//     screen has not reached yet are broken lazily, when they come into view.
//   - View copies the bytes of the lines on screen; only the cursor's cell
//     needs grapheme segmentation.
package textedit

import (
	"bytes"
	"math"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

const (
	// tabCells is how wide a tab is drawn. Tabs come in with pasted text; a
	// fixed width keeps line breaking independent of the terminal's tab stops.
	tabCells = 4

	// undecided marks the last known line start of a paragraph whose end has
	// not been looked for yet (line breaking is lazy).
	undecided = math.MaxInt

	// typingRewrapAhead and splitRewrapAhead are how many lines past an
	// edit are re-broken eagerly when the breaks have not fallen back into
	// step with the old ones; the rest is broken when it comes on screen.
	// After a typed key breaks fall into step within a line or two (never, in
	// a long paragraph without spaces: hence a small bound on the path every
	// key takes). After a paragraph is split or joined they take tens of
	// lines, and those keys are rare and already copy the paragraph's tail.
	typingRewrapAhead = 8
	splitRewrapAhead  = 256

	// clusterProbe is how many bytes are read to find one grapheme cluster;
	// longer clusters (stacks of combining marks) are read again with more.
	clusterProbe = 32

	// spareGap is the room a paragraph's gap gets beyond what an insert
	// needs, so that typing does not reallocate on every key.
	spareGap = 64

	// narrowestSafeWidth: below it a single wide character or tab can be
	// wider than the editor, so View cuts lines to the width.
	narrowestSafeWidth = tabCells + 1

	defaultEditorWidth  = 40
	defaultEditorHeight = 6
)

// lastID numbers editors, so that text coming back from $EDITOR
// goes to the editor it was opened from.
var lastID atomic.Int64

// newlineText is what enter inserts.
var newlineText = []byte{'\n'}

// Model edits one long answer. The text is held as a slice of
// paragraphs, each a gap buffer, so an edit touches only the paragraph it is
// in; wrapping is done only for paragraphs on screen and cached per
// paragraph and width.
//
// Like every Bubble Tea model it is a value, but its paragraphs are shared
// between copies: use the copy Update returns and drop the old one.
type Model struct {
	id    int
	paras []*paragraph
	// runes counts the characters of all paragraphs, line breaks not
	// included, so Len is O(1).
	runes int
	// cursor is always on a grapheme cluster boundary.
	cursor textPos
	// goalCol is the visual column up and down keep to, -1 when the last
	// move was not vertical.
	goalCol int
	// top is the start of the first visual line on screen.
	top           textPos
	width, height int
	focused       bool
	version       int
	cursorOn      string
	cursorOff     string
	work          *editorWork

	// KeyMap holds the keys that may be bound otherwise and are shown in
	// help; the keys every text box has are fixed (see handleKey).
	KeyMap KeyMap
	hist   *History
	// loaded is the text last given to SetValue, and loadedVersion the
	// version it made, for SetHistory to know the text is unchanged.
	loaded        string
	loadedVersion int
	// clock tells typing pauses; time.Now but in tests.
	clock func() time.Time
	// speller marks misspelt words; nil marks none.
	speller Speller
	found   foundWord
}

// textPos is a place in the text: a byte offset in a paragraph.
type textPos struct{ para, off int }

// lineRef names a visual line: the line-th line of a paragraph.
type lineRef struct{ para, line int }

func (a lineRef) before(b lineRef) bool {
	return a.para < b.para || a.para == b.para && a.line < b.line
}

// editorWork holds buffers reused from key to key, so that a keystroke
// allocates almost nothing. It sits behind a pointer because View has a
// value receiver and still wants to keep them.
type editorWork struct {
	window  []byte        // contiguous copy of text that spans a gap
	cluster []byte        // the same, for one cluster
	cleaned []byte        // typed or pasted text after cleaning
	lines   []wrappedLine // lines being re-broken
	starts  []int         // cluster starts of a line, for moving backwards
	marks   []int         // misspelt words on a line, from and to in turn
	marked  []markedLine  // each row's misspelt words as last marked
	view    []byte
}

// New returns an empty, unfocused editor; SetSize gives it its box. View
// writes cursorOn and cursorOff around the cell the cursor is on (a space
// at the end of a line): a screen that puts the terminal's own cursor there
// gives a mark it can find and nothing after it; codes of reverse video
// would draw a cursor of the editor's own.
func New(cursorOn, cursorOff string) Model {
	return Model{
		id:        int(lastID.Add(1)),
		paras:     paragraphsOwning(nil),
		goalCol:   -1,
		width:     defaultEditorWidth,
		height:    defaultEditorHeight,
		cursorOn:  cursorOn,
		cursorOff: cursorOff,
		work:      &editorWork{},
		KeyMap:    DefaultKeyMap(),
		hist:      NewHistory(),
		clock:     time.Now,
	}
}

// SetValue replaces the text and puts the cursor at its end. The history
// starts afresh: it was about another text.
func (t *Model) SetValue(s string) {
	t.setText(s)
	t.loaded, t.loadedVersion = s, t.version
	t.hist.reset()
}

// setText replaces the text, puts the cursor at its end and returns the
// text as kept (cleaned), which the paragraphs share until they are edited.
func (t *Model) setText(s string) []byte {
	text := appendCleanString(make([]byte, 0, len(s)), s)
	t.paras = paragraphsOwning(text)
	t.runes = utf8.RuneCount(text) - (len(t.paras) - 1)
	last := len(t.paras) - 1
	t.cursor = textPos{last, t.paras[last].size()}
	t.top = textPos{}
	t.goalCol = -1
	t.version++
	t.top = t.topPos(t.scrolledTop())
	return text
}

// Value builds the whole text. It costs a copy of the answer, so it is for
// saving, not for every key.
func (t Model) Value() string {
	size := len(t.paras) - 1
	for _, p := range t.paras {
		size += p.size()
	}
	var out strings.Builder
	out.Grow(size)
	for i, p := range t.paras {
		if i > 0 {
			out.WriteByte('\n')
		}
		first, second := p.parts(0, p.size())
		out.Write(first)
		out.Write(second)
	}
	value := out.String()
	t.hist.text, t.hist.textValid = value, true
	return value
}

// Len is the length of the text in characters (runes), as the length note
// under a long answer counts it.
func (t Model) Len() int { return t.runes + len(t.paras) - 1 }

// Version increases with every change of the text, so the screen can tell
// that the answer changed without comparing it.
func (t Model) Version() int { return t.version }

// SetSize sets the box the editor draws in: View has exactly height lines,
// none wider than width cells.
func (t *Model) SetSize(width, height int) {
	t.width, t.height = max(width, 0), max(height, 0)
	t.top = t.topPos(t.scrolledTop())
}

// Focus lets the editor take keys and show its cursor.
func (t *Model) Focus() { t.focused = true }

// Blur makes the editor ignore keys and hide its cursor.
func (t *Model) Blur() { t.focused = false }

// Focused reports whether the editor takes keys.
func (t Model) Focused() bool { return t.focused }

// ID tells editors apart, so that text back from $EDITOR goes to the one it
// was opened from.
func (t Model) ID() int { return t.id }

// ExternalEditDoneMsg brings back the text the user wrote in $EDITOR.
type ExternalEditDoneMsg struct {
	// EditorID is the ID of the editor the text was opened from.
	EditorID int
	Text     string
	// Err is set when no editor was found, or it or its file failed; the
	// text is then left as it was. Its text is one Norwegian sentence for
	// the user.
	Err error
}

// Update handles keys while focused, and the text coming back from $EDITOR.
// Tab, shift+tab, page up and page down are left to the screen.
func (t Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case ExternalEditDoneMsg:
		// An editor that failed or was quit with an error (vim's :cq) means
		// "keep what I had".
		if msg.EditorID == t.id && msg.Err == nil {
			t.replaceAll(msg.Text)
		}
		return t, nil
	case tea.KeyPressMsg:
		if !t.focused {
			return t, nil
		}
		return t.handleKey(tea.Key(msg))
	case tea.PasteMsg:
		if !t.focused {
			return t, nil
		}
		return t.afterEdit(t.insertText(msg.Content, stepWhole), false), nil
	}
	return t, nil
}

// lockMods are modifiers a terminal with the kitty keyboard protocol
// reports beside a key, which change nothing about what the key does.
const lockMods = tea.ModCapsLock | tea.ModNumLock | tea.ModScrollLock

func (t Model) handleKey(k tea.Key) (Model, tea.Cmd) {
	// The keys every text box has are told apart by code and modifiers,
	// not by key.Matches: that formats the key as a string for every
	// binding, which would be most of a keystroke's allocations.
	edited, vertical := false, false
	mod := k.Mod &^ lockMods
	switch {
	case k.Text != "" && mod&^tea.ModShift == 0:
		edited = t.insertText(k.Text, stepTyped)
	case mod&^tea.ModShift == 0:
		// Terminals that report shift with every key (the kitty keyboard
		// protocol) send shift+enter and shift+backspace for keys that
		// others send, and users press, as enter and backspace.
		switch k.Code {
		case tea.KeyEnter:
			edited = t.insert(newlineText, stepTyped)
		case tea.KeyBackspace:
			edited = t.delete(t.clusterBefore(t.cursor), t.cursor, stepBackspace)
		case tea.KeyDelete:
			edited = t.delete(t.cursor, t.clusterAfter(t.cursor), stepDelete)
		case tea.KeyLeft:
			t.cursor = t.clusterBefore(t.cursor)
		case tea.KeyRight:
			t.cursor = t.clusterAfter(t.cursor)
		case tea.KeyUp:
			t.moveVertically(false)
			vertical = true
		case tea.KeyDown:
			t.moveVertically(true)
			vertical = true
		case tea.KeyHome:
			t.cursor = t.visualLineStart()
		case tea.KeyEnd:
			t.cursor = t.visualLineEnd()
		default:
			return t.boundKey(k)
		}
	case mod == tea.ModAlt:
		switch k.Code {
		case 'b', tea.KeyLeft:
			t.cursor = t.wordStartBefore(t.cursor)
		case 'f', tea.KeyRight:
			t.cursor = t.wordEndAfter(t.cursor)
		case 'd', tea.KeyDelete:
			edited = t.delete(t.cursor, t.wordEndAfter(t.cursor), stepWhole)
		case tea.KeyBackspace:
			edited = t.delete(t.wordStartBefore(t.cursor), t.cursor, stepWhole)
		case '<':
			t.cursor = textPos{}
		case '>':
			t.cursor = t.end()
		default:
			return t.boundKey(k)
		}
	case mod == tea.ModCtrl:
		switch k.Code {
		case 'h':
			edited = t.delete(t.clusterBefore(t.cursor), t.cursor, stepBackspace)
		case 'w':
			edited = t.delete(t.wordStartBefore(t.cursor), t.cursor, stepWhole)
		case 'd':
			edited = t.delete(t.cursor, t.clusterAfter(t.cursor), stepDelete)
		case 'k':
			edited = t.delete(t.cursor, textPos{t.cursor.para, t.paras[t.cursor.para].size()}, stepWhole)
		case 'u':
			edited = t.delete(textPos{t.cursor.para, 0}, t.cursor, stepWhole)
		case tea.KeyBackspace:
			// As in word processors; a terminal that tells it from
			// ctrl+h (Windows' console, the kitty keyboard protocol).
			edited = t.delete(t.wordStartBefore(t.cursor), t.cursor, stepWhole)
		case tea.KeyDelete:
			edited = t.delete(t.cursor, t.wordEndAfter(t.cursor), stepWhole)
		case 'b':
			t.cursor = t.clusterBefore(t.cursor)
		case 'f':
			t.cursor = t.clusterAfter(t.cursor)
		case tea.KeyLeft:
			t.cursor = t.wordStartBefore(t.cursor)
		case tea.KeyRight:
			t.cursor = t.wordEndAfter(t.cursor)
		case 'p':
			t.moveVertically(false)
			vertical = true
		case 'n':
			t.moveVertically(true)
			vertical = true
		case 'a':
			t.cursor = t.visualLineStart()
		case tea.KeyHome:
			t.cursor = textPos{}
		case tea.KeyEnd:
			t.cursor = t.end()
		default:
			return t.boundKey(k)
		}
	default:
		return t.boundKey(k)
	}
	return t.afterEdit(edited, vertical), nil
}

// boundKey does what the KeyMap binds k to. Its keys are few and rare, so
// matching them by name costs nothing on the path typing takes.
func (t Model) boundKey(k tea.Key) (Model, tea.Cmd) {
	edited := false
	switch {
	case key.Matches(k, t.KeyMap.Undo):
		edited = t.undo()
	case key.Matches(k, t.KeyMap.Redo):
		edited = t.redo()
	case key.Matches(k, t.KeyMap.ExternalEditor):
		return t, editInExternalEditor(t.id, t.Value())
	default:
		return t, nil
	}
	return t.afterEdit(edited, false), nil
}

// afterEdit counts an edit and scrolls to the cursor; a move that is not
// up or down forgets the column those keep to.
func (t Model) afterEdit(edited, vertical bool) Model {
	if !vertical {
		t.goalCol = -1
	}
	if edited {
		t.version++
	}
	t.top = t.topPos(t.scrolledTop())
	return t
}

// View draws the lines in the box, with the cursor when focused.
func (t Model) View() string {
	if t.height <= 0 {
		return ""
	}
	if t.width <= 0 {
		return strings.Repeat("\n", t.height-1)
	}
	work := t.work
	out := work.view[:0]
	cursorLine := t.lineAt(t.cursor)
	r, more := t.scrolledTop(), true
	for row := range t.height {
		if row > 0 {
			out = append(out, '\n')
		}
		if !more {
			continue
		}
		p := t.paragraph(r.para)
		start, end := p.lineBounds(r.line, work)
		lineStart := len(out)
		t.markMisspelt(row, p, start, end)
		if t.focused && r == cursorLine {
			out = t.appendCursorLine(out, p, start, end)
		} else {
			out = t.appendText(out, p, start, end)
		}
		if t.width < narrowestSafeWidth {
			cut := ansi.Truncate(string(out[lineStart:]), t.width, "")
			out = append(out[:lineStart], cut...)
		}
		r, more = t.nextLine(r)
	}
	work.view = out
	return string(out)
}

func (t *Model) appendCursorLine(out []byte, p *paragraph, start, end int) []byte {
	at := t.cursor.off
	out = t.appendText(out, p, start, at)
	out = append(out, t.cursorOn...)
	if at < end {
		size, _ := p.clusterAt(at, end, t.work)
		out = t.appendText(out, p, at, at+size)
		out = append(out, t.cursorOff...)
		return t.appendText(out, p, at+size, end)
	}
	out = append(out, ' ')
	return append(out, t.cursorOff...)
}

// appendVisible appends the text of [from, to) as the terminal should get
// it: tabs become spaces, so that the width is what line breaking counted.
func appendVisible(out []byte, p *paragraph, from, to int) []byte {
	first, second := p.parts(from, to)
	return appendTabsExpanded(appendTabsExpanded(out, first), second)
}

func appendTabsExpanded(out, text []byte) []byte {
	for {
		i := bytes.IndexByte(text, '\t')
		if i < 0 {
			return append(out, text...)
		}
		out = append(out, text[:i]...)
		out = append(out, "    "[:tabCells]...)
		text = text[i+1:]
	}
}
