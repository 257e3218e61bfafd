package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"boso/model"
	"boso/store"
	"boso/tui/draft"
	"boso/tui/say"
	"boso/tui/spell"
	"boso/tui/textedit"
)

// bodyChrome is the lines the header (2) and footer (2) take from the window.
const bodyChrome = 4

// saveTickMsg is the save timer firing: the draft says when a save is due.
type saveTickMsg struct{}

// savedMsg carries a finished save back; only the draft that began it
// takes it.
type savedMsg struct{ save *draft.Save }

// runSave writes a save in the background.
func runSave(s *draft.Save) tea.Cmd {
	return func() tea.Msg { return savedMsg{s.Run()} }
}

// reportLoadedMsg carries a report read from the draft file, and last
// year's report when there is one.
type reportLoadedMsg struct {
	r        *model.Report
	previous *model.Report
	revision int64
	position string
	err      error
}

// loadReport reads a report, and its predecessor, in the background. It
// opens at position, or where the report was last saved when that is "".
func loadReport(c *common, id, position string) tea.Cmd {
	return func() tea.Msg {
		r, rec, err := store.GetReport(c.store, id, c.reg)
		if err != nil {
			return reportLoadedMsg{err: err}
		}
		// Without last year's report (a first year, or one that cannot be
		// read) the screens show this year's figures alone.
		previous, _ := store.Previous(c.store, r, c.reg)
		if position == "" {
			position = rec.Position
		}
		return reportLoadedMsg{r: r, previous: previous, revision: rec.Revision, position: position}
	}
}

// reportScreen is one report, screen by screen: the template's sections in
// order, then the finalize screen.
type reportScreen struct {
	c        *common
	e        *editing
	section  int // index into the template's sections; len(sections) is the finalize screen
	page     page
	jump     *jumpList
	retired  *retiredView
	spelling *spellWalk
	showHelp bool

	// tickPending says the save timer is running: one timer serves a
	// whole burst of keys.
	tickPending bool
	// then is what comes once everything typed is on disk (quit, the list
	// of reports, another report); nil while the user stays.
	then tea.Cmd
	// quitting: a second quit key quits at once.
	quitting bool
	confirm  string // a yes/no question on screen, "" when none
	onYes    func(rs *reportScreen) tea.Cmd
	notice   string
	sections []*model.Section
	// drawn keeps the header and the key help between frames: most keys
	// change neither, and drawing them is most of a keystroke's cost.
	drawn *drawnChrome
}

type headerKey struct {
	width, section, answered, total int
	kommune                         string
	year                            int64
	saving, dirty, final            bool
	savedAt                         time.Time
	saveErr                         error
}

// footerKey is what the key help depends on: the keys offered follow the
// state, so none is offered that would not do what it says.
type footerKey struct {
	width int
	state helpState
}

type drawnChrome struct {
	// help draws the key help; it lives here, behind the pointer, as its
	// styles are most of 4 KB that every key would otherwise copy twice.
	help help.Model
	// dim is the note under the field, styled as one line: most keys
	// change it, and lipgloss's Render costs more than the rest of the
	// footer.
	dim       tableInk
	header    string
	headerFor headerKey
	keys      string
	keysFor   footerKey
	fit       fitLines
}

// newDrawnChrome is a chrome not drawn yet.
func newDrawnChrome(c *common) *drawnChrome {
	return &drawnChrome{help: newReportHelp(c.dark), dim: newTableInk(c.styles.Dim)}
}

