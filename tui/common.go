package tui

import (
	"os"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"boso/model"
	"boso/store"
)

// common is what every screen shares: the window, the look, the keys, and
// where reports live.
type common struct {
	width, height int
	styles        Styles
	keys          KeyMap
	store         *store.Store
	reg           *model.Registry
	now           func() time.Time
	// put saves a report: the store's Put, or in tests one that fails the
	// way a full disk does.
	put putFunc
}

type putFunc func(rec store.Record, expected int64) (int64, error)

// KeyMap holds every key binding of the UI, in one place.
type KeyMap struct {
	NextField    key.Binding
	PrevField    key.Binding
	Up           key.Binding
	Down         key.Binding
	Left         key.Binding
	Right        key.Binding
	NextScreen   key.Binding
	PrevScreen   key.Binding
	Jump         key.Binding
	Finalize     key.Binding
	NotAvailable key.Binding
	Save         key.Binding
	Back         key.Binding
	Help         key.Binding
	Quit         key.Binding
	Reopen       key.Binding
	LastYear     key.Binding

	// On the start screen.
	Open      key.Binding
	New       key.Binding
	CarryOver key.Binding
	Export    key.Binding
	Delete    key.Binding
	Yes       key.Binding
	No        key.Binding
}

// DefaultKeyMap returns the keys the UI starts with. Screen-wide keys avoid
// what the text fields use (arrows, ctrl+a/e/k/u…), so they work everywhere.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		NextField:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "neste felt")),
		PrevField:    key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "forrige felt")),
		Up:           key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "opp")),
		Down:         key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "ned")),
		Left:         key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "venstre")),
		Right:        key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "høyre")),
		NextScreen:   key.NewBinding(key.WithKeys("pgdown", "f8"), key.WithHelp("pgdn", "neste side")),
		PrevScreen:   key.NewBinding(key.WithKeys("pgup", "f7"), key.WithHelp("pgup", "forrige side")),
		Jump:         key.NewBinding(key.WithKeys("ctrl+g", "f2"), key.WithHelp("ctrl+g", "gå til side")),
		Finalize:     key.NewBinding(key.WithKeys("f9"), key.WithHelp("f9", "kontroll og endelig")),
		NotAvailable: key.NewBinding(key.WithKeys("x", "X"), key.WithHelp("x", "ikke tilgjengelig")),
		Save:         key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "lagre nå")),
		Back:         key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "til rapportlisten")),
		Help:         key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "alle taster")),
		Quit:         key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "avslutt")),
		Reopen:       key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "gjør til kladd igjen")),
		LastYear:     key.NewBinding(key.WithKeys("f6", "ctrl+l"), key.WithHelp("f6", "vis/skjul fjorårets svar")),

		Open:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "åpne")),
		New:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "ny rapport")),
		CarryOver: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "nytt år fra denne")),
		Export:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "eksporter")),
		Delete:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "slett")),
		Yes:       key.NewBinding(key.WithKeys("j", "y"), key.WithHelp("j", "ja")),
		No:        key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "nei")),
	}
}

// Styles is the look of the UI, built in one place. With NO_COLOR every
// style still marks focus and problems by other means (reverse, bold, text).
type Styles struct {
	Title      lipgloss.Style
	Header     lipgloss.Style
	Dim        lipgloss.Style
	Label      lipgloss.Style
	Help       lipgloss.Style
	Focused    lipgloss.Style
	Computed   lipgloss.Style
	Problem    lipgloss.Style
	Saved      lipgloss.Style
	Unsaved    lipgloss.Style
	Banner     lipgloss.Style
	Selected   lipgloss.Style
	Overdue    lipgloss.Style
	Border     lipgloss.Style
	TableTitle lipgloss.Style
}

