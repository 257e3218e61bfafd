package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"boso/model"
)

// page is one screen of a report: the front page, a form, long texts, a
// table, a final report's answers, or the finalize screen. The report
// screen sends it what it does not handle itself, and keeps the chrome
// (header, footer, help, saving) for every kind alike.
type page interface {
	kind() screenKind
	// update takes a message; jumpTo names a field to go to, "" for none.
	update(msg tea.Msg) (cmd tea.Cmd, jumpTo string)
	view(height int) string
	// setSize follows the window.
	setSize()
	// focus moves to a field of this page; focused names the field in
	// focus, "" when none is.
	focus(id string)
	// focusLast focuses the last field, where shift+tab from the next
	// page arrives, as tab arrives at the first.
	focusLast()
	focused() string
	// blur: the user leaves the page, so the focused field counts as left.
	blur()
	// flush writes what the page's editors hold into the report, before it
	// is saved or checked.
	flush()
	// atFirst and atLast tell when shift+tab and tab go on to the
	// neighbouring page instead of to a field of this one.
	atFirst() bool
	atLast() bool
	// typing: the focus takes free text, where ? and x are letters.
	typing() bool
	// note is the status line about the field in focus, "" for none.
	note(w int) string
}

// newPage builds the page of section i (len(sections) is the finalize
// screen), fresh: a huh form that was left cannot be resumed, and a fresh
// one shows the answers as they are now.
func newPage(c *common, e *editing, sections []*model.Section, i int) (page, tea.Cmd) {
	if i >= len(sections) {
		return &finalizePage{newFinalizeScreen(c, e)}, nil
	}
	s := sections[i]
	switch {
	case len(s.Fields) == 0:
		return &frontPage{c: c, e: e, s: s}, nil
	case s.Table != nil:
		p := &tablePage{newTableScreen(c, e, s)}
		p.s.focusFirst()
		return p, nil
	case e.ReadOnly():
		return &readOnlyPage{newReadOnlyScreen(c, e, s)}, nil
	case isTextSection(s):
		return &textPage{newTextScreen(c, e, s)}, nil
	}
	p := &formPage{newFormScreen(c, e, s)}
	return p, p.s.init()
}

type screenKind int

const (
	frontKind screenKind = iota
	formKind
	textKind
	tableKind
	readOnlyKind
	finalizeKind
)

// longTextNote is the status line about a long answer: its label, its
// length and, where it can be changed there, the key to write it in an
// editor of one's own. The label gives way, cut between words, so the
// rest is always read.
func longTextNote(c *common, e *editing, label string, n int, external bool, w int) string {
	// One concatenation each way: this is drawn on every key.
	var rest string
	if external && !e.ReadOnly() {
		help := c.keys.Text.ExternalEditor.Help()
		rest = ": " + countNote(n) + " · " + help.Key + ": " + help.Desc
	} else {
		rest = ": " + countNote(n)
	}
	return fitWords(e.r.Label(label), w-textWidth(rest)) + rest
}

// frontPage is a section without fields: its heading, its introduction,
// the deadline and how much is answered.
type frontPage struct {
	c *common
	e *editing
	s *model.Section
}

func (p *frontPage) kind() screenKind                 { return frontKind }
func (p *frontPage) update(tea.Msg) (tea.Cmd, string) { return nil, "" }
func (p *frontPage) setSize()                         {}
func (p *frontPage) focus(string)                     {}
func (p *frontPage) focusLast()                       {}
func (p *frontPage) focused() string                  { return "" }
func (p *frontPage) blur()                            {}
func (p *frontPage) flush()                           {}
func (p *frontPage) atFirst() bool                    { return true }
func (p *frontPage) atLast() bool                     { return true }
func (p *frontPage) typing() bool                     { return false }
func (p *frontPage) note(int) string                  { return "" }

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

// formPage is a huh form of short answers.
type formPage struct{ s formScreen }

func (p *formPage) kind() screenKind { return formKind }
func (p *formPage) update(msg tea.Msg) (tea.Cmd, string) {
	var cmd tea.Cmd
	p.s, cmd = p.s.update(msg)
	return cmd, ""
}
func (p *formPage) view(int) string { return p.s.view() }
func (p *formPage) setSize()        { p.s.setSize() }
func (p *formPage) focus(id string) { p.s.focusField(id) }
func (p *formPage) focusLast() {
	if n := len(p.s.ids); n > 0 {
		p.s.focusField(p.s.ids[n-1])
	}
}
func (p *formPage) focused() string { return p.s.focused() }
func (p *formPage) blur()           { p.s.e.Leave(p.s.focused()) }
func (p *formPage) flush()          {}
func (p *formPage) atFirst() bool   { return p.s.atFirst() }
func (p *formPage) atLast() bool    { return p.s.atLast() }
func (p *formPage) typing() bool    { return true }
func (p *formPage) note(w int) string {
	f := p.s.e.r.Template.Field(p.s.focused())
	if f == nil || f.Type != model.TypeLongText {
		return ""
	}
	return longTextNote(p.s.c, p.s.e, f.Label, len([]rune(p.s.e.r.Value(f.ID).Text)), false, w)
}

// textPage is a section of long answers, each in boso's own editor.
type textPage struct{ s textScreen }

