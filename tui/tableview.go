package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"boso/model"
)

// refreshCells formats the cells whose value changed since the last time.
func (t *tableScreen) refreshCells() {
	t.seenChanges = t.e.Changes()
	for r := range t.rows {
		for col := 1; col < len(t.rows[r].cells); col++ {
			cell := &t.rows[r].cells[col]
			if cell.field == nil {
				continue
			}
			v := t.e.Value(cell.id)
			shown := cell.shown
			if v != cell.value || shown == "" {
				shown = model.Format(cell.field.Type, v)
			}
			cell.value, cell.shown = v, shown
		}
		if t.lastCol > 0 {
			t.refreshChange(r)
		}
	}
}

// refreshChange works out a row's change since last year, when this year's
// value or the row's area changed.
func (t *tableScreen) refreshChange(r int) {
	g := &t.rows[r]
	hidden := !model.SameRow(t.e.r, t.e.Previous(), g.row)
	now := g.cells[t.lastCol].value
	if g.changeSet && now == g.changeOf && hidden == g.lastHidden {
		return
	}
	g.changeSet, g.changeOf, g.lastHidden = true, now, hidden
	g.change = g.change[:0]
	if !hidden && now.Kind == model.Number && g.last.Kind == model.Number {
		g.change = appendChange(g.change, now.Num-g.last.Num)
	}
}

// appendChange writes a change with its sign, grouped as model.FormatCount
// groups: "+3", "-2", "0", "+1 200". Appending to a kept buffer spares the
// two strings per row a keystroke would otherwise make.
func appendChange(dst []byte, n int64) []byte {
	switch {
	case n > 0:
		dst = append(dst, '+')
	case n < 0:
		dst = append(dst, '-')
		n = -n // counts are bounded far below the edge of int64
	}
	var buf [20]byte
	digits := strconv.AppendInt(buf[:0], n, 10)
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, d)
	}
	return dst
}

// refreshProblems wraps the problems to show; they change only when a field
// is left (editing.leave), so this runs then, not per keystroke.
//
// A cell is too small for a sentence: it shows a mark, the focused row's
// problems are written out under the grid, and the others are counted there.
// A number marked X without a comment also has its problem under the row's
// comment, where the fix goes.
func (t *tableScreen) refreshProblems() {
	w := t.width()
	for i := range t.targets {
		tg := &t.targets[i]
		if tg.kind != tableTextBox {
			continue
		}
		own := t.e.Problem(tg.id)
		tg.problem = tableWrap(own, w)
		if tg.row < 0 {
			continue
		}
		shown := []string{own} // two X on one row explain the comment once
		for _, cell := range t.rows[tg.row].cells[1:] {
			msg := t.e.Problem(cell.id)
			if msg != "" && t.e.Value(cell.id).Kind == model.NotAvailable && !slices.Contains(shown, msg) {
				shown = append(shown, msg)
				tg.problem = append(tg.problem, tableWrap(msg, w)...)
			}
		}
	}
	t.rowProblems = t.rowProblems[:0:0]
	row := t.focusedRow()
	others := 0
	for r := range t.rows {
		for col, cell := range t.rows[r].cells {
			msg := ""
			switch {
			case cell.target >= 0 && t.targets[cell.target].refused != "":
				// Said at once: the user is typing it now.
				msg = t.targets[cell.target].refused
			case cell.target >= 0:
				msg = t.e.Problem(cell.id)
			}
			switch {
			case msg == "":
			case r != row:
				others++
			case col == 0:
				t.rowProblems = append(t.rowProblems, tableWrap(tableProblemMark+" "+t.e.r.Label(cell.field.Label)+": "+msg, w)...)
			default:
				// The field's own label names the row as well as the column.
				t.rowProblems = append(t.rowProblems, tableWrap(tableProblemMark+" "+t.e.r.Label(cell.field.Label)+": "+msg, w)...)
			}
		}
	}
	switch {
	case others == 1:
		t.rowProblems = append(t.rowProblems, tableWrap(tableProblemMark+" 1 annen celle har en mangel; gå til cellen merket "+tableProblemMark+" for å se hva.", w)...)
	case others > 1:
		t.rowProblems = append(t.rowProblems, tableWrap(fmt.Sprintf("%s %d andre celler har mangler; gå til en celle merket %s for å se hva.", tableProblemMark, others, tableProblemMark), w)...)
	}
}

