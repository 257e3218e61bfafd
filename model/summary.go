package model

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// This file is Husbanken's view over many municipalities (`boso summary
// FILE…`): many exports are read, grouped by reporting year, and every
// status table of the template is laid out with one row per kommune and a
// total row. Which fields are shown comes from the template's tables, and
// every computed figure comes from Compute, so a new edition of the form is
// summarised without a change here.

// SummaryFormatID names the machine-readable summary that Summary.JSON
// writes; an incompatible change gets a new id, as the export format does.
const SummaryFormatID = "boso.summary.v1"

// SummaryInput is one file given to `boso summary`: its name and bytes.
type SummaryInput struct {
	Name string
	Data []byte
}

// Skipped is a file left out of the summary, with one Norwegian sentence why.
// Reason is the sentence's predicate without the file name and without the
// full stop ("er ikke gyldig JSON (…)", "har samme kommune og år som a.json
// (…)"), the same shape as the import's refusals, so that a caller may print
// it after the name as it likes; String gives the whole sentence.
type Skipped struct {
	Name   string
	Reason string
}

// String is the whole sentence: the file's name, the reason and a full stop.
func (s Skipped) String() string { return summName(s.Name) + " " + s.Reason + "." }

// Summary is the status tables and C.1/C.2 over many exports, per year: every
// kommune and the totals.
type Summary struct {
	// Years holds one entry per reporting year, oldest first. Reports of
	// different templates in one year are kept apart (one entry each, sorted
	// by template id), because their tables need not have the same fields.
	Years []SummaryYear
	// Skipped lists the files left out, in the order they were given.
	Skipped []Skipped
}

// SummaryYear is one reporting year of one template: its tables, one row per
// kommune and the totals of every column.
type SummaryYear struct {
	Year     int64
	Template *Template
	// Tables are the template's status tables in form order (for
	// arsrapport-2012: 1.1, the priority area, C.1 and C.2).
	Tables []SummaryTable
	// Kommuner are sorted by name in Norwegian alphabetical order (æ, ø, å last).
	Kommuner []SummaryRow
	// Totals holds, for every column's field id, the sum over the kommuner.
	Totals map[string]Total
}

// SummaryTable is one status table of the template, as summary columns.
type SummaryTable struct {
	ID    string // the template section's id: "1.1", "2.C.1"
	Title string // the section's title with the year filled in
	// LabelFields are text fields that name a row per kommune (the priority
	// area, 1.1.prioritert.omrade); they are shown as text beside the numbers.
	LabelFields []string
	Columns     []SummaryColumn
}

// SummaryColumn is one cell of the template's table, which becomes one column
// of the summary: field ID holds the value of every kommune.
type SummaryColumn struct {
	ID       string    // the field id, "1.1.A.start"
	Type     FieldType // the field's type, for formatting
	Computed bool      // derived by Compute, never typed in
	RowID    string    // the template row, "1.1.A"
	Row      string    // a short code of the row for a column header: "A", "sum", "a"
	RowLabel string    // the row's label with the year filled in, without its code
	Key      string    // the template column's key: "start", "antall"
	KeyLabel string    // the template column's label with the year filled in
}

// SummaryRow is one kommune's report in a year.
type SummaryRow struct {
	Kommune  string // as written in the report, with runs of white space made one space
	File     string // the name of the file it came from
	ReportID string
	State    State
	// Values holds every column's value: answers as answered (Empty when not
	// answered, NotAvailable for X) and computed fields as Compute derives them.
	Values map[string]Value
	// Labels holds the text of every table's label fields ("" when not answered).
	Labels map[string]string
}

// Draft reports whether the row comes from a report that is not final;
// Husbanken may receive drafts, so they are summarised but marked.
func (r SummaryRow) Draft() bool { return r.State != Final }

// Total is a column's sum over the kommuner of a year. It is the column's
// total only when every kommune had a number (Complete); otherwise it is not
// available, but Sum still holds the partial sum over the Count kommuner that
// had one, so Husbanken sees how far the figures go.
type Total struct {
	Sum   int64 // over the kommuner that had a number
	Count int   // kommuner that had a number
	NA    int   // kommuner whose value is not available (X); the rest had none yet
	Of    int   // kommuner in the year
}

// Complete reports whether every kommune had a number.
func (t Total) Complete() bool { return t.Count == t.Of && t.Of > 0 }

// String shows the total the Norwegian way: "1 455" when complete, "1 455 (3
// av 4)" when only some kommuner had a number, and when none had, "X (0 av
// 4)" if one of them is X, else "— (0 av 4)".
func (t Total) String() string {
	if t.Complete() {
		return FormatCount(t.Sum)
	}
	return fmt.Sprintf("%s (%d av %d)", t.figure(), t.Count, t.Of)
}

// figure is the total's own cell: the (partial) sum, or when no kommune had
// a number the mark of what they had: X when one is not available, "—" when
// none has answered.
func (t Total) figure() string {
	switch {
	case t.Count > 0:
		return FormatCount(t.Sum)
	case t.NA > 0:
		return "X"
	}
	return "—"
}

