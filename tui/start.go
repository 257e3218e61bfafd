package tui

import (
	"errors"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"boso/model"
	"boso/store"
	"boso/tui/say"
)

const startTitle = "boso – Årsrapport, Boligsosialt utviklingsprogram"

// startMode is what the start screen is waiting for.
type startMode int

const (
	startBrowsing startMode = iota
	startChoosingTemplate
	startConfirmingDelete
	startConfirmingCarryOver
	startExporting
	startPreviewing
	startNaming
	startConfirmingNew
)

// startListMsg carries the reports read from the file, laid out for the
// list, or why they could not be read.
type startListMsg struct {
	reports []store.Summary
	table   startTable
	err     error
}

// startFailedMsg reports a store operation that failed; what is the start
// of the sentence the user reads ("Kunne ikke lage rapporten").
type startFailedMsg struct {
	what string
	err  error
}

// startDeletedMsg reports the end of a deletion; name is how the question
// named the report.
type startDeletedMsg struct {
	name string
	err  error
}

// startExportedMsg reports the end of an export. written tells a failure to
// write the file from a failure to read the report.
type startExportedMsg struct {
	path    string
	draft   bool
	written bool
	err     error
}

// errorMsg reports a failure for the start screen to show. The root sends
// it when the report chosen here cannot be opened.
type errorMsg struct{ err error }

// startScreen is the list of reports in the draft file, where a case worker
// picks the report to work on or makes a new one.
type startScreen struct {
	c    *common
	keys startKeyMap
	help help.Model

	loaded  bool
	reports []store.Summary
	table   startTable // the reports as the list shows them
	cursor  int
	offset  int

	mode       startMode
	templates  []*model.Template
	tmplCursor int
	// carryFrom is the report next year's is made from while its edition
	// is being chosen; "" when a new, empty report is.
	carryFrom string
	// target is the report the question or the export prompt is about,
	// fixed when it was asked so that a reload cannot change it underfoot.
	target store.Summary
	input  textinput.Model
	format string
	// naming is the dialog for a new report's kommune and year.
	naming newReportForm

	// preview is the report shown as it will print, while previewing.
	preview     previewScreen
	previewKeys previewKeyMap
	previewSeq  int

	status    string
	statusErr bool
	// busy is set while a command that changes the file runs, so that a
	// key pressed twice does not make two reports.
	busy bool
}

func newStartScreen(c *common) startScreen {
	keys := newStartKeyMap(c.keys)
	return startScreen{c: c, keys: keys, previewKeys: newPreviewKeyMap(keys), help: newStartHelp(c.styles), format: "json"}
}

// newStartHelp is the list's help line in the UI's look.
func newStartHelp(st Styles) help.Model {
	h := help.New()
	h.Styles.ShortKey = st.Label
	h.Styles.FullKey = st.Label
	h.Styles.ShortDesc = st.Help
	h.Styles.FullDesc = st.Help
	h.Styles.ShortSeparator = st.Dim
	h.Styles.FullSeparator = st.Dim
	h.Styles.Ellipsis = st.Dim
	return h
}

// init starts reading the list at once, not when its command has come
// back around Bubble Tea's loop (two goroutines and the message queue,
// which is busy with the program's first messages): the frame with the list
// is written as soon as the list is laid out (boso's copy of Bubble Tea), so
// every millisecond before it is one the user waits.
func (s startScreen) init() tea.Cmd {
	list := make(chan startListMsg, 1)
	go func() { list <- readStartList(s.c.store, s.c.reg, s.c.now()) }()
	return func() tea.Msg { return <-list }
}

// startKeyMap is the start screen's view of the KeyMap. The list has no text
// field, so it can also answer to the single letters people expect of a list
// (q, ?, j/k), which the editor screens must leave to typing.
type startKeyMap struct {
	up, down, pageUp, pageDown key.Binding
	open, new, carryOver       key.Binding
	export, delete, reload     key.Binding
	preview                    key.Binding
	help, quit, forceQuit      key.Binding
	yes, no, back, format      key.Binding
}

func newStartKeyMap(k KeyMap) startKeyMap {
	return startKeyMap{
		up:        startAlso(k.Up, "↑/k", "k"),
		down:      startAlso(k.Down, "↓/j", "j"),
		pageUp:    k.Report.PrevScreen,
		pageDown:  k.Report.NextScreen,
		open:      k.Open,
		new:       k.New,
		carryOver: k.CarryOver,
		export:    k.Export,
		delete:    k.Delete,
		reload:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "les listen på nytt")),
		preview:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "forhåndsvis")),
		help:      startAlso(k.Help, "?", "?"),
		quit:      startAlso(k.Quit, "q", "q"),
		forceQuit: k.Quit,
		yes:       k.Yes,
		no:        k.No,
		back:      k.Back,
		format:    k.NextField,
	}
}

// startAlso returns a copy of b that also answers to extra, shown as label.
func startAlso(b key.Binding, label string, extra ...string) key.Binding {
	keys := append(append([]string(nil), b.Keys()...), extra...)
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(label, b.Help().Desc))
}

// startHelp is the help of the start screen's current mode.
type startHelp struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h startHelp) ShortHelp() []key.Binding  { return h.short }
func (h startHelp) FullHelp() [][]key.Binding { return h.full }

func (s startScreen) helpKeys(width int) startHelp {
	k := s.keys
	switch s.mode {
	case startChoosingTemplate:
		return startHelp{short: []key.Binding{
			relabel(k.open, "velg"), relabel(startAlso(k.up, "↑/↓"), "flytt"), relabel(k.back, "avbryt"),
		}}
	case startConfirmingDelete:
		return startHelp{short: []key.Binding{relabel(k.yes, "ja, slett"), relabel(k.no, "nei, behold den")}}
	case startConfirmingCarryOver, startConfirmingNew:
		return startHelp{short: []key.Binding{relabel(k.yes, "ja, lag en til"), relabel(k.no, "nei")}}
	case startNaming:
		return startHelp{short: []key.Binding{
			relabel(k.open, "lag rapporten"), relabel(k.format, "neste felt"), relabel(k.back, "avbryt"),
		}}
	case startExporting:
		return startHelp{short: []key.Binding{
			relabel(k.open, "skriv filen"), relabel(k.format, "JSON/Markdown"), relabel(k.back, "avbryt"),
		}}
	}
	h := startHelp{
		short: []key.Binding{k.open, k.new, k.carryOver, k.export, k.delete, k.help, k.quit},
		full: [][]key.Binding{
			{k.up, k.down, relabel(k.pageUp, "en side opp"), relabel(k.pageDown, "en side ned")},
			{k.open, k.new, k.carryOver, k.export, k.preview, k.delete},
			{k.reload, relabel(k.help, "lukk hjelpen"), k.quit},
		},
	}
	if len(s.reports) == 0 {
		// Nothing to open, carry over, export or delete yet.
		h.short = []key.Binding{k.new, k.help, k.quit}
	}
	// In 80 columns the whole descriptions do not fit on one line: name
	// the actions briefly there rather than lose the last keys to "…".
	if len(s.reports) > 0 && lipgloss.Width(s.help.ShortHelpView(h.short)) > width {
		h.short = []key.Binding{
			k.open, relabel(k.new, "ny"), relabel(k.carryOver, "nytt år"), k.export, k.delete,
			relabel(k.help, "hjelp"), k.quit,
		}
	}
	return h
}

func (s startScreen) update(msg tea.Msg) (startScreen, tea.Cmd) {
	if now := s.c.now(); s.loaded && s.table.day != startDay(now) {
		s.table = layoutStart(s.reports, s.c.reg, now) // the days left have changed
	}
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		// The root has put the new size in s.c; the view follows it.
		if s.mode == startPreviewing {
			cmd = s.resizePreview()
		}
	case previewLoadedMsg:
		cmd = s.gotPreview(msg)
	case previewRenderedMsg:
		// A rendering for a width the window no longer has is dropped.
		if w, _ := s.size(); s.mode == startPreviewing && msg.seq == s.preview.seq && msg.width == w {
			s.preview.show(msg.rendered, msg.width)
		}
	case startListMsg:
		s.gotList(msg)
	case startFailedMsg:
		s.busy = false
		s.fail(msg.what, say.StoreAt(msg.err, s.c.store.Path()))
	case startDeletedMsg:
		s.busy = false
		switch {
		case msg.err == nil:
			s.inform("Rapporten " + msg.name + " er slettet.")
		case errors.Is(msg.err, store.ErrNotFound):
			s.inform("Rapporten " + msg.name + " var allerede slettet.")
		default:
			s.fail("Kunne ikke slette rapporten", say.StoreAt(msg.err, s.c.store.Path()))
		}
		cmd = s.listReports()
	case startExportedMsg:
		s.gotExport(msg)
	case errorMsg:
		s.busy = false
		s.fail("Kunne ikke åpne rapporten", say.StoreAt(msg.err, s.c.store.Path()))
		// The report may be gone; show the file as it is now.
		cmd = s.listReports()
	case openReportMsg:
		// Normally the root switches screens; should it stay here, the
		// list must not remain blocked.
		s.busy = false
	case tea.KeyPressMsg:
		s, cmd = s.handleKey(msg)
	default:
		switch {
		case s.mode == startExporting:
			s.input, cmd = s.input.Update(msg)
		case s.mode == startNaming && s.naming.onYear:
			s.naming.year, cmd = s.naming.year.Update(msg)
		case s.mode == startNaming:
			s.naming.kommune, cmd = s.naming.kommune.Update(msg)
		}
	}
	s.fixOffset()
	return s, cmd
}

