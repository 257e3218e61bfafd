package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"boso/model"
	"boso/store"
)

// startReportName names a report in a sentence: "for Gjøvik kommune 2012".
func startReportName(sum store.Summary) string {
	if sum.Kommune != "" {
		if sum.Year != 0 {
			return fmt.Sprintf("for %s %d", sum.Kommune, sum.Year)
		}
		return "for " + sum.Kommune
	}
	name := "uten kommune"
	if sum.Year != 0 {
		name += fmt.Sprintf(" for %d", sum.Year)
	}
	return name + " (" + model.ShortID(sum.ID) + ")"
}

// startWhich is what tells a report in the list apart from its twins of
// the same kommune and year, "" when it has none and is no copy: the start
// of its id (and its edition when that differs), and for a copy made when
// another window saved first, whose copy it is. The copy's own id gives way
// there, so that what marks it still fits beside the name at 80 columns.
func startWhich(sum store.Summary, a store.Apart) string {
	var parts []string
	switch {
	case a.ByEdition:
		parts = append(parts, startShortID(sum.ID)+" · "+sum.Template)
	case a.ByID && sum.CopyOf == "":
		parts = append(parts, startShortID(sum.ID))
	}
	if sum.CopyOf != "" {
		parts = append(parts, "kopi av "+startShortID(sum.CopyOf))
	}
	return strings.Join(parts, ", ")
}

// startShortID is as much of an id as the list shows.
func startShortID(id string) string { return id[:min(len(id), 6)] }

// Layout.

// bottom is everything under the list: the status, the question or prompt
// of the current mode, and the help.
func (s startScreen) bottom(width int) []string {
	lines := []string{""}
	if s.status != "" {
		st := s.c.styles.Saved
		if s.statusErr {
			st = s.c.styles.Problem
		}
		for _, l := range strings.Split(ansi.Wrap(s.status, width, ""), "\n") {
			lines = append(lines, st.Render(l))
		}
	}
	switch s.mode {
	case startNaming:
		lines = append(lines, s.namingLines(width)...)
	case startConfirmingDelete, startConfirmingCarryOver, startConfirmingNew:
		// A report with a twin, or a copy, is named by its id as well:
		// the user must know which of the two goes.
		name := startReportName(s.target)
		if t := s.target; t.Kommune != "" && (t.CopyOf != "" || store.TellApart(s.reports)[t.ID].ByID) {
			which := startShortID(t.ID)
			if t.CopyOf != "" {
				which += ", kopi av " + startShortID(t.CopyOf)
			}
			name += " (" + which + ")"
		}
		q := "Slette rapporten " + name + "? Den kan ikke hentes tilbake. (j/n)"
		switch s.mode {
		case startConfirmingCarryOver:
			next := store.Summary{ID: s.target.ID, Kommune: s.target.Kommune, Year: s.target.Year + 1}
			q = "Det finnes allerede en rapport " + startReportName(next) + ". Lage en til? (j/n)"
		case startConfirmingNew:
			q = "Det finnes allerede en rapport " + startReportName(s.target) + ". Lage en til? (j/n)"
		}
		for _, l := range strings.Split(ansi.Wrap(q, width, ""), "\n") {
			lines = append(lines, s.c.styles.Header.Render(l))
		}
	case startExporting:
		label := "Eksporter som JSON til: "
		if s.format == "md" {
			label = "Eksporter som Markdown til: "
		}
		lines = append(lines, s.c.styles.Label.Render(label)+inputView(s.input, max(1, width-lipgloss.Width(label)-1)))
	}
	h := s.help
	h.SetWidth(width)
	if s.mode != startBrowsing {
		h.ShowAll = false
	}
	return append(lines, strings.Split(h.View(s.helpKeys(width)), "\n")...)
}

// startTop is the title and the blank line under it.
const startTop = 2

func (s startScreen) size() (width, height int) {
	width, height = s.c.width, s.c.height
	if width <= 0 {
		width = 80
	}
	if height <= 0 {
		height = 24
	}
	return width, height
}

// rowsVisible is how many reports fit under the column headings.
func (s startScreen) rowsVisible() int {
	w, _ := s.size()
	return s.rowsAbove(len(s.bottom(w)))
}

// rowsAbove is how many reports fit under the column headings above a
// bottom of that many lines.
func (s startScreen) rowsAbove(bottom int) int {
	_, h := s.size()
	return max(1, h-startTop-bottom-1)
}

// fixOffset scrolls the list just enough to keep the selection in view.
func (s *startScreen) fixOffset() { s.scrollFor(s.rowsVisible()) }

// scrollFor scrolls the list just enough to keep the selection in view
// when n rows show.
func (s *startScreen) scrollFor(n int) {
	if s.cursor < s.offset {
		s.offset = s.cursor
	}
	if s.cursor >= s.offset+n {
		s.offset = s.cursor - n + 1
	}
	s.offset = max(0, min(s.offset, len(s.reports)-n))
}