// Drafts counts the year's rows that come from drafts.
func (y SummaryYear) Drafts() int {
	n := 0
	for _, r := range y.Kommuner {
		if r.Draft() {
			n++
		}
	}
	return n
}

// Summarize reads every input as `boso import` would (Decode, so every
// refusal of the import applies) and lays the reports out per year. A file
// that does not decode, lacks kommune or year, or has the same kommune (case
// and white space aside), year and template as an earlier file in the order
// given is skipped with a reason; the rest are still summarised. The skipped
// files are returned and also kept in Summary.Skipped for the Markdown and
// JSON output. A nil registry means the built-in templates.
//
// Reading is most of the work (1 068 full exports are some 30 MB of JSON), so
// files are decoded on every CPU at once; what is kept and what is skipped is
// then decided in the order given, so the result does not depend on timing.
func Summarize(inputs []SummaryInput, reg *Registry) (Summary, []Skipped) {
	if reg == nil {
		reg = Builtin()
	}
	// The fields a report's row holds depend only on its template; the
	// labels (which carry the year) are made per year below.
	layout := map[*Template][]SummaryTable{}
	for _, t := range reg.Templates() {
		layout[t] = summTables(t, 0)
	}
	read := make([]summRead, len(inputs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(inputs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A Computer is not safe for concurrent use: one per worker.
			comp := NewComputer()
			for i := int(next.Add(1) - 1); i < len(inputs); i = int(next.Add(1) - 1) {
				read[i] = summReadOne(inputs[i], reg, layout, comp)
			}
		}()
	}
	wg.Wait()

	type groupKey struct {
		year int64
		tmpl string
	}
	type dupKey struct {
		groupKey
		kommune string
	}
	var s Summary
	groups := map[groupKey]*SummaryYear{}
	seen := map[dupKey]string{}
	for i, in := range inputs {
		rd := read[i]
		if rd.reason != "" {
			s.Skipped = append(s.Skipped, Skipped{Name: in.Name, Reason: rd.reason})
			continue
		}
		gk := groupKey{rd.year, rd.tmpl.ID}
		dk := dupKey{gk, strings.ToLower(rd.row.Kommune)}
		if earlier, dup := seen[dk]; dup {
			s.Skipped = append(s.Skipped, Skipped{Name: in.Name,
				Reason: fmt.Sprintf("har samme kommune og år som %s (%s, %d)", summName(earlier), clip(rd.row.Kommune), rd.year)})
			continue
		}
		seen[dk] = in.Name
		g := groups[gk]
		if g == nil {
			g = &SummaryYear{Year: rd.year, Template: rd.tmpl, Tables: summTables(rd.tmpl, rd.year)}
			groups[gk] = g
		}
		g.Kommuner = append(g.Kommuner, rd.row)
	}
	for _, g := range groups {
		sort.SliceStable(g.Kommuner, func(i, j int) bool {
			a, b := summSortKey(g.Kommuner[i].Kommune), summSortKey(g.Kommuner[j].Kommune)
			if a != b {
				return a < b
			}
			return g.Kommuner[i].File < g.Kommuner[j].File
		})
		g.Totals = summTotals(g)
		s.Years = append(s.Years, *g)
	}
	sort.Slice(s.Years, func(i, j int) bool {
		if s.Years[i].Year != s.Years[j].Year {
			return s.Years[i].Year < s.Years[j].Year
		}
		return s.Years[i].Template.ID < s.Years[j].Template.ID
	})
	return s, s.Skipped
}

// summRead is what one file gives: a row for its year, or why it is skipped.
// Only the row is kept, not the report, so reading many files holds little.
type summRead struct {
	reason string
	tmpl   *Template
	year   int64
	row    SummaryRow
}

func summReadOne(in SummaryInput, reg *Registry, layout map[*Template][]SummaryTable, comp *Computer) summRead {
	r, err := Decode(in.Data, reg)
	if err != nil {
		return summRead{reason: err.Error()}
	}
	kommune := summCollapse(r.Kommune())
	year, hasYear := r.Year()
	if reason := summMissing(r.Template, kommune != "", hasYear); reason != "" {
		return summRead{reason: reason}
	}
	return summRead{tmpl: r.Template, year: year,
		row: summRow(r, in.Name, kommune, layout[r.Template], comp.Compute(r))}
}

// summMissing says which of kommune and year a report lacks, naming the
// fields as the form labels them, or "" when it has both.
func summMissing(t *Template, hasKommune, hasYear bool) string {
	name := func(id, fallback string) string {
		if f := t.Field(id); f != nil && f.Label != "" {
			return summLowerFirst(f.Label) + " (" + id + ")"
		}
		return fallback
	}
	k, y := name(t.KommuneField, "kommune"), name(t.YearField, "rapporteringsår")
	switch {
	case !hasKommune && !hasYear:
		return "mangler både " + k + " og " + y + " og kan ikke summeres"
	case !hasKommune:
		return "mangler " + k + " og kan ikke summeres"
	case !hasYear:
		return "mangler " + y + " og kan ikke summeres"
	}
	return ""
}

func summRow(r *Report, file, kommune string, tables []SummaryTable, computed map[string]Value) SummaryRow {
	row := SummaryRow{Kommune: kommune, File: file, ReportID: r.ID, State: r.State,
		Values: map[string]Value{}, Labels: map[string]string{}}
	for _, t := range tables {
		for _, id := range t.LabelFields {
			row.Labels[id] = summCollapse(r.Value(id).Text)
		}
		for _, c := range t.Columns {
			if c.Computed {
				row.Values[c.ID] = computed[c.ID]
			} else {
				row.Values[c.ID] = r.Value(c.ID)
			}
		}
	}
	return row
}

func summTotals(y *SummaryYear) map[string]Total {
	out := map[string]Total{}
	for _, t := range y.Tables {
		for _, c := range t.Columns {
			tot := Total{Of: len(y.Kommuner)}
			for _, r := range y.Kommuner {
				switch v := r.Values[c.ID]; v.Kind {
				case Number:
					tot.Sum += v.Num
					tot.Count++
				case NotAvailable:
					tot.NA++
				}
			}
			out[c.ID] = tot
		}
	}
	return out
}

// summTables turns every table of the template into summary columns: each
// cell of the paper grid (rows and the sum row × columns) is one column.
func summTables(t *Template, year int64) []SummaryTable {
	var out []SummaryTable
	for _, s := range t.Sections {
		tb := s.Table
		if tb == nil {
			continue
		}
		rows := append([]Row{}, tb.Rows...)
		if tb.Sum != nil {
			rows = append(rows, *tb.Sum)
		}
		codes := summRowCodes(s.ID, rows)
		st := SummaryTable{ID: s.ID, Title: Label(s.Title, year, true)}
		for i, row := range rows {
			if row.LabelField != "" {
				st.LabelFields = append(st.LabelFields, row.LabelField)
			}
			label := strings.TrimPrefix(Label(row.Label, year, true), codes[i]+". ")
			for _, col := range tb.Columns {
				f := t.Field(tb.Cell(row, col))
				st.Columns = append(st.Columns, SummaryColumn{
					ID: f.ID, Type: f.Type, Computed: f.Computed(),
					RowID: row.ID, Row: codes[i], RowLabel: label,
					Key: col.Key, KeyLabel: Label(col.Label, year, true),
				})
			}
		}
		out = append(out, st)
	}
	return out
}

// summRowCodes gives each row a short code for column headers: the row id
// without the section's id ("A", "B", "sum") when those are short, so that a
// header names the field ("A" over "start" is 1.1.A.start); otherwise letters
// (C.1's rows are "fullfinansiert", "tilsagn_investeringstilskudd", … and
// would make every column as wide as its longest id), explained by a legend.
func summRowCodes(section string, rows []Row) []string {
	codes := make([]string, len(rows))
	short, seen := true, map[string]bool{}
	for i, row := range rows {
		c := strings.TrimPrefix(row.ID, section+".")
		if c == row.ID || c == "" {
			c = row.ID[strings.LastIndexByte(row.ID, '.')+1:]
		}
		if utf8.RuneCountInString(c) > 4 || seen[c] {
			short = false
		}
		seen[c] = true
		codes[i] = c
	}
	if short || len(rows) == 1 {
		return codes // a single row's code is never shown in a header
	}
	for i := range codes {
		if i < 26 {
			codes[i] = string(rune('a' + i))
		} else {
			codes[i] = strconv.Itoa(i + 1)
		}
	}
	return codes
}

// shape says which parts of a column header are needed: the row code only
// when the table has more than one row, the column key only when it has more
// than one column.
func (t SummaryTable) shape() (manyRows, manyKeys bool) {
	if len(t.Columns) == 0 {
		return false, false
	}
	for _, c := range t.Columns {
		manyRows = manyRows || c.RowID != t.Columns[0].RowID
		manyKeys = manyKeys || c.Key != t.Columns[0].Key
	}
	return manyRows, manyKeys
}

// legend lists what the header codes stand for: each row code with its label
// and row id, then each column key whose label says more than the key.
func (t SummaryTable) legend() [][2]string {
	manyRows, manyKeys := t.shape()
	var out [][2]string
	seen := map[string]bool{}
	if manyRows {
		for _, c := range t.Columns {
			if !seen["r"+c.Row] {
				seen["r"+c.Row] = true
				out = append(out, [2]string{c.Row, c.RowLabel + " (" + c.RowID + ")"})
			}
		}
	}
	if manyKeys {
		for _, c := range t.Columns {
			if !seen["k"+c.Key] && !strings.EqualFold(c.Key, c.KeyLabel) {
				seen["k"+c.Key] = true
				out = append(out, [2]string{c.Key, c.KeyLabel})
			}
		}
	}
	return out
}

// header is a column's one-line header: "A start", "start" or "a".
func (t SummaryTable) header(c SummaryColumn) string {
	manyRows, manyKeys := t.shape()
	switch {
	case manyRows && manyKeys:
		return c.Row + " " + c.Key
	case manyRows:
		return c.Row
	}
	return c.Key
}

func (y SummaryYear) fieldLabel(id string) string {
	if f := y.Template.Field(id); f != nil {
		return Label(f.Label, y.Year, true)
	}
	return id
}

func (y SummaryYear) title() string {
	return fmt.Sprintf("%d – %s", y.Year, y.Template.Title)
}

func (y SummaryYear) counts() string {
	s := fmt.Sprintf("%d kommuner", len(y.Kommuner))
	if len(y.Kommuner) == 1 {
		s = "1 kommune"
	}
	switch d := y.Drafts(); d {
	case 0:
		return s + ", alle endelige"
	case 1:
		return s + ", 1 kladd"
	default:
		return s + fmt.Sprintf(", %d kladder", d)
	}
}

// summCell shows one value as the screens do: "1 455", "X" for not
// available, "—" for not answered (a draft's empty cell).
func summCell(t FieldType, v Value) string {
	if v.IsEmpty() {
		return "—"
	}
	return Format(t, v)
}

// ---------------------------------------------------------------------------
// The terminal table.

const (
	summGap        = 2  // spaces between columns
	summKommuneMax = 28 // the kommune column's widest, when the width is limited
	summKommuneMin = 12
	summTextMax    = 24 // a label column's (the priority area's) widest
)

// Table lays the summary out as plain text for a terminal of the given width
// (0 or less: no limit). Per year and per template table, one row per kommune
// (a draft is marked *) and a Totalt row; when only some kommuner had a
// number in a column, a "med tall" row under it says how many ("2 av 3").
//
// Headers are short codes, explained in a legend under each table: in 1.1
// "A" over "start" is field 1.1.A.start, in C.1 and C.2 the rows are
// lettered a, b, … A table wider than the width is split into several tables
// (by template row: A and B, then C and sum), each repeating the kommune
// column, so nothing needs horizontal scrolling; the kommune names and the
// priority area are cut with "…" to make room. Only when a single row group
// is wider than the width on its own does a line exceed it.
func (s Summary) Table(width int) string {
	var b strings.Builder
	if len(s.Years) == 0 {
		b.WriteString("Ingen rapporter å summere.\n")
	}
	for i, y := range s.Years {
		if i > 0 {
			b.WriteString("\n")
		}
		y.writeText(&b, width)
	}
	if len(s.Years) > 0 {
		b.WriteString("\n")
		summWrap(&b, "", "* kladd, ikke endelig · X ikke tilgjengelig · — ikke besvart · «2 av 3» under Totalt: summen gjelder bare de 2 av 3 kommunene som hadde tall i kolonnen, og totalen er ikke tilgjengelig", width, "")
	}
	if n := len(s.Skipped); n > 0 {
		b.WriteString("\n")
		if n == 1 {
			summWrap(&b, "", "1 fil er hoppet over:", width, "")
		} else {
			summWrap(&b, "", fmt.Sprintf("%d filer er hoppet over:", n), width, "")
		}
		for _, sk := range s.Skipped {
			summWrap(&b, "- ", sk.String(), width, "  ")
		}
	}
	return b.String()
}

// summCol is one column of a text table.
type summCol struct {
	head         string
	cells        []string
	total, count string
	right        bool
	max          int // the widest a text column may be; 0 for no limit
	w            int
}

// summGroup is the columns of one template row ("A": start, slutt,
// resultat), kept together when a table is split to fit the width.
type summGroup struct {
	code string // shown over the group; "" for none
	cols []*summCol
	w    int
}

func (g *summGroup) measure() {
	g.w = 0
	for i, c := range g.cols {
		c.w = summWidth(c.head)
		for _, s := range c.cells {
			c.w = max(c.w, summWidth(s))
		}
		c.w = max(c.w, summWidth(c.total), summWidth(c.count))
		if c.max > 0 {
			c.w = min(c.w, c.max)
		}
		if i > 0 {
			g.w += summGap
		}
		g.w += c.w
	}
	// The code is drawn as "─ A ─" over the group: make room for it.
	if need := summWidth(g.code) + 2; g.code != "" && g.w < need {
		g.cols[len(g.cols)-1].w += need - g.w
		g.w = need
	}
}

func (y SummaryYear) writeText(b *strings.Builder, width int) {
	title := y.title()
	b.WriteString(summTrunc(title, width) + "\n")
	b.WriteString(strings.Repeat("═", min(summWidth(title), summLimit(width))) + "\n")
	summWrap(b, "", y.counts()+".", width, "")
	for _, t := range y.Tables {
		b.WriteString("\n")
		b.WriteString(summTrunc(t.Title, width) + "\n")
		y.writeTextTable(b, t, width)
		legend := t.legend()
		lw := summLegendWidth(legend)
		if len(legend) > 0 {
			b.WriteString("\n")
		}
		for _, l := range legend {
			summWrap(b, "  "+summPad(l[0], lw, false)+"  ", l[1], width, strings.Repeat(" ", lw+4))
		}
	}
}

func summLegendWidth(l [][2]string) int {
	w := 0
	for _, e := range l {
		w = max(w, summWidth(e[0]))
	}
	return w
}

func summLimit(width int) int {
	if width <= 0 {
		return 1 << 30
	}
	return width
}

func (y SummaryYear) writeTextTable(b *strings.Builder, t SummaryTable, width int) {
	n := len(y.Kommuner)
	kommune := &summCol{head: "Kommune", cells: make([]string, n), total: "Totalt"}
	for i, r := range y.Kommuner {
		kommune.cells[i] = summClean(r.Kommune)
		if r.Draft() {
			kommune.cells[i] += " *"
		}
	}
	var groups []*summGroup
	for _, id := range t.LabelFields {
		c := &summCol{head: y.fieldLabel(id), cells: make([]string, n)}
		for i, r := range y.Kommuner {
			c.cells[i] = summClean(r.Labels[id])
			if c.cells[i] == "" {
				c.cells[i] = "—"
			}
		}
		if width > 0 {
			c.max = summTextMax
			// A header wider than the values is cut to its last word ("område").
			if summWidth(c.head) > min(summTextMax, summWidthOf(c.cells)) {
				c.head = c.head[strings.LastIndexByte(c.head, ' ')+1:]
			}
		}
		groups = append(groups, &summGroup{cols: []*summCol{c}})
	}
	manyRows, manyKeys := t.shape()
	partial := false
	for _, c := range t.Columns {
		if len(groups) == 0 || groups[len(groups)-1].code != c.Row || !manyKeys || !manyRows {
			g := &summGroup{}
			if manyRows && manyKeys {
				g.code = c.Row
			}
			groups = append(groups, g)
		}
		g := groups[len(groups)-1]
		col := &summCol{head: c.Key, cells: make([]string, n), right: true}
		if manyRows && !manyKeys {
			col.head = c.Row
		}
		for i, r := range y.Kommuner {
			col.cells[i] = summCell(c.Type, r.Values[c.ID])
		}
		tot := y.Totals[c.ID]
		col.total = tot.figure()
		if !tot.Complete() {
			col.count = fmt.Sprintf("%d av %d", tot.Count, tot.Of)
			partial = true
		}
		g.cols = append(g.cols, col)
	}
	if partial {
		kommune.count = "  med tall"
	}
	widest := 0
	for _, g := range groups {
		g.measure()
		widest = max(widest, g.w)
	}
	kg := &summGroup{cols: []*summCol{kommune}}
	kg.measure()
	// Pack the groups into as few tables as fit the width, each table
	// repeating the kommune column.
	pack := func(kw int) [][]*summGroup {
		var chunks [][]*summGroup
		used := 0
		for _, g := range groups {
			if len(chunks) == 0 || (width > 0 && used+summGap+g.w > width) {
				chunks = append(chunks, nil)
				used = kw
			}
			chunks[len(chunks)-1] = append(chunks[len(chunks)-1], g)
			used += summGap + g.w
		}
		return chunks
	}
	chunks := pack(kommune.w)
	if width > 0 {
		// A narrower kommune column ("Lillehammer komm…") is better than one
		// more table: take the widest that gives the fewest tables, and never
		// one so wide that a row group cannot stand beside it.
		natural := min(kommune.w, summKommuneMax)
		kw := natural
		if floor := width - summGap - widest; kw > floor {
			kw = max(min(summKommuneMin, natural), floor)
		}
		chunks = pack(kw)
		for w := kw - 1; w >= min(summKommuneMin, natural); w-- {
			if c := pack(w); len(c) < len(chunks) {
				chunks, kw = c, w
			}
		}
		kommune.max = kw
		kg.measure()
	}
	for i, chunk := range chunks {
		if i > 0 {
			b.WriteString("\n")
		}
		summWriteChunk(b, kommune, chunk, n)
	}
}

func summWidthOf(cells []string) int {
	w := 0
	for _, s := range cells {
		w = max(w, summWidth(s))
	}
	return w
}

func summWriteChunk(b *strings.Builder, kommune *summCol, groups []*summGroup, n int) {
	var cols []*summCol
	cols = append(cols, kommune)
	coded := false
	for _, g := range groups {
		cols = append(cols, g.cols...)
		coded = coded || g.code != ""
	}
	line := func(cell func(c *summCol) string) {
		var l strings.Builder
		for i, c := range cols {
			if i > 0 {
				l.WriteString(strings.Repeat(" ", summGap))
			}
			l.WriteString(summPad(summTrunc(cell(c), c.w), c.w, c.right))
		}
		b.WriteString(strings.TrimRight(l.String(), " ") + "\n")
	}
	if coded {
		var l strings.Builder
		l.WriteString(strings.Repeat(" ", kommune.w))
		for _, g := range groups {
			l.WriteString(strings.Repeat(" ", summGap))
			l.WriteString(summRule(g.code, g.w))
		}
		b.WriteString(strings.TrimRight(l.String(), " ") + "\n")
	}
	line(func(c *summCol) string { return c.head })
	rule := func() { line(func(c *summCol) string { return strings.Repeat("─", c.w) }) }
	rule()
	for i := 0; i < n; i++ {
		line(func(c *summCol) string { return c.cells[i] })
	}
	rule()
	line(func(c *summCol) string { return c.total })
	if kommune.count != "" {
		for _, c := range cols[1:] {
			if c.count != "" {
				line(func(c *summCol) string { return c.count })
				break
			}
		}
	}
}

// summRule draws a group's code centred in a line: "──── A ────".
func summRule(code string, w int) string {
	if code == "" {
		return strings.Repeat(" ", w)
	}
	rest := w - summWidth(code) - 2
	left := rest / 2
	return strings.Repeat("─", left) + " " + code + " " + strings.Repeat("─", rest-left)
}

func summPad(s string, w int, right bool) string {
	pad := w - summWidth(s)
	if pad <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", pad) + s
	}
	return s + strings.Repeat(" ", pad)
}

