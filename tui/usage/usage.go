// Package usage gives boso's command line its Norwegian words and its exit
// statuses: cobra's help and usage text, the help and completion commands,
// the -h flag, flag errors, the checks of a command's arguments (a misuse
// exits with 2), and the error that carries a command's exit status.
package usage

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"boso/tui/say"
)

// Exit is an error that ends boso with the exit status a command promises
// (EXIT STATUS in «boso man»), and the one sentence the user reads; none
// when Msg is empty, for a command that has said it all as it went.
type Exit struct {
	Code int
	Msg  string
}

func (e *Exit) Error() string { return e.Msg }

// Fail is an Exit with status code and the sentence format makes.
func Fail(code int, format string, args ...any) error {
	return &Exit{Code: code, Msg: fmt.Sprintf(format, args...)}
}

// misuse is a usage error (a wrong command, flag or argument): exit status
// 2, so that a script tells it from "problems found" (1).
func misuse(format string, args ...any) error { return Fail(2, format, args...) }

// NoArgs refuses arguments to a command that takes none; to a command with
// subcommands an argument is an unknown subcommand, and cobra's guess at
// what was meant is said in Norwegian.
func NoArgs(cmd *cobra.Command, args []string) error {
	switch {
	case len(args) == 0:
		return nil
	case !cmd.HasSubCommands():
		return misuse("«%s» tar ingen argumenter (fikk «%s»); se «%s --help».", cmd.CommandPath(), args[0], cmd.CommandPath())
	}
	// SuggestionsFor, unlike cobra's own message, does not default the distance.
	cmd.SuggestionsMinimumDistance = 2
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		return misuse("ukjent kommando «%s»; mente du %s? Se «%s --help».", args[0], say.Or(s), cmd.CommandPath())
	}
	return misuse("ukjent kommando «%s»; se «%s --help».", args[0], cmd.CommandPath())
}

// Needs checks a command's arguments, and says in Norwegian what the
// command wants when they are wrong; max < 0 means no upper limit.
func Needs(min, max int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < min || (max >= 0 && len(args) > max) {
			return misuse("«%s» trenger %s; se «%s --help».", cmd.CommandPath(), what, cmd.CommandPath())
		}
		return nil
	}
}

// Norwegian gives cobra's own help, the help and completion commands, the
// -h flag and the errors of flags Norwegian words, like the rest of the
// program. Call it on the root once every command is added.
func Norwegian(root *cobra.Command) {
	root.SetUsageTemplate(usageTemplate)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return misuse("%s", say.Flag(err, cmd.CommandPath())) })
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Short = "Vis hjelp for en kommando"
			c.Long = "Vis hjelp for en kommando, for eksempel «boso help export»."
			// cobra's own says "Unknown help topic" and succeeds.
			c.Run = nil
			c.RunE = func(help *cobra.Command, args []string) error {
				cmd, rest, err := root.Find(args)
				if err != nil || len(rest) > 0 {
					return NoArgs(cmd, rest)
				}
				return cmd.Help()
			}
		case "completion":
			c.Short = "Lag skript for fullføring av kommandoer og rapport-id-er i skallet (bash, zsh, fish)"
			for _, shell := range c.Commands() {
				shell.Short = "Skriv fullføringsskriptet for " + shell.Name()
				shell.Long = "Skriv skriptet som lar " + shell.Name() + " fullføre boso-kommandoer og rapport-id-er. " +
					"Lagre det der skallet leser fullføringer, for eksempel: boso completion " + shell.Name() + " > fil."
				if f := shell.Flags().Lookup("no-descriptions"); f != nil {
					f.Usage = "uten beskrivelser i forslagene"
				}
			}
		}
	}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().BoolP("help", "h", false, "vis hjelp for «"+c.CommandPath()+"»")
		// cobra would add "[flags]" to the usage line.
		c.DisableFlagsInUseLine = true
		c.Use += " [valg]"
		// A command that only groups others (template, completion) would
		// print its help and succeed on an unknown subcommand.
		if !c.Runnable() && c.HasSubCommands() {
			c.Args = NoArgs
			c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	cobra.AddTemplateFunc("flagUsages", flagUsages)
}

// flagUsages is pflag's list of flags with its one English word, "default",
// in Norwegian.
func flagUsages(fs *pflag.FlagSet) string {
	return strings.ReplaceAll(fs.FlagUsages(), " (default ", " (standard: ")
}

const usageTemplate = `Bruk:{{if and .Runnable (or (not .HasParent) (not .HasAvailableSubCommands))}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [kommando]{{end}}{{if .HasExample}}

Eksempler:
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

Kommandoer:{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

Valg:
{{flagUsages .LocalFlags | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

Valg for alle kommandoer:
{{flagUsages .InheritedFlags | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableSubCommands}}

Skriv «{{.CommandPath}} [kommando] --help» for mer om en kommando.{{end}}
`
