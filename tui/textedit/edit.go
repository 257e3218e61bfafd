package textedit

import (
	"bytes"
	"unicode/utf8"
)

// insertText inserts typed or pasted text at the cursor, cleaned.
func (t *Model) insertText(text string, kind stepKind) bool {
	t.work.cleaned = appendCleanString(t.work.cleaned[:0], text)
	return t.insert(t.work.cleaned, kind)
}

// insertClean inserts cleaned text at the cursor as one edit; line breaks
// in it start new paragraphs.
func (t *Model) insertClean(text []byte) bool {
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
func (t *Model) deleteRange(from, to textPos) bool {
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
func (t *Model) snapped(pos textPos) textPos {
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
