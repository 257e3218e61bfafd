package tui

import (
	"os"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"boso/model"
	"boso/store"
	"boso/tui/draft"
	"boso/tui/textedit"
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
	// clock times the saves; it differs from now in tests, whose stamps
	// stay fixed while time passes.
	clock func() time.Time
	// put saves a report: the store's Put, or in tests one that fails the
	// way a full disk does.
	put draft.Put
}

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
	// Text is the keys of the long answers' editor beyond those every text
	// box has.
	Text textedit.KeyMap

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
		Text:         textedit.DefaultKeyMap(),

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

// editing is the draft as the screens hold it, with its report at hand:
// they read it on every frame.
type editing struct {
	*draft.Draft
	r *model.Report
	// histories are the long answers' undo histories while the report is
	// open, so that undo reaches back past leaving a field or a screen.
	histories map[string]*textedit.History
}

func newEditing(d *draft.Draft) *editing { return &editing{Draft: d, r: d.Report()} }

// openReportMsg asks the root to open a report for editing.
type openReportMsg struct{ id string }

// closeReportMsg asks the root to go back to the list of reports.
type closeReportMsg struct{}
