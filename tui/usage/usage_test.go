package usage

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// tree is a small command tree in boso's shape: a command without
// arguments, one with one, and a group.
func tree(out *bytes.Buffer) *cobra.Command {
	root := &cobra.Command{Use: "boso", Args: NoArgs, RunE: func(*cobra.Command, []string) error { return nil }, SilenceErrors: true, SilenceUsage: true}
	list := &cobra.Command{Use: "list", Short: "Vis rapportene", Args: NoArgs, RunE: func(*cobra.Command, []string) error { return nil }}
	list.Flags().String("format", "table", "skriv som `FORMAT`")
	export := &cobra.Command{Use: "export REPORT", Short: "Skriv ut en rapport", Args: Needs(1, 1, "én rapport-id"), RunE: func(*cobra.Command, []string) error { return nil }}
	group := &cobra.Command{Use: "template", Short: "Vis en mal"}
	group.AddCommand(&cobra.Command{Use: "show ID", Short: "Vis feltene", RunE: func(*cobra.Command, []string) error { return nil }})
	root.AddCommand(list, export, group)
	root.SetOut(out)
	root.SetErr(out)
	Norwegian(root)
	return root
}

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"list", "alle"}, "«boso list» tar ingen argumenter (fikk «alle»); se «boso list --help»."},
		{[]string{"export"}, "«boso export» trenger én rapport-id; se «boso export --help»."},
		{[]string{"export", "a", "b"}, "«boso export» trenger én rapport-id; se «boso export --help»."},
		{[]string{"exprot"}, "ukjent kommando «exprot»; mente du export? Se «boso --help»."},
		{[]string{"fjas"}, "ukjent kommando «fjas»; se «boso --help»."},
		// A group does not succeed on an unknown subcommand.
		{[]string{"template", "sho"}, "ukjent kommando «sho»; mente du show? Se «boso template --help»."},
		{[]string{"help", "exprt"}, "ukjent kommando «exprt»; mente du export? Se «boso --help»."},
		{[]string{"list", "--fjas"}, "ukjent valg --fjas; se «boso list --help»."},
		{[]string{"list", "--format"}, "valget --format trenger en verdi; se «boso list --help»."},
	} {
		root := tree(&bytes.Buffer{})
		root.SetArgs(tc.args)
		err := root.Execute()
		var exit *Exit
		if !errors.As(err, &exit) || exit.Code != 2 || exit.Msg != tc.want {
			t.Errorf("%q: got %#v, want usage error %q", tc.args, err, tc.want)
		}
	}
}

func TestHelpIsNorwegian(t *testing.T) {
	var out bytes.Buffer
	root := tree(&out)
	root.SetArgs([]string{"list", "--help"})
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	help := out.String()
	for _, want := range []string{"Bruk:\n  boso list [valg]", "Valg:", "--format FORMAT   skriv som FORMAT (standard: \"table\")", "-h, --help", "vis hjelp for «boso list»"} {
		if !strings.Contains(help, want) {
			t.Errorf("help lacks %q:\n%s", want, help)
		}
	}
	for _, english := range []string{"Usage", "Flags", "default", "[flags]"} {
		if strings.Contains(help, english) {
			t.Errorf("help says %q:\n%s", english, help)
		}
	}
}
