package summary

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

const (
	gap        = 2  // spaces between columns
	kommuneMax = 28 // the kommune column's widest, when the width is limited
	kommuneMin = 12
	textMax    = 24 // a label column's (the priority area's) widest
)

// Text lays the summary out as plain text for a terminal of the given width
// (0 or less: no limit). Per year and per template table, one row per kommune
// (a draft is marked *) and a Totalt row; when only some kommuner had a
// number in a column, a "med tall" row under it says how many ("2 av 3").
//
// Headers are short codes, explained in a legend under each table: in 1.1
// "A" over "start" is field 1.1.A.start, in C.1 and C.2 the rows are
// lettered a, b, … A table wider than the width is split into several tables
// (by template row: A and B, then C and sum), each repeating the kommune
// column, so nothing needs horizontal scrolling; the kommune names and the
// priority area are cut with "…" to make room. Only when a single row group
// is wider than the width on its own does a line exceed it.
func (s Summary) Text(width int) string {
	var b strings.Builder
	if len(s.Years) == 0 {
		b.WriteString("Ingen rapporter å summere.\n")
	}
	for i, y := range s.Years {
		if i > 0 {
			b.WriteString("\n")
		}
		y.writeText(&b, width)
	}
	if len(s.Years) > 0 {
		b.WriteString("\n")
		wrap(&b, "", "* kladd, ikke endelig · X ikke tilgjengelig · — ikke besvart · «2 av 3» under Totalt: summen gjelder bare de 2 av 3 kommunene som hadde tall i kolonnen, og totalen er ikke tilgjengelig", width, "")
	}
	if n := len(s.Skipped); n > 0 {
		b.WriteString("\n")
		if n == 1 {
			wrap(&b, "", "1 fil er hoppet over:", width, "")
		} else {
			wrap(&b, "", fmt.Sprintf("%d filer er hoppet over:", n), width, "")
		}
		for _, sk := range s.Skipped {
			wrap(&b, "- ", sk.String(), width, "  ")
		}
	}
	return b.String()
}

// textCol is one column of a text table.
type textCol struct {
	head         string
	cells        []string
	total, count string
	right        bool
	max          int // the widest a text column may be; 0 for no limit
	w            int
}

// textGroup is the columns of one template row ("A": start, slutt,
// resultat), kept together when a table is split to fit the width.
type textGroup struct {
	code string // shown over the group; "" for none
	cols []*textCol
	w    int
}

func (g *textGroup) measure() {
	g.w = 0
	for i, c := range g.cols {
		c.w = ansi.StringWidth(c.head)
		for _, s := range c.cells {
			c.w = max(c.w, ansi.StringWidth(s))
		}
		c.w = max(c.w, ansi.StringWidth(c.total), ansi.StringWidth(c.count))
		if c.max > 0 {
			c.w = min(c.w, c.max)
		}
		if i > 0 {
			g.w += gap
		}
		g.w += c.w
	}
	// The code is drawn as "─ A ─" over the group: make room for it.
	if need := ansi.StringWidth(g.code) + 2; g.code != "" && g.w < need {
		g.cols[len(g.cols)-1].w += need - g.w
		g.w = need
	}
}

func (y Year) writeText(b *strings.Builder, width int) {
	title := y.title()
	b.WriteString(truncate(title, width) + "\n")
	b.WriteString(strings.Repeat("═", min(ansi.StringWidth(title), limit(width))) + "\n")
	wrap(b, "", y.counts()+".", width, "")
	for _, t := range y.Tables {
		b.WriteString("\n")
		b.WriteString(truncate(t.Title, width) + "\n")
		y.writeTextTable(b, t, width)
		legend := t.legend()
		lw := legendWidth(legend)
		if len(legend) > 0 {
			b.WriteString("\n")
		}
		for _, l := range legend {
			wrap(b, "  "+padTo(l[0], lw, false)+"  ", l[1], width, strings.Repeat(" ", lw+4))
		}
	}
}

func legendWidth(l [][2]string) int {
	w := 0
	for _, e := range l {
		w = max(w, ansi.StringWidth(e[0]))
	}
	return w
}

func limit(width int) int {
	if width <= 0 {
		return 1 << 30
	}
	return width
}

