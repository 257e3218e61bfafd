package model

import (
	"bytes"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// compileSchema compiles Schema(reg) as any consumer of `boso schema` would,
// asserting formats (date-time) too.
func compileSchema(t *testing.T, reg *Registry) *jsonschema.Schema {
	t.Helper()
	data, err := Schema(reg)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://boso.invalid/schema/" + FormatID + ".json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("schema does not compile: %v", err)
	}
	return sch
}

func schemaValidate(t *testing.T, sch *jsonschema.Schema, data []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("instance is not JSON: %v", err)
	}
	return sch.Validate(inst)
}

// Real exports validate against the schema.
func TestSchemaAcceptsExports(t *testing.T) {
	sch := compileSchema(t, Builtin())
	tests := []struct {
		name   string
		report func(t *testing.T) *Report
	}{
		{"Gjøvik draft", func(t *testing.T) *Report { return gjovik(t) }},
		{"Gjøvik final", func(t *testing.T) *Report {
			r := gjovik(t)
			if _, err := Finalize(r, now); err != nil {
				t.Fatal(err)
			}
			return r
		}},
		{"empty new report", func(t *testing.T) *Report { return NewReport(arsrapport(t), now) }},
		{"carried over", func(t *testing.T) *Report { return CarryOverFrom(gjovik(t), now) }},
		{"half-typed date and invalid e-mail in a draft", func(t *testing.T) *Report {
			r := gjovik(t)
			for id, typed := range map[string]string{"info.programstart": "22.12.", "info.epost": "ola"} {
				if err := r.Input(id, typed); err != nil {
					t.Fatal(err)
				}
			}
			return r
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := schemaValidate(t, sch, mustEncode(t, tt.report(t))); err != nil {
				t.Errorf("export does not validate: %v", err)
			}
		})
	}
	// The fixture itself, as committed, is a valid document.
	if err := schemaValidate(t, sch, gjovikBytes(t)); err != nil {
		t.Errorf("fixture does not validate: %v", err)
	}
}

// The schema refuses what Decode refuses. The one knowing difference:
// Decode ignores the computed part, which the schema describes exactly.
func TestSchemaAgreesWithDecode(t *testing.T) {
	sch := compileSchema(t, Builtin())
	tests := []struct {
		name     string
		data     func(t *testing.T) []byte
		schemaOK bool
		decodeOK bool
	}{
		{"fixture", func(t *testing.T) []byte { return gjovikBytes(t) }, true, true},
		{"unknown field id under values", edit(setValue("9.9", "x")), false, false},
		{"computed id under values", edit(setValue("1.1.A.resultat", 1)), false, false},
		{"a draft's count kept as typed", edit(setValue("1.1.A.start", "1,5")), true, true},
		{"boolean for a count", edit(setValue("1.1.A.start", true)), false, false},
		{"object for a count", edit(setValue("1.1.A.start", map[string]any{"n": 7})), false, false},
		{"array for the year", edit(setValue("info.rapporteringsar", []any{2012})), false, false},
		{"float for a count", func(t *testing.T) []byte { return withRawValue(t, "1.1.A.start", "1.5") }, false, false},
		{"number for text", edit(setValue("info.kommune", 5)), false, false},
		{"null for text", edit(setValue("info.kommune", nil)), false, false},
		{"null for the year", edit(setValue("info.rapporteringsar", nil)), false, false},
		{"unknown template", edit(setTop("template", "arsrapport-2099")), false, false},
		{"other format", edit(setTop("format", "boso.report.v2")), false, false},
		{"missing format", edit(setTop("format", nil)), false, false},
		{"unknown state", edit(setTop("state", "sent")), false, false},
		{"created_at not a time", edit(setTop("created_at", "i går")), false, false},
		{"invalid e-mail is only invalid", edit(setValue("info.epost", "ola")), true, true},
		{"not available count", edit(setValue("1.1.A.start", nil)), true, true},
		{"wrong computed part", edit(setTop("computed", map[string]any{"1.1.A.resultat": "x"})), false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data(t)
			if err := schemaValidate(t, sch, data); (err == nil) != tt.schemaOK {
				t.Errorf("schema valid = %v, want %v (%v)", err == nil, tt.schemaOK, err)
			}
			if _, err := Decode(data, Builtin()); (err == nil) != tt.decodeOK {
				t.Errorf("Decode ok = %v, want %v (%v)", err == nil, tt.decodeOK, err)
			}
		})
	}
}
