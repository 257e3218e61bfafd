package textedit

import (
	"reflect"
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
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
// (and ctrl+shift+z, where the terminal tells it from ctrl+z) redoes.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Undo:           key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", "angre")),
		Redo:           key.NewBinding(key.WithKeys("ctrl+y", "ctrl+shift+z"), key.WithHelp("ctrl+y", "gjør om")),
		ExternalEditor: key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "skriv i eget program")),
	}
}

// ShortHelp is the keys for a footer.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Undo, k.Redo, k.ExternalEditor} }

// FullHelp is the keys for the help screen.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// ctrlShiftZ are the ways terminals that tell ctrl+shift+z from ctrl+z
// send it: CSI u (kitty, WezTerm, iTerm2 and foot when so set up) and
// xterm's modifyOtherKeys, with the key's code shifted or not. Bubble Tea
// v1 does not know them and passes each on as it came, as a message of an
// unexported type holding the bytes.
var ctrlShiftZ = []string{"\x1b[122;6u", "\x1b[90;6u", "\x1b[27;6;122~", "\x1b[27;6;90~"}

// unknownCSIType is the name of Bubble Tea's type for sequences it does not
// know.
const unknownCSIType = "tea.unknownCSISequenceMsg"

// isCtrlShiftZ reads the message through reflect, not through its String
// method: a call through an interface would make every message handed to
// Update escape to the heap, a cost on every key.
func isCtrlShiftZ(msg tea.Msg) bool {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().String() != unknownCSIType || v.Type().Elem().Kind() != reflect.Uint8 {
		return false
	}
	return slices.Contains(ctrlShiftZ, string(v.Bytes()))
}