func (y Year) writeTextTable(b *strings.Builder, t Table, width int) {
	n := len(y.Kommuner)
	kommune := &textCol{head: "Kommune", cells: make([]string, n), total: "Totalt"}
	for i, r := range y.Kommuner {
		kommune.cells[i] = clean(r.Kommune)
		if r.Draft() {
			kommune.cells[i] += " *"
		}
	}
	var groups []*textGroup
	for _, id := range t.LabelFields {
		c := &textCol{head: y.fieldLabel(id), cells: make([]string, n)}
		for i, r := range y.Kommuner {
			c.cells[i] = clean(r.Labels[id])
			if c.cells[i] == "" {
				c.cells[i] = "—"
			}
		}
		if width > 0 {
			c.max = textMax
			// A header wider than the values is cut to its last word ("område").
			if ansi.StringWidth(c.head) > min(textMax, maxWidth(c.cells)) {
				c.head = c.head[strings.LastIndexByte(c.head, ' ')+1:]
			}
		}
		groups = append(groups, &textGroup{cols: []*textCol{c}})
	}
	manyRows, manyKeys := t.shape()
	partial := false
	for _, c := range t.Columns {
		if len(groups) == 0 || groups[len(groups)-1].code != c.Row || !manyKeys || !manyRows {
			g := &textGroup{}
			if manyRows && manyKeys {
				g.code = c.Row
			}
			groups = append(groups, g)
		}
		g := groups[len(groups)-1]
		col := &textCol{head: c.Key, cells: make([]string, n), right: true}
		if manyRows && !manyKeys {
			col.head = c.Row
		}
		for i, r := range y.Kommuner {
			col.cells[i] = cellText(c.Type, r.Values[c.ID])
		}
		tot := y.Totals[c.ID]
		col.total = tot.figure()
		if !tot.Complete() {
			col.count = fmt.Sprintf("%d av %d", tot.Count, tot.Of)
			partial = true
		}
		g.cols = append(g.cols, col)
	}
	if partial {
		kommune.count = "  med tall"
	}
	widest := 0
	for _, g := range groups {
		g.measure()
		widest = max(widest, g.w)
	}
	kg := &textGroup{cols: []*textCol{kommune}}
	kg.measure()
	// Pack the groups into as few tables as fit the width, each table
	// repeating the kommune column.
	pack := func(kw int) [][]*textGroup {
		var chunks [][]*textGroup
		used := 0
		for _, g := range groups {
			if len(chunks) == 0 || (width > 0 && used+gap+g.w > width) {
				chunks = append(chunks, nil)
				used = kw
			}
			chunks[len(chunks)-1] = append(chunks[len(chunks)-1], g)
			used += gap + g.w
		}
		return chunks
	}
	chunks := pack(kommune.w)
	if width > 0 {
		// A narrower kommune column ("Lillehammer komm…") is better than one
		// more table: take the widest that gives the fewest tables, and never
		// one so wide that a row group cannot stand beside it.
		natural := min(kommune.w, kommuneMax)
		kw := natural
		if floor := width - gap - widest; kw > floor {
			kw = max(min(kommuneMin, natural), floor)
		}
		chunks = pack(kw)
		for w := kw - 1; w >= min(kommuneMin, natural); w-- {
			if c := pack(w); len(c) < len(chunks) {
				chunks, kw = c, w
			}
		}
		kommune.max = kw
		kg.measure()
	}
	for i, chunk := range chunks {
		if i > 0 {
			b.WriteString("\n")
		}
		writeChunk(b, kommune, chunk, n)
	}
}

func maxWidth(cells []string) int {
	w := 0
	for _, s := range cells {
		w = max(w, ansi.StringWidth(s))
	}
	return w
}

func writeChunk(b *strings.Builder, kommune *textCol, groups []*textGroup, n int) {
	var cols []*textCol
	cols = append(cols, kommune)
	coded := false
	for _, g := range groups {
		cols = append(cols, g.cols...)
		coded = coded || g.code != ""
	}
	line := func(cell func(c *textCol) string) {
		var l strings.Builder
		for i, c := range cols {
			if i > 0 {
				l.WriteString(strings.Repeat(" ", gap))
			}
			l.WriteString(padTo(truncate(cell(c), c.w), c.w, c.right))
		}
		b.WriteString(strings.TrimRight(l.String(), " ") + "\n")
	}
	if coded {
		var l strings.Builder
		l.WriteString(strings.Repeat(" ", kommune.w))
		for _, g := range groups {
			l.WriteString(strings.Repeat(" ", gap))
			l.WriteString(groupRule(g.code, g.w))
		}
		b.WriteString(strings.TrimRight(l.String(), " ") + "\n")
	}
	line(func(c *textCol) string { return c.head })
	rule := func() { line(func(c *textCol) string { return strings.Repeat("─", c.w) }) }
	rule()
	for i := 0; i < n; i++ {
		line(func(c *textCol) string { return c.cells[i] })
	}
	rule()
	line(func(c *textCol) string { return c.total })
	if kommune.count != "" {
		for _, c := range cols[1:] {
			if c.count != "" {
				line(func(c *textCol) string { return c.count })
				break
			}
		}
	}
}

// groupRule draws a group's code centred in a line: "──── A ────".
func groupRule(code string, w int) string {
	if code == "" {
		return strings.Repeat(" ", w)
	}
	rest := w - ansi.StringWidth(code) - 2
	left := rest / 2
	return strings.Repeat("─", left) + " " + code + " " + strings.Repeat("─", rest-left)
}

func padTo(s string, w int, right bool) string {
	pad := w - ansi.StringWidth(s)
	if pad <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", pad) + s
	}
	return s + strings.Repeat(" ", pad)
}

// truncate cuts s to w terminal cells, ending in "…" when cut (no limit for w ≤ 0).
func truncate(s string, w int) string {
	if w <= 0 {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// wrap writes text as lines of at most width cells (no limit for
// width ≤ 0), breaking at spaces: the first line starts with first, the
// following ones with indent.
func wrap(b *strings.Builder, first, text string, width int, indent string) {
	line, lineW, empty := first, ansi.StringWidth(first), true
	for _, word := range strings.Fields(text) {
		ww := ansi.StringWidth(word)
		if !empty && width > 0 && lineW+1+ww > width {
			b.WriteString(line + "\n")
			line, lineW, empty = indent, ansi.StringWidth(indent), true
		}
		if !empty {
			line += " "
			lineW++
		}
		line += word
		lineW += ww
		empty = false
	}
	b.WriteString(line + "\n")
}
