package textedit

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// A plain model of the editor: the text as one string, the cursor as a
// byte offset, grapheme clusters found over the whole text. It cannot know
// visual lines, so it only mirrors what does not depend on them.
type plainEditorModel struct {
	text   string
	cursor int
}

func (m *plainEditorModel) boundaries() []int {
	bounds := []int{0}
	for rest := m.text; rest != ""; {
		cluster, _ := ansi.FirstGraphemeCluster(rest, ansi.GraphemeWidth)
		rest = rest[len(cluster):]
		bounds = append(bounds, len(m.text)-len(rest))
	}
	return bounds
}

func (m *plainEditorModel) isBoundary(off int) bool {
	for _, b := range m.boundaries() {
		if b == off {
			return true
		}
	}
	return false
}

func (m *plainEditorModel) next(off int) int {
	for _, b := range m.boundaries() {
		if b > off {
			return b
		}
	}
	return len(m.text)
}

func (m *plainEditorModel) prev(off int) int {
	prev := 0
	for _, b := range m.boundaries() {
		if b >= off {
			break
		}
		prev = b
	}
	return prev
}

func (m *plainEditorModel) snap() {
	for _, b := range m.boundaries() {
		if b >= m.cursor {
			m.cursor = b
			return
		}
	}
}

func (m *plainEditorModel) spaceAt(off int) bool {
	r, _ := utf8.DecodeRuneInString(m.text[off:])
	return unicode.IsSpace(r)
}

func (m *plainEditorModel) replace(from, to int, with string) {
	m.text = m.text[:from] + with + m.text[to:]
	m.cursor = from + len(with)
	m.snap()
}

func (m *plainEditorModel) insert(s string) {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f {
			return -1
		}
		return r
	}, s)
	m.replace(m.cursor, m.cursor, s)
}

func (m *plainEditorModel) wordEnd() int {
	off := m.cursor
	for off < len(m.text) && m.spaceAt(off) {
		off = m.next(off)
	}
	for off < len(m.text) && !m.spaceAt(off) {
		off = m.next(off)
	}
	return off
}

func (m *plainEditorModel) wordStart() int {
	off, inWord := m.cursor, false
	for off > 0 {
		prev := m.prev(off)
		space := m.spaceAt(prev)
		if space && inWord {
			break
		}
		inWord = inWord || !space
		off = prev
	}
	return off
}

func (m *plainEditorModel) paragraphStart() int {
	return strings.LastIndexByte(m.text[:m.cursor], '\n') + 1
}

func (m *plainEditorModel) paragraphEnd() int {
	if i := strings.IndexByte(m.text[m.cursor:], '\n'); i >= 0 {
		return m.cursor + i
	}
	return len(m.text)
}

// editorFuzzPieces are what inserted text is made of: letters, æøå, wide
// characters, clusters of several runes, and what cleaning must drop.
var editorFuzzPieces = []string{
	"a", "b", " ", " ", "æ", "ø", "å", "e\u0301", "\u0301", "🙂", "中", "\t", "\n", "\r", "\r\n",
	"\x00", "\u0085", "\u009b", "\x7f", "\u200d", "👩", "🇳", "🇴", "\u00a0", "ordet ", "\u0600", "\x1b[1m",
	"langtordutenmellomrom", "\u0915\u094d",
}

type editorFuzzOp int

const (
	fuzzInsert editorFuzzOp = iota
	fuzzPaste
	fuzzLeft
	fuzzRight
	fuzzBackspace
	fuzzDelete
	fuzzEnter
	fuzzStart
	fuzzEnd
	fuzzWordLeft
	fuzzWordRight
	fuzzDeleteWordBack
	fuzzDeleteWordForward
	fuzzDeleteToParagraphEnd
	fuzzDeleteToParagraphStart
	fuzzUp
	fuzzDown
	fuzzHome
	fuzzLineEnd
	fuzzCheckLines
	fuzzOps
)