func newReportScreen(c *common, r, previous *model.Report, revision int64, position string) (reportScreen, tea.Cmd) {
	// The draft file is asked through c at each save: tests swap c.put
	// for one that fails as a full disk does.
	put := func(rec store.Record, expected int64) (int64, error) { return c.put(rec, expected) }
	d := draft.New(r, draft.Options{Previous: previous, Revision: revision, Put: put, DraftFile: c.store.Path(), Now: c.now, Clock: c.clock})
	rs := reportScreen{c: c, e: newEditing(d), drawn: newDrawnChrome(c), sections: r.Template.Sections}
	allowReportWords(c, r)
	section, field, _ := strings.Cut(position, "/")
	idx := 0
	for i, s := range rs.sections {
		if s.ID == section {
			idx = i
		}
	}
	if section == finalizeID {
		idx = len(rs.sections)
	}
	cmd := rs.enter(idx)
	if field != "" {
		rs.focusField(field)
	}
	rs.notice = retiredNotice(r, c.keys)
	return rs, cmd
}

// finalizeID names the finalize screen in a saved position.
const finalizeID = "kontroll"

// enter opens the page of section i.
func (rs *reportScreen) enter(i int) tea.Cmd {
	rs.section = i
	rs.e.Refresh()
	var cmd tea.Cmd
	rs.page, cmd = newPage(rs.c, rs.e, rs.sections, i)
	return tea.Batch(cmd, spellLook)
}

// leave is what happens whenever the user leaves a screen: the focused
// field counts as left, and what is dirty is saved now, not after the delay.
func (rs *reportScreen) leave() tea.Cmd {
	rs.page.blur()
	return rs.saveNow()
}

func (rs *reportScreen) goTo(i int) tea.Cmd {
	if i < 0 || i > len(rs.sections) {
		return nil
	}
	save := rs.leave()
	return tea.Batch(save, rs.enter(i))
}

// setSize follows a resized window.
func (rs *reportScreen) setSize() { rs.page.setSize() }

// focusField jumps to a field: its screen, then the field itself.
func (rs *reportScreen) focusField(id string) tea.Cmd {
	f := rs.e.r.Template.Field(id)
	if f == nil {
		return nil
	}
	var cmd tea.Cmd
	if rs.section != f.Section().Index() || rs.finalizing() != nil {
		cmd = rs.goTo(f.Section().Index())
	}
	rs.page.focusField(id)
	return cmd
}

// finalizing is the finalize screen when it is on show, else nil.
func (rs *reportScreen) finalizing() *finalizeScreen {
	f, _ := rs.page.(*finalizeScreen)
	return f
}

// onFront: the front page is on show, where ↓ and enter open the next.
func (rs *reportScreen) onFront() bool {
	_, ok := rs.page.(*frontPage)
	return ok
}

func (rs *reportScreen) position() string {
	if rs.finalizing() != nil {
		return finalizeID
	}
	return rs.sections[rs.section].ID + "/" + rs.focused()
}

func (rs *reportScreen) focused() string { return rs.page.focused() }

// autosave starts the save the draft says is due, or sets the timer for
// when it will be.
func (rs *reportScreen) autosave() tea.Cmd {
	wait, ok := rs.e.Due()
	switch {
	case !ok:
		return nil
	case wait == 0:
		return rs.saveNow()
	case rs.tickPending:
		return nil
	}
	rs.tickPending = true
	return tea.Tick(wait, func(time.Time) tea.Msg { return saveTickMsg{} })
}

// saveNow saves what is unsaved at once, in the background: one save runs
// at a time, and edits made during it are saved when it returns.
func (rs *reportScreen) saveNow() tea.Cmd {
	if !rs.e.Dirty() || rs.e.Saving() {
		return nil
	}
	rs.flushTexts()
	if s := rs.e.Begin(rs.position()); s != nil {
		return runSave(s)
	}
	return nil
}

// saveNowAndWait saves synchronously, for the moment the program is ending;
// what the draft file cannot take goes to an emergency copy (see
// draft.SaveAndWait), and the ending says where.
func (rs *reportScreen) saveNowAndWait() draft.Ending {
	if rs.e.Dirty() {
		rs.flushTexts()
	}
	end := rs.e.SaveAndWait(rs.position())
	// A copy made earlier is told again as the program ends: the screen
	// that said so is gone.
	if end.Conflict == nil {
		end.Conflict = rs.e.Conflict()
	}
	return end
}

