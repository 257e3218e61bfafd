package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"boso/model"
)

// frontPage is a section without fields: its heading, its introduction,
// the deadline and how much is answered.
type frontPage struct {
	c *common
	e *editing
	s *model.Section
}

// The front page holds no field: tab and shift+tab go straight on.
func (p *frontPage) update(tea.Msg) tea.Cmd { return nil }
func (p *frontPage) setSize()               {}
func (p *frontPage) focusField(string) bool { return false }
func (p *frontPage) focusLast()             {}
func (p *frontPage) focused() string        { return "" }
func (p *frontPage) blur()                  {}
func (p *frontPage) flush()                 {}
func (p *frontPage) atFirst() bool          { return true }
func (p *frontPage) atLast() bool           { return true }
func (p *frontPage) typing() bool           { return false }
func (p *frontPage) note(int) string        { return "" }

func (p *frontPage) shortHelp(k KeyMap) []key.Binding { return pageShortHelp(k, p.e.ReadOnly()) }
func (p *frontPage) fullHelp(KeyMap) [][]key.Binding  { return nil }

func (p *frontPage) view(int) string {
	st, r := p.c.styles, p.e.r
	w := max(p.c.width-2, 20)
	var b strings.Builder
	b.WriteString(st.Title.Render(r.Label(p.s.Heading)) + "\n\n")
	for _, para := range strings.Split(strings.TrimSpace(r.Label(p.s.Intro)), "\n") {
		b.WriteString(lipgloss.NewStyle().Width(w).Render(para) + "\n")
	}
	b.WriteString("\n")
	if d, ok := r.Deadline(); ok {
		note, overdue := model.DeadlineNote(d, p.c.now(), r.State == model.Final)
		if overdue {
			note = st.Overdue.Render(note)
		}
		b.WriteString(st.Label.Render("Frist for denne rapporten: ") + note + "\n")
	}
	answered, total := r.Completion()
	b.WriteString(fmt.Sprintf("%d av %d felt er besvart.\n\n", answered, total))
	last := "f9: kontroll og endelig rapport"
	if p.e.ReadOnly() {
		last = "ctrl+o: gjør til kladd igjen"
	}
	b.WriteString(wrapStyled(st.Dim, "pgdn eller tab: neste side · ctrl+g: gå til en side · "+last, p.c.width))
	return b.String()
}