// summTrunc cuts s to w terminal cells, ending in "…" when cut (no limit for w ≤ 0).
func summTrunc(s string, w int) string {
	if w <= 0 || summWidth(s) <= w {
		return s
	}
	var b strings.Builder
	used := 0
	for _, r := range s {
		rw := summRuneWidth(r)
		if used+rw > w-1 {
			break
		}
		b.WriteRune(r)
		used += rw
	}
	return b.String() + "…"
}

// summWrap writes text as lines of at most width cells (no limit for
// width ≤ 0), breaking at spaces: the first line starts with first, the
// following ones with indent.
func summWrap(b *strings.Builder, first, text string, width int, indent string) {
	line, lineW, empty := first, summWidth(first), true
	for _, word := range strings.Fields(text) {
		ww := summWidth(word)
		if !empty && width > 0 && lineW+1+ww > width {
			b.WriteString(line + "\n")
			line, lineW, empty = indent, summWidth(indent), true
		}
		if !empty {
			line += " "
			lineW++
		}
		line += word
		lineW += ww
		empty = false
	}
	b.WriteString(line + "\n")
}

// summWidth is the number of terminal cells s takes: combining marks take
// none, East Asian wide characters and emoji two. Kommune names are Latin, so
// this small table is enough, and keeps model free of terminal packages.
func summWidth(s string) int {
	w := 0
	for _, r := range s {
		w += summRuneWidth(r)
	}
	return w
}

