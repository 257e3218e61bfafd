// Package model holds the report template, a report's values, computation,
// validation, carry-over and the JSON export format. It knows nothing of the
// terminal or of the draft file.
package model

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
	"go.yaml.in/yaml/v3"
)

// DefaultTemplateID is the template a new report gets unless another is chosen.
const DefaultTemplateID = "arsrapport-2012"

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
}

// Section returns the section (screen) the field belongs to.
func (f *Field) Section() *Section { return f.section }

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
	ID           string      `yaml:"id"`
	Title        string      `yaml:"title"`
	YearField    string      `yaml:"year_field"`
	KommuneField string      `yaml:"kommune_field"`
	Deadline     Deadline    `yaml:"deadline"`
	Sections     []*Section  `yaml:"sections"`
	Rules        []*Rule     `yaml:"rules"`
	CarryOver    []CarryOver `yaml:"carry_over"`

	fields   []*Field
	byID     map[string]*Field
	inputs   []*Field
	computed []*Field
}

// Field returns the field with the given id, or nil.
func (t *Template) Field(id string) *Field { return t.byID[id] }

// Fields lists every field in form order.
func (t *Template) Fields() []*Field { return t.fields }

// InputFields lists the fields a user answers, in form order.
func (t *Template) InputFields() []*Field { return t.inputs }

// ComputedFields lists the derived fields in evaluation order.
func (t *Template) ComputedFields() []*Field { return t.computed }

// Label returns a template text with {Y} and {Y+1} filled from the reporting
// year; an unknown year shows as ÅÅÅÅ, as the paper form's "(ÅRSTALL)".
func Label(text string, year int64, known bool) string {
	if !strings.Contains(text, "{Y") {
		return text
	}
	y, y1 := "ÅÅÅÅ", "ÅÅÅÅ"
	if known {
		y, y1 = strconv.FormatInt(year, 10), strconv.FormatInt(year+1, 10)
	}
	return strings.NewReplacer("{Y}", y, "{Y+1}", y1).Replace(text)
}

//go:embed templates/*.yaml
var embedded embed.FS

// Registry holds the templates the program knows, by id.
type Registry struct {
	byID map[string]*Template
	ids  []string
}

// Lookup returns the template with the given id.
func (r *Registry) Lookup(id string) (*Template, bool) {
	t, ok := r.byID[id]
	return t, ok
}

// Templates lists the templates sorted by id.
func (r *Registry) Templates() []*Template {
	out := make([]*Template, len(r.ids))
	for i, id := range r.ids {
		out[i] = r.byID[id]
	}
	return out
}

// NewRegistry builds a registry from parsed templates.
func NewRegistry(ts ...*Template) (*Registry, error) {
	r := &Registry{byID: map[string]*Template{}}
	for _, t := range ts {
		if _, dup := r.byID[t.ID]; dup {
			return nil, fmt.Errorf("template %s is defined twice", t.ID)
		}
		r.byID[t.ID] = t
		r.ids = append(r.ids, t.ID)
	}
	sort.Strings(r.ids)
	return r, nil
}

var builtin *Registry

func init() {
	var ts []*Template
	names, err := fs.Glob(embedded, "templates/*.yaml")
	if err == nil {
		for _, name := range names {
			var data []byte
			if data, err = embedded.ReadFile(name); err != nil {
				break
			}
			var t *Template
			if t, err = ParseTemplate(data); err != nil {
				err = fmt.Errorf("%s: %w", path.Base(name), err)
				break
			}
			ts = append(ts, t)
		}
	}
	if err == nil {
		builtin, err = NewRegistry(ts...)
	}
	if err != nil {
		// An embedded template that does not load is a build defect, caught by every test.
		panic("model: embedded template: " + err.Error())
	}
}

// Builtin returns the templates embedded in the program.
func Builtin() *Registry { return builtin }

// ParseTemplate reads a template from YAML and checks that it is sound: unique
// ids, known types, and expressions that compile and read only known fields.
func ParseTemplate(data []byte) (*Template, error) {
	var t Template
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("template: %w", err)
	}
	if err := t.link(); err != nil {
		return nil, fmt.Errorf("template %s: %w", t.ID, err)
	}
	return &t, nil
}

