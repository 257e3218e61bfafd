package tui

import (
	"reflect"
	"testing"

	"charm.land/bubbles/v2/key"

	"boso/tui/internal/keypress"
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

// keyPress and keyText are the keys a terminal delivers, built from Bubble
// Tea's names and from typed text.
var keyPress, keyText = keypress.Named, keypress.Typed

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
