package textedit

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

var (
	undoKey = keyPress("ctrl+z")
	redoKey = keyPress("ctrl+y")
)

// testClock is a clock a test moves by hand, so pauses are exact.
type testClock struct{ now time.Time }

func (c *testClock) time() time.Time { return c.now }

// editorWithClock is editorWith on a clock the test moves.
func editorWithClock(tb testing.TB, marked string) (Model, *testClock) {
	tb.Helper()
	e := editorWith(tb, marked, 20, 5)
	clock := &testClock{now: time.Date(2013, 2, 10, 14, 3, 0, 0, time.UTC)}
	e.clock = clock.time
	return e, clock
}

// typeSlowly types s a key at a time.
func typeKeys(e Model, s string) Model {
	for _, r := range s {
		if r == ' ' {
			e = editorSend(e, keyPress("space"))
			continue
		}
		e = editorSend(e, keyText(string(r)))
	}
	return e
}

// Every key that edits is taken back by one ctrl+z, cursor and all, and
// made again by one ctrl+y.
func TestUndoRedoEveryEditingKey(t *testing.T) {
	tests := []struct {
		name string
		text string // editorCursorMark marks the cursor
		keys []tea.Msg
		want string // after the keys, the text ctrl+y brings back
	}{
		{name: "insert a word", text: "Det var |bra", keys: []tea.Msg{keyText("s"), keyText("v"), keyText("æ"), keyText("r"), keyText("t"), keyPress("space")}, want: "Det var svært |bra"},
		{name: "insert a line break", text: "første|andre", keys: []tea.Msg{keyPress("enter")}, want: "første\n|andre"},
		{name: "paste", text: "a|b", keys: []tea.Msg{editorPasted("limt\ninn\r\ntekst")}, want: "alimt\ninn\ntekst|b"},
		{name: "backspace", text: "blåbær|", keys: []tea.Msg{keyPress("backspace"), keyPress("backspace")}, want: "blåb|"},
		{name: "ctrl+h", text: "ab|c", keys: []tea.Msg{keyPress("ctrl+h")}, want: "a|c"},
		{name: "delete", text: "|æøå", keys: []tea.Msg{keyPress("delete"), keyPress("delete")}, want: "|å"},
		{name: "ctrl+d", text: "a|bc", keys: []tea.Msg{keyPress("ctrl+d")}, want: "a|c"},
		{name: "delete word before: ctrl+w", text: "to ord| her", keys: []tea.Msg{keyPress("ctrl+w")}, want: "to | her"},
		{name: "delete word before: alt+backspace", text: "to ord  |x", keys: []tea.Msg{keyPress("alt+backspace")}, want: "to |x"},
		{name: "delete word after: alt+delete", text: "to| ord x", keys: []tea.Msg{keyPress("alt+delete")}, want: "to| x"},
		{name: "delete word after: alt+d", text: "|to ord", keys: []tea.Msg{keyPress("alt+d")}, want: "| ord"},
		{name: "kill line: ctrl+k", text: "ab|cd\nef", keys: []tea.Msg{keyPress("ctrl+k")}, want: "ab|\nef"},
		{name: "kill line: ctrl+u", text: "ab\ncd|ef", keys: []tea.Msg{keyPress("ctrl+u")}, want: "ab\n|ef"},
		{name: "join paragraphs: backspace", text: "ab\n|cd", keys: []tea.Msg{keyPress("backspace")}, want: "ab|cd"},
		{name: "join paragraphs: delete", text: "ab|\ncd", keys: []tea.Msg{keyPress("delete")}, want: "ab|cd"},
		{name: "join paragraphs: ctrl+w over empty lines", text: "ord\n\n|x", keys: []tea.Msg{keyPress("ctrl+w")}, want: "|x"},
		{name: "text from $EDITOR", text: "gammel| tekst", keys: []tea.Msg{ExternalEditDoneMsg{Text: "ny\ntekst\n"}}, want: "ny\ntekst\n|"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := editorWithClock(t, tt.text)
			for _, k := range tt.keys {
				if done, ok := k.(ExternalEditDoneMsg); ok {
					done.EditorID = e.ID()
					k = done
				}
				e = editorSend(e, k)
			}
			if got := editorMarked(e); got != tt.want {
				t.Fatalf("after the keys %q, want %q", got, tt.want)
			}
			version := e.Version()
			e = editorSend(e, undoKey)
			if got := editorMarked(e); got != tt.text {
				t.Errorf("ctrl+z: %q, want %q", got, tt.text)
			}
			if e.Version() != version+1 {
				t.Errorf("ctrl+z: version %d → %d", version, e.Version())
			}
			if e = editorSend(e, undoKey); editorMarked(e) != tt.text {
				t.Errorf("a second ctrl+z went past the start: %q", editorMarked(e))
			}
			e = editorSend(e, redoKey)
			if got := editorMarked(e); got != tt.want {
				t.Errorf("ctrl+y: %q, want %q", got, tt.want)
			}
			editorCheckLines(t, e)
			editorCheckShape(t, e)
		})
	}
}

