package model

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/expr-lang/expr/vm"
)

// State is whether a report may still change.
type State string

// The states of a report.
const (
	Draft State = "draft"
	Final State = "final"
)

// Word is the state as a list of reports says it: "endelig", or "kladd"
// for anything that is not final.
func (s State) Word() string {
	if s == Final {
		return "endelig"
	}
	return "kladd"
}

// Report is one municipality's report for one year: the answers by field id.
type Report struct {
	ID          string
	Template    *Template
	State       State
	CreatedAt   time.Time
	UpdatedAt   time.Time
	FinalizedAt *time.Time
	CarriedFrom string

	values map[string]Value
	// retired holds answers of an older version of the template that have
	// no field in this one, by their old id, until the user removes them.
	retired map[string]Value
}

// ShortID is as much of a report id as a user needs to tell reports apart
// and to find one: every command takes a unique prefix of an id.
func ShortID(id string) string { return id[:min(len(id), 8)] }

// NewID returns a fresh report id: random, so reports made on different
// machines never collide, and short enough to type a prefix of.
func NewID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b[:])
}

// NewReport returns an empty draft with the template's defaults filled in.
func NewReport(t *Template, now time.Time) *Report {
	r := &Report{ID: NewID(), Template: t, State: Draft, CreatedAt: now, UpdatedAt: now, values: map[string]Value{}}
	for _, f := range t.inputs {
		if f.Default != "" {
			r.values[f.ID] = TextValue(f.Default)
		}
	}
	return r
}

// ErrNoKommune refuses a new report without a kommune: reports are told
// apart by kommune and year.
var ErrNoKommune = errors.New("skriv kommunens navn")

// NewKommune checks the kommune typed for a new report, and returns it as
// it is kept: spacing tidied.
func NewKommune(typed string) (string, error) {
	kommune := strings.Join(strings.Fields(typed), " ")
	if kommune == "" {
		return "", ErrNoKommune
	}
	return kommune, nil
}

// NewYear checks the reporting year typed for a new report: four digits,
// never left empty, never kept as typed as a draft's answer may be. The
// year just ended is the example, being what a case worker most often
// writes.
func NewYear(typed string, now time.Time) (int64, error) {
	v, err := ParseYear(typed)
	if err != nil {
		return 0, err
	}
	if v.Kind != Number {
		return 0, fmt.Errorf("skriv rapporteringsåret med fire sifre, for eksempel %d", now.Year()-1)
	}
	return v.Num, nil
}

// NewNamedReport makes a report in t for the kommune and year typed, after
// the checks of NewKommune and NewYear, so that every label of the report
// is right from its first screen. Both the full-screen dialog and the line
// mode make new reports with it.
func NewNamedReport(t *Template, now time.Time, kommune, year string) (*Report, error) {
	kommune, err := NewKommune(kommune)
	if err != nil {
		return nil, err
	}
	y, err := NewYear(year, now)
	if err != nil {
		return nil, err
	}
	r := NewReport(t, now)
	if err := r.Input(t.KommuneField, kommune); err != nil {
		return nil, err
	}
	if err := r.Set(t.YearField, NumberValue(y)); err != nil {
		return nil, err
	}
	return r, nil
}

// Value returns the answer of an input field.
func (r *Report) Value(id string) Value { return r.values[id] }

// Values returns a copy of every answer.
func (r *Report) Values() map[string]Value {
	out := make(map[string]Value, len(r.values))
	for k, v := range r.values {
		out[k] = v
	}
	return out
}

// Retired returns a copy of the answers kept from an older version of the
// template, by their old field id.
func (r *Report) Retired() map[string]Value {
	out := make(map[string]Value, len(r.retired))
	for k, v := range r.retired {
		out[k] = v
	}
	return out
}

// RetiredCount is how many answers are kept from an older version.
func (r *Report) RetiredCount() int { return len(r.retired) }

