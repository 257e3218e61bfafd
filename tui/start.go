package tui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

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

// startListMsg carries the reports read from the file, or why they could
// not be read.
type startListMsg struct {
	reports []store.Summary
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
	h := help.New()
	h.Styles.ShortKey = c.styles.Label
	h.Styles.FullKey = c.styles.Label
	h.Styles.ShortDesc = c.styles.Help
	h.Styles.FullDesc = c.styles.Help
	h.Styles.ShortSeparator = c.styles.Dim
	h.Styles.FullSeparator = c.styles.Dim
	h.Styles.Ellipsis = c.styles.Dim
	keys := newStartKeyMap(c.keys)
	return startScreen{c: c, keys: keys, previewKeys: newPreviewKeyMap(keys), help: h, format: "json"}
}

func (s startScreen) init() tea.Cmd { return s.listReports() }

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
	case tea.KeyMsg:
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

func (s startScreen) handleKey(msg tea.KeyMsg) (startScreen, tea.Cmd) {
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
		f := s.naming
		return s, s.createReport(f.tmpl, strings.Join(strings.Fields(f.kommune.Value()), " "), strings.TrimSpace(f.year.Value()))
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

func (s startScreen) chooseTemplateKey(msg tea.KeyMsg) (startScreen, tea.Cmd) {
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
	for _, other := range s.reports {
		if other.Year == sum.Year+1 && other.Template == sum.Template && model.SameKommune(other.Kommune, sum.Kommune) {
			return true
		}
	}
	return false
}

func (s startScreen) confirmDeleteKey(msg tea.KeyMsg) (startScreen, tea.Cmd) {
	s.mode = startBrowsing
	// Anything but a clear yes keeps the report: deletion cannot be undone.
	if !key.Matches(msg, s.keys.yes) {
		s.inform("Ingenting er slettet.")
		return s, nil
	}
	s.busy = true
	return s, s.deleteReport(s.target.ID, startReportName(s.target))
}

// startPreview opens the preview at once, saying that the report is on its
// way, and loads it in a command.
func (s startScreen) startPreview(sum store.Summary) (startScreen, tea.Cmd) {
	w, h := s.size()
	s.previewSeq++
	s.mode = startPreviewing
	s.preview = previewScreen{seq: s.previewSeq, name: strings.TrimPrefix(startReportName(sum), "for "),
		draft: sum.State != string(model.Final)}
	s.preview.setSize(w, h)
	return s, loadPreview(s.c.store, s.c.reg, s.preview.seq, sum.ID, w)
}

func (s *startScreen) gotPreview(msg previewLoadedMsg) tea.Cmd {
	if s.mode != startPreviewing || msg.seq != s.preview.seq {
		return nil // closed meanwhile, or another report asked for since
	}
	if msg.err != nil {
		s.mode, s.preview = startBrowsing, previewScreen{}
		s.fail("Kunne ikke forhåndsvise rapporten", say.StoreAt(msg.err, s.c.store.Path()))
		return nil
	}
	s.preview.md = msg.md
	s.preview.show(msg.rendered, msg.width)
	// The window may have changed size while the report was loading.
	return s.resizePreview()
}

// resizePreview fits the preview to a new window; the text is wrapped
// again for the new width in a command.
func (s *startScreen) resizePreview() tea.Cmd {
	w, h := s.size()
	s.preview.setSize(w, h)
	if !s.preview.loaded || s.preview.width == w {
		return nil
	}
	return rerenderPreview(s.preview.seq, s.preview.md, w)
}

func (s startScreen) startExport(sum store.Summary) (startScreen, tea.Cmd) {
	in := textinput.New()
	in.Prompt = ""
	in.SetValue(startExportName(sum, "json"))
	// A blinking cursor would redraw the screen twice a second for nothing.
	in.Cursor.SetMode(cursor.CursorStatic)
	s.mode, s.target, s.format, s.input = startExporting, sum, "json", in
	return s, s.input.Focus()
}

func (s startScreen) exportKey(msg tea.KeyMsg) (startScreen, tea.Cmd) {
	switch {
	case key.Matches(msg, s.keys.back):
		s.mode = startBrowsing
		s.input.Blur()
		s.inform("Ingenting er eksportert.")
		return s, nil
	case key.Matches(msg, s.keys.format):
		s.toggleFormat()
		return s, nil
	case key.Matches(msg, s.keys.open):
		path := strings.TrimSpace(s.input.Value())
		if s.busy {
			return s, nil
		}
		if path == "" {
			s.fail("Kunne ikke eksportere", "skriv inn et filnavn")
			return s, nil
		}
		s.busy = true
		s.clearStatus()
		return s, s.exportReport(s.target.ID, path, s.format)
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	return s, cmd
}

// toggleFormat switches between JSON and Markdown, and the file name's
// extension with it when it has one of the two.
func (s *startScreen) toggleFormat() {
	from, to := "json", "md"
	if s.format == "md" {
		from, to = to, from
	}
	s.format = to
	v := s.input.Value()
	if ext := filepath.Ext(v); strings.EqualFold(ext, "."+from) {
		s.input.SetValue(strings.TrimSuffix(v, ext) + "." + to)
		s.input.CursorEnd()
	}
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
	s.reports, s.loaded = msg.reports, true
	s.cursor = min(s.cursor, max(0, len(s.reports)-1))
	for i, sum := range s.reports {
		if sum.ID == id {
			s.cursor = i
		}
	}
}

func (s *startScreen) gotExport(msg startExportedMsg) {
	s.busy = false
	if msg.err != nil {
		// The prompt stays open so that the path can be corrected.
		reason := say.StoreAt(msg.err, s.c.store.Path())
		if msg.written {
			reason = say.WriteFile(msg.err)
		}
		s.fail("Kunne ikke eksportere", reason)
		return
	}
	s.mode = startBrowsing
	s.input.Blur()
	text := "Eksportert til " + msg.path
	if msg.draft {
		text += " (kladd)"
	}
	s.inform(text)
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
	st := s.c.store
	return func() tea.Msg {
		list, err := st.List()
		return startListMsg{reports: list, err: err}
	}
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

func (s startScreen) exportReport(id, path, format string) tea.Cmd {
	st, reg := s.c.store, s.c.reg
	return func() tea.Msg {
		r, rec, err := store.GetReport(st, id, reg)
		var ee *model.EditionError
		var data []byte
		switch {
		case errors.As(err, &ee) && format != "md":
			// Without its edition the report cannot be laid out, but what
			// is stored is the export format already: it goes out as stored.
			data, err = rec.Data, nil
		case err != nil:
			return startExportedMsg{path: path, err: err}
		case format == "md":
			data = model.Markdown(r)
		default:
			if data, err = model.Encode(r); err != nil {
				return startExportedMsg{path: path, err: err}
			}
		}
		target := path
		if rest, ok := strings.CutPrefix(path, "~/"); ok {
			if home, err := os.UserHomeDir(); err == nil {
				target = filepath.Join(home, rest)
			}
		}
		err = st.WriteFile(target, data)
		// The confirmation names the whole path: a relative name is
		// relative to wherever boso was started, which the user may not know.
		if abs, aerr := filepath.Abs(target); aerr == nil && err == nil {
			path = abs
		}
		return startExportedMsg{path: path, draft: rec.State != string(model.Final), written: true, err: err}
	}
}

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

// startExportName is the file an export is offered under, in the current
// folder: "gjovik-kommune-2012.json". Names are reduced to plain ASCII so the
// file travels safely by e-mail and across file systems.
func startExportName(sum store.Summary, format string) string {
	base := startSlug(sum.Kommune)
	if base == "" {
		base = "rapport-" + model.ShortID(sum.ID)
	}
	if sum.Year != 0 {
		base += "-" + strconv.Itoa(sum.Year)
	}
	return base + "." + format
}

// startFolded spells the letters of Norwegian and Sami place names in ASCII.
var startFolded = strings.NewReplacer(
	"æ", "ae", "ø", "o", "å", "a", "ä", "a", "ö", "o", "ü", "u",
	"á", "a", "à", "a", "â", "a", "é", "e", "è", "e", "ê", "e", "í", "i", "ó", "o", "ô", "o", "ú", "u",
	"č", "c", "ç", "c", "đ", "d", "ŋ", "n", "š", "s", "ŧ", "t", "ž", "z", "ß", "ss",
)

func startSlug(s string) string {
	s = startFolded.Replace(strings.ToLower(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

// startDeadline says how long is left until the report is due, from the
// summary alone: the list must not decode every report to show it.
func startDeadline(reg *model.Registry, sum store.Summary, now time.Time) (text string, overdue bool) {
	if sum.Year == 0 || sum.State == string(model.Final) || reg == nil {
		return "", false
	}
	t, ok := reg.Lookup(sum.Template)
	if !ok || t.Deadline.Month == 0 || t.Deadline.Day == 0 {
		return "", false
	}
	d := t.Deadline
	// Whole days between two dates; UTC so that a change to summer time
	// cannot make a day 23 hours long.
	due := time.Date(sum.Year+d.YearOffset, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	y, m, day := now.Local().Date()
	today := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	days := int(due.Sub(today).Hours() / 24)
	switch {
	case days == 0:
		return "frist i dag", false
	case days == 1:
		return "1 dag igjen", false
	case days > 1:
		return fmt.Sprintf("%d dager igjen", days), false
	case days == -1:
		return "1 dag over fristen", true
	}
	return fmt.Sprintf("%d dager over fristen", -days), true
}

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
		q := "Slette rapporten " + startReportName(s.target) + "? Den kan ikke hentes tilbake. (j/n)"
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
// it is what the user must see.
func fitKommune(name string, w int) string {
	if ansi.StringWidth(name) <= w {
		return name
	}
	if i := strings.LastIndex(name, " ("); i > 0 && strings.HasSuffix(name, ")") {
		tag := name[i:]
		if room := w - ansi.StringWidth(tag); room >= 4 {
			return fitWords(name[:i], room) + tag
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
		switch a := apart[sum.ID]; {
		case a.ByEdition:
			r.kommune += " (" + sum.ID[:min(len(sum.ID), 6)] + " · " + sum.Template + ")"
		case a.ByID:
			r.kommune += " (" + sum.ID[:min(len(sum.ID), 6)] + ")"
		}
		r.cells[colYear] = "—"
		if sum.Year != 0 {
			r.cells[colYear] = strconv.Itoa(sum.Year)
		}
		r.cells[colState] = "kladd"
		if sum.State == string(model.Final) {
			r.cells[colState] = "endelig"
		}
		r.cells[colDone] = fmt.Sprintf("%d/%d", sum.Answered, sum.Total)
		if !sum.UpdatedAt.IsZero() {
			r.cells[colSaved] = sum.UpdatedAt.Local().Format("02.01.2006 15:04")
		}
		r.cells[colDeadline], r.overdue = startDeadline(s.c.reg, sum, now)
		kw = max(kw, lipgloss.Width(r.kommune))
		for c, text := range r.cells {
			cw[c] = max(cw[c], lipgloss.Width(text))
		}
		all[i] = r
	}
	// The kommune takes what the other columns leave. Where that is too
	// little for its name, the time of the last save gives way first (the
	// day is what tells reports apart), and only then is the name cut
	// short, between words, with "…", rather than push the others off.
	rest := func() int {
		n := 2
		for _, w := range cw {
			n += len(startColumnGap) + w
		}
		return n
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