// Typing is taken back a word at a time, and a pause ends a step too.
func TestUndoTypingAWordOrAPauseAtATime(t *testing.T) {
	e, clock := editorWithClock(t, "|")
	e = typeKeys(e, "Vi har hatt")
	clock.now = clock.now.Add(2 * typingPause)
	e = typeKeys(e, "ste")
	clock.now = clock.now.Add(2 * typingPause)
	e = typeKeys(e, "rk vekst.")
	for _, want := range []string{"Vi har hattsterk |", "Vi har hattste|", "Vi har hatt|", "Vi har |", "Vi |", "|"} {
		e = editorSend(e, undoKey)
		if got := editorMarked(e); got != want {
			t.Errorf("ctrl+z: %q, want %q", got, want)
		}
	}
	for _, want := range []string{"Vi |", "Vi har |", "Vi har hatt|", "Vi har hattste|", "Vi har hattsterk |", "Vi har hattsterk vekst.|"} {
		e = editorSend(e, redoKey)
		if got := editorMarked(e); got != want {
			t.Errorf("ctrl+y: %q, want %q", got, want)
		}
	}
}

// A typo put right with backspace leaves no step of its own: undo takes back
// the word as it stands.
func TestUndoAfterBackspaceOverTyping(t *testing.T) {
	e, _ := editorWithClock(t, "|")
	e = typeKeys(e, "husbakn")
	e = editorSend(e, keyPress("backspace"), keyPress("backspace"))
	e = typeKeys(e, "nken")
	if e = editorSend(e, undoKey); editorMarked(e) != "|" {
		t.Errorf("ctrl+z: %q", editorMarked(e))
	}
	// Backspacing everything typed leaves nothing to undo.
	e, _ = editorWithClock(t, "før |")
	e = typeKeys(e, "ab")
	e = editorSend(e, keyPress("backspace"), keyPress("backspace"), keyPress("backspace"))
	if e = editorSend(e, undoKey); editorMarked(e) != "før |" {
		t.Errorf("ctrl+z after backspacing past the typing: %q", editorMarked(e))
	}
	if e = editorSend(e, undoKey); editorMarked(e) != "før |" {
		t.Errorf("a second ctrl+z: %q", editorMarked(e))
	}
}

// Backspaces in a row are one step up to a pause; a word deleted, a line
// killed and a paste are each a step of their own.
func TestUndoDeletionsAndPastesAtOnce(t *testing.T) {
	e, clock := editorWithClock(t, "en to tre fire|")
	e = editorSend(e, keyPress("backspace"), keyPress("backspace"))
	clock.now = clock.now.Add(2 * typingPause)
	e = editorSend(e, keyPress("backspace"), keyPress("ctrl+w"), keyPress("ctrl+w"))
	e = editorSend(e, editorPasted("limt"), editorPasted("igjen"))
	// ctrl+w deletes "f", then "tre ".
	for _, want := range []string{"en to limt|", "en to |", "en to tre |", "en to tre f|", "en to tre fi|", "en to tre fire|"} {
		e = editorSend(e, undoKey)
		if got := editorMarked(e); got != want {
			t.Errorf("ctrl+z: %q, want %q", got, want)
		}
	}
}

