package model

import "strings"

// Printout is a report laid out like the paper form, block by block: what
// Markdown writes for printing and e-mail, and what the preview in the
// terminal draws, so that the two always show the same and the terminal
// needs no Markdown parser.
type Printout []PrintBlock

// PrintBlock is one block of the printout: a heading, a text, a table, or
// the comments under a table.
type PrintBlock struct {
	// Heading is a heading's level, 1 to 4; its words are Text.
	Heading int
	// Text is a heading's words or a text: paragraphs apart by a blank
	// line, lines by a line break.
	Text string
	// Strong and Emphasis set the whole text in bold or in italics.
	Strong, Emphasis bool
	// Answer marks a text the user wrote: Markdown escapes in it what it
	// would otherwise take for markup.
	Answer bool
	Table  *PrintTable
	Notes  []PrintNote
}

// PrintTable is a table of the printout: its column headings, which columns
// hold numbers (right-aligned), and its rows.
type PrintTable struct {
	Head  []string
	Right []bool
	Rows  [][]PrintCell
}

// PrintCell is one cell of a table; the sum row's are Strong.
type PrintCell struct {
	Text   string
	Strong bool
}

// PrintNote is the comment on one row of a table, under the table: the
// row's label and the comment as the user wrote it, or Missing when a row
// with an X has none.
type PrintNote struct {
	Label, Text string
	Missing     bool
}

// Printout lays a report out as Markdown does (see MarkdownWithLastYear).
func (r *Report) Printout(prev *Report) Printout {
	m := &mdReport{r: r, computed: Compute(r), prev: prev}
	if prev != nil {
		m.prevComputed = Compute(prev)
	}
	m.layout()
	return m.out
}

// Markdown writes the printout as Markdown.
func (p Printout) Markdown() []byte {
	var b strings.Builder
	for i, bl := range p {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(bl.markdown())
	}
	return []byte(strings.TrimRight(b.String(), "\n") + "\n")
}

func (bl PrintBlock) markdown() string {
	switch {
	case bl.Heading > 0:
		return strings.Repeat("#", bl.Heading) + " " + mdHeadingText(bl.Text)
	case bl.Table != nil:
		return bl.Table.markdown()
	case bl.Notes != nil:
		notes := make([]string, len(bl.Notes))
		for i, n := range bl.Notes {
			comment := mdNoteIndent + "*" + mdNoReason + "*"
			if !n.Missing {
				comment = mdText(n.Text, mdNoteIndent)
			}
			notes[i] = "- " + mdInline(n.Label) + ":" + mdHardBreak + "\n" + comment
		}
		return strings.Join(notes, "\n\n")
	case bl.Answer:
		return mdText(bl.Text, "")
	case bl.Strong:
		return "**" + bl.Text + "**"
	case bl.Emphasis:
		return "*" + bl.Text + "*"
	}
	return strings.ReplaceAll(bl.Text, "\n", mdHardBreak+"\n")
}

func (t *PrintTable) markdown() string {
	cell := func(c PrintCell) string {
		s := mdCell(c.Text)
		if c.Strong {
			s = "**" + s + "**"
		}
		return s
	}
	tab := mdTable{right: t.Right}
	for _, h := range t.Head {
		tab.head = append(tab.head, cell(PrintCell{Text: h}))
	}
	for _, row := range t.Rows {
		cells := make([]string, len(row))
		for i, c := range row {
			cells[i] = cell(c)
		}
		tab.rows = append(tab.rows, cells)
	}
	return tab.String()
}
