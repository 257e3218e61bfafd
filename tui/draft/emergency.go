package draft

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/adrg/xdg"

	"boso/model"
	"boso/store"
)

// EmergencyCopy writes the report as a JSON export (which `boso import`
// reads back), readable by the owner only, in the first place that takes
// it: beside the draft file, where the user looks first; then boso's state
// folder ($XDG_STATE_HOME/boso), the home folder and the temporary folder,
// since the draft file's disk may be the full one. Once written, the draft
// counts as settled: the text is safe, and the program may end. It returns
// the path, or why no place took it.
func (d *Draft) EmergencyCopy() (string, error) {
	data, err := model.Encode(d.r)
	if err != nil {
		return "", fmt.Errorf("draft: emergency copy: %w", err)
	}
	name := fmt.Sprintf("boso-nodlagring-%s-%s.json", d.r.ID, d.now().Format("20060102-150405"))
	var errs []error
	for _, dir := range emergencyFolders(d.draftFile) {
		path := filepath.Join(dir, name)
		err := os.MkdirAll(dir, 0o700)
		if err == nil {
			err = store.WriteCopy(d.draftFile, path, data)
		}
		if err == nil {
			d.stored = d.changes
			return path, nil
		}
		errs = append(errs, fmt.Errorf("%s: %w", dir, err))
	}
	return "", fmt.Errorf("draft: emergency copy written nowhere: %w", errors.Join(errs...))
}

// emergencyFolders are the places to try, each once, in order.
func emergencyFolders(draftFile string) []string {
	var dirs []string
	if draftFile != "" {
		dirs = append(dirs, filepath.Dir(draftFile))
	}
	// xdg reads the environment once at start; the current one counts.
	xdg.Reload()
	if filepath.IsAbs(xdg.StateHome) {
		dirs = append(dirs, filepath.Join(xdg.StateHome, "boso"))
	}
	if home, err := os.UserHomeDir(); err == nil && filepath.IsAbs(home) {
		dirs = append(dirs, home)
	}
	dirs = append(dirs, os.TempDir())
	var out []string
	seen := map[string]bool{}
	for _, d := range dirs {
		if d = filepath.Clean(d); !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}