// tableSpaces is padding to slice from, so a frame allocates none.
var tableSpaces = strings.Repeat(" ", 256)

func tableWriteSpaces(b *strings.Builder, n int) {
	for n > 0 {
		k := min(n, len(tableSpaces))
		b.WriteString(tableSpaces[:k])
		n -= k
	}
}

// writeCell writes grid cell (row, col) exactly as wide as its column.
func (t *tableScreen) writeCell(b *strings.Builder, row, col int) {
	w := t.skeleton.widths[col]
	if col > len(t.columns) {
		t.writeLastYearCell(b, row, col-len(t.columns), w)
		return
	}
	cell := &t.rows[row].cells[col]
	focused := cell.target >= 0 && cell.target == t.focus
	text, ink := cell.shown, tableInk{}
	refused := cell.target >= 0 && t.targets[cell.target].refused != ""
	switch {
	case focused && t.targets[cell.target].selected:
		text, ink = t.targets[cell.target].typed, t.ink.selected
	case focused:
		text, ink = t.targets[cell.target].typed, t.ink.focused
	case cell.field != nil && cell.field.Computed():
		ink = t.ink.computed
	}
	room := w - gridCellPadding
	n := ansi.StringWidth(text)
	if n > room {
		if focused {
			// The end of what is being typed is what matters while typing.
			text, n = "…"+ansi.TruncateLeft(text, n-room+1, ""), room
		} else {
			// A spreadsheet's sign of a number too wide for its column.
			text, n = strings.Repeat("#", room), room
		}
	}
	b.WriteString(ink.open)
	switch {
	case focused:
		b.WriteString(tableFocusMark)
	case refused || cell.target >= 0 && t.e.Problem(cell.id) != "":
		b.WriteString(ink.close)
		b.WriteString(t.ink.problem.open)
		b.WriteString(tableProblemMark)
		b.WriteString(t.ink.problem.close)
		b.WriteString(ink.open)
	default:
		b.WriteByte(' ')
	}
	tableWriteSpaces(b, room-n)
	b.WriteString(text)
	if focused {
		// What is typed goes at the end of the number, where the
		// terminal's cursor stands on a cell of its own: a block cursor
		// over the reversed cell would not show.
		b.WriteString(ink.close)
		b.WriteString(cursorMark)
		b.WriteByte(' ')
		return
	}
	b.WriteByte(' ')
	b.WriteString(ink.close)
}

// writeLastYearCell writes a row's figure from last year (which 1) or its
// change since (which 2), dim, w cells wide.
func (t *tableScreen) writeLastYearCell(b *strings.Builder, row, which, w int) {
	g := &t.rows[row]
	// Both are digits, signs, spaces or X: as many cells as bytes.
	n := len(g.change)
	switch {
	case g.lastHidden:
		n = 0
	case which == 1:
		n = len(g.lastShown)
	}
	room := w - gridCellPadding
	b.WriteString(t.ink.dim.open)
	b.WriteByte(' ')
	switch {
	case n > room:
		// A spreadsheet's sign of a number too wide for its column.
		for range room {
			b.WriteByte('#')
		}
	default:
		tableWriteSpaces(b, room-n)
		if n > 0 && which == 1 {
			b.WriteString(g.lastShown)
		} else if n > 0 {
			b.Write(g.change)
		}
	}
	b.WriteByte(' ')
	b.WriteString(t.ink.dim.close)
}

