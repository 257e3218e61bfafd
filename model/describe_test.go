package model

import (
	"reflect"
	"testing"
)

func TestDescribe(t *testing.T) {
	fields := arsrapport(t).Describe()
	if len(fields) != len(arsrapport(t).Fields()) {
		t.Fatalf("%d fields described, the template has %d", len(fields), len(arsrapport(t).Fields()))
	}
	byID := map[string]FieldInfo{}
	for _, f := range fields {
		byID[f.ID] = f
	}
	general := "0. Generell programinformasjon"
	for _, want := range []FieldInfo{
		{ID: "info.programnavn", Label: "Programnavn", Type: "text", Screen: general, Required: true},
		// A cross-field rule is checked on its field.
		{ID: "info.programstart", Label: "Programstart", Type: "date", Screen: general, Required: true,
			Rules: []string{`v("info.programstart") <= v("info.rapporteringsdato")`}},
		// A number's range.
		{ID: "info.rapporteringsar", Label: "Rapporteringsår", Type: "year", Screen: general, Required: true, Rules: []string{"2000–2100"}},
		{ID: "info.telefon", Label: "Telefon", Type: "phone", Screen: general, Required: true,
			Help: "Norsk nummer: 8 sifre, mellomrom tillatt, ev. +47 foran."},
		// An X needs a comment.
		{ID: "1.1.A.start", Label: "A. Uten eid eller leid bolig – status behov pr. 01.01.{Y}", Type: "count", Screen: "1.1 Anskaffe og beholde bolig",
			Rules: []string{"X (ikke tilgjengelig) krever kommentar i 1.1.A.kommentar"}},
		{ID: "1.1.A.resultat", Label: "A. Uten eid eller leid bolig – resultat", Type: "count", Screen: "1.1 Anskaffe og beholde bolig",
			Computed: `v("1.1.A.start") - v("1.1.A.slutt")`},
	} {
		if got := byID[want.ID]; !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", want.ID, got, want)
		}
	}
}