// flushTexts writes the long answers the editors hold into the report,
// before it is encoded for saving or checked.
func (rs *reportScreen) flushTexts() { rs.page.flush() }

func (rs reportScreen) update(msg tea.Msg) (reportScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case saveTickMsg:
		rs.tickPending = false
		return rs, rs.autosave()
	case tea.BlurMsg:
		// The window lost the focus: the case worker went to another
		// program, or is about to close this one. What is typed is saved
		// now, not after the autosave's pause.
		return rs, rs.saveNow()
	case savedMsg:
		return rs.saved(msg.save)
	case spell.CheckedMsg:
		// The page redraws its texts with the words marked.
		more := rs.spellChecked()
		return rs, tea.Batch(rs.page.update(msg), more)
	case spell.AddedMsg:
		rs.spellAdded(msg)
		return rs, nil
	case textedit.ExternalEditDoneMsg:
		// The editor keeps its text; the user must learn why nothing came
		// back.
		if msg.Err != nil {
			rs.notice = msg.Err.Error()
		}
	case tea.KeyPressMsg:
		if cmd, handled := rs.handleKey(msg); handled {
			return rs, cmd
		}
	case tea.PasteMsg:
		// What lies over the page takes a paste as it takes keys: the jump
		// list takes pasted digits as typed ones, the rest nothing.
		switch {
		case rs.jump != nil:
			cmd, _ := rs.overlayKey(tea.KeyPressMsg{Text: msg.Content}, msg.Content)
			return rs, cmd
		case rs.confirm != "" || rs.spelling != nil || rs.showHelp || rs.retired != nil:
			return rs, nil
		}
	}
	changesBefore := rs.e.Changes()
	before := rs.focused()
	cmd := rs.page.update(msg)
	if before != rs.focused() && rs.e.Dirty() {
		return rs, tea.Batch(cmd, rs.saveNow())
	}
	if rs.e.Changes() != changesBefore {
		return rs, tea.Batch(cmd, rs.autosave())
	}
	return rs, cmd
}

// saved takes a finished save: the draft tells what it means for this
// report, and a save of another report (a copy left by ctrl+r) means nothing.
func (rs reportScreen) saved(s *draft.Save) (reportScreen, tea.Cmd) {
	switch rs.e.Finish(s) {
	case draft.Stale:
		return rs, nil
	case draft.Copied:
		return rs, rs.saveNow()
	case draft.Failed:
		if rs.then != nil {
			then := rs.then
			rs.then, rs.quitting = nil, false
			rs.ask(fmt.Sprintf("Ikke lagret (%s). Skrive en nødkopi og gå videre? (j/n)", say.Store(rs.e.Err())),
				func(rs *reportScreen) tea.Cmd {
					path, err := rs.e.EmergencyCopy()
					if err != nil {
						rs.notice = "Nødkopien kunne ikke skrives noe sted: " + say.Store(err) + ". Teksten er fortsatt her."
						return nil
					}
					rs.notice = "Nødkopi skrevet til " + path
					return then
				})
		}
		return rs, rs.autosave()
	}
	if rs.e.Dirty() {
		return rs, rs.saveNow()
	}
	return rs, rs.then
}

// exit does then once everything typed is on disk: at once when it is,
// else when the saves this starts are done.
func (rs *reportScreen) exit(then tea.Cmd) tea.Cmd {
	rs.then = then
	save := rs.leave()
	if rs.e.Settled() {
		return then
	}
	return save
}

