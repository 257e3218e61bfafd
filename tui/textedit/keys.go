package textedit

import (
	"charm.land/bubbles/v2/key"
)

// KeyMap is the editor's keys beyond those every text box has (arrows,
// home/end, backspace and delete, ctrl+w/k/u, alt+b/f/d): the ones a
// screen shows in its help.
type KeyMap struct {
	Undo           key.Binding
	Redo           key.Binding
	ExternalEditor key.Binding
}

// DefaultKeyMap returns the keys of word processors: ctrl+z undoes, ctrl+y
// (and ctrl+shift+z, where the terminal tells it from ctrl+z) redoes. Some
// terminals send ctrl+shift+z with the key's shifted code, which Bubble Tea
// names ctrl+shift+Z.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Undo:           key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", "angre")),
		Redo:           key.NewBinding(key.WithKeys("ctrl+y", "ctrl+shift+z", "ctrl+shift+Z"), key.WithHelp("ctrl+y", "gjør om")),
		ExternalEditor: key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "skriv i eget program")),
	}
}

// ShortHelp is the keys for a footer.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Undo, k.Redo, k.ExternalEditor} }

// FullHelp is the keys for the help screen.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }
