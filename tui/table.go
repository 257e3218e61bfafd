package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/lipgloss/table"
	"github.com/charmbracelet/x/ansi"

	"boso/model"
	"boso/tui/say"
	"boso/tui/spell"
	"boso/tui/textedit"
)

// tableScreen is the screen of a section with a status table (1.1, the
// priority row, C.1, C.2): the grid laid out like the paper form, one comment
// per row under it, then the section's other texts.
//
// Every keystroke in a cell recomputes the report (editing.input), so the
// grid is drawn from a skeleton that lipgloss/table renders only when the
// layout changes; a keystroke splices the few changed cells into it.
//
// With last year's report at hand the grid has two more columns, dim: last
// year's figure of the row's last input column ("I fjor") and this year's
// minus it ("Endring"), so the case worker sees the trend while typing.
//
// The comments and other texts are our own editors, which hold the text
// while the screen is open: a key costs what is on screen, not the length
// of the answer, and the text goes into the report (a copy of it) only when
// the field is left or the report is saved (flush).
type tableScreen struct {
	c       *common
	e       *editing
	section *model.Section

	columns []model.Column
	rows    []gridRow // the table's rows, then its sum row
	targets []tableTarget
	focus   int // index into targets; -1 when nothing on the screen can take focus

	// lastCol is the grid column compared with last year (the last one the
	// user fills in: 31.12 for 1.1), or 0 when there is no last year.
	lastCol int
	// lastHeader heads last year's column: "I fjor 31.12.2011".
	lastHeader string
	// textBar stands, styled, in front of every line of a text's editor.
	textBar string

	skeleton gridSkeleton
	intro    []string
	note     []string
	// rowHelp is each grid row's help text, wrapped; the space under the grid
	// is as tall as the tallest, so moving between rows never shifts the page.
	rowHelp    [][]string
	helpHeight int
	// rowProblems are the focused row's problems, wrapped; they change only
	// when a field is left, never per keystroke.
	rowProblems []string
	// seenChanges is editing.changes when the cells were last formatted: a
	// change made elsewhere (another screen, an import) shows on the next frame.
	seenChanges int

	ink tableInks
	// frame remembers the last frame: view has a value receiver, and the
	// height is known only there, hence the pointer.
	frame *tableFrame
}

// tableFrame is what one frame leaves for the next.
type tableFrame struct {
	// offset is the first body line shown, so the page moves only as far as
	// the focused element needs.
	offset int
	// size is the frame's length in bytes, so the next one is built in one
	// allocation.
	size int
	// tops is where each text starts in the body, kept from frame to frame
	// so measuring allocates nothing.
	tops []int
}

// gridRow is one row of the grid. cells[0] is the row label, cells[1:] follow
// the table's columns.
type gridRow struct {
	row   model.Row
	isSum bool
	cells []gridCell
	// comment is the target of the row's comment, or -1.
	comment int

	// last is last year's value in column lastCol, and lastShown it as the
	// grid shows it; it is shown only while the row is the same as last
	// year's (model.SameRow: a row the user names, the same area).
	last      model.Value
	lastShown string
	// change is this year's value in lastCol minus last year's, as shown,
	// in a buffer reused from key to key (it changes with every digit
	// typed); changeOf and lastHidden are what it was worked out for.
	change     []byte
	changeOf   model.Value
	changeSet  bool
	lastHidden bool
}

// gridCell is one position of the grid and what it shows.
type gridCell struct {
	id     string // the field shown; "" for a fixed row label
	field  *model.Field
	target int // index into targets, or -1 when the cell cannot be edited
	// value and shown cache the last formatted value, so a keystroke
	// formats only the cells it changed.
	value model.Value
	shown string
}

type tableTargetKind uint8

const (
	tableNumberCell tableTargetKind = iota // a count in the grid
	tableLabelCell                         // a row label the user writes (the priority area)
	tableTextBox                           // a comment or another text of the section
)

// tableTarget is one element that takes focus, in tab order.
type tableTarget struct {
	id    string
	field *model.Field
	kind  tableTargetKind
	row   int // grid row, or -1 for the section's other texts
	col   int // grid column (0 is the label column)

	input textinput.Model // tableNumberCell, tableLabelCell
	// typed is the number cell's text as typed ("1455" stays "1455" until
	// the cell is left; then it shows as "1 455").
	typed string
	// selected is set when a filled number cell is entered: what is typed
	// then replaces its content; an arrow or End first goes into it.
	selected bool
	// refused says why typed is no whole count ("-3", "1,5"); the text
	// stays in the cell, as typed, until the user mends it.
	refused string

	// editor holds a tableTextBox's text while the screen is open; flushed
	// is its version last written to the report, so the whole text is built
	// only when the field is left or the report saved.
	editor  textedit.Model
	flushed int
	// entered is set once the box has had focus on this screen: the first
	// time the cursor goes to the end of the text, so what is typed follows
	// it; after that it stays where the user left it.
	entered bool
	// editorOut is the editor's view, split into lines after every change.
	editorOut []string
	// title and prompts are wrapped to the width; problem is the field's
	// problem, wrapped, once the user has left the field.
	title   []string
	prompts []string
	problem []string
}

// tableInk is a style as the escape codes around a text, so a frame writes
// styled text without rendering a style per cell.
type tableInk struct{ open, close string }

func newTableInk(s lipgloss.Style) tableInk {
	r := s.Inline(true).Render("x")
	i := strings.LastIndexByte(r, 'x')
	return tableInk{open: r[:i], close: r[i+1:]}
}

type tableInks struct {
	dim, label, focused, selected, computed, problem, title tableInk
}

// tableFocusMark stands in front of the focused element: reverse video is lost
// where colours are (NO_COLOR makes lipgloss drop every attribute).
const tableFocusMark = "▸"

// tableProblemMark flags a cell whose problem is listed under the grid.
const tableProblemMark = "!"

// Sizes of the grid, in cells.
const (
	gridCellPadding = 2  // one space either side of a cell's text
	gridMinNumber   = 8  // text width a number column keeps: "-999 999"…
	gridMinLabel    = 16 // …while the labels keep this much before numbers shrink to it
	gridHeaderLines = 2  // number column headers wrap into at most two lines if the width allows
)

// tableTextHeight is the lines a comment or text shows at once; longer ones
// scroll inside it.
const tableTextHeight = 3

