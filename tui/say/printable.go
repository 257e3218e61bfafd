package say

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printable makes text that did not come from boso (a file name from the
// command line, a kommune name from an imported report) safe to print: a
// control character (ESC starts the sequences that set a window's title or
// clear the screen), an invisible formatting character (U+202E turns the
// rest of the line around, U+200B hides between letters) or a byte that is
// not UTF-8 is shown as "?". Line breaks and tabs stay.
func Printable(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, unprintable) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || unprintable(r) {
			return '?'
		}
		return r
	}, s)
}

func unprintable(r rune) bool {
	return r != '\n' && r != '\t' && unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}

// FileName is how a file the user named is shown: "-" is standard input,
// and a name, which can hold escape sequences, is made Printable.
func FileName(path string) string {
	if path == "-" {
		return "standard inn"
	}
	return Printable(path)
}
