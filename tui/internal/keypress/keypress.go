// Package keypress builds the key messages a terminal delivers, from the
// names Bubble Tea v2 gives keys, for the tests of the screens and of the
// editor: one spelling of a key, so the tests and the KeyMap cannot drift.
package keypress

import (
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

// Named is the key named as Bubble Tea v2 names it ("x", "ctrl+g",
// "shift+tab", "alt+d", "f9", "space"), as a terminal delivers it: with
// its text when it types one. It panics on a name Bubble Tea never gives,
// which is a mistake in the test.
func Named(name string) tea.KeyPressMsg {
	var k tea.Key
	for {
		mod, rest, found := strings.Cut(name, "+")
		if !found || rest == "" {
			break
		}
		switch mod {
		case "ctrl":
			k.Mod |= tea.ModCtrl
		case "alt":
			k.Mod |= tea.ModAlt
		case "shift":
			k.Mod |= tea.ModShift
		default:
			panic("keypress: no modifier " + mod)
		}
		name = rest
	}
	if code, ok := namedKeys[name]; ok {
		k.Code = code
		if code == tea.KeySpace && k.Mod == 0 {
			k.Text = " "
		}
		return tea.KeyPressMsg(k)
	}
	r, size := utf8.DecodeRuneInString(name)
	if size != len(name) {
		panic("keypress: no key " + name)
	}
	k.Code = r
	if k.Mod&^tea.ModShift == 0 {
		k.Text = name
	}
	return tea.KeyPressMsg(k)
}

// Typed is text typed in one read, as one key message.
func Typed(s string) tea.KeyPressMsg {
	r, _ := utf8.DecodeRuneInString(s)
	return tea.KeyPressMsg{Code: r, Text: s}
}

var namedKeys = map[string]rune{
	"enter": tea.KeyEnter, "tab": tea.KeyTab, "backspace": tea.KeyBackspace, "esc": tea.KeyEscape,
	"space": tea.KeySpace, "up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
	"insert": tea.KeyInsert, "delete": tea.KeyDelete, "home": tea.KeyHome, "end": tea.KeyEnd,
	"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
	"f1": tea.KeyF1, "f2": tea.KeyF2, "f3": tea.KeyF3, "f4": tea.KeyF4, "f5": tea.KeyF5, "f6": tea.KeyF6,
	"f7": tea.KeyF7, "f8": tea.KeyF8, "f9": tea.KeyF9, "f10": tea.KeyF10, "f11": tea.KeyF11, "f12": tea.KeyF12,
}
