// Package summary is Husbanken's view over many municipalities (`boso
// summary FILE…`): many exports are read, grouped by reporting year, and
// every status table of the template is laid out with one row per kommune
// and a total row, as text for a terminal (Text), CSV, Markdown and JSON.
// Which fields are shown comes from the template's tables, and every computed
// figure comes from model.Compute, so a new edition of the form is
// summarised without a change here, and a figure shows the same mark (a
// number, X, or "—" while not answered) as on the screens and in print.
package summary

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"boso/model"
)

// FormatID names the machine-readable summary that Summary.JSON
// writes; an incompatible change gets a new id, as the export format does.
const FormatID = "boso.summary.v1"

// Input is one file given to `boso summary`: its name and bytes.
type Input struct {
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
func (s Skipped) String() string { return fileName(s.Name) + " " + s.Reason + "." }

// Summary is the status tables and C.1/C.2 over many exports, per year: every
// kommune and the totals.
type Summary struct {
	// Years holds one entry per reporting year, oldest first, whatever
	// editions of the form its reports follow: a field id means the same
	// question in every edition, so columns of one id are merged.
	Years []Year
	// Skipped lists the files left out, in the order they were given.
	Skipped []Skipped
}

// Year is one reporting year: its tables, one row per kommune and the
// totals of every column.
type Year struct {
	Year int64
	// Template is the first by id of Templates, the editions the year's
	// reports follow; labels come from the first edition that has a field.
	Template  *model.Template
	Templates []*model.Template
	// Tables are the template's status tables in form order (for
	// arsrapport-2012: 1.1, the priority area, C.1 and C.2).
	Tables []Table
	// Kommuner are sorted by name in Norwegian alphabetical order (æ, ø, å last).
	Kommuner []Row
	// Totals holds, for every column's field id, the sum over the kommuner.
	Totals map[string]Total
}

// Table is one status table of the template, as summary columns.
type Table struct {
	ID    string // the template section's id: "1.1", "2.C.1"
	Title string // the section's title with the year filled in
	// LabelFields are text fields that name a row per kommune (the priority
	// area, 1.1.prioritert.omrade); they are shown as text beside the numbers.
	LabelFields []string
	Columns     []Column
}

// Column is one cell of the template's table, which becomes one column
// of the summary: field ID holds the value of every kommune.
type Column struct {
	ID       string          // the field id, "1.1.A.start"
	Type     model.FieldType // the field's type, for formatting
	Computed bool            // derived by Compute, never typed in
	RowID    string          // the template row, "1.1.A"
	Row      string          // a short code of the row for a column header: "A", "sum", "a"
	RowLabel string          // the row's label with the year filled in, without its code
	Key      string          // the template column's key: "start", "antall"
	KeyLabel string          // the template column's label with the year filled in
}

// Row is one kommune's report in a year.
type Row struct {
	Kommune  string // as written in the report, with runs of white space made one space
	File     string // the name of the file it came from
	ReportID string
	Template string // the id of the edition the report follows
	State    model.State
	// Values holds every column's value: answers as answered (Empty when not
	// answered, NotAvailable for X) and computed fields as Compute derives them.
	Values map[string]model.Value
	// Labels holds the text of every table's label fields ("" when not answered).
	Labels map[string]string
}

// Draft reports whether the row comes from a report that is not final;
// Husbanken may receive drafts, so they are summarised but marked.
func (r Row) Draft() bool { return r.State != model.Final }

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
		return model.FormatCount(t.Sum)
	}
	return fmt.Sprintf("%s (%d av %d)", t.figure(), t.Count, t.Of)
}

// figure is the total's own cell: the (partial) sum, or when no kommune had
// a number the mark of what they had: X when one is not available, "—" when
// none has answered.
func (t Total) figure() string {
	switch {
	case t.Count > 0:
		return model.FormatCount(t.Sum)
	case t.NA > 0:
		return "X"
	}
	return "—"
}

