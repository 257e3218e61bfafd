package tui

import (
	"io"
	"os"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// inputMsgs runs a Bubble Tea program reading a pipe through terminalInput,
// writes each chunk to it (pausing between them when told), and returns
// the keys and pastes it read up to the key "!".
func inputMsgs(t *testing.T, pause time.Duration, chunks ...string) []tea.Msg {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	m := &inputRecorder{}
	p := tea.NewProgram(m, tea.WithInput(terminalInput(r)), tea.WithOutput(io.Discard), tea.WithoutRenderer(), tea.WithoutSignals())
	go func() {
		for i, c := range chunks {
			if i > 0 {
				time.Sleep(pause)
			}
			if _, err := w.WriteString(c); err != nil {
				return
			}
		}
	}()
	timeout := time.AfterFunc(10*time.Second, p.Quit)
	defer timeout.Stop()
	if _, err := p.Run(); err != nil {
		t.Fatal(err)
	}
	if !m.done {
		t.Fatalf("the program never read the key that ends the input; it read %q", m.msgs)
	}
	return m.msgs
}

type inputRecorder struct {
	msgs []tea.Msg
	done bool
}

func (m *inputRecorder) Init() tea.Cmd { return nil }

func (m *inputRecorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if msg.String() == "!" {
			m.done = true
			return m, tea.Quit
		}
		m.msgs = append(m.msgs, msg)
	case tea.PasteMsg:
		m.msgs = append(m.msgs, msg)
	}
	return m, nil
}

func (m *inputRecorder) View() tea.View { return tea.NewView("") }

// A paste keeps every character but the ESC of escape sequences in it,
// even a stray ESC P, which opens a string that is never closed: Bubble
// Tea alone lost the rest of such a paste and the keys after it.
func TestPasteWithEscapesKeepsItsText(t *testing.T) {
	for _, tt := range []struct{ name, paste, want string }{
		{"a stray ESC P", "før\x1bPetter og resten", "førPetter og resten"},
		{"a window title and a colour", "Tittel: \x1b]0;pwned\x07 og rød: \x1b[31mRØD\x1b[0m.", "Tittel: ]0;pwned\x07 og rød: [31mRØD[0m."},
		{"what looks like the end of the paste", "a\x1b[201b\x1b[20", "a[201b[20"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// The paste's end marker comes in a read of its own, cut after
			// its ESC.
			msgs := inputMsgs(t, 10*time.Millisecond, pasteStart+tt.paste+"\x1b", pasteEnd[1:]+"x!")
			if len(msgs) != 2 || msgs[0] != (tea.PasteMsg{Content: tt.want}) || msgs[1].(tea.KeyPressMsg).String() != "x" {
				t.Errorf("read %q, want the paste %q and the key x", msgs, tt.want)
			}
		})
	}
}

// A character a read cuts in two arrives whole however long the rest of
// it takes: Bubble Tea alone waited 50 ms and dropped it.
func TestCharacterCutByASlowReadArrives(t *testing.T) {
	msgs := inputMsgs(t, 200*time.Millisecond, "bl\xc3", "\xa5!")
	var typed string
	for _, msg := range msgs {
		typed += msg.(tea.KeyPressMsg).Text
	}
	if typed != "blå" {
		t.Errorf("typed %q, want %q", typed, "blå")
	}
}
