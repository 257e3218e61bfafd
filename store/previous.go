package store

import (
	"errors"
	"time"

	"boso/model"
)

// Previous finds last year's report of r, for the screens and the printout
// to show beside this year's figures: the report r was carried over from,
// or else the report of the same kommune (model.SameKommune) for the year
// before, whatever edition of the form it follows (a field id is the same
// question in every edition) — a final one before a draft, the one saved
// last before the others (a copy kept after a conflict is one more draft).
// A first year has none: Previous then returns nil and no error.
func Previous(s *Store, r *model.Report, reg *model.Registry) (*model.Report, error) {
	if r.CarriedFrom != "" {
		p, _, err := GetReport(s, r.CarriedFrom, reg)
		if err == nil {
			return p, nil
		}
		// A deleted predecessor is no error: look for the year before.
		if !errors.Is(err, ErrNotFound) {
			return nil, err
		}
	}
	year, ok := r.Year()
	if !ok || model.KommuneKey(r.Kommune()) == "" {
		return nil, nil
	}
	list, err := s.List()
	if err != nil {
		return nil, err
	}
	var best *Summary
	for i, c := range list {
		if c.ID == r.ID || int64(c.Year) != year-1 || !model.SameKommune(c.Kommune, r.Kommune()) {
			continue
		}
		if best == nil || better(c, *best) {
			best = &list[i]
		}
	}
	if best == nil {
		return nil, nil
	}
	p, _, err := GetReport(s, best.ID, reg)
	return p, err
}

// better reports whether a is a better last year's report than b: final
// before draft, then the one saved last.
func better(a, b Summary) bool {
	if af, bf := a.State == string(model.Final), b.State == string(model.Final); af != bf {
		return af
	}
	return a.UpdatedAt.After(b.UpdatedAt)
}

// Find returns a report of kommune (model.SameKommune) for year in list,
// whatever edition of the form it follows: the duplicate check before a
// second report for one kommune and year.
func Find(list []Summary, kommune string, year int) (Summary, bool) {
	for _, s := range list {
		if s.Year == year && model.SameKommune(s.Kommune, kommune) {
			return s, true
		}
	}
	return Summary{}, false
}

// Installed reports whether reg has the edition of the form the report
// follows (its template, at its version or newer). A report whose edition
// is missing is whole, but cannot be opened until it is installed.
func (s Summary) Installed(reg *model.Registry) bool {
	t, ok := reg.Lookup(s.Template)
	return ok && t.Version >= max(s.TemplateVersion, 1)
}

// Deadline says when the report is due and how long is left at now
// (model.DeadlineNote), from the summary alone: a list must not decode
// every report to show it. It is "" when the year is not answered yet or
// the edition is not in reg.
func (s Summary) Deadline(reg *model.Registry, now time.Time) (text string, overdue bool) {
	if s.Year == 0 || reg == nil {
		return "", false
	}
	t, ok := reg.Lookup(s.Template)
	if !ok {
		return "", false
	}
	due, ok := t.DueDate(s.Year)
	if !ok {
		return "", false
	}
	return model.DeadlineNote(due, now, s.State == string(model.Final))
}

// Apart says what a list of reports must show to tell one report from
// another of the same kommune and year: its id, and its edition of the form
// too when the other follows another edition.
type Apart struct {
	ByID, ByEdition bool
}

// TellApart gives, per report id, what tells it apart from the reports of
// the same kommune (model.SameKommune) and year; a report with no such twin
// needs nothing and is not in the map.
func TellApart(list []Summary) map[string]Apart {
	type key struct {
		kommune string
		year    int
	}
	groups := map[key][]Summary{}
	for _, s := range list {
		if k := model.KommuneKey(s.Kommune); k != "" {
			groups[key{k, s.Year}] = append(groups[key{k, s.Year}], s)
		}
	}
	out := map[string]Apart{}
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		for _, s := range g {
			a := Apart{ByID: true}
			for _, o := range g {
				a.ByEdition = a.ByEdition || o.Template != s.Template
			}
			out[s.ID] = a
		}
	}
	return out
}
