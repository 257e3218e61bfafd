package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"boso/model"
)

// jumpList is the section index: any screen in a few keys.
type jumpList struct {
	c      *common
	e      *editing
	cursor int
	rows   []string
	// typed holds the digits of a screen number being typed: "1" may be
	// the start of 10, 11 or 12.
	typed string
}

func newJumpList(c *common, e *editing, current int) *jumpList {
	j := &jumpList{c: c, e: e, cursor: current}
	count := map[string]int{}
	for _, p := range model.Validate(e.r) {
		count[p.Section.ID]++
	}
	titleWidth := 0
	for _, s := range e.r.Template.Sections {
		titleWidth = max(titleWidth, ansi.StringWidth(e.r.Label(s.Title)))
	}
	// The counts stand in one column after the longest title that fits.
	titleWidth = min(titleWidth, max(c.width-24, 20))
	for i, s := range e.r.Template.Sections {
		answered, total := e.r.SectionCompletion(s)
		title := truncate(e.r.Label(s.Title), titleWidth)
		row := fmt.Sprintf("%2d  %s", i+1, title+strings.Repeat(" ", titleWidth-ansi.StringWidth(title)))
		if total > 0 {
			row += c.styles.Dim.Render(fmt.Sprintf("  %5s", fmt.Sprintf("%d/%d", answered, total)))
		}
		if n := count[s.ID]; n > 0 {
			row += c.styles.Problem.Render("  " + model.ProblemCount(n))
		}
		j.rows = append(j.rows, row)
	}
	j.rows = append(j.rows, fmt.Sprintf("%2d  Kontroll og endelig rapport", len(j.rows)+1))
	return j
}

// update returns the chosen screen and whether the list is done (-1: cancelled).
func (j *jumpList) update(msg tea.KeyPressMsg, k KeyMap) (int, bool) {
	if msg.Mod == 0 && msg.Text != "" && allDigits(msg.Text) {
		// Digits may come one a key or several in one message: each
		// counts the same.
		for _, r := range msg.Text {
			j.typed += string(r)
			n, _ := strconv.Atoi(j.typed)
			switch {
			case n < 1 || n > len(j.rows):
				j.typed = ""
			case n*10 > len(j.rows):
				// No longer number starts with these digits: go.
				return n - 1, true
			default:
				j.cursor = n - 1
			}
		}
		return 0, false
	}
	switch {
	case key.Matches(msg, k.Up, k.PrevField):
		j.cursor = max(j.cursor-1, 0)
	case key.Matches(msg, k.Down, k.NextField):
		j.cursor = min(j.cursor+1, len(j.rows)-1)
	case key.Matches(msg, k.Open):
		return j.cursor, true
	case key.Matches(msg, k.Back, k.Report.Jump):
		return -1, true
	}
	j.typed = ""
	return 0, false
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func (j *jumpList) view(height int) string {
	st := j.c.styles
	// The cursor stands where a digit goes.
	title := st.Title.Render("Gå til side") + "  "
	if j.typed != "" {
		// The digits so far: "1" may still become 10, 11 or 12.
		title += st.Selected.Render(j.typed) + cursorMark + st.Dim.Render("  (enter for side "+j.typed+")")
	} else {
		title += cursorMark
	}
	lines := []string{title, st.Dim.Render("↑/↓ og enter, eller sidens nummer · esc lukker"), ""}
	for i, r := range j.rows {
		if i == j.cursor {
			lines = append(lines, "› "+st.Selected.Render(r))
		} else {
			lines = append(lines, "  "+r)
		}
	}
	if len(lines) > height {
		first := min(max(j.cursor+3-height+1, 0), len(lines)-height)
		lines = lines[first : first+height]
	}
	return strings.Join(lines, "\n")
}