func (p *textPage) kind() screenKind { return textKind }
func (p *textPage) update(msg tea.Msg) (tea.Cmd, string) {
	var cmd tea.Cmd
	p.s, cmd = p.s.update(msg)
	return cmd, ""
}
func (p *textPage) view(height int) string { return p.s.view(height) }
func (p *textPage) setSize()               { p.s.setSize() }
func (p *textPage) focus(id string)        { p.s.focusField(id) }
func (p *textPage) focusLast() {
	if n := len(p.s.fields); n > 0 {
		p.s.focusField(p.s.fields[n-1].f.ID)
	}
}
func (p *textPage) focused() string { return p.s.focused() }
func (p *textPage) blur()           { p.s.blur() }
func (p *textPage) flush()          { p.s.flush() }
func (p *textPage) atFirst() bool   { return p.s.atFirst() }
func (p *textPage) atLast() bool    { return p.s.atLast() }
func (p *textPage) typing() bool    { return true }
func (p *textPage) note(w int) string {
	if len(p.s.fields) == 0 {
		return ""
	}
	tf := p.s.fields[p.s.focus]
	return longTextNote(p.s.c, p.s.e, tf.f.Label, tf.editor.Len(), true, w)
}

// tablePage is a status table: the grid, and the comments under it.
type tablePage struct{ s tableScreen }

func (p *tablePage) kind() screenKind { return tableKind }
func (p *tablePage) update(msg tea.Msg) (tea.Cmd, string) {
	var cmd tea.Cmd
	p.s, cmd = p.s.update(msg)
	return cmd, ""
}
func (p *tablePage) view(height int) string { return p.s.view(height) }
func (p *tablePage) setSize()               { p.s.setSize() }
func (p *tablePage) focus(id string)        { p.s.focusField(id) }
func (p *tablePage) focusLast()             { p.s.focusTarget(len(p.s.targets) - 1) }
func (p *tablePage) focused() string        { return p.s.focused() }
func (p *tablePage) blur()                  { p.s.blur() }
func (p *tablePage) flush()                 { p.s.flush() }
func (p *tablePage) atFirst() bool          { return p.s.atFirst() }
func (p *tablePage) atLast() bool           { return p.s.atLast() }
func (p *tablePage) typing() bool {
	return p.s.focus >= 0 && p.s.targets[p.s.focus].kind != tableNumberCell
}
func (p *tablePage) note(w int) string {
	if p.s.focus < 0 {
		return ""
	}
	// By pointer: a target holds a text input of about 8 KB, and the note
	// is drawn on every frame.
	switch tg := &p.s.targets[p.s.focus]; {
	case tg.selected:
		// Without colour the selection does not show: the line says it.
		return fitWords("Skriving erstatter "+tg.typed+" · ←/End: endre i tallet", w)
	case tg.kind == tableTextBox:
		return longTextNote(p.s.c, p.s.e, tg.field.Label, tg.editor.Len(), true, w)
	}
	return ""
}

// readOnlyPage is a section of a final report, read only.
type readOnlyPage struct{ s readOnlyScreen }

func (p *readOnlyPage) kind() screenKind { return readOnlyKind }
func (p *readOnlyPage) update(msg tea.Msg) (tea.Cmd, string) {
	var cmd tea.Cmd
	p.s, cmd = p.s.update(msg)
	return cmd, ""
}
func (p *readOnlyPage) view(height int) string { return p.s.view(height) }

// setSize lays the answers out anew for the width, where the user was.
func (p *readOnlyPage) setSize() {
	at := p.s.offset
	p.s = newReadOnlyScreen(p.s.c, p.s.e, p.s.section)
	p.s.offset = at
}
func (p *readOnlyPage) focus(id string) { p.s.focusField(id) }
func (p *readOnlyPage) focusLast() {
	p.s.offset = max(len(p.s.lines)-(p.s.c.height-bodyChrome), 0)
}
func (p *readOnlyPage) focused() string { return "" }
func (p *readOnlyPage) blur()           {}
func (p *readOnlyPage) flush()          {}
func (p *readOnlyPage) atFirst() bool   { return p.s.offset == 0 }
func (p *readOnlyPage) atLast() bool    { return p.s.atEnd(p.s.c.height - bodyChrome) }
func (p *readOnlyPage) typing() bool    { return false }
func (p *readOnlyPage) note(int) string { return "" }

// finalizePage is the last screen: the problems, and making it final.
type finalizePage struct{ s finalizeScreen }

func (p *finalizePage) kind() screenKind { return finalizeKind }
func (p *finalizePage) update(msg tea.Msg) (tea.Cmd, string) {
	var cmd tea.Cmd
	var jumpTo string
	p.s, cmd, jumpTo = p.s.update(msg)
	return cmd, jumpTo
}
func (p *finalizePage) view(height int) string { return p.s.view(height) }
func (p *finalizePage) setSize()               {}
func (p *finalizePage) focus(string)           {}
func (p *finalizePage) focusLast()             { p.s.cursor = max(len(p.s.problems)+len(p.s.notes)-1, 0) }
func (p *finalizePage) focused() string        { return "" }
func (p *finalizePage) blur()                  {}
func (p *finalizePage) flush()                 {}
func (p *finalizePage) atFirst() bool          { return p.s.cursor == 0 }

// atLast is never: tab moves in the list of the last page and goes nowhere else.
func (p *finalizePage) atLast() bool    { return false }
func (p *finalizePage) typing() bool    { return false }
func (p *finalizePage) note(int) string { return "" }
