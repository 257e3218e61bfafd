package tui

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Every character narrowFits counts as one cell is at most one to
// ansi.StringWidth, so a line it passes is never wider than the window.
func TestNarrowRunesAreAtMostOneCell(t *testing.T) {
	for r := rune(0); r < 0x2600; r++ {
		if narrowRune(r) && ansi.StringWidth(string(r)) > 1 {
			t.Errorf("%U counts as one cell but is %d wide", r, ansi.StringWidth(string(r)))
		}
	}
}

func TestNarrowFitsAgreesWithStringWidth(t *testing.T) {
	red := lipgloss.NewStyle().Foreground(lipgloss.Color("1")).Bold(true)
	lines := []string{
		"",
		"Bolig for vanskeligstilte – 1.1 Tildelinger…",
		red.Render("Søknader behandlet") + " │ " + red.Render("12 345"),
		"╭────────╮ ← ▶ æøå ÆØÅ",
		"e\u0301 combining", "日本語", "emoji 😀", "\x1b]8;;https://x\x1b\\lenke\x1b]8;;\x1b\\",
		strings.Repeat("ø", 30),
	}
	for _, l := range lines {
		w := ansi.StringWidth(l)
		for width := 0; width <= w+2; width++ {
			if narrowFits(l, width) && w > width {
				t.Errorf("narrowFits(%q, %d) = true, but the line is %d wide", l, width, w)
			}
		}
		if got := textWidth(l); got != w {
			t.Errorf("textWidth(%q) = %d, ansi.StringWidth says %d", l, got, w)
		}
		if ansi.Strip(l) == l && !strings.ContainsAny(l, "\u0301日😀") && !narrowFits(l, w) {
			t.Errorf("narrowFits(%q, %d) = false for a line of narrow characters that fits", l, w)
		}
	}
}

// The lines a frame found to fit are taken as fitting in the next only
// when they are the same and the window is as wide: a narrower window or a
// changed line is measured again and cut.
func TestWriteClippedRemembersOnlyWhatStillFits(t *testing.T) {
	red := lipgloss.NewStyle().Foreground(lipgloss.Color("1"))
	long := red.Render(strings.Repeat("ø", 30))
	clip := func(body string, width int, fit *fitLines) []string {
		var b strings.Builder
		writeClipped(&b, body, 10, width, fit)
		return strings.Split(b.String(), "\n")
	}
	var fit fitLines
	body := "kort\n" + long
	if got := clip(body, 40, &fit); got[1] != long {
		t.Fatalf("a line that fits was changed: %q", got[1])
	}
	if got := clip(body, 20, &fit); ansi.StringWidth(got[1]) != 20 || !strings.HasSuffix(ansi.Strip(got[1]), "…") {
		t.Errorf("in a narrower window the line that fitted before is %q, %d wide", got[1], ansi.StringWidth(got[1]))
	}
	clip(body, 40, &fit)
	wider := red.Render(strings.Repeat("ø", 50))
	if got := clip("kort\n"+wider, 40, &fit); ansi.StringWidth(got[1]) != 40 {
		t.Errorf("a line changed in its place was not measured again: %d wide", ansi.StringWidth(got[1]))
	}
}
