package model

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// TestMarkdown pins the printable report of Gjøvik's 2012 report, as a draft
// and as a final report, to golden files a reviewer can read as they are.
func TestMarkdown(t *testing.T) {
	t.Run("draft", func(t *testing.T) {
		golden.RequireEqual(t, Markdown(gjovik(t)))
	})
	t.Run("final", func(t *testing.T) {
		r := gjovik(t)
		if ps, err := Finalize(r, now); err != nil || len(ps) != 0 {
			t.Fatalf("Finalize: %v %v", ps, err)
		}
		golden.RequireEqual(t, Markdown(r))
	})
}

// TestMarkdownLayout checks what the golden files hold that matters most, so
// that a careless -update cannot lose it unnoticed.
func TestMarkdownLayout(t *testing.T) {
	draft := string(Markdown(gjovik(t)))
	for _, want := range []string{
		"**KLADD – ikke endelig**\n\n# Rapportering i Boligsosialt utviklingsprogram – Årsrapport 2012 – Kommune: Gjøvik kommune\n",
		"\nFrist: 28.02.2013\n",
		"| Programstart      | 22.12.2010                     |\n",
		"| Status behov pr.                                  | 01.01.2012 | 31.12.2012 | Resultat |\n",
		"| A. Antall husstander uten eid eller leid bolig    |          7 |          8 |       -1 |\n",
		"| **Sum A–C**                                       |     **34** |     **49** |  **-15** |\n",
		"| Antall barnefamilier med boligbehov |          X |          X |        X |\n",
		"| Antall startlån som har muliggjort overgang fra kommunalt disponert bolig til egen eid bolig |                        X |\n",
		"- Antall startlån som har muliggjort overgang fra kommunalt disponert bolig til egen eid bolig:  \n  Dette er allerede rapportert via startrapp.",
		"| Antall bostøttemottakere                                                                     |                    1 455 |\n",
		"#### A.1 Kunnskap om boligbehov\n\nGjøvik kommune manglet",
		"arbeidet.  \n1) Gjøvik kommune skal bistå",
		"\n\n- Husbanken kunne hatt en mer aktiv rolle",
	} {
		if !strings.Contains(draft, want) {
			t.Errorf("the draft lacks %q", want)
		}
	}
	// The headings come in the paper form's order.
	last := -1
	for _, h := range []string{
		"## 0. Generell programinformasjon", "## 1. Rapportering på hovedmål", "### 1.1 Anskaffe og beholde bolig",
		"#### Samlet resultat innenfor 1.1", "### 1.1 Særskilt prioritert område i 2013", "### 1.2 Kvalitet",
		"## 2. Rapportering på delmål", "#### A.1 ", "#### A.4 ", "#### B.1 ", "#### B.4 ", "C.1 Økonomiske virkemidler",
		"C.2 Kommunalt disponerte boliger", "#### C.3 ", "## 3. Rapportering på lokale mål", "### 3.1 ", "### 3.2 ",
		"## 4. ", "### A. Hva har", "### D. Er det barrierer",
	} {
		i := strings.Index(draft, h)
		if i < 0 {
			t.Errorf("heading %q missing", h)
			continue
		}
		if i < last {
			t.Errorf("heading %q out of the form's order", h)
		}
		last = i
	}

	r := gjovik(t)
	if ps, err := Finalize(r, now); err != nil || len(ps) != 0 {
		t.Fatalf("Finalize: %v %v", ps, err)
	}
	final := string(Markdown(r))
	if strings.Contains(final, "KLADD") || !strings.Contains(final, "Endelig rapport, ferdigstilt 20.02.2013") {
		t.Errorf("the final report is marked wrongly:\n%s", final[:300])
	}
}

