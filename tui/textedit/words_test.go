package textedit

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"unicode"
)

// wordList is a Speller that knows the words given.
type wordList map[string]bool

func (w wordList) Misspelled(word []byte) bool { return w[string(word)] }

// editorMarks is the view with misspelt words in braces, the cursor's cell
// in brackets.
func editorMarks(e Model) string {
	return strings.NewReplacer(underlineOn, "{", underlineOff, "}", e.cursorOn, "[", e.cursorOff, "]").Replace(e.View())
}

func TestMisspeltWordsAreMarked(t *testing.T) {
	tests := []struct {
		name, text string
		width      int
		want       string
	}{
		{"words in a line", "Vi har booppfølgning og startlån|", 40, "Vi har {booppfølgning} og startlån[ ]"},
		{"the cursor in a misspelt word", "Kunnskaps|utviklig er", 40, "{Kunnskaps}[{u}]{tviklig} er"},
		{"parted by hyphens and digits", "bo-booppfølgning 2012booppfølgning|", 40, "bo-{booppfølgning} 2012{booppfølgning}[ ]"},
		{"a word on each line", "booppfølgning booppfølgning|", 16, "{booppfølgning} \n{booppfølgning}[ ]"},
		{"a word longer than a line is not marked in parts", "xbooppfølgningx|", 6, "xboop\npfølg\nningx[ ]\n"},
		{"a word that only starts the same", "booppfølgningene|", 40, "booppfølgningene[ ]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := editorWith(t, tt.text, tt.width, strings.Count(tt.want, "\n")+1)
			e.SetSpeller(wordList{"booppfølgning": true, "Kunnskapsutviklig": true, "xbooppfølgningx": true})
			if got := editorMarks(e); got != tt.want {
				t.Errorf("view:\n%q\nwant:\n%q", got, tt.want)
			}
			editorCheckShape(t, e)
		})
	}
}

func TestFindAndReplaceWord(t *testing.T) {
	e := editorWith(t, "Første avsnitt med feil.\nAndre fiel og |mer fiel.", 40, 5)
	misspelt := func(w []byte) bool { return string(w) == "feil" || string(w) == "fiel" }
	// From the cursor on first, then from the start.
	if w, ok := e.FindWord(misspelt); !ok || w != "fiel" || editorMarked(e) != "Første avsnitt med feil.\nAndre fiel og mer |fiel." {
		t.Fatalf("found %q %v at %q", w, ok, editorMarked(e))
	}
	if !e.ReplaceWord("feil") {
		t.Fatal("ReplaceWord refused")
	}
	if w, ok := e.FindWord(misspelt); !ok || w != "feil" || editorMarked(e) != "Første avsnitt med |feil.\nAndre fiel og mer feil." {
		t.Fatalf("found %q %v at %q", w, ok, editorMarked(e))
	}
	// The cursor inside a word finds that word.
	e = editorWith(t, "en fi|el her", 40, 5)
	if w, _ := e.FindWord(misspelt); w != "fiel" || editorMarked(e) != "en |fiel her" {
		t.Errorf("found %q at %q", w, editorMarked(e))
	}
	e.ReplaceWord("feil")
	if got := editorMarked(e); got != "en feil| her" {
		t.Errorf("after replacing: %q", got)
	}
	if e = editorSend(e, undoKey); editorMarked(e) != "en |fiel her" {
		t.Errorf("ctrl+z after replacing: %q", editorMarked(e))
	}
	// A word found before the text changed is not replaced.
	e.FindWord(misspelt)
	e = editorSend(e, keyText("x"))
	if e.ReplaceWord("feil") || e.Value() != "en xfiel her" {
		t.Errorf("replaced after an edit: %q", e.Value())
	}
	e = editorWith(t, "ingen feil| her", 40, 5)
	if _, ok := e.FindWord(func(w []byte) bool { return string(w) == "fiel" }); ok {
		t.Error("found a word that is not there")
	}
}

