package textedit

import (
	"bytes"
	"slices"
	"time"
)

// Undo and redo.
//
// Every change of the text is a step: where it happened, the text it
// removed and the text it inserted, and where the cursor was before and
// after. Undo deletes the inserted text and puts the removed text back;
// redo does the opposite. Places are kept as (paragraph, offset): they stay
// right because steps are undone and redone strictly in order, so a step is
// always applied to the very text it was recorded on. A step costs what its
// own text costs, never the answer's length.

const (
	// typingPause ends a step of typing or deleting: undo takes back what
	// was typed since the last pause.
	typingPause = time.Second

	// maxBackspaceBytes bounds a step of backspaces, whose removed text
	// grows at its front (a copy of the step per key).
	maxBackspaceBytes = 1 << 10

	// historyBytes and historySteps bound the memory of one field's
	// history; the oldest steps are forgotten first. A 1 MB answer brought
	// back from $EDITOR is a step of 2 MB, and still fits.
	historyBytes = 4 << 20
	historySteps = 10_000

	// stepOverhead is what a step costs beside its text, counted against
	// historyBytes so that many tiny steps are bounded too.
	stepOverhead = 96
)

type stepKind uint8

const (
	// stepTyped grows a word at a time while typing goes on.
	stepTyped stepKind = iota
	// stepBackspace grows while backspace deletes one character at a time.
	stepBackspace
	// stepDelete grows while delete deletes one character at a time.
	stepDelete
	// stepWhole never grows: a paste, a deleted word or line, the text
	// back from $EDITOR.
	stepWhole
)

type step struct {
	kind stepKind
	// at is where removed was and inserted is; end is where inserted ends.
	at, end  textPos
	removed  []byte
	inserted []byte
	// before and after are the cursor before the step and after it.
	before, after textPos
	// when is the last time the step grew.
	when time.Time
}

func (s *step) size() int { return len(s.removed) + len(s.inserted) + stepOverhead }

// History is the undo and redo history of one field. A screen keeps one per
// field while the report is open and gives it to each editor it makes for
// that field (SetHistory), so undo reaches back past leaving the field.
// Its memory is bounded; the oldest steps are forgotten first.
type History struct {
	// steps[first:done] can be undone, steps[done:] redone.
	steps       []step
	first, done int
	bytes       int
	// open is set while the newest step may still grow.
	open bool
	// text is the text the history ends at, as Value last built it, while
	// textValid: an editor made for the field later goes on with this
	// history only if it is given the same text.
	text      string
	textValid bool
	// spare is the text buffer of a typing step backspaced away, for the
	// next one: typing a letter and taking it back allocates nothing.
	spare []byte
}

// NewHistory returns an empty history.
func NewHistory() *History { return &History{} }

func (h *History) reset() {
	clear(h.steps)
	*h = History{steps: h.steps[:0]}
}

// newest returns the step that may grow, or nil.
func (h *History) newest() *step {
	if !h.open || h.done == h.first || h.done != len(h.steps) {
		return nil
	}
	return &h.steps[h.done-1]
}

// push adds a step and forgets what could be redone.
func (h *History) push(s step) {
	for i := h.done; i < len(h.steps); i++ {
		h.bytes -= h.steps[i].size()
	}
	clear(h.steps[h.done:])
	h.steps = append(h.steps[:h.done], s)
	h.done++
	h.bytes += s.size()
	h.bound()
}

// bound forgets the oldest steps until the history fits its bounds. Steps
// are dropped from the front by moving first; the slice is compacted when
// half of it is dropped, so each step is moved once on average.
func (h *History) bound() {
	for h.done > h.first && (h.bytes > historyBytes || h.done-h.first > historySteps) {
		h.bytes -= h.steps[h.first].size()
		h.steps[h.first] = step{}
		h.first++
	}
	if h.first > 0 && 2*h.first >= len(h.steps) {
		n := copy(h.steps, h.steps[h.first:])
		clear(h.steps[n:])
		h.steps = h.steps[:n]
		h.done -= h.first
		h.first = 0
	}
}

// changed notes that the text no longer is the one Value last built.
func (h *History) changed() { h.textValid = false }

// SetHistory makes the editor record into h, the history its field had
// in an earlier editor. h goes on only if the editor holds, unedited, the
// text given to the last SetValue and that is the text h ends at; otherwise
// the text was changed elsewhere (another window, $EDITOR on a copy) and h
// starts afresh. Call it after SetValue.
func (t *Model) SetHistory(h *History) {
	if t.version != t.loadedVersion || !h.textValid || h.text != t.loaded {
		h.reset()
	}
	h.open = false
	t.hist = h
}

// endOf returns where text inserted at at ends.
func endOf(at textPos, text []byte) textPos {
	breaks := bytes.Count(text, newlineText)
	if breaks == 0 {
		return textPos{at.para, at.off + len(text)}
	}
	return textPos{at.para + breaks, len(text) - bytes.LastIndexByte(text, '\n') - 1}
}

// appendRange appends the text of [from, to), line breaks included.
func (t *Model) appendRange(dst []byte, from, to textPos) []byte {
	for para := from.para; para <= to.para; para++ {
		p := t.paras[para]
		start, end := 0, p.size()
		if para == from.para {
			start = from.off
		} else {
			dst = append(dst, '\n')
		}
		if para == to.para {
			end = to.off
		}
		first, second := p.parts(start, end)
		dst = append(append(dst, first...), second...)
	}
	return dst
}

