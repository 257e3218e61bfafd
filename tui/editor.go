package tui

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

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

	// editorFileMode keeps the file handed to $EDITOR private: reports hold
	// personal data about the people the municipality helps.
	editorFileMode = 0o600
)

// reverseOn and reverseOff draw the cursor when the style for it has no
// codes of its own: reverse video is not a colour, so it is right to keep it
// under NO_COLOR (where lipgloss drops it with every other attribute), and
// 27 turns off only reverse, not a style around the editor.
const (
	reverseOn  = "\x1b[7m"
	reverseOff = "\x1b[27m"
)

// lastTextEditorID numbers editors, so that text coming back from $EDITOR
// goes to the editor it was opened from.
var lastTextEditorID atomic.Int64

// newlineText is what enter inserts.
var newlineText = []byte{'\n'}

// textEditor edits one long answer. The text is held as a slice of
// paragraphs, each a gap buffer, so an edit touches only the paragraph it is
// in; wrapping is done only for paragraphs on screen and cached per
// paragraph and width.
//
// Like every Bubble Tea model it is a value, but its paragraphs are shared
// between copies: use the copy Update returns and drop the old one.
type textEditor struct {
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
	view    []byte
}

// newTextEditor returns an empty, unfocused editor; SetSize gives it its box.
func newTextEditor(styles Styles) textEditor {
	on, off := cursorCodes(styles.Focused)
	return textEditor{
		id:        int(lastTextEditorID.Add(1)),
		paras:     paragraphsOwning(nil),
		goalCol:   -1,
		width:     defaultEditorWidth,
		height:    defaultEditorHeight,
		cursorOn:  on,
		cursorOff: off,
		work:      &editorWork{},
	}
}

// cursorCodes takes the cursor's look from the UI's style for focus, so a
// theme decides it, and falls back to plain reverse video where that style
// renders to nothing (NO_COLOR, or output that is not a terminal).
func cursorCodes(style lipgloss.Style) (on, off string) {
	const marker = "x"
	rendered := style.Render(marker)
	on, off, found := strings.Cut(rendered, marker)
	if !found || on == "" || ansi.Strip(on) != "" || ansi.Strip(off) != "" {
		return reverseOn, reverseOff
	}
	return on, off
}

// SetValue replaces the text and puts the cursor at its end.
func (t *textEditor) SetValue(s string) {
	text := appendCleanString(make([]byte, 0, len(s)), s)
	t.paras = paragraphsOwning(text)
	t.runes = utf8.RuneCount(text) - (len(t.paras) - 1)
	last := len(t.paras) - 1
	t.cursor = textPos{last, t.paras[last].size()}
	t.top = textPos{}
	t.goalCol = -1
	t.version++
	t.top = t.topPos(t.scrolledTop())
}

// Value builds the whole text. It costs a copy of the answer, so it is for
// saving, not for every key.
func (t textEditor) Value() string {
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
	return out.String()
}

// Len is the length of the text in characters (runes), as the length note
// under a long answer counts it.
func (t textEditor) Len() int { return t.runes + len(t.paras) - 1 }

// Version increases with every change of the text, so the screen can tell
// that the answer changed without comparing it.
func (t textEditor) Version() int { return t.version }

// SetSize sets the box the editor draws in: View has exactly height lines,
// none wider than width cells.
func (t *textEditor) SetSize(width, height int) {
	t.width, t.height = max(width, 0), max(height, 0)
	t.top = t.topPos(t.scrolledTop())
}

// Focus lets the editor take keys and show its cursor.
func (t *textEditor) Focus() { t.focused = true }

// Blur makes the editor ignore keys and hide its cursor.
func (t *textEditor) Blur() { t.focused = false }

// Focused reports whether the editor takes keys.
func (t textEditor) Focused() bool { return t.focused }

// externalEditDoneMsg brings back the text the user wrote in $EDITOR.
type externalEditDoneMsg struct {
	editorID int
	text     string
	err      error
}

// Update handles keys while focused, and the text coming back from $EDITOR.
// Tab, shift+tab, page up and page down are left to the screen.
func (t textEditor) Update(msg tea.Msg) (textEditor, tea.Cmd) {
	switch msg := msg.(type) {
	case externalEditDoneMsg:
		// An editor that failed or was quit with an error (vim's :cq) means
		// "keep what I had".
		if msg.editorID == t.id && msg.err == nil {
			t.SetValue(msg.text)
		}
		return t, nil
	case tea.KeyMsg:
		if !t.focused {
			return t, nil
		}
		return t.handleKey(msg)
	}
	return t, nil
}

