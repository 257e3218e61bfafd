package tui

import (
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// On a light background the answers of a form are as readable as on a dark
// one: huh gives only the focused input its theme, and left the others in
// bubbles' grey for dark backgrounds (ANSI white), which a white terminal
// all but hides.
func TestFormAnswersReadableOnALightBackground(t *testing.T) {
	d := newDriver(t, 80, 40)
	d.send(tea.BackgroundColorMsg{Color: color.White})
	d.typeText("n")
	d.key("ctrl+u")
	d.typeText("Gjøvik kommune")
	d.key("enter")
	d.waitReport()
	d.goToSection("info")
	d.key("tab")
	d.key("tab")
	d.typeText("Ola Brenner Jordet")
	d.key("tab")
	for _, answer := range []string{"> Gjøvik kommune", "> Ola Brenner Jordet"} {
		found := false
		for _, line := range strings.Split(d.m.View().Content, "\n") {
			plain := ansi.Strip(line)
			i := strings.Index(plain, answer)
			if i < 0 {
				continue
			}
			found = true
			if look := lookAt(line, ansi.StringWidth(plain[:i])); look.foreground == 37 || look.foreground == 97 {
				t.Errorf("%q is drawn in ANSI white on a light background: %q", answer, line)
			}
		}
		if !found {
			t.Errorf("%q is not on the screen:\n%s", answer, d.screen())
		}
	}
}
