package tui

import (
	"fmt"
	"io"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"

	"boso/store"
	"boso/tui/spell"
)

// benchReport opens Gjøvik's report on one section, at one window size, and
// returns the root model ready for keystrokes.
func benchReport(b *testing.B, section string, width, height int) Model {
	b.Helper()
	r := gjovik(b)
	st, err := store.Open(b.TempDir() + "/boso.db")
	if err != nil {
		b.Fatal(err)
	}
	m := New(Options{Store: st, Registry: form2012()}, func() time.Time { return reportNow })
	next, _ := m.Update(tea.WindowSizeMsg{Width: width, Height: height})
	m = next.(Model)
	rs, _ := newReportScreen(m.c, r, nil, 1, section+"/")
	m.report, m.state = rs, showingReport
	return benchIntoCell(m)
}

// benchIntoCell presses End: a filled cell is entered selected, and End goes
// into it, so the keys measured type at the end of the number (as they did
// before cells were selected) rather than replace it.
func benchIntoCell(m Model) Model {
	next, _ := m.Update(keyPress("end"))
	return next.(Model)
}

// benchKeystrokes measures what one key costs: Update and the View that
// follows it. Keys alternate typing and deleting so the answer stays the
// same length however long the benchmark runs.
func benchKeystrokes(b *testing.B, m Model) {
	b.Helper()
	benchKeystrokesThen(b, m, func(tea.View) {})
}

// benchKeystrokesThen is benchKeystrokes with then done with each View.
func benchKeystrokesThen(b *testing.B, m Model, then func(tea.View)) {
	b.Helper()
	keys := []tea.KeyMsg{keyText("7"), keyPress("backspace")}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		next, _ := m.Update(keys[i%2])
		m = next.(Model)
		then(m.View())
		i++
	}
}

func BenchmarkKeystrokeGrid80x24(b *testing.B)  { benchKeystrokes(b, benchReport(b, "1.1", 80, 24)) }
func BenchmarkKeystrokeGrid200x60(b *testing.B) { benchKeystrokes(b, benchReport(b, "1.1", 200, 60)) }

// benchKeystrokesDrawn is benchKeystrokes with what Bubble Tea v2 does with
// each frame after View: parse it into cells, compare them with the last
// frame's and write the difference for a 256-colour terminal (here to
// io.Discard), as its renderer does. v2 moved that work out of View, so
// the keystroke benchmarks above stop before it.
func benchKeystrokesDrawn(b *testing.B, m Model, width, height int) {
	b.Helper()
	cells := uv.NewScreenBuffer(width, height)
	scr := uv.NewTerminalRenderer(io.Discard, []string{"TERM=xterm-256color"})
	scr.SetColorProfile(colorprofile.ANSI256)
	scr.SetFullscreen(true)
	draw := func(v tea.View) {
		cells.Clear()
		uv.NewStyledString(v.Content).Draw(cells, cells.Bounds())
		scr.Render(cells.RenderBuffer)
		if v.Cursor != nil {
			scr.MoveTo(v.Cursor.X, v.Cursor.Y)
		}
		if err := scr.Flush(); err != nil {
			b.Fatal(err)
		}
	}
	draw(m.View())
	benchKeystrokesThen(b, m, draw)
}

func BenchmarkKeystrokeDrawnGrid80x24(b *testing.B) {
	benchKeystrokesDrawn(b, benchReport(b, "1.1", 80, 24), 80, 24)
}

func BenchmarkKeystrokeDrawnGrid200x60(b *testing.B) {
	benchKeystrokesDrawn(b, benchReport(b, "1.1", 200, 60), 200, 60)
}

func BenchmarkKeystrokeDrawnLongText200x60(b *testing.B) {
	benchKeystrokesDrawn(b, benchReport(b, "3", 200, 60), 200, 60)
}

// The front page's form (huh): each key lays out every field of the page.
func BenchmarkKeystrokeForm80x24(b *testing.B)  { benchKeystrokes(b, benchReport(b, "info", 80, 24)) }
func BenchmarkKeystrokeForm200x60(b *testing.B) { benchKeystrokes(b, benchReport(b, "info", 200, 60)) }

// BenchmarkHuhFormKeystroke is the anchor the grid is compared with (issue
// 14): the same keys in the first of 16 inputs of a huh form, about what
// the 1.1 screen would be as a huh form, measured in the same run.
func BenchmarkHuhFormKeystroke80x24(b *testing.B)  { benchHuhForm(b, 80, 24) }
func BenchmarkHuhFormKeystroke200x60(b *testing.B) { benchHuhForm(b, 200, 60) }

func benchHuhForm(b *testing.B, width, height int) {
	values := make([]string, 16)
	fields := make([]huh.Field, len(values))
	for i := range values {
		values[i] = "1455"
		fields[i] = huh.NewInput().Title(fmt.Sprintf("Felt %d", i+1)).Value(&values[i])
	}
	form := huh.NewForm(huh.NewGroup(fields...)).WithWidth(width).WithHeight(height)
	form.Init()
	keys := []tea.KeyMsg{keyText("7"), keyPress("backspace")}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		next, _ := form.Update(keys[i%2])
		form = next.(*huh.Form)
		_ = form.View()
		i++
	}
}

// The longest text screen is 3 (3.1 and 3.2, about 6 KB together).
func BenchmarkKeystrokeLongText80x24(b *testing.B) { benchKeystrokes(b, benchReport(b, "3", 80, 24)) }
func BenchmarkKeystrokeLongText200x60(b *testing.B) {
	benchKeystrokes(b, benchReport(b, "3", 200, 60))
}

// BenchmarkKeystrokeLongTextSpelling is a key in a long answer with the
// system's hunspell on: every word on screen is looked up on every frame
// (hunspell itself is asked only in the background, before the timing).
func BenchmarkKeystrokeLongTextSpelling80x24(b *testing.B) {
	benchKeystrokes(b, benchSpelling(b, benchReport(b, "3", 80, 24)))
}

func BenchmarkKeystrokeLongTextSpelling200x60(b *testing.B) {
	benchKeystrokes(b, benchSpelling(b, benchReport(b, "3", 200, 60)))
}

// benchSpelling gives m the system's hunspell, with the words on screen
// checked, or skips the benchmark without it.
func benchSpelling(b *testing.B, m Model) Model {
	b.Helper()
	cfg := spell.DefaultConfig()
	cfg.Personal = ""
	c := spell.New(cfg)
	b.Cleanup(c.Close)
	m.c.spell = c
	m.report.page, _ = newPage(m.c, m.report.e, m.report.sections, m.report.section)
	_ = m.View()
	if cmd := c.Check(); cmd != nil {
		c.Apply(cmd().(spell.CheckedMsg))
	}
	if c.Unavailable() != nil {
		b.Skipf("no hunspell with nb_NO: %v", c.Unavailable())
	}
	return m
}
