package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"boso/model"
	"boso/tui/textedit"
)

// textScreen edits a section of long answers (1.2, delmål A and B, 3, 4.1)
// with our own editor, whose cost per key does not grow with the answer.
// The focused answer gets the room; the others show their first line, so a
// whole section fits in 80×24 and nothing needs a second scroll bar.
type textScreen struct {
	c       *common
	e       *editing
	section *model.Section
	fields  []textField
	focus   int
	// lastYear shows last year's answer under the one being written.
	lastYear bool
	// drawn keeps what stands around the focused editor between keys; it
	// changes only with focus, window size and problems.
	drawn textLayout
}

type textLayoutKey struct {
	focus, width, height, checks int
	lastYear                     bool
}

type textLayout struct {
	key      textLayoutKey
	intro    []string
	heads    [][]string
	previews []string
	room     int
	// last is last year's answer to the focused question, wrapped, when shown.
	last []string
}

// textField is one answer and its editor. The editor owns the text while
// the screen is open; flushed is the editor version last written to the
// report, so the whole text is built only when it is saved or left.
type textField struct {
	f       *model.Field
	editor  textedit.Model
	flushed int
}

func newTextScreen(c *common, e *editing, s *model.Section) *textScreen {
	t := &textScreen{c: c, e: e, section: s, drawn: textLayout{key: textLayoutKey{focus: -1}}}
	for _, f := range s.Fields {
		ed := newLongTextEditor(c, e, f.ID)
		t.fields = append(t.fields, textField{f: f, editor: ed, flushed: ed.Version()})
	}
	t.focusIndex(0)
	return t
}

// isTextSection reports whether every answer of a section is a long text.
func isTextSection(s *model.Section) bool {
	for _, f := range s.Fields {
		if f.Type != model.TypeLongText {
			return false
		}
	}
	return len(s.Fields) > 0
}

func (t *textScreen) focusIndex(i int) {
	if len(t.fields) == 0 {
		return
	}
	t.fields[t.focus].editor.Blur()
	t.focus = i
	t.fields[t.focus].editor.Focus()
	t.setSize()
}

func (t *textScreen) focused() string {
	if len(t.fields) == 0 {
		return ""
	}
	return t.fields[t.focus].f.ID
}

func (t *textScreen) atFirst() bool { return t.focus == 0 }
func (t *textScreen) atLast() bool  { return t.focus == len(t.fields)-1 }

func (t *textScreen) focusField(id string) bool {
	for i, f := range t.fields {
		if f.f.ID == id {
			t.leaveFocused()
			t.focusIndex(i)
			return true
		}
	}
	return false
}

// flush writes every answer whose text changed into the report.
func (t *textScreen) flush() {
	for i := range t.fields {
		tf := &t.fields[i]
		if tf.editor.Version() == tf.flushed {
			continue
		}
		// Input only fails on a final report, which never gets this screen.
		_ = t.e.Input(tf.f.ID, tf.editor.Value())
		tf.flushed = tf.editor.Version()
	}
}

// leaveFocused is the user leaving a field: its text is stored and its
// problem may show.
func (t *textScreen) leaveFocused() {
	t.flush()
	t.e.Leave(t.focused())
}

func (t *textScreen) blur() { t.leaveFocused() }

func (t *textScreen) focusLast() {
	if n := len(t.fields); n > 0 {
		t.focusField(t.fields[n-1].f.ID)
	}
}

func (t *textScreen) typing() bool { return true }

func (t *textScreen) shortHelp(k KeyMap) []key.Binding {
	if t.e.Previous() != nil {
		return []key.Binding{k.NextField, k.Text.Undo, k.Report.LastYear, k.Report.NextScreen, k.Report.Jump, k.Back, k.Report.PrevScreen}
	}
	return []key.Binding{k.NextField, k.Text.Undo, k.Report.NextScreen, k.Report.Jump, k.Back, k.Report.PrevScreen}
}

func (t *textScreen) fullHelp(k KeyMap) [][]key.Binding { return [][]key.Binding{textKeys(k)} }