// TestMarkdownText checks how an answer becomes Markdown: line breaks kept,
// lists left as lists, and only what would change the meaning escaped.
func TestMarkdownText(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "Tallene er basert på søknader.", "Tallene er basert på søknader."},
		{"line break", "linje 1\nlinje 2", "linje 1  \nlinje 2"},
		{"paragraphs", "avsnitt 1\n\n\n \navsnitt 2", "avsnitt 1\n\navsnitt 2"},
		{"numbered list", "Strategier:\n1) bistå\n2) spre", "Strategier:  \n1) bistå  \n2) spre"},
		{"dashed list", "Ved programslutt\n- rutiner\n- boligplan", "Ved programslutt  \n- rutiner  \n- boligplan"},
		{"heading", "# Overskrift\n## to", `\# Overskrift  ` + "\n" + `\## to`},
		{"hash that is no heading", "#1 prioritet og C#", "#1 prioritet og C#"},
		{"quote", "> sitat", `\> sitat`},
		{"rule", "over\n---\n* * *", "over  \n\\---  \n\\* * *"},
		{"setext underline", "Tittel\n===", "Tittel  \n\\==="},
		{"fence", "```\nkode\n~~~", "\\```  \nkode  \n\\~~~"},
		{"indented becomes no code block", "    innrykk\n\ttab", "innrykk  \ntab"},
		{"link definition", "[1]: Kilde SSB", `\[1]: Kilde SSB`},
		{"html", "<b>fet</b> og <!-- x -->", `\<b>fet\</b> og \<!-- x -->`},
		{"backslash before punctuation", `C:\mappe\*`, `C:\mappe\\*`},
		{"ordinary punctuation", "15% egenkapital, *viktig*, 2 < 3 & 4 > 1, a_b_c, (jf. pkt. 3.2)",
			"15% egenkapital, *viktig*, 2 < 3 & 4 > 1, a_b_c, (jf. pkt. 3.2)"},
		{"empty", " \n\n ", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := mdText(tc.in, ""); got != tc.want {
				t.Errorf("mdText(%q) =\n%q, want\n%q", tc.in, got, tc.want)
			}
		})
	}
	if got := mdCell(oneLine("a | b\nc")); got != `a \| b c` {
		t.Errorf(`mdCell(oneLine("a | b\nc")) = %q`, got)
	}
	if got := mdHeadingText("Test ##"); got != `Test \#\#` {
		t.Errorf(`mdHeadingText("Test ##") = %q`, got)
	}
}

// TestMarkdownRenders renders reports with hostile answers as a Markdown
// renderer would (GitHub's flavour) and checks that the answers come out
// as typed: no heading, quote or extra table cell made from an answer, and
// the author's lists and line breaks kept.
func TestMarkdownRenders(t *testing.T) {
	r := gjovik(t)
	mustSet(t, r, "1.1.prioritert.omrade", TextValue("Barnefamilier | enslige"))
	mustSet(t, r, "1.1.A.kommentar", TextValue("# Ikke en overskrift\n> ikke et sitat\nlinje | med strek"))
	mustSet(t, r, "1.2", TextValue("Første linje\nandre linje\n\n1) ett\n2) to\n\n- a\n- b"))
	mustSet(t, r, "2.A.1", TextValue("<script>x</script> og ---\n---"))
	mustSet(t, r, "info.kommune", TextValue("Gjøvik #"))

	var html bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert(Markdown(r), &html); err != nil {
		t.Fatal(err)
	}
	out := html.String()
	for _, want := range []string{
		"<h1>Rapportering i Boligsosialt utviklingsprogram – Årsrapport 2012 – Kommune: Gjøvik #</h1>",
		"<td>Barnefamilier | enslige</td>",
		"<li>\n<p>A. Antall husstander uten eid eller leid bolig:<br>\n# Ikke en overskrift<br>\n&gt; ikke et sitat<br>\nlinje | med strek</p>\n</li>",
		"<p>Første linje<br>\nandre linje</p>\n<ol>\n<li>ett</li>\n<li>to</li>\n</ol>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>",
		"<p>&lt;script&gt;x&lt;/script&gt; og ---<br>\n---</p>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("rendered report lacks %q", want)
		}
	}
	// Every row of the priority table still has its four cells.
	for _, row := range regexp.MustCompile(`(?s)<tr>.*?</tr>`).FindAllString(out, -1) {
		if strings.Contains(row, "Barnefamilier") && strings.Count(row, "<td") != 4 {
			t.Errorf("the priority row has %d cells: %s", strings.Count(row, "<td"), row)
		}
	}
	if n := strings.Count(out, "<h1>"); n != 1 {
		t.Errorf("%d top-level headings, want 1", n)
	}
	if strings.Contains(out, "<blockquote>") || strings.Contains(out, "<script>") || strings.Contains(out, "<hr") {
		t.Error("an answer became a quote, raw HTML or a rule")
	}
}