func TestUndoThenEditForgetsRedo(t *testing.T) {
	e, _ := editorWithClock(t, "a|")
	e = typeKeys(e, " bc")
	e = editorSend(e, undoKey)
	e = typeKeys(e, "x")
	if e = editorSend(e, redoKey); editorMarked(e) != "a x|" {
		t.Errorf("ctrl+y after a new edit: %q", editorMarked(e))
	}
	if e = editorSend(e, undoKey, undoKey); editorMarked(e) != "a|" {
		t.Errorf("ctrl+z twice: %q", editorMarked(e))
	}
}

func TestUndoOnlyWhileFocused(t *testing.T) {
	e, _ := editorWithClock(t, "a|")
	e = typeKeys(e, "b")
	e.Blur()
	if e = editorSend(e, undoKey); e.Value() != "ab" {
		t.Errorf("a blurred editor undid: %q", e.Value())
	}
}

// The history of a field lives in the screen while the report is open: an
// editor made again for the same text goes on with it.
func TestHistorySurvivesANewEditorForTheSameText(t *testing.T) {
	h := NewHistory()
	e, _ := editorWithClock(t, "Svar|")
	e.SetHistory(h)
	e = typeKeys(e, " nummer to")
	saved := e.Value() // as the screen does on leaving the field

	again := New(testCursorOn, testCursorOff)
	again.SetValue(saved)
	again.SetHistory(h)
	again.Focus()
	if again = editorSend(again, undoKey); again.Value() != "Svar nummer " {
		t.Errorf("ctrl+z in the new editor: %q", again.Value())
	}
	if again = editorSend(again, undoKey, undoKey); again.Value() != "Svar" {
		t.Errorf("ctrl+z to the start: %q", again.Value())
	}

	// Changed elsewhere (another window): the old steps would not fit.
	other := New(testCursorOn, testCursorOff)
	other.SetValue("Helt annen tekst")
	other.SetHistory(h)
	other.Focus()
	if other = editorSend(other, undoKey); other.Value() != "Helt annen tekst" {
		t.Errorf("ctrl+z on another text: %q", other.Value())
	}

	// Edited after the text was saved: the history is not the saved text's.
	h = NewHistory()
	e, _ = editorWithClock(t, "Svar|")
	e.SetHistory(h)
	e = typeKeys(e, " én")
	saved = e.Value()
	_ = typeKeys(e, " to")
	stale := New(testCursorOn, testCursorOff)
	stale.SetValue(saved)
	stale.SetHistory(h)
	stale.Focus()
	if stale = editorSend(stale, undoKey); stale.Value() != saved {
		t.Errorf("ctrl+z with a history ahead of the text: %q", stale.Value())
	}
}

// A field's history is bounded in steps and in bytes; what is left can
// still be undone, back to the oldest step kept.
func TestHistoryIsBounded(t *testing.T) {
	e, clock := editorWithClock(t, "|")
	var kept string
	for i := range historySteps + 500 {
		if i == 500 {
			kept = e.Value()
		}
		clock.now = clock.now.Add(2 * typingPause)
		e = typeKeys(e, "ord ")
	}
	if n := e.hist.done - e.hist.first; n != historySteps {
		t.Errorf("%d steps kept, want %d", n, historySteps)
	}
	for range historySteps + 10 {
		e = editorSend(e, undoKey)
	}
	if e.Value() != kept {
		t.Errorf("undoing all kept steps gave %d bytes, want %d", len(e.Value()), len(kept))
	}

	big := strings.Repeat("stor tekst ", historyBytes/20)
	e, _ = editorWithClock(t, "|")
	e = editorSend(e, editorPasted(big), editorPasted(big))
	if e.hist.bytes > historyBytes {
		t.Errorf("history holds %d bytes, more than %d", e.hist.bytes, historyBytes)
	}
	if e = editorSend(e, undoKey); e.Value() != big {
		t.Errorf("the newest paste was not kept")
	}
	if e = editorSend(e, undoKey); e.Value() != big {
		t.Errorf("a step over the bound was undone")
	}
}

