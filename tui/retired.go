package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"boso/model"
)

// retiredView is the read-only screen of the answers a report keeps from an
// older version of its template: every answer whole, under its old id, as
// plain lines the terminal can select and copy. An answer goes only when the
// user removes it, and answers the question that follows.
type retiredView struct {
	c      *common
	e      *editing
	ids    []string
	cursor int
}

func newRetiredView(c *common, e *editing) *retiredView {
	return &retiredView{c: c, e: e, ids: e.r.RetiredIDs()}
}

// update takes a key; done closes the screen, and remove names the answer
// the user asked to remove.
func (v *retiredView) update(name string, k KeyMap) (done bool, remove string) {
	switch {
	case keyIs(name, k.Back, k.Report.Retired):
		return true, ""
	case keyIs(name, k.Up, k.PrevField):
		v.cursor = max(v.cursor-1, 0)
	case keyIs(name, k.Down, k.NextField):
		v.cursor = min(v.cursor+1, len(v.ids)-1)
	case keyIs(name, k.Report.RemoveRetired) && !v.e.ReadOnly() && len(v.ids) > 0:
		return false, v.ids[v.cursor]
	}
	return false, ""
}

// removed takes an answer off the screen once it is gone from the report.
func (v *retiredView) removed() {
	v.ids = v.e.r.RetiredIDs()
	v.cursor = min(v.cursor, max(len(v.ids)-1, 0))
}

func (v *retiredView) view(height int) string {
	st := v.c.styles
	w := max(v.c.width, 20)
	lines := []string{st.Title.Render(model.RetiredTitle), ""}
	lines = append(lines, strings.Split(ansi.Wrap(model.RetiredNote, w, ""), "\n")...)
	lines = append(lines, "")
	if len(v.ids) == 0 {
		lines = append(lines, st.Dim.Render("Ingen svar er igjen herfra."))
	}
	top := 0
	for i, id := range v.ids {
		if i == v.cursor {
			top = len(lines)
			lines = append(lines, st.Selected.Render("› "+id))
		} else {
			lines = append(lines, st.Label.Render("  "+id))
		}
		// The answer unindented and unstyled, so that what the terminal
		// copies is the answer and nothing else.
		text := model.Format(model.TypeCount, v.e.r.Retired()[id])
		lines = append(lines, strings.Split(ansi.Wrap(text, w, ""), "\n")...)
		lines = append(lines, "")
	}
	// The chosen answer's heading stays in sight.
	if len(lines) > height && top > height/2 {
		lines = lines[min(top-height/2, len(lines)-height):]
	}
	return strings.Join(lines, "\n")
}

// retiredNotice tells, on opening, that the report keeps such answers.
func retiredNotice(r *model.Report, k KeyMap) string {
	n := r.RetiredCount()
	if n == 0 {
		return ""
	}
	what := "1 svar"
	if n > 1 {
		what = fmt.Sprintf("%d svar", n)
	}
	return fmt.Sprintf("Rapporten har %s fra en eldre utgave av skjemaet; %s viser dem.", what, k.Report.Retired.Help().Key)
}