// tableTextBar is drawn in front of a text's lines, so the box reads as a
// place to write even while empty.
const tableTextBar = "│ "

// newTableScreen builds the screen of a section with a table, focused on its
// first cell.
func newTableScreen(c *common, e *editing, s *model.Section) tableScreen {
	t := tableScreen{c: c, e: e, section: s, focus: -1, frame: &tableFrame{}}
	st := c.styles
	t.ink = tableInks{
		dim: newTableInk(st.Dim), label: newTableInk(st.Label), focused: newTableInk(st.Focused),
		// A selected number is underlined too: typing replaces it.
		selected: newTableInk(st.Focused.Underline(true)),
		computed: newTableInk(st.Computed), problem: newTableInk(st.Problem), title: newTableInk(st.TableTitle),
	}
	t.textBar = t.ink.dim.open + tableTextBar + t.ink.dim.close
	tmpl := e.r.Template
	if s.Table != nil {
		t.columns = s.Table.Columns
	}
	onGrid := map[string]bool{}
	addRow := func(row model.Row, isSum bool) {
		g := gridRow{row: row, isSum: isSum, comment: -1, cells: make([]gridCell, len(t.columns)+1)}
		g.cells[0] = gridCell{target: -1}
		if row.LabelField != "" {
			g.cells[0] = gridCell{id: row.LabelField, field: tmpl.Field(row.LabelField), target: -1}
			onGrid[row.LabelField] = true
		}
		for i, col := range t.columns {
			id := s.Table.Cell(row, col)
			g.cells[i+1] = gridCell{id: id, field: tmpl.Field(id), target: -1}
			onGrid[id] = true
		}
		t.rows = append(t.rows, g)
	}
	if s.Table != nil {
		for _, row := range s.Table.Rows {
			addRow(row, false)
		}
		if s.Table.Sum != nil {
			addRow(*s.Table.Sum, true)
		}
	}

	// Tab order: the grid row by row, left to right, then the comments, then
	// the rest, as a case worker reads the paper form.
	for r := range t.rows {
		for col := range t.rows[r].cells {
			cell := &t.rows[r].cells[col]
			if cell.field == nil || cell.field.Computed() {
				continue
			}
			kind := tableNumberCell
			if col == 0 {
				kind = tableLabelCell
			}
			cell.target = len(t.targets)
			t.targets = append(t.targets, t.newCellTarget(cell.field, kind, r, col))
		}
	}
	for r := range t.rows {
		id := s.Table.CommentID(t.rows[r].row)
		f := tmpl.Field(id)
		if t.rows[r].isSum || f == nil || f.Section() != s {
			continue
		}
		onGrid[id] = true
		t.rows[r].comment = len(t.targets)
		t.targets = append(t.targets, t.newTextTarget(f, r))
	}
	for _, f := range s.Fields {
		if onGrid[f.ID] || f.Computed() {
			continue
		}
		t.targets = append(t.targets, t.newTextTarget(f, -1))
	}
	if e.Previous() != nil {
		t.loadLastYear(e.Previous())
	}

	t.relayout()
	t.focusFirst()
	return t
}

func (t *tableScreen) newCellTarget(f *model.Field, kind tableTargetKind, row, col int) tableTarget {
	in := textinput.New()
	in.Prompt = ""
	// The cell marks focus itself; a blinking cursor would only cost a
	// timer per keystroke.
	in.Cursor.SetMode(cursor.CursorStatic)
	if kind == tableNumberCell {
		// Typing always goes at the end of a number: the arrows move between
		// cells, so nothing may move the cursor where the cell cannot show it.
		for _, b := range []*key.Binding{
			&in.KeyMap.CharacterForward, &in.KeyMap.CharacterBackward,
			&in.KeyMap.WordForward, &in.KeyMap.WordBackward,
			&in.KeyMap.LineStart, &in.KeyMap.LineEnd,
			&in.KeyMap.NextSuggestion, &in.KeyMap.PrevSuggestion, &in.KeyMap.AcceptSuggestion,
		} {
			b.SetEnabled(false)
		}
	}
	// A label cell is drawn by writeLabelLine, not by the input's view.
	return tableTarget{id: f.ID, field: f, kind: kind, row: row, col: col, input: in}
}

func (t *tableScreen) newTextTarget(f *model.Field, row int) tableTarget {
	ed := newLongTextEditor(t.c, t.e, f.ID)
	// A text not in focus shows its first lines, as it did in the textarea
	// before; SetValue leaves the cursor, and so the view, at the end. The
	// editor has no call to place the cursor: this is the key a user presses.
	ed.Focus()
	ed, _ = ed.Update(tea.KeyMsg{Type: tea.KeyCtrlHome})
	ed.Blur()
	return tableTarget{id: f.ID, field: f, kind: tableTextBox, row: row, col: -1, editor: ed, flushed: ed.Version()}
}

// loadLastYear finds last year's figure for every row, sums included (from
// last year's report computed), and the header of its column.
func (t *tableScreen) loadLastYear(prev *model.Report) {
	// The grid's first column holds the rows' labels.
	t.lastCol = t.e.r.Template.CompareColumn(t.section.Table) + 1
	if t.lastCol == 0 {
		return
	}
	t.lastHeader = model.LastYearHeadingOf(prev, t.columns[t.lastCol-1])
	computed := model.Compute(prev)
	for r := range t.rows {
		g := &t.rows[r]
		id := g.cells[t.lastCol].id
		f := prev.Template.Field(id)
		if f == nil {
			continue
		}
		g.last = prev.Value(id)
		if f.Computed() {
			g.last = computed[id]
		}
		g.lastShown = model.Format(f.Type, g.last)
	}
}

// setSize re-wraps everything to the new width.
func (t *tableScreen) setSize() {
	t.relayout()
}