// ctrl+shift+z, from a terminal that tells it from ctrl+z, reaches the
// editor as Bubble Tea reads it (CSI u or xterm's modifyOtherKeys, with the
// key's code shifted or not) and redoes; ctrl+z in CSI u still undoes.
func TestCtrlShiftZRedoes(t *testing.T) {
	for _, seq := range []string{"\x1b[122;6u", "\x1b[90;6u", "\x1b[27;6;122~", "\x1b[27;6;90~"} {
		msg := readInput(t, seq)
		e, _ := editorWithClock(t, "a|")
		e = typeKeys(e, "b")
		e = editorSend(e, undoKey, msg)
		if got := editorMarked(e); got != "ab|" {
			t.Errorf("%q (%v): got %q", seq, msg, got)
		}
	}
	e, _ := editorWithClock(t, "a|")
	e = typeKeys(e, "b")
	if e = editorSend(e, readInput(t, "\x1b[122;5u")); editorMarked(e) != "a|" {
		t.Errorf("ctrl+z in CSI u did not undo: %q", editorMarked(e))
	}
}

// readInput runs a Bubble Tea program on input and returns the first key
// it reads.
func readInput(t *testing.T, input string) tea.Msg {
	t.Helper()
	m := &firstKey{}
	p := tea.NewProgram(m, tea.WithInput(bytes.NewReader([]byte(input))), tea.WithOutput(io.Discard), tea.WithoutRenderer(), tea.WithoutSignals())
	if _, err := p.Run(); err != nil {
		t.Fatal(err)
	}
	return m.msg
}

type firstKey struct{ msg tea.Msg }

func (m *firstKey) Init() tea.Cmd { return nil }

func (m *firstKey) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); !ok {
		return m, nil
	}
	m.msg = msg
	return m, tea.Quit
}

func (m *firstKey) View() tea.View { return tea.NewView("") }

type undoFuzzOp int

const (
	undoFuzzType undoFuzzOp = iota
	undoFuzzPaste
	undoFuzzSpace
	undoFuzzEnter
	undoFuzzBackspace
	undoFuzzDelete
	undoFuzzDeleteWordBack
	undoFuzzAltBackspace
	undoFuzzDeleteWordForward
	undoFuzzKillToEnd
	undoFuzzKillToStart
	undoFuzzLeft
	undoFuzzRight
	undoFuzzUp
	undoFuzzDown
	undoFuzzWordLeft
	undoFuzzStart
	undoFuzzEnd
	undoFuzzUndo
	undoFuzzRedo
	undoFuzzPause
	undoFuzzFromEditor
	undoFuzzOps
)

// undoFuzzText takes a count and that many pieces from data.
func undoFuzzText(data []byte) (string, []byte) {
	if len(data) == 0 {
		return "", data
	}
	n := int(data[0] % 8)
	data = data[1:]
	var text strings.Builder
	for ; n > 0 && len(data) > 0; n-- {
		text.WriteString(editorFuzzPieces[int(data[0])%len(editorFuzzPieces)])
		data = data[1:]
	}
	return text.String(), data
}