// RetiredIDs lists the old ids of the kept answers, sorted.
func (r *Report) RetiredIDs() []string {
	ids := make([]string, 0, len(r.retired))
	for id := range r.retired {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// RetiredTitle is the heading of the kept answers, wherever they are shown.
const RetiredTitle = "Svar fra en eldre utgave av skjemaet"

// RetiredNote says what the kept answers are, under RetiredTitle.
const RetiredNote = "Disse svarene ble gitt i en eldre utgave av skjemaet, og feltene deres finnes ikke i denne. De er tatt vare på, men er ikke en del av rapporten."

// RemoveRetired drops a kept answer of an older version: only ever because
// the user said so.
func (r *Report) RemoveRetired(id string) error {
	if r.State == Final {
		return ErrReadOnly
	}
	delete(r.retired, id)
	return nil
}

// ErrReadOnly is returned when a final report is changed.
var ErrReadOnly = fmt.Errorf("rapporten er endelig og kan ikke endres; åpne den igjen som utkast først")

// Set stores an answer. The empty value removes it.
func (r *Report) Set(id string, v Value) error {
	f := r.Template.Field(id)
	if f == nil {
		return fmt.Errorf("ukjent felt %s", id)
	}
	if f.Computed() {
		return fmt.Errorf("%s regnes ut og kan ikke fylles inn", id)
	}
	if r.State == Final {
		return ErrReadOnly
	}
	// A value of the wrong kind would be exported in a form Decode refuses.
	if v.Kind != Empty && !f.accepts(v) {
		return fmt.Errorf("%s tar ikke en slik verdi", id)
	}
	switch {
	case v.Kind == Text && f.Type.IsNumber():
		// Text that reads as a number is that number: a count holds text
		// only while it is no whole count.
		v = ParseInput(f.Type, v.Text)
	case v.Kind == Text:
		v = TextValue(CleanText(v.Text)) // "" is no answer, as on import
	}
	if v.Kind == Empty {
		delete(r.values, id)
		return nil
	}
	r.values[id] = v
	return nil
}

// accepts reports whether a non-empty value has the kind the field's type takes.
func (f *Field) accepts(v Value) bool {
	switch f.Type {
	case TypeCount:
		// Text is what was typed when it is no whole count: kept, not lost.
		return v.Kind == Number || v.Kind == NotAvailable || v.Kind == Text
	case TypeYear:
		return v.Kind == Number || v.Kind == Text
	}
	return v.Kind == Text
}

// Input parses what the user typed into a field and stores it. What does
// not parse (a count "-3", a date "18.02.") is kept as typed, for
// validation to report: nothing typed is lost.
func (r *Report) Input(id, typed string) error {
	f := r.Template.Field(id)
	if f == nil {
		return fmt.Errorf("ukjent felt %s", id)
	}
	return r.Set(id, ParseInput(f.Type, typed))
}

// Year returns the reporting year, if answered.
func (r *Report) Year() (int64, bool) {
	v := r.values[r.Template.YearField]
	return v.Num, v.Kind == Number
}

// Kommune returns the municipality's name as answered.
func (r *Report) Kommune() string { return r.values[r.Template.KommuneField].Text }

// KommuneKey is a kommune's name as compared: case and spacing aside, so
// that "Gjøvik  Kommune" and "gjøvik kommune" are one kommune. Reports of
// one kommune are told by it everywhere (last year's report, the list,
// duplicates in a summary).
func KommuneKey(name string) string { return strings.ToLower(strings.Join(strings.Fields(name), " ")) }

// SameKommune reports whether two names are of one kommune (see KommuneKey).
func SameKommune(a, b string) bool { return KommuneKey(a) == KommuneKey(b) }

// Label returns a template text with the report's year filled in.
func (r *Report) Label(text string) string {
	y, ok := r.Year()
	return Label(text, y, ok)
}

// Prompts returns a field's prompts with the report's year filled in.
func (r *Report) Prompts(f *Field) []string {
	y, ok := r.Year()
	return Labels(f.Prompts, y, ok)
}

// Deadline returns the report's due date (28.02 of the year after), if the year is known.
func (r *Report) Deadline() (time.Time, bool) {
	y, ok := r.Year()
	if !ok {
		return time.Time{}, false
	}
	return r.Template.DueDate(int(y))
}

// DueDate returns the day a report for the given year is due, when the
// template sets a deadline.
func (t *Template) DueDate(year int) (time.Time, bool) {
	d := t.Deadline
	if d.Month == 0 || d.Day == 0 {
		return time.Time{}, false
	}
	return time.Date(year+d.YearOffset, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.Local), true
}

// DeadlineNote says when a report is due and how far off that is, as the
// list, «boso list» and the first screen show it: "28.02.2013 · 18 dager
// igjen", "28.02.2013 · 3 dager over fristen". A final report has been
// delivered: its date stands alone and is never overdue.
func DeadlineNote(due, now time.Time, final bool) (text string, overdue bool) {
	date := due.Format("02.01.2006")
	if final {
		return date, false
	}
	// Whole calendar days, counted in UTC so that a change to summer time
	// cannot make a day 23 hours long.
	y, m, d := due.Date()
	dueDay := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	y, m, d = now.Local().Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	days := int(dueDay.Sub(today).Hours() / 24)
	switch {
	case days == 0:
		return date + " · frist i dag", false
	case days == 1:
		return date + " · 1 dag igjen", false
	case days > 1:
		return fmt.Sprintf("%s · %d dager igjen", date, days), false
	case days == -1:
		return date + " · 1 dag over fristen", true
	}
	return fmt.Sprintf("%s · %d dager over fristen", date, -days), true
}

// Completion counts the answers the report has against the answers a
// finished report has. It is the one rule every screen and the list use:
//   - a required field, a number and a narrative text are expected;
//   - a row's comment is expected only while its number is marked X (then
//     the comment is required); otherwise it, like any other optional field,
//     counts neither way, so an empty one is not missing;
//   - a value that is still the template's default counts as answered only
//     once something else on its screen is answered: a new report has
//     answered nothing.
func (r *Report) Completion() (answered, total int) {
	for _, s := range r.Template.Sections {
		a, t := r.SectionCompletion(s)
		answered += a
		total += t
	}
	return answered, total
}

// SectionCompletion is Completion for one screen.
func (r *Report) SectionCompletion(s *Section) (answered, total int) {
	touched := false
	defaults := 0
	for _, f := range s.Fields {
		v := r.values[f.ID]
		isDefault := f.Default != "" && v.Kind == Text && v.Text == f.Default
		if !v.IsEmpty() && !isDefault {
			touched = true
		}
		if !r.expected(f) {
			continue
		}
		total++
		switch {
		case isDefault:
			defaults++
		case !v.IsEmpty():
			answered++
		}
	}
	if touched {
		answered += defaults
	}
	return answered, total
}

// expected reports whether a finished report answers f.
func (r *Report) expected(f *Field) bool {
	switch {
	case f.Computed():
		return false
	case f.Required || f.Type == TypeCount || f.Narrative():
		return true
	}
	for _, n := range f.explains {
		if r.values[n.ID].Kind == NotAvailable {
			return true
		}
	}
	return false
}

// Computer evaluates computed fields and rules; it reuses one expression VM
// so that the recomputation on every keystroke allocates little. It is not
// safe for concurrent use.
type Computer struct {
	machine  vm.VM
	tmpl     *Template
	values   map[string]Value
	computed map[string]Value
	env      exprEnv
}

// NewComputer returns a Computer.
func NewComputer() *Computer {
	c := &Computer{}
	c.env = exprEnv{"v": c.lookup}
	return c
}

func (c *Computer) lookup(args ...any) any {
	// The template loader has checked that every call has one string literal.
	id, _ := args[0].(string)
	v, ok := c.values[id]
	if !ok {
		v = c.computed[id]
	}
	if v.Kind == Number {
		return v.Num
	}
	return v.Text
}

// ready reports whether every input of an expression has a usable value.
func (c *Computer) ready(deps []string) bool { return c.inputs(deps) == Number }

// inputs sums up the inputs of an expression in one state: Empty when one
// of them is not answered yet (or holds text kept as typed that is no date
// or no whole number yet), else NotAvailable when one is (marked X, or
// computed from an X), else Number.
func (c *Computer) inputs(deps []string) Kind {
	state := Number
	for _, d := range deps {
		v, ok := c.values[d]
		if !ok {
			v = c.computed[d]
		}
		t := c.tmpl.byID[d].Type
		switch {
		case v.Kind == Empty, t == TypeDate && !isISODate(v.Text), t.IsNumber() && v.Kind == Text:
			return Empty
		case v.Kind == NotAvailable:
			state = NotAvailable
		}
	}
	return state
}

func (c *Computer) bind(r *Report, computed map[string]Value) func() {
	c.tmpl, c.values, c.computed = r.Template, r.values, computed
	return func() { c.tmpl, c.values, c.computed = nil, nil, nil }
}

// Compute derives every computed field from the report's answers. This is
// the one place that tells "not answered yet" from "not available", and
// every rendering (grid, printout, preview, summary, line mode) shows what
// it says: a value is Empty while one of its inputs is not answered yet,
// and once all are in, NotAvailable (X) only when one upstream is marked X
// (or the expression fails on the answers), else a number.
func (c *Computer) Compute(r *Report) map[string]Value {
	out := make(map[string]Value, len(r.Template.computed))
	defer c.bind(r, out)()
	for _, f := range r.Template.computed {
		switch c.inputs(f.deps) {
		case NotAvailable:
			out[f.ID] = NA
			continue
		case Empty:
			out[f.ID] = Value{}
			continue
		}
		out[f.ID] = NA
		res, err := c.machine.Run(f.program, c.env)
		if n, ok := res.(int64); ok && err == nil {
			out[f.ID] = NumberValue(n)
		}
	}
	return out
}

// holds evaluates a rule; a rule whose inputs are not all answered does not
// apply yet (the missing answers are reported on their own).
func (c *Computer) holds(r *Report, computed map[string]Value, rule *Rule) bool {
	defer c.bind(r, computed)()
	if !c.ready(rule.deps) {
		return true
	}
	res, err := c.machine.Run(rule.program, c.env)
	ok, isBool := res.(bool)
	return err != nil || !isBool || ok
}

// Compute derives every computed field of a report.
func Compute(r *Report) map[string]Value { return NewComputer().Compute(r) }