// writeLabelLine writes line sub of a row label being typed, with its
// cursor, as wide as the label column: the label wraps between words
// rather than scroll its first word out of sight.
func (t *tableScreen) writeLabelLine(b *strings.Builder, row, sub int) {
	w := t.skeleton.widths[0]
	target := t.rows[row].cells[0].target
	if target < 0 {
		tableWriteSpaces(b, w)
		return
	}
	in := &t.targets[target].input
	starts := t.labelStarts(w)
	rs := []rune(in.Value())
	from, to := len(rs), len(rs)
	if sub < len(starts) {
		from = starts[sub]
	}
	if sub+1 < len(starts) {
		to = starts[sub+1]
	}
	b.WriteByte(' ')
	if sub == 0 {
		b.WriteString(t.ink.focused.open)
		b.WriteString(tableFocusMark)
		b.WriteString(t.ink.focused.close)
		b.WriteByte(' ')
	} else {
		b.WriteString(tableLabelIndent)
	}
	pos, cells := in.Position(), 0
	for i := from; i < to; i++ {
		if i == pos {
			b.WriteString(cursorMark)
		}
		b.WriteRune(rs[i])
		cells += ansi.StringWidth(string(rs[i]))
	}
	if pos == len(rs) && sub == len(starts)-1 {
		b.WriteString(cursorMark)
		b.WriteByte(' ')
		cells++
	}
	tableWriteSpaces(b, max(w-1-len(tableLabelIndent)-cells, 0))
}

// tableLabelIndent is as wide as the focus mark and the space after it.
const tableLabelIndent = "  "

func (t *tableScreen) writeGridLine(b *strings.Builder, l *gridLine) {
	for k, text := range l.texts {
		b.WriteString(text)
		switch {
		case k >= len(l.slots):
		case l.slots[k] == 0:
			t.writeLabelLine(b, l.row, l.sub)
		default:
			t.writeCell(b, l.row, l.slots[k])
		}
	}
}

// tableBody writes the body line by line, keeping only the lines in
// [from, to), and notes where things are so the view can scroll to them.
type tableBody struct {
	b        *strings.Builder // nil while only measuring
	line     int
	from, to int

	gridTop, rowTop, rowEnd, helpEnd int
	focusTop, focusEnd               int
	// tops, when set, gets the first line of every text.
	tops *[]int
}

func (w *tableBody) keep() bool {
	if w.b == nil || w.line < w.from || w.line >= w.to {
		return false
	}
	if w.line > w.from {
		w.b.WriteByte('\n')
	}
	return true
}

func (w *tableBody) add(ink tableInk, prefix, s string) {
	if w.keep() {
		w.b.WriteString(prefix)
		w.b.WriteString(ink.open)
		w.b.WriteString(s)
		w.b.WriteString(ink.close)
	}
	w.line++
}

func (w *tableBody) blank() { w.add(tableInk{}, "", "") }

// writeBody lays the whole body out, top to bottom.
func (t *tableScreen) writeBody(w *tableBody) {
	for _, l := range t.intro {
		w.add(t.ink.dim, "", l)
	}
	if len(t.intro) > 0 {
		w.blank()
	}
	focusRow := t.focusedRow()
	inGrid := t.focus >= 0 && t.targets[t.focus].kind != tableTextBox
	w.gridTop, w.rowTop, w.rowEnd = w.line, w.line, w.line
	for i := range t.skeleton.lines {
		l := &t.skeleton.lines[i]
		if l.row == focusRow && inGrid {
			if w.rowTop == w.gridTop {
				w.rowTop = w.line
			}
			w.rowEnd = w.line + 1
		}
		if w.keep() {
			if t.skeleton.tooWide {
				var line strings.Builder
				t.writeGridLine(&line, l)
				w.b.WriteString(ansi.Truncate(line.String(), t.width(), ""))
			} else {
				t.writeGridLine(w.b, l)
			}
		}
		w.line++
	}
	for _, l := range t.rowProblems {
		w.add(t.ink.problem, "", l)
	}
	var help []string
	if focusRow >= 0 {
		help = t.rowHelp[focusRow]
	}
	for i := 0; i < t.helpHeight; i++ {
		if i < len(help) {
			w.add(t.ink.dim, "", help[i])
		} else {
			w.blank()
		}
	}
	w.helpEnd = w.line
	w.focusTop, w.focusEnd = w.rowTop, w.rowEnd

	comments := false
	for i := range t.targets {
		tg := &t.targets[i]
		if tg.kind != tableTextBox {
			continue
		}
		if tg.row >= 0 && !comments {
			comments = true
			w.blank()
			w.add(t.ink.label, "", "Eventuelle kommentarer")
			for _, l := range t.commentsNote {
				w.add(t.ink.dim, "", l)
			}
		}
		w.blank()
		top := w.line
		if w.tops != nil {
			*w.tops = append(*w.tops, top)
		}
		for k, l := range tg.title {
			prefix, ink := "  ", t.ink.label
			if i == t.focus {
				ink = t.ink.focused
				if k == 0 {
					prefix = tableFocusMark + " "
				}
			}
			w.add(ink, prefix, l)
		}
		for _, l := range tg.prompts {
			w.add(t.ink.dim, "  ", l)
		}
		for _, l := range tg.editorOut {
			w.add(tableInk{}, t.textBar, l)
		}
		for _, l := range tg.problem {
			w.add(t.ink.problem, "", l)
		}
		if i == t.focus {
			w.focusTop, w.focusEnd = top, w.line
		}
	}
}