// FuzzEditorUndo edits a text at random, with undos, redos and pauses
// among the edits, then wants ctrl+z pressed until nothing changes to give
// back the text it started from, and ctrl+y pressed as long to give the
// text of the newest edit.
func FuzzEditorUndo(f *testing.F) {
	f.Add([]byte{20, 5, 3, 7, 8, 9, byte(undoFuzzType), 2, 0, 1, byte(undoFuzzBackspace), byte(undoFuzzUndo), byte(undoFuzzRedo)})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		width, height := int(data[0]%40), int(data[1]%8)
		original, data := undoFuzzText(data[2:])
		e, clock := editorWithClock(t, original)
		e.SetSize(width, height)
		original = e.Value() // as cleaned
		newest := original
		for len(data) > 0 {
			op := undoFuzzOp(data[0]) % undoFuzzOps
			data = data[1:]
			var msg tea.Msg
			switch op {
			case undoFuzzType, undoFuzzPaste, undoFuzzFromEditor:
				var text string
				text, data = undoFuzzText(data)
				switch op {
				case undoFuzzType:
					msg = keyText(text)
				case undoFuzzPaste:
					msg = editorPasted(text)
				default:
					msg = ExternalEditDoneMsg{EditorID: e.ID(), Text: text}
				}
			case undoFuzzPause:
				clock.now = clock.now.Add(2 * typingPause)
				continue
			default:
				msg = map[undoFuzzOp]tea.Msg{
					undoFuzzSpace: keyPress("space"), undoFuzzEnter: keyPress("enter"),
					undoFuzzBackspace: keyPress("backspace"), undoFuzzDelete: keyPress("delete"),
					undoFuzzDeleteWordBack: keyPress("ctrl+w"), undoFuzzAltBackspace: keyPress("alt+backspace"),
					undoFuzzDeleteWordForward: keyPress("alt+delete"), undoFuzzKillToEnd: keyPress("ctrl+k"),
					undoFuzzKillToStart: keyPress("ctrl+u"), undoFuzzLeft: keyPress("left"),
					undoFuzzRight: keyPress("right"), undoFuzzUp: keyPress("up"), undoFuzzDown: keyPress("down"),
					undoFuzzWordLeft: keyPress("ctrl+left"), undoFuzzStart: keyPress("ctrl+home"),
					undoFuzzEnd: keyPress("ctrl+end"), undoFuzzUndo: undoKey, undoFuzzRedo: redoKey,
				}[op]
			}
			version := e.Version()
			e = editorSend(e, msg)
			if op != undoFuzzUndo && op != undoFuzzRedo && e.Version() != version {
				newest = e.Value()
			}
			if got, want := e.Len(), utf8.RuneCountInString(e.Value()); got != want {
				t.Fatalf("after %v: Len() = %d, want %d", msg, got, want)
			}
			editorCheckShape(t, e)
		}
		editorCheckLines(t, e)
		for version := -1; version != e.Version(); {
			version = e.Version()
			e = editorSend(e, undoKey)
		}
		if got := e.Value(); got != original {
			t.Fatalf("undo all: %q, want %q", got, original)
		}
		editorCheckLines(t, e)
		for version := -1; version != e.Version(); {
			version = e.Version()
			e = editorSend(e, redoKey)
		}
		if got := e.Value(); got != newest {
			t.Fatalf("redo all: %q, want %q", got, newest)
		}
		editorCheckLines(t, e)
		editorCheckShape(t, e)
	})
}

// Keys as a terminal with the kitty keyboard protocol sends them (Bubble
// Tea asks for it): shift+enter and shift+backspace do what enter and
// backspace do, as in a terminal that cannot tell them apart, and
// ctrl+backspace and ctrl+delete take a word, as in word processors.
func TestKeysAsKittyReportsThem(t *testing.T) {
	for _, tt := range []struct{ name, seq, text, want string }{
		{"shift+enter", "\x1b[13;2u", "første|andre", "første\n|andre"},
		{"shift+backspace", "\x1b[127;2u", "ab|c", "a|c"},
		{"shift+space", "\x1b[32;2u", "to|ord", "to |ord"},
		{"ctrl+backspace", "\x1b[127;5u", "to ord| her", "to | her"},
		{"ctrl+delete", "\x1b[3;5~", "to| ord x", "to| x"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := editorWithClock(t, tt.text)
			if e = editorSend(e, readInput(t, tt.seq)); editorMarked(e) != tt.want {
				t.Errorf("%q: got %q, want %q", tt.seq, editorMarked(e), tt.want)
			}
		})
	}
}
