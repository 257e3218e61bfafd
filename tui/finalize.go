package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"boso/model"
)

// finalizeScreen lists what finalizing looks at: the mangler, which must
// be put right first, then the merknader (empty narrative texts), which the
// user may confirm and finalize anyway. Choosing one jumps to its field.
type finalizeScreen struct {
	c        *common
	e        *editing
	problems []model.Problem // the mangler
	notes    []model.Problem // the merknader
	cursor   int             // over problems, then notes
}

func newFinalizeScreen(c *common, e *editing) *finalizeScreen {
	problems, notes := model.Check(e.r)
	return &finalizeScreen{c: c, e: e, problems: problems, notes: notes}
}

// item is the cursor's i-th entry: a mangel, then a merknad.
func (f *finalizeScreen) item(i int) model.Problem {
	if i < len(f.problems) {
		return f.problems[i]
	}
	return f.notes[i-len(f.problems)]
}

// update moves through the list.
func (f *finalizeScreen) update(msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	n := len(f.problems) + len(f.notes)
	if !ok || n == 0 || f.e.ReadOnly() {
		return nil
	}
	switch k := f.c.keys; {
	case key.Matches(km, k.Up, k.PrevField):
		f.cursor = max(f.cursor-1, 0)
	case key.Matches(km, k.Down, k.NextField):
		f.cursor = min(f.cursor+1, n-1)
	}
	return nil
}

// setSize has nothing to do: the list is wrapped as it is drawn.
func (f *finalizeScreen) setSize() {}

// focusField and focused: the list holds no fields; the report screen
// leaves this page for the field chosen.
func (f *finalizeScreen) focusField(string) bool { return false }
func (f *finalizeScreen) focused() string        { return "" }
func (f *finalizeScreen) focusLast()             { f.cursor = max(len(f.problems)+len(f.notes)-1, 0) }
func (f *finalizeScreen) blur()                  {}
func (f *finalizeScreen) flush()                 {}
func (f *finalizeScreen) atFirst() bool          { return f.cursor == 0 }

// atLast is never: tab moves in the list of the last page and goes nowhere else.
func (f *finalizeScreen) atLast() bool    { return false }
func (f *finalizeScreen) typing() bool    { return false }
func (f *finalizeScreen) note(int) string { return "" }

func (f *finalizeScreen) shortHelp(k KeyMap) []key.Binding {
	switch {
	case f.e.ReadOnly():
		return []key.Binding{k.Report.Reopen, k.Report.PrevScreen, k.Report.Jump, k.Back}
	case len(f.problems) > 0:
		// f9 cannot finalize yet: it takes the user to the first problem.
		return []key.Binding{k.Finalize.GoTo, relabel(k.Report.Finalize, "første mangel"), k.Report.PrevScreen, k.Report.Jump, k.Back}
	}
	return []key.Binding{relabel(k.Report.Finalize, "gjør endelig"), k.Report.PrevScreen, k.Report.Jump, k.Back}
}

func (f *finalizeScreen) fullHelp(k KeyMap) [][]key.Binding {
	return [][]key.Binding{{k.Finalize.GoTo}}
}

// chosen is the field of the entry under the cursor, to jump to; "" when
// there is none, or the report is final.
func (f *finalizeScreen) chosen() string {
	if len(f.problems)+len(f.notes) == 0 || f.e.ReadOnly() {
		return ""
	}
	return f.item(f.cursor).FieldID
}

func (f *finalizeScreen) view(height int) string {
	st := f.c.styles
	w := f.c.width
	wrap := lipgloss.NewStyle().Width(max(w-1, 20))
	var head strings.Builder
	switch {
	case f.e.ReadOnly():
		at := ""
		if f.e.r.FinalizedAt != nil {
			at = " " + f.e.r.FinalizedAt.Local().Format("02.01.2006 15:04")
		}
		head.WriteString(st.Title.Render("Rapporten er endelig"+at+".") + "\n")
		head.WriteString(st.Dim.Render(wrap.Render(
			"Den kan eksporteres fra rapportlisten (e). ctrl+o gjør den til kladd igjen.")) + "\n")
		return head.String()
	case len(f.problems) == 0 && len(f.notes) == 0:
		head.WriteString(st.Title.Render("Ingen mangler.") + "\n\n")
		head.WriteString(wrap.Render(
			"Rapporten er klar. Trykk f9 for å gjøre den endelig; da kan den ikke endres før den åpnes igjen som kladd.") + "\n")
		return head.String()
	case len(f.problems) == 0:
		head.WriteString(st.Title.Render("Ingen mangler, men "+model.NoteCount(len(f.notes))+".") + "\n")
		head.WriteString(wrapStyled(st.Dim, "Tomme tekster stopper ikke rapporten, men Husbanken ber om dem. "+
			"↑/↓ velg · enter gå til feltet · f9 gjør endelig likevel", w-1) + "\n\n")
	default:
		title := model.ProblemCount(len(f.problems)) + " må rettes før rapporten kan gjøres endelig."
		if len(f.notes) > 0 {
			title += " " + model.NoteCount(len(f.notes)) + " i tillegg."
		}
		head.WriteString(wrapStyled(st.Title, title, w-1) + "\n")
		head.WriteString(st.Dim.Render("↑/↓ velg · enter gå til feltet · f9 går til den første") + "\n\n")
	}
	lines := []string{}
	starts := make([]int, len(f.problems)+len(f.notes))
	section := ""
	for i := range starts {
		p, note := f.item(i), i >= len(f.problems)
		if i == len(f.problems) && i > 0 {
			lines = append(lines, "", st.Title.Render("Merknader – rapporten kan gjøres endelig likevel"))
			section = ""
		}
		if t := f.e.r.Label(p.Section.Title); t != section {
			section = t
			lines = append(lines, st.Label.Render(section))
		}
		starts[i] = len(lines)
		marker := "  "
		label := truncate(p.Label, w-4)
		if i == f.cursor {
			marker = "› "
			label = st.Selected.Render(label)
		}
		lines = append(lines, marker+label)
		msgStyle := st.Problem
		if note {
			msgStyle = st.Dim
		}
		for _, l := range strings.Split(lipgloss.NewStyle().Width(max(w-6, 10)).Render(p.Message), "\n") {
			lines = append(lines, "    "+msgStyle.Render(l))
		}
	}
	room := max(height-lipgloss.Height(head.String()), 1)
	first := 0
	if starts[f.cursor]+3 > room {
		first = starts[f.cursor] + 3 - room
	}
	end := min(first+room, len(lines))
	return head.String() + strings.Join(lines[first:end], "\n")
}

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