func (t textEditor) handleKey(msg tea.KeyMsg) (textEditor, tea.Cmd) {
	// Keys are told apart by type, not by key.Matches: that formats the key
	// as a string for every binding, which would be most of a keystroke's
	// allocations.
	edited, vertical := false, false
	switch msg.Type {
	case tea.KeyRunes:
		if msg.Alt && !msg.Paste {
			if len(msg.Runes) != 1 {
				return t, nil
			}
			switch msg.Runes[0] {
			case 'b':
				t.cursor = t.wordStartBefore(t.cursor)
			case 'f':
				t.cursor = t.wordEndAfter(t.cursor)
			case 'd':
				edited = t.deleteRange(t.cursor, t.wordEndAfter(t.cursor))
			case '<':
				t.cursor = textPos{}
			case '>':
				t.cursor = t.end()
			default:
				return t, nil
			}
			break
		}
		edited = t.insertRunes(msg.Runes)
	case tea.KeySpace:
		edited = t.insertRunes([]rune{' '})
	case tea.KeyEnter:
		edited = t.insertClean(newlineText)
	case tea.KeyBackspace, tea.KeyCtrlH:
		if msg.Alt {
			edited = t.deleteRange(t.wordStartBefore(t.cursor), t.cursor)
		} else {
			edited = t.deleteRange(t.clusterBefore(t.cursor), t.cursor)
		}
	case tea.KeyCtrlW:
		edited = t.deleteRange(t.wordStartBefore(t.cursor), t.cursor)
	case tea.KeyDelete, tea.KeyCtrlD:
		if msg.Alt {
			edited = t.deleteRange(t.cursor, t.wordEndAfter(t.cursor))
		} else {
			edited = t.deleteRange(t.cursor, t.clusterAfter(t.cursor))
		}
	case tea.KeyCtrlK:
		edited = t.deleteRange(t.cursor, textPos{t.cursor.para, t.paras[t.cursor.para].size()})
	case tea.KeyCtrlU:
		edited = t.deleteRange(textPos{t.cursor.para, 0}, t.cursor)
	case tea.KeyLeft, tea.KeyCtrlB:
		if msg.Alt {
			t.cursor = t.wordStartBefore(t.cursor)
		} else {
			t.cursor = t.clusterBefore(t.cursor)
		}
	case tea.KeyRight, tea.KeyCtrlF:
		if msg.Alt {
			t.cursor = t.wordEndAfter(t.cursor)
		} else {
			t.cursor = t.clusterAfter(t.cursor)
		}
	case tea.KeyCtrlLeft:
		t.cursor = t.wordStartBefore(t.cursor)
	case tea.KeyCtrlRight:
		t.cursor = t.wordEndAfter(t.cursor)
	case tea.KeyUp, tea.KeyCtrlP:
		t.moveVertically(false)
		vertical = true
	case tea.KeyDown, tea.KeyCtrlN:
		t.moveVertically(true)
		vertical = true
	case tea.KeyHome, tea.KeyCtrlA:
		t.cursor = t.visualLineStart()
	case tea.KeyEnd:
		t.cursor = t.visualLineEnd()
	case tea.KeyCtrlHome:
		t.cursor = textPos{}
	case tea.KeyCtrlEnd:
		t.cursor = t.end()
	case tea.KeyCtrlE:
		return t, editInExternalEditor(t.id, t.Value())
	default:
		return t, nil
	}
	if !vertical {
		t.goalCol = -1
	}
	if edited {
		t.version++
	}
	t.top = t.topPos(t.scrolledTop())
	return t, nil
}

