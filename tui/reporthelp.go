package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// fitKeys keeps as many of the keys as fit the width, the first ones first,
// and always the last key after them: the help key, which leads to all the
// others, or the key that closes what lies over the page.
func fitKeys(h help.Model, keys []key.Binding, last key.Binding, w int) []key.Binding {
	for n := len(keys); ; n-- {
		fit := append(keys[:n:n], last)
		if n == 0 || ansi.StringWidth(h.ShortHelpView(fit)) <= w {
			return fit
		}
	}
}

// allKeys lists every key, group by group, in two columns where the
// window is wide enough: bubbles' full help puts every group side by side
// and cuts what does not fit 80 columns.
func allKeys(c *common, h reportHelp) string {
	var groups []string
	for _, group := range h.FullHelp() {
		var b strings.Builder
		for _, k := range group {
			if k.Enabled() {
				fmt.Fprintf(&b, "  %-10s %s\n", k.Help().Key, k.Help().Desc)
			}
		}
		groups = append(groups, strings.TrimSuffix(b.String(), "\n"))
	}
	half := len(groups) / 2
	left := strings.Join(groups[:half], "\n\n")
	right := strings.Join(groups[half:], "\n\n")
	// The left column is as wide as its keys need, so the right one gets
	// the rest; one column when both do not fit whole.
	const gap = 4
	leftWidth := lipgloss.Width(left) + gap
	if leftWidth+lipgloss.Width(right) > c.width {
		return strings.Join(groups, "\n\n")
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(leftWidth).Render(left), right)
}

// keyIs is key.Matches for a key already named: key.Matches names the key
// anew for every binding, and a keystroke is checked against a dozen.
func keyIs(name string, bindings ...key.Binding) bool {
	for _, b := range bindings {
		if !b.Enabled() {
			continue
		}
		for _, k := range b.Keys() {
			if k == name {
				return true
			}
		}
	}
	return false
}

// keyHelp is the key help for the state the report screen is in.
func (rs reportScreen) keyHelp() reportHelp {
	return reportHelp{k: rs.c.keys, helpState: helpState{
		page: rs.page, typing: rs.page.typing(), final: rs.e.ReadOnly(), confirm: rs.confirm != "",
		retired: rs.e.r.RetiredCount() > 0, retiredOpen: rs.retired != nil,
		jumpOpen: rs.jump != nil, helpOpen: rs.showHelp, spelling: rs.spelling != nil,
	}}
}

// reportHelp is the key help of a report screen, short and full.
type reportHelp struct {
	k KeyMap
	helpState
}

// helpState is what decides which keys the footer offers.
type helpState struct {
	page page // the page on show, which has keys of its own
	// typing: the focus is in text, where a table offers undo rather than
	// x. The footer is drawn again only when this state changes, so it
	// holds what of the page's state the page's keys follow.
	typing  bool
	final   bool // the report is final: nothing can be typed
	confirm bool // a yes/no question waits for its answer
	retired bool // the report keeps answers of an older version
	// retiredOpen: the screen of those answers is on show.
	retiredOpen bool
	jumpOpen    bool // the jump list lies over the page
	helpOpen    bool // the list of every key lies over the page
	// spelling: F7 walks the words, and takes every key but ctrl+c; the
	// walk's own line under the text names its keys.
	spelling bool
}

// withRetired adds the key to the answers kept from an older version,
// second, when the report has any.
func (h helpState) withRetired(keys []key.Binding, k KeyMap) []key.Binding {
	if !h.retired || len(keys) == 0 {
		return keys
	}
	return append([]key.Binding{keys[0], k.Report.Retired}, keys[1:]...)
}

// ShortHelp is the footer's keys, most needed first: as many as fit the
// width are shown, and closeKey after them (fitKeys).
func (h reportHelp) ShortHelp() []key.Binding {
	k := h.k
	switch {
	case h.confirm:
		return []key.Binding{k.Yes, k.No}
	case h.retiredOpen && h.final:
		return []key.Binding{k.Down, k.Up, relabel(k.Report.Retired, "lukk")}
	case h.retiredOpen:
		return []key.Binding{k.Down, k.Up, relabel(k.Report.RemoveRetired, "fjern svaret"), relabel(k.Report.Retired, "lukk")}
	case h.jumpOpen:
		// The list reads digits as a page's number, not as keys of their own.
		number := key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("0–9", "sidens nummer"))
		choose := key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "velg"))
		return []key.Binding{number, choose, relabel(k.Open, "gå til siden")}
	case h.helpOpen, h.spelling:
		return nil
	}
	return h.withRetired(h.page.shortHelp(k), k)
}

// pageShortHelp is the footer's keys on a page with nothing of its own to
// offer: the front page, a form, a final report's answers and grid.
func pageShortHelp(k KeyMap, final bool) []key.Binding {
	if final {
		return []key.Binding{k.NextField, k.Report.NextScreen, k.Report.Reopen, k.Report.Jump, k.Back, k.Report.PrevScreen}
	}
	return []key.Binding{k.NextField, k.Report.NextScreen, k.Report.Jump, k.Back, k.Report.PrevScreen}
}

// textKeys are the keys of every long answer's editor, for the list of
// every key.
func textKeys(k KeyMap) []key.Binding {
	return []key.Binding{k.Text.Undo, k.Text.Redo, k.Text.ExternalEditor, k.Text.Spelling, k.Text.NewLine}
}

// closeKey is the key the footer always offers after the others: the one
// that closes what lies over the page, else the help.
func (h reportHelp) closeKey() key.Binding {
	switch {
	case h.jumpOpen:
		return relabel(h.k.Back, "lukk")
	case h.spelling:
		return relabel(h.k.Back, "ferdig")
	case h.helpOpen:
		// Any key closes the list of keys; these two are the ones looked for.
		b := h.k.Help
		b.SetHelp("esc/f1", "lukk")
		return b
	}
	return h.k.Help
}

// relabel returns b with another description.
func relabel(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// FullHelp is every key of the page on show, group by group: those of
// every page, then the page's own.
func (h reportHelp) FullHelp() [][]key.Binding {
	return append(everyPageKeys(h.k, h.retired), h.page.fullHelp(h.k)...)
}

// everyPageKeys is the keys of every page of a report, group by group;
// retired adds those of the answers kept from an older version.
func everyPageKeys(k KeyMap, retired bool) [][]key.Binding {
	r := k.Report
	groups := [][]key.Binding{
		{k.NextField, k.PrevField, k.Up, k.Down},
		{r.NextScreen, r.PrevScreen, r.Jump, r.Finalize},
		{r.Save, r.Reopen, r.LastYear, r.Original, k.Back, k.Quit},
		{k.Help, r.AllKeys},
	}
	if retired {
		groups = append(groups, []key.Binding{r.Retired, r.RemoveRetired})
	}
	return groups
}