// view draws the body, at most height lines of at most c.width cells,
// scrolled so the focused element is in sight.
func (t *tableScreen) view(height int) string {
	if height <= 0 {
		return ""
	}
	// Only a change made outside update makes this rebuild.
	t.sync()

	t.frame.tops = t.frame.tops[:0]
	measure := tableBody{tops: &t.frame.tops}
	t.writeBody(&measure)
	offset := t.scrollTo(measure, height)
	// Texts out of sight under the window are counted on its last line, so
	// nobody takes the grid for the whole screen.
	below := t.textsFrom(offset + height)
	if below > 0 && height > 1 {
		offset = t.scrollTo(measure, height-1)
		below = t.textsFrom(offset + height - 1)
	}

	var b strings.Builder
	b.Grow(max(t.frame.size+t.frame.size/8, height*t.width()))
	to := offset + height
	if below > 0 {
		to--
	}
	t.writeBody(&tableBody{b: &b, from: offset, to: to})
	if below > 0 {
		// Written digit by digit: a frame allocates nothing for it.
		b.WriteByte('\n')
		b.WriteString(t.ink.dim.open)
		b.WriteString("↓ ")
		var digits [20]byte
		b.Write(strconv.AppendInt(digits[:0], int64(below), 10))
		b.WriteString(" felt til under tabellen")
		b.WriteString(t.ink.dim.close)
	}
	t.frame.size = b.Len()
	return b.String()
}

// textsFrom counts the texts that start at body line from or below it.
func (t *tableScreen) textsFrom(from int) int {
	n := 0
	for _, top := range t.frame.tops {
		if top >= from {
			n++
		}
	}
	return n
}

// scrollTo returns the first line to show: the previous one if the focused
// element is still in sight, else as little scrolling as brings it in —
// with the grid's header and the row's help when they fit.
func (t *tableScreen) scrollTo(m tableBody, height int) int {
	type span struct{ top, end int }
	var spans [5]span
	want := spans[:0]
	if t.focus >= 0 && t.targets[t.focus].kind != tableTextBox {
		want = append(want, span{0, m.helpEnd}, span{m.gridTop, m.helpEnd}, span{m.gridTop, m.rowEnd}, span{m.rowTop, m.helpEnd})
	}
	want = append(want, span{m.focusTop, m.focusEnd})
	target := want[len(want)-1]
	for _, s := range want {
		if s.end-s.top <= height {
			target = s
			break
		}
	}
	offset := t.frame.offset
	if target.end > offset+height {
		offset = target.end - height
	}
	if target.top < offset {
		offset = target.top
	}
	offset = max(min(offset, m.line-height), 0)
	t.frame.offset = offset
	return offset
}

// note is the status line under the grid: what typing does to a selected
// number, or how long the text in focus is.
func (t *tableScreen) note(w int) string {
	if t.focus < 0 {
		return ""
	}
	// By pointer: a target holds a text input of about 8 KB, and the note
	// is drawn on every frame.
	switch tg := &t.targets[t.focus]; {
	case tg.selected:
		// Without colour the selection does not show: the line says it.
		return fitWords("Skriving erstatter "+tg.typed+" · ←/End: endre i tallet", w)
	case tg.kind == tableTextBox:
		return longTextNote(t.c, t.e, tg.field.Label, tg.editor.Len(), true, w)
	}
	return ""
}