// relayout rebuilds everything that depends on the width, the reporting year
// or a row label written by the user.
func (t *tableScreen) relayout() {
	w := t.width()
	r := t.e.r
	t.intro = tableWrap(r.Label(t.section.Intro), w)
	t.note = tableWrap(r.Label(t.section.Note), w)
	t.rowHelp = make([][]string, len(t.rows))
	t.helpHeight = 0
	for i, g := range t.rows {
		t.rowHelp[i] = tableWrap(r.Label(g.row.Help), w)
		t.helpHeight = max(t.helpHeight, len(t.rowHelp[i]))
	}
	for i := range t.targets {
		tg := &t.targets[i]
		if tg.kind != tableTextBox {
			continue
		}
		tg.editor.SetSize(max(w-ansi.StringWidth(tableTextBar), 1), tableTextHeight)
		t.retitle(i)
		if len(tg.field.Prompts) > 0 {
			tg.prompts = tableWrap("• "+strings.Join(t.e.r.Prompts(tg.field), "  • "), w-2)
		}
		t.redrawText(i)
	}
	t.rebuildGrid()
	t.refreshCells()
	t.refreshProblems()
}

// rebuildGrid lays the grid out again; a label being typed is drawn by
// writeLabelLine, wrapped to its column.
func (t *tableScreen) rebuildGrid() {
	t.skeleton = t.buildSkeleton()
}

// retitle wraps a text's title: its row's label for a comment, else its own.
func (t *tableScreen) retitle(i int) {
	tg := &t.targets[i]
	title := t.e.r.Label(tg.field.Label)
	if tg.row >= 0 {
		title = t.e.r.RowLabel(t.rows[tg.row].row)
	}
	tg.title = tableWrap(title, t.width()-2)
}

func (t *tableScreen) width() int { return max(t.c.width, 1) }

// redrawText caches a text's view; it changes only through update, focus
// and size.
func (t *tableScreen) redrawText(i int) {
	tg := &t.targets[i]
	tg.editorOut = strings.Split(tg.editor.View(), "\n")
	// Padded to the box, as the textarea before it drew it, so the screen
	// looks as it did.
	w := max(t.width()-ansi.StringWidth(tableTextBar), 1)
	for k, l := range tg.editorOut {
		if n := ansi.StringWidth(l); n < w {
			tg.editorOut[k] = l + strings.Repeat(" ", w-n)
		}
	}
}

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

// refreshCells formats the cells whose value changed since the last time.
func (t *tableScreen) refreshCells() {
	t.seenChanges = t.e.Changes()
	for r := range t.rows {
		for col := 1; col < len(t.rows[r].cells); col++ {
			cell := &t.rows[r].cells[col]
			if cell.field == nil {
				continue
			}
			v := t.e.Value(cell.id)
			shown := cell.shown
			if v != cell.value || shown == "" {
				shown = model.Format(cell.field.Type, v)
			}
			cell.value, cell.shown = v, shown
		}
		if t.lastCol > 0 {
			t.refreshChange(r)
		}
	}
}

// refreshChange works out a row's change since last year, when this year's
// value or the row's area changed.
func (t *tableScreen) refreshChange(r int) {
	g := &t.rows[r]
	hidden := !model.SameRow(t.e.r, t.e.Previous(), g.row)
	now := g.cells[t.lastCol].value
	if g.changeSet && now == g.changeOf && hidden == g.lastHidden {
		return
	}
	g.changeSet, g.changeOf, g.lastHidden = true, now, hidden
	g.change = g.change[:0]
	if !hidden && now.Kind == model.Number && g.last.Kind == model.Number {
		g.change = appendChange(g.change, now.Num-g.last.Num)
	}
}

// appendChange writes a change with its sign, grouped as model.FormatCount
// groups: "+3", "-2", "0", "+1 200". Appending to a kept buffer spares the
// two strings per row a keystroke would otherwise make.
func appendChange(dst []byte, n int64) []byte {
	switch {
	case n > 0:
		dst = append(dst, '+')
	case n < 0:
		dst = append(dst, '-')
		n = -n // counts are bounded far below the edge of int64
	}
	var buf [20]byte
	digits := strconv.AppendInt(buf[:0], n, 10)
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, d)
	}
	return dst
}

// refreshProblems wraps the problems to show; they change only when a field
// is left (editing.leave), so this runs then, not per keystroke.
//
// A cell is too small for a sentence: it shows a mark, the focused row's
// problems are written out under the grid, and the others are counted there.
// A number marked X without a comment also has its problem under the row's
// comment, where the fix goes.
func (t *tableScreen) refreshProblems() {
	w := t.width()
	for i := range t.targets {
		tg := &t.targets[i]
		if tg.kind != tableTextBox {
			continue
		}
		own := t.e.Problem(tg.id)
		tg.problem = tableWrap(own, w)
		if tg.row < 0 {
			continue
		}
		shown := []string{own} // two X on one row explain the comment once
		for _, cell := range t.rows[tg.row].cells[1:] {
			msg := t.e.Problem(cell.id)
			if msg != "" && t.e.Value(cell.id).Kind == model.NotAvailable && !slices.Contains(shown, msg) {
				shown = append(shown, msg)
				tg.problem = append(tg.problem, tableWrap(msg, w)...)
			}
		}
	}
	t.rowProblems = t.rowProblems[:0:0]
	row := t.focusedRow()
	others := 0
	for r := range t.rows {
		for col, cell := range t.rows[r].cells {
			msg := ""
			switch {
			case cell.target >= 0 && t.targets[cell.target].refused != "":
				// Said at once: the user is typing it now.
				msg = t.targets[cell.target].refused
			case cell.target >= 0:
				msg = t.e.Problem(cell.id)
			}
			switch {
			case msg == "":
			case r != row:
				others++
			case col == 0:
				t.rowProblems = append(t.rowProblems, tableWrap(tableProblemMark+" "+t.e.r.Label(cell.field.Label)+": "+msg, w)...)
			default:
				// The field's own label names the row as well as the column.
				t.rowProblems = append(t.rowProblems, tableWrap(tableProblemMark+" "+t.e.r.Label(cell.field.Label)+": "+msg, w)...)
			}
		}
	}
	switch {
	case others == 1:
		t.rowProblems = append(t.rowProblems, tableWrap(tableProblemMark+" 1 annen celle har en mangel; gå til cellen merket "+tableProblemMark+" for å se hva.", w)...)
	case others > 1:
		t.rowProblems = append(t.rowProblems, tableWrap(fmt.Sprintf("%s %d andre celler har mangler; gå til en celle merket %s for å se hva.", tableProblemMark, others, tableProblemMark), w)...)
	}
}

// focusedRow is the grid row the focused element belongs to, or -1.
func (t *tableScreen) focusedRow() int {
	if t.focus < 0 {
		return -1
	}
	return t.targets[t.focus].row
}

