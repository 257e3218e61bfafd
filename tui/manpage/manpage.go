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

	"github.com/cpuguy83/go-md2man/v2/md2man"
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
	fmt.Fprintf(&b, "%% %q \"1\" \"\" \"boso\" \"Brukerhåndbok for boso\"\n\n", strings.ToUpper(name))
	fmt.Fprintf(&b, "# NAME\n%s \\- %s\n\n", name, esc(cmd.Short))
	fmt.Fprintf(&b, "# SYNOPSIS\n**%s**", esc(cmd.CommandPath()))
	if rest := strings.TrimPrefix(strings.TrimPrefix(cmd.UseLine(), cmd.CommandPath()), " "); rest != "" {
		fmt.Fprintf(&b, " %s", esc(rest))
	}
	b.WriteString("\n")
	if cmd.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "\n**%s** *kommando* \\[valg\\]\n", esc(cmd.CommandPath()))
	}
	description := cmd.Long
	if description == "" {
		description = cmd.Short
	}
	fmt.Fprintf(&b, "\n# DESCRIPTION\n%s\n\n", esc(description))
	if cmd.HasAvailableSubCommands() {
		b.WriteString("# COMMANDS\n")
		for _, sub := range cmd.Commands() {
			if sub.IsAvailableCommand() {
				fmt.Fprintf(&b, "**%s**\n: %s\n\n", esc(sub.Name()), esc(sub.Short))
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
	return md2man.Render(b.Bytes())
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
	fmt.Fprintf(b, "# %s\n", heading)
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		term := "**--" + f.Name + "**"
		if f.Shorthand != "" {
			term = "**-" + f.Shorthand + "**, " + term
		}
		name, usage := pflag.UnquoteUsage(f)
		if name != "" {
			term += " *" + esc(name) + "*"
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" {
			usage += " (standard: " + f.DefValue + ")"
		}
		fmt.Fprintf(b, "%s\n: %s\n\n", term, esc(usage))
	})
}

func keys(b *bytes.Buffer) {
	b.WriteString("# KEYS\n")
	for _, g := range tui.KeyReference() {
		fmt.Fprintf(b, "## %s\n", esc(g.Screen))
		for _, k := range g.Keys {
			h := k.Help()
			fmt.Fprintf(b, "**%s**\n: %s\n\n", esc(h.Key), esc(h.Desc))
		}
	}
}

func seeAlso(b *bytes.Buffer, cmd *cobra.Command) {
	var refs []string
	if cmd.HasParent() {
		refs = append(refs, "**"+strings.ReplaceAll(cmd.Parent().CommandPath(), " ", "-")+"**(1)")
	}
	for _, sub := range cmd.Commands() {
		if sub.IsAvailableCommand() {
			refs = append(refs, "**"+strings.ReplaceAll(sub.CommandPath(), " ", "-")+"**(1)")
		}
	}
	if len(refs) > 0 {
		fmt.Fprintf(b, "# SEE ALSO\n%s\n", strings.Join(refs, ", "))
	}
}

// esc keeps Markdown from reading the program's own text as markup.
func esc(s string) string {
	return strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, "`", "\\`", `[`, `\[`, `]`, `\]`, `<`, `\<`).Replace(s)
}

const exitStatus = `# EXIT STATUS
**0**
: ferdig uten feil (**boso validate**: ingen mangler; merknader alene teller ikke)

**1**
: kommandoen ble kjørt og fant mangler eller feilet: **validate** fant mangler, **finalize** ble avvist, en rapport-id fantes ikke, en fil kunne ikke skrives

**2**
: feil bruk: ukjent kommando, underkommando eller valg, et argument som mangler eller er for mye; eller en fil **validate** ikke kan lese

**3**
: en intern feil stoppet programmet; ingenting er endret etter siste lagring

`

const environment = `# ENVIRONMENT
**BOSO\_DB**
: kladdefilen, i stedet for standardstien (**--db** går foran)

**BOSO\_TEMPLATES**
: mappen med installerte maler (**--templates** går foran)

**XDG\_DATA\_HOME**
: mappen boso-mappen ligger i; uten den *~/.local/share*

**NO\_COLOR**
: når den er satt, bruker skjermbildene ingen farger (fokus og feil vises likevel, med omvendt og halvfet skrift)

**ACCESSIBLE**
: når den er satt, spør boso linje for linje, som med **--accessible**; det gjør den også med **TERM=dumb**

**VISUAL**, **EDITOR**
: programmet ctrl+e åpner en lang tekst i; uten dem nano eller vi

**COLUMNS**
: bredden **boso summary** legger tabellen ut for (standard 80)

`

const files = `# FILES
*$XDG\_DATA\_HOME/boso/boso.db*
: kladdefilen med alle rapportene (mappen lages med modus 0700, filen med 0600: rapportene har navn, telefonnummer og e-post)

*$XDG\_DATA\_HOME/boso/templates/*
: maler installert med **boso template add**

*$XDG\_DATA\_HOME/boso/ordliste.txt*
: ord lagt til med l i stavekontrollen (f7), ett per linje; de regnes som riktige i alle rapporter (stavekontrollen bruker hunspell med norsk bokmål, *apt-get install hunspell hunspell-no*)

`