func TestWordsListsEveryWord(t *testing.T) {
	e := editorWith(t, "Bo-oppfølging i 2012:\n\nå være e\u0301n", 40, 5)
	var got []string
	e.Words(func(w []byte) { got = append(got, string(w)) })
	if strings.Join(got, "|") != "Bo|oppfølging|i|å|være|e\u0301n" {
		t.Errorf("words %q", got)
	}
}

// isWordRune skips the table of marks below U+0300; no mark may be there.
func TestNoMarkBeforeU0300(t *testing.T) {
	for r := rune(0); r < 0x300; r++ {
		if unicode.Is(unicode.Mn, r) {
			t.Errorf("%U is a mark (Mn): isWordRune misses it", r)
		}
	}
}

// versionedList is a VersionedSpeller over a word list, counting the words
// it is asked about.
type versionedList struct {
	words   wordList
	version uint64
	asked   int
}

func (v *versionedList) Misspelled(word []byte) bool { v.asked++; return v.words.Misspelled(word) }
func (v *versionedList) Version() uint64             { return v.version }

// The marks a line keeps from the last View are the ones asking again
// would give: after edits that move and rewrap words, after the speller's
// answers change, in a narrower box, and for another speller.
func TestKeptMarksAreNeverStale(t *testing.T) {
	words := wordList{"booppfølgning": true, "fiel": true}
	text := "Vi har booppfølgning og fiel i startlån.\nAndre avsnitt med fiel, og mer booppfølgning her."
	kept := editorWith(t, "|"+text, 24, 6)
	list := &versionedList{words: words}
	kept.SetSpeller(list)
	asked := editorWith(t, "|"+text, 24, 6)
	asked.SetSpeller(words)
	check := func(what string) {
		t.Helper()
		if got, want := editorMarks(kept), editorMarks(asked); got != want {
			t.Fatalf("%s: view with kept marks\n%q\nasking every word\n%q", what, got, want)
		}
	}
	check("first view")
	before := list.asked
	check("the same view again")
	if list.asked != before {
		t.Errorf("an unchanged view asked the speller about %d words again", list.asked-before)
	}
	keys := []tea.Msg{keyText("x"), keyText("fiel "), keyPress("down"), keyText("bo"), keyPress("backspace"),
		keyPress("enter"), keyPress("backspace"), keyPress("end"), keyText(" fiel"), keyPress("up"),
		keyPress("home"), keyPress("delete"), keyText("V")}
	for i, k := range keys {
		kept, asked = editorSend(kept, k), editorSend(asked, k)
		check(fmt.Sprintf("after key %d (%v)", i, k))
	}
	// The speller learns a word: the lines that show it are marked anew.
	words["startlån"] = true
	list.version++
	check("after the speller's answers changed")
	delete(words, "fiel")
	list.version++
	check("after a word was taken back")
	kept.SetSize(16, 8)
	asked.SetSize(16, 8)
	check("in a narrower box")
	other := &versionedList{words: wordList{"avsnitt": true}, version: list.version}
	kept.SetSpeller(other)
	asked.SetSpeller(other.words)
	check("with another speller of the same version")

	// The same text on a row, once the end of a word too long for a line
	// and then a word of its own.
	words = wordList{"pfølg": true}
	list = &versionedList{words: words}
	kept, asked = editorWith(t, "aaaaa|pfølg", 6, 3), editorWith(t, "aaaaa|pfølg", 6, 3)
	kept.SetSpeller(list)
	asked.SetSpeller(words)
	check("a word's end alone on a row")
	kept, asked = editorSend(kept, keyText(" ")), editorSend(asked, keyText(" "))
	if !strings.Contains(editorMarks(asked), "følg}") {
		t.Fatalf("the case does not mark the word once it stands alone: %q", editorMarks(asked))
	}
	check("the word standing alone on the same row")
}
