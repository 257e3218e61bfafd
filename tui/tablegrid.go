package tui

import (
	"strings"
	"unicode"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/charmbracelet/x/ansi"

	"boso/model"
)

// gridSkeleton is the grid as lipgloss/table draws it for one layout, cut
// around the cells that change while the user types.
type gridSkeleton struct {
	// What the layout was made for; see fits.
	width        int
	year         int64
	yearKnown    bool
	editingLabel int      // the grid row whose label is drawn by its input, or -1
	editingLines int      // how many lines that label takes, wrapped
	labels       []string // each row's label answer, for rows whose label is a field

	widths []int // column widths, padding included; [0] is the labels
	lines  []gridLine
	// tooWide is set when even the narrowest columns overflow the window
	// (below the 80 columns the program asks for): lines are cut per frame.
	tooWide bool
}

// gridLine is one line of the grid: fixed text with slots between, where
// cells are written on every frame.
type gridLine struct {
	row   int      // the grid row whose cells go in the slots
	sub   int      // which of the row's lines this is
	texts []string // len(slots)+1 pieces of fixed text around the slots
	slots []int    // the grid column of each slot
}

// fits reports whether the skeleton still matches the screen.
func (g *gridSkeleton) fits(t *tableScreen) bool {
	y, known := t.e.r.Year()
	if g.width != t.width() || g.year != y || g.yearKnown != known || len(g.labels) != len(t.rows) {
		return false
	}
	editing := t.editingLabelRow()
	if g.editingLabel != editing || editing >= 0 && g.editingLines != len(t.labelStarts(g.widths[0])) {
		return false
	}
	for r, row := range t.rows {
		if row.row.LabelField != "" && r != editing && g.labels[r] != t.e.r.Value(row.row.LabelField).Text {
			return false
		}
	}
	return true
}

func (t *tableScreen) editingLabelRow() int {
	if t.focus >= 0 && t.targets[t.focus].kind == tableLabelCell && t.targets[t.focus].input.Focused() {
		return t.targets[t.focus].row
	}
	return -1
}

// buildSkeleton lays the grid out for the width: number columns just wide
// enough for their headers in two lines, the labels the rest, wrapping.
func (t *tableScreen) buildSkeleton() gridSkeleton {
	y, known := t.e.r.Year()
	g := gridSkeleton{width: t.width(), year: y, yearKnown: known, editingLabel: t.editingLabelRow()}
	g.labels = make([]string, len(t.rows))
	for r, row := range t.rows {
		if row.row.LabelField != "" {
			g.labels[r] = t.e.r.Value(row.row.LabelField).Text
		}
	}
	if len(t.rows) == 0 {
		return g
	}

	headers := make([]string, len(t.columns)+1, len(t.columns)+3)
	g.widths = make([]int, len(t.columns)+1, len(t.columns)+3)
	for i, col := range t.columns {
		headers[i+1] = t.e.r.Label(col.Label)
		g.widths[i+1] = gridHeaderWidth(headers[i+1]) + gridCellPadding
	}
	room := func() int {
		used := len(g.widths) + 1 // the borders
		for _, w := range g.widths[1:] {
			used += w
		}
		return g.width - used
	}
	if t.lastCol > 0 {
		// Last year's columns come only where the numbers keep their width
		// and the labels their minimum: Endring goes first, then I fjor,
		// rather than numbers wrapping or shrinking to "###".
		headers = append(headers, t.lastHeader, model.ChangeHeading)
		for _, h := range headers[len(t.columns)+1:] {
			g.widths = append(g.widths, gridHeaderWidth(h)+gridCellPadding)
		}
		// Last year's figures are known: their column fits the widest. A
		// change is as wide as this year's number, and shows "###" like
		// any other number too wide for its cell.
		for _, row := range t.rows {
			g.widths[len(t.columns)+1] = max(g.widths[len(t.columns)+1], ansi.StringWidth(row.lastShown)+gridCellPadding)
		}
		for len(headers) > len(t.columns)+1 && room() < gridMinLabel+gridCellPadding {
			headers, g.widths = headers[:len(headers)-1], g.widths[:len(g.widths)-1]
		}
	}
	// Too narrow: the number columns give way before the labels do.
	for room() < gridMinLabel+gridCellPadding {
		widest := 1
		for i := range g.widths[1:] {
			if g.widths[i+1] > g.widths[widest] {
				widest = i + 1
			}
		}
		if g.widths[widest] <= gridMinNumber+gridCellPadding {
			break
		}
		g.widths[widest]--
	}
	natural := 0
	for r := range t.rows {
		natural = max(natural, ansi.StringWidth(t.e.r.RowLabel(t.rows[r].row)))
	}
	g.widths[0] = max(min(room(), natural+gridCellPadding), 1+gridCellPadding)
	g.tooWide = room() < g.widths[0]

	for i := range headers {
		headers[i] = strings.Join(tableWrap(headers[i], g.widths[i]-gridCellPadding), "\n")
	}
	body := make([][]string, 0, len(t.rows))
	var sum [][]string
	rowHeights := make([]int, len(t.rows))
	for r, row := range t.rows {
		cells := make([]string, len(g.widths))
		if r != g.editingLabel {
			// A hanging indent tells one row's label from the next.
			cells[0] = strings.Join(tableHangingWrap(t.e.r.RowLabel(t.rows[r].row), g.widths[0]-gridCellPadding, 2), "\n")
		} else {
			// The label being typed is drawn line by line in its slots; the
			// row is as tall as it is, so its first word stays in sight.
			g.editingLines = len(t.labelStarts(g.widths[0]))
			cells[0] = strings.Repeat("\n", g.editingLines-1)
		}
		rowHeights[r] = strings.Count(cells[0], "\n") + 1
		if row.isSum {
			sum = append(sum, cells)
		} else {
			body = append(body, cells)
		}
	}

	st := t.c.styles
	// A local, not t.columns: the closures go to lipgloss, and capturing t
	// would move every copy of the screen to the heap, on every key.
	ownColumns := len(t.columns)
	styleFor := func(bold func(row, col int) bool) table.StyleFunc {
		return func(row, col int) lipgloss.Style {
			s := lipgloss.NewStyle().Width(g.widths[col]).Padding(0, 1)
			switch {
			case col > ownColumns:
				// Last year's columns are secondary: dim, headers too.
				s = s.Inherit(st.Dim)
			case bold(row, col):
				s = s.Inherit(st.TableTitle)
			}
			return s
		}
	}
	// Three tables stacked: lipgloss/table cannot wrap headers, nor draw a
	// rule above the sum row alone. Their columns line up as all widths are
	// fixed, and each continues the one above with ├─┼─┤.
	joined := lipgloss.NormalBorder()
	joined.TopLeft, joined.TopRight, joined.MiddleTop = joined.MiddleLeft, joined.MiddleRight, joined.Middle
	part := func(rows [][]string, border lipgloss.Border, closed bool, bold func(row, col int) bool) []string {
		tbl := table.New().Rows(rows...).Border(border).BorderStyle(st.Border).
			BorderBottom(closed).StyleFunc(styleFor(bold))
		return strings.Split(tbl.Render(), "\n")
	}
	noBold := func(int, int) bool { return false }
	header := part([][]string{headers}, lipgloss.NormalBorder(), false, func(int, int) bool { return true })
	g.lines = make([]gridLine, 0, len(header)+len(t.rows)*3+4)
	for _, l := range header {
		g.lines = append(g.lines, gridLine{row: -1, texts: []string{l}})
	}
	// Each part is its top rule, its rows' lines, and maybe the closing rule.
	addRows := func(lines []string, firstRow, rows int) {
		g.lines = append(g.lines, gridLine{row: -1, texts: []string{lines[0]}})
		at := 1
		for r := firstRow; r < firstRow+rows && at < len(lines); r++ {
			for h := 0; h < rowHeights[r] && at < len(lines); h++ {
				switch {
				case h == 0:
					g.lines = append(g.lines, g.cut(lines[at], r, r == g.editingLabel))
				case r == g.editingLabel:
					l := g.cutLabel(lines[at], r)
					l.sub = h
					g.lines = append(g.lines, l)
				default:
					g.lines = append(g.lines, gridLine{row: r, texts: []string{lines[at]}})
				}
				at++
			}
		}
		for ; at < len(lines); at++ {
			g.lines = append(g.lines, gridLine{row: -1, texts: []string{lines[at]}})
		}
	}
	if len(body) > 0 {
		addRows(part(body, joined, len(sum) == 0, noBold), 0, len(body))
	}
	if len(sum) > 0 {
		addRows(part(sum, joined, true, func(_, col int) bool { return col == 0 }), len(body), len(sum))
	}
	return g
}

