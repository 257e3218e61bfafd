package model

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Texts of the printable report. The report is read by Husbanken and by the
// municipality's own leaders, so they are the paper form's words.
const (
	mdDraft      = "KLADD – ikke endelig"
	mdUnanswered = "(ikke besvart)"
	// mdNoResult stands in a computed cell whose inputs are not all
	// answered yet: "X" would claim that the figure is not available.
	mdNoResult = "—"
	mdNoReason = "(ikke begrunnet)"
	mdNotes    = "Eventuelle kommentarer:"
	mdXLegend  = "X = tallet er ikke tilgjengelig; begrunnelsen står i kommentaren til raden under tabellen."
	// mdNoteIndent puts a comment's lines inside its "- " list item.
	mdNoteIndent = "  "
)

// Markdown lays a report out like the paper form, for printing and for
// e-mail (the preview in the terminal draws the same blocks, Printout): the title with kommune and year, the
// general information, the status tables with Resultat and the sum row, the
// count lists, and every text under its heading. A number that is not
// available shows as X, with its reason (the row's comment) under the
// table. The layout follows the template, so a new edition of the form
// prints without a change here.
//
// The output must read well both as plain text (people open the file in
// Notepad) and rendered: tables are padded so their columns line up, and
// the answers are escaped only where Markdown would change their meaning.
func Markdown(r *Report) []byte { return MarkdownWithLastYear(r, nil) }

// MarkdownWithLastYear is Markdown with last year's figures beside this
// year's in every table, as the grid shows them: last year's figure of the
// column the rows are compared in (CompareColumn) and this year's minus it.
// The paper form has no such columns, so the printout for Husbanken is
// Markdown; this one is for the kommune's own reading (and prev nil gives
// Markdown).
func MarkdownWithLastYear(r, prev *Report) []byte { return r.Printout(prev).Markdown() }

// layout lays the report out, block by block, in m.out.
func (m *mdReport) layout() {
	r := m.r
	m.front()
	heading := ""
	for _, s := range r.Template.Sections {
		if len(s.Fields) == 0 {
			continue // the front matter: its heading is the title
		}
		level := 2
		if h := r.Label(s.Heading); h != "" {
			if h != heading {
				m.heading(2, h)
			}
			heading, level = h, 3
		} else {
			heading = ""
		}
		m.section(s, level)
	}
	if ids := r.RetiredIDs(); len(ids) > 0 {
		m.heading(2, RetiredTitle)
		m.add(PrintBlock{Text: RetiredNote})
		for _, id := range ids {
			m.heading(3, id)
			m.add(PrintBlock{Text: Format(TypeCount, r.retired[id]), Answer: true})
		}
	}
}

type mdReport struct {
	r        *Report
	computed map[string]Value
	// prev is last year's report, to set beside this year's figures; nil
	// for the printout as the form has it.
	prev         *Report
	prevComputed map[string]Value
	out          Printout
}

func (m *mdReport) add(b PrintBlock) { m.out = append(m.out, b) }

func (m *mdReport) heading(level int, text string) {
	m.add(PrintBlock{Heading: level, Text: oneLine(text)})
}

// emphasis is template text (an introduction, the prompts) in italics,
// apart from the answers, on one line.
func (m *mdReport) emphasis(s string) { m.add(PrintBlock{Text: oneLine(s), Emphasis: true}) }

