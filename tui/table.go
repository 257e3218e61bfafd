package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"boso/model"
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
	// commentsNote is the section's note over the comments, wrapped.
	commentsNote []string
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
	// frame remembers the last frame, whose height is known only in view.
	frame tableFrame
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
	// refused says why the number cell's text is no whole count ("-3",
	// "1,5"); the report keeps the text as typed until the user mends it.
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
func newTableScreen(c *common, e *editing, s *model.Section) *tableScreen {
	t := &tableScreen{c: c, e: e, section: s, focus: -1}
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
	t.focusTarget(0)
	return t
}

func (t *tableScreen) newCellTarget(f *model.Field, kind tableTargetKind, row, col int) tableTarget {
	in := newLineInput()
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
	tg := tableTarget{id: f.ID, field: f, kind: kind, row: row, col: col, input: in}
	if kind == tableNumberCell {
		tg.refused = t.keptProblem(f.ID)
	}
	return tg
}

func (t *tableScreen) newTextTarget(f *model.Field, row int) tableTarget {
	ed := newLongTextEditor(t.c, t.e, f.ID)
	// A text not in focus shows its first lines, as it did in the textarea
	// before; SetValue leaves the cursor, and so the view, at the end. The
	// editor has no call to place the cursor: this is the key a user presses.
	ed.Focus()
	ed, _ = ed.Update(tea.KeyPressMsg{Code: tea.KeyHome, Mod: tea.ModCtrl})
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
	t.commentsNote = tableWrap(r.Label(t.section.Note), w)
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
