package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

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
