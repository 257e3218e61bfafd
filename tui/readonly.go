package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"boso/model"
)

// readOnlyScreen shows a section of a final report: every answer under its
// label, scrolled with the arrows.
type readOnlyScreen struct {
	c       *common
	e       *editing
	section *model.Section
	offset  int
	starts  map[string]int
	lines   []string
}

func newReadOnlyScreen(c *common, e *editing, s *model.Section) *readOnlyScreen {
	ro := &readOnlyScreen{c: c, e: e, section: s, starts: map[string]int{}}
	w := max(c.width-2, 20)
	for _, f := range s.Fields {
		ro.starts[f.ID] = len(ro.lines)
		ro.lines = append(ro.lines, c.styles.Label.Render(truncate(e.r.Label(f.Label), w)))
		v := e.Show(f.ID)
		if v == "" {
			v = c.styles.Dim.Render("(ikke besvart)")
		}
		ro.lines = append(ro.lines, strings.Split(lipgloss.NewStyle().Width(w).Render(v), "\n")...)
		ro.lines = append(ro.lines, "")
	}
	return ro
}

func (ro *readOnlyScreen) update(msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(km, ro.c.keys.Up, ro.c.keys.PrevField):
			ro.offset = max(ro.offset-1, 0)
		case key.Matches(km, ro.c.keys.Down, ro.c.keys.NextField):
			ro.offset = min(ro.offset+1, max(len(ro.lines)-1, 0))
		}
	}
	return nil
}

func (ro *readOnlyScreen) focusField(id string) bool {
	at, ok := ro.starts[id]
	if ok {
		ro.offset = at
	}
	return ok
}

// setSize lays the answers out anew for the width, where the user was.
func (ro *readOnlyScreen) setSize() {
	at := ro.offset
	*ro = *newReadOnlyScreen(ro.c, ro.e, ro.section)
	ro.offset = at
}

func (ro *readOnlyScreen) focusLast() {
	ro.offset = max(len(ro.lines)-(ro.c.height-bodyChrome), 0)
}

// focused is none: the answers are read, not edited, so nothing counts as
// left, and nothing is held to flush.
func (ro *readOnlyScreen) focused() string { return "" }
func (ro *readOnlyScreen) blur()           {}
func (ro *readOnlyScreen) flush()          {}
func (ro *readOnlyScreen) atFirst() bool   { return ro.offset == 0 }

// atLast: the last line is in sight.
func (ro *readOnlyScreen) atLast() bool    { return ro.offset+ro.c.height-bodyChrome >= len(ro.lines) }
func (ro *readOnlyScreen) typing() bool    { return false }
func (ro *readOnlyScreen) note(int) string { return "" }

func (ro *readOnlyScreen) shortHelp(k KeyMap) []key.Binding { return pageShortHelp(k, ro.e.ReadOnly()) }
func (ro *readOnlyScreen) fullHelp(KeyMap) [][]key.Binding  { return nil }

func (ro *readOnlyScreen) view(height int) string {
	end := min(ro.offset+height, len(ro.lines))
	return strings.Join(ro.lines[min(ro.offset, end):end], "\n")
}
