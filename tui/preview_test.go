package tui

import (
	"maps"
	"os"
	"strings"
	"testing"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"boso/model"
	"boso/store"
)

// putGjovik stores Gjøvik's real 2012 report in the test's draft file.
func putGjovik(t *testing.T, c *common) *model.Report {
	t.Helper()
	data, err := os.ReadFile("../testdata/gjovik-2012.json")
	if err != nil {
		t.Fatal(err)
	}
	r, err := model.Decode(data, c.reg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.PutReport(c.store, r, "", 0); err != nil {
		t.Fatal(err)
	}
	return r
}

// previewUntil pages down until the view shows want, and fails if the end
// of the report comes first.
func previewUntil(t *testing.T, s startScreen, want string) startScreen {
	t.Helper()
	for range 200 {
		if strings.Contains(startView(s), want) {
			return s
		}
		if s.preview.vp.AtBottom() {
			break
		}
		s, _ = startSend(t, s, keyPress("pgdown"))
	}
	t.Fatalf("%q not found in the preview; last screen:\n%s", want, startView(s))
	return s
}

func TestPreviewGjovik(t *testing.T) {
	// The styled rendering, whatever the environment running the tests.
	t.Setenv("NO_COLOR", "")
	c := newStartCommon(t, 80, 24, startNow)
	putGjovik(t, c)
	s := loadedStart(t, c)

	s, out := startSend(t, s, startKey('p'))
	if len(out) != 0 || s.mode != startPreviewing || !s.preview.loaded {
		t.Fatalf("after p: messages %v, mode %d, loaded %v", out, s.mode, s.preview.loaded)
	}
	startCheckFits(t, s)
	first := startView(s)
	for _, want := range []string{
		"Forhåndsvisning – Gjøvik kommune 2012 (kladd)",
		"KLADD – ikke endelig",
		"Rapportering i Boligsosialt utviklingsprogram – Årsrapport 2012 – Kommune:",
		"Frist: 28.02.2013",
		"esc/q lukk",
	} {
		if !strings.Contains(first, want) {
			t.Errorf("first screen lacks %q:\n%s", want, first)
		}
	}

	s = previewUntil(t, s, "Sum A–C")
	startCheckFits(t, s)
	table := startView(s)
	// The whole 1.1 table, headings uncut, in 80 columns.
	for _, want := range []string{
		"1.1 Anskaffe og beholde bolig",
		"Status behov pr.", "01.01.2012", "31.12.2012", "Resultat",
		"A. Antall husstander uten eid eller", "B. Antall husstander med fare for å", "C. Antall husstander med uegnet",
		"Sum A–C",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("the 1.1 table lacks %q:\n%s", want, table)
		}
	}
	for _, row := range [][]string{{"7", "8", "-1"}, {"4", "11", "-7"}, {"23", "30", "-7"}, {"34", "49", "-15"}} {
		if !previewRowHas(table, row) {
			t.Errorf("no table row with %v:\n%s", row, table)
		}
	}

	s, out = startSend(t, s, startEsc)
	if len(out) != 0 || s.mode != startBrowsing {
		t.Fatalf("after esc: messages %v, mode %d", out, s.mode)
	}
	if v := startView(s); !strings.Contains(v, "› Gjøvik kommune") || strings.Contains(v, "Forhåndsvisning") {
		t.Errorf("esc did not return to the list:\n%s", v)
	}
}

