package tui

import (
	"strings"
	"testing"
)

// TestHelpShowsEveryKeyWhole: f1 lists each key with its whole description
// at 80 columns and wider; at 80 the right column cut "åpne originalen etter
// en kopi" to "etter en ko".
func TestHelpShowsEveryKeyWhole(t *testing.T) {
	for _, width := range []int{80, 100, 120} {
		d := newDriver(t, width, 30)
		d.newReport()
		d.goToSection("1.2")
		d.key("f1")
		screen := d.screen()
		for _, group := range d.report().keyHelp().FullHelp() {
			for _, k := range group {
				if k.Enabled() && !strings.Contains(screen, k.Help().Desc) {
					t.Errorf("at %d columns the key list cuts %s %q:\n%s", width, k.Help().Key, k.Help().Desc, screen)
				}
			}
		}
	}
}