// oneLine puts a text on one line, with single blanks.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// front writes what stands above the first section: the draft mark, the
// title, the deadline and, for a final report, when it was finalized.
func (m *mdReport) front() {
	r := m.r
	if r.State != Final {
		// First of all, so that a printed draft is never taken for the report.
		m.add(PrintBlock{Text: mdDraft, Strong: true})
	}
	title := ""
	for _, s := range r.Template.Sections {
		if len(s.Fields) == 0 && s.Heading != "" {
			title = r.Label(s.Heading)
			break
		}
	}
	if title == "" {
		title = r.Label(r.Template.Title + " {Y}")
	}
	if r.Template.KommuneField != "" {
		k := strings.TrimSpace(r.Kommune())
		if k == "" {
			k = mdUnanswered
		}
		title += " – Kommune: " + k
	}
	m.heading(1, title)

	var lines []string
	if d := r.Template.Deadline; d.Day > 0 && d.Month > 0 {
		// The year is shown even when unknown (ÅÅÅÅ), as the paper form does.
		y := "ÅÅÅÅ"
		if year, ok := r.Year(); ok {
			y = strconv.FormatInt(year+int64(d.YearOffset), 10)
		}
		lines = append(lines, fmt.Sprintf("Frist: %02d.%02d.%s", d.Day, d.Month, y))
	}
	if r.State == Final {
		text := "Endelig rapport"
		if r.FinalizedAt != nil {
			text += ", ferdigstilt " + r.FinalizedAt.Local().Format("02.01.2006")
		}
		lines = append(lines, text)
	}
	if len(lines) > 0 {
		m.add(PrintBlock{Text: strings.Join(lines, "\n")})
	}
}

// section writes one screen of the form: its title, its introduction, its
// table, then its other fields in form order.
func (m *mdReport) section(s *Section, level int) {
	r := m.r
	title := r.Label(s.Title)
	m.heading(level, title)
	if intro := strings.TrimSpace(r.Label(s.Intro)); intro != "" {
		m.emphasis(intro)
	}
	done := map[string]bool{}
	if s.Table != nil {
		m.table(s.Table, done)
	}
	var pending [][]PrintCell // short answers, gathered into one two-column table
	flush := func() {
		if len(pending) > 0 {
			m.add(PrintBlock{Table: &PrintTable{Head: []string{"Opplysning", "Svar"}, Right: []bool{false, false}, Rows: pending}})
			pending = nil
		}
	}
	for _, f := range s.Fields {
		if done[f.ID] {
			continue
		}
		if f.Type != TypeLongText {
			pending = append(pending, []PrintCell{{Text: oneLine(r.Label(f.Label))}, {Text: oneLine(m.show(f))}})
			continue
		}
		flush()
		label := r.Label(f.Label)
		// A screen of one text, titled as the text (1.2), needs no second heading.
		if len(s.Fields) > 1 || label != title {
			m.heading(level+1, label)
		}
		if len(f.Prompts) > 0 {
			m.emphasis(strings.Join(r.Prompts(f), " · "))
		}
		if text := r.values[f.ID].Text; len(Paragraphs(text)) > 0 {
			m.add(PrintBlock{Text: text, Answer: true})
		} else {
			m.emphasis(mdUnanswered)
		}
	}
	flush()
}

// show formats an answer or a computed result for a table cell. A result
// Compute left empty is not answered yet: "—", as in the grid's blank cell.
func (m *mdReport) show(f *Field) string {
	v := m.r.values[f.ID]
	if f.Computed() {
		v = m.computed[f.ID]
		if v.IsEmpty() {
			return mdNoResult
		}
	}
	if v.IsEmpty() {
		return mdUnanswered
	}
	return Format(f.Type, v)
}

