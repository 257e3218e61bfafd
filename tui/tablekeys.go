package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"boso/model"
	"boso/tui/spell"
	"boso/tui/textedit"
)

// flush writes every text whose editor changed it into the report, as
// leaving a field does; the report screen calls it before saving.
func (t *tableScreen) flush() {
	for i := range t.targets {
		t.flushTarget(i)
	}
}

func (t *tableScreen) flushTarget(i int) {
	if i < 0 {
		return
	}
	tg := &t.targets[i]
	if tg.kind != tableTextBox || tg.editor.Version() == tg.flushed {
		return
	}
	// Input fails only on a final report, whose editors take no typing.
	_ = t.e.Input(tg.id, tg.editor.Value())
	tg.flushed = tg.editor.Version()
}

// update takes a key, or a message for the focused widget (a paste, a
// cursor blink). Every change goes through editing, which recomputes the
// results, so the next frame shows them.
func (t *tableScreen) update(msg tea.Msg) tea.Cmd {
	t.sync()
	if t.focus < 0 {
		return nil
	}
	km, isKey := msg.(tea.KeyPressMsg)
	_, isPaste := msg.(tea.PasteMsg)
	if done, ok := msg.(textedit.ExternalEditDoneMsg); ok {
		t.externalEditDone(done)
		return nil
	}
	if _, ok := msg.(spell.CheckedMsg); ok {
		// Every text on the screen may have words to mark now.
		for i := range t.targets {
			if t.targets[i].kind == tableTextBox {
				t.redrawText(i)
			}
		}
	}
	if !isKey && !isPaste {
		return t.updateFocused(msg)
	}
	k := t.c.keys
	name := km.String()
	tg := &t.targets[t.focus]
	switch {
	case keyIs(name, k.NextField):
		t.moveFocus(t.focus + 1)
		return nil
	case keyIs(name, k.PrevField):
		t.moveFocus(t.focus - 1)
		return nil
	}
	if tg.kind == tableTextBox {
		if keyIs(name, k.EnterNext) && tg.field.Type != model.TypeLongText {
			t.moveFocus(t.focus + 1)
			return nil
		}
		return t.updateFocused(msg)
	}

	switch {
	case keyIs(name, k.EnterNext):
		t.moveFocus(t.focus + 1)
		return nil
	case keyIs(name, k.Up):
		t.moveInGrid(-1, 0)
		return nil
	case keyIs(name, k.Down):
		t.moveInGrid(1, 0)
		return nil
	case tg.kind == tableNumberCell && tg.selected && keyIs(name, k.Left, k.Right, k.Table.IntoNumber):
		// The first arrow or End goes into the number, to change part of it.
		tg.selected = false
		return nil
	case keyIs(name, k.Left) && (tg.kind == tableNumberCell || tg.input.Position() == 0):
		t.moveInGrid(0, -1)
		return nil
	case keyIs(name, k.Right) && (tg.kind == tableNumberCell || tg.input.Position() == len([]rune(tg.input.Value()))):
		t.moveInGrid(0, 1)
		return nil
	}
	if tg.kind == tableLabelCell {
		return t.updateFocused(msg)
	}
	if t.e.ReadOnly() {
		return nil
	}
	if keyIs(name, k.Table.NotAvailable) {
		tg.input.SetValue("X")
		t.numberEdited(tg)
		return nil
	}
	switch {
	case isPaste || km.Text != "" && km.Mod&^tea.ModShift == 0:
		if tg.selected || tg.typed == "X" {
			// What is typed or pasted into a cell just entered, or over X,
			// replaces it, as in a spreadsheet.
			tg.input.SetValue("")
			tg.selected = false
		}
	case km.Mod.Contains(tea.ModAlt):
		return nil
	case (name == "backspace" || name == "delete") && tg.selected:
		tg.input.SetValue("")
		t.numberEdited(tg)
		return nil
	}
	return t.updateFocused(msg)
}

