// Package overview is «boso summary», Husbanken's overview of many
// kommuner's exports: it reads the files, has model/summary add them up,
// and writes the result in the format asked for. A file it cannot use is
// named on standard error, and the rest are summed all the same.
package overview

import (
	"fmt"
	"os"
	"slices"
	"strconv"

	"github.com/spf13/cobra"

	"boso/model"
	"boso/model/summary"
	"boso/store"
	"boso/tui/say"
	"boso/tui/usage"
)

// Command is «boso summary»; reg gives the editions boso knows when it runs.
func Command(reg func() *model.Registry) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "summary FIL…",
		Short: "Statustabellene og C.1/C.2 over mange eksporter, per kommune og totalt",
		Long: "Leser JSON-eksporter (én per kommune og år) og viser for hvert år 1.1-tabellen, det prioriterte området og C.1/C.2 " +
			"for hver kommune, med totaler. En fil som ikke kan leses, har et annet format eller er et duplikat (samme kommune og år), " +
			"nevnes og hoppes over; resten summeres likevel. Avslutter med 1 hvis noen fil ble hoppet over.",
		Args: usage.Needs(1, -1, "minst én fil"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(summary.Formats, format) {
				return usage.Fail(1, "ukjent format «%s»; bruk %s.", format, say.Or(summary.Formats))
			}
			var inputs []summary.Input
			var unreadable []summary.Skipped
			for _, path := range args {
				data, err := store.ReadNamed(path, cmd.InOrStdin(), model.MaxImportSize+1)
				if err != nil {
					unreadable = append(unreadable, summary.Skipped{Name: say.FileName(path), Reason: "kan ikke leses (" + say.OS(err) + ")"})
					continue
				}
				inputs = append(inputs, summary.Input{Name: path, Data: data})
			}
			sum, skipped := summary.Summarize(inputs, reg())
			skipped = append(unreadable, skipped...)
			// The skipped files go to standard error, once; only JSON, read
			// by programs, also carries them.
			sum.Skipped = nil
			if format == "json" {
				sum.Skipped = skipped
			}
			out, err := sum.Render(format, terminalWidth())
			if err != nil {
				return err
			}
			if _, err := cmd.OutOrStdout().Write(out); err != nil {
				return err
			}
			if len(skipped) > 0 {
				for _, sk := range skipped {
					fmt.Fprintln(cmd.ErrOrStderr(), "boso: "+sk.String())
				}
				return usage.Fail(1, "")
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "skriv som `FORMAT`: table, csv, md eller json")
	return cmd
}

// terminalWidth is the width the table is are laid out for: $COLUMNS when the
// shell exports it, else the 80 columns every terminal has.
func terminalWidth() int {
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return 80
}