// table writes a status table or count list as the paper form's grid, and
// the rows' comments in a list under it, each under its row's label: in a
// column of their own the comments would make the table too wide to read,
// in Notepad as in an 80-column terminal. It marks the fields it has shown
// in done.
func (m *mdReport) table(t *Table, done map[string]bool) {
	r := m.r
	labels := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		labels[i] = r.Label(c.Label)
	}
	// The words the column headings share ("Status behov pr.") are said
	// once, in the corner, so the headings are short enough for the table
	// to fit an 80-column terminal without the preview wrapping them.
	shared := mdSharedPrefix(labels)
	tab := &PrintTable{Head: []string{oneLine(shared)}, Right: []bool{false}}
	for _, l := range labels {
		if rest := strings.TrimPrefix(l, shared); rest != "" {
			l = rest
		}
		tab.Head = append(tab.Head, oneLine(l))
		tab.Right = append(tab.Right, true)
	}
	compare := -1
	if m.prev != nil {
		compare = r.Template.CompareColumn(t)
	}
	if compare >= 0 {
		tab.Head = append(tab.Head, oneLine(LastYearHeadingOf(m.prev, t.Columns[compare])), ChangeHeading)
		tab.Right = append(tab.Right, true, true)
	}
	rows := append([]Row{}, t.Rows...)
	if t.Sum != nil {
		rows = append(rows, *t.Sum)
	}
	var notes []PrintNote
	anyX := false
	for _, row := range rows {
		sum := t.Sum != nil && row.ID == t.Sum.ID
		label := r.Label(row.Label)
		if row.LabelField != "" {
			done[row.LabelField] = true
			label = strings.TrimSpace(r.values[row.LabelField].Text)
			if label == "" {
				label = r.Label(row.Label) + ": " + mdUnanswered
			}
		}
		cells := []PrintCell{{Text: oneLine(label), Strong: sum}}
		rowX := false
		for _, c := range t.Columns {
			f := r.Template.Field(t.Cell(row, c))
			done[f.ID] = true
			text := m.show(f)
			if text == "X" {
				anyX = true
				rowX = rowX || !f.Computed()
			}
			cells = append(cells, PrintCell{Text: text, Strong: sum && text != mdNoResult && text != mdUnanswered})
		}
		if compare >= 0 {
			for _, text := range m.lastYear(t, row, t.Columns[compare]) {
				cells = append(cells, PrintCell{Text: text, Strong: sum && text != "" && text != mdNoResult})
			}
		}
		if id := t.CommentID(row); r.Template.Field(id) != nil {
			done[id] = true
			switch comment := r.values[id].Text; {
			case len(Paragraphs(comment)) > 0:
				notes = append(notes, PrintNote{Label: label, Text: comment})
			case rowX:
				notes = append(notes, PrintNote{Label: label, Missing: true})
			}
		}
		tab.Rows = append(tab.Rows, cells)
	}
	m.add(PrintBlock{Table: tab})
	if anyX {
		m.emphasis(mdXLegend)
	}
	if len(notes) > 0 {
		m.add(PrintBlock{Text: mdNotes})
		m.add(PrintBlock{Notes: notes})
	}
}

// lastYear is a row's figure last year in column col and this year's minus
// it; both blank when the row is not the same as last year's (SameRow).
func (m *mdReport) lastYear(t *Table, row Row, col Column) [2]string {
	id := t.Cell(row, col)
	f := m.prev.Template.Field(id)
	if f == nil || !SameRow(m.r, m.prev, row) {
		return [2]string{}
	}
	last, now := m.prev.values[id], m.r.values[id]
	if f.Computed() {
		last, now = m.prevComputed[id], m.computed[id]
	}
	out := [2]string{mdNoResult, ""}
	if !last.IsEmpty() {
		out[0] = Format(f.Type, last)
	}
	if last.Kind == Number && now.Kind == Number {
		out[1] = FormatChange(now.Num - last.Num)
	}
	return out
}

// mdSharedPrefix returns the words the first two column headings begin
// with, blank included: "Status behov pr. " for the status tables.
func mdSharedPrefix(labels []string) string {
	if len(labels) < 2 {
		return ""
	}
	a, b := labels[0], labels[1]
	n := 0
	for i := 0; i < len(a) && i < len(b) && a[i] == b[i]; i++ {
		if a[i] == ' ' {
			n = i + 1
		}
	}
	return a[:n]
}

// mdHardBreak ends a line without ending the paragraph. Two spaces rather
// than a backslash: they are invisible in Notepad, where a backslash at
// every line's end would be noise.
const mdHardBreak = "  "

// mdText turns an answer into Markdown that renders as the author wrote it:
// paragraphs stay paragraphs, a single line break stays a line break, and a
// line that Markdown would read as a heading, quote, code, rule or link
// definition is escaped. Lists ("1) …", "- …") are left to be lists, which is what they
// are. Each line gets indent, to nest the text in a list item. The result
// is "" for an empty answer.
func mdText(text, indent string) string {
	var paras []string
	for _, p := range Paragraphs(text) {
		for i, line := range p {
			p[i] = indent + mdLine(line)
		}
		paras = append(paras, strings.Join(p, mdHardBreak+"\n"))
	}
	return strings.Join(paras, "\n\n")
}

