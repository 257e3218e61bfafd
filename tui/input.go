package tui

import (
	"io"
	"os"
	"unicode/utf8"
)

// terminalReader hands the terminal's input on to Bubble Tea with two
// things mended that Bubble Tea v2's reader gets wrong:
//
//   - An ESC inside a bracketed paste is dropped, the rest of the paste
//     kept. Bubble Tea reads escape sequences inside a paste: it drops a
//     whole sequence with its printable characters, and a stray ESC that
//     opens a string never closed (ESC P) swallows the rest of the paste,
//     its end marker and the keys typed after it.
//   - A read never ends inside a character: the start of a character of
//     two or more bytes that a read cut in two is held for the next read.
//     Bubble Tea waits 50 ms for the rest of a cut character and then
//     drops it, which a slow link (SSH, a remote desktop) can exceed.
//
// It stays a file (Fd, Name), so Bubble Tea still puts the terminal in raw
// mode and waits on it as before.
type terminalReader struct {
	*os.File
	raw   []byte
	ready []byte
	// cut is the start of a character the last read ended inside.
	cut   []byte
	paste pasteFilter
}

// terminalInput is in as the screens read it.
func terminalInput(in io.Reader) io.Reader {
	if f, ok := in.(*os.File); ok {
		return &terminalReader{File: f}
	}
	return in
}

// readSlack is how many bytes the filtered input may exceed what was just
// read: a cut character held from the read before, and the bytes of a
// paste's end marker that turned out not to be one.
const readSlack = utf8.UTFMax + len(pasteEnd)

func (r *terminalReader) Read(p []byte) (int, error) {
	if len(r.ready) == 0 {
		if len(p) <= readSlack {
			// Too small to filter into; Bubble Tea reads 4 KB at a time.
			return r.File.Read(p)
		}
		if cap(r.raw) < len(p) {
			r.raw = make([]byte, len(p))
		}
		m, err := r.File.Read(r.raw[:len(p)-readSlack])
		out := append(r.ready[:0], r.cut...)
		out = r.paste.filter(out, r.raw[:m])
		r.cut = r.cut[:0]
		// A read of nothing but a cut character is handed on as it is:
		// holding it could wait for bytes that never come.
		if c := cutTail(out); err == nil && c > 0 && c < len(out) {
			r.cut = append(r.cut, out[len(out)-c:]...)
			out = out[:len(out)-c]
		}
		r.ready = out
		if err != nil {
			n := copy(p, r.ready)
			r.ready = r.ready[n:]
			return n, err
		}
	}
	// Nothing may be ready, when a paste's part ended in what may be its
	// end marker: Bubble Tea reads again once there is more.
	n := copy(p, r.ready)
	r.ready = r.ready[n:]
	return n, nil
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

// The markers a terminal puts around pasted text (bracketed paste).
const (
	pasteStart = "\x1b[200~"
	pasteEnd   = "\x1b[201~"
)

// pasteFilter drops the ESC bytes inside bracketed pastes from a stream,
// read by read. Outside a paste every byte passes. Inside one an ESC is
// held until the bytes after it tell whether it starts the end marker.
type pasteFilter struct {
	inPaste bool
	// matched is how many bytes of the marker looked for the stream ends
	// in; inside a paste they are held back.
	matched int
}

// filter appends src to dst as it should reach Bubble Tea.
func (f *pasteFilter) filter(dst, src []byte) []byte {
	for _, b := range src {
		if !f.inPaste {
			dst = append(dst, b)
			f.matched = advance(pasteStart, f.matched, b)
			if f.matched == len(pasteStart) {
				f.inPaste, f.matched = true, 0
			}
			continue
		}
		if f.matched > 0 {
			if b == pasteEnd[f.matched] {
				f.matched++
				if f.matched == len(pasteEnd) {
					dst = append(dst, pasteEnd...)
					f.inPaste, f.matched = false, 0
				}
				continue
			}
			// Not the end: the ESC goes, what followed it stays text.
			dst = append(dst, pasteEnd[1:f.matched]...)
			f.matched = 0
		}
		if b == '\x1b' {
			f.matched = 1
			continue
		}
		dst = append(dst, b)
	}
	return dst
}

// advance is how many bytes of marker are matched after b, when matched
// were before. The marker's only ESC is its first byte, so a mismatch
// starts over, at one if b is an ESC.
func advance(marker string, matched int, b byte) int {
	switch {
	case b == marker[matched]:
		return matched + 1
	case b == '\x1b':
		return 1
	}
	return 0
}
