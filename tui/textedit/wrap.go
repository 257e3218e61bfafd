package textedit

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