// handleKey takes the keys that work on every page of a report; the page
// on show gets the rest.
func (rs *reportScreen) handleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := rs.c.keys
	name := msg.String()
	if cmd, took := rs.overlayKey(msg, name); took {
		return cmd, true
	}
	rs.notice = ""
	switch {
	case keyIs(name, k.Quit):
		if rs.quitting {
			return tea.Quit, true
		}
		rs.quitting = true
		return rs.exit(tea.Quit), true
	case keyIs(name, k.Back):
		return rs.exit(func() tea.Msg { return closeReportMsg{} }), true
	case keyIs(name, k.Report.Original) && rs.e.Conflict() != nil && !rs.e.Conflict().Deleted:
		// The copy is saved first, whole; then the other window's version
		// opens where this window was, not where the other one saved it:
		// what the user types next must land where they are looking.
		original, here := rs.e.Conflict().Original, rs.position()
		return rs.exit(func() tea.Msg { return openReportMsg{id: original, position: here} }), true
	case keyIs(name, k.Text.Spelling):
		return rs.startSpelling(), true
	case keyIs(name, k.Help), keyIs(name, k.Report.AllKeys) && !rs.page.typing():
		rs.showHelp = true
		return nil, true
	case keyIs(name, k.Report.NextScreen):
		return rs.goTo(rs.section + 1), true
	case keyIs(name, k.Report.PrevScreen):
		return rs.goTo(rs.section - 1), true
	case keyIs(name, k.Report.Jump):
		rs.jump = newJumpList(rs.c, rs.e, rs.section)
		return nil, true
	case keyIs(name, k.Report.Retired) && rs.e.r.RetiredCount() > 0:
		rs.page.flush()
		rs.retired = newRetiredView(rs.c, rs.e)
		return nil, true
	case keyIs(name, k.Report.Finalize) && rs.finalizing() != nil:
		return rs.tryFinalize(), true
	case keyIs(name, k.Report.Finalize):
		return rs.goTo(len(rs.sections)), true
	case keyIs(name, k.Report.Save):
		if !rs.e.Dirty() {
			rs.notice = "Alt er lagret."
		}
		return rs.saveNow(), true
	case keyIs(name, k.Report.Reopen) && rs.e.ReadOnly():
		rs.ask("Gjøre rapporten til kladd igjen, så den kan endres? (j/n)", func(rs *reportScreen) tea.Cmd {
			model.Reopen(rs.e.r, rs.c.now())
			rs.e.Changed()
			return tea.Batch(rs.enter(rs.section), rs.saveNow())
		})
		return nil, true
	// Tab from the last field goes on to the next page, shift+tab from the
	// first back to the one before: on every kind of page alike.
	case keyIs(name, k.NextField) && rs.page.atLast():
		return rs.goTo(rs.section + 1), true
	case keyIs(name, k.PrevField) && rs.page.atFirst() && rs.section > 0:
		cmd := rs.goTo(rs.section - 1)
		rs.page.focusLast()
		return cmd, true
	case keyIs(name, k.Down, k.Open) && rs.onFront():
		return rs.goTo(rs.section + 1), true
	case keyIs(name, k.Finalize.GoTo) && rs.finalizing() != nil:
		// The field chosen in the list is the report's to go to.
		if id := rs.finalizing().chosen(); id != "" {
			return rs.focusField(id), true
		}
	}
	return nil, false
}

// overlayKey gives a key to what lies over the page, if anything does: a
// yes/no question, the jump list or the help, each of which takes every key.
func (rs *reportScreen) overlayKey(msg tea.KeyPressMsg, name string) (tea.Cmd, bool) {
	k := rs.c.keys
	if rs.confirm != "" {
		rs.confirm = ""
		if keyIs(name, k.Yes) {
			return rs.onYes(rs), true
		}
		return nil, true
	}
	if rs.spelling != nil && !keyIs(name, k.Quit) {
		return rs.spellKey(msg), true
	}
	if rs.jump != nil {
		target, done := rs.jump.update(msg, k)
		if done {
			rs.jump = nil
			if target >= 0 {
				return rs.goTo(target), true
			}
		}
		return nil, true
	}
	if rs.showHelp && !keyIs(name, k.Quit) {
		rs.showHelp = false
		return nil, true
	}
	if rs.retired != nil && !keyIs(name, k.Quit) {
		done, remove := rs.retired.update(name, k)
		if done {
			rs.retired = nil
		}
		if remove != "" {
			rs.ask(fmt.Sprintf("Fjerne svaret %s for godt? Det kan ikke hentes tilbake. (j/n)", remove), func(rs *reportScreen) tea.Cmd {
				if rs.e.r.RemoveRetired(remove) != nil {
					return nil
				}
				rs.e.Changed()
				if rs.retired != nil {
					rs.retired.removed()
				}
				return rs.saveNow()
			})
		}
		return nil, true
	}
	return nil, false
}

