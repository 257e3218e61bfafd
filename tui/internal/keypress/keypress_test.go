package keypress

import "testing"

// TestNamedKeysAreNamedBack: a key built from a name is the key Bubble Tea
// gives that name, and types the text a terminal would send with it.
func TestNamedKeysAreNamedBack(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"x", "x"}, {"X", "X"}, {"ø", "ø"}, {"7", "7"}, {"?", "?"},
		{"space", " "}, {"enter", ""}, {"shift+tab", ""}, {"ctrl+g", ""},
		{"alt+d", ""}, {"ctrl+shift+z", ""}, {"f9", ""}, {"pgdown", ""}, {"shift+enter", ""},
	} {
		k := Named(tc.name)
		if got := k.String(); got != tc.name {
			t.Errorf("Named(%q).String() = %q", tc.name, got)
		}
		if k.Text != tc.text {
			t.Errorf("Named(%q).Text = %q, want %q", tc.name, k.Text, tc.text)
		}
	}
	if k := Typed("æøå"); k.Text != "æøå" || k.Code != 'æ' {
		t.Errorf("Typed(æøå) = %+v", k)
	}
}
