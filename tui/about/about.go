// Package about says which boso this is and where it keeps its files, in
// the words «boso --version» and «boso --help» print, so that IT can tell
// which build a case worker runs and where its draft file is.
package about

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"boso/model"
	"boso/tui/usage"
)

// Command is «boso version», which prints text: the same as --version.
func Command(text string) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Vis versjonen, commit og eksportformatet (det samme som --version)",
		Args:  usage.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := io.WriteString(cmd.OutOrStdout(), text)
			return err
		},
	}
}

// Version is what «boso --version» and «boso version» print: the version,
// the commit it was built from when Go recorded it, the export format this
// binary writes, and the Go version and platform.
func Version(stamped, platform string) string {
	info, _ := debug.ReadBuildInfo()
	return Build(stamped, info, platform)
}

// Build is Version for a given build: a version stamped with -X wins; else
// the module version Go recorded (a tag or pseudo-version when built from a
// git checkout, the version asked for by go install); else "(devel)", as Go
// itself says.
func Build(stamped string, info *debug.BuildInfo, platform string) string {
	v, goVersion := stamped, runtime.Version()
	var commit, modified string
	if info != nil {
		if v == "" {
			v = info.Main.Version
		}
		goVersion = info.GoVersion
		for _, s := range info.Settings {
			switch {
			case s.Key == "vcs.revision":
				commit = s.Value
			case s.Key == "vcs.modified" && s.Value == "true":
				modified = " (med endringer som ikke var sjekket inn)"
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "boso %s\n", v)
	if commit != "" {
		fmt.Fprintf(&b, "commit %s%s\n", commit, modified)
	}
	fmt.Fprintf(&b, "eksportformat %s\n", model.FormatID)
	fmt.Fprintf(&b, "bygget med %s for %s\n", goVersion, platform)
	return b.String()
}

// DataFile says where boso keeps name (the draft file, the templates)
// unless the environment variable env says otherwise, in the words of the
// system goos. adrg/xdg chooses the folder (store.DefaultPath): XDG_DATA_HOME
// when set, on every system, else the system's own place for an
// application's data (on Windows the local, not the roaming, profile
// folder: the draft file is locked while in use and must not travel between
// machines).
func DataFile(goos, env, name string) string {
	switch goos {
	case "windows":
		return "%" + env + "%, ellers %LOCALAPPDATA%\\boso\\" + name
	case "darwin":
		return "$" + env + ", ellers ~/Library/Application Support/boso/" + name
	}
	return "$" + env + ", ellers $XDG_DATA_HOME/boso/" + name + ", ellers ~/.local/share/boso/" + name
}