// View draws the lines in the box, with the cursor when focused.
func (t textEditor) View() string {
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
		if t.focused && r == cursorLine {
			out = t.appendCursorLine(out, p, start, end)
		} else {
			out = appendVisible(out, p, start, end)
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

func (t textEditor) appendCursorLine(out []byte, p *paragraph, start, end int) []byte {
	at := t.cursor.off
	out = appendVisible(out, p, start, at)
	out = append(out, t.cursorOn...)
	if at < end {
		size, _ := p.clusterAt(at, end, t.work)
		out = appendVisible(out, p, at, at+size)
		out = append(out, t.cursorOff...)
		return appendVisible(out, p, at+size, end)
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

// contentWidth is the width lines are broken at: one column less than the
// box, so the cursor has a cell after the last character of a line.
func (t textEditor) contentWidth() int { return max(1, t.width-1) }

// paragraph returns a paragraph with its line cache set to the editor's
// width, so every caller sees lines for the width on screen.
func (t textEditor) paragraph(i int) *paragraph {
	p := t.paras[i]
	p.useWidth(t.contentWidth())
	return p
}

func (t textEditor) end() textPos {
	last := len(t.paras) - 1
	return textPos{last, t.paras[last].size()}
}

func (t textEditor) topPos(r lineRef) textPos {
	return textPos{r.para, t.paragraph(r.para).lines[r.line].start}
}

// lineAt returns the visual line a position is on.
func (t textEditor) lineAt(pos textPos) lineRef {
	para := min(max(pos.para, 0), len(t.paras)-1)
	p := t.paragraph(para)
	return lineRef{para, p.lineOf(min(max(pos.off, 0), p.size()), t.work)}
}

func (t textEditor) prevLine(r lineRef) (lineRef, bool) {
	if r.line > 0 {
		return lineRef{r.para, r.line - 1}, true
	}
	if r.para == 0 {
		return r, false
	}
	return lineRef{r.para - 1, t.paragraph(r.para - 1).lastLine(t.work)}, true
}

func (t textEditor) nextLine(r lineRef) (lineRef, bool) {
	if t.paragraph(r.para).lineExists(r.line+1, t.work) {
		return lineRef{r.para, r.line + 1}, true
	}
	if r.para+1 < len(t.paras) {
		return lineRef{r.para + 1, 0}, true
	}
	return r, false
}

// scrolledTop is the first line on screen: the stored one unless the cursor
// has left the screen, and moved up when the text below it no longer fills
// the box (after deleting near the end).
func (t textEditor) scrolledTop() lineRef {
	top := t.lineAt(t.top)
	if t.height <= 0 {
		return top
	}
	cursor := t.lineAt(t.cursor)
	if cursor.before(top) {
		top = cursor
	} else {
		r := cursor
		for k := 1; k < t.height && r != top; k++ {
			prev, ok := t.prevLine(r)
			if !ok {
				break
			}
			r = prev
		}
		top = r
	}
	shown, r := 1, top
	for shown < t.height {
		next, ok := t.nextLine(r)
		if !ok {
			break
		}
		r = next
		shown++
	}
	for ; shown < t.height; shown++ {
		prev, ok := t.prevLine(top)
		if !ok {
			break
		}
		top = prev
	}
	return top
}

// Moving.

func (t textEditor) clusterBefore(pos textPos) textPos {
	if pos.off == 0 {
		if pos.para == 0 {
			return pos
		}
		return textPos{pos.para - 1, t.paras[pos.para-1].size()}
	}
	p := t.paragraph(pos.para)
	starts := p.clusterStartsBefore(pos.off, t.work)
	return textPos{pos.para, starts[len(starts)-1]}
}

func (t textEditor) clusterAfter(pos textPos) textPos {
	p := t.paragraph(pos.para)
	if pos.off >= p.size() {
		if pos.para == len(t.paras)-1 {
			return pos
		}
		return textPos{pos.para + 1, 0}
	}
	size, _ := p.clusterAt(pos.off, p.size(), t.work)
	return textPos{pos.para, pos.off + size}
}

// wordEndAfter is where ctrl+→ goes: over spaces and line breaks, then to
// the end of the word after them.
func (t textEditor) wordEndAfter(pos textPos) textPos {
	work := t.work
	para, off := pos.para, pos.off
	p := t.paragraph(para)
	for {
		if off >= p.size() {
			if para == len(t.paras)-1 {
				return textPos{para, off}
			}
			para++
			p, off = t.paragraph(para), 0
			continue
		}
		if !p.spaceAt(off, work) {
			break
		}
		size, _ := p.clusterAt(off, p.size(), work)
		off += size
	}
	for off < p.size() && !p.spaceAt(off, work) {
		size, _ := p.clusterAt(off, p.size(), work)
		off += size
	}
	return textPos{para, off}
}

// wordStartBefore is where ctrl+← goes: back over spaces and line breaks,
// then to the start of the word before them. It walks a visual line at a
// time, because finding the cluster before a position means reading from a
// known boundary (a line start) forward.
func (t textEditor) wordStartBefore(pos textPos) textPos {
	work := t.work
	para, off := pos.para, pos.off
	p := t.paragraph(para)
	inWord := false
	for {
		if off == 0 {
			if inWord || para == 0 {
				return textPos{para, 0}
			}
			para--
			p = t.paragraph(para)
			off = p.size()
			continue
		}
		starts := p.clusterStartsBefore(off, work)
		for k := len(starts) - 1; k >= 0; k-- {
			space := p.spaceAt(starts[k], work)
			if space && inWord {
				return textPos{para, off}
			}
			inWord = inWord || !space
			off = starts[k]
		}
	}
}

// moveVertically moves to the line above or below, to the cluster under
// the column the cursor had when up/down began. From the first line up goes
// to the start, from the last line down goes to the end, as in a browser's
// text box.
func (t *textEditor) moveVertically(down bool) {
	work := t.work
	line := t.lineAt(t.cursor)
	p := t.paragraph(line.para)
	if t.goalCol < 0 {
		t.goalCol = p.cellsBetween(p.lines[line.line].start, t.cursor.off, work)
	}
	var target lineRef
	var ok bool
	if down {
		target, ok = t.nextLine(line)
	} else {
		target, ok = t.prevLine(line)
	}
	if !ok {
		if down {
			t.cursor = t.end()
		} else {
			t.cursor = textPos{}
		}
		return
	}
	tp := t.paragraph(target.para)
	t.cursor = textPos{target.para, tp.offsetAtColumn(target.line, t.goalCol, work)}
}

func (t textEditor) visualLineStart() textPos {
	line := t.lineAt(t.cursor)
	return textPos{line.para, t.paragraph(line.para).lines[line.line].start}
}

// visualLineEnd is the last place on the cursor's visual line: the end of
// the paragraph on its last line, otherwise the last cluster (usually the
// space the line broke after), since the end of a wrapped line is the start
// of the next.
func (t textEditor) visualLineEnd() textPos {
	line := t.lineAt(t.cursor)
	p := t.paragraph(line.para)
	start, end := p.lineBounds(line.line, t.work)
	if !p.lineExists(line.line+1, t.work) || start == end {
		return textPos{line.para, end}
	}
	starts := p.clusterStartsBefore(end, t.work)
	return textPos{line.para, starts[len(starts)-1]}
}

// Editing.

func (t *textEditor) insertRunes(runes []rune) bool {
	t.work.cleaned = appendCleanRunes(t.work.cleaned[:0], runes)
	return t.insertClean(t.work.cleaned)
}

// insertClean inserts cleaned text at the cursor as one edit; line breaks
// in it start new paragraphs.
func (t *textEditor) insertClean(text []byte) bool {
	if len(text) == 0 {
		return false
	}
	work := t.work
	at := t.cursor
	p := t.paragraph(at.para)
	t.runes += utf8.RuneCount(text)
	firstBreak := bytes.IndexByte(text, '\n')
	if firstBreak < 0 {
		p.insertBytes(at.off, text)
		p.rewrapEdited(at.off, 0, len(text), work)
		if t.top.para == at.para && t.top.off > at.off {
			t.top.off += len(text)
		}
		t.cursor = t.snapped(textPos{at.para, at.off + len(text)})
		return true
	}
	lastBreak := bytes.LastIndexByte(text, '\n')
	first, last := text[:firstBreak], text[lastBreak+1:]
	t.runes -= bytes.Count(text, newlineText)

	// The paragraph's tail after the cursor moves behind the last pasted
	// line; its old line starts tell where the new paragraph's lines fall.
	tailLen := p.size() - at.off
	q := &paragraph{wrapWidth: p.wrapWidth}
	q.buf = make([]byte, len(last)+tailLen+spareGap)
	n := copy(q.buf, last)
	tailFirst, tailSecond := p.parts(at.off, p.size())
	n += copy(q.buf[n:], tailFirst)
	n += copy(q.buf[n:], tailSecond)
	q.gapStart, q.gapEnd = n, len(q.buf)
	q.lines = []wrappedLine{{0, undecided}}
	q.rewrapFrom(0, linesFrom(p.lines, at.off), len(last)-at.off, p.wrapped, len(last), splitRewrapAhead, work)

	p.deleteBytes(at.off, tailLen)
	p.insertBytes(at.off, first)
	p.rewrapEdited(at.off, tailLen, len(first), work)

	var middle []*paragraph
	if firstBreak < lastBreak {
		middle = paragraphsOwning(bytes.Clone(text[firstBreak+1 : lastBreak]))
	}
	added := len(middle) + 1
	paras := make([]*paragraph, 0, len(t.paras)+added)
	paras = append(paras, t.paras[:at.para+1]...)
	paras = append(paras, middle...)
	paras = append(paras, q)
	t.paras = append(paras, t.paras[at.para+1:]...)

	switch {
	case t.top.para > at.para:
		t.top.para += added
	case t.top.para == at.para && t.top.off > at.off:
		t.top = textPos{at.para + added, t.top.off - at.off + len(last)}
	}
	t.cursor = t.snapped(textPos{at.para + added, len(last)})
	return true
}

// deleteRange deletes the text between two positions, joining paragraphs
// when it spans line breaks, and leaves the cursor at from.
func (t *textEditor) deleteRange(from, to textPos) bool {
	if !from.before(to) {
		return false
	}
	work := t.work
	a := t.paragraph(from.para)
	if from.para == to.para {
		n := to.off - from.off
		t.runes -= a.runesBetween(from.off, to.off)
		a.deleteBytes(from.off, n)
		a.rewrapEdited(from.off, n, 0, work)
		if t.top.para == from.para && t.top.off > from.off {
			t.top.off = max(from.off, t.top.off-n)
		}
		t.cursor = t.snapped(from)
		return true
	}

	b := t.paragraph(to.para)
	t.runes -= a.runesBetween(from.off, a.size())
	for _, middle := range t.paras[from.para+1 : to.para] {
		t.runes -= middle.runesBetween(0, middle.size())
	}
	t.runes -= b.runesBetween(0, to.off)

	keep := a.firstLineDecidedFrom(from.off)
	a.deleteBytes(from.off, a.size()-from.off)
	tailFirst, tailSecond := b.parts(to.off, b.size())
	a.insertBytes(from.off, tailFirst)
	a.insertBytes(from.off+len(tailFirst), tailSecond)
	a.rewrapFrom(keep, linesFrom(b.lines, to.off), from.off-to.off, b.wrapped, from.off, splitRewrapAhead, work)

	removed := to.para - from.para
	t.paras = append(t.paras[:from.para+1], t.paras[to.para+1:]...)
	switch {
	case t.top.para > to.para:
		t.top.para -= removed
	case t.top.para == to.para && t.top.off >= to.off:
		t.top = textPos{from.para, from.off + t.top.off - to.off}
	case t.top.para > from.para || t.top.para == from.para && t.top.off > from.off:
		t.top = from
	}
	t.cursor = t.snapped(from)
	return true
}

func (a textPos) before(b textPos) bool {
	return a.para < b.para || a.para == b.para && a.off < b.off
}

// snapped moves a position that an edit left inside a grapheme cluster (a
// combining accent typed after a letter, a letter typed before an accent)
// to the end of that cluster, reading from the start of its visual line,
// which is always a cluster boundary.
func (t textEditor) snapped(pos textPos) textPos {
	p := t.paragraph(pos.para)
	line := p.lineOf(pos.off, t.work)
	start, end := p.lineBounds(line, t.work)
	if pos.off == start || pos.off == end {
		return pos
	}
	text := p.slice(start, end, &t.work.window)
	i := 0
	for start+i < pos.off {
		size, _, _ := clusterIn(text, i, true)
		i += size
	}
	return textPos{pos.para, start + i}
}

// The external editor.

// editInExternalEditor hands the text to $EDITOR (nano when unset) in a
// file only the user can read, and brings back what was saved there. The
// file is written in the command, not in Update, as all disk work is.
func editInExternalEditor(editorID int, text string) tea.Cmd {
	return func() tea.Msg {
		path, err := writeEditorFile(text)
		if err != nil {
			return externalEditDoneMsg{editorID: editorID, err: err}
		}
		name, args := externalEditorCommand()
		cmd := exec.Command(name, append(args, path)...) //nolint:gosec // the user's own editor
		hadFinalNewline := strings.HasSuffix(text, "\n")
		return tea.ExecProcess(cmd, func(err error) tea.Msg {
			return readEditorFile(editorID, path, hadFinalNewline, err)
		})()
	}
}

func externalEditorCommand() (string, []string) {
	fields := strings.Fields(os.Getenv("EDITOR"))
	if len(fields) == 0 {
		return "nano", nil
	}
	return fields[0], fields[1:]
}

func writeEditorFile(text string) (string, error) {
	f, err := os.CreateTemp("", "boso-*.txt")
	if err != nil {
		return "", err
	}
	// CreateTemp makes the file 0600 today; the answer must never be
	// readable by others, so that is not left to a library default.
	err = f.Chmod(editorFileMode)
	if err == nil {
		_, err = f.WriteString(text)
	}
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// readEditorFile takes the text back and removes the file. Editors such as
// vim end a file with a line break; it is dropped unless the text had one,
// so that a round trip through the editor does not grow the answer.
func readEditorFile(editorID int, path string, hadFinalNewline bool, runErr error) tea.Msg {
	content, err := os.ReadFile(path)
	_ = os.Remove(path)
	if runErr != nil {
		return externalEditDoneMsg{editorID: editorID, err: runErr}
	}
	if err != nil {
		return externalEditDoneMsg{editorID: editorID, err: err}
	}
	text := string(content)
	if !hadFinalNewline {
		text = strings.TrimSuffix(strings.TrimSuffix(text, "\n"), "\r")
	}
	return externalEditDoneMsg{editorID: editorID, text: text}
}

// Cleaning what comes in.

// appendCleanString appends s as the editor keeps text: line breaks as \n
// (\r\n and a lone \r from Windows and old Mac documents), control
// characters dropped, tabs kept, invalid UTF-8 as U+FFFD. Without ESC and
// the C1 controls no escape sequence can reach the terminal; the printable
// rest of a sequence is kept, because dropping a sequence up to its end
// would swallow the rest of a paste whose stray ESC opens a string that is
// never closed.
func appendCleanString(dst []byte, s string) []byte {
	afterCR := false
	for _, r := range s {
		dst, afterCR = appendCleanRune(dst, r, afterCR)
	}
	return dst
}

func appendCleanRunes(dst []byte, runes []rune) []byte {
	afterCR := false
	for _, r := range runes {
		dst, afterCR = appendCleanRune(dst, r, afterCR)
	}
	return dst
}

func appendCleanRune(dst []byte, r rune, afterCR bool) ([]byte, bool) {
	switch {
	case r == '\r':
		return append(dst, '\n'), true
	case r == '\n':
		if afterCR {
			return dst, false
		}
		return append(dst, '\n'), false
	case r == '\t':
		return append(dst, '\t'), false
	case r < 0x20 || r >= 0x7f && r <= 0x9f:
		return dst, false
	}
	return utf8.AppendRune(dst, r), false
}

// Paragraphs.

// paragraph is the text between two line breaks, in a gap buffer: the
// bytes before and after the place of the last edit sit at the two ends of
// buf, so typing there fills the gap instead of moving the rest.
// Offsets are in the text without the gap.
type paragraph struct {
	buf      []byte
	gapStart int
	gapEnd   int

	// lines are the visual lines at wrapWidth, broken lazily: when not
	// wrapped, the last one is a known line start whose end is not yet
	// looked for.
	lines     []wrappedLine
	wrapWidth int
	wrapped   bool
}

// wrappedLine is a visual line's start, and how far the text was read to
// decide where the line ends: an edit before decided may move the break.
type wrappedLine struct {
	start   int
	decided int
}

// paragraphsOwning splits text at its line breaks into paragraphs that
// share text's memory (each capped, so growing one copies only it).
func paragraphsOwning(text []byte) []*paragraph {
	n := bytes.Count(text, newlineText) + 1
	block := make([]paragraph, n)
	paras := make([]*paragraph, n)
	for i := range block {
		end := bytes.IndexByte(text, '\n')
		if end < 0 {
			end = len(text)
		}
		block[i].buf = text[:end:end]
		block[i].gapStart, block[i].gapEnd = end, end
		paras[i] = &block[i]
		if end < len(text) {
			text = text[end+1:]
		}
	}
	return paras
}

func (p *paragraph) size() int { return len(p.buf) - p.gapEnd + p.gapStart }

func (p *paragraph) moveGap(off int) {
	switch {
	case off < p.gapStart:
		n := p.gapStart - off
		copy(p.buf[p.gapEnd-n:p.gapEnd], p.buf[off:p.gapStart])
		p.gapStart, p.gapEnd = off, p.gapEnd-n
	case off > p.gapStart:
		n := off - p.gapStart
		copy(p.buf[p.gapStart:], p.buf[p.gapEnd:p.gapEnd+n])
		p.gapStart, p.gapEnd = off, p.gapEnd+n
	}
}

func (p *paragraph) insertBytes(off int, text []byte) {
	if len(text) == 0 {
		return
	}
	if len(text) > p.gapEnd-p.gapStart {
		p.grow(len(text))
	}
	p.moveGap(off)
	p.gapStart += copy(p.buf[p.gapStart:], text)
}

// grow makes room for need bytes and a quarter of the paragraph more, so
// that a long paragraph is copied rarely however it is typed into.
func (p *paragraph) grow(need int) {
	size := p.size()
	buf := make([]byte, size+need+size/4+spareGap)
	copy(buf, p.buf[:p.gapStart])
	tail := p.buf[p.gapEnd:]
	p.gapEnd = len(buf) - len(tail)
	copy(buf[p.gapEnd:], tail)
	p.buf = buf
}

func (p *paragraph) deleteBytes(off, n int) {
	p.moveGap(off)
	p.gapEnd += n
}

// parts returns the text of [from, to) as the pieces before and after the
// gap, without copying.
func (p *paragraph) parts(from, to int) (first, second []byte) {
	gap := p.gapEnd - p.gapStart
	switch {
	case to <= p.gapStart:
		return p.buf[from:to], nil
	case from >= p.gapStart:
		return p.buf[from+gap : to+gap], nil
	}
	return p.buf[from:p.gapStart], p.buf[p.gapEnd : to+gap]
}

// slice returns the text of [from, to) in one piece, copied into scratch
// only when it spans the gap.
func (p *paragraph) slice(from, to int, scratch *[]byte) []byte {
	first, second := p.parts(from, to)
	if len(second) == 0 {
		return first
	}
	*scratch = append(append((*scratch)[:0], first...), second...)
	return *scratch
}

func (p *paragraph) byteAt(off int) byte {
	if off >= p.gapStart {
		off += p.gapEnd - p.gapStart
	}
	return p.buf[off]
}

func (p *paragraph) runesBetween(from, to int) int {
	first, second := p.parts(from, to)
	return utf8.RuneCount(first) + utf8.RuneCount(second)
}

// clusterAt returns the size and width of the grapheme cluster at off,
// which must be a cluster boundary, as must limit.
func (p *paragraph) clusterAt(off, limit int, work *editorWork) (size, cells int) {
	end := min(limit, off+clusterProbe)
	for {
		text := p.slice(off, end, &work.cluster)
		if size, cells, sure := clusterIn(text, 0, end == limit); sure {
			return size, cells
		}
		end = min(limit, off+2*(end-off))
	}
}

// spaceAt reports whether the cluster at off starts with white space, which
// is what separates words for ctrl+←/→.
func (p *paragraph) spaceAt(off int, work *editorWork) bool {
	if b := p.byteAt(off); b < utf8.RuneSelf {
		return b == ' ' || b == '\t'
	}
	r, _ := utf8.DecodeRune(p.slice(off, min(p.size(), off+utf8.UTFMax), &work.cluster))
	return unicode.IsSpace(r)
}

// clusterStartsBefore returns the starts of the clusters from the start of
// the visual line before off up to off, which must be a boundary above 0.
func (p *paragraph) clusterStartsBefore(off int, work *editorWork) []int {
	line := p.lineOf(off, work)
	start := p.lines[line].start
	if start == off {
		start = p.lines[line-1].start
	}
	text := p.slice(start, off, &work.window)
	starts := work.starts[:0]
	for i := 0; i < len(text); {
		starts = append(starts, start+i)
		size, _, _ := clusterIn(text, i, true)
		i += size
	}
	work.starts = starts
	return starts
}

func (p *paragraph) cellsBetween(from, to int, work *editorWork) int {
	text := p.slice(from, to, &work.window)
	cells := 0
	for i := 0; i < len(text); {
		size, w, _ := clusterIn(text, i, true)
		cells += w
		i += size
	}
	return cells
}

// offsetAtColumn returns the place on a visual line under a column: the
// cluster covering it, or the line's last place when the line is shorter.
func (p *paragraph) offsetAtColumn(line, col int, work *editorWork) int {
	start, end := p.lineBounds(line, work)
	last := !p.lineExists(line+1, work)
	text := p.slice(start, end, &work.window)
	cells, prev, i := 0, 0, 0
	for i < len(text) {
		size, w, _ := clusterIn(text, i, true)
		if cells+w > col {
			return start + i
		}
		cells += w
		prev = i
		i += size
	}
	if last {
		return end
	}
	return start + prev
}

// Line breaking.

// useWidth drops the line cache when it was made for another width.
func (p *paragraph) useWidth(width int) {
	if p.wrapWidth == width && len(p.lines) > 0 {
		return
	}
	p.wrapWidth = width
	p.lines = append(p.lines[:0], wrappedLine{0, undecided})
	p.wrapped = false
}

// lineExists breaks lines until line i is known or the paragraph ends.
func (p *paragraph) lineExists(i int, work *editorWork) bool {
	for !p.wrapped && len(p.lines) <= i {
		p.breakNext(work)
	}
	return i < len(p.lines)
}

// lineBounds returns where visual line i starts and ends.
func (p *paragraph) lineBounds(i int, work *editorWork) (start, end int) {
	if p.lineExists(i+1, work) {
		return p.lines[i].start, p.lines[i+1].start
	}
	return p.lines[i].start, p.size()
}

func (p *paragraph) lastLine(work *editorWork) int {
	for !p.wrapped {
		p.breakNext(work)
	}
	return len(p.lines) - 1
}

// lineOf returns the visual line that off is on.
func (p *paragraph) lineOf(off int, work *editorWork) int {
	for !p.wrapped && p.lines[len(p.lines)-1].start <= off {
		p.breakNext(work)
	}
	lo, hi := 0, len(p.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if p.lines[mid].start <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// breakNext finds the end of the last known line.
func (p *paragraph) breakNext(work *editorWork) {
	last := len(p.lines) - 1
	next, cells, decided := p.breakLine(p.lines[last].start, work)
	p.lines[last].decided = decided
	if size := p.size(); next >= size {
		p.endLines(cells)
		return
	}
	p.lines = append(p.lines, wrappedLine{next, undecided})
}

// endLines marks the lines complete. A last line as wide as the box (a
// space hanging past the width, or one character wider than the width)
// leaves no cell for the cursor at the paragraph's end, which then gets an
// empty line of its own.
func (p *paragraph) endLines(lastCells int) {
	if lastCells > p.wrapWidth {
		size := p.size()
		p.lines = append(p.lines, wrappedLine{size, size})
	}
	p.wrapped = true
}

// firstLineDecidedFrom returns the first line whose end depends on text at
// or after off: lines before it are unaffected by an edit at off.
func (p *paragraph) firstLineDecidedFrom(off int) int {
	lo, hi := 0, len(p.lines)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if p.lines[mid].decided >= off {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// linesFrom returns the lines that start at or after off.
func linesFrom(lines []wrappedLine, off int) []wrappedLine {
	for len(lines) > 0 && lines[0].start < off {
		lines = lines[1:]
	}
	return lines
}

// rewrapEdited updates the lines after oldLen bytes at off were replaced
// by newLen bytes.
func (p *paragraph) rewrapEdited(off, oldLen, newLen int, work *editorWork) {
	keep := p.firstLineDecidedFrom(off)
	old := linesFrom(p.lines[keep+1:], off+oldLen)
	p.rewrapFrom(keep, old, newLen-oldLen, p.wrapped, off+newLen, typingRewrapAhead, work)
}

// rewrapFrom breaks lines again from line keep, whose start is still
// valid, after the text changed. old are line starts of text that is
// unchanged since, at old offsets: moved by shift they are where that text
// now is. Once a new line starts where an old one does, the text from there
// on is the same, and so are its breaks; they are taken over. When that has
// not happened within ahead lines past after, the rest is left to be broken
// lazily.
func (p *paragraph) rewrapFrom(keep int, old []wrappedLine, shift int, oldWrapped bool, after, ahead int, work *editorWork) {
	size := p.size()
	fresh := work.lines[:0]
	pos, past := p.lines[keep].start, 0
	for {
		next, cells, decided := p.breakLine(pos, work)
		fresh = append(fresh, wrappedLine{pos, decided})
		if next >= size {
			p.lines = append(p.lines[:keep], fresh...)
			p.endLines(cells)
			break
		}
		pos = next
		for len(old) > 0 && old[0].start+shift < pos {
			old = old[1:]
		}
		if len(old) > 0 && old[0].start+shift == pos {
			p.spliceLines(keep, fresh, old, shift)
			p.wrapped = oldWrapped
			break
		}
		if pos > after {
			if past++; past > ahead {
				fresh = append(fresh, wrappedLine{pos, undecided})
				p.lines = append(p.lines[:keep], fresh...)
				p.wrapped = false
				break
			}
		}
	}
	work.lines = fresh[:0]
}

// spliceLines replaces the lines from keep with fresh and then old (moved
// by shift). old may lie in p.lines itself, so it is moved into place first.
func (p *paragraph) spliceLines(keep int, fresh, old []wrappedLine, shift int) {
	n := keep + len(fresh) + len(old)
	var lines []wrappedLine
	if n <= cap(p.lines) {
		lines = p.lines[:n]
	} else {
		lines = make([]wrappedLine, n, n+n/4)
		copy(lines, p.lines[:keep])
	}
	moved := lines[keep+len(fresh):]
	copy(moved, old)
	if shift != 0 {
		for i := range moved {
			moved[i].start += shift
			if moved[i].decided != undecided {
				moved[i].decided += shift
			}
		}
	}
	copy(lines[keep:], fresh)
	p.lines = lines
}

// breakLine finds where the visual line starting at start ends: after the
// last space that fits in the width, or inside a word longer than a line.
// A space that does not fit hangs at the end of its line, so a line never
// starts with the space it broke at. It reads a window of text that most
// lines fit in, and a larger one when the line (or a cluster) runs past it.
func (p *paragraph) breakLine(start int, work *editorWork) (next, cells, decided int) {
	size := p.size()
	if start >= size {
		return size, 0, size
	}
	span := 4*p.wrapWidth + 64
	for {
		end := min(size, start+span)
		text := p.slice(start, end, &work.window)
		if next, cells, decided, sure := breakText(text, p.wrapWidth, end == size); sure {
			return start + next, cells, start + decided
		}
		span *= 2
	}
}

// breakText is breakLine on a window of text; sure is false when the window
// ended before the line's end was known.
func breakText(text []byte, width int, atEnd bool) (next, cells, decided int, sure bool) {
	col, i := 0, 0
	breakAt, breakCells := 0, 0
	for i < len(text) {
		size, w, ok := clusterIn(text, i, atEnd)
		if !ok {
			return 0, 0, 0, false
		}
		c := text[i]
		if col+w > width {
			decided = i + size
			switch {
			case size == 1 && c == ' ':
				return i + 1, col + 1, decided, true
			case breakAt > 0:
				return breakAt, breakCells, decided, true
			case i == 0:
				return size, w, decided, true
			}
			return i, col, decided, true
		}
		col += w
		i += size
		if size == 1 && (c == ' ' || c == '\t') {
			breakAt, breakCells = i, col
		}
	}
	if !atEnd {
		return 0, 0, 0, false
	}
	return i, col, i, true
}

// clusterIn returns the size and width of the grapheme cluster at text[i],
// i being a cluster boundary. A cluster that reaches the end of text is not
// sure unless atEnd: the next bytes could still belong to it. Widths are
// the ones lipgloss measures with, so the screens agree with the editor.
func clusterIn(text []byte, i int, atEnd bool) (size, cells int, sure bool) {
	b := text[i]
	// Only non-ASCII (combining marks, joiners) extends an ASCII
	// character, so most text needs no segmentation at all.
	if b < utf8.RuneSelf && (i+1 < len(text) && text[i+1] < utf8.RuneSelf || i+1 == len(text) && atEnd) {
		switch {
		case b == '\t':
			return 1, tabCells, true
		case b < ' ' || b == 0x7f:
			return 1, 0, true
		}
		return 1, 1, true
	}
	cluster, w := ansi.FirstGraphemeCluster(text[i:], ansi.GraphemeWidth)
	if i+len(cluster) == len(text) && !atEnd {
		return 0, 0, false
	}
	if b == '\t' {
		w = tabCells
	}
	return len(cluster), w, true
}
