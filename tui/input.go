package tui

import (
	"io"
	"os"
	"unicode/utf8"
)

// wholeRunes hands the terminal's input on in reads that never end inside
// a character. Bubble Tea v1 reads 256 bytes at a time and drops a
// character of two or more bytes that the end of a read cuts in two: an ø
// in a long paste without bracketed paste, or typing over a slow link. The
// rest of such a character is held back for the next read. It stays a file
// (Fd, Name), so Bubble Tea still puts the terminal in raw mode and waits
// on it as before.
type wholeRunes struct {
	*os.File
	held []byte
}

// terminalInput is in as the screens read it.
func terminalInput(in io.Reader) io.Reader {
	if f, ok := in.(*os.File); ok {
		return &wholeRunes{File: f}
	}
	return in
}

func (w *wholeRunes) Read(p []byte) (int, error) {
	n := copy(p, w.held)
	w.held = w.held[n:]
	if len(w.held) > 0 {
		return n, nil
	}
	m, err := w.File.Read(p[n:])
	n += m
	// A read of nothing but a cut character is handed on as it is: holding
	// it could wait for bytes that never come.
	if cut := cutTail(p[:n]); err == nil && cut > 0 && cut < n {
		w.held = append([]byte(nil), p[n-cut:n]...)
		n -= cut
	}
	return n, err
}

// cutTail is how many bytes at the end of b begin a character that b does
// not hold whole.
func cutTail(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if utf8.FullRune(b[i:]) {
				return 0
			}
			return len(b) - i
		}
	}
	return 0
}