func (s startScreen) handleKey(msg tea.KeyPressMsg) (startScreen, tea.Cmd) {
	if key.Matches(msg, s.keys.forceQuit) {
		return s, tea.Quit
	}
	switch s.mode {
	case startChoosingTemplate:
		return s.chooseTemplateKey(msg)
	case startConfirmingDelete:
		return s.confirmDeleteKey(msg)
	case startConfirmingCarryOver:
		s.mode = startBrowsing
		if !key.Matches(msg, s.keys.yes) {
			s.inform("Ingen ny rapport er laget.")
			return s, nil
		}
		return s.startCarryOver(s.target)
	case startExporting:
		return s.exportKey(msg)
	case startNaming:
		return s.namingKey(msg)
	case startConfirmingNew:
		if !key.Matches(msg, s.keys.yes) {
			s.mode = startNaming
			s.inform("Ingen ny rapport er laget; endre kommune eller år, eller esc.")
			return s, nil
		}
		s.mode, s.busy = startBrowsing, true
		return s, s.createReport(s.naming.made)
	case startPreviewing:
		if key.Matches(msg, s.previewKeys.close) {
			s.mode, s.preview = startBrowsing, previewScreen{}
			return s, nil
		}
		s.preview = s.preview.handleKey(msg, s.previewKeys)
		return s, nil
	}
	k := s.keys
	switch {
	case key.Matches(msg, k.quit):
		return s, tea.Quit
	case key.Matches(msg, k.help):
		s.help.ShowAll = !s.help.ShowAll
	case key.Matches(msg, k.up):
		s.move(-1)
	case key.Matches(msg, k.down):
		s.move(1)
	case key.Matches(msg, k.pageUp):
		s.move(-max(1, s.rowsVisible()-1))
	case key.Matches(msg, k.pageDown):
		s.move(max(1, s.rowsVisible()-1))
	case key.Matches(msg, k.reload):
		s.clearStatus()
		return s, s.listReports()
	case s.busy:
		// One change to the file at a time.
	case key.Matches(msg, k.new):
		s.clearStatus()
		return s.startNew()
	}
	sum, ok := s.selected()
	if !ok || s.busy {
		return s, nil
	}
	switch {
	case key.Matches(msg, k.open):
		// Busy until the root has the report open, or tells us it could not.
		s.clearStatus()
		s.busy = true
		id := sum.ID
		return s, func() tea.Msg { return openReportMsg{id: id} }
	case key.Matches(msg, k.carryOver):
		s.clearStatus()
		if s.nextYearExists(sum) {
			// A second report for the same kommune and year is almost
			// always a slip; it is made only when asked twice.
			s.mode, s.target = startConfirmingCarryOver, sum
			return s, nil
		}
		return s.startCarryOver(sum)
	case key.Matches(msg, k.export):
		s.clearStatus()
		return s.startExport(sum)
	case key.Matches(msg, k.preview):
		s.clearStatus()
		return s.startPreview(sum)
	case key.Matches(msg, k.delete):
		s.clearStatus()
		s.mode, s.target = startConfirmingDelete, sum
	}
	return s, nil
}

func (s startScreen) startNew() (startScreen, tea.Cmd) {
	ts := s.c.reg.Templates()
	switch len(ts) {
	case 0:
		s.fail("Kunne ikke lage rapporten", "programmet har ingen maler")
		return s, nil
	case 1:
		return s.startNaming(ts[0])
	}
	s.mode, s.templates, s.tmplCursor, s.carryFrom = startChoosingTemplate, ts, 0, ""
	for i, t := range ts {
		if t == s.c.reg.Default() {
			s.tmplCursor = i
		}
	}
	return s, nil
}

// startCarryOver makes next year's report from sum, first asking which
// edition it follows when the program has more than one; the cursor starts
// on last year's.
func (s startScreen) startCarryOver(sum store.Summary) (startScreen, tea.Cmd) {
	ts := s.c.reg.Templates()
	if len(ts) <= 1 {
		s.busy = true
		return s, s.carryOver(sum.ID, nil)
	}
	s.mode, s.templates, s.tmplCursor, s.carryFrom = startChoosingTemplate, ts, 0, sum.ID
	for i, t := range ts {
		if t.ID == sum.Template {
			s.tmplCursor = i
		}
	}
	return s, nil
}

