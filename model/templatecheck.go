package model

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// TemplateProblem is one thing wrong in a template file, at a line (0 when
// the file has no line to point at).
type TemplateProblem struct {
	Line int
	Msg  string
}

// TemplateError lists every problem found in one template file, so that the
// person writing an edition can fix them all in one go.
type TemplateError struct {
	File     string
	Problems []TemplateProblem
}

// Error gives one line per problem, "FILE:LINE: sentence", as compilers do,
// so that an editor can jump to it.
func (e *TemplateError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = e.Where(p) + ": " + p.Msg
	}
	return strings.Join(lines, "\n")
}

// Where names the file and line of a problem: "FILE:LINE".
func (e *TemplateError) Where(p TemplateProblem) string {
	file := e.File
	if file == "" {
		file = "malen"
	}
	if p.Line == 0 {
		return file
	}
	return file + ":" + strconv.Itoa(p.Line)
}

// ParseTemplate reads a template from YAML and checks that it is sound. A
// template that is not comes with a *TemplateError listing every problem.
func ParseTemplate(data []byte) (*Template, error) { return ParseTemplateFile("", data) }

// ParseTemplateFile is ParseTemplate for a file: problems name it, and the
// template remembers it as its source.
func ParseTemplateFile(name string, data []byte) (*Template, error) {
	c := &checker{err: &TemplateError{File: name}}
	t := c.parse(data)
	if len(c.err.Problems) > 0 {
		sort.SliceStable(c.err.Problems, func(i, j int) bool { return c.err.Problems[i].Line < c.err.Problems[j].Line })
		return nil, c.err
	}
	t.source = name
	return t, nil
}

// checker collects a template's problems with the line each is on.
type checker struct {
	root *yaml.Node
	err  *TemplateError
}

func (c *checker) add(line int, format string, args ...any) {
	c.err.Problems = append(c.err.Problems, TemplateProblem{Line: line, Msg: fmt.Sprintf(format, args...)})
}

// yamlLine finds the "line N: " go-yaml puts in its messages.
var yamlLine = regexp.MustCompile(`line (\d+): `)

// yamlParserError matches the messages of go-yaml's parser, as opposed to
// its scanner.
var yamlParserError = regexp.MustCompile(`^did not find expected (<document start>|node content|key|'-' indicator|',' or)`)

func (c *checker) parse(data []byte) *Template {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		c.yamlProblem(err.Error())
		return nil
	}
	if len(doc.Content) == 0 {
		c.add(0, "filen er tom")
		return nil
	}
	c.root = doc.Content[0]
	var t Template
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&t); err != nil {
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			c.yamlProblem(err.Error())
			return nil
		}
		for _, msg := range te.Errors {
			c.yamlProblem(msg)
		}
		return nil
	}
	c.link(&t)
	return &t
}

// yamlProblem turns one of go-yaml's messages into a sentence at its line.
func (c *checker) yamlProblem(msg string) {
	line := 0
	if m := yamlLine.FindStringSubmatchIndex(msg); m != nil {
		line, _ = strconv.Atoi(msg[m[2]:m[3]])
		msg = msg[m[1]:]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if line > 0 && yamlParserError.MatchString(msg) {
		line++ // go-yaml counts these from 0 (its parser.fail), unlike the rest
	}
	if field, ok := strings.CutPrefix(msg, "field "); ok {
		if name, _, ok := strings.Cut(field, " not found in type "); ok {
			c.add(line, "ukjent nøkkel «%s»", name)
			return
		}
	}
	if rest, ok := strings.CutPrefix(msg, "cannot unmarshal "); ok {
		if val, into, ok := strings.Cut(rest, " into "); ok {
			c.add(line, "verdien %s passer ikke her (skal være %s)", yamlValue(val), yamlKind(into))
			return
		}
	}
	hint := ""
	if strings.Contains(msg, "did not find expected") || strings.Contains(msg, "mapping values are not allowed") {
		hint = "; en tekst med { } : eller # skal stå i anførselstegn"
	}
	c.add(line, "filen er ikke gyldig YAML (%s)%s", msg, hint)
}

func yamlValue(s string) string {
	if _, v, ok := strings.Cut(s, " `"); ok {
		return "«" + strings.TrimSuffix(v, "`") + "»"
	}
	return "her"
}

func yamlKind(goType string) string {
	switch {
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "*int"):
		return "et helt tall"
	case goType == "bool":
		return "true eller false"
	case goType == "string", strings.HasSuffix(goType, "FieldType"):
		return "tekst"
	case strings.HasPrefix(goType, "[]"):
		return "en liste"
	}
	return "en nøkkel: verdi-tabell"
}

