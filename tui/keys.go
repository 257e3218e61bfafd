package tui

import (
	"charm.land/bubbles/v2/key"

	"boso/tui/textedit"
)

// KeyMap holds every key of the UI, grouped as huh groups its own: the keys
// every screen shares, then a group for each kind of screen. Keys are
// handled and shown in the help from these bindings alone, so the help
// cannot drift from what the keys do.
type KeyMap struct {
	NextField key.Binding
	PrevField key.Binding
	Up        key.Binding
	Down      key.Binding
	Left      key.Binding
	Right     key.Binding
	Open      key.Binding
	// EnterNext is enter in a field of one line, which goes on to the
	// next field as tab does (in a long answer, enter is a new line).
	EnterNext key.Binding
	Back      key.Binding
	Help      key.Binding
	Quit      key.Binding
	Yes       key.Binding
	No        key.Binding

	// Report is the keys of every page of a report.
	Report ReportKeys
	// Table is the keys of a status table.
	Table TableKeys
	// Finalize is the keys of the finalize page.
	Finalize FinalizeKeys
	// Text is the keys of a long answer.
	Text TextKeys

	// On the start screen.
	New       key.Binding
	CarryOver key.Binding
	Export    key.Binding
	Delete    key.Binding
}

// ReportKeys are the keys of every page of a report.
type ReportKeys struct {
	NextScreen key.Binding
	PrevScreen key.Binding
	Jump       key.Binding
	Finalize   key.Binding
	Save       key.Binding
	Reopen     key.Binding
	LastYear   key.Binding
	// Original opens the other window's version after a conflict made
	// this window's text a copy.
	Original key.Binding
	// AllKeys is ? for the help, where ? is not a character being typed.
	AllKeys key.Binding
	// Retired opens and closes the screen of answers kept from an older
	// version of the template; RemoveRetired removes one there, after j.
	Retired       key.Binding
	RemoveRetired key.Binding
}

// TableKeys are the keys of a status table, beyond moving.
type TableKeys struct {
	NotAvailable key.Binding
	// IntoNumber goes into a number just entered (selected whole, so
	// typing replaces it), to change part of it; so do ← and →.
	IntoNumber key.Binding
}

// FinalizeKeys are the keys of the finalize page's list of problems.
type FinalizeKeys struct {
	GoTo key.Binding
}

// TextKeys are the keys of a long answer: the editor's own, and enter,
// which there is a new line, as in every text box.
type TextKeys struct {
	textedit.KeyMap
	NewLine key.Binding
	// Spelling walks the text's unknown words with suggestions.
	Spelling key.Binding
}

// DefaultKeyMap returns the keys the UI starts with. Screen-wide keys avoid
// what the text fields use (arrows, ctrl+a/e/k/u…), so they work everywhere.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		NextField: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "neste felt")),
		PrevField: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "forrige felt")),
		Up:        key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "opp")),
		Down:      key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "ned")),
		Left:      key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "venstre")),
		Right:     key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "høyre")),
		Open:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "åpne")),
		// shift+enter is enter where the terminal tells them apart (the
		// kitty keyboard protocol, which Bubble Tea asks for).
		EnterNext: key.NewBinding(key.WithKeys("enter", "shift+enter"), key.WithHelp("enter", "neste felt (på én linje)")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "til rapportlisten")),
		Help:      key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "alle taster")),
		Quit:      key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "avslutt")),
		Yes:       key.NewBinding(key.WithKeys("j", "y"), key.WithHelp("j", "ja")),
		No:        key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "nei")),

		Report: ReportKeys{
			NextScreen: key.NewBinding(key.WithKeys("pgdown", "f8"), key.WithHelp("pgdn", "neste side")),
			// f7 is the spell check, as in Word; pgup alone goes back.
			PrevScreen:    key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "forrige side")),
			Jump:          key.NewBinding(key.WithKeys("ctrl+g", "f2"), key.WithHelp("ctrl+g", "gå til side")),
			Finalize:      key.NewBinding(key.WithKeys("f9"), key.WithHelp("f9", "kontroll og endelig")),
			Save:          key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "lagre nå")),
			Reopen:        key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "gjør til kladd igjen")),
			LastYear:      key.NewBinding(key.WithKeys("f6", "ctrl+l"), key.WithHelp("f6", "vis/skjul fjorårets svar")),
			Original:      key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "åpne originalen etter en kopi")),
			AllKeys:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "alle taster (ikke i tekst)")),
			Retired:       key.NewBinding(key.WithKeys("f4"), key.WithHelp("f4", "svar fra eldre utgave")),
			RemoveRetired: key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", "fjern svaret fra eldre utgave")),
		},
		Table: TableKeys{
			NotAvailable: key.NewBinding(key.WithKeys("x", "X"), key.WithHelp("x", "ikke tilgjengelig")),
			IntoNumber:   key.NewBinding(key.WithKeys("end", "home"), key.WithHelp("end", "endre i tallet")),
		},
		Finalize: FinalizeKeys{
			GoTo: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "gå til feltet")),
		},
		Text: TextKeys{
			KeyMap:   textedit.DefaultKeyMap(),
			NewLine:  key.NewBinding(key.WithKeys("enter", "shift+enter", "alt+enter", "ctrl+j"), key.WithHelp("enter", "ny linje i tekst")),
			Spelling: key.NewBinding(key.WithKeys("f7"), key.WithHelp("f7", "stavekontroll")),
		},

		New:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "ny rapport")),
		CarryOver: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "nytt år fra denne")),
		Export:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "eksporter")),
		Delete:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "slett")),
	}
}