// FuzzEditorEdits applies random edits to the editor and to the plain model
// and wants the same text and cursor from both. Moves that depend on visual
// lines (up, down, home, end) are applied to the editor only; the model
// then takes the editor's cursor, after checking it is on a cluster
// boundary.
func FuzzEditorEdits(f *testing.F) {
	f.Add([]byte{10, 3, byte(fuzzInsert), 5, 0, 1, 2, 3, 4, byte(fuzzBackspace), byte(fuzzLeft), byte(fuzzEnter)})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		width, height := int(data[0]%40), int(data[1]%8)
		data = data[2:]
		e := New(testCursorOn, testCursorOff)
		e.SetSize(width, height)
		e.Focus()
		var m plainEditorModel
		for len(data) > 0 {
			op := editorFuzzOp(data[0]) % fuzzOps
			data = data[1:]
			before, version := m.text, e.Version()
			var msg tea.Msg
			switch op {
			case fuzzInsert, fuzzPaste:
				var text strings.Builder
				if len(data) > 0 {
					n := int(data[0] % 8)
					data = data[1:]
					for ; n > 0 && len(data) > 0; n-- {
						text.WriteString(editorFuzzPieces[int(data[0])%len(editorFuzzPieces)])
						data = data[1:]
					}
				}
				if op == fuzzPaste {
					msg = editorPasted(text.String())
				} else {
					msg = keyText(text.String())
				}
				m.insert(text.String())
			case fuzzLeft:
				msg = keyPress("left")
				m.cursor = m.prev(m.cursor)
			case fuzzRight:
				msg = keyPress("right")
				m.cursor = m.next(m.cursor)
			case fuzzBackspace:
				msg = keyPress("backspace")
				if m.cursor > 0 {
					m.replace(m.prev(m.cursor), m.cursor, "")
				}
			case fuzzDelete:
				msg = keyPress("delete")
				if m.cursor < len(m.text) {
					m.replace(m.cursor, m.next(m.cursor), "")
				}
			case fuzzEnter:
				msg = keyPress("enter")
				m.insert("\n")
			case fuzzStart:
				msg = keyPress("ctrl+home")
				m.cursor = 0
			case fuzzEnd:
				msg = keyPress("ctrl+end")
				m.cursor = len(m.text)
			case fuzzWordLeft:
				msg = keyPress("ctrl+left")
				m.cursor = m.wordStart()
			case fuzzWordRight:
				msg = keyPress("ctrl+right")
				m.cursor = m.wordEnd()
			case fuzzDeleteWordBack:
				msg = keyPress("ctrl+w")
				m.replace(m.wordStart(), m.cursor, "")
			case fuzzDeleteWordForward:
				msg = keyPress("alt+delete")
				m.replace(m.cursor, m.wordEnd(), "")
			case fuzzDeleteToParagraphEnd:
				msg = keyPress("ctrl+k")
				m.replace(m.cursor, m.paragraphEnd(), "")
			case fuzzDeleteToParagraphStart:
				msg = keyPress("ctrl+u")
				m.replace(m.paragraphStart(), m.cursor, "")
			case fuzzUp:
				msg = keyPress("up")
			case fuzzDown:
				msg = keyPress("down")
			case fuzzHome:
				msg = keyPress("home")
			case fuzzLineEnd:
				msg = keyPress("end")
			case fuzzCheckLines:
				editorCheckLines(t, e)
				continue
			}
			e = editorSend(e, msg)
			if op >= fuzzUp {
				if !m.isBoundary(e.cursorByte()) {
					t.Fatalf("%v: cursor at %d is inside a cluster of %q", msg, e.cursorByte(), m.text)
				}
				m.cursor = e.cursorByte()
			}
			if got := e.Value(); got != m.text {
				t.Fatalf("after %q: text %q, model %q", msg, got, m.text)
			}
			if got := e.cursorByte(); got != m.cursor {
				t.Fatalf("after %q: cursor at %d, model at %d, in %q", msg, got, m.cursor, m.text)
			}
			if got, want := e.Len(), utf8.RuneCountInString(m.text); got != want {
				t.Fatalf("after %q: Len() = %d, want %d", msg, got, want)
			}
			if changed := m.text != before; changed != (e.Version() == version+1) || e.Version() > version+1 {
				t.Fatalf("after %q: text changed %v, Version %d→%d", msg, changed, version, e.Version())
			}
			editorCheckShape(t, e)
		}
		editorCheckLines(t, e)
	})
}
