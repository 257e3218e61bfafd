package textedit

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

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
