package store

import (
	"errors"
	"fmt"

	"boso/model"
)

// SummaryOf is the index entry of a report: what the list of reports shows.
func SummaryOf(r *model.Report) Summary {
	answered, total := r.Completion()
	year, _ := r.Year()
	return Summary{
		ID: r.ID, Template: r.Template.ID, TemplateVersion: r.Template.Version, Kommune: r.Kommune(), Year: int(year), State: string(r.State),
		Answered: answered, Total: total, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	}
}

// PutReport saves a report in the export format, with where the user was in
// it. expected is the revision last read (0 for a new report); the new
// revision is returned, or ErrConflict if another window saved in between.
func PutReport(s *Store, r *model.Report, position string, expected int64) (int64, error) {
	rec, err := RecordOf(r, position)
	if err != nil {
		return 0, err
	}
	return s.Put(rec, expected)
}

// RecordOf encodes a report for saving. The UI calls it where it owns the
// report, and hands the record to a background save, so that the save never
// reads a report that the next keystroke is changing.
func RecordOf(r *model.Report, position string) (Record, error) {
	data, err := model.Encode(r)
	if err != nil {
		return Record{}, fmt.Errorf("store: encode report %s: %w", r.ID, err)
	}
	return Record{Summary: SummaryOf(r), Data: data, Position: position}, nil
}

// GetReport reads a report and decodes it with the templates in reg. A
// report of an edition reg lacks is not damaged: the error wraps a
// *model.EditionError, and the record comes back all the same, so that it can
// be exported as stored, backed up or deleted. A stored report that no longer
// decodes otherwise is reported as ErrCorrupt, naming the report.
func GetReport(s *Store, id string, reg *model.Registry) (*model.Report, Record, error) {
	rec, err := s.Get(id)
	if err != nil {
		return nil, Record{}, err
	}
	r, err := model.Decode(rec.Data, reg)
	var ee *model.EditionError
	switch {
	case errors.As(err, &ee):
		return nil, rec, fmt.Errorf("store: report %s: %w", id, ee)
	case err != nil:
		return nil, Record{}, fmt.Errorf("store: report %s cannot be read (%v): %w", id, err, ErrCorrupt)
	}
	return r, rec, nil
}

// Export is what an export of a stored report holds, in format "json" or
// "md": r laid out by its edition. A report whose edition is not installed
// (edition is the error GetReport gave, and r is nil) goes out as JSON
// exactly as stored, which is the export format already; without its
// edition it cannot be laid out as Markdown, and edition comes back.
func Export(r *model.Report, rec Record, edition error, format string) ([]byte, error) {
	switch {
	case edition != nil && format == "md":
		return nil, edition
	case edition != nil:
		return rec.Data, nil
	case format == "md":
		return model.Markdown(r), nil
	}
	return model.Encode(r)
}