func (s startScreen) chooseTemplateKey(msg tea.KeyPressMsg) (startScreen, tea.Cmd) {
	switch {
	case key.Matches(msg, s.keys.back):
		s.mode = startBrowsing
	case key.Matches(msg, s.keys.up):
		s.tmplCursor = max(0, s.tmplCursor-1)
	case key.Matches(msg, s.keys.down):
		s.tmplCursor = min(len(s.templates)-1, s.tmplCursor+1)
	case key.Matches(msg, s.keys.open):
		if s.carryFrom == "" {
			return s.startNaming(s.templates[s.tmplCursor])
		}
		s.mode, s.busy = startBrowsing, true
		return s, s.carryOver(s.carryFrom, s.templates[s.tmplCursor])
	}
	return s, nil
}

// nextYearExists reports whether the file already holds the report that
// carrying sum over would make: the same kommune, the year after.
func (s startScreen) nextYearExists(sum store.Summary) bool {
	if sum.Year == 0 {
		return false
	}
	_, found := store.Find(s.reports, sum.Kommune, sum.Year+1)
	return found
}

func (s startScreen) confirmDeleteKey(msg tea.KeyPressMsg) (startScreen, tea.Cmd) {
	s.mode = startBrowsing
	// Anything but a clear yes keeps the report: deletion cannot be undone.
	if !key.Matches(msg, s.keys.yes) {
		s.inform("Ingenting er slettet.")
		return s, nil
	}
	s.busy = true
	return s, s.deleteReport(s.target.ID, startReportName(s.target))
}

func (s *startScreen) gotList(msg startListMsg) {
	if msg.err != nil {
		// The list on screen stays: it is still the best we know.
		s.fail("Kunne ikke lese rapportene", say.StoreAt(msg.err, s.c.store.Path())+"; trykk r for å prøve igjen")
		return
	}
	var id string
	if sum, ok := s.selected(); ok {
		id = sum.ID
	}
	s.reports, s.table, s.loaded = msg.reports, msg.table, true
	s.cursor = min(s.cursor, max(0, len(s.reports)-1))
	for i, sum := range s.reports {
		if sum.ID == id {
			s.cursor = i
		}
	}
}

func (s *startScreen) move(by int) {
	s.cursor = max(0, min(len(s.reports)-1, s.cursor+by))
}

func (s startScreen) selected() (store.Summary, bool) {
	if s.cursor < 0 || s.cursor >= len(s.reports) {
		return store.Summary{}, false
	}
	return s.reports[s.cursor], true
}

func (s *startScreen) inform(text string) { s.status, s.statusErr = text, false }

// fail shows what went wrong as one sentence: what was being done, and why.
func (s *startScreen) fail(what, reason string) {
	s.status, s.statusErr = what+": "+reason+".", true
}

func (s *startScreen) clearStatus() { s.status, s.statusErr = "", false }

// Commands. Each captures what it needs, so that it reads nothing of the
// screen while it runs in its own goroutine.

func (s startScreen) listReports() tea.Cmd {
	st, reg, now := s.c.store, s.c.reg, s.c.now()
	return func() tea.Msg { return readStartList(st, reg, now) }
}

// readStartList reads the reports from the file and lays them out.
func readStartList(st *store.Store, reg *model.Registry, now time.Time) startListMsg {
	list, err := st.List()
	if err != nil {
		return startListMsg{err: err}
	}
	return startListMsg{reports: list, table: layoutStart(list, reg, now)}
}

// carryOver makes next year's report from report id, in edition t (nil:
// last year's edition).
func (s startScreen) carryOver(id string, t *model.Template) tea.Cmd {
	st, reg, now := s.c.store, s.c.reg, s.c.now()
	return func() tea.Msg {
		const what = "Kunne ikke lage neste års rapport"
		prev, _, err := store.GetReport(st, id, reg)
		if err != nil {
			return startFailedMsg{what: what, err: err}
		}
		if t == nil {
			t = prev.Template
		}
		r := model.CarryOverInto(prev, t, now)
		if _, err := store.PutReport(st, r, "", 0); err != nil {
			return startFailedMsg{what: what, err: err}
		}
		return openReportMsg{id: r.ID}
	}
}

func (s startScreen) deleteReport(id, name string) tea.Cmd {
	st := s.c.store
	return func() tea.Msg {
		return startDeletedMsg{name: name, err: st.Delete(id)}
	}
}