// sync catches up with changes made outside this screen's update: another
// screen's edits, a new reporting year, a resize the parent did not pass on.
func (t *tableScreen) sync() {
	if !t.skeleton.fits(t) {
		t.relayout()
		return
	}
	if t.seenChanges != t.e.Changes() {
		t.refreshCells()
	}
}

// update takes a key, or a message for the focused widget (a paste, a
// cursor blink). Every change goes through editing, which recomputes the
// results, so the next frame shows them.
func (t tableScreen) update(msg tea.Msg) (tableScreen, tea.Cmd) {
	t.sync()
	if t.focus < 0 {
		return t, nil
	}
	km, isKey := msg.(tea.KeyMsg)
	if done, ok := msg.(textedit.ExternalEditDoneMsg); ok {
		return t.externalEditDone(done), nil
	}
	if _, ok := msg.(spell.CheckedMsg); ok {
		// Every text on the screen may have words to mark now.
		for i := range t.targets {
			if t.targets[i].kind == tableTextBox {
				t.redrawText(i)
			}
		}
	}
	if !isKey {
		return t.updateFocused(msg)
	}
	k := t.c.keys
	name := km.String()
	tg := &t.targets[t.focus]
	switch {
	case keyIs(name, k.NextField):
		t.moveFocus(t.focus + 1)
		return t, nil
	case keyIs(name, k.PrevField):
		t.moveFocus(t.focus - 1)
		return t, nil
	}
	if tg.kind == tableTextBox {
		if keyIs(name, k.EnterNext) && tg.field.Type != model.TypeLongText {
			t.moveFocus(t.focus + 1)
			return t, nil
		}
		return t.updateFocused(msg)
	}

	switch {
	case keyIs(name, k.EnterNext):
		t.moveFocus(t.focus + 1)
		return t, nil
	case keyIs(name, k.Up):
		t.moveInGrid(-1, 0)
		return t, nil
	case keyIs(name, k.Down):
		t.moveInGrid(1, 0)
		return t, nil
	case tg.kind == tableNumberCell && tg.selected && keyIs(name, k.Left, k.Right, k.Table.IntoNumber):
		// The first arrow or End goes into the number, to change part of it.
		tg.selected = false
		return t, nil
	case keyIs(name, k.Left) && (tg.kind == tableNumberCell || tg.input.Position() == 0):
		t.moveInGrid(0, -1)
		return t, nil
	case keyIs(name, k.Right) && (tg.kind == tableNumberCell || tg.input.Position() == len([]rune(tg.input.Value()))):
		t.moveInGrid(0, 1)
		return t, nil
	}
	if tg.kind == tableLabelCell {
		return t.updateFocused(msg)
	}
	if t.e.ReadOnly() {
		return t, nil
	}
	if keyIs(name, k.Table.NotAvailable) {
		tg.input.SetValue("X")
		t.numberEdited(tg)
		return t, nil
	}
	switch {
	case km.Alt:
		return t, nil
	case km.Type == tea.KeyRunes || km.Type == tea.KeySpace:
		if tg.selected || tg.typed == "X" {
			// What is typed into a cell just entered, or over X, replaces it,
			// as in a spreadsheet.
			tg.input.SetValue("")
			tg.selected = false
		}
	case (km.Type == tea.KeyBackspace || km.Type == tea.KeyDelete) && tg.selected:
		tg.input.SetValue("")
		t.numberEdited(tg)
		return t, nil
	}
	return t.updateFocused(km)
}

