package model

import (
	"fmt"
	"strings"
)

// FieldInfo is what a person writing or checking an edition needs to know
// of one field: its id, text and type, the screen it is on, and the rules
// and computation the template gives it («boso template show»).
type FieldInfo struct {
	ID       string   `json:"id"`
	Label    string   `json:"label"`
	Type     string   `json:"type"`
	Screen   string   `json:"screen"`
	Required bool     `json:"required,omitempty"`
	Rules    []string `json:"rules,omitempty"`
	Computed string   `json:"computed,omitempty"`
	Help     string   `json:"help,omitempty"`
}

// Describe lists the template's fields in order: a number's range, the
// comment an X requires, and each cross-field rule checked on the field
// are its rules.
func (t *Template) Describe() []FieldInfo {
	var out []FieldInfo
	for _, f := range t.Fields() {
		fi := FieldInfo{ID: f.ID, Label: f.Label, Type: string(f.Type), Screen: f.Section().Title, Required: f.Required,
			Computed: f.Compute, Help: f.Help}
		if f.Min != nil && f.Max != nil {
			fi.Rules = append(fi.Rules, fmt.Sprintf("%d–%d", *f.Min, *f.Max))
		}
		if f.Comment != "" {
			fi.Rules = append(fi.Rules, "X (ikke tilgjengelig) krever kommentar i "+f.Comment)
		}
		for _, r := range t.Rules {
			if r.Field == f.ID {
				fi.Rules = append(fi.Rules, r.Check)
			}
		}
		out = append(out, fi)
	}
	return out
}

// Outline is the template as «boso template show» prints it: its id and
// title, then under each screen's title a line per field with its id, type
// and label, and what Describe says of it.
func (t *Template) Outline() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s – %s\n", t.ID, t.Title)
	screen := ""
	for _, f := range t.Describe() {
		if f.Screen != screen {
			screen = f.Screen
			fmt.Fprintf(&b, "\n%s\n", Label(screen, 0, false))
		}
		fmt.Fprintf(&b, "  %-40s %-9s %s", f.ID, f.Type, Label(f.Label, 0, false))
		if f.Required {
			b.WriteString(" (påkrevd)")
		}
		if f.Computed != "" {
			b.WriteString(" = " + f.Computed)
		}
		for _, r := range f.Rules {
			b.WriteString(" [" + r + "]")
		}
		b.WriteString("\n")
	}
	return b.String()
}
