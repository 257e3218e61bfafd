package textedit

// Visual lines, scrolling and moving.

// contentWidth is the width lines are broken at: one column less than the
// box, so the cursor has a cell after the last character of a line.
func (t *Model) contentWidth() int { return max(1, t.width-1) }

// paragraph returns a paragraph with its line cache set to the editor's
// width, so every caller sees lines for the width on screen.
func (t *Model) paragraph(i int) *paragraph {
	p := t.paras[i]
	p.useWidth(t.contentWidth())
	return p
}

func (t *Model) end() textPos {
	last := len(t.paras) - 1
	return textPos{last, t.paras[last].size()}
}

func (t *Model) topPos(r lineRef) textPos {
	return textPos{r.para, t.paragraph(r.para).lines[r.line].start}
}

// lineAt returns the visual line a position is on.
func (t *Model) lineAt(pos textPos) lineRef {
	para := min(max(pos.para, 0), len(t.paras)-1)
	p := t.paragraph(para)
	return lineRef{para, p.lineOf(min(max(pos.off, 0), p.size()), t.work)}
}

func (t *Model) prevLine(r lineRef) (lineRef, bool) {
	if r.line > 0 {
		return lineRef{r.para, r.line - 1}, true
	}
	if r.para == 0 {
		return r, false
	}
	return lineRef{r.para - 1, t.paragraph(r.para - 1).lastLine(t.work)}, true
}

func (t *Model) nextLine(r lineRef) (lineRef, bool) {
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
func (t *Model) scrolledTop() lineRef {
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

func (t *Model) clusterBefore(pos textPos) textPos {
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

func (t *Model) clusterAfter(pos textPos) textPos {
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
func (t *Model) wordEndAfter(pos textPos) textPos {
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
func (t *Model) wordStartBefore(pos textPos) textPos {
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
func (t *Model) moveVertically(down bool) {
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

func (t *Model) visualLineStart() textPos {
	line := t.lineAt(t.cursor)
	return textPos{line.para, t.paragraph(line.para).lines[line.line].start}
}

// visualLineEnd is the last place on the cursor's visual line: the end of
// the paragraph on its last line, otherwise the last cluster (usually the
// space the line broke after), since the end of a wrapped line is the start
// of the next.
func (t *Model) visualLineEnd() textPos {
	line := t.lineAt(t.cursor)
	p := t.paragraph(line.para)
	start, end := p.lineBounds(line.line, t.work)
	if !p.lineExists(line.line+1, t.work) || start == end {
		return textPos{line.para, end}
	}
	starts := p.clusterStartsBefore(end, t.work)
	return textPos{line.para, starts[len(starts)-1]}
}