// updateFocused hands a message to the focused widget: keys it edits with,
// pastes, cursor blinks.
func (t *tableScreen) updateFocused(msg tea.Msg) tea.Cmd {
	if t.focus < 0 {
		return nil
	}
	tg := &t.targets[t.focus]
	km, isKey := msg.(tea.KeyPressMsg)
	// A paste edits like typing: a final report takes none.
	if _, isPaste := msg.(tea.PasteMsg); isPaste && t.e.ReadOnly() {
		return nil
	}
	var cmd tea.Cmd
	switch tg.kind {
	case tableNumberCell:
		if t.e.ReadOnly() && isKey {
			return nil
		}
		tg.input, cmd = tg.input.Update(msg)
		t.numberEdited(tg)
	case tableLabelCell:
		if t.e.ReadOnly() && isKey && !t.movesOnly(km, tg.input.KeyMap.CharacterForward,
			tg.input.KeyMap.CharacterBackward, tg.input.KeyMap.WordForward, tg.input.KeyMap.WordBackward,
			tg.input.KeyMap.LineStart, tg.input.KeyMap.LineEnd) {
			return nil
		}
		before := tg.input.Value()
		tg.input, cmd = tg.input.Update(msg)
		if after := tg.input.Value(); after != before {
			if err := t.e.Input(tg.id, after); err != nil {
				// A final report: an edit got past the keys above.
				tg.input.SetValue(before)
			} else if c := t.rows[tg.row].comment; c >= 0 {
				t.retitle(c)
			}
		}
	case tableTextBox:
		if t.e.ReadOnly() && isKey && !tableEditorMovesOnly(km) {
			return nil
		}
		before := tg.editor.Version()
		tg.editor, cmd = tg.editor.Update(msg)
		if tg.editor.Version() != before {
			// The editor keeps the text; the report gets it when the
			// field is left or saved. The report is changed all the same,
			// so a save is scheduled.
			t.e.Touch()
		}
		t.redrawText(t.focus)
	}
	return cmd
}

// externalEditDone takes the text back from $EDITOR into the editor it was
// opened from; each editor knows its own.
func (t *tableScreen) externalEditDone(msg textedit.ExternalEditDoneMsg) {
	if t.e.ReadOnly() {
		return
	}
	for i := range t.targets {
		tg := &t.targets[i]
		if tg.kind != tableTextBox {
			continue
		}
		before := tg.editor.Version()
		tg.editor, _ = tg.editor.Update(msg)
		if tg.editor.Version() != before {
			t.e.Touch()
			t.redrawText(i)
		}
	}
}

// tableEditorMovesOnly reports whether a key only moves an editor's cursor,
// which a final report still allows: the keys textedit.Model moves with.
func tableEditorMovesOnly(km tea.KeyPressMsg) bool {
	switch km.Keystroke() {
	case "left", "right", "up", "down", "home", "end",
		"ctrl+home", "ctrl+end", "ctrl+left", "ctrl+right",
		"ctrl+a", "ctrl+b", "ctrl+f", "ctrl+p", "ctrl+n",
		// alt+b/f by word, alt+</> to either end; alt+d deletes.
		"alt+b", "alt+f", "alt+<", "alt+>", "alt+left", "alt+right":
		return true
	}
	return false
}

// movesOnly reports whether a key only moves the cursor, which a final
// report still allows.
func (t *tableScreen) movesOnly(km tea.KeyPressMsg, moves ...key.Binding) bool {
	name := km.String()
	for _, b := range moves {
		if keyIs(name, b) {
			return true
		}
	}
	return false
}

// numberEdited stores a number cell's text once the widget changed it.
// Text that is no whole count ("-3", "1,5", a pasted word) is stored as
// typed, so nothing changes behind the user's back and nothing is lost;
// the row's problems say at once why it is no answer yet (refused).
func (t *tableScreen) numberEdited(tg *tableTarget) {
	text := tg.input.Value()
	if text == tg.typed {
		return
	}
	tg.selected = false
	if err := t.e.Input(tg.id, text); err != nil {
		// Fails only on a final report, which takes no typing.
		tg.input.SetValue(tg.typed)
		return
	}
	if refused := t.keptProblem(tg.id); refused != tg.refused {
		// Said at once, and what validation said of the cell when it was
		// left is said again: "-3" mended to "3" is no problem any more.
		tg.refused = refused
		t.e.Refresh()
		t.refreshProblems()
	}
	// The cell regroups thousands as it fills: "12345" reads "12 345"; a
	// space just typed stays, as what follows may not be a digit.
	if v := t.e.r.Value(tg.id); v.Kind != model.Text {
		if shown := model.Format(model.TypeCount, v); shown != text && !strings.HasSuffix(text, " ") {
			tg.input.SetValue(shown)
			tg.input.CursorEnd()
			text = shown
		}
	}
	tg.typed = text
	t.refreshCells()
}

// keptProblem says why a number cell's answer is kept as typed ("-3" is no
// whole count), or "" when it is none: the report holds such text, so the
// cell shows it, and why, on every screen and after a restart.
func (t *tableScreen) keptProblem(id string) string {
	v := t.e.r.Value(id)
	if v.Kind != model.Text {
		return ""
	}
	return model.NumberProblem(model.TypeCount, v.Text)
}

// moveFocus leaves the focused element for target i (wrapping around); the
// field left shows its problem from now on.
func (t *tableScreen) moveFocus(i int) {
	n := len(t.targets)
	if n == 0 {
		return
	}
	i = ((i % n) + n) % n
	if i == t.focus {
		return
	}
	// The text goes in before the field counts as left, so its problem
	// ("explain the X in the comment") is judged on what was typed.
	t.flushTarget(t.focus)
	t.e.Leave(t.focused())
	t.setFocus(i)
	t.refreshProblems()
}