func summRuneWidth(r rune) int {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	case r >= 0x1100 && (r <= 0x115f || r == 0x2329 || r == 0x232a ||
		(r >= 0x2e80 && r <= 0xa4cf && r != 0x303f) || (r >= 0xac00 && r <= 0xd7a3) ||
		(r >= 0xf900 && r <= 0xfaff) || (r >= 0xfe30 && r <= 0xfe6f) ||
		(r >= 0xff00 && r <= 0xff60) || (r >= 0xffe0 && r <= 0xffe6) ||
		(r >= 0x1f300 && r <= 0x1f64f) || (r >= 0x1f900 && r <= 0x1f9ff) ||
		(r >= 0x20000 && r <= 0x3fffd)):
		return 2
	}
	return 1
}

// ---------------------------------------------------------------------------
// CSV.

// CSV writes the summary for a spreadsheet: a header row of ASCII ids
// (year,template,row,kommune,file,report_id,state, then the field ids of
// every table in form order), one row per kommune and year (row "kommune"),
// and per year a row "sum" with each column's sum over the kommuner that had
// a number and a row "count" with how many had one; the sum is the column's
// total only where count equals the year's number of kommune rows. Numbers
// are plain integers so that a spreadsheet reads them as numbers, X is not
// available and an empty cell not answered; the label fields (the priority
// area) are text.
func (s Summary) CSV() []byte {
	fields := s.csvFields()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	head := append([]string{"year", "template", "row", "kommune", "file", "report_id", "state"}, fields...)
	_ = w.Write(head) // a bytes.Buffer does not fail
	for _, y := range s.Years {
		year := strconv.FormatInt(y.Year, 10)
		types, labels := map[string]FieldType{}, map[string]bool{}
		for _, t := range y.Tables {
			for _, id := range t.LabelFields {
				labels[id] = true
			}
			for _, c := range t.Columns {
				types[c.ID] = c.Type
			}
		}
		for _, r := range y.Kommuner {
			rec := []string{year, y.Template.ID, "kommune", summCSVText(r.Kommune), summCSVText(r.File), summCSVText(r.ReportID), string(r.State)}
			for _, id := range fields {
				switch {
				case labels[id]:
					rec = append(rec, summCSVText(r.Labels[id]))
				case types[id] != "":
					rec = append(rec, summCSVValue(r.Values[id]))
				default:
					rec = append(rec, "") // a field of another template's year
				}
			}
			_ = w.Write(rec)
		}
		sum := []string{year, y.Template.ID, "sum", "Totalt", "", "", ""}
		count := []string{year, y.Template.ID, "count", fmt.Sprintf("Antall med tall (av %d)", len(y.Kommuner)), "", "", ""}
		for _, id := range fields {
			tot, ok := y.Totals[id]
			switch {
			case !ok:
				sum, count = append(sum, ""), append(count, "")
			case tot.Count == 0 && tot.NA > 0:
				sum, count = append(sum, "X"), append(count, "0")
			case tot.Count == 0:
				sum, count = append(sum, ""), append(count, "0")
			default:
				sum = append(sum, strconv.FormatInt(tot.Sum, 10))
				count = append(count, strconv.Itoa(tot.Count))
			}
		}
		_ = w.Write(sum)
		_ = w.Write(count)
	}
	w.Flush()
	return buf.Bytes()
}

