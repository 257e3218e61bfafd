package model

import "encoding/json"

// Schema returns the JSON Schema (draft 2020-12) of the export format for the
// templates in reg. It is derived from the templates, so a new edition's
// fields are described as soon as its template is added.
func Schema(reg *Registry) ([]byte, error) {
	var ids []string
	var perTemplate []any
	for _, t := range reg.Templates() {
		ids = append(ids, t.ID)
		values := map[string]any{}
		computed := map[string]any{}
		for _, f := range t.fields {
			if f.Computed() {
				computed[f.ID] = map[string]any{"type": []string{"integer", "null"}}
				continue
			}
			values[f.ID] = fieldSchema(f)
		}
		perTemplate = append(perTemplate, map[string]any{
			"if": map[string]any{"properties": map[string]any{"template": map[string]any{"const": t.ID}}},
			"then": map[string]any{"properties": map[string]any{
				"values":   map[string]any{"type": "object", "properties": values, "additionalProperties": false},
				"computed": map[string]any{"type": "object", "properties": computed, "additionalProperties": false},
			}},
		})
	}
	timestamp := map[string]any{"type": "string", "format": "date-time"}
	schema := map[string]any{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"$id":         "https://boso.invalid/schema/" + FormatID + ".json",
		"title":       "boso: Årsrapport, Boligsosialt utviklingsprogram (" + FormatID + ")",
		"description": "values holds what the user entered, keyed by field id; an absent key is not answered; null marks a count as not available; a string in a count or year is what a draft's user typed that is no whole number yet. computed is derived from values and ignored on import.",
		"type":        "object",
		"required":    []string{"format", "template", "id", "state", "created_at", "updated_at", "values"},
		"properties": map[string]any{
			"format":       map[string]any{"const": FormatID},
			"template":     map[string]any{"enum": ids},
			"id":           map[string]any{"type": "string", "minLength": 1},
			"state":        map[string]any{"enum": []string{string(Draft), string(Final)}},
			"created_at":   timestamp,
			"updated_at":   timestamp,
			"finalized_at": map[string]any{"type": []string{"string", "null"}, "format": "date-time"},
			"carried_from": map[string]any{"type": []string{"string", "null"}},
			"template_version": map[string]any{"type": "integer", "minimum": 1,
				"description": "the version of the template the values follow; absent means 1"},
			"retired": map[string]any{"type": "object", "additionalProperties": map[string]any{"type": []string{"string", "integer", "null"}},
				"description": "answers whose field id no longer exists in the newest version of the template, by their old id"},
			"values":   map[string]any{"type": "object"},
			"computed": map[string]any{"type": "object"},
		},
		"allOf": perTemplate,
	}
	out, err := json.MarshalIndent(schema, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

func fieldSchema(f *Field) map[string]any {
	s := map[string]any{"description": f.Label}
	switch f.Type {
	// A draft may hold what was typed into a count or year when it is no
	// whole number ("-3"), as a string; a final report never does.
	case TypeCount:
		s["type"] = []string{"integer", "null", "string"}
	case TypeYear:
		s["type"] = []string{"integer", "string"}
	case TypeDate:
		// A draft may hold a half-typed date; a valid one is ISO YYYY-MM-DD.
		s["type"] = "string"
		s["examples"] = []string{"2013-02-18"}
	default:
		s["type"] = "string"
	}
	return s
}
