package tui

// Fitting text to the window: the report screen's chrome and body are cut,
// wrapped and measured here, by the cell.

import (
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// clipLines keeps a body inside its box, whatever a component rendered.
func clipLines(s string, height, width int) string {
	var b strings.Builder
	b.Grow(len(s))
	writeClipped(&b, s, height, width, nil)
	return b.String()
}

// fitLines are the lines of the last frame that fit its width, by line
// number: most lines are the same from one key to the next, and comparing
// a line with the one before is far cheaper than measuring it.
type fitLines struct {
	width int
	lines []string
}

// fits reports whether line n, l, was found to fit in the last frame.
func (f *fitLines) fits(n int, l string) bool {
	return f != nil && n < len(f.lines) && f.lines[n] == l
}

// writeClipped writes at most height lines of s to b, each cut to width
// cells, and returns how many it wrote. fit, when not nil, is the last
// frame's lines, and gets this one's.
func writeClipped(b *strings.Builder, s string, height, width int, fit *fitLines) int {
	if fit != nil && fit.width != width {
		fit.width, fit.lines = width, fit.lines[:0]
	}
	n := 0
	for n < height {
		l, rest, more := strings.Cut(s, "\n")
		if n > 0 {
			b.WriteByte('\n')
		}
		// No character is wider than its bytes are many, so a short line
		// needs no measuring; measuring is most of a frame's cost.
		switch {
		case len(l) <= width || fit.fits(n, l):
		case narrowFits(l, width) || ansi.StringWidth(l) <= width:
			fit.keep(n, l)
		default:
			l = ansi.Truncate(l, width, "…")
		}
		b.WriteString(l)
		n++
		if !more {
			break
		}
		s = rest
	}
	return n
}

// keep notes that line n, l, fits.
func (f *fitLines) keep(n int, l string) {
	if f == nil {
		return
	}
	for len(f.lines) <= n {
		f.lines = append(f.lines, "")
	}
	f.lines[n] = l
}

// narrowFits reports whether l, styled, is sure to be at most width cells
// wide, without splitting it into graphemes as ansi.StringWidth does (most
// of a frame's cost). false means only "measure it".
func narrowFits(l string, width int) bool {
	n, ok := narrowWidth(l, width)
	return ok && n <= width
}

// textWidth is ansi.StringWidth(s), counted without splitting s into
// graphemes where narrowWidth can.
func textWidth(s string) int {
	if n, ok := narrowWidth(s, len(s)); ok {
		return n
	}
	return ansi.StringWidth(s)
}

// narrowWidth counts the cells of l, styled, when every character outside
// escape sequences is of a kind never wider than one cell and never joined
// to the next; it stops counting past limit. ok is false when it cannot
// tell.
func narrowWidth(l string, limit int) (cells int, ok bool) {
	for i := 0; i < len(l); {
		c := l[i]
		if c == '\x1b' {
			// Only CSI sequences (lipgloss's colours) are skipped here.
			if i+1 >= len(l) || l[i+1] != '[' {
				return 0, false
			}
			i += 2
			for i < len(l) && (l[i] < 0x40 || l[i] > 0x7e) {
				i++
			}
			i++
			continue
		}
		if c < utf8.RuneSelf {
			cells, i = cells+1, i+1
		} else {
			r, size := utf8.DecodeRuneInString(l[i:])
			if !narrowRune(r) {
				return 0, false
			}
			cells, i = cells+1, i+size
		}
		if cells > limit {
			return cells, true
		}
	}
	return cells, true
}

// narrowRune is true of the characters boso draws with, outside ASCII:
// Latin letters before the combining marks (U+0300), general punctuation
// such as – and …, arrows, box drawing, blocks and shapes.
func narrowRune(r rune) bool {
	return r < 0x300 ||
		r >= 0x2010 && r <= 0x2027 ||
		r >= 0x2190 && r <= 0x21ff ||
		r >= 0x2500 && r <= 0x25fc
}

// truncate cuts s to w cells, marking the cut with "…"; a width under one
// cell leaves nothing.
func truncate(s string, w int) string {
	if w < 1 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// joinEnds puts left and right text on one line of width w.
func joinEnds(left, right string, w int) string {
	gap := w - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		left = ansi.Truncate(left, max(w-lipgloss.Width(right)-1, 0), "…")
		gap = max(w-lipgloss.Width(left)-lipgloss.Width(right), 0)
	}
	return left + strings.Repeat(" ", gap) + right
}

// fitWords cuts text to width w between words, marking the cut with "…":
// a word is either whole or gone.
func fitWords(s string, w int) string {
	if textWidth(s) <= w {
		return s
	}
	if w < 1 {
		return ""
	}
	cut := ansi.Truncate(s, w-1, "")
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.:;–-") + "…"
}

// wrapStyled wraps text to width w between words, each line styled.
func wrapStyled(st lipgloss.Style, s string, w int) string {
	lines := strings.Split(ansi.Wrap(s, max(w, 1), ""), "\n")
	for i, l := range lines {
		lines[i] = st.Render(strings.TrimRight(l, " "))
	}
	return strings.Join(lines, "\n")
}