// previewRowHas reports whether one line of the screen holds the figures of
// a table row, in order, each in its own cell.
func previewRowHas(screen string, cells []string) bool {
	for _, line := range strings.Split(screen, "\n") {
		parts := strings.Split(line, "│")
		if len(parts) != len(cells)+1 {
			continue
		}
		ok := true
		for i, c := range cells {
			if strings.TrimSpace(parts[i+1]) != c {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func TestPreviewKeys(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	putGjovik(t, c)
	s, _ := startSend(t, loadedStart(t, c), startKey('p'))
	height := s.preview.vp.Height()
	if height != 24-previewChrome || s.preview.vp.TotalLineCount() <= height {
		t.Fatalf("viewport %d high for %d lines", height, s.preview.vp.TotalLineCount())
	}
	for _, step := range []struct {
		key  tea.KeyPressMsg
		want func(prev int) int
	}{
		{startDown, func(p int) int { return p + 1 }},
		{startKey('j'), func(p int) int { return p + 1 }},
		{keyPress("pgdown"), func(p int) int { return p + height }},
		{startUp, func(p int) int { return p - 1 }},
		{keyPress("pgup"), func(p int) int { return max(0, p-height) }},
		{keyPress("end"), func(int) int { return s.preview.vp.TotalLineCount() - height }},
		{keyPress("home"), func(int) int { return 0 }},
	} {
		prev := s.preview.vp.YOffset()
		s, _ = startSend(t, s, step.key)
		if got, want := s.preview.vp.YOffset(), step.want(prev); got != want {
			t.Errorf("%s: offset %d → %d, want %d", step.key, prev, got, want)
		}
	}
	// Keys of the list mean nothing here: n must not make a report.
	if _, out := startSend(t, s, startKey('n')); len(out) != 0 {
		t.Errorf("n in the preview sent %v", out)
	}
	s, _ = startSend(t, s, startKey('q'))
	if s.mode != startBrowsing {
		t.Errorf("q did not close the preview")
	}
}

// TestPreviewResize wraps the report again for a new window width, in a
// command, and drops a rendering for a width the window no longer has.
func TestPreviewResize(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	putGjovik(t, c)
	s, _ := startSend(t, loadedStart(t, c), startKey('p'))
	narrow := s.preview.vp.TotalLineCount()

	c.width, c.height = 120, 40
	s, cmd := s.update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if cmd == nil || s.preview.width != 80 {
		t.Fatalf("resize: command %v, content width %d", cmd, s.preview.width)
	}
	stale := rerenderPreview(s.preview.seq, s.preview.doc, 100, true)()
	s, _ = s.update(stale)
	if s.preview.width != 80 {
		t.Errorf("a rendering for 100 columns was shown in 120")
	}
	s, _ = startSend(t, s, startRunCmd(cmd)...)
	if s.preview.width != 120 || s.preview.vp.Height() != 40-previewChrome || s.preview.vp.TotalLineCount() >= narrow {
		t.Errorf("after resize: width %d, height %d, %d lines (were %d)",
			s.preview.width, s.preview.vp.Height(), s.preview.vp.TotalLineCount(), narrow)
	}
	startCheckFits(t, s)
}

// TestPreviewStale closes a preview before its report arrives and opens
// another: the first report's message must not show in the second.
func TestPreviewStale(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	putGjovik(t, c)
	putThreeReports(t, c)
	s := loadedStart(t, c)
	s, first := s.update(startKey('p'))
	if v := startView(s); !strings.Contains(v, "Henter rapporten") {
		t.Errorf("no word of loading:\n%s", v)
	}
	s, _ = s.update(startEsc)
	s, _ = s.update(startDown)
	s, second := s.update(startKey('p'))
	s, _ = s.update(first())
	if s.preview.loaded {
		t.Fatal("the closed preview's report was shown")
	}
	s, _ = startSend(t, s, startRunCmd(second)...)
	if !s.preview.loaded || strings.Contains(string(s.preview.doc.Markdown()), "Gjøvik boligstiftelse") {
		t.Errorf("loaded %v; the second preview shows Gjøvik's answers", s.preview.loaded)
	}
}

func TestPreviewGone(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	r := putGjovik(t, c)
	s := loadedStart(t, c)
	if err := c.store.Delete(r.ID); err != nil {
		t.Fatal(err)
	}
	s, _ = startSend(t, s, startKey('p'))
	if s.mode != startBrowsing || !strings.Contains(startView(s), "Kunne ikke forhåndsvise rapporten: rapporten finnes ikke lenger") {
		t.Errorf("mode %d:\n%s", s.mode, startView(s))
	}
}

// TestPreviewNoColor draws the report plainly under NO_COLOR: no escape
// sequence at all, and Markdown's own marks to show the structure.
func TestPreviewNoColor(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	out := renderPreview(gjovikReport(t).Printout(nil), 80, true)
	if strings.Contains(out, "\x1b") {
		t.Error("escape sequences under NO_COLOR")
	}
	for _, want := range []string{"# Rapportering i Boligsosialt", "## 0. Generell programinformasjon",
		"### 1.1 Anskaffe og beholde bolig", "**Sum A–C**", "*X = tallet er ikke tilgjengelig;"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in the plain style:\n%s", want, out[:min(len(out), 600)])
		}
	}
}

// TestPreviewKeepsEveryWord: every letter and digit of the printout is in
// the preview, as often as in the file (headings, every table cell, every
// text), at the smallest window and a wide one: only Markdown's marks, the
// tables' lines and where lines break differ.
func TestPreviewKeepsEveryWord(t *testing.T) {
	doc := gjovikReport(t).Printout(nil)
	want := previewLetters(string(doc.Markdown()))
	for _, noColor := range []string{"", "1"} {
		t.Setenv("NO_COLOR", noColor)
		for _, width := range []int{80, 160} {
			out := renderPreview(doc, width, true)
			if got := previewLetters(ansi.Strip(out)); !maps.Equal(got, want) {
				for r, n := range want {
					if got[r] != n {
						t.Errorf("NO_COLOR=%q, %d columns: %q %d times, in the printout %d", noColor, width, r, got[r], n)
					}
				}
			}
			for i, l := range strings.Split(out, "\n") {
				if w := ansi.StringWidth(l); w > width {
					t.Errorf("NO_COLOR=%q, %d columns: line %d is %d wide: %q", noColor, width, i+1, w, l)
				}
			}
		}
	}
}

// previewLetters counts the letters and digits of a text.
func previewLetters(s string) map[rune]int {
	n := map[rune]int{}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n[r]++
		}
	}
	return n
}

func gjovikReport(t *testing.T) *model.Report {
	t.Helper()
	data, err := os.ReadFile("../testdata/gjovik-2012.json")
	if err != nil {
		t.Fatal(err)
	}
	r, err := model.Decode(data, model.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestPreviewShowsEmailOnce: an address reads as typed, once, not as a
// link whose target is printed beside it.
func TestPreviewShowsEmailOnce(t *testing.T) {
	out := ansi.Strip(renderPreview(gjovikReport(t).Printout(nil), 80, true))
	if n := strings.Count(out, "Ola.brenner.jordet@nav.no"); n != 1 || strings.Contains(out, "mailto") {
		t.Errorf("the address shows %d times:\n%s", n, out)
	}
}
