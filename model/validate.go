package model

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Problem is one thing that keeps a report from being final.
type Problem struct {
	FieldID string
	Label   string   // the field's label, with the year filled in
	Section *Section // the screen the field is on
	Message string   // one sentence in Norwegian a case worker understands
}

func (p Problem) String() string { return p.FieldID + ": " + p.Message }

// Validate checks a report as finalizing needs it: every required answer,
// every format, and every cross-field rule. Problems come in form order.
func Validate(r *Report) []Problem {
	c := NewComputer()
	computed := c.Compute(r)
	var out []Problem
	add := func(f *Field, msg string) {
		out = append(out, Problem{FieldID: f.ID, Label: r.Label(f.Label), Section: f.section, Message: msg})
	}
	for _, f := range r.Template.inputs {
		if msg := r.checkField(f); msg != "" {
			add(f, msg)
		}
		for _, rule := range r.Template.Rules {
			if rule.Field == f.ID && !c.holds(r, computed, rule) {
				add(f, r.fillMessage(rule.Message))
			}
		}
	}
	return out
}

// Notes lists the merknader: the report's own texts (1.2, the delmål, 3,
// 4.1 — every narrative field) left empty. Unlike the problems Validate
// finds (mangler), they do not keep the report from being final; the user
// sees them and may finalize anyway.
func Notes(r *Report) []Problem {
	var out []Problem
	for _, f := range r.Template.inputs {
		if f.Narrative() && strings.TrimSpace(r.values[f.ID].Text) == "" {
			out = append(out, Problem{FieldID: f.ID, Label: r.Label(f.Label), Section: f.section,
				Message: "Teksten er tom. Husbanken ber om en beskrivelse her."})
		}
	}
	return out
}

// Check is what finalizing looks at: the mangler, which must be put right
// first, and the merknader, which the user may confirm and finalize anyway.
func Check(r *Report) (mangler, merknader []Problem) { return Validate(r), Notes(r) }

// FieldProblem returns what is wrong with one answer on its own, or "" — what
// a screen shows beside the field once the user leaves it.
func FieldProblem(r *Report, id string) string {
	f := r.Template.Field(id)
	if f == nil || f.Computed() {
		return ""
	}
	if msg := r.checkField(f); msg != "" {
		return msg
	}
	c := NewComputer()
	computed := c.Compute(r)
	for _, rule := range r.Template.Rules {
		if rule.Field == id && !c.holds(r, computed, rule) {
			return r.fillMessage(rule.Message)
		}
	}
	return ""
}

// sentence makes one of the package's own error texts a sentence. model
// cannot use tui/say, so it keeps this one line; it works on runes, like
// say.Capitalize, so that a text starting with æ, ø or å stays whole.
func sentence(err error) string {
	s := err.Error()
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:] + "."
}

func (r *Report) checkField(f *Field) string {
	v := r.values[f.ID]
	if v.IsEmpty() {
		switch {
		case f.Type == TypeCount:
			return "Tallet mangler. Skriv et helt tall, eller X hvis tallet ikke er tilgjengelig."
		case f.Required:
			return "Feltet må fylles ut."
		}
		return ""
	}
	if f.Type.IsNumber() && v.Kind == Text {
		// Kept as typed; the cell that shows it says the same.
		return NumberProblem(f.Type, v.Text)
	}
	switch f.Type {
	case TypeCount:
		switch {
		case v.Kind == NotAvailable:
			if f.Comment != "" && strings.TrimSpace(r.values[f.Comment].Text) == "" {
				return "Tallet er merket som ikke tilgjengelig (X). Forklar hvorfor i kommentaren på samme rad."
			}
		case v.Kind != Number:
			return sentence(ErrNotNumber)
		case v.Num < 0:
			return sentence(ErrNegative)
		case v.Num > maxCount:
			return sentence(ErrTooLarge)
		}
	case TypeYear:
		if v.Kind != Number {
			return sentence(ErrNotYear)
		}
		// A template may give only one bound.
		low, high := f.Min != nil && v.Num < *f.Min, f.Max != nil && v.Num > *f.Max
		switch {
		case (low || high) && f.Min != nil && f.Max != nil:
			return fmt.Sprintf("Året må være mellom %d og %d.", *f.Min, *f.Max)
		case low:
			return fmt.Sprintf("Året kan ikke være før %d.", *f.Min)
		case high:
			return fmt.Sprintf("Året kan ikke være etter %d.", *f.Max)
		}
	case TypeDate:
		if !isISODate(v.Text) {
			return "«" + v.Text + "» er ikke en dato. " + sentence(ErrNotDate)
		}
	case TypePhone:
		if _, err := ParsePhone(v.Text); err != nil {
			return sentence(err)
		}
	case TypeEmail:
		if err := CheckEmail(strings.TrimSpace(v.Text)); err != nil {
			return sentence(err)
		}
	case TypeText:
		if strings.ContainsAny(v.Text, "\n") {
			return sentence(ErrNotOneLine)
		}
		if f.Required && strings.TrimSpace(v.Text) == "" {
			return "Feltet må fylles ut."
		}
	}
	if v.Kind == Text && hasControl(v.Text) {
		return sentence(ErrControlChar)
	}
	return ""
}

