package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"boso/model"
)

// page is one screen of a report: the front page, a form, long texts, a
// table, a final report's answers, or the finalize screen. The report
// screen sends it what it does not handle itself, and keeps the chrome
// (header, footer, help, saving) for every kind alike.
type page interface {
	update(msg tea.Msg) tea.Cmd
	view(height int) string
	// setSize follows the window.
	setSize()
	// focusField moves to a field of this page, false when it has none
	// such; focused names the field in focus, "" when none is.
	focusField(id string) bool
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
	// shortHelp is the page's keys for the footer, most needed first;
	// fullHelp is its own groups in the list of every key, after those of
	// every page.
	shortHelp(k KeyMap) []key.Binding
	fullHelp(k KeyMap) [][]key.Binding
}

// newPage builds the page of section i (len(sections) is the finalize
// screen), fresh: a huh form that was left cannot be resumed, and a fresh
// one shows the answers as they are now.
func newPage(c *common, e *editing, sections []*model.Section, i int) (page, tea.Cmd) {
	if i >= len(sections) {
		return newFinalizeScreen(c, e), nil
	}
	s := sections[i]
	switch {
	case len(s.Fields) == 0:
		return &frontPage{c: c, e: e, s: s}, nil
	case s.Table != nil:
		return newTableScreen(c, e, s), nil
	case e.ReadOnly():
		return newReadOnlyScreen(c, e, s), nil
	case isTextSection(s):
		return newTextScreen(c, e, s), nil
	}
	f := newFormScreen(c, e, s)
	return f, f.init()
}

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
