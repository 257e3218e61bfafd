package tui

import (
	"strconv"
	"strings"
	"sync"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The preview draws the printout's Markdown itself, from goldmark's syntax
// tree, rather than through a Markdown renderer for terminals: those bring
// a syntax highlighter whose tables of languages and colours every boso
// command would build at start, for code blocks a report never has.

// mdPreview draws one Markdown document for the terminal.
type mdPreview struct {
	src []byte
	// plain is NO_COLOR, where the preview draws no attribute at all:
	// Markdown's own marks (#, **, *) then show the structure.
	plain bool
	st    Styles
}

// previewMarkdown parses the printout's Markdown: CommonMark with GFM's
// tables, which is what model.Markdown writes. Links are not made of bare
// addresses, so an e-mail address reads as typed, once. It is built on
// first use: a command that shows no preview has no need of it.
var previewMarkdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.Table))
})

// renderPreview draws Markdown for a terminal of the given width: headings,
// paragraphs wrapped to the width, lists, and tables with their columns
// lined up, narrowed to the width by wrapping their widest cells; in the
// colours for a dark or a light background.
func renderPreview(md string, width int, dark bool) string {
	p := mdPreview{src: []byte(md), plain: noColor(), st: DefaultStyles(dark)}
	if p.plain {
		p.st = Styles{}
	}
	doc := previewMarkdown().Parser().Parse(text.NewReader(p.src))
	lines := p.blocks(doc, max(1, width), false)
	// A line cut to the width can never wrap in the viewport.
	for i, l := range lines {
		lines[i] = strings.TrimRight(ansi.Truncate(l, width, ""), " ")
	}
	return strings.Join(lines, "\n")
}

// blocks draws the block children of n, one after the other, with a blank
// line between them unless tight (the items of a tight list).
func (p mdPreview) blocks(n ast.Node, width int, tight bool) []string {
	var out []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if len(out) > 0 && !tight {
			out = append(out, "")
		}
		out = append(out, p.block(c, width)...)
	}
	return out
}

func (p mdPreview) block(n ast.Node, width int) []string {
	switch n := n.(type) {
	case *ast.Heading:
		t := p.plainText(n)
		style := p.st.Header
		if n.Level <= 2 {
			style = p.st.Title
		}
		// The marks tell the levels apart, as in the file; the title
		// needs none, in colour.
		if p.plain || n.Level > 1 {
			t = strings.Repeat("#", n.Level) + " " + t
		}
		lines := strings.Split(ansi.Wrap(t, width, ""), "\n")
		for i, l := range lines {
			lines[i] = style.Render(l)
		}
		return lines
	case *ast.Paragraph, *ast.TextBlock:
		return strings.Split(ansi.Wrap(p.inline(n, 0), width, ""), "\n")
	case *ast.List:
		return p.list(n, width)
	case *extast.Table:
		return p.table(n, width)
	case *ast.Blockquote:
		return indent(p.blocks(n, max(1, width-2), false), "│ ", "│ ")
	case *ast.ThematicBreak:
		return []string{p.st.Border.Render(strings.Repeat("─", min(width, 40)))}
	}
	// Code and HTML blocks: model.Markdown escapes what would start one
	// in an answer, so they are shown as written, should one turn up.
	var out []string
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		out = append(out, strings.TrimRight(string(seg.Value(p.src)), "\n"))
	}
	if len(out) == 0 && n.HasChildren() {
		return p.blocks(n, width, false)
	}
	return out
}

// list draws each item under its marker, its text indented under the
// item's first line.
func (p mdPreview) list(l *ast.List, width int) []string {
	var out []string
	number := l.Start
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "• "
		if l.IsOrdered() {
			marker = strconv.Itoa(number) + string(l.Marker) + " "
			number++
		}
		w := ansi.StringWidth(marker)
		body := p.blocks(item, max(1, width-w), l.IsTight)
		out = append(out, indent(body, marker, strings.Repeat(" ", w))...)
	}
	return out
}