func (s startScreen) view() string {
	w, h := s.size()
	if s.mode == startPreviewing {
		hm := s.help
		hm.SetWidth(w)
		return s.preview.view(s.c.styles, hm.ShortHelpView(s.previewKeys.ShortHelp()), w, h)
	}
	st := s.c.styles
	bottom := s.bottom(w)
	s.scrollFor(s.rowsAbove(len(bottom)))
	bodyH := max(0, h-startTop-len(bottom))

	title := st.Title.Render(startTitle)
	if n, rows := len(s.reports), bodyH-1; s.mode == startBrowsing && n > rows && rows > 0 {
		pos := fmt.Sprintf("%d–%d av %d", s.offset+1, min(n, s.offset+rows), n)
		if gap := w - lipgloss.Width(title) - lipgloss.Width(pos); gap >= 2 {
			title += strings.Repeat(" ", gap) + st.Dim.Render(pos)
		}
	}
	lines := []string{title, ""}

	var body []string
	switch {
	case s.mode == startChoosingTemplate:
		body = s.templateLines()
	case !s.loaded && s.status == "":
		body = []string{st.Dim.Render("Henter rapportene …")}
	case !s.loaded:
	case len(s.reports) == 0:
		body = strings.Split(ansi.Wrap("Ingen rapporter ennå – trykk n for å lage den første.", w, ""), "\n")
	default:
		body = s.listLines(w, bodyH-1)
	}
	if len(body) > bodyH {
		body = body[:bodyH]
	}
	lines = append(lines, body...)
	for len(lines) < h-len(bottom) {
		lines = append(lines, "")
	}
	lines = append(lines, bottom...)
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	return strings.Join(lines, "\n")
}

func (s startScreen) templateLines() []string {
	st := s.c.styles
	question := "Hvilken mal skal den nye rapporten følge?"
	if s.carryFrom != "" {
		question = "Hvilken utgave av skjemaet skal neste års rapport følge?"
	}
	lines := []string{st.Header.Render(question), ""}
	for i, t := range s.templates {
		text := t.ID + "  " + t.Title
		if i == s.tmplCursor {
			lines = append(lines, st.Selected.Render("› "+text))
		} else {
			lines = append(lines, "  "+text)
		}
	}
	return lines
}

// The columns of the list, after the kommune.
const (
	colYear = iota
	colState
	colDone
	colSaved
	colDeadline
	colCount
)

var startHeadings = [colCount]string{"År", "Status", "Utfylt", "Sist lagret", "Frist"}

// startColumnGap separates two columns.
const startColumnGap = "  "

// fitKommune cuts a kommune's name to w cells between words; the id that
// tells two reports apart ("Gjøvik kommune (44b103)") is kept whole, as
// it is what the user must see. A copy's mark ("kopi av 44b103") that
// leaves too little room becomes "kopi" rather than go: the original's
// row shows its id.
func fitKommune(name string, w int) string {
	if ansi.StringWidth(name) <= w {
		return name
	}
	if i := strings.LastIndex(name, " ("); i > 0 && strings.HasSuffix(name, ")") {
		tag := name[i:]
		if room := w - ansi.StringWidth(tag); room >= 4 {
			return fitWords(name[:i], room) + tag
		}
		const short = " (kopi)"
		if room := w - ansi.StringWidth(short); strings.HasPrefix(tag, " (kopi av ") && room >= 4 {
			return fitWords(name[:i], room) + short
		}
	}
	return fitWords(name, w)
}

// startRow is one report of the list as text.
type startRow struct {
	kommune string
	cells   [colCount]string
	// shortDeadline and shortSaved stand in the last two columns when the
	// kommune needs their room: the days left alone, the day of the save.
	shortDeadline, shortSaved string
	overdue, unnamed          bool
}

// startTable is the list as text, with its columns' widths over every
// report, not only those in view, so that the columns stay put while the
// list scrolls. It is laid out when the list is read (in the command that
// reads it) and again when a new day changes the deadlines: a frame then
// costs the rows in view, however many reports the file holds.
type startTable struct {
	day  string // the day the deadlines count from
	rows []startRow
	kw   int
	cw   [colCount]int
	// shortDeadlineW is the deadline column's width with the short texts.
	shortDeadlineW int
}

// startDay is the day of now that the deadlines count from.
func startDay(now time.Time) string { return now.Local().Format("2006-01-02") }

