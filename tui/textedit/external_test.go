package textedit

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
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

func TestFindEditor(t *testing.T) {
	const (
		unixNone    = "Fant verken nano eller vi; sett EDITOR til ditt program: export EDITOR=navn"
		windowsNone = "Fant ikke notepad; sett EDITOR til ditt program: setx EDITOR navn"
	)
	tests := []struct {
		name      string
		goos      []string
		visual    string
		editor    string
		installed []string
		want      string // the command with its arguments, or the error's text
	}{
		{name: "VISUAL first", goos: []string{"linux", "darwin", "windows"}, visual: "code --wait", editor: "vim", installed: []string{"code", "vim", "nano", "notepad"}, want: "code --wait"},
		{name: "then EDITOR", goos: []string{"linux", "darwin", "freebsd", "windows"}, editor: "vim -n", installed: []string{"vim", "nano", "notepad"}, want: "vim -n"},
		{name: "a VISUAL that is not installed is passed over", goos: []string{"linux", "windows"}, visual: "code", editor: "vim", installed: []string{"vim"}, want: "vim"},
		{name: "nano without variables", goos: []string{"linux", "darwin", "freebsd", "openbsd"}, installed: []string{"nano", "vi"}, want: "nano"},
		{name: "vi without nano", goos: []string{"linux", "darwin", "freebsd"}, installed: []string{"vi"}, want: "vi"},
		{name: "notepad on Windows", goos: []string{"windows"}, installed: []string{"nano", "vi", "notepad"}, want: "notepad"},
		{name: "nothing on unix", goos: []string{"linux", "darwin", "freebsd"}, want: unixNone},
		{name: "nothing on Windows", goos: []string{"windows"}, installed: []string{"nano", "vi"}, want: windowsNone},
		{name: "nothing, EDITOR named", goos: []string{"linux"}, editor: "emacs -nw", want: "Fant verken «emacs» fra EDITOR, nano eller vi; sett EDITOR til ditt program: export EDITOR=navn"},
		{name: "nothing, VISUAL named", goos: []string{"windows"}, visual: "code", want: "Fant verken «code» fra VISUAL eller notepad; sett EDITOR til ditt program: setx EDITOR navn"},
		{name: "blank variables count as unset", goos: []string{"linux"}, visual: "  ", editor: "\t", installed: []string{"nano"}, want: "nano"},
	}
	for _, tt := range tests {
		for _, goos := range tt.goos {
			t.Run(tt.name+"/"+goos, func(t *testing.T) {
				env := map[string]string{"VISUAL": tt.visual, "EDITOR": tt.editor}
				lookPath := func(name string) (string, error) {
					if slices.Contains(tt.installed, name) {
						return "/bin/" + name, nil
					}
					return "", exec.ErrNotFound
				}
				name, args, err := findEditor(goos, func(k string) string { return env[k] }, lookPath)
				got := strings.Join(append([]string{name}, args...), " ")
				if err != nil {
					got = err.Error()
				}
				if got != tt.want {
					t.Errorf("got %q, want %q", got, tt.want)
				}
			})
		}
	}
}

// Before, ctrl+e without an editor did nothing at all: no editor opened
// and no word why.
func TestEditorCtrlEWithoutAnEditorSaysSo(t *testing.T) {
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "")
	t.Setenv("PATH", t.TempDir())
	e := editorWith(t, "tekst|", 20, 3)
	e, cmd := e.Update(keyPress("ctrl+e"))
	if cmd == nil {
		t.Fatal("ctrl+e returned no command")
	}
	done, ok := cmd().(ExternalEditDoneMsg)
	if !ok || done.EditorID != e.ID() || done.Err == nil || !strings.HasPrefix(done.Err.Error(), "Fant ") {
		t.Fatalf("got %#v", done)
	}
	if e = editorSend(e, done); e.Value() != "tekst" {
		t.Errorf("the text changed: %q", e.Value())
	}
}

// An editor that ends with an error (vim's :cq) leaves the text as it was,
// and says so in one sentence.
func TestEditorThatFailsLeavesTheText(t *testing.T) {
	falsePath, err := exec.LookPath("false")
	if err != nil {
		t.Skip("no false(1) to stand for an editor that fails")
	}
	t.Setenv("VISUAL", falsePath)
	e := editorWith(t, "tekst|", 20, 3)
	_, cmd := e.Update(keyPress("ctrl+e"))
	m := &runOnce{cmd: cmd}
	p := tea.NewProgram(m, tea.WithInput(strings.NewReader("")), tea.WithOutput(io.Discard), tea.WithoutRenderer(), tea.WithoutSignals())
	if _, err := p.Run(); err != nil {
		t.Fatal(err)
	}
	done, ok := m.msg.(ExternalEditDoneMsg)
	if !ok || done.Err == nil || done.Err.Error() != "«"+falsePath+"» sluttet med en feil, så teksten er som før." {
		t.Fatalf("got %#v", m.msg)
	}
	if e = editorSend(e, done); e.Value() != "tekst" {
		t.Errorf("the text changed: %q", e.Value())
	}
}

// runOnce runs a command in a Bubble Tea program and keeps the message it
// ends with.
type runOnce struct {
	cmd tea.Cmd
	msg tea.Msg
}

func (m *runOnce) Init() tea.Cmd { return m.cmd }

func (m *runOnce) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(ExternalEditDoneMsg); ok {
		m.msg = msg
		return m, tea.Quit
	}
	return m, nil
}

func (m *runOnce) View() tea.View { return tea.NewView("") }

// ctrl+e round trip through a real program standing for the user's
// editor: it gets the text in a file and what it saves comes back, as one
// step of undo.
func TestEditorRoundTripThroughAProgram(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in editor is a shell script")
	}
	script := filepath.Join(t.TempDir(), "redigerer")
	body := "#!/bin/sh\ngrep -q '^gammel tekst$' \"$1\" && printf 'ny tekst\\n' > \"$1\"\n"
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VISUAL", script)
	e := editorWith(t, "gammel tekst|", 20, 3)
	_, cmd := e.Update(keyPress("ctrl+e"))
	m := &runOnce{cmd: cmd}
	p := tea.NewProgram(m, tea.WithInput(strings.NewReader("")), tea.WithOutput(io.Discard), tea.WithoutRenderer(), tea.WithoutSignals())
	if _, err := p.Run(); err != nil {
		t.Fatal(err)
	}
	e = editorSend(e, m.msg)
	if got := editorMarked(e); got != "ny tekst|" {
		t.Errorf("after the editor: %q (%#v)", got, m.msg)
	}
	if e = editorSend(e, undoKey); e.Value() != "gammel tekst" {
		t.Errorf("ctrl+z: %q", e.Value())
	}
}