// startsWord reports whether text typed after typed begins a new word, which
// is where typing is split into steps.
func startsWord(typed, text []byte) bool {
	return len(typed) > 0 && isBlank(typed[len(typed)-1]) && !isBlank(text[0])
}

func isBlank(b byte) bool { return b == ' ' || b == '\t' || b == '\n' }

// insert inserts cleaned text at the cursor and records it: typed text
// joins the typing before it up to a pause or a new word.
func (t *Model) insert(text []byte, kind stepKind) bool {
	at := t.cursor
	if !t.insertClean(text) {
		return false
	}
	h, now := t.hist, t.clock()
	h.changed()
	if s := h.newest(); kind == stepTyped && s != nil && s.kind == stepTyped && s.end == at &&
		now.Sub(s.when) < typingPause && !startsWord(s.inserted, text) {
		s.inserted = append(s.inserted, text...)
		s.end, s.after, s.when = endOf(s.at, s.inserted), t.cursor, now
		h.bytes += len(text)
		h.bound()
		return true
	}
	inserted := append(h.spare[:0:cap(h.spare)], text...)
	h.spare = nil
	h.push(step{kind: kind, at: at, end: endOf(at, text), inserted: inserted, before: at, after: t.cursor, when: now})
	h.open = kind == stepTyped
	return true
}

// delete deletes [from, to) and records it. A backspace over what was just
// typed takes it out of the typing step; backspaces and deletes in a row
// make one step, up to a pause.
func (t *Model) delete(from, to textPos, kind stepKind) bool {
	if !from.before(to) {
		return false
	}
	h, now := t.hist, t.clock()
	h.changed()
	before := t.cursor
	s := h.newest()
	if s != nil && now.Sub(s.when) >= typingPause {
		s = nil
	}
	switch {
	case s != nil && kind == stepBackspace && s.kind == stepTyped && s.end == to && !from.before(s.at):
		// The text between s.at and s.end is s.inserted: nothing changed
		// since the step grew last.
		n := len(t.appendRange(t.work.cleaned[:0], from, to))
		t.deleteRange(from, to)
		s.inserted = s.inserted[:len(s.inserted)-n]
		s.end, s.after, s.when = from, t.cursor, now
		h.bytes -= n
		if len(s.inserted) == 0 {
			h.spare = s.inserted
			h.bytes -= s.size()
			h.done--
			h.steps[h.done] = step{}
			h.steps = h.steps[:h.done]
			h.open = false
		}
		return true
	case s != nil && kind == stepBackspace && s.kind == stepBackspace && s.at == to && len(s.removed) < maxBackspaceBytes:
		removed := t.appendRange(t.work.cleaned[:0], from, to)
		s.removed = slices.Insert(s.removed, 0, removed...)
		h.bytes += len(removed)
		t.deleteRange(from, to)
		s.at, s.end, s.after, s.when = from, from, t.cursor, now
		h.bound()
		return true
	case s != nil && kind == stepDelete && s.kind == stepDelete && s.at == from:
		n := len(s.removed)
		s.removed = t.appendRange(s.removed, from, to)
		h.bytes += len(s.removed) - n
		t.deleteRange(from, to)
		s.after, s.when = t.cursor, now
		h.bound()
		return true
	}
	removed := t.appendRange(nil, from, to)
	t.deleteRange(from, to)
	h.push(step{kind: kind, at: from, end: from, removed: removed, before: before, after: t.cursor, when: now})
	h.open = kind != stepWhole
	return true
}

// replaceAll puts text in place of the whole answer as one step (the text
// back from $EDITOR).
func (t *Model) replaceAll(s string) {
	old := t.appendRange(nil, textPos{}, t.end())
	before := t.cursor
	// The paragraphs edit the text setText returns in place.
	text := bytes.Clone(t.setText(s))
	h := t.hist
	h.changed()
	h.push(step{kind: stepWhole, end: endOf(textPos{}, text), removed: old, inserted: text, before: before, after: t.cursor, when: t.clock()})
	h.open = false
}

// replace puts text in place of [from, to) as one step.
func (t *Model) replace(from, to textPos, text []byte) {
	before := t.cursor
	removed := t.appendRange(nil, from, to)
	t.swap(from, to, text)
	h := t.hist
	h.changed()
	h.push(step{kind: stepWhole, at: from, end: endOf(from, text), removed: removed, inserted: bytes.Clone(text), before: before, after: t.cursor, when: t.clock()})
	h.open = false
}

// undo takes back the newest step.
func (t *Model) undo() bool {
	h := t.hist
	if h.done == h.first {
		return false
	}
	h.done--
	s := &h.steps[h.done]
	t.swap(s.at, s.end, s.removed)
	t.cursor = s.before
	h.open = false
	h.changed()
	return true
}

// redo makes the step undone last again.
func (t *Model) redo() bool {
	h := t.hist
	if h.done == len(h.steps) {
		return false
	}
	s := &h.steps[h.done]
	h.done++
	t.swap(s.at, endOf(s.at, s.removed), s.inserted)
	t.cursor = s.after
	h.open = false
	h.changed()
	return true
}

// swap puts text in place of [from, to).
func (t *Model) swap(from, to textPos, text []byte) {
	t.deleteRange(from, to)
	t.cursor = from
	t.insertClean(text)
}
