// Package manpage writes boso's manual pages (man 1 boso, one page per
// command) from the command tree: in Norwegian, with the sections a reader of
// a manual page looks for (EXIT STATUS, ENVIRONMENT, FILES, the UI's keys),
// and nothing that changes from build to build, so the pages are
// reproducible.
//
// cobra's own generator dates every page, adds an English "Auto generated"
// history and English flag text; this one is written for the purpose.
package manpage

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"boso/tui"
	"boso/tui/say"
	"boso/tui/usage"
)

// Command is «boso man»: the page of root on standard output, or a page
// per command written into a folder.
func Command(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "man [MAPPE]",
		Short: "Lag manualsidene (man 1 boso)",
		Long: "Uten MAPPE skrives manualsiden for boso til standard ut (boso man > boso.1). " +
			"Med MAPPE skrives én side per kommando dit: boso.1, boso-export.1, …; mappen lages om den ikke finnes.",
		Args: usage.Needs(0, 1, "høyst én mappe"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				_, err := cmd.OutOrStdout().Write(Page(root))
				return err
			}
			if err := WriteTree(root, args[0]); err != nil {
				return usage.Fail(1, "kunne ikke skrive manualsidene til %s: %s.", args[0], say.OS(err))
			}
			return nil
		},
	}
}

// Page returns the manual page of one command, in roff.
func Page(cmd *cobra.Command) []byte {
	var b bytes.Buffer
	name := strings.ReplaceAll(cmd.CommandPath(), " ", "-")
	// The date field stays empty: a build date would make every build's
	// pages differ.
	fmt.Fprintf(&b, ".nh\n.TH %q \"1\" \"\" \"boso\" \"Brukerhåndbok for boso\"\n", strings.ToUpper(name))
	fmt.Fprintf(&b, ".SH NAME\n%s \\- %s\n", roff(name), roff(cmd.Short))
	b.WriteString(".SH SYNOPSIS\n" + bold(cmd.CommandPath()))
	if rest := strings.TrimPrefix(strings.TrimPrefix(cmd.UseLine(), cmd.CommandPath()), " "); rest != "" {
		b.WriteString(" " + roff(rest))
	}
	b.WriteString("\n")
	if cmd.HasAvailableSubCommands() {
		b.WriteString(".PP\n" + bold(cmd.CommandPath()) + " " + italic("kommando") + " [valg]\n")
	}
	description := cmd.Long
	if description == "" {
		description = cmd.Short
	}
	b.WriteString(".SH DESCRIPTION\n" + roff(description) + "\n")
	if cmd.HasAvailableSubCommands() {
		b.WriteString(".SH COMMANDS\n")
		for _, sub := range cmd.Commands() {
			if sub.IsAvailableCommand() {
				item(&b, bold(sub.Name()), roff(sub.Short))
			}
		}
	}
	flags(&b, "OPTIONS", cmd.NonInheritedFlags())
	flags(&b, "OPTIONS FOR ALL COMMANDS", cmd.InheritedFlags())
	if !cmd.HasParent() {
		keys(&b)
	}
	b.WriteString(exitStatus)
	if !cmd.HasParent() {
		b.WriteString(environment)
		b.WriteString(files)
	}
	seeAlso(&b, cmd)
	return b.Bytes()
}

// WriteTree writes a page for every command under root into dir, creating
// dir when it does not exist.
func WriteTree(root *cobra.Command, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var write func(*cobra.Command) error
	write = func(cmd *cobra.Command) error {
		if !cmd.IsAvailableCommand() && cmd.HasParent() {
			return nil
		}
		name := strings.ReplaceAll(cmd.CommandPath(), " ", "-") + ".1"
		// Manual pages are documentation anyone may read.
		if err := os.WriteFile(filepath.Join(dir, name), Page(cmd), 0o644); err != nil {
			return err
		}
		for _, sub := range cmd.Commands() {
			if err := write(sub); err != nil {
				return err
			}
		}
		return nil
	}
	return write(root)
}

func flags(b *bytes.Buffer, heading string, fs *pflag.FlagSet) {
	if !fs.HasAvailableFlags() {
		return
	}
	b.WriteString(".SH " + heading + "\n")
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		term := bold("--" + f.Name)
		if f.Shorthand != "" {
			term = bold("-"+f.Shorthand) + ", " + term
		}
		name, usage := pflag.UnquoteUsage(f)
		if name != "" {
			term += " " + italic(name)
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" {
			usage += " (standard: " + f.DefValue + ")"
		}
		item(b, term, roff(usage))
	})
}

