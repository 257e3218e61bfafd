package store

import (
	"bytes"
	"errors"
	"testing"

	"boso/model"
)

func TestExport(t *testing.T) {
	s, last := previousFixture(t)
	r, rec, err := GetReport(s, last.ID, model.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	encoded, err := model.Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	// Without the edition, GetReport gives the record and an error.
	_, stored, edition := GetReport(s, last.ID, &model.Registry{})
	var ee *model.EditionError
	if !errors.As(edition, &ee) {
		t.Fatalf("without the edition: %v", edition)
	}
	for _, tc := range []struct {
		name    string
		r       *model.Report
		rec     Record
		edition error
		format  string
		want    []byte
		err     error
	}{
		{"json", r, rec, nil, "json", encoded, nil},
		{"md", r, rec, nil, "md", model.Markdown(r), nil},
		// What is stored is the export format already.
		{"json without the edition", nil, stored, edition, "json", stored.Data, nil},
		{"md without the edition", nil, stored, edition, "md", nil, edition},
	} {
		got, err := Export(tc.r, tc.rec, tc.edition, tc.format)
		if !bytes.Equal(got, tc.want) || err != tc.err {
			t.Errorf("%s: %d bytes, %v; want %d bytes, %v", tc.name, len(got), err, len(tc.want), tc.err)
		}
	}
}