func (t *Template) link() error {
	if t.ID == "" {
		return errors.New("missing id")
	}
	t.byID = map[string]*Field{}
	for i, s := range t.Sections {
		s.index = i
		for _, f := range s.Fields {
			if f.ID == "" {
				return fmt.Errorf("section %s: a field has no id", s.ID)
			}
			if _, dup := t.byID[f.ID]; dup {
				return fmt.Errorf("field %s is defined twice", f.ID)
			}
			if !f.Type.known() {
				return fmt.Errorf("field %s: unknown type %q", f.ID, f.Type)
			}
			f.section = s
			t.byID[f.ID] = f
			t.fields = append(t.fields, f)
		}
	}
	for _, f := range t.fields {
		if f.Comment != "" && t.byID[f.Comment] == nil {
			return fmt.Errorf("field %s: comment field %s does not exist", f.ID, f.Comment)
		}
		if !f.Computed() {
			t.inputs = append(t.inputs, f)
			continue
		}
		if f.Type != TypeCount {
			return fmt.Errorf("field %s: only counts can be computed", f.ID)
		}
		prog, deps, err := t.compile(f.Compute, expr.AsInt64())
		if err != nil {
			return fmt.Errorf("field %s: %w", f.ID, err)
		}
		for _, d := range deps {
			if dep := t.byID[d]; dep.Computed() && !t.isComputedBefore(d) {
				return fmt.Errorf("field %s reads %s, which is computed later", f.ID, d)
			}
		}
		f.program, f.deps = prog, deps
		t.computed = append(t.computed, f)
	}
	for _, r := range t.Rules {
		if t.byID[r.Field] == nil {
			return fmt.Errorf("rule on unknown field %s", r.Field)
		}
		prog, deps, err := t.compile(r.Check, expr.AsBool())
		if err != nil {
			return fmt.Errorf("rule on %s: %w", r.Field, err)
		}
		r.program, r.deps = prog, deps
	}
	for _, s := range t.Sections {
		if s.Table == nil {
			continue
		}
		rows := append([]Row{}, s.Table.Rows...)
		if s.Table.Sum != nil {
			rows = append(rows, *s.Table.Sum)
		}
		for _, row := range rows {
			for _, col := range s.Table.Columns {
				if t.byID[s.Table.Cell(row, col)] == nil {
					return fmt.Errorf("table %s: cell %s has no field", s.ID, s.Table.Cell(row, col))
				}
			}
			if row.LabelField != "" && t.byID[row.LabelField] == nil {
				return fmt.Errorf("table %s: label field %s does not exist", s.ID, row.LabelField)
			}
		}
	}
	for _, c := range t.CarryOver {
		to := c.To
		if to == "" {
			to = c.From
		}
		if t.byID[c.From] == nil || t.byID[to] == nil || t.byID[to].Computed() {
			return fmt.Errorf("carry-over %s → %s names an unknown or computed field", c.From, to)
		}
	}
	for _, id := range []string{t.YearField, t.KommuneField} {
		if id != "" && t.byID[id] == nil {
			return fmt.Errorf("field %s does not exist", id)
		}
	}
	return nil
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
func (t *Template) compile(code string, result expr.Option) (*vm.Program, []string, error) {
	tree, err := parser.Parse(code)
	if err != nil {
		return nil, nil, err
	}
	c := &depCollector{}
	ast.Walk(&tree.Node, c)
	if c.err != nil {
		return nil, nil, c.err
	}
	for _, d := range c.deps {
		if t.byID[d] == nil {
			return nil, nil, fmt.Errorf("expression reads unknown field %s", d)
		}
	}
	prog, err := expr.Compile(code, expr.Env(compileEnv()), result)
	if err != nil {
		return nil, nil, err
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
		c.err = errors.New("v() takes one field id")
		return
	}
	s, ok := call.Arguments[0].(*ast.StringNode)
	if !ok {
		c.err = errors.New("v() needs a field id in quotes")
		return
	}
	for _, d := range c.deps {
		if d == s.Value {
			return
		}
	}
	c.deps = append(c.deps, s.Value)
}