// line returns the line of the node at path (mapping keys as strings,
// sequence positions as ints), or of the deepest part of it that exists.
func (c *checker) line(path ...any) int {
	n := c.root
	line := 1
	if n != nil {
		line = n.Line
	}
	for _, p := range path {
		if n == nil {
			break
		}
		var next *yaml.Node
		switch p := p.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == p {
						line, next = n.Content[i].Line, n.Content[i+1]
						break
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && p < len(n.Content) {
				next = n.Content[p]
				line = next.Line
			}
		}
		n = next
	}
	return line
}

// placeholder matches what looks meant as a year placeholder.
var placeholder = regexp.MustCompile(`\{Y[^}]*\}`)

// checkText reports a year placeholder other than {Y}, {Y+1} and {Y-1}:
// it would reach the screen as typed.
func (c *checker) checkText(text string, path ...any) {
	for _, p := range placeholder.FindAllString(text, -1) {
		if p != "{Y}" && p != "{Y+1}" && p != "{Y-1}" {
			c.add(c.line(path...), "ukjent plassholder %s (bruk {Y}, {Y+1} eller {Y-1})", p)
		}
	}
}

func (c *checker) link(t *Template) {
	t.line = c.line("id")
	if t.ID == "" {
		c.add(c.line(), "malen mangler id")
	}
	if t.Version == 0 {
		t.Version = 1
	} else if t.Version < 0 {
		c.add(c.line("version"), "version skal være 1 eller mer")
	}
	c.checkText(t.Title, "title")
	t.byID = map[string]*Field{}
	for i, s := range t.Sections {
		s.index = i
		c.checkText(s.Title, "sections", i, "title")
		c.checkText(s.Heading, "sections", i, "heading")
		c.checkText(s.Intro, "sections", i, "intro")
		c.checkText(s.Note, "sections", i, "note")
		for j, f := range s.Fields {
			at := []any{"sections", i, "fields", j}
			switch {
			case f.ID == "":
				c.add(c.line(at...), "et felt i %s mangler id", s.ID)
				continue
			case t.byID[f.ID] != nil:
				c.add(c.line(at...), "feltet %s finnes fra før i malen", f.ID)
				continue
			case !f.Type.known():
				c.add(c.line(append(at, "type")...), "feltet %s har ukjent type «%s» (bruk text, longtext, count, year, date, phone eller email)", f.ID, f.Type)
			}
			c.checkText(f.Label, append(at, "label")...)
			c.checkText(f.Help, append(at, "help")...)
			for _, p := range f.Prompts {
				c.checkText(p, append(at, "prompts")...)
			}
			f.section = s
			t.byID[f.ID] = f
			t.fields = append(t.fields, f)
		}
	}
	for _, f := range t.fields {
		at := c.fieldPath(t, f)
		if f.Comment != "" {
			if comment := t.byID[f.Comment]; comment != nil {
				comment.explains = append(comment.explains, f)
			} else {
				c.add(c.line(append(at, "comment")...), "feltet %s: kommentarfeltet %s finnes ikke", f.ID, f.Comment)
			}
		}
		if !f.Computed() {
			t.inputs = append(t.inputs, f)
			continue
		}
		if f.Type != TypeCount {
			c.add(c.line(append(at, "type")...), "feltet %s: bare count-felt kan regnes ut", f.ID)
			continue
		}
		prog, deps, err := t.compile(f.Compute, true)
		if err != nil {
			c.add(c.line(append(at, "compute")...), "feltet %s: %v", f.ID, err)
			continue
		}
		for _, d := range deps {
			if dep := t.byID[d]; dep.Computed() && !t.isComputedBefore(d) {
				c.add(c.line(append(at, "compute")...), "feltet %s leser %s, som regnes ut senere i malen", f.ID, d)
			}
		}
		f.program, f.deps = prog, deps
		t.computed = append(t.computed, f)
	}
	for i, r := range t.Rules {
		if t.byID[r.Field] == nil {
			c.add(c.line("rules", i, "field"), "regelen gjelder feltet %s, som ikke finnes", r.Field)
			continue
		}
		prog, deps, err := t.compile(r.Check, false)
		if err != nil {
			c.add(c.line("rules", i, "check"), "regelen på %s: %v", r.Field, err)
			continue
		}
		r.program, r.deps = prog, deps
		for _, id := range braced(r.Message) {
			if t.byID[id] == nil && !strings.HasPrefix(id, "Y") {
				c.add(c.line("rules", i, "message"), "meldingen nevner {%s}, men feltet %s finnes ikke", id, id)
			}
		}
	}
	for i, s := range t.Sections {
		if s.Table == nil {
			continue
		}
		rows := append([]Row{}, s.Table.Rows...)
		if s.Table.Sum != nil {
			rows = append(rows, *s.Table.Sum)
		}
		for k, col := range s.Table.Columns {
			c.checkText(col.Label, "sections", i, "table", "columns", k)
		}
		for _, row := range rows {
			c.checkText(row.Label, "sections", i, "table")
			c.checkText(row.Help, "sections", i, "table")
			for _, col := range s.Table.Columns {
				if t.byID[s.Table.Cell(row, col)] == nil {
					c.add(c.line("sections", i, "table"), "tabellen i %s: cellen %s har ikke noe felt", s.ID, s.Table.Cell(row, col))
				}
			}
			if row.LabelField != "" && t.byID[row.LabelField] == nil {
				c.add(c.line("sections", i, "table"), "tabellen i %s: label_field %s finnes ikke", s.ID, row.LabelField)
			}
		}
	}
	for i, co := range t.CarryOver {
		to := co.To
		if to == "" {
			to = co.From
		}
		switch {
		case t.byID[co.From] == nil:
			c.add(c.line("carry_over", i), "carry_over: feltet %s finnes ikke", co.From)
		case t.byID[to] == nil:
			c.add(c.line("carry_over", i), "carry_over: feltet %s finnes ikke", to)
		case t.byID[to].Computed():
			c.add(c.line("carry_over", i), "carry_over: feltet %s regnes ut og kan ikke fylles inn", to)
		}
	}
	c.checkRenamed(t)
	switch f := t.byID[t.YearField]; {
	case t.YearField == "":
	case f == nil:
		c.add(c.line("year_field"), "year_field: feltet %s finnes ikke", t.YearField)
	case !f.Type.IsNumber() || f.Computed():
		c.add(c.line("year_field"), "year_field: feltet %s er av typen %s; det skal være year eller count", t.YearField, f.Type)
	}
	if t.KommuneField != "" && t.byID[t.KommuneField] == nil {
		c.add(c.line("kommune_field"), "kommune_field: feltet %s finnes ikke", t.KommuneField)
	}
}