// setFocus moves the input focus without leaving the old field.
func (t *tableScreen) setFocus(i int) {
	wasLabel := t.focus >= 0 && t.targets[t.focus].kind == tableLabelCell
	t.blurTarget()
	t.focus = i
	tg := &t.targets[i]
	switch tg.kind {
	case tableNumberCell:
		// The report is the truth: another screen or an import may have
		// changed the value since the cell was last edited.
		tg.typed, tg.refused = t.e.Show(tg.id), t.keptProblem(tg.id)
		tg.input.SetValue(tg.typed)
		tg.input.CursorEnd()
		tg.input.Focus()
		// A final report takes no typing: nothing to replace.
		tg.selected = tg.typed != "" && !t.e.ReadOnly()
	case tableLabelCell:
		tg.input.SetValue(t.e.r.Value(tg.id).Text)
		tg.input.CursorEnd()
		tg.input.Focus()
	case tableTextBox:
		tg.editor.Focus()
		if !tg.entered {
			tg.entered = true
			tg.editor, _ = tg.editor.Update(tea.KeyPressMsg{Code: tea.KeyEnd, Mod: tea.ModCtrl})
		}
		t.redrawText(i)
	}
	if wasLabel || tg.kind == tableLabelCell {
		// The label being edited is drawn by its input, not by the skeleton.
		t.rebuildGrid()
	}
}

func (t *tableScreen) blurTarget() {
	if t.focus < 0 {
		return
	}
	tg := &t.targets[t.focus]
	switch tg.kind {
	case tableNumberCell, tableLabelCell:
		tg.input.Blur()
	case tableTextBox:
		t.flushTarget(t.focus)
		tg.editor.Blur()
		t.redrawText(t.focus)
	}
}

// moveInGrid moves to the nearest editable cell in a direction: dRow rows
// down or dCol columns right. Computed cells are passed over.
func (t *tableScreen) moveInGrid(dRow, dCol int) {
	from := &t.targets[t.focus]
	if from.row < 0 || from.kind == tableTextBox {
		return
	}
	r, c := from.row+dRow, from.col+dCol
	for r >= 0 && r < len(t.rows) && c >= 0 && c < len(t.rows[r].cells) {
		if target := t.rows[r].cells[c].target; target >= 0 {
			t.moveFocus(target)
			return
		}
		r, c = r+dRow, c+dCol
	}
}

// focusField focuses the element that edits field id, as when the user
// comes back to it or jumps to its problem; the field left is not "left" by
// the user, so it shows no problem for that.
func (t *tableScreen) focusField(id string) bool {
	for i := range t.targets {
		if t.targets[i].id == id {
			t.focusTarget(i)
			return true
		}
	}
	return false
}

// focusTarget focuses the i-th element.
func (t *tableScreen) focusTarget(i int) {
	if i < 0 || i >= len(t.targets) {
		return
	}
	t.sync()
	if t.focus != i {
		t.setFocus(i)
	} else {
		t.refocus()
	}
	t.refreshProblems()
}

// refocus focuses the focused element's widget again after blur.
func (t *tableScreen) refocus() {
	i := t.focus
	t.focus = -1
	t.setFocus(i)
}

// atFirst and atLast tell the report screen when tab should go on to the
// neighbouring screen instead of round the fields of this one.
func (t *tableScreen) atFirst() bool { return t.focus <= 0 }
func (t *tableScreen) atLast() bool  { return t.focus < 0 || t.focus == len(t.targets)-1 }

func (t *tableScreen) focusLast() { t.focusTarget(len(t.targets) - 1) }

// typing: a number cell takes digits and X; a label or a text, any letter.
func (t *tableScreen) typing() bool {
	return t.focus >= 0 && t.targets[t.focus].kind != tableNumberCell
}

func (t *tableScreen) shortHelp(k KeyMap) []key.Binding {
	switch {
	case t.e.ReadOnly():
		return pageShortHelp(k, true)
	case t.typing():
		return []key.Binding{k.NextField, k.Text.Undo, k.Report.NextScreen, k.Report.Jump, k.Back, k.Report.PrevScreen}
	}
	return []key.Binding{k.NextField, k.Table.NotAvailable, k.Report.NextScreen, k.Report.Jump, k.Back, k.Report.PrevScreen}
}

func (t *tableScreen) fullHelp(k KeyMap) [][]key.Binding {
	return [][]key.Binding{{k.Table.NotAvailable, k.EnterNext, k.Table.IntoNumber}, textKeys(k)}
}

// focused is the id of the field under focus, so the report can return to it.
func (t *tableScreen) focused() string {
	if t.focus < 0 {
		return ""
	}
	return t.targets[t.focus].id
}

// blur is for leaving the screen: the field left shows its problem when the
// user comes back.
func (t *tableScreen) blur() {
	t.flush()
	t.e.Leave(t.focused())
	t.blurTarget()
	t.refreshProblems()
}