// indent puts first before the first line and rest before the others.
func indent(lines []string, first, rest string) []string {
	if len(lines) == 0 {
		return []string{strings.TrimRight(first, " ")}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		prefix := rest
		if i == 0 {
			prefix = first
		}
		out[i] = prefix + l
	}
	return out
}

// table draws a pipe table with lines between its columns and under its
// heading row, the number columns right-aligned. When it is wider than
// the window, its widest cells wrap.
func (p mdPreview) table(t *extast.Table, width int) []string {
	var head []string
	var rows [][]string
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, p.inline(c, 0))
		}
		if _, ok := r.(*extast.TableHeader); ok {
			head = cells
		} else {
			rows = append(rows, cells)
		}
	}
	cell := lipgloss.NewStyle().Padding(0, 1)
	tab := table.New().Headers(head...).Rows(rows...).
		Border(lipgloss.NormalBorder()).BorderStyle(p.st.Border).
		BorderTop(false).BorderBottom(false).BorderLeft(false).BorderRight(false).
		StyleFunc(func(row, col int) lipgloss.Style {
			s := cell
			if col < len(t.Alignments) && t.Alignments[col] == extast.AlignRight {
				s = s.Align(lipgloss.Right)
			}
			if row == table.HeaderRow {
				s = s.Inherit(p.st.Header)
			}
			return s
		})
	out := tab.String()
	if lipgloss.Width(out) > width {
		out = tab.Width(width).String()
	}
	return strings.Split(out, "\n")
}

// Inline marks, combined as bits.
const (
	mdStrong = 1 << iota
	mdEmphasis
)

// inline draws the inline content of n: text with its emphasis, a hard
// line break as a new line, a soft one as a blank. Each word is styled on
// its own, so that wrapping never leaves a style open at a line's end.
func (p mdPreview) inline(n ast.Node, marks int) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.WriteString(p.words(mdUnescape(c.Segment.Value(p.src)), marks))
			switch {
			case c.HardLineBreak():
				b.WriteString("\n")
			case c.SoftLineBreak():
				b.WriteString(" ")
			}
		case *ast.String:
			b.WriteString(p.words(string(c.Value), marks))
		case *ast.Emphasis:
			mark, bit := "*", mdEmphasis
			if c.Level == 2 {
				mark, bit = "**", mdStrong
			}
			inner := p.inline(c, marks|bit)
			if p.plain {
				inner = mark + inner + mark
			}
			b.WriteString(inner)
		case *ast.CodeSpan:
			b.WriteString(p.words("`"+p.plainText(c)+"`", marks))
		case *ast.Link:
			b.WriteString(p.inline(c, marks))
			if dest := string(c.Destination); dest != p.plainText(c) {
				b.WriteString(p.words(" ("+dest+")", marks))
			}
		case *ast.AutoLink:
			b.WriteString(p.words(string(c.URL(p.src)), marks))
		case *ast.RawHTML:
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				b.WriteString(p.words(string(seg.Value(p.src)), marks))
			}
		default:
			b.WriteString(p.inline(c, marks))
		}
	}
	return b.String()
}

// words styles each word of s after marks.
func (p mdPreview) words(s string, marks int) string {
	if marks == 0 || p.plain {
		return s
	}
	style := lipgloss.NewStyle().Bold(marks&mdStrong != 0).Italic(marks&mdEmphasis != 0)
	parts := strings.Split(s, " ")
	for i, w := range parts {
		if w != "" {
			parts[i] = style.Render(w)
		}
	}
	return strings.Join(parts, " ")
}

// plainText is n's text without marks or styles: for headings, which are
// styled as a whole, and code, which is shown as written.
func (p mdPreview) plainText(n ast.Node) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(p.src)
			if _, code := c.Parent().(*ast.CodeSpan); !code {
				v = []byte(mdUnescape(v))
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteString(" ")
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// mdUnescape turns Markdown's escapes and character references back into
// the characters they stand for.
func mdUnescape(v []byte) string {
	return string(util.UnescapePunctuations(util.ResolveEntityNames(util.ResolveNumericReferences(v))))
}