func keys(b *bytes.Buffer) {
	b.WriteString(".SH KEYS\n")
	for _, g := range tui.KeyReference() {
		b.WriteString(".SS " + roff(g.Screen) + "\n")
		for _, k := range g.Keys {
			h := k.Help()
			item(b, bold(h.Key), roff(h.Desc))
		}
	}
}

func seeAlso(b *bytes.Buffer, cmd *cobra.Command) {
	var refs []string
	if cmd.HasParent() {
		refs = append(refs, bold(strings.ReplaceAll(cmd.Parent().CommandPath(), " ", "-"))+"(1)")
	}
	for _, sub := range cmd.Commands() {
		if sub.IsAvailableCommand() {
			refs = append(refs, bold(strings.ReplaceAll(sub.CommandPath(), " ", "-"))+"(1)")
		}
	}
	if len(refs) > 0 {
		b.WriteString(".SH SEE ALSO\n" + strings.Join(refs, ", ") + "\n")
	}
}

// item is one entry of a list of terms: the term, and what it means
// indented under it.
func item(b *bytes.Buffer, term, text string) {
	b.WriteString(".TP\n" + term + "\n" + text + "\n")
}

func bold(s string) string   { return `\fB` + roff(s) + `\fP` }
func italic(s string) string { return `\fI` + roff(s) + `\fP` }

// roff keeps roff from reading the program's own text as requests or
// escapes: a backslash is written as one, and a line that would start with
// a request's dot or quote starts with a character of no width instead.
func roff(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
			lines[i] = `\&` + l
		}
	}
	return strings.Join(lines, "\n")
}

const exitStatus = `.SH EXIT STATUS
.TP
\fB0\fP
ferdig uten feil (\fBboso validate\fP: ingen mangler; merknader alene teller ikke)
.TP
\fB1\fP
kommandoen ble kjørt og fant mangler eller feilet: \fBvalidate\fP fant mangler, \fBfinalize\fP ble avvist, en rapport-id fantes ikke, en fil kunne ikke skrives
.TP
\fB2\fP
feil bruk: ukjent kommando, underkommando eller valg, et argument som mangler eller er for mye; eller en fil \fBvalidate\fP ikke kan lese
.TP
\fB3\fP
en intern feil stoppet programmet; ingenting er endret etter siste lagring
`

const environment = `.SH ENVIRONMENT
.TP
\fBBOSO_DB\fP
kladdefilen, i stedet for standardstien (\fB--db\fP går foran)
.TP
\fBBOSO_TEMPLATES\fP
mappen med installerte maler (\fB--templates\fP går foran)
.TP
\fBXDG_DATA_HOME\fP
mappen boso-mappen ligger i; uten den \fI~/.local/share\fP
.TP
\fBNO_COLOR\fP
når den er satt, bruker skjermbildene ingen farger (fokus og feil vises likevel, med omvendt og halvfet skrift)
.TP
\fBACCESSIBLE\fP
når den er satt, spør boso linje for linje, som med \fB--accessible\fP; det gjør den også med \fBTERM=dumb\fP
.TP
\fBVISUAL\fP, \fBEDITOR\fP
programmet ctrl+e åpner en lang tekst i; uten dem nano eller vi
.TP
\fBCOLUMNS\fP
bredden \fBboso summary\fP legger tabellen ut for (standard 80)
`

const files = `.SH FILES
.TP
\fI$XDG_DATA_HOME/boso/boso.db\fP
kladdefilen med alle rapportene (mappen lages med modus 0700, filen med 0600: rapportene har navn, telefonnummer og e-post)
.TP
\fI$XDG_DATA_HOME/boso/templates/\fP
maler installert med \fBboso template add\fP
.TP
\fI$XDG_DATA_HOME/boso/ordliste.txt\fP
ord lagt til med l i stavekontrollen (f7), ett per linje; de regnes som riktige i alle rapporter (stavekontrollen bruker hunspell med norsk bokmål, \fIapt-get install hunspell hunspell-no\fP)
`