// Paragraphs splits an answer into its paragraphs (apart by blank lines)
// and their lines, each trimmed: blanks at a line's start would turn it
// into a code block in Markdown (four of them) or nest it, at its end they
// would add breaks of their own. An empty answer has none.
func Paragraphs(text string) [][]string {
	var paras [][]string
	var lines []string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		} else if len(lines) > 0 {
			paras, lines = append(paras, lines), nil
		}
	}
	if len(lines) > 0 {
		paras = append(paras, lines)
	}
	return paras
}

// mdLine escapes the start of a line of an answer where Markdown would give
// it a meaning the author did not intend.
func mdLine(line string) string {
	line = mdInline(line)
	switch {
	case mdIsATXHeading(line), strings.HasPrefix(line, ">"),
		strings.HasPrefix(line, "```"), strings.HasPrefix(line, "~~~"),
		mdIsRule(line),
		// "[1]: Kilde" would be taken for a link definition and vanish.
		strings.HasPrefix(line, "[") && strings.Contains(line, "]:"):
		return `\` + line
	}
	return line
}

// mdIsATXHeading reports whether a line would be a heading: one to six "#"
// then a blank or nothing. "#1 prioritet" is not one and stays as typed.
func mdIsATXHeading(line string) bool {
	n := len(line) - len(strings.TrimLeft(line, "#"))
	return n >= 1 && n <= 6 && (n == len(line) || line[n] == ' ' || line[n] == '\t')
}

// mdIsRule reports whether a line is made of one of -, =, * or _ (and
// blanks) only: a thematic break, or a setext underline that would turn the
// line above it into a heading.
func mdIsRule(line string) bool {
	var mark rune
	for _, c := range line {
		switch {
		case c == ' ' || c == '\t':
		case mark == 0 && strings.ContainsRune("-=*_", c):
			mark = c
		case c != mark:
			return false
		}
	}
	return mark != 0
}

// mdInline escapes what Markdown would take out of running text: a
// backslash before punctuation (it would escape it), and a "<" that begins
// an HTML tag (the tag would vanish). Ordinary punctuation, "*" and "_"
// among it, is left alone: in these answers it is text, and escaping it
// would clutter the file for its readers in Notepad.
func mdInline(s string) string {
	if !strings.ContainsAny(s, `\<`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		next := byte(0)
		if i+1 < len(s) {
			next = s[i+1]
		}
		switch {
		case c == '\\' && mdIsPunct(next),
			c == '<' && (mdIsLetter(next) || next == '/' || next == '!' || next == '?'):
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

func mdIsPunct(c byte) bool {
	return c > ' ' && c < 0x7f && !mdIsLetter(c) && (c < '0' || c > '9')
}

func mdIsLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// mdCell escapes the text of a table cell, where "|" would end it.
func mdCell(s string) string { return strings.ReplaceAll(mdInline(s), "|", `\|`) }

// mdHeadingText escapes "#" in a heading, where a closing run of them
// would be dropped.
func mdHeadingText(s string) string {
	return strings.ReplaceAll(mdInline(strings.Join(strings.Fields(s), " ")), "#", `\#`)
}

// mdTable is a pipe table whose columns are padded to line up in a plain
// text editor; rendered, the padding is invisible.
type mdTable struct {
	head  []string
	right []bool // right-aligned: the number columns
	rows  [][]string
}

func (t mdTable) String() string {
	width := make([]int, len(t.head))
	for _, row := range append([][]string{t.head}, t.rows...) {
		for i, c := range row {
			width[i] = max(width[i], utf8.RuneCountInString(c), 3)
		}
	}
	var b strings.Builder
	line := func(cells []string, cell func(i int, c string) string) {
		b.WriteString("|")
		for i := range t.head {
			c := ""
			if i < len(cells) {
				c = cells[i]
			}
			b.WriteString(" " + cell(i, c) + " |")
		}
		b.WriteString("\n")
	}
	pad := func(i int, c string) string {
		fill := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
		if t.right[i] {
			return fill + c
		}
		return c + fill
	}
	line(t.head, pad)
	line(nil, func(i int, _ string) string {
		if t.right[i] {
			return strings.Repeat("-", width[i]-1) + ":"
		}
		return strings.Repeat("-", width[i])
	})
	for _, row := range t.rows {
		line(row, pad)
	}
	return strings.TrimSuffix(b.String(), "\n")
}