// fillMessage replaces {field id} in a rule's message with the answer as shown.
func (r *Report) fillMessage(msg string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(msg, '{')
		end := strings.IndexByte(msg, '}')
		if open < 0 || end < open {
			b.WriteString(msg)
			return b.String()
		}
		b.WriteString(msg[:open])
		id := msg[open+1 : end]
		if f := r.Template.Field(id); f != nil {
			b.WriteString(Format(f.Type, r.values[id]))
		} else {
			b.WriteString(msg[open : end+1])
		}
		msg = msg[end+1:]
	}
}

// ProblemCount says how many problems there are, in Norwegian: "1 mangel",
// "12 mangler".
func ProblemCount(n int) string {
	if n == 1 {
		return "1 mangel"
	}
	return fmt.Sprintf("%d mangler", n)
}

// NoteCount says how many merknader there are, in Norwegian: "1 merknad",
// "3 merknader".
func NoteCount(n int) string {
	if n == 1 {
		return "1 merknad"
	}
	return fmt.Sprintf("%d merknader", n)
}

// NotesHeading heads a list of n merknader, saying that they do not stop
// finalizing.
func NotesHeading(n int) string {
	return fmt.Sprintf("Merknader (%d) – rapporten kan gjøres endelig likevel:", n)
}

// ErrHasProblems is returned by Finalize when the report is not ready.
var ErrHasProblems = errors.New("rapporten har mangler og kan ikke gjøres endelig")

// Finalize makes a report final if it has no problem; otherwise it returns
// the problems and ErrHasProblems, and the report stays a draft.
func Finalize(r *Report, now time.Time) ([]Problem, error) {
	if r.State == Final {
		return nil, nil
	}
	if ps := Validate(r); len(ps) > 0 {
		return ps, ErrHasProblems
	}
	r.State = Final
	r.FinalizedAt = &now
	r.UpdatedAt = now
	return nil, nil
}

// Reopen makes a final report a draft again.
func Reopen(r *Report, now time.Time) {
	r.State = Draft
	r.FinalizedAt = nil
	r.UpdatedAt = now
}

// CarryOverFrom starts next year's report from last year's, as the template's
// carry_over list says: general information with the year moved on, last
// year's 31.12 status as this year's 01.01 status, and the texts worth
// building on. Everything else starts empty.
func CarryOverFrom(prev *Report, now time.Time) *Report {
	return CarryOverInto(prev, prev.Template, now)
}

// CarryOverInto is CarryOverFrom into another edition t: t's carry_over list
// applies (its year rule too), and every answer it names that last year's
// report has, and t's field takes, is carried.
func CarryOverInto(prev *Report, t *Template, now time.Time) *Report {
	r := NewReport(t, now)
	r.CarriedFrom = prev.ID
	for _, c := range t.CarryOver {
		to := c.To
		if to == "" {
			to = c.From
		}
		v, ok := prev.values[c.From]
		if !ok {
			continue
		}
		if v.Kind == Number {
			v.Num += c.Add
		}
		// A figure still kept as typed is no start for next year.
		if f := t.byID[to]; f.accepts(v) && !(f.Type.IsNumber() && v.Kind == Text) {
			r.values[to] = v
		}
	}
	return r
}