// csvFields is every field id shown, in form order, once: the label fields
// and cells of each table, across every year's template.
func (s Summary) csvFields() []string {
	var out []string
	seen := map[string]bool{}
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, y := range s.Years {
		for _, t := range y.Tables {
			for _, id := range t.LabelFields {
				add(id)
			}
			for _, c := range t.Columns {
				add(c.ID)
			}
		}
	}
	return out
}

func summCSVValue(v Value) string {
	switch v.Kind {
	case Number:
		return strconv.FormatInt(v.Num, 10)
	case NotAvailable:
		return "X"
	}
	return ""
}

// summCSVText keeps text a spreadsheet could take for a formula (a kommune
// or file name starting with =, +, - or @) as text, by a leading apostrophe,
// as OWASP advises for CSV files opened in Excel.
func summCSVText(s string) string {
	s = summClean(s)
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}

// ---------------------------------------------------------------------------
// Markdown.

// Markdown lays the summary out as a document: per year a heading, then each
// of the template's tables (1.1, the priority area, C.1, C.2) with one row per
// kommune (drafts marked "(kladd)") and a Totalt row ("1 455 (3 av 4)" where
// only some kommuner had a number), each followed by its legend; then the
// skipped files.
func (s Summary) Markdown() []byte {
	var b strings.Builder
	b.WriteString("# Sammendrag av rapporter\n")
	if len(s.Years) == 0 {
		b.WriteString("\nIngen rapporter å summere.\n")
	}
	for _, y := range s.Years {
		fmt.Fprintf(&b, "\n## %s\n\n%s.\n", summMD(y.title()), y.counts())
		for _, t := range y.Tables {
			fmt.Fprintf(&b, "\n### %s\n\n| Kommune |", summMD(t.Title))
			for _, id := range t.LabelFields {
				fmt.Fprintf(&b, " %s |", summMD(y.fieldLabel(id)))
			}
			for _, c := range t.Columns {
				fmt.Fprintf(&b, " %s |", summMD(t.header(c)))
			}
			b.WriteString("\n|---|")
			for range t.LabelFields {
				b.WriteString("---|")
			}
			for range t.Columns {
				b.WriteString("---:|")
			}
			b.WriteString("\n")
			for _, r := range y.Kommuner {
				name := summMD(r.Kommune)
				if r.Draft() {
					name += " (kladd)"
				}
				fmt.Fprintf(&b, "| %s |", name)
				for _, id := range t.LabelFields {
					l := summMD(r.Labels[id])
					if l == "" {
						l = "—"
					}
					fmt.Fprintf(&b, " %s |", l)
				}
				for _, c := range t.Columns {
					fmt.Fprintf(&b, " %s |", summCell(c.Type, r.Values[c.ID]))
				}
				b.WriteString("\n")
			}
			b.WriteString("| **Totalt** |")
			for range t.LabelFields {
				b.WriteString(" |")
			}
			for _, c := range t.Columns {
				fmt.Fprintf(&b, " %s |", y.Totals[c.ID])
			}
			b.WriteString("\n")
			if l := t.legend(); len(l) > 0 {
				b.WriteString("\n")
				for _, e := range l {
					fmt.Fprintf(&b, "- **%s**: %s\n", summMD(e[0]), summMD(e[1]))
				}
			}
		}
	}
	if len(s.Years) > 0 {
		b.WriteString("\nX: ikke tilgjengelig. —: ikke besvart. «1 455 (3 av 4)»: summen over de 3 av 4 kommunene som hadde tall; totalen er ikke tilgjengelig.\n")
	}
	if len(s.Skipped) > 0 {
		b.WriteString("\n## Hoppet over\n\n")
		for _, sk := range s.Skipped {
			fmt.Fprintf(&b, "- %s\n", summMD(sk.String()))
		}
	}
	return []byte(b.String())
}

