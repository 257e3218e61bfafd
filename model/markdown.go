package model

import (
	"fmt"
	"strings"
)

// Markdown lays a report out like the paper form, for printing or for
// reading in a terminal: the general information, the status tables with
// Resultat and the sum row, the count lists, and every text under its
// heading. A number that is not available shows as X, with its reason in
// the comment column.
func Markdown(r *Report) []byte {
	var b strings.Builder
	computed := Compute(r)
	value := func(id string) Value {
		if v, ok := computed[id]; ok {
			return v
		}
		return r.values[id]
	}
	show := func(id string) string {
		f := r.Template.Field(id)
		s := Format(f.Type, value(id))
		if s == "" {
			return "—"
		}
		return s
	}
	cell := func(s string) string {
		return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", "<br>")
	}
	year, known := r.Year()
	title := r.Template.Title
	if known {
		title += fmt.Sprintf(" %d", year)
	}
	fmt.Fprintf(&b, "# %s\n\n", title)
	if k := r.Kommune(); k != "" {
		fmt.Fprintf(&b, "**Kommune:** %s  \n", k)
	}
	state := "Kladd – ikke endelig"
	if r.State == Final && r.FinalizedAt != nil {
		state = "Endelig " + r.FinalizedAt.Local().Format("02.01.2006")
	}
	fmt.Fprintf(&b, "**Status:** %s\n", state)
	heading := ""
	for _, s := range r.Template.Sections {
		if len(s.Fields) == 0 {
			continue
		}
		if h := r.Label(s.Heading); h != "" && h != heading {
			heading = h
			fmt.Fprintf(&b, "\n## %s\n", h)
		}
		fmt.Fprintf(&b, "\n### %s\n\n", r.Label(s.Title))
		if s.Intro != "" {
			fmt.Fprintf(&b, "*%s*\n\n", strings.TrimSpace(r.Label(s.Intro)))
		}
		done := map[string]bool{}
		if t := s.Table; t != nil {
			b.WriteString("| |")
			for _, c := range t.Columns {
				fmt.Fprintf(&b, " %s |", cell(r.Label(c.Label)))
			}
			b.WriteString(" Eventuelle kommentarer |\n|---|")
			for range t.Columns {
				b.WriteString("---:|")
			}
			b.WriteString("---|\n")
			rows := append([]Row{}, t.Rows...)
			if t.Sum != nil {
				rows = append(rows, *t.Sum)
			}
			for _, row := range rows {
				label := r.Label(row.Label)
				if row.LabelField != "" {
					if v := r.values[row.LabelField].Text; v != "" {
						label = v
					}
					done[row.LabelField] = true
				}
				if t.Sum != nil && row.ID == t.Sum.ID {
					label = "**" + label + "**"
				}
				fmt.Fprintf(&b, "| %s |", cell(label))
				for _, c := range t.Columns {
					id := t.Cell(row, c)
					done[id] = true
					fmt.Fprintf(&b, " %s |", show(id))
				}
				comment := t.CommentID(row)
				if r.Template.Field(comment) != nil {
					done[comment] = true
					fmt.Fprintf(&b, " %s |\n", cell(r.values[comment].Text))
				} else {
					b.WriteString(" |\n")
				}
			}
			b.WriteString("\n")
		}
		for _, f := range s.Fields {
			if done[f.ID] {
				continue
			}
			text := strings.TrimSpace(Format(f.Type, r.values[f.ID]))
			if f.Type == TypeLongText {
				fmt.Fprintf(&b, "#### %s\n\n", r.Label(f.Label))
				if text == "" {
					text = "*(ikke besvart)*"
				}
				fmt.Fprintf(&b, "%s\n\n", text)
				continue
			}
			if text == "" {
				text = "—"
			}
			fmt.Fprintf(&b, "- **%s:** %s\n", r.Label(f.Label), text)
		}
	}
	return []byte(strings.TrimRight(b.String(), "\n") + "\n")
}
