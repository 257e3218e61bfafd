package tui

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// TestEveryReportKeyIsInTheHelp: each key of a report's pages (the Report,
// Table, Finalize and Text groups, and those every page shares) is listed
// in the help of some page, so a key cannot be added without the help.
func TestEveryReportKeyIsInTheHelp(t *testing.T) {
	k := DefaultKeyMap()
	listed := map[string]bool{}
	for _, p := range []page{&frontPage{}, &formScreen{}, &textScreen{}, &tableScreen{}, &readOnlyScreen{}, &finalizeScreen{}} {
		// The keys of answers kept from an older version are listed when
		// the report has some.
		for _, retired := range []bool{false, true} {
			for _, group := range (reportHelp{k: k, helpState: helpState{page: p, retired: retired}}).FullHelp() {
				for _, b := range group {
					listed[b.Help().Key+" "+b.Help().Desc] = true
				}
			}
		}
	}
	var check func(path string, v reflect.Value)
	check = func(path string, v reflect.Value) {
		if b, ok := v.Interface().(key.Binding); ok {
			if !listed[b.Help().Key+" "+b.Help().Desc] {
				t.Errorf("%s (%s: %s) is in no page's help", path, b.Help().Key, b.Help().Desc)
			}
			return
		}
		for i := range v.NumField() {
			check(path+"."+v.Type().Field(i).Name, v.Field(i))
		}
	}
	for _, group := range []string{"Report", "Table", "Finalize", "Text"} {
		check(group, reflect.ValueOf(k).FieldByName(group))
	}
	for _, shared := range []string{"NextField", "PrevField", "Up", "Down", "EnterNext", "Back", "Help", "Quit"} {
		check(shared, reflect.ValueOf(k).FieldByName(shared))
	}
}

// keyPress is the key named as Bubble Tea v2 names it ("x", "ctrl+g",
// "shift+tab", "alt+d", "f9", "space"), as a terminal delivers it: with
// its text when it types one.
func keyPress(name string) tea.KeyPressMsg {
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
			panic("keyPress: no modifier " + mod)
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
		panic("keyPress: no key " + name)
	}
	k.Code = r
	if k.Mod&^tea.ModShift == 0 {
		k.Text = name
	}
	return tea.KeyPressMsg(k)
}

// keyText is text typed in one read, as one key message.
func keyText(s string) tea.KeyPressMsg {
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

// TestKeysAreNamedAsBubbleTeaNamesThem: every key a binding answers to is
// spelt the way Bubble Tea v2 names a key press ("space", not " "), or it
// would never match.
func TestKeysAreNamedAsBubbleTeaNamesThem(t *testing.T) {
	var bindings []key.Binding
	var collect func(v reflect.Value)
	collect = func(v reflect.Value) {
		switch {
		case v.Kind() == reflect.Pointer:
			collect(v.Elem())
		case v.Type() == reflect.TypeFor[key.Binding]():
			bindings = append(bindings, v.Interface().(key.Binding))
		case v.Kind() == reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					collect(v.Field(i))
				}
			}
		}
	}
	collect(reflect.ValueOf(DefaultKeyMap()))
	collect(reflect.ValueOf(formKeyMap(DefaultKeyMap())))
	for _, group := range KeyReference() {
		bindings = append(bindings, group.Keys...)
	}
	bindings = append(bindings, newPreviewKeyMap(newStartKeyMap(DefaultKeyMap())).ShortHelp()...)
	for _, b := range bindings {
		for _, name := range b.Keys() {
			if got := keyPress(name).String(); got != name {
				t.Errorf("%q (%s) is pressed as %q", name, b.Help().Desc, got)
			}
		}
	}
}
