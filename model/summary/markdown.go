package summary

import (
	"fmt"
	"strings"
)

// Markdown lays the summary out as a document: per year a heading, then each
// of the template's tables (1.1, the priority area, C.1, C.2) with one row per
// kommune (drafts marked "(kladd)") and a Totalt row ("1 455 (3 av 4)" where
// only some kommuner had a number), each followed by its legend; then the
// skipped files.
func (s Summary) Markdown() []byte {
	var b strings.Builder
	b.WriteString("# Sammendrag av rapporter\n")
	if len(s.Years) == 0 {
		b.WriteString("\nIngen rapporter å summere.\n")
	}
	for _, y := range s.Years {
		fmt.Fprintf(&b, "\n## %s\n\n%s.\n", mdText(y.title()), y.counts())
		for _, t := range y.Tables {
			fmt.Fprintf(&b, "\n### %s\n\n| Kommune |", mdText(t.Title))
			for _, id := range t.LabelFields {
				fmt.Fprintf(&b, " %s |", mdText(y.fieldLabel(id)))
			}
			for _, c := range t.Columns {
				fmt.Fprintf(&b, " %s |", mdText(t.header(c)))
			}
			b.WriteString("\n|---|")
			for range t.LabelFields {
				b.WriteString("---|")
			}
			for range t.Columns {
				b.WriteString("---:|")
			}
			b.WriteString("\n")
			for _, r := range y.Kommuner {
				name := mdText(r.Kommune)
				if r.Draft() {
					name += " (kladd)"
				}
				fmt.Fprintf(&b, "| %s |", name)
				for _, id := range t.LabelFields {
					l := mdText(r.Labels[id])
					if l == "" {
						l = "—"
					}
					fmt.Fprintf(&b, " %s |", l)
				}
				for _, c := range t.Columns {
					fmt.Fprintf(&b, " %s |", cellText(c.Type, r.Values[c.ID]))
				}
				b.WriteString("\n")
			}
			b.WriteString("| **Totalt** |")
			for range t.LabelFields {
				b.WriteString(" |")
			}
			for _, c := range t.Columns {
				fmt.Fprintf(&b, " %s |", y.Totals[c.ID])
			}
			b.WriteString("\n")
			if l := t.legend(); len(l) > 0 {
				b.WriteString("\n")
				for _, e := range l {
					fmt.Fprintf(&b, "- **%s**: %s\n", mdText(e[0]), mdText(e[1]))
				}
			}
		}
	}
	if len(s.Years) > 0 {
		b.WriteString("\nX: ikke tilgjengelig. —: ikke besvart. «1 455 (3 av 4)»: summen over de 3 av 4 kommunene som hadde tall; totalen er ikke tilgjengelig.\n")
	}
	if len(s.Skipped) > 0 {
		b.WriteString("\n## Hoppet over\n\n")
		for _, sk := range s.Skipped {
			fmt.Fprintf(&b, "- %s\n", mdText(sk.String()))
		}
	}
	return []byte(b.String())
}

// mdText makes text safe inside a Markdown table cell or heading: one line,
// and the characters that would start markup or end a cell escaped.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`",
	"<", `\<`, "[", `\[`, "]", `\]`, "#", `\#`)

func mdText(s string) string { return mdEscaper.Replace(clean(s)) }