func (rs *reportScreen) ask(question string, onYes func(rs *reportScreen) tea.Cmd) {
	rs.confirm, rs.onYes = question, onYes
}

// tryFinalize makes the report final after asking, or, when it has
// problems, refuses and takes the user to the first one.
func (rs *reportScreen) tryFinalize() tea.Cmd {
	if rs.e.ReadOnly() {
		return nil
	}
	ps := model.Validate(rs.e.r)
	if len(ps) > 0 {
		cmd := rs.focusField(ps[0].FieldID)
		rs.notice = fmt.Sprintf("Ikke endelig: %s. Her er den første: %s", model.ProblemCount(len(ps)), ps[0].Message)
		return cmd
	}
	question := "Gjøre rapporten endelig? Den låses til den åpnes igjen som kladd. (j/n)"
	if notes := model.Notes(rs.e.r); len(notes) > 0 {
		question = fmt.Sprintf("Rapporten har %s (tomme tekster). Gjøre den endelig likevel? Den låses til den åpnes igjen som kladd. (j/n)", model.NoteCount(len(notes)))
	}
	rs.ask(question, func(rs *reportScreen) tea.Cmd {
		if _, err := model.Finalize(rs.e.r, rs.c.now()); err != nil {
			return nil
		}
		rs.e.Changed()
		return tea.Batch(rs.enter(rs.section), rs.saveNow())
	})
	return nil
}

