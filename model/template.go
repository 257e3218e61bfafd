// Package model holds the report template, a report's values, computation,
// validation, carry-over and the JSON export format. It knows nothing of the
// terminal or of the draft file.
package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
)

// FieldType is what kind of answer a field takes.
type FieldType string

// The field types a template may use.
const (
	TypeText     FieldType = "text"     // one line
	TypeLongText FieldType = "longtext" // paragraphs
	TypeCount    FieldType = "count"    // a whole number ≥ 0, or not available
	TypeYear     FieldType = "year"
	TypeDate     FieldType = "date" // typed 18.02.2013, stored 2013-02-18
	TypePhone    FieldType = "phone"
	TypeEmail    FieldType = "email"
)

func (t FieldType) known() bool {
	switch t {
	case TypeText, TypeLongText, TypeCount, TypeYear, TypeDate, TypePhone, TypeEmail:
		return true
	}
	return false
}

// IsNumber reports whether values of this type are integers.
func (t FieldType) IsNumber() bool { return t == TypeCount || t == TypeYear }

// Field is one answer in the report, or one computed value.
type Field struct {
	ID       string    `yaml:"id"`
	Label    string    `yaml:"label"`
	Help     string    `yaml:"help"`
	Prompts  []string  `yaml:"prompts"`
	Type     FieldType `yaml:"type"`
	Required bool      `yaml:"required"`
	Default  string    `yaml:"default"`
	// Compute is an expr expression over v("field id"); a computed field is read-only.
	Compute string `yaml:"compute"`
	// Comment names the field that must explain a not-available number on this row.
	Comment string `yaml:"comment"`
	Min     *int64 `yaml:"min"`
	Max     *int64 `yaml:"max"`

	section *Section
	program *vm.Program
	deps    []string
	// explains lists the numbers this field is the comment of.
	explains []*Field
}

// Section returns the section (screen) the field belongs to.
func (f *Field) Section() *Section { return f.section }

// Narrative reports whether the field is one of the report's own texts (1.2,
// the delmål, 3, 4.1): a long text that no rule requires and that is no
// row's comment. An empty one does not block finalizing, but is worth a look.
func (f *Field) Narrative() bool {
	return f.Type == TypeLongText && !f.Required && len(f.explains) == 0 && !f.Computed()
}

// Computed reports whether the field is derived from others.
func (f *Field) Computed() bool { return f.Compute != "" }

// Inputs lists the field ids a computed field or rule reads.
func (f *Field) Inputs() []string { return f.deps }

// Column is one column of a status table.
type Column struct {
	Key   string `yaml:"key"`
	Label string `yaml:"label"`
}

// Row is one row of a status table; its cells are the fields RowID.ColumnKey.
type Row struct {
	ID    string `yaml:"id"`
	Label string `yaml:"label"`
	Help  string `yaml:"help"`
	// LabelField names a text field whose answer is the row's label (the priority area).
	LabelField string `yaml:"label_field"`
}

// Table lays out count fields as the paper form's grid: rows × columns, with
// each row's comment (RowID.kommentar) under the grid.
type Table struct {
	Columns []Column `yaml:"columns"`
	Rows    []Row    `yaml:"rows"`
	Sum     *Row     `yaml:"sum"`
}

// Cell returns the field id of a table cell.
func (Table) Cell(row Row, col Column) string { return row.ID + "." + col.Key }

// CommentID returns the id of a row's comment field.
func (Table) CommentID(row Row) string { return row.ID + ".kommentar" }

// Section is one screen of the report.
type Section struct {
	ID      string   `yaml:"id"`
	Title   string   `yaml:"title"`
	Heading string   `yaml:"heading"`
	Intro   string   `yaml:"intro"`
	Note    string   `yaml:"note"`
	Table   *Table   `yaml:"table"`
	Fields  []*Field `yaml:"fields"`

	index int
}

// Index is the section's position among the template's sections, from 0.
func (s *Section) Index() int { return s.index }

// Rule is a cross-field check that must hold before a report is final.
type Rule struct {
	Field   string `yaml:"field"`
	Check   string `yaml:"check"`
	Message string `yaml:"message"`

	program *vm.Program
	deps    []string
}

// CarryOver says which value of last year's report becomes which of this year's.
type CarryOver struct {
	From string `yaml:"from"`
	To   string `yaml:"to"`
	Add  int64  `yaml:"add"`
}

// Deadline is the report's due date, relative to the reporting year.
type Deadline struct {
	Day        int `yaml:"day"`
	Month      int `yaml:"month"`
	YearOffset int `yaml:"year_offset"`
}

// Template is one edition of the report form, read from YAML.
type Template struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	// Version counts corrections of one edition (1 when absent); a report
	// records the version it was written under and opens under the newest.
	Version int `yaml:"version"`
	// Default marks an edition a new report may get without asking; the
	// newest such edition is the default.
	Default bool `yaml:"default"`
	// Renamed maps field ids of earlier versions to their id in this one.
	Renamed      map[string]string `yaml:"renamed"`
	YearField    string            `yaml:"year_field"`
	KommuneField string            `yaml:"kommune_field"`
	Deadline     Deadline          `yaml:"deadline"`
	Sections     []*Section        `yaml:"sections"`
	Rules        []*Rule           `yaml:"rules"`
	CarryOver    []CarryOver       `yaml:"carry_over"`

	fields   []*Field
	byID     map[string]*Field
	inputs   []*Field
	computed []*Field
	source   string
	line     int // of the id, for a problem with the template as a whole
}