// layoutStart lays out the list of reports as the start screen shows it.
func layoutStart(reports []store.Summary, reg *model.Registry, now time.Time) startTable {
	t := startTable{day: startDay(now), rows: make([]startRow, len(reports)), kw: lipgloss.Width("Kommune")}
	for i, h := range startHeadings {
		t.cw[i] = lipgloss.Width(h)
	}
	t.shortDeadlineW = t.cw[colDeadline]
	// Reports that share kommune and year (a copy after a conflict, a
	// second carry-over, two editions) get their id's start, and their
	// edition when it differs, so they can be told apart.
	apart := store.TellApart(reports)
	for i, sum := range reports {
		r := startRow{kommune: sum.Kommune}
		if r.kommune == "" {
			r.kommune, r.unnamed = "(uten kommune)", true
		}
		if !sum.Installed(reg) {
			r.kommune += " (malen " + sum.Template + " mangler)"
		} else if which := startWhich(sum, apart[sum.ID]); which != "" {
			r.kommune += " (" + which + ")"
		}
		r.cells[colYear] = "—"
		if sum.Year != 0 {
			r.cells[colYear] = strconv.Itoa(sum.Year)
		}
		r.cells[colState] = model.State(sum.State).Word()
		r.cells[colDone] = fmt.Sprintf("%d/%d", sum.Answered, sum.Total)
		if !sum.UpdatedAt.IsZero() {
			r.cells[colSaved] = sum.UpdatedAt.Local().Format("02.01.2006 15:04")
			r.shortSaved = sum.UpdatedAt.Local().Format("02.01.2006")
		}
		r.cells[colDeadline], r.overdue = sum.Deadline(reg, now)
		// The deadline says only what matters most when narrowed: the days
		// left of a draft, the date of a final report.
		r.shortDeadline = r.cells[colDeadline]
		if _, days, ok := strings.Cut(r.shortDeadline, " · "); ok {
			r.shortDeadline = days
		}
		t.kw = max(t.kw, startWidth(r.kommune))
		for c, text := range r.cells {
			t.cw[c] = max(t.cw[c], startWidth(text))
		}
		t.shortDeadlineW = max(t.shortDeadlineW, startWidth(r.shortDeadline))
		t.rows[i] = r
	}
	return t
}

// startWidth is the width of a text of the list: its characters counted
// when each is one cell wide (narrowRune), else measured, which costs more
// than the rest of laying out a row.
func startWidth(s string) int {
	n := 0
	for _, r := range s {
		if r < ' ' || r >= 0x7f && r < 0xa0 || r == 0xad || !narrowRune(r) { // controls, soft hyphen
			return lipgloss.Width(s)
		}
		n++
	}
	return n
}

// listLines renders the column headings and the rows from s.offset on, at
// most rows of them.
func (s startScreen) listLines(width, rows int) []string {
	st := s.c.styles
	t := s.table
	kw, cw := t.kw, t.cw
	// The kommune takes what the other columns leave. Where that is too
	// little for its name, the deadline's date and then the time of the
	// last save give way first (the day is what tells reports apart), and
	// only then is the name cut short, between words, with "…", rather
	// than push the others off.
	rest := func() int {
		n := 2
		for _, w := range cw {
			n += len(startColumnGap) + w
		}
		return n
	}
	shortDeadline, shortSaved := false, false
	if kw > width-rest() {
		cw[colDeadline], shortDeadline = t.shortDeadlineW, true
	}
	if kw > width-rest() {
		cw[colSaved], shortSaved = max(lipgloss.Width(startHeadings[colSaved]), lipgloss.Width("02.01.2006")), true
	}
	kw = max(6, min(kw, width-rest()))

	pad := func(text string, w int, right bool) string {
		if startWidth(text) > w {
			text = ansi.Truncate(text, w, "…")
		}
		fill := strings.Repeat(" ", max(0, w-startWidth(text)))
		if right {
			return fill + text
		}
		return text + fill
	}
	// paint renders text in a style, or leaves it be where there is none
	// (nil): most rows of the list are plain, and lipgloss takes its
	// microseconds even for a style that sets nothing.
	paint := func(style *lipgloss.Style, text string) string {
		if style == nil {
			return text
		}
		return style.Render(text)
	}
	line := func(marker, kommune string, cells [colCount]string, style, kommuneStyle, deadlineStyle *lipgloss.Style) string {
		var b strings.Builder
		b.WriteString(paint(style, marker))
		kommune = fitKommune(kommune, kw)
		b.WriteString(paint(kommuneStyle, kommune+strings.Repeat(" ", max(0, kw-startWidth(kommune)))))
		for c, text := range cells {
			b.WriteString(startColumnGap)
			if c == colDeadline {
				// The last column needs no padding after it.
				b.WriteString(paint(deadlineStyle, text))
				continue
			}
			b.WriteString(paint(style, pad(text, cw[c], c == colDone)))
		}
		return strings.TrimRight(b.String(), " ")
	}

	lines := []string{line("  ", "Kommune", startHeadings, &st.Dim, &st.Dim, &st.Dim)}
	end := min(len(t.rows), s.offset+rows)
	for i := s.offset; i < end; i++ {
		r := t.rows[i]
		if shortDeadline {
			r.cells[colDeadline] = r.shortDeadline
		}
		if shortSaved && r.shortSaved != "" {
			r.cells[colSaved] = r.shortSaved
		}
		var style *lipgloss.Style
		marker := "  "
		if i == s.cursor {
			style, marker = &st.Selected, "› "
		}
		kommuneStyle, deadlineStyle := style, style
		if r.unnamed {
			dim := st.Dim
			if style != nil {
				dim = dim.Inherit(*style)
			}
			kommuneStyle = &dim
		}
		if r.overdue {
			overdue := st.Overdue
			if style != nil {
				overdue = overdue.Inherit(*style)
			}
			deadlineStyle = &overdue
		}
		lines = append(lines, line(marker, r.kommune, r.cells, style, kommuneStyle, deadlineStyle))
	}
	return lines
}
