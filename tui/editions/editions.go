// Package editions is the command line for the editions of the form, for
// whoever writes them: «boso templates» lists the editions boso knows,
// «boso template show» a template's fields, «boso template check» a
// template file's errors (FILE:LINE: sentence, as compilers write them),
// and «boso template add» installs a file that has none.
package editions

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"boso/model"
	"boso/store"
	"boso/tui/say"
	"boso/tui/usage"
)

// Env is what the commands take from the program around them.
type Env struct {
	// Registry is the editions boso knows, asked for when a command runs:
	// the installed ones are loaded after the command line is read.
	Registry func() *model.Registry
	// Dir is the folder installed editions live in.
	Dir func() (string, error)
	// Read reads the file the user named, or standard input for "-".
	Read func(path string) ([]byte, error)
}

// Commands are «boso templates» and «boso template».
func Commands(env Env) []*cobra.Command {
	return []*cobra.Command{list(env), template(env)}
}

func list(env Env) *cobra.Command {
	return &cobra.Command{
		Use:   "templates",
		Short: "Vis malene boso kjenner",
		Args:  usage.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			reg := env.Registry()
			for _, t := range reg.All() {
				mark := ""
				if t == reg.Default() {
					mark = " (standard)"
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%-24s versjon %-3d %s%s · %s\n", t.ID, t.Version, model.Label(t.Title, 0, false), mark, t.Source())
			}
			return nil
		},
	}
}

func template(env Env) *cobra.Command {
	var asJSON bool
	show := &cobra.Command{
		Use:   "show ID",
		Short: "Vis feltene i en mal (id, tekst, type, skjerm, regler, utregning)",
		Args:  usage.Needs(1, 1, "én mal-id (se «boso templates»)"),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			var ids []cobra.Completion
			for _, t := range env.Registry().Templates() {
				ids = append(ids, t.ID)
			}
			return ids, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			t, ok := env.Registry().Lookup(args[0])
			if !ok {
				return usage.Fail(1, "%s", say.NoTemplate(args[0]))
			}
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(map[string]any{"id": t.ID, "title": t.Title, "fields": t.Describe()})
			}
			_, err := io.WriteString(cmd.OutOrStdout(), t.Outline())
			return err
		},
	}
	show.Flags().BoolVar(&asJSON, "json", false, "skriv feltene som JSON")
	check := &cobra.Command{
		Use:   "check FILE",
		Short: "Kontroller en malfil og vis hver feil som FIL:LINJE: setning",
		Args:  usage.Needs(1, 1, "én malfil (YAML)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, _, err := checkFile(env, cmd.OutOrStdout(), args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: malen %s versjon %d er i orden (%d felt).\n", say.FileName(args[0]), t.ID, t.Version, len(t.Fields()))
			return nil
		},
	}
	add := &cobra.Command{
		Use:   "add FILE",
		Short: "Kontroller en malfil og installer den, så boso kan bruke den",
		Args:  usage.Needs(1, 1, "én malfil (YAML)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, data, err := checkFile(env, cmd.OutOrStdout(), args[0])
			if err != nil {
				return err
			}
			return install(env, cmd.OutOrStdout(), t, data)
		},
	}
	cmd := &cobra.Command{Use: "template", Short: "Vis, kontroller eller installer en mal"}
	cmd.AddCommand(show, check, add)
	return cmd
}

// checkFile reads and checks a template file, printing every problem as
// FILE:LINE: sentence on out.
func checkFile(env Env, out io.Writer, path string) (*model.Template, []byte, error) {
	data, err := env.Read(path)
	if err != nil {
		return nil, nil, err
	}
	t, err := model.ParseTemplateFile(say.FileName(path), data)
	var te *model.TemplateError
	if errors.As(err, &te) {
		fmt.Fprintln(out, te.Error())
		return nil, nil, usage.Fail(1, "%s har %d feil og kan ikke brukes.", say.FileName(path), len(te.Problems))
	}
	return t, data, err
}

// install puts edition t, read as data, into the templates folder, unless
// another file already holds that id and version: a new edition gets a new
// version, so that reports of the old one keep their form.
func install(env Env, out io.Writer, t *model.Template, data []byte) error {
	dir, err := env.Dir()
	if err != nil {
		return usage.Fail(1, "finner ingen mappe for maler; sett HOME, XDG_DATA_HOME eller BOSO_TEMPLATES, eller bruk --templates.")
	}
	reg, target := env.Registry(), store.TemplatePath(dir, t)
	if old, ok := reg.Edition(t.ID, t.Version); ok && old.Source() != target {
		newest, _ := reg.Lookup(t.ID)
		return usage.Fail(1, "malen %s versjon %d finnes allerede (%s); gi den nye utgaven et høyere versjonsnummer (version: %d).", t.ID, t.Version, old.Source(), newest.Version+1)
	}
	if err := store.InstallTemplate(dir, t, data); err != nil {
		return usage.Fail(1, "kan ikke installere malen i %s: %s.", dir, say.OS(err))
	}
	fmt.Fprintf(out, "Malen %s versjon %d er installert som %s.\n", t.ID, t.Version, say.Printable(target))
	return nil
}
