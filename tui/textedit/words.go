package textedit

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// Words and spelling.
//
// A word is a run of letters and the marks that combine with them; digits,
// hyphens and punctuation part words ("bo-oppfølging" is two). The editor
// marks the words a Speller calls misspelt on screen, and finds and replaces
// them one by one for a spell check that walks the text (F7).

// Speller tells misspelt words. Misspelled is asked about every word on
// screen in every View, so it must be quick (a map lookup); it may note
// words it does not know yet, to check them away from the keystroke.
type Speller interface {
	Misspelled(word []byte) bool
}

// VersionedSpeller is a Speller that says when its answers may have
// changed: Version changes whenever Misspelled could answer otherwise for
// some word, or a word noted before is to be noted again. The editor then
// keeps the marks of a line whose text did not change from one View to
// the next, instead of asking about each of its words again. It tells
// spellers apart with ==, so a VersionedSpeller must be comparable (a
// pointer, as *spell.Checker is).
type VersionedSpeller interface {
	Speller
	Version() uint64
}

// markedLine is one row's words as last marked: its text, whether a word
// ran into it from before and on past it, the speller's version then, and
// the marks, from the line's start.
type markedLine struct {
	text          []byte
	before, after bool
	speller       VersionedSpeller
	version       uint64
	marks         []int
}

// underlineOn and underlineOff mark a misspelt word. Like the cursor's
// reverse video, underline is not a colour and stays under NO_COLOR; 24
// ends only the underline.
const (
	underlineOn  = "\x1b[4m"
	underlineOff = "\x1b[24m"
)

// SetSpeller makes the editor mark the words s calls misspelt; nil marks
// none.
func (t *Model) SetSpeller(s Speller) { t.speller = s }

// isWordRune is asked of every character on screen in every View. No mark
// (Mn) comes before U+0300, so most characters need no search of its table.
func isWordRune(r rune) bool {
	if r < 0x300 {
		return unicode.IsLetter(r)
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// nextWord returns the first word in text at or after i, as [start, end);
// start is len(text) when there is none. A word that reaches the end of
// text may go on past it.
func nextWord(text []byte, i int) (start, end int) {
	start = len(text)
	for i < len(text) {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(text[i:])
		}
		if isWordRune(r) {
			if start == len(text) {
				start = i
			}
		} else if start < len(text) {
			return start, i
		}
		i += size
	}
	return start, len(text)
}

// wordRuneBefore reports whether the text just before off in p ends a word.
func wordRuneBefore(p *paragraph, off int, work *editorWork) bool {
	if off == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRune(p.slice(max(0, off-utf8.UTFMax), off, &work.cluster))
	return isWordRune(r)
}

// markMisspelt finds the misspelt words of [start, end) in p, as pairs of
// offsets in work.marks. A word cut by the line's ends (longer than a line)
// is not marked: only its parts are on the line.
//
// row is the line's row in the box: what a row showed last time is kept,
// with a VersionedSpeller, and taken again while text and speller are the
// same.
func (t *Model) markMisspelt(row int, p *paragraph, start, end int) {
	work := t.work
	work.marks = work.marks[:0]
	if t.speller == nil {
		return
	}
	text := p.slice(start, end, &work.window)
	before := wordRuneBefore(p, start, work)
	after := end < p.size() && !wordBoundaryAt(p, end, work)
	var kept *markedLine
	if v, ok := t.speller.(VersionedSpeller); ok {
		for len(work.marked) <= row {
			work.marked = append(work.marked, markedLine{})
		}
		kept = &work.marked[row]
		if kept.speller == v && kept.version == v.Version() && kept.before == before && kept.after == after && bytes.Equal(kept.text, text) {
			for _, m := range kept.marks {
				work.marks = append(work.marks, start+m)
			}
			return
		}
		kept.text = append(kept.text[:0], text...)
		kept.before, kept.after, kept.speller, kept.version = before, after, v, v.Version()
		kept.marks = kept.marks[:0]
	}
	for i := 0; i < len(text); {
		from, to := nextWord(text, i)
		if from == len(text) {
			break
		}
		i = to
		if from == 0 && before || to == len(text) && after {
			continue
		}
		if t.speller.Misspelled(text[from:to]) {
			work.marks = append(work.marks, start+from, start+to)
			if kept != nil {
				kept.marks = append(kept.marks, from, to)
			}
		}
	}
}

// wordBoundaryAt reports whether no word goes on at off in p.
func wordBoundaryAt(p *paragraph, off int, work *editorWork) bool {
	r, _ := utf8.DecodeRune(p.slice(off, min(p.size(), off+utf8.UTFMax), &work.cluster))
	return !isWordRune(r)
}

// appendText appends [from, to) of p as appendVisible does, underlining
// the parts of it that work.marks marks.
func (t *Model) appendText(out []byte, p *paragraph, from, to int) []byte {
	marks := t.work.marks
	for k := 0; k+1 < len(marks) && from < to; k += 2 {
		ms, me := max(marks[k], from), min(marks[k+1], to)
		if ms >= me {
			continue
		}
		out = appendVisible(out, p, from, ms)
		out = append(out, underlineOn...)
		out = appendVisible(out, p, ms, me)
		out = append(out, underlineOff...)
		from = me
	}
	return appendVisible(out, p, from, to)
}

// Words calls fn with every word of the text, for a spell check of all of
// it. It reads the whole text: it is for F7, not for every key.
func (t Model) Words(fn func(word []byte)) {
	for _, p := range t.paras {
		text := p.slice(0, p.size(), &t.work.window)
		for i := 0; i < len(text); {
			from, to := nextWord(text, i)
			if from == len(text) {
				break
			}
			fn(text[from:to])
			i = to
		}
	}
}

// FindWord puts the cursor on the first word for which match holds, from
// the word the cursor is in on to the end and then from the start, and
// returns it. Like Words it may read the whole text.
func (t *Model) FindWord(match func(word []byte) bool) (string, bool) {
	work := t.work
	n := len(t.paras)
	for k := 0; k <= n; k++ {
		para := (t.cursor.para + k) % n
		p := t.paragraph(para)
		text := p.slice(0, p.size(), &work.window)
		i, stop := 0, len(text)
		switch {
		case k == 0:
			// Inside a word, the search starts with that word; at its end
			// (after a word replaced) with the next.
			i = t.cursor.off
			for i > 0 && i < len(text) && !wordBoundaryAt(p, i, work) && wordRuneBefore(p, i, work) {
				_, size := utf8.DecodeLastRune(text[:i])
				i -= size
			}
		case k == n:
			stop = t.cursor.off
		}
		for i < stop {
			from, to := nextWord(text, i)
			if from >= stop {
				break
			}
			if match(text[from:to]) {
				word := string(text[from:to])
				t.found = foundWord{from: textPos{para, from}, to: textPos{para, to}, version: t.version}
				t.cursor = textPos{para, from}
				t.goalCol = -1
				t.top = t.topPos(t.scrolledTop())
				return word, true
			}
			i = to
		}
	}
	return "", false
}

// foundWord is the word FindWord found, while the text is unchanged.
type foundWord struct {
	from, to textPos
	version  int
}

// ReplaceWord puts text in place of the word FindWord found last, as one
// step of undo, and leaves the cursor after it. It does nothing when the
// text changed since.
func (t *Model) ReplaceWord(text string) bool {
	f := t.found
	if f.version != t.version || f.version == 0 {
		return false
	}
	clean := appendCleanString(t.work.cleaned[:0], text)
	t.work.cleaned = clean
	t.replace(f.from, f.to, clean)
	t.found = foundWord{}
	*t = t.afterEdit(true, false)
	return true
}
