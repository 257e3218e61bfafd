package model

import (
	"reflect"
	"strings"
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

func TestOutline(t *testing.T) {
	outline := arsrapport(t).Outline()
	lines := strings.Split(outline, "\n")
	if lines[0] != "arsrapport-2012 – Boligsosialt utviklingsprogram – Årsrapport" || lines[1] != "" || lines[2] != "0. Generell programinformasjon" {
		t.Errorf("outline does not start with the template and its first screen:\n%s", strings.Join(lines[:3], "\n"))
	}
	for _, want := range []string{
		"  info.rapporteringsar                     year      Rapporteringsår (påkrevd) [2000–2100]",
		// A label's year is a placeholder: the template has no report.
		"\n1.1 Anskaffe og beholde bolig\n  1.1.A.start                              count     A. Uten eid eller leid bolig – status behov pr. 01.01.ÅÅÅÅ [X (ikke tilgjengelig) krever kommentar i 1.1.A.kommentar]\n",
		"  1.1.A.resultat                           count     A. Uten eid eller leid bolig – resultat = v(\"1.1.A.start\") - v(\"1.1.A.slutt\")\n",
	} {
		if !strings.Contains(outline, want) {
			t.Errorf("outline lacks %q", want)
		}
	}
	if n := strings.Count(outline, "\n  "); n != len(arsrapport(t).Fields()) {
		t.Errorf("%d field lines, the template has %d fields", n, len(arsrapport(t).Fields()))
	}
}
