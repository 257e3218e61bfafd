package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/charmbracelet/x/ansi"

	"boso/model"
)

// The preview draws the printout from its blocks (model.Printout), the
// same blocks model.Markdown writes: no Markdown is parsed, and no
// Markdown renderer (with a syntax highlighter whose tables every boso
// command would build at start) is linked in.

// printLook is how the preview marks what the printout sets apart. Under
// NO_COLOR, where lipgloss draws no attribute at all, Markdown's own
// marks (#, **, *) show it.
type printLook struct {
	plain bool
	st    Styles
}

// renderPreview draws a printout for a terminal of the given width:
// headings, texts wrapped to the width, the comments under a table as a
// list, and tables with their columns lined up, narrowed to the width by
// wrapping their widest cells; in the colours for a dark or a light
// background.
func renderPreview(doc model.Printout, width int, dark bool) string {
	look := printLook{plain: noColor(), st: DefaultStyles(dark)}
	if look.plain {
		look.st = Styles{}
	}
	width = max(1, width)
	var lines []string
	for i, b := range doc {
		if i > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, look.block(b, width)...)
	}
	// A line cut to the width can never wrap in the viewport.
	for i, l := range lines {
		lines[i] = strings.TrimRight(ansi.Truncate(l, width, ""), " ")
	}
	return strings.Join(lines, "\n")
}

func (k printLook) block(b model.PrintBlock, width int) []string {
	switch {
	case b.Heading > 0:
		style, text := k.st.Header, b.Text
		if b.Heading <= 2 {
			style = k.st.Title
		}
		// The marks tell the levels apart, as in the file; the title
		// needs none, in colour.
		if k.plain || b.Heading > 1 {
			text = strings.Repeat("#", b.Heading) + " " + text
		}
		lines := wrap(text, width)
		for i, l := range lines {
			lines[i] = style.Render(l)
		}
		return lines
	case b.Table != nil:
		return k.table(b.Table, width)
	case b.Notes != nil:
		var out []string
		for _, n := range b.Notes {
			body := wrap(n.Label+":", max(1, width-2))
			if n.Missing {
				body = append(body, k.text(model.PrintBlock{Text: "(ikke begrunnet)", Emphasis: true}, width-2)...)
			} else {
				body = append(body, k.text(model.PrintBlock{Text: n.Text}, width-2)...)
			}
			for i, l := range body {
				prefix := "  "
				if i == 0 {
					prefix = "• "
				}
				out = append(out, prefix+l)
			}
		}
		return out
	}
	return k.text(b, width)
}

// text draws a text block: its paragraphs apart by a blank line, each line
// wrapped to the width; a line that starts a list item ("- ", "1) ") keeps
// its text clear of the marker. Under NO_COLOR the marks of emphasis go
// round the text before it is wrapped, so that they too fit the width.
func (k printLook) text(b model.PrintBlock, width int) []string {
	var out []string
	for i, p := range model.Paragraphs(b.Text) {
		if i > 0 {
			out = append(out, "")
		}
		for _, line := range p {
			switch {
			case k.plain && b.Strong:
				line = "**" + line + "**"
			case k.plain && b.Emphasis:
				line = "*" + line + "*"
			}
			hang := listMarker(line)
			lines := wrap(line[hang:], max(1, width-hang))
			for j := range lines {
				indent := strings.Repeat(" ", hang)
				if j == 0 {
					indent = line[:hang]
				}
				lines[j] = indent + lines[j]
			}
			out = append(out, k.words(lines, b.Strong, b.Emphasis)...)
		}
	}
	return out
}

// listMarker is the width of the list item's marker a line starts with,
// 0 when it starts none.
func listMarker(line string) int {
	if len(line) > 2 && strings.ContainsRune("-*+", rune(line[0])) && line[1] == ' ' {
		return 2
	}
	n := 0
	for n < len(line) && n < 9 && line[n] >= '0' && line[n] <= '9' {
		n++
	}
	if n > 0 && n+1 < len(line) && (line[n] == '.' || line[n] == ')') && line[n+1] == ' ' {
		return n + 2
	}
	return 0
}

// words styles the words of each line: each on its own, so that no style
// is left open at a line's end.
func (k printLook) words(lines []string, strong, emphasis bool) []string {
	if k.plain || !strong && !emphasis {
		return lines
	}
	style := lipgloss.NewStyle().Bold(strong).Italic(emphasis)
	for i, l := range lines {
		words := strings.Split(l, " ")
		for j, w := range words {
			if w != "" {
				words[j] = style.Render(w)
			}
		}
		lines[i] = strings.Join(words, " ")
	}
	return lines
}

func wrap(s string, width int) []string { return strings.Split(ansi.Wrap(s, width, ""), "\n") }

// table draws a table with lines between its columns and under its
// heading row, the number columns right-aligned. When it is wider than the
// window, its widest cells wrap.
func (k printLook) table(t *model.PrintTable, width int) []string {
	rows := make([][]string, len(t.Rows))
	for i, row := range t.Rows {
		rows[i] = make([]string, len(row))
		for j, c := range row {
			text := c.Text
			if k.plain && c.Strong {
				text = "**" + text + "**"
			}
			rows[i][j] = k.words([]string{text}, c.Strong, false)[0]
		}
	}
	cell := lipgloss.NewStyle().Padding(0, 1)
	tab := table.New().Headers(t.Head...).Rows(rows...).
		Border(lipgloss.NormalBorder()).BorderStyle(k.st.Border).
		BorderTop(false).BorderBottom(false).BorderLeft(false).BorderRight(false).
		StyleFunc(func(row, col int) lipgloss.Style {
			s := cell
			if col < len(t.Right) && t.Right[col] {
				s = s.Align(lipgloss.Right)
			}
			if row == table.HeaderRow {
				s = s.Inherit(k.st.Header)
			}
			return s
		})
	out := tab.String()
	if lipgloss.Width(out) > width {
		out = tab.Width(width).String()
	}
	return strings.Split(out, "\n")
}
