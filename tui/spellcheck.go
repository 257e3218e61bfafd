package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"boso/model"
	"boso/tui/say"
	"boso/tui/spell"
	"boso/tui/textedit"
)

// maxSuggestions is how many of hunspell's suggestions F7 offers, each on
// a digit key.
const maxSuggestions = 5

// textEditing is a page whose focus may be a long answer's editor, whose
// words F7 walks.
type textEditing interface {
	// focusedEditor returns the editor in focus, nil when the focus is not
	// a long answer; changed is to be called after the editor was changed
	// through the pointer, edited telling whether its text was.
	focusedEditor() (ed *textedit.Model, changed func(edited bool))
}

func (t *textScreen) focusedEditor() (*textedit.Model, func(bool)) {
	if len(t.fields) == 0 {
		return nil, nil
	}
	return &t.fields[t.focus].editor, func(edited bool) {
		if edited {
			t.e.Touch()
		}
	}
}

func (t *tableScreen) focusedEditor() (*textedit.Model, func(bool)) {
	if t.focus < 0 || t.targets[t.focus].kind != tableTextBox {
		return nil, nil
	}
	i := t.focus
	return &t.targets[i].editor, func(edited bool) {
		if edited {
			t.e.Touch()
		}
		t.redrawText(i)
	}
}

// spellWalk is F7 going through the unknown words of the long answer in
// focus, as Word's spelling dialog does: each word with hunspell's
// suggestions, to replace, ignore or add to the user's word list.
type spellWalk struct {
	// waiting is set while hunspell checks the whole text.
	waiting     bool
	word        string
	suggestions []string
}

// spellLookMsg comes right after a page opens: the words of its first
// frame, noted while drawing, are then scheduled for checking, which
// happens on a message.
type spellLookMsg struct{}

func spellLook() tea.Msg { return spellLookMsg{} }

// allowReportWords takes the kommune's name as known in this report.
func allowReportWords(c *common, r *model.Report) {
	for _, w := range strings.FieldsFunc(r.Kommune(), func(r rune) bool { return r == ' ' || r == '-' }) {
		c.spell.Allow(w, w+"s")
	}
}

// startSpelling is F7: the words of the answer in focus are checked, then
// walked from the cursor on.
func (rs *reportScreen) startSpelling() tea.Cmd {
	holder, _ := rs.page.(textEditing)
	var ed *textedit.Model
	if holder != nil {
		ed, _ = holder.focusedEditor()
	}
	switch {
	case ed == nil || rs.e.ReadOnly():
		rs.notice = "Stavekontrollen (f7) går gjennom et langt svar eller en kommentar: gå til en først."
		return nil
	case rs.c.spell.Unavailable() != nil:
		rs.notice = spell.InstallHint
		return nil
	}
	ed.Words(rs.c.spell.Note)
	rs.spelling = &spellWalk{waiting: true}
	return rs.spellChecked()
}

// spellChecked goes on with F7 once hunspell has answered about all the
// words of the text; while words wait, it asks about them now, without
// the delay of checking in the background.
func (rs *reportScreen) spellChecked() tea.Cmd {
	if rs.spelling == nil || !rs.spelling.waiting {
		return nil
	}
	if rs.c.spell.Busy() {
		return rs.c.spell.Check()
	}
	if rs.c.spell.Unavailable() != nil {
		rs.spelling, rs.notice = nil, spell.InstallHint
		return nil
	}
	rs.nextMisspelt()
	return nil
}

// nextMisspelt moves to the next unknown word, or ends the walk.
func (rs *reportScreen) nextMisspelt() {
	holder, _ := rs.page.(textEditing)
	ed, changed := holder.focusedEditor()
	word, ok := ed.FindWord(rs.c.spell.Misspelled)
	changed(false)
	if !ok {
		rs.spelling, rs.notice = nil, "Ingen ukjente ord i teksten."
		return
	}
	s := rs.c.spell.Suggestions(word)
	rs.spelling = &spellWalk{word: word, suggestions: s[:min(len(s), maxSuggestions)]}
}

// spellKey is a key while F7 shows a word: a digit (or enter, for the
// first) replaces it, i ignores it in this session, l adds it to the user's
// word list, esc or f7 ends the walk.
func (rs *reportScreen) spellKey(msg tea.KeyPressMsg) tea.Cmd {
	w := rs.spelling
	name := msg.String()
	if w.waiting {
		if name == "esc" {
			rs.spelling = nil
		}
		return nil
	}
	choice := -1
	switch {
	case name == "enter" && len(w.suggestions) > 0:
		choice = 0
	case len(name) == 1 && name[0] >= '1' && int(name[0]-'1') < len(w.suggestions):
		choice = int(name[0] - '1')
	case name == "i":
		rs.c.spell.Allow(w.word)
	case name == "l":
		cmd := rs.c.spell.Add(w.word)
		rs.nextMisspelt()
		return cmd
	case name == "esc" || keyIs(name, rs.c.keys.Text.Spelling):
		rs.spelling = nil
		return nil
	default:
		return nil
	}
	if choice >= 0 {
		ed, changed := rs.page.(textEditing).focusedEditor()
		if ed.ReplaceWord(w.suggestions[choice]) {
			changed(true)
		}
	}
	rs.nextMisspelt()
	if choice >= 0 {
		return rs.autosave()
	}
	return nil
}

// spellAdded says when the word list could not be written.
func (rs *reportScreen) spellAdded(msg spell.AddedMsg) {
	if msg.Err != nil {
		rs.notice = fmt.Sprintf("Kunne ikke skrive «%s» i ordlisten %s: %s.", msg.Word, rs.c.spell.Path(), say.OS(msg.Err))
	}
}

// spellView is the dialog under the text: the word, the suggestions, the
// keys.
func (rs reportScreen) spellView() []string {
	st := rs.c.styles
	w := rs.spelling
	if w.waiting {
		return []string{st.Label.Render("Stavekontroll:") + " sjekker ordene …  " + st.Dim.Render("esc avbryt")}
	}
	lines := []string{st.Label.Render("Stavekontroll:") + " ukjent ord «" + w.word + "»"}
	for i, s := range w.suggestions {
		lines = append(lines, fmt.Sprintf("  %d %s", i+1, s))
	}
	keys := "i ignorer · l legg til i ordlisten · esc ferdig"
	switch len(w.suggestions) {
	case 0:
		lines = append(lines, "  (ingen forslag)")
	case 1:
		keys = "1/enter bytt ut · " + keys
	default:
		keys = fmt.Sprintf("1–%d bytt ut (enter: 1) · ", len(w.suggestions)) + keys
	}
	return append(lines, st.Dim.Render(keys))
}

// withSpellDialog is the page drawn in the lines the dialog leaves, so that
// it scrolls the word into sight above the dialog, then the dialog.
func (rs reportScreen) withSpellDialog(height int) string {
	dialog := rs.spellView()
	room := max(height-len(dialog)-1, 1)
	page := clipLines(rs.page.view(room), room, rs.c.width)
	if pad := room - lipgloss.Height(page); pad > 0 {
		page += strings.Repeat("\n", pad)
	}
	return page + "\n\n" + strings.Join(dialog, "\n")
}