// summMD makes text safe inside a Markdown table cell or heading: one line,
// and the characters that would start markup or end a cell escaped.
var summMDEscaper = strings.NewReplacer(`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`",
	"<", `\<`, "[", `\[`, "]", `\]`, "#", `\#`)

func summMD(s string) string { return summMDEscaper.Replace(summClean(s)) }

// ---------------------------------------------------------------------------
// JSON.

type summJSON struct {
	Format  string            `json:"format"`
	Years   []summJSONYear    `json:"years"`
	Skipped []summJSONSkipped `json:"skipped"`
}

type summJSONYear struct {
	Year     int64                    `json:"year"`
	Template string                   `json:"template"`
	Fields   []string                 `json:"fields"`
	Kommuner []summJSONRow            `json:"kommuner"`
	Totals   map[string]summJSONTotal `json:"totals"`
}

type summJSONRow struct {
	Kommune  string            `json:"kommune"`
	File     string            `json:"file"`
	ID       string            `json:"id"`
	State    State             `json:"state"`
	Draft    bool              `json:"draft"`
	Values   map[string]any    `json:"values"`
	Computed map[string]*int64 `json:"computed"`
}

type summJSONTotal struct {
	Sum      *int64 `json:"sum"`
	Count    int    `json:"count"`
	Of       int    `json:"of"`
	Complete bool   `json:"complete"`
}

