package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
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
		in := s.input
		in.Width = max(1, width-lipgloss.Width(label)-1)
		lines = append(lines, s.c.styles.Label.Render(label)+in.View())
	}
	h := s.help
	h.Width = width
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
	w, h := s.size()
	return max(1, h-startTop-len(s.bottom(w))-1)
}

// fixOffset scrolls the list just enough to keep the selection in view.
func (s *startScreen) fixOffset() {
	n := s.rowsVisible()
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
		hm.Width = w
		return s.preview.view(s.c.styles, hm.ShortHelpView(s.previewKeys.ShortHelp()), w, h)
	}
	s.fixOffset()
	st := s.c.styles
	bottom := s.bottom(w)
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

// listLines renders the column headings and the rows from s.offset on, at
// most rows of them. Column widths come from every report, not only those in
// view, so the columns stay put while the list scrolls.
func (s startScreen) listLines(width, rows int) []string {
	st := s.c.styles
	now := s.c.now()
	type row struct {
		kommune  string
		cells    [colCount]string
		overdue  bool
		unnamed  bool
		selected bool
	}
	all := make([]row, len(s.reports))
	kw := lipgloss.Width("Kommune")
	var cw [colCount]int
	for i, h := range startHeadings {
		cw[i] = lipgloss.Width(h)
	}
	// Reports that share kommune and year (a copy after a conflict, a
	// second carry-over, two editions) get their id's start, and their
	// edition when it differs, so they can be told apart.
	apart := store.TellApart(s.reports)
	for i, sum := range s.reports {
		r := row{kommune: sum.Kommune, selected: i == s.cursor}
		if r.kommune == "" {
			r.kommune, r.unnamed = "(uten kommune)", true
		}
		if !sum.Installed(s.c.reg) {
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
		}
		r.cells[colDeadline], r.overdue = sum.Deadline(s.c.reg, now)
		kw = max(kw, lipgloss.Width(r.kommune))
		for c, text := range r.cells {
			cw[c] = max(cw[c], lipgloss.Width(text))
		}
		all[i] = r
	}
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
	if kw > width-rest() {
		// The deadline says only what matters most: the days left of a
		// draft, the date of a final report.
		cw[colDeadline] = lipgloss.Width(startHeadings[colDeadline])
		for i := range all {
			if _, days, ok := strings.Cut(all[i].cells[colDeadline], " · "); ok {
				all[i].cells[colDeadline] = days
			}
			cw[colDeadline] = max(cw[colDeadline], lipgloss.Width(all[i].cells[colDeadline]))
		}
	}
	if kw > width-rest() {
		for i := range all {
			if saved := s.reports[i].UpdatedAt; !saved.IsZero() {
				all[i].cells[colSaved] = saved.Local().Format("02.01.2006")
			}
		}
		cw[colSaved] = max(lipgloss.Width(startHeadings[colSaved]), lipgloss.Width("02.01.2006"))
	}
	kw = max(6, min(kw, width-rest()))

	pad := func(text string, w int, right bool) string {
		text = ansi.Truncate(text, w, "…")
		fill := strings.Repeat(" ", max(0, w-lipgloss.Width(text)))
		if right {
			return fill + text
		}
		return text + fill
	}
	line := func(marker, kommune string, cells [colCount]string, style, kommuneStyle, deadlineStyle lipgloss.Style) string {
		var b strings.Builder
		b.WriteString(style.Render(marker))
		kommune = fitKommune(kommune, kw)
		b.WriteString(kommuneStyle.Render(kommune + strings.Repeat(" ", max(0, kw-lipgloss.Width(kommune)))))
		for c, text := range cells {
			b.WriteString(startColumnGap)
			cs := style
			if c == colDeadline {
				cs = deadlineStyle
			}
			if c == colDeadline {
				// The last column needs no padding after it.
				b.WriteString(cs.Render(text))
				continue
			}
			b.WriteString(cs.Render(pad(text, cw[c], c == colDone)))
		}
		return strings.TrimRight(b.String(), " ")
	}

	lines := []string{line("  ", "Kommune", startHeadings, st.Dim, st.Dim, st.Dim)}
	end := min(len(all), s.offset+rows)
	for _, r := range all[s.offset:end] {
		style, marker := lipgloss.NewStyle(), "  "
		if r.selected {
			style, marker = st.Selected, "› "
		}
		kommuneStyle, deadlineStyle := style, style
		if r.unnamed {
			kommuneStyle = st.Dim.Inherit(style)
		}
		if r.overdue {
			deadlineStyle = st.Overdue.Inherit(style)
		}
		lines = append(lines, line(marker, r.kommune, r.cells, style, kommuneStyle, deadlineStyle))
	}
	return lines
}
