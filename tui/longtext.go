package tui

import "boso/tui/textedit"

// newLongTextEditor returns the editor of a long answer: its text, the
// UI's keys, and the undo history the field has had while the report is
// open.
func newLongTextEditor(c *common, e *editing, id string) textedit.Model {
	ed := textedit.New(cursorMark, "")
	ed.KeyMap = c.keys.Text.KeyMap
	ed.SetValue(e.r.Value(id).Text)
	ed.SetHistory(e.history(id))
	ed.SetSpeller(c.spell)
	return ed
}

// history returns a long answer's undo history, made on first use.
func (e *editing) history(id string) *textedit.History {
	h := e.histories[id]
	if h == nil {
		if e.histories == nil {
			e.histories = map[string]*textedit.History{}
		}
		h = textedit.NewHistory()
		e.histories[id] = h
	}
	return h
}
