package textedit

import (
	"strings"
	"testing"
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
	e = editorSend(e, editorTyped("x"))
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