// checkRenamed insists that every rename ends at a field of this version and
// starts at one that is gone: an old id still in use would be ambiguous.
func (c *checker) checkRenamed(t *Template) {
	olds := make([]string, 0, len(t.Renamed))
	for old := range t.Renamed {
		olds = append(olds, old)
	}
	sort.Strings(olds)
	for _, old := range olds {
		to := t.Renamed[old]
		switch {
		case t.byID[old] != nil:
			c.add(c.line("renamed", old), "renamed: %s finnes fortsatt i malen og kan ikke ha fått nytt navn", old)
		case t.byID[to] == nil:
			c.add(c.line("renamed", old), "renamed: %s skal hete %s, men feltet %s finnes ikke", old, to, to)
		case t.byID[to].Computed():
			c.add(c.line("renamed", old), "renamed: %s regnes ut og kan ikke ta imot svar", to)
		}
	}
}

// fieldPath is where a field stands in the file.
func (c *checker) fieldPath(t *Template, f *Field) []any {
	for j, g := range f.section.Fields {
		if g == f {
			return []any{"sections", f.section.index, "fields", j}
		}
	}
	return nil
}

// braced lists the {names} in a rule's message.
func braced(msg string) []string {
	var out []string
	for {
		open := strings.IndexByte(msg, '{')
		end := strings.IndexByte(msg, '}')
		if open < 0 || end < open {
			return out
		}
		out = append(out, msg[open+1:end])
		msg = msg[end+1:]
	}
}