func (rs reportScreen) view() string {
	header := rs.header()
	footer := rs.footer()
	bodyHeight := max(rs.c.height-lipgloss.Height(header)-lipgloss.Height(footer), 1)
	var body string
	switch {
	case rs.showHelp:
		body = rs.c.styles.Title.Render("Alle taster") + "\n\n" + allKeys(rs.c, rs.keyHelp())
	case rs.jump != nil:
		body = rs.jump.view(bodyHeight)
	case rs.retired != nil:
		body = rs.retired.view(bodyHeight)
	case rs.spelling != nil:
		body = rs.withSpellDialog(bodyHeight)
	default:
		body = rs.page.view(bodyHeight)
	}
	if rs.confirm != "" || rs.spelling != nil {
		// A question takes the keys: no field does.
		body = withoutCursor(body)
	}
	// The frame is put together in one buffer: joining the pieces with +
	// copied the whole screen three times more on every key.
	var b strings.Builder
	b.Grow(len(header) + len(body) + bodyHeight + len(footer) + 2)
	b.WriteString(header)
	b.WriteByte('\n')
	for n := writeClipped(&b, body, bodyHeight, rs.c.width, &rs.drawn.fit); n < bodyHeight; n++ {
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.WriteString(footer)
	return b.String()
}

func (rs reportScreen) title() string {
	r := rs.e.r
	name := r.Kommune()
	if name == "" {
		name = "Ny rapport"
	}
	if y, ok := r.Year(); ok {
		name += fmt.Sprintf(" %d", y)
	}
	return name
}

func (rs reportScreen) saveStatus() string {
	st := rs.c.styles
	switch {
	case rs.e.Err() != nil:
		return st.Unsaved.Render("Ikke lagret: " + say.Store(rs.e.Err()))
	case rs.e.Saving() || rs.e.Dirty():
		return st.Saved.Render("Lagrer…")
	case !rs.e.SavedAt().IsZero():
		return st.Saved.Render("Lagret " + rs.e.SavedAt().Local().Format("15:04"))
	}
	return st.Saved.Render("Lagret")
}

func (rs reportScreen) header() string {
	answered, total := rs.e.r.Completion()
	year, _ := rs.e.r.Year()
	k := headerKey{width: rs.c.width, section: rs.section, answered: answered, total: total, kommune: rs.e.r.Kommune(), year: year,
		saving: rs.e.Saving(), dirty: rs.e.Dirty(), final: rs.e.ReadOnly(), savedAt: rs.e.SavedAt(), saveErr: rs.e.Err()}
	if rs.drawn.header != "" && rs.drawn.headerFor == k {
		return rs.drawn.header
	}
	rs.drawn.header, rs.drawn.headerFor = rs.drawHeader(answered, total), k
	return rs.drawn.header
}

// drawHeader draws the header; answered and total are the report's
// Completion, which header has counted already.
func (rs reportScreen) drawHeader(answered, total int) string {
	st := rs.c.styles
	w := rs.c.width
	left := st.Title.Render("boso") + " · " + st.Header.Render(rs.title())
	if rs.e.ReadOnly() {
		left += " ·" + st.Banner.Render("ENDELIG – kun lesing")
	}
	right := rs.saveStatus()
	line1 := joinEnds(left, right, w)

	n := len(rs.sections)
	var name string
	if rs.section >= n {
		name = "Kontroll og endelig rapport"
	} else {
		s := rs.sections[rs.section]
		name = rs.e.r.Label(s.Title)
	}
	pos := fmt.Sprintf("%d/%d", min(rs.section+1, n+1), n+1)
	bar := progressBar(answered, total, 12)
	right2 := pos + " " + bar + fmt.Sprintf(" %d/%d", answered, total)
	line2 := joinEnds(st.Label.Render(fitWords(name, w-lipgloss.Width(right2)-2)), right2, w)
	return line1 + "\n" + line2
}

// progressBar draws how much of the report is answered, in characters that
// read without colour.
func progressBar(done, total, width int) string {
	filled := width * done / max(total, 1)
	return "[" + strings.Repeat("█", filled) + strings.Repeat("·", width-filled) + "]"
}

func (rs reportScreen) footer() string {
	st := rs.c.styles
	w := rs.c.width
	var status string
	switch {
	// A question, a warning or a notice is read whole: it wraps rather
	// than lose its end.
	case rs.confirm != "":
		status = wrapStyled(st.Label, rs.confirm, w)
	case rs.e.Conflict() != nil:
		status = wrapStyled(st.Unsaved, rs.conflictNotice(), w)
	case rs.notice != "":
		status = wrapStyled(st.Dim, rs.notice, w)
	// Over the jump list or the help, the field's note would speak of a
	// field out of sight; during the spelling walk, of keys that do not
	// work.
	case rs.jump == nil && !rs.showHelp && rs.spelling == nil:
		// Most keys have no note: rendering nothing is not free.
		if note := rs.page.note(w); note != "" {
			status = rs.drawn.dim.open + note + rs.drawn.dim.close
		}
	}
	h := rs.keyHelp()
	if k := (footerKey{width: w, state: h.helpState}); rs.drawn.keys == "" || rs.drawn.keysFor != k {
		rs.drawn.keys, rs.drawn.keysFor = rs.drawn.help.ShortHelpView(fitKeys(rs.drawn.help, h.ShortHelp(), h.closeKey(), w)), k
	}
	return status + "\n" + rs.drawn.keys
}

// conflictNotice says that the text went to a copy, and stays: the user
// must not miss it.
func (rs reportScreen) conflictNotice() string {
	c := rs.e.Conflict()
	if c.Deleted {
		return c.Sentence()
	}
	return strings.TrimSuffix(c.Sentence(), ".") + " · ctrl+r åpner originalen"
}

// newReportHelp is the footer's list of keys, in bubbles' colours for the
// terminal's background.
func newReportHelp(dark bool) help.Model {
	h := help.New()
	h.Styles = help.DefaultStyles(dark)
	return h
}
