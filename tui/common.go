package tui

import (
	"os"
	"time"

	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"

	"boso/model"
	"boso/store"
	"boso/tui/draft"
	"boso/tui/spell"
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
	// spell knows the spelling of the words on screen, from hunspell.
	spell *spell.Checker
	// dark tells whether the terminal's background is dark, as the
	// terminal answered; dark until it does.
	dark bool
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

// DefaultStyles returns the UI's look on a dark or a light background.
func DefaultStyles(dark bool) Styles {
	// The colours are the terminal's 16, bright on a dark background:
	// they follow the user's theme (a high-contrast one too), and a
	// colour costs 5 bytes on the wire where one of 256 takes 11 and one
	// in true colour 19, sent again with every computed sum and border
	// next to a typed key. Dim text is the terminal's own foreground,
	// faint: grey on either background, and visible in themes whose
	// bright black is their background.
	pick := lipgloss.LightDark(dark)
	accent := pick(lipgloss.Blue, lipgloss.BrightBlue)
	red := pick(lipgloss.Red, lipgloss.BrightRed)
	dim := lipgloss.NewStyle().Faint(true)
	return Styles{
		Title:      lipgloss.NewStyle().Bold(true).Foreground(accent),
		Header:     lipgloss.NewStyle().Bold(true),
		Dim:        dim,
		Label:      lipgloss.NewStyle().Bold(true),
		Help:       dim,
		Focused:    lipgloss.NewStyle().Reverse(true),
		Computed:   lipgloss.NewStyle().Foreground(accent),
		Problem:    lipgloss.NewStyle().Foreground(red),
		Saved:      dim,
		Unsaved:    lipgloss.NewStyle().Foreground(red).Bold(true),
		Banner:     lipgloss.NewStyle().Bold(true).Reverse(true).Padding(0, 1),
		Selected:   lipgloss.NewStyle().Bold(true).Foreground(accent),
		Overdue:    lipgloss.NewStyle().Foreground(red),
		Border:     dim,
		TableTitle: lipgloss.NewStyle().Bold(true),
	}
}

func noColor() bool { return os.Getenv("NO_COLOR") != "" }

// newLineInput is a one-line input as the screens use it: no prompt, and
// no cursor of its own, whose blinking would redraw the screen twice a
// second: the screens draw its text and put the terminal's cursor in it
// (inputView, the grid's cells).
func newLineInput() textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.SetVirtualCursor(false)
	return in
}

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

// openReportMsg asks the root to open a report for editing, at position
// ("section/field") when given, else where it was last saved.
type openReportMsg struct{ id, position string }

// closeReportMsg asks the root to go back to the list of reports.
type closeReportMsg struct{}
