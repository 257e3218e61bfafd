package textedit

import (
	"fmt"
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
// v1 does not know them and passes each on as a message of an unexported
// type whose String shows the bytes after CSI; these are those strings.
var ctrlShiftZ = func() []string {
	var out []string
	for _, seq := range []string{"122;6u", "90;6u", "27;6;122~", "27;6;90~"} {
		out = append(out, fmt.Sprintf("?CSI%+v?", []byte(seq)))
	}
	return out
}()

// unknownCSIType is the name of Bubble Tea's type for sequences it does not
// know.
const unknownCSIType = "tea.unknownCSISequenceMsg"

func isCtrlShiftZ(msg tea.Msg) bool {
	if msg == nil || reflect.TypeOf(msg).String() != unknownCSIType {
		return false
	}
	s, ok := msg.(fmt.Stringer)
	return ok && slices.Contains(ctrlShiftZ, s.String())
}