func (t *textScreen) note(w int) string {
	if len(t.fields) == 0 {
		return ""
	}
	tf := &t.fields[t.focus]
	return longTextNote(t.c, t.e, tf.f.Label, tf.editor.Len(), true, w)
}

func (t *textScreen) update(msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyPressMsg); ok && len(t.fields) > 0 {
		switch {
		case keyIs(km.String(), t.c.keys.Report.LastYear):
			t.lastYear = !t.lastYear
			t.setSize()
			return nil
		case keyIs(km.String(), t.c.keys.NextField) && !t.atLast():
			t.leaveFocused()
			t.focusIndex(t.focus + 1)
			return nil
		case keyIs(km.String(), t.c.keys.PrevField) && !t.atFirst():
			t.leaveFocused()
			t.focusIndex(t.focus - 1)
			return nil
		}
		tf := &t.fields[t.focus]
		before := tf.editor.Version()
		var cmd tea.Cmd
		tf.editor, cmd = tf.editor.Update(msg)
		// Only an edit counts: touching on every message while text is
		// unsaved would push the autosave back for ever.
		if tf.editor.Version() != before {
			t.e.Touch()
		}
		return cmd
	}
	// The text back from $EDITOR, and anything else, goes to every editor:
	// each knows its own.
	var cmds []tea.Cmd
	for i := range t.fields {
		tf := &t.fields[i]
		before := tf.editor.Version()
		var cmd tea.Cmd
		tf.editor, cmd = tf.editor.Update(msg)
		cmds = append(cmds, cmd)
		if tf.editor.Version() != before {
			t.e.Touch()
		}
	}
	return tea.Batch(cmds...)
}

// head is what stands above an answer: its label, and for the focused one
// its help and prompts; a problem shows under the label once left.
func (t *textScreen) head(i int) []string {
	st := t.c.styles
	w := max(t.c.width, 10)
	tf := t.fields[i]
	marker := "  "
	if i == t.focus {
		marker = "▸ "
	}
	// Continuation lines of a long label stand under its first word.
	var lines []string
	for j, l := range strings.Split(lipgloss.NewStyle().Width(w-2).Render(t.e.r.Label(tf.f.Label)), "\n") {
		if j > 0 {
			marker = "  "
		}
		lines = append(lines, marker+st.Label.Render(l))
	}
	if i == t.focus {
		var notes []string
		if tf.f.Help != "" {
			notes = append(notes, t.e.r.Label(tf.f.Help))
		}
		if len(tf.f.Prompts) > 0 {
			notes = append(notes, "• "+strings.Join(t.e.r.Prompts(tf.f), "  • "))
		}
		for _, n := range notes {
			for _, l := range strings.Split(lipgloss.NewStyle().Width(w-2).Render(n), "\n") {
				lines = append(lines, "  "+st.Dim.Render(l))
			}
		}
	}
	if p := t.e.Problem(tf.f.ID); p != "" {
		lines = append(lines, st.Problem.Render(truncate("⚠ "+p, w)))
	}
	return lines
}

// preview is an answer not in focus: its first line, dim.
func (t *textScreen) preview(i int) string {
	tf := t.fields[i]
	text := t.e.r.Value(tf.f.ID).Text
	if tf.editor.Version() != tf.flushed {
		text = tf.editor.Value()
	}
	first, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	if first == "" {
		return t.c.styles.Dim.Render("    (ikke besvart)")
	}
	return t.c.styles.Dim.Render(ansi.Truncate("    "+first, t.c.width, "…"))
}