// TestMarkdownEmpty renders a brand-new report: nothing panics, every
// unanswered question says so, and no figure is claimed to be "X".
func TestMarkdownEmpty(t *testing.T) {
	r := NewReport(arsrapport(t), now)
	out := string(Markdown(r))
	inTable := map[string]bool{}
	for _, s := range r.Template.Sections {
		if s.Table == nil {
			continue
		}
		for _, row := range s.Table.Rows {
			inTable[s.Table.CommentID(row)] = true
		}
	}
	// One for the kommune in the title, one for every unanswered question
	// (the rows' comments are optional and left out when empty).
	want := 1
	for _, f := range r.Template.InputFields() {
		if r.Value(f.ID).IsEmpty() && !inTable[f.ID] {
			want++
		}
	}
	if got := strings.Count(out, "(ikke besvart)"); got != want {
		t.Errorf(`"(ikke besvart)" %d times, want %d:\n%s`, got, want, out)
	}
	for _, want := range []string{
		"# Rapportering i Boligsosialt utviklingsprogram – Årsrapport ÅÅÅÅ – Kommune: (ikke besvart)",
		"Frist: 28.02.ÅÅÅÅ",
		"#### A.1 Kunnskap om boligbehov\n\n*(ikke besvart)*\n",
		"| **Sum A–C**                                       |              — |              — |        — |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("empty report lacks %q", want)
		}
	}
	if strings.Contains(out, " X ") {
		t.Error(`an unanswered figure shows as "X"`)
	}

	t.Run("another edition", func(t *testing.T) {
		data, err := os.ReadFile("testdata/halvarsrapport-mini.yaml")
		if err != nil {
			t.Fatal(err)
		}
		tmpl, err := ParseTemplate(data)
		if err != nil {
			t.Fatal(err)
		}
		r := NewReport(tmpl, now)
		mustSet(t, r, "info.ar", NumberValue(2013))
		out := string(Markdown(r))
		for _, want := range []string{"# Boligsosialt utviklingsprogram – Halvårsrapport (test) 2013", "Frist: 31.08.2013",
			"| Pr.                         |     01.01.2013 |     30.06.2013 | Resultat |"} {
			if !strings.Contains(out, want) {
				t.Errorf("the mini edition lacks %q:\n%s", want, out)
			}
		}
	})
}

// TestMarkdownNotAvailable checks the three states of a figure in print: a
// number, X with its reason under the table, or unanswered; and a result
// computed from them.
func TestMarkdownNotAvailable(t *testing.T) {
	r := gjovik(t)
	mustSet(t, r, "1.1.B.slutt", NA)
	mustSet(t, r, "1.1.B.kommentar", Value{})
	mustSet(t, r, "1.1.C.slutt", Value{})
	out := string(Markdown(r))
	for _, want := range []string{
		"| B. Antall husstander med fare for å miste boligen |          4 |              X |        X |",
		"| C. Antall husstander med uegnet bolig             |         23 | (ikke besvart) |        — |",
		// The sum reads an X and an unanswered cell: not computable yet, not "not available".
		"| **Sum A–C**                                       |     **34** |              — |        — |",
		"- B. Antall husstander med fare for å miste boligen:  \n  *(ikke begrunnet)*",
		"*X = tallet er ikke tilgjengelig; begrunnelsen står i kommentaren til raden under tabellen.*",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

// TestMarkdownWithLastYear: beside this year's figures, last year's in the
// column the grid compares (31.12. in 1.1, the count in C.1) and the change,
// left blank where either is not a number; the printout for Husbanken
// (Markdown) has no such columns.
func TestMarkdownWithLastYear(t *testing.T) {
	prev := gjovik(t)
	r := CarryOverFrom(prev, now)
	for id, v := range map[string]Value{"1.1.A.slutt": NumberValue(6), "1.1.B.slutt": NumberValue(11), "1.1.C.slutt": NA, "2.C.1.bostotte.antall": NumberValue(1500)} {
		mustSet(t, r, id, v)
	}
	out := string(MarkdownWithLastYear(r, prev))
	for _, want := range []string{
		"| Status behov pr.                                  | 01.01.2013 | 31.12.2013 | Resultat | I fjor 31.12.2012 | Endring |",
		"| A. Antall husstander uten eid eller leid bolig    |          8 |          6 |        2 |                 8 |      -2 |",
		"| C. Antall husstander med uegnet bolig             |         30 |          X |        X |                30 |         |",
		"| **Sum A–C**                                       |     **49** |      **X** |    **X** |            **49** |         |",
		"| Antall barnefamilier med boligbehov | (ikke besvart) | (ikke besvart) |        — |                 X |         |",
		"| Antall bostøttemottakere                                                                     |                    1 500 |  1 455 |     +45 |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	if string(MarkdownWithLastYear(r, nil)) != string(Markdown(r)) || strings.Contains(string(Markdown(r)), "I fjor") {
		t.Error("without last year's report the printout is the form's")
	}
	// Another priority area this year: last year's figure was for something else.
	mustSet(t, r, "1.1.prioritert.omrade", TextValue("Unge i sentrum"))
	if out := string(MarkdownWithLastYear(r, prev)); !strings.Contains(out, "| Unge i sentrum   | (ikke besvart) | (ikke besvart) |        — |                   |         |") {
		t.Errorf("another area is set beside last year's:\n%s", out)
	}
}
