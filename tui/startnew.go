package tui

import (
	"slices"
	"strconv"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"boso/model"
	"boso/store"
)

// newReportForm is the small dialog n opens: the kommune and the reporting
// year come first, so every label of the new report is right from its
// first screen, and a second report for the same kommune and year is
// caught before it is made.
type newReportForm struct {
	tmpl    *model.Template
	kommune textinput.Model
	year    textinput.Model
	onYear  bool
	// made is the report the dialog checked, kept while the user is
	// asked whether to make a second one for the kommune and year.
	made *model.Report
}

// Labels of the dialog's two fields, as wide as each other.
const (
	newKommuneLabel = "Kommune:          "
	newYearLabel    = "Rapporteringsår:  "
)

// startNaming opens the dialog for a report in edition t. The kommune is
// the selected report's, the year the one just ended: what a case worker
// most often writes.
func (s startScreen) startNaming(t *model.Template) (startScreen, tea.Cmd) {
	field := func(value string, limit int) textinput.Model {
		in := newLineInput()
		in.CharLimit = limit
		in.SetValue(value)
		return in
	}
	kommune := ""
	if sum, ok := s.selected(); ok {
		kommune = sum.Kommune
	}
	s.naming = newReportForm{tmpl: t, kommune: field(kommune, 100), year: field(strconv.Itoa(s.c.now().Year()-1), 4)}
	s.mode = startNaming
	return s, s.naming.kommune.Focus()
}

func (s startScreen) namingKey(msg tea.KeyPressMsg) (startScreen, tea.Cmd) {
	k := s.keys
	f := &s.naming
	switch {
	case key.Matches(msg, k.back):
		s.mode = startBrowsing
		s.inform("Ingen ny rapport er laget.")
		return s, nil
	// Arrows and tab only: j and k, which move in the list, are letters here.
	case key.Matches(msg, k.format) || slices.Contains([]string{"shift+tab", "up", "down"}, msg.String()):
		f.onYear = !f.onYear
		if f.onYear {
			f.kommune.Blur()
			return s, f.year.Focus()
		}
		f.year.Blur()
		return s, f.kommune.Focus()
	case key.Matches(msg, k.open):
		return s.submitNew()
	}
	var cmd tea.Cmd
	if f.onYear {
		f.year, cmd = f.year.Update(msg)
	} else {
		f.kommune, cmd = f.kommune.Update(msg)
	}
	return s, cmd
}

// submitNew checks the dialog and makes the report, or asks first when
// the file already has one for the kommune and year.
func (s startScreen) submitNew() (startScreen, tea.Cmd) {
	f := &s.naming
	r, err := model.NewNamedReport(f.tmpl, s.c.now(), f.kommune.Value(), f.year.Value())
	if err != nil {
		s.fail("Kunne ikke lage rapporten", err.Error())
		return s, nil
	}
	f.made = r
	s.clearStatus()
	// A second report for the same kommune and year, whatever its edition,
	// is almost always a slip; it is made only when asked twice.
	y, _ := r.Year()
	if sum, found := store.Find(s.reports, r.Kommune(), int(y)); found {
		s.mode, s.target = startConfirmingNew, sum
		return s, nil
	}
	s.mode, s.busy = startBrowsing, true
	return s, s.createReport(r)
}

// namingLines is the dialog as it stands under the list.
func (s startScreen) namingLines(width int) []string {
	st := s.c.styles
	f := s.naming
	lines := []string{st.Header.Render("Ny rapport: hvilken kommune og hvilket år gjelder den?")}
	for _, row := range []struct {
		label string
		in    textinput.Model
	}{{newKommuneLabel, f.kommune}, {newYearLabel, f.year}} {
		lines = append(lines, st.Label.Render(row.label)+inputView(row.in, max(1, width-lipgloss.Width(row.label)-1)))
	}
	return lines
}

// createReport stores the report the dialog made, and opens it.
func (s startScreen) createReport(r *model.Report) tea.Cmd {
	st := s.c.store
	return func() tea.Msg {
		if _, err := store.PutReport(st, r, "", 0); err != nil {
			return startFailedMsg{what: "Kunne ikke lage rapporten", err: err}
		}
		return openReportMsg{id: r.ID}
	}
}