// cut splits a row's first line around its cells; with label true the label
// cell is a slot too, for the input that edits it.
func (g *gridSkeleton) cut(line string, row int, label bool) gridLine {
	l := gridLine{row: row}
	from, x := 0, 1
	for col, w := range g.widths {
		if col > 0 || label {
			l.texts = append(l.texts, ansi.Cut(line, from, x))
			l.slots = append(l.slots, col)
			from = x + w
		}
		x += w + 1
	}
	l.texts = append(l.texts, ansi.Cut(line, from, ansi.StringWidth(line)))
	return l
}

// cutLabel splits a continuation line of the row whose label is being
// typed around its label cell alone.
func (g *gridSkeleton) cutLabel(line string, row int) gridLine {
	return gridLine{row: row, slots: []int{0},
		texts: []string{ansi.Cut(line, 0, 1), ansi.Cut(line, 1+g.widths[0], ansi.StringWidth(line))}}
}

// labelStarts is where each line of the label being typed starts (in
// runes), wrapped between words to a label column w cells wide; one cell
// of each line is kept for the cursor.
func (t *tableScreen) labelStarts(w int) []int {
	width := max(w-gridCellPadding-len(tableLabelIndent)-1, 1)
	rs := []rune(t.targets[t.focus].input.Value())
	starts := []int{0}
	for start := 0; len(rs)-start > width; {
		end := start + width
		for j := end - 1; j > start; j-- {
			if rs[j] == ' ' {
				end = j + 1
				break
			}
		}
		starts = append(starts, end)
		start = end
	}
	return starts
}

// gridHeaderWidth is the narrowest width, from gridMinNumber, at which a column
// header wraps into at most gridHeaderLines lines.
func gridHeaderWidth(h string) int {
	w := gridMinNumber
	for _, word := range strings.Fields(h) {
		w = max(w, ansi.StringWidth(word))
	}
	for w < ansi.StringWidth(h) && len(tableWrap(h, w)) > gridHeaderLines {
		w++
	}
	return w
}

// tableWrap wraps text to a width, keeping its paragraphs; empty text is no
// lines at all.
func tableWrap(s string, width int) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	width = max(width, 1)
	lines := strings.Split(ansi.Wrap(s, width, ""), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	return lines
}

// tableHangingWrap wraps text with every line after the first indented.
func tableHangingWrap(s string, width, indent int) []string {
	lines := tableWrap(s, width)
	if len(lines) < 2 || width <= indent+1 {
		return lines
	}
	rest := tableWrap(strings.Join(lines[1:], " "), width-indent)
	for i, l := range rest {
		rest[i] = tableSpaces[:indent] + l
	}
	return append(lines[:1], rest...)
}
