package tui

import (
	"reflect"
	"testing"

	"github.com/charmbracelet/bubbles/key"
)

// TestEveryReportKeyIsInTheHelp: each key of a report's pages (the Report,
// Table, Finalize and Text groups, and those every page shares) is listed
// in the help of some page, so a key cannot be added without the help.
func TestEveryReportKeyIsInTheHelp(t *testing.T) {
	k := DefaultKeyMap()
	listed := map[string]bool{}
	for _, kind := range []screenKind{frontKind, formKind, textKind, tableKind, readOnlyKind, finalizeKind} {
		// The keys of answers kept from an older version are listed when
		// the report has some.
		for _, retired := range []bool{false, true} {
			for _, group := range (reportHelp{k: k, helpState: helpState{kind: kind, retired: retired}}).FullHelp() {
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