// Drafts counts the year's rows that come from drafts.
func (y Year) Drafts() int {
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
func Summarize(inputs []Input, reg *model.Registry) (Summary, []Skipped) {
	if reg == nil {
		reg = model.Builtin()
	}
	// The fields a report's row holds depend only on its template; the
	// labels (which carry the year) are made per year below.
	layout := map[*model.Template][]Table{}
	for _, t := range reg.Templates() {
		layout[t] = tablesOf(t, 0)
	}
	read := make([]fileRow, len(inputs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(inputs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A Computer is not safe for concurrent use: one per worker.
			comp := model.NewComputer()
			for i := int(next.Add(1) - 1); i < len(inputs); i = int(next.Add(1) - 1) {
				read[i] = readOne(inputs[i], reg, layout, comp)
			}
		}()
	}
	wg.Wait()

	type dupKey struct {
		year    int64
		kommune string
	}
	var s Summary
	groups := map[int64]*Year{}
	seen := map[dupKey]string{}
	for i, in := range inputs {
		rd := read[i]
		if rd.reason != "" {
			s.Skipped = append(s.Skipped, Skipped{Name: in.Name, Reason: rd.reason})
			continue
		}
		// The same kommune and year is a duplicate whatever the edition.
		dk := dupKey{rd.year, model.KommuneKey(rd.row.Kommune)}
		if earlier, dup := seen[dk]; dup {
			s.Skipped = append(s.Skipped, Skipped{Name: in.Name,
				Reason: fmt.Sprintf("har samme kommune og år som %s (%s, %d)", fileName(earlier), truncate(clean(rd.row.Kommune), 60), rd.year)})
			continue
		}
		seen[dk] = in.Name
		g := groups[rd.year]
		if g == nil {
			g = &Year{Year: rd.year}
			groups[rd.year] = g
		}
		if !slices.Contains(g.Templates, rd.tmpl) {
			g.Templates = append(g.Templates, rd.tmpl)
		}
		g.Kommuner = append(g.Kommuner, rd.row)
	}
	for _, g := range groups {
		slices.SortFunc(g.Templates, func(a, b *model.Template) int { return strings.Compare(a.ID, b.ID) })
		g.Template, g.Tables = g.Templates[0], mergeTables(g.Templates, g.Year)
		sort.SliceStable(g.Kommuner, func(i, j int) bool {
			a, b := sortKey(g.Kommuner[i].Kommune), sortKey(g.Kommuner[j].Kommune)
			if a != b {
				return a < b
			}
			return g.Kommuner[i].File < g.Kommuner[j].File
		})
		g.Totals = sumColumns(g)
		s.Years = append(s.Years, *g)
	}
	sort.Slice(s.Years, func(i, j int) bool { return s.Years[i].Year < s.Years[j].Year })
	return s, s.Skipped
}

// fileRow is what one file gives: a row for its year, or why it is skipped.
// Only the row is kept, not the report, so reading many files holds little.
type fileRow struct {
	reason string
	tmpl   *model.Template
	year   int64
	row    Row
}

func readOne(in Input, reg *model.Registry, layout map[*model.Template][]Table, comp *model.Computer) fileRow {
	r, err := model.Decode(in.Data, reg)
	if err != nil {
		return fileRow{reason: err.Error()}
	}
	kommune := collapse(r.Kommune())
	year, hasYear := r.Year()
	if reason := lacking(r.Template, kommune != "", hasYear); reason != "" {
		return fileRow{reason: reason}
	}
	return fileRow{tmpl: r.Template, year: year,
		row: newRow(r, in.Name, kommune, layout[r.Template], comp.Compute(r))}
}

// lacking says which of kommune and year a report lacks, naming the
// fields as the form labels them, or "" when it has both.
func lacking(t *model.Template, hasKommune, hasYear bool) string {
	name := func(id, fallback string) string {
		if f := t.Field(id); f != nil && f.Label != "" {
			return lowerFirst(f.Label) + " (" + id + ")"
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

func newRow(r *model.Report, file, kommune string, tables []Table, computed map[string]model.Value) Row {
	row := Row{Kommune: kommune, File: file, ReportID: r.ID, Template: r.Template.ID, State: r.State,
		Values: map[string]model.Value{}, Labels: map[string]string{}}
	for _, t := range tables {
		for _, id := range t.LabelFields {
			row.Labels[id] = collapse(r.Value(id).Text)
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

func sumColumns(y *Year) map[string]Total {
	out := map[string]Total{}
	for _, t := range y.Tables {
		for _, c := range t.Columns {
			tot := Total{Of: len(y.Kommuner)}
			for _, r := range y.Kommuner {
				switch v := r.Values[c.ID]; v.Kind {
				case model.Number:
					tot.Sum += v.Num
					tot.Count++
				case model.NotAvailable:
					tot.NA++
				}
			}
			out[c.ID] = tot
		}
	}
	return out
}

// tablesOf turns every table of the template into summary columns: each
// cell of the paper grid (rows and the sum row × columns) is one column.
func tablesOf(t *model.Template, year int64) []Table {
	var out []Table
	for _, s := range t.Sections {
		tb := s.Table
		if tb == nil {
			continue
		}
		rows := append([]model.Row{}, tb.Rows...)
		if tb.Sum != nil {
			rows = append(rows, *tb.Sum)
		}
		codes := rowCodes(s.ID, rows)
		st := Table{ID: s.ID, Title: model.Label(s.Title, year, true)}
		for i, row := range rows {
			if row.LabelField != "" {
				st.LabelFields = append(st.LabelFields, row.LabelField)
			}
			label := strings.TrimPrefix(model.Label(row.Label, year, true), codes[i]+". ")
			for _, col := range tb.Columns {
				f := t.Field(tb.Cell(row, col))
				st.Columns = append(st.Columns, Column{
					ID: f.ID, Type: f.Type, Computed: f.Computed(),
					RowID: row.ID, Row: codes[i], RowLabel: label,
					Key: col.Key, KeyLabel: model.Label(col.Label, year, true),
				})
			}
		}
		out = append(out, st)
	}
	return out
}

// mergeTables lays the tables of several editions side by side: the first
// edition's tables in its order, then what the others add, a table to the
// table of its section id and a column only where its field id is new. The
// row codes are made again over the merged rows, so that a code means one
// row.
func mergeTables(ts []*model.Template, year int64) []Table {
	out := tablesOf(ts[0], year)
	for _, t := range ts[1:] {
		for _, tb := range tablesOf(t, year) {
			i := slices.IndexFunc(out, func(o Table) bool { return o.ID == tb.ID })
			if i < 0 {
				out = append(out, tb)
				continue
			}
			for _, id := range tb.LabelFields {
				if !slices.Contains(out[i].LabelFields, id) {
					out[i].LabelFields = append(out[i].LabelFields, id)
				}
			}
			for _, c := range tb.Columns {
				if !slices.ContainsFunc(out[i].Columns, func(o Column) bool { return o.ID == c.ID }) {
					out[i].Columns = append(out[i].Columns, c)
				}
			}
		}
	}
	if len(ts) > 1 {
		for i := range out {
			recode(&out[i])
		}
	}
	return out
}

// recode gives a merged table's columns row codes over all its rows.
func recode(t *Table) {
	var rows []model.Row
	for _, c := range t.Columns {
		if !slices.ContainsFunc(rows, func(r model.Row) bool { return r.ID == c.RowID }) {
			rows = append(rows, model.Row{ID: c.RowID})
		}
	}
	codes := rowCodes(t.ID, rows)
	for i, c := range t.Columns {
		t.Columns[i].Row = codes[slices.IndexFunc(rows, func(r model.Row) bool { return r.ID == c.RowID })]
	}
}

// rowCodes gives each row a short code for column headers: the row id
// without the section's id ("A", "B", "sum") when those are short, so that a
// header names the field ("A" over "start" is 1.1.A.start); otherwise letters
// (C.1's rows are "fullfinansiert", "tilsagn_investeringstilskudd", … and
// would make every column as wide as its longest id), explained by a legend.
func rowCodes(section string, rows []model.Row) []string {
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
func (t Table) shape() (manyRows, manyKeys bool) {
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
func (t Table) legend() [][2]string {
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
func (t Table) header(c Column) string {
	manyRows, manyKeys := t.shape()
	switch {
	case manyRows && manyKeys:
		return c.Row + " " + c.Key
	case manyRows:
		return c.Row
	}
	return c.Key
}

func (y Year) fieldLabel(id string) string {
	for _, t := range y.Templates {
		if f := t.Field(id); f != nil {
			return model.Label(f.Label, y.Year, true)
		}
	}
	return id
}

func (y Year) title() string {
	titles := make([]string, len(y.Templates))
	for i, t := range y.Templates {
		titles[i] = model.Label(t.Title, y.Year, true)
	}
	return fmt.Sprintf("%d – %s", y.Year, strings.Join(titles, " / "))
}

// templateIDs names the year's editions, "+" between them.
func (y Year) templateIDs() string {
	ids := make([]string, len(y.Templates))
	for i, t := range y.Templates {
		ids[i] = t.ID
	}
	return strings.Join(ids, "+")
}

func (y Year) counts() string {
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

// cellText shows one value as the screens do: "1 455", "X" for not
// available, "—" for not answered (a draft's empty cell).
func cellText(t model.FieldType, v model.Value) string {
	if v.IsEmpty() {
		return "—"
	}
	return model.Format(t, v)
}

// collapse makes runs of white space (line breaks and tabs among them)
// one space and trims the ends: "Gjøvik  kommune\n" is "Gjøvik kommune".
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// clean makes text safe to show on one line: white space collapsed and
// any control character (possible in a file name from the command line,
// never in an imported report) shown as "?", so that nothing can steer the
// terminal.
func clean(s string) string {
	s = collapse(s)
	if !strings.ContainsFunc(s, unicode.IsControl) && utf8.ValidString(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return '?'
		}
		return r
	}, s)
}

func fileName(name string) string {
	if name = clean(name); name == "" {
		return "(fil uten navn)"
	}
	return name
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// sortKey orders names as the Norwegian alphabet does: case aside, with
// æ, ø and å after z (in that order) rather than in code point order (å, æ, ø).
func sortKey(s string) string {
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