// DefaultStyles returns the UI's look.
func DefaultStyles() Styles {
	accent := lipgloss.AdaptiveColor{Light: "#1f5f9e", Dark: "#7fb8ff"}
	red := lipgloss.AdaptiveColor{Light: "#b00020", Dark: "#ff6b6b"}
	dim := lipgloss.AdaptiveColor{Light: "#6b6b6b", Dark: "#8a8a8a"}
	return Styles{
		Title:      lipgloss.NewStyle().Bold(true).Foreground(accent),
		Header:     lipgloss.NewStyle().Bold(true),
		Dim:        lipgloss.NewStyle().Foreground(dim),
		Label:      lipgloss.NewStyle().Bold(true),
		Help:       lipgloss.NewStyle().Foreground(dim),
		Focused:    lipgloss.NewStyle().Reverse(true),
		Computed:   lipgloss.NewStyle().Foreground(accent),
		Problem:    lipgloss.NewStyle().Foreground(red),
		Saved:      lipgloss.NewStyle().Foreground(dim),
		Unsaved:    lipgloss.NewStyle().Foreground(red).Bold(true),
		Banner:     lipgloss.NewStyle().Bold(true).Reverse(true).Padding(0, 1),
		Selected:   lipgloss.NewStyle().Bold(true).Foreground(accent),
		Overdue:    lipgloss.NewStyle().Foreground(red),
		Border:     lipgloss.NewStyle().Foreground(dim),
		TableTitle: lipgloss.NewStyle().Bold(true),
	}
}

func noColor() bool { return os.Getenv("NO_COLOR") != "" }

// editing is the report being edited, shared by the screens of one report:
// they write answers through it, and the report screen saves what is dirty.
type editing struct {
	r *model.Report
	// previous is last year's report, to show beside this year's; nil
	// when there is none.
	previous *model.Report
	now      func() time.Time
	computer *model.Computer
	computed map[string]model.Value
	// left holds the fields the user has left at least once: their problems
	// show from then on, never while the first digit is being typed.
	left     map[string]bool
	problems map[string]string
	// checks counts validations, so a screen knows when to redraw problems.
	checks int
	dirty  bool
	// changes counts edits, so a save knows whether more came in meanwhile.
	changes int
}

func newEditing(r, previous *model.Report, now func() time.Time) *editing {
	e := &editing{r: r, previous: previous, now: now, computer: model.NewComputer(), left: map[string]bool{}}
	e.computed = e.computer.Compute(r)
	e.refreshProblems()
	return e
}

// input stores what the user typed in a field and recomputes the results.
func (e *editing) input(id, typed string) error {
	if err := e.r.Input(id, typed); err != nil {
		return err
	}
	e.changed()
	return nil
}

// set stores a value (not available, for one) and recomputes the results.
func (e *editing) set(id string, v model.Value) error {
	if err := e.r.Set(id, v); err != nil {
		return err
	}
	e.changed()
	return nil
}

// touch marks the report changed where the text is still held by an
// editor: it is written into the report when saved, not on every key.
func (e *editing) touch() {
	e.r.UpdatedAt = e.now()
	e.dirty = true
	e.changes++
}

func (e *editing) changed() {
	e.r.UpdatedAt = e.now()
	e.computed = e.computer.Compute(e.r)
	e.dirty = true
	e.changes++
}

// value returns an answer or a computed result.
func (e *editing) value(id string) model.Value {
	if v, ok := e.computed[id]; ok {
		return v
	}
	return e.r.Value(id)
}

// show formats an answer or result as the screens show it.
func (e *editing) show(id string) string {
	f := e.r.Template.Field(id)
	if f == nil {
		return ""
	}
	return model.Format(f.Type, e.value(id))
}

// leave records that the user left a field, so its problem may show.
func (e *editing) leave(id string) {
	if id == "" {
		return
	}
	e.left[id] = true
	e.refreshProblems()
}

// refreshProblems runs validation once (on leaving a field, not per key).
func (e *editing) refreshProblems() {
	e.checks++
	e.problems = map[string]string{}
	for _, p := range model.Validate(e.r) {
		if _, seen := e.problems[p.FieldID]; !seen {
			e.problems[p.FieldID] = p.Message
		}
	}
}

// problem returns the problem to show beside a field, once it has been left.
func (e *editing) problem(id string) string {
	if !e.left[id] {
		return ""
	}
	return e.problems[id]
}

// readOnly reports whether the report is final and so cannot change.
func (e *editing) readOnly() bool { return e.r.State == model.Final }

// openReportMsg asks the root to open a report for editing.
type openReportMsg struct{ id string }

// closeReportMsg asks the root to go back to the list of reports.
type closeReportMsg struct{}