// Source says where the template was read from: "innebygd" for the editions
// in the program, else the file.
func (t *Template) Source() string {
	if t.source == "" {
		return "innebygd"
	}
	return t.source
}

// renamedTo follows the template's renames from an id of an earlier version
// to its id in this one; an id that was not renamed stays as it is.
func (t *Template) renamedTo(id string) string {
	// The loader refuses a rename from an id still in use, so a chain
	// ends; the bound guards only against a cycle of vanished ids.
	for range len(t.Renamed) {
		to, ok := t.Renamed[id]
		if !ok {
			break
		}
		id = to
	}
	return id
}

// Field returns the field with the given id, or nil.
func (t *Template) Field(id string) *Field { return t.byID[id] }

// Fields lists every field in form order.
func (t *Template) Fields() []*Field { return t.fields }

// InputFields lists the fields a user answers, in form order.
func (t *Template) InputFields() []*Field { return t.inputs }

// ComputedFields lists the derived fields in evaluation order.
func (t *Template) ComputedFields() []*Field { return t.computed }

// Label returns a template text with {Y}, {Y+1} and {Y-1} filled from the
// reporting year; an unknown year shows as ÅÅÅÅ, as the paper form's
// "(ÅRSTALL)".
func Label(text string, year int64, known bool) string {
	i := strings.Index(text, "{Y")
	if i < 0 {
		return text
	}
	// Labels are drawn on every frame: one pass, no Replacer to build.
	var b strings.Builder
	b.Grow(len(text) + 8)
	for ; i >= 0; i = strings.Index(text, "{Y") {
		b.WriteString(text[:i])
		text = text[i:]
		offset := int64(0)
		switch {
		case strings.HasPrefix(text, "{Y}"):
			text = text[3:]
		case strings.HasPrefix(text, "{Y+1}"):
			offset, text = 1, text[5:]
		case strings.HasPrefix(text, "{Y-1}"):
			offset, text = -1, text[5:]
		default:
			b.WriteString("{Y")
			text = text[2:]
			continue
		}
		if known {
			b.WriteString(strconv.FormatInt(year+offset, 10))
		} else {
			b.WriteString("ÅÅÅÅ")
		}
	}
	b.WriteString(text)
	return b.String()
}

// Labels is Label over a list of texts (a field's prompts).
func Labels(texts []string, year int64, known bool) []string {
	out := make([]string, len(texts))
	for i, t := range texts {
		out[i] = Label(t, year, known)
	}
	return out
}

func (t *Template) isComputedBefore(id string) bool {
	for _, c := range t.computed {
		if c.ID == id {
			return true
		}
	}
	return false
}

// exprEnv is the environment expressions compile against: v(id) reads a value.
type exprEnv = map[string]any

// compileEnv declares v as variadic over any: expr calls functions of that
// exact shape without reflection, which keeps a keystroke's recomputation cheap.
func compileEnv() exprEnv {
	return exprEnv{"v": func(...any) any { return nil }}
}

// compile compiles an expression and lists the fields it reads; every v(...)
// must name a known field by a string literal, so dependencies are known
// before anything runs.
func (t *Template) compile(code string, number bool) (*vm.Program, []string, error) {
	tree, err := parser.Parse(code)
	if err != nil {
		return nil, nil, fmt.Errorf("uttrykket kan ikke leses (%s)", firstLine(err.Error()))
	}
	c := &depCollector{}
	ast.Walk(&tree.Node, c)
	if c.err != nil {
		return nil, nil, c.err
	}
	for _, d := range c.deps {
		if t.byID[d] == nil {
			return nil, nil, fmt.Errorf("uttrykket leser feltet %s, som ikke finnes", d)
		}
	}
	result, want := expr.AsBool(), "sant eller usant"
	if number {
		result, want = expr.AsInt64(), "et helt tall"
	}
	prog, err := expr.Compile(code, expr.Env(compileEnv()), result)
	if err != nil {
		return nil, nil, fmt.Errorf("uttrykket gir ikke %s (%s)", want, firstLine(err.Error()))
	}
	return prog, c.deps, nil
}

type depCollector struct {
	deps []string
	err  error
}

func (c *depCollector) Visit(node *ast.Node) {
	call, ok := (*node).(*ast.CallNode)
	if !ok {
		return
	}
	if id, ok := call.Callee.(*ast.IdentifierNode); !ok || id.Value != "v" {
		return
	}
	if len(call.Arguments) != 1 {
		c.err = errors.New("v() tar én felt-id")
		return
	}
	s, ok := call.Arguments[0].(*ast.StringNode)
	if !ok {
		c.err = errors.New("v() skal ha felt-id-en i anførselstegn, som v(\"1.1.A.start\")")
		return
	}
	for _, d := range c.deps {
		if d == s.Value {
			return
		}
	}
	c.deps = append(c.deps, s.Value)
}

// firstLine keeps the first line of expr's message; the rest draws the
// expression with a caret, which does not fit after FILE:LINE.
func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}
