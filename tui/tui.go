// Package tui is the terminal UI: the list of reports, then screen by screen
// through one.
package tui

import (
	"errors"
	"io"

	"boso/model"
	"boso/store"
)

// Options is what the UI needs from the command line.
type Options struct {
	Store      *store.Store
	Registry   *model.Registry
	Accessible bool
	In         io.Reader
	Out        io.Writer
}

// Run starts the UI and returns when the user quits.
func Run(opts Options) error {
	return errors.New("skjermbildene kommer i neste versjon; bruk kommandoene i «boso --help»")
}
