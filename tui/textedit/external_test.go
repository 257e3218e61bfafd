package textedit

import (
	"os"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func TestEditorExternalEditorFile(t *testing.T) {
	path, err := writeEditorFile("svar med personopplysninger")
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(path)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := info.Mode().Perm(); mode != 0o600 {
		t.Errorf("temp file mode %o, want 600", mode)
	}
	if err := os.WriteFile(path, []byte("nytt svar\nlinje to\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	msg := readEditorFile(7, path, false, nil)
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("temp file left behind: %v", err)
	}
	done, ok := msg.(ExternalEditDoneMsg)
	if !ok || done.Text != "nytt svar\nlinje to" || done.EditorID != 7 {
		t.Errorf("got %#v", msg)
	}
}

func TestEditorExternalEditorResult(t *testing.T) {
	e := editorWith(t, "gammel|", 20, 3)
	other := editorSend(e, ExternalEditDoneMsg{EditorID: e.id + 1, Text: "ikke min"})
	if other.Value() != "gammel" {
		t.Errorf("took another editor's text: %q", other.Value())
	}
	failed := editorSend(e, ExternalEditDoneMsg{EditorID: e.id, Text: "x", Err: os.ErrNotExist})
	if failed.Value() != "gammel" {
		t.Errorf("took the text of a failed editor: %q", failed.Value())
	}
	before := e.Version()
	e = editorSend(e, ExternalEditDoneMsg{EditorID: e.id, Text: "ny\r\ntekst"})
	if got := editorMarked(e); got != "ny\ntekst|" || e.Version() != before+1 {
		t.Errorf("got %q, version %d→%d", got, before, e.Version())
	}
	// Unfocused too: the editor was left for $EDITOR, not for another field.
	e.Blur()
	e = editorSend(e, ExternalEditDoneMsg{EditorID: e.id, Text: "igjen"})
	if e.Value() != "igjen" {
		t.Errorf("blurred editor ignored its text: %q", e.Value())
	}
}

func TestEditorCtrlEOpensEditor(t *testing.T) {
	t.Setenv("EDITOR", "vim -n")
	if name, args := externalEditorCommand(); name != "vim" || len(args) != 1 || args[0] != "-n" {
		t.Errorf("got %q %q", name, args)
	}
	t.Setenv("EDITOR", "")
	if name, _ := externalEditorCommand(); name != "nano" {
		t.Errorf("without $EDITOR got %q", name)
	}
	e := editorWith(t, "tekst|", 20, 3)
	if _, cmd := e.Update(editorKey(tea.KeyCtrlE)); cmd == nil {
		t.Error("ctrl+e returned no command")
	}
}