// updateFocused hands a message to the focused widget: keys it edits with,
// pastes, cursor blinks.
func (t tableScreen) updateFocused(msg tea.Msg) (tableScreen, tea.Cmd) {
	if t.focus < 0 {
		return t, nil
	}
	tg := &t.targets[t.focus]
	_, isKey := msg.(tea.KeyMsg)
	var cmd tea.Cmd
	switch tg.kind {
	case tableNumberCell:
		if t.e.ReadOnly() && isKey {
			return t, nil
		}
		tg.input, cmd = tg.input.Update(msg)
		t.numberEdited(tg)
	case tableLabelCell:
		if t.e.ReadOnly() && isKey && !t.movesOnly(msg.(tea.KeyMsg), tg.input.KeyMap.CharacterForward,
			tg.input.KeyMap.CharacterBackward, tg.input.KeyMap.WordForward, tg.input.KeyMap.WordBackward,
			tg.input.KeyMap.LineStart, tg.input.KeyMap.LineEnd) {
			return t, nil
		}
		before := tg.input.Value()
		tg.input, cmd = tg.input.Update(msg)
		if after := tg.input.Value(); after != before {
			if err := t.e.Input(tg.id, after); err != nil {
				// A final report: a paste got past the keys above.
				tg.input.SetValue(before)
			} else if c := t.rows[tg.row].comment; c >= 0 {
				t.retitle(c)
			}
		}
	case tableTextBox:
		if t.e.ReadOnly() && isKey && !tableEditorMovesOnly(msg.(tea.KeyMsg)) {
			return t, nil
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
	return t, cmd
}

// externalEditDone takes the text back from $EDITOR into the editor it was
// opened from; each editor knows its own.
func (t tableScreen) externalEditDone(msg textedit.ExternalEditDoneMsg) tableScreen {
	if t.e.ReadOnly() {
		return t
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
	return t
}

// tableEditorMovesOnly reports whether a key only moves an editor's cursor,
// which a final report still allows: the keys textedit.Model moves with.
func tableEditorMovesOnly(km tea.KeyMsg) bool {
	switch km.Type {
	case tea.KeyLeft, tea.KeyRight, tea.KeyUp, tea.KeyDown, tea.KeyHome, tea.KeyEnd,
		tea.KeyCtrlHome, tea.KeyCtrlEnd, tea.KeyCtrlLeft, tea.KeyCtrlRight,
		tea.KeyCtrlA, tea.KeyCtrlB, tea.KeyCtrlF, tea.KeyCtrlP, tea.KeyCtrlN:
		return true
	case tea.KeyRunes:
		// alt+b/f by word, alt+</> to either end; alt+d deletes.
		return km.Alt && !km.Paste && len(km.Runes) == 1 && strings.ContainsRune("bf<>", km.Runes[0])
	}
	return false
}

// movesOnly reports whether a key only moves the cursor, which a final
// report still allows.
func (t *tableScreen) movesOnly(km tea.KeyMsg, moves ...key.Binding) bool {
	name := km.String()
	for _, b := range moves {
		if keyIs(name, b) {
			return true
		}
	}
	return false
}

// numberEdited stores a number cell's text once the widget changed it.
// Text that is no whole count ("-3", "1,5", a pasted word) stays as typed,
// so nothing changes behind the user's back; the report holds no number
// there, and the row's problems say why (refused).
func (t *tableScreen) numberEdited(tg *tableTarget) {
	text := tg.input.Value()
	if text == tg.typed {
		return
	}
	tg.selected = false
	v, err := model.ParseCount(text)
	if err != nil {
		tg.typed = text
		if msg := say.Error(err); msg != tg.refused {
			tg.refused = msg
			t.refreshProblems()
		}
		if !t.e.r.Value(tg.id).IsEmpty() {
			// Fails only on a final report, which takes no typing.
			_ = t.e.Input(tg.id, "")
		}
		t.refreshCells()
		return
	}
	if err := t.e.Input(tg.id, text); err != nil {
		tg.input.SetValue(tg.typed)
		return
	}
	if tg.refused != "" {
		tg.refused = ""
		t.refreshProblems()
	}
	// The cell regroups thousands as it fills: "12345" reads "12 345"; a
	// space just typed stays, as what follows may not be a digit.
	if shown := model.Format(model.TypeCount, v); shown != text && !strings.HasSuffix(text, " ") {
		tg.input.SetValue(shown)
		tg.input.CursorEnd()
		text = shown
	}
	tg.typed = text
	t.refreshCells()
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
		if tg.refused == "" {
			tg.typed = t.e.Show(tg.id)
		}
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
			tg.editor, _ = tg.editor.Update(tea.KeyMsg{Type: tea.KeyCtrlEnd})
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
			t.sync()
			if i != t.focus {
				t.setFocus(i)
			} else {
				t.refocus()
			}
			t.refreshProblems()
			return true
		}
	}
	return false
}

// focusFirst focuses the first element, as when the screen is entered.
func (t *tableScreen) focusFirst() {
	if len(t.targets) == 0 {
		return
	}
	t.sync()
	if t.focus != 0 {
		t.setFocus(0)
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
func (t tableScreen) atFirst() bool { return t.focus <= 0 }
func (t tableScreen) atLast() bool  { return t.focus < 0 || t.focus == len(t.targets)-1 }

// focused is the id of the field under focus, so the report can return to it.
func (t tableScreen) focused() string {
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

// gridSkeleton is the grid as lipgloss/table draws it for one layout, cut
// around the cells that change while the user types.
type gridSkeleton struct {
	// What the layout was made for; see fits.
	width        int
	year         int64
	yearKnown    bool
	editingLabel int      // the grid row whose label is drawn by its input, or -1
	editingLines int      // how many lines that label takes, wrapped
	labels       []string // each row's label answer, for rows whose label is a field

	widths []int // column widths, padding included; [0] is the labels
	lines  []gridLine
	// tooWide is set when even the narrowest columns overflow the window
	// (below the 80 columns the program asks for): lines are cut per frame.
	tooWide bool
}

// gridLine is one line of the grid: fixed text with slots between, where
// cells are written on every frame.
type gridLine struct {
	row   int      // the grid row whose cells go in the slots
	sub   int      // which of the row's lines this is
	texts []string // len(slots)+1 pieces of fixed text around the slots
	slots []int    // the grid column of each slot
}

// fits reports whether the skeleton still matches the screen.
func (g *gridSkeleton) fits(t *tableScreen) bool {
	y, known := t.e.r.Year()
	if g.width != t.width() || g.year != y || g.yearKnown != known || len(g.labels) != len(t.rows) {
		return false
	}
	editing := t.editingLabelRow()
	if g.editingLabel != editing || editing >= 0 && g.editingLines != len(t.labelStarts(g.widths[0])) {
		return false
	}
	for r, row := range t.rows {
		if row.row.LabelField != "" && r != editing && g.labels[r] != t.e.r.Value(row.row.LabelField).Text {
			return false
		}
	}
	return true
}

func (t *tableScreen) editingLabelRow() int {
	if t.focus >= 0 && t.targets[t.focus].kind == tableLabelCell && t.targets[t.focus].input.Focused() {
		return t.targets[t.focus].row
	}
	return -1
}

// buildSkeleton lays the grid out for the width: number columns just wide
// enough for their headers in two lines, the labels the rest, wrapping.
func (t *tableScreen) buildSkeleton() gridSkeleton {
	y, known := t.e.r.Year()
	g := gridSkeleton{width: t.width(), year: y, yearKnown: known, editingLabel: t.editingLabelRow()}
	g.labels = make([]string, len(t.rows))
	for r, row := range t.rows {
		if row.row.LabelField != "" {
			g.labels[r] = t.e.r.Value(row.row.LabelField).Text
		}
	}
	if len(t.rows) == 0 {
		return g
	}

	headers := make([]string, len(t.columns)+1, len(t.columns)+3)
	g.widths = make([]int, len(t.columns)+1, len(t.columns)+3)
	for i, col := range t.columns {
		headers[i+1] = t.e.r.Label(col.Label)
		g.widths[i+1] = gridHeaderWidth(headers[i+1]) + gridCellPadding
	}
	room := func() int {
		used := len(g.widths) + 1 // the borders
		for _, w := range g.widths[1:] {
			used += w
		}
		return g.width - used
	}
	if t.lastCol > 0 {
		// Last year's columns come only where the numbers keep their width
		// and the labels their minimum: Endring goes first, then I fjor,
		// rather than numbers wrapping or shrinking to "###".
		headers = append(headers, t.lastHeader, model.ChangeHeading)
		for _, h := range headers[len(t.columns)+1:] {
			g.widths = append(g.widths, gridHeaderWidth(h)+gridCellPadding)
		}
		// Last year's figures are known: their column fits the widest. A
		// change is as wide as this year's number, and shows "###" like
		// any other number too wide for its cell.
		for _, row := range t.rows {
			g.widths[len(t.columns)+1] = max(g.widths[len(t.columns)+1], ansi.StringWidth(row.lastShown)+gridCellPadding)
		}
		for len(headers) > len(t.columns)+1 && room() < gridMinLabel+gridCellPadding {
			headers, g.widths = headers[:len(headers)-1], g.widths[:len(g.widths)-1]
		}
	}
	// Too narrow: the number columns give way before the labels do.
	for room() < gridMinLabel+gridCellPadding {
		widest := 1
		for i := range g.widths[1:] {
			if g.widths[i+1] > g.widths[widest] {
				widest = i + 1
			}
		}
		if g.widths[widest] <= gridMinNumber+gridCellPadding {
			break
		}
		g.widths[widest]--
	}
	natural := 0
	for r := range t.rows {
		natural = max(natural, ansi.StringWidth(t.e.r.RowLabel(t.rows[r].row)))
	}
	g.widths[0] = max(min(room(), natural+gridCellPadding), 1+gridCellPadding)
	g.tooWide = room() < g.widths[0]

	for i := range headers {
		headers[i] = strings.Join(tableWrap(headers[i], g.widths[i]-gridCellPadding), "\n")
	}
	body := make([][]string, 0, len(t.rows))
	var sum [][]string
	rowHeights := make([]int, len(t.rows))
	for r, row := range t.rows {
		cells := make([]string, len(g.widths))
		if r != g.editingLabel {
			// A hanging indent tells one row's label from the next.
			cells[0] = strings.Join(tableHangingWrap(t.e.r.RowLabel(t.rows[r].row), g.widths[0]-gridCellPadding, 2), "\n")
		} else {
			// The label being typed is drawn line by line in its slots; the
			// row is as tall as it is, so its first word stays in sight.
			g.editingLines = len(t.labelStarts(g.widths[0]))
			cells[0] = strings.Repeat("\n", g.editingLines-1)
		}
		rowHeights[r] = strings.Count(cells[0], "\n") + 1
		if row.isSum {
			sum = append(sum, cells)
		} else {
			body = append(body, cells)
		}
	}

	st := t.c.styles
	// A local, not t.columns: the closures go to lipgloss, and capturing t
	// would move every copy of the screen to the heap, on every key.
	ownColumns := len(t.columns)
	styleFor := func(bold func(row, col int) bool) table.StyleFunc {
		return func(row, col int) lipgloss.Style {
			s := lipgloss.NewStyle().Width(g.widths[col]).Padding(0, 1)
			switch {
			case col > ownColumns:
				// Last year's columns are secondary: dim, headers too.
				s = s.Inherit(st.Dim)
			case bold(row, col):
				s = s.Inherit(st.TableTitle)
			}
			return s
		}
	}
	// Three tables stacked: lipgloss/table cannot wrap headers, nor draw a
	// rule above the sum row alone. Their columns line up as all widths are
	// fixed, and each continues the one above with ├─┼─┤.
	joined := lipgloss.NormalBorder()
	joined.TopLeft, joined.TopRight, joined.MiddleTop = joined.MiddleLeft, joined.MiddleRight, joined.Middle
	part := func(rows [][]string, border lipgloss.Border, closed bool, bold func(row, col int) bool) []string {
		tbl := table.New().Rows(rows...).Border(border).BorderStyle(st.Border).
			BorderBottom(closed).StyleFunc(styleFor(bold))
		return strings.Split(tbl.Render(), "\n")
	}
	noBold := func(int, int) bool { return false }
	header := part([][]string{headers}, lipgloss.NormalBorder(), false, func(int, int) bool { return true })
	g.lines = make([]gridLine, 0, len(header)+len(t.rows)*3+4)
	for _, l := range header {
		g.lines = append(g.lines, gridLine{row: -1, texts: []string{l}})
	}
	// Each part is its top rule, its rows' lines, and maybe the closing rule.
	addRows := func(lines []string, firstRow, rows int) {
		g.lines = append(g.lines, gridLine{row: -1, texts: []string{lines[0]}})
		at := 1
		for r := firstRow; r < firstRow+rows && at < len(lines); r++ {
			for h := 0; h < rowHeights[r] && at < len(lines); h++ {
				switch {
				case h == 0:
					g.lines = append(g.lines, g.cut(lines[at], r, r == g.editingLabel))
				case r == g.editingLabel:
					l := g.cutLabel(lines[at], r)
					l.sub = h
					g.lines = append(g.lines, l)
				default:
					g.lines = append(g.lines, gridLine{row: r, texts: []string{lines[at]}})
				}
				at++
			}
		}
		for ; at < len(lines); at++ {
			g.lines = append(g.lines, gridLine{row: -1, texts: []string{lines[at]}})
		}
	}
	if len(body) > 0 {
		addRows(part(body, joined, len(sum) == 0, noBold), 0, len(body))
	}
	if len(sum) > 0 {
		addRows(part(sum, joined, true, func(_, col int) bool { return col == 0 }), len(body), len(sum))
	}
	return g
}

// cut splits a row's first line around its cells; with label true the label
// cell is a slot too, for the input that edits it.
func (g *gridSkeleton) cut(line string, row int, label bool) gridLine {
	l := gridLine{row: row}
	from, x := 0, 1
	for col, w := range g.widths {
		if col > 0 || label {
			l.texts = append(l.texts, ansi.Cut(line, from, x))
			l.slots = append(l.slots, col)
			from = x + w
		}
		x += w + 1
	}
	l.texts = append(l.texts, ansi.Cut(line, from, ansi.StringWidth(line)))
	return l
}

// cutLabel splits a continuation line of the row whose label is being
// typed around its label cell alone.
func (g *gridSkeleton) cutLabel(line string, row int) gridLine {
	return gridLine{row: row, slots: []int{0},
		texts: []string{ansi.Cut(line, 0, 1), ansi.Cut(line, 1+g.widths[0], ansi.StringWidth(line))}}
}

// labelStarts is where each line of the label being typed starts (in
// runes), wrapped between words to a label column w cells wide; one cell
// of each line is kept for the cursor.
func (t *tableScreen) labelStarts(w int) []int {
	width := max(w-gridCellPadding-len(tableLabelIndent)-1, 1)
	rs := []rune(t.targets[t.focus].input.Value())
	starts := []int{0}
	for start := 0; len(rs)-start > width; {
		end := start + width
		for j := end - 1; j > start; j-- {
			if rs[j] == ' ' {
				end = j + 1
				break
			}
		}
		starts = append(starts, end)
		start = end
	}
	return starts
}

// gridHeaderWidth is the narrowest width, from gridMinNumber, at which a column
// header wraps into at most gridHeaderLines lines.
func gridHeaderWidth(h string) int {
	w := gridMinNumber
	for _, word := range strings.Fields(h) {
		w = max(w, ansi.StringWidth(word))
	}
	for w < ansi.StringWidth(h) && len(tableWrap(h, w)) > gridHeaderLines {
		w++
	}
	return w
}

// tableWrap wraps text to a width, keeping its paragraphs; empty text is no
// lines at all.
func tableWrap(s string, width int) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	width = max(width, 1)
	lines := strings.Split(ansi.Wrap(s, width, ""), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	return lines
}

// tableHangingWrap wraps text with every line after the first indented.
func tableHangingWrap(s string, width, indent int) []string {
	lines := tableWrap(s, width)
	if len(lines) < 2 || width <= indent+1 {
		return lines
	}
	rest := tableWrap(strings.Join(lines[1:], " "), width-indent)
	for i, l := range rest {
		rest[i] = tableSpaces[:indent] + l
	}
	return append(lines[:1], rest...)
}

// tableSpaces is padding to slice from, so a frame allocates none.
var tableSpaces = strings.Repeat(" ", 256)

func tableWriteSpaces(b *strings.Builder, n int) {
	for n > 0 {
		k := min(n, len(tableSpaces))
		b.WriteString(tableSpaces[:k])
		n -= k
	}
}

// writeCell writes grid cell (row, col) exactly as wide as its column.
func (t *tableScreen) writeCell(b *strings.Builder, row, col int) {
	w := t.skeleton.widths[col]
	if col > len(t.columns) {
		t.writeLastYearCell(b, row, col-len(t.columns), w)
		return
	}
	cell := &t.rows[row].cells[col]
	focused := cell.target >= 0 && cell.target == t.focus
	text, ink := cell.shown, tableInk{}
	refused := cell.target >= 0 && t.targets[cell.target].refused != ""
	switch {
	case focused && t.targets[cell.target].selected:
		text, ink = t.targets[cell.target].typed, t.ink.selected
	case focused:
		text, ink = t.targets[cell.target].typed, t.ink.focused
	case refused:
		text = t.targets[cell.target].typed
	case cell.field != nil && cell.field.Computed():
		ink = t.ink.computed
	}
	room := w - gridCellPadding
	n := ansi.StringWidth(text)
	if n > room {
		if focused {
			// The end of what is being typed is what matters while typing.
			text, n = "…"+ansi.TruncateLeft(text, n-room+1, ""), room
		} else {
			// A spreadsheet's sign of a number too wide for its column.
			text, n = strings.Repeat("#", room), room
		}
	}
	b.WriteString(ink.open)
	switch {
	case focused:
		b.WriteString(tableFocusMark)
	case refused || cell.target >= 0 && t.e.Problem(cell.id) != "":
		b.WriteString(ink.close)
		b.WriteString(t.ink.problem.open)
		b.WriteString(tableProblemMark)
		b.WriteString(t.ink.problem.close)
		b.WriteString(ink.open)
	default:
		b.WriteByte(' ')
	}
	tableWriteSpaces(b, room-n)
	b.WriteString(text)
	b.WriteByte(' ')
	b.WriteString(ink.close)
}

// writeLastYearCell writes a row's figure from last year (which 1) or its
// change since (which 2), dim, w cells wide.
func (t *tableScreen) writeLastYearCell(b *strings.Builder, row, which, w int) {
	g := &t.rows[row]
	// Both are digits, signs, spaces or X: as many cells as bytes.
	n := len(g.change)
	switch {
	case g.lastHidden:
		n = 0
	case which == 1:
		n = len(g.lastShown)
	}
	room := w - gridCellPadding
	b.WriteString(t.ink.dim.open)
	b.WriteByte(' ')
	switch {
	case n > room:
		// A spreadsheet's sign of a number too wide for its column.
		for range room {
			b.WriteByte('#')
		}
	default:
		tableWriteSpaces(b, room-n)
		if n > 0 && which == 1 {
			b.WriteString(g.lastShown)
		} else if n > 0 {
			b.Write(g.change)
		}
	}
	b.WriteByte(' ')
	b.WriteString(t.ink.dim.close)
}

// writeLabelLine writes line sub of a row label being typed, with its
// cursor, as wide as the label column: the label wraps between words
// rather than scroll its first word out of sight.
func (t *tableScreen) writeLabelLine(b *strings.Builder, row, sub int) {
	w := t.skeleton.widths[0]
	target := t.rows[row].cells[0].target
	if target < 0 {
		tableWriteSpaces(b, w)
		return
	}
	in := &t.targets[target].input
	starts := t.labelStarts(w)
	rs := []rune(in.Value())
	from, to := len(rs), len(rs)
	if sub < len(starts) {
		from = starts[sub]
	}
	if sub+1 < len(starts) {
		to = starts[sub+1]
	}
	b.WriteByte(' ')
	if sub == 0 {
		b.WriteString(t.ink.focused.open)
		b.WriteString(tableFocusMark)
		b.WriteString(t.ink.focused.close)
		b.WriteByte(' ')
	} else {
		b.WriteString(tableLabelIndent)
	}
	pos, cells := in.Position(), 0
	for i := from; i < to; i++ {
		if i == pos {
			b.WriteString(t.ink.focused.open)
			b.WriteRune(rs[i])
			b.WriteString(t.ink.focused.close)
		} else {
			b.WriteRune(rs[i])
		}
		cells += ansi.StringWidth(string(rs[i]))
	}
	if pos == len(rs) && sub == len(starts)-1 {
		b.WriteString(t.ink.focused.open)
		b.WriteByte(' ')
		b.WriteString(t.ink.focused.close)
		cells++
	}
	tableWriteSpaces(b, max(w-1-len(tableLabelIndent)-cells, 0))
}

// tableLabelIndent is as wide as the focus mark and the space after it.
const tableLabelIndent = "  "

func (t *tableScreen) writeGridLine(b *strings.Builder, l *gridLine) {
	for k, text := range l.texts {
		b.WriteString(text)
		switch {
		case k >= len(l.slots):
		case l.slots[k] == 0:
			t.writeLabelLine(b, l.row, l.sub)
		default:
			t.writeCell(b, l.row, l.slots[k])
		}
	}
}

// tableBody writes the body line by line, keeping only the lines in
// [from, to), and notes where things are so the view can scroll to them.
type tableBody struct {
	b        *strings.Builder // nil while only measuring
	line     int
	from, to int

	gridTop, rowTop, rowEnd, helpEnd int
	focusTop, focusEnd               int
	// tops, when set, gets the first line of every text.
	tops *[]int
}

func (w *tableBody) keep() bool {
	if w.b == nil || w.line < w.from || w.line >= w.to {
		return false
	}
	if w.line > w.from {
		w.b.WriteByte('\n')
	}
	return true
}

func (w *tableBody) add(ink tableInk, prefix, s string) {
	if w.keep() {
		w.b.WriteString(prefix)
		w.b.WriteString(ink.open)
		w.b.WriteString(s)
		w.b.WriteString(ink.close)
	}
	w.line++
}

func (w *tableBody) blank() { w.add(tableInk{}, "", "") }

// writeBody lays the whole body out, top to bottom.
func (t *tableScreen) writeBody(w *tableBody) {
	for _, l := range t.intro {
		w.add(t.ink.dim, "", l)
	}
	if len(t.intro) > 0 {
		w.blank()
	}
	focusRow := t.focusedRow()
	inGrid := t.focus >= 0 && t.targets[t.focus].kind != tableTextBox
	w.gridTop, w.rowTop, w.rowEnd = w.line, w.line, w.line
	for i := range t.skeleton.lines {
		l := &t.skeleton.lines[i]
		if l.row == focusRow && inGrid {
			if w.rowTop == w.gridTop {
				w.rowTop = w.line
			}
			w.rowEnd = w.line + 1
		}
		if w.keep() {
			if t.skeleton.tooWide {
				var line strings.Builder
				t.writeGridLine(&line, l)
				w.b.WriteString(ansi.Truncate(line.String(), t.width(), ""))
			} else {
				t.writeGridLine(w.b, l)
			}
		}
		w.line++
	}
	for _, l := range t.rowProblems {
		w.add(t.ink.problem, "", l)
	}
	var help []string
	if focusRow >= 0 {
		help = t.rowHelp[focusRow]
	}
	for i := 0; i < t.helpHeight; i++ {
		if i < len(help) {
			w.add(t.ink.dim, "", help[i])
		} else {
			w.blank()
		}
	}
	w.helpEnd = w.line
	w.focusTop, w.focusEnd = w.rowTop, w.rowEnd

	comments := false
	for i := range t.targets {
		tg := &t.targets[i]
		if tg.kind != tableTextBox {
			continue
		}
		if tg.row >= 0 && !comments {
			comments = true
			w.blank()
			w.add(t.ink.label, "", "Eventuelle kommentarer")
			for _, l := range t.note {
				w.add(t.ink.dim, "", l)
			}
		}
		w.blank()
		top := w.line
		if w.tops != nil {
			*w.tops = append(*w.tops, top)
		}
		for k, l := range tg.title {
			prefix, ink := "  ", t.ink.label
			if i == t.focus {
				ink = t.ink.focused
				if k == 0 {
					prefix = tableFocusMark + " "
				}
			}
			w.add(ink, prefix, l)
		}
		for _, l := range tg.prompts {
			w.add(t.ink.dim, "  ", l)
		}
		for _, l := range tg.editorOut {
			w.add(tableInk{}, t.textBar, l)
		}
		for _, l := range tg.problem {
			w.add(t.ink.problem, "", l)
		}
		if i == t.focus {
			w.focusTop, w.focusEnd = top, w.line
		}
	}
}

// view draws the body, at most height lines of at most c.width cells,
// scrolled so the focused element is in sight.
func (t tableScreen) view(height int) string {
	if height <= 0 {
		return ""
	}
	// Only a change made outside update makes this rebuild, on this copy.
	t.sync()

	t.frame.tops = t.frame.tops[:0]
	measure := tableBody{tops: &t.frame.tops}
	t.writeBody(&measure)
	offset := t.scrollTo(measure, height)
	// Texts out of sight under the window are counted on its last line, so
	// nobody takes the grid for the whole screen.
	below := t.textsFrom(offset + height)
	if below > 0 && height > 1 {
		offset = t.scrollTo(measure, height-1)
		below = t.textsFrom(offset + height - 1)
	}

	var b strings.Builder
	b.Grow(max(t.frame.size+t.frame.size/8, height*t.width()))
	to := offset + height
	if below > 0 {
		to--
	}
	t.writeBody(&tableBody{b: &b, from: offset, to: to})
	if below > 0 {
		// Written digit by digit: a frame allocates nothing for it.
		b.WriteByte('\n')
		b.WriteString(t.ink.dim.open)
		b.WriteString("↓ ")
		var digits [20]byte
		b.Write(strconv.AppendInt(digits[:0], int64(below), 10))
		b.WriteString(" felt til under tabellen")
		b.WriteString(t.ink.dim.close)
	}
	t.frame.size = b.Len()
	return b.String()
}

// textsFrom counts the texts that start at body line from or below it.
func (t *tableScreen) textsFrom(from int) int {
	n := 0
	for _, top := range t.frame.tops {
		if top >= from {
			n++
		}
	}
	return n
}

// scrollTo returns the first line to show: the previous one if the focused
// element is still in sight, else as little scrolling as brings it in —
// with the grid's header and the row's help when they fit.
func (t *tableScreen) scrollTo(m tableBody, height int) int {
	type span struct{ top, end int }
	var spans [5]span
	want := spans[:0]
	if t.focus >= 0 && t.targets[t.focus].kind != tableTextBox {
		want = append(want, span{0, m.helpEnd}, span{m.gridTop, m.helpEnd}, span{m.gridTop, m.rowEnd}, span{m.rowTop, m.helpEnd})
	}
	want = append(want, span{m.focusTop, m.focusEnd})
	target := want[len(want)-1]
	for _, s := range want {
		if s.end-s.top <= height {
			target = s
			break
		}
	}
	offset := t.frame.offset
	if target.end > offset+height {
		offset = target.end - height
	}
	if target.top < offset {
		offset = target.top
	}
	offset = max(min(offset, m.line-height), 0)
	t.frame.offset = offset
	return offset
}
