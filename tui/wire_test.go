package tui

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/vt"
)

// TestRendererSkipsUnchangedCells is a digit typed in a grid row whose sum
// at the row's end changes with it: the renderer must move the cursor over
// the unchanged cells between the two changes, not send them again with
// their colours. Upstream ultraviolet sends them (see
// tui/internal/third_party/ultraviolet/README.md); this fails if an upgrade
// drops boso's copy before upstream has the fix.
func TestRendererSkipsUnchangedCells(t *testing.T) {
	var out bytes.Buffer
	scr := uv.NewTerminalRenderer(&out, []string{"TERM=xterm-256color"})
	scr.SetColorProfile(colorprofile.ANSI256)
	scr.SetFullscreen(true)
	scr.Resize(80, 1)
	row := func(typed, sum string) string {
		return "│ A. Antall husstander │ " + typed + " \x1b[38;5;245m│ Status behov pr. 31.12. │\x1b[m " +
			"\x1b[38;5;111m" + sum + "\x1b[m \x1b[38;5;245m│\x1b[m"
	}
	frame := func(line string) string {
		buf := uv.NewScreenBuffer(80, 1)
		uv.NewStyledString(line).Draw(buf, buf.Bounds())
		out.Reset()
		scr.Render(buf.RenderBuffer)
		if err := scr.Flush(); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	frame(row(" 7", "-1"))
	sent := frame(row("77", "69"))
	if strings.Contains(sent, "Status") || len(sent) > 40 {
		t.Errorf("the renderer sent %d bytes for two changed cells apart on one line, %q; "+
			"it should move the cursor over the unchanged cells between them", len(sent), sent)
	}
	if !strings.Contains(sent, "7") || !strings.Contains(sent, "69") {
		t.Errorf("the renderer sent %q, without the typed 7 or the new sum 69", sent)
	}
}

// shownModel shows one line, and the line its first command brings.
type shownModel struct{ line, next string }

func (m shownModel) Init() tea.Cmd {
	return func() tea.Msg { return m.next }
}

func (m shownModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if s, ok := msg.(string); ok {
		m.line = s
	}
	return m, nil
}

func (m shownModel) View() tea.View { return tea.NewView(m.line) }

// TestFirstFrameWrittenWithoutWaitingForTick is a program whose view
// changes as soon as it has started, as the start screen's does when the
// list has been read: the new view must reach the screen at once, not at
// the renderer's first tick, and the terminal's answers that come first
// (they change nothing) must not hold it back. Upstream Bubble Tea writes
// frames on its tick alone, a frame period after it starts (see
// tui/internal/third_party/bubbletea/README.md); at 1 frame a second that
// tick is far later than the bound here, so this fails if an upgrade drops
// boso's copy before upstream writes at once.
func TestFirstFrameWrittenWithoutWaitingForTick(t *testing.T) {
	term := newTestTerminal(t, 20, 2)
	p := tea.NewProgram(shownModel{line: "Henter …", next: "Kommune 0001"}, tea.WithInput(nil), tea.WithOutput(term),
		tea.WithWindowSize(20, 2), tea.WithoutSignalHandler(), tea.WithFPS(1))
	done := make(chan error, 1)
	go func() {
		_, err := p.Run()
		done <- err
	}()
	deadline := time.Now().Add(500 * time.Millisecond)
	for !strings.Contains(term.screen(), "Kommune 0001") {
		if time.Now().After(deadline) {
			t.Errorf("the new view is not on the screen 500 ms after the start (a frame period is 1 s); the screen:\n%s", term.screen())
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	p.Quit()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// testTerminal is a terminal of its own size that a program's output is
// written to: its screen is the text a user sees. The raw output is not:
// the renderer sends only the cells that change, so a result going from
// -1 to -2 sends the 2 alone. It starts a line where a newline comes, as
// a terminal does before the program makes it raw: a program whose input
// is no terminal leaves it so, and Bubble Tea then writes a newline alone.
type testTerminal struct {
	mu      sync.Mutex
	emu     *vt.Emulator
	drained chan struct{}
}

func newTestTerminal(tb testing.TB, width, height int) *testTerminal {
	t := &testTerminal{emu: vt.NewEmulator(width, height), drained: make(chan struct{})}
	// The emulator answers the program's questions (the background
	// colour, the modes) on a pipe whose writes wait for a reader: they
	// are read and dropped here, and the pipe is closed at the end.
	go func() {
		_, _ = io.Copy(io.Discard, t.emu)
		close(t.drained)
	}()
	tb.Cleanup(func() {
		_ = t.emu.InputPipe().(io.Closer).Close()
		<-t.drained
	})
	return t
}

func (t *testTerminal) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, err := t.emu.Write(bytes.ReplaceAll(p, []byte("\n"), []byte("\r\n"))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// screen is the text on the terminal now.
func (t *testTerminal) screen() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.emu.String()
}