type summJSONSkipped struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// JSON writes the summary for programs, in the manner of the export format:
// per year (and template) the field ids shown in form order, per kommune
// "values" (as answered: a number, null for not available, text for a label
// field, the key absent when not answered) and "computed" (null where not
// available), and per field a total: "sum" over the "count" kommuner that had
// a number (null when none had), "of" kommuner, and "complete" when count
// equals of, the only case in which the sum is the column's total.
func (s Summary) JSON() ([]byte, error) {
	doc := summJSON{Format: SummaryFormatID, Years: []summJSONYear{}, Skipped: []summJSONSkipped{}}
	for _, y := range s.Years {
		jy := summJSONYear{Year: y.Year, Template: y.Template.ID, Fields: []string{},
			Kommuner: []summJSONRow{}, Totals: map[string]summJSONTotal{}}
		for _, t := range y.Tables {
			jy.Fields = append(jy.Fields, t.LabelFields...)
			for _, c := range t.Columns {
				jy.Fields = append(jy.Fields, c.ID)
				tot := y.Totals[c.ID]
				jt := summJSONTotal{Count: tot.Count, Of: tot.Of, Complete: tot.Complete()}
				if tot.Count > 0 {
					n := tot.Sum
					jt.Sum = &n
				}
				jy.Totals[c.ID] = jt
			}
		}
		for _, r := range y.Kommuner {
			jr := summJSONRow{Kommune: r.Kommune, File: r.File, ID: r.ReportID, State: r.State, Draft: r.Draft(),
				Values: map[string]any{}, Computed: map[string]*int64{}}
			for id, l := range r.Labels {
				if l != "" {
					jr.Values[id] = l
				}
			}
			for _, t := range y.Tables {
				for _, c := range t.Columns {
					v := r.Values[c.ID]
					var n *int64
					if v.Kind == Number {
						n = &v.Num
					}
					switch {
					case c.Computed:
						jr.Computed[c.ID] = n
					case v.Kind != Empty:
						jr.Values[c.ID] = n
					}
				}
			}
			jy.Kommuner = append(jy.Kommuner, jr)
		}
		doc.Years = append(doc.Years, jy)
	}
	for _, sk := range s.Skipped {
		doc.Skipped = append(doc.Skipped, summJSONSkipped{File: sk.Name, Reason: sk.Reason})
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// ---------------------------------------------------------------------------
// Text helpers.

// summCollapse makes runs of white space (line breaks and tabs among them)
// one space and trims the ends: "Gjøvik  kommune\n" is "Gjøvik kommune".
func summCollapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// summClean makes text safe to show on one line: white space collapsed and
// any control character (possible in a file name from the command line,
// never in an imported report) shown as "?", so that nothing can steer the
// terminal.
func summClean(s string) string {
	s = summCollapse(s)
	if !hasControl(s) && utf8.ValidString(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) || r == utf8.RuneError {
			return '?'
		}
		return r
	}, s)
}

func summName(name string) string {
	if name = summClean(name); name == "" {
		return "(fil uten navn)"
	}
	return name
}

func summLowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// summSortKey orders names as the Norwegian alphabet does: case aside, with
// æ, ø and å after z (in that order) rather than in code point order (å, æ, ø).
func summSortKey(s string) string {
	return strings.Map(func(r rune) rune {
		switch r = unicode.ToLower(r); r {
		case 'æ', 'ä':
			return '{'
		case 'ø', 'ö':
			return '|'
		case 'å':
			return '}'
		}
		return r
	}, s)
}