// layout draws the labels and the other answers' first lines, and gives
// the focused answer the room that is left.
func (t *textScreen) layout() *textLayout {
	k := textLayoutKey{focus: t.focus, width: t.c.width, height: t.c.height, checks: t.e.Checks(), lastYear: t.lastYear}
	if t.drawn.key == k {
		return &t.drawn
	}
	l := &t.drawn
	l.key = k
	l.heads, l.previews = l.heads[:0], l.previews[:0]
	// The section's own words (a delmål's goal) open the screen, as on paper.
	l.intro = nil
	if intro := strings.TrimSpace(t.e.r.Label(t.section.Intro)); intro != "" {
		wrapped := lipgloss.NewStyle().Width(max(t.c.width-1, 10)).Render(intro)
		for _, line := range strings.Split(wrapped, "\n") {
			l.intro = append(l.intro, t.c.styles.Dim.Render(line))
		}
		l.intro = append(l.intro, "")
	}
	used := len(l.intro)
	for i := range t.fields {
		l.heads = append(l.heads, t.head(i))
		l.previews = append(l.previews, "")
		used += len(l.heads[i]) + 1 // the blank line after each answer
		if i != t.focus {
			l.previews[i] = t.preview(i)
			used++
		}
	}
	l.room = max(t.c.height-bodyChrome-used, 3)
	l.last = nil
	if t.lastYear {
		// Last year's answer takes the lower half of the room, at most.
		all := t.lastYearLines()
		n := min(len(all), max(l.room/2, 2))
		l.last = all[:n]
		if n < len(all) {
			l.last[n-1] = t.c.styles.Dim.Render(truncate(strings.TrimRight(ansi.Strip(l.last[n-1]), " …")+" …", max(t.c.width-2, 4)))
		}
		l.room = max(l.room-len(l.last), 3)
	}
	return l
}

// lastYearLines is last year's answer to the focused question, as shown.
func (t *textScreen) lastYearLines() []string {
	st := t.c.styles
	f := t.fields[t.focus].f
	if t.e.Previous() == nil {
		return []string{st.Dim.Render("  Ingen rapport fra i fjor å sammenligne med.")}
	}
	title := "  I fjor"
	if y, ok := t.e.Previous().Year(); ok {
		title += fmt.Sprintf(" (%d)", y)
	}
	text := strings.TrimSpace(t.e.Previous().Value(f.ID).Text)
	if text == "" {
		return []string{st.Dim.Render(title + ": ikke besvart.")}
	}
	lines := []string{st.Dim.Render(title + ":")}
	wrapped := lipgloss.NewStyle().Width(max(t.c.width-4, 10)).Render(text)
	for _, l := range strings.Split(wrapped, "\n") {
		lines = append(lines, st.Dim.Render("  │ "+l))
	}
	return lines
}

func (t *textScreen) setSize() {
	if len(t.fields) == 0 {
		return
	}
	t.fields[t.focus].editor.SetSize(max(t.c.width-2, 10), t.layout().room)
}

func (t *textScreen) view(height int) string {
	l := t.layout()
	var view string
	if len(t.fields) > 0 {
		view = t.fields[t.focus].editor.View()
	}
	// The frame is measured first and written into a buffer of its size:
	// growing the buffer line by line was a third of drawing it.
	size := len(view) + 2*(strings.Count(view, "\n")+1) + len(t.fields)
	for _, part := range [][]string{l.intro, l.last, l.previews} {
		for _, line := range part {
			size += len(line) + 1
		}
	}
	for _, head := range l.heads {
		for _, line := range head {
			size += len(line) + 1
		}
	}
	var b strings.Builder
	b.Grow(size)
	for _, line := range l.intro {
		b.WriteString(line)
		b.WriteByte('\n')
	}
	for i := range t.fields {
		for _, line := range l.heads[i] {
			b.WriteString(line)
			b.WriteByte('\n')
		}
		if i == t.focus {
			for len(view) > 0 {
				line, rest, _ := strings.Cut(view, "\n")
				b.WriteString("  ")
				b.WriteString(line)
				b.WriteByte('\n')
				view = rest
			}
			for _, line := range l.last {
				b.WriteString(line)
				b.WriteByte('\n')
			}
		} else {
			b.WriteString(l.previews[i])
			b.WriteByte('\n')
		}
		if i < len(t.fields)-1 {
			b.WriteByte('\n')
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}
