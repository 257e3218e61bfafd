package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/adrg/xdg"

	"boso/model"
)

// TemplateDir returns the folder of installed template editions:
// $BOSO_TEMPLATES when set, else $XDG_DATA_HOME/boso/templates.
func TemplateDir() (string, error) {
	if d := os.Getenv("BOSO_TEMPLATES"); d != "" {
		return d, nil
	}
	xdg.Reload()
	if !filepath.IsAbs(xdg.DataHome) {
		return "", errors.New("store: no data folder: set HOME, XDG_DATA_HOME or BOSO_TEMPLATES")
	}
	return filepath.Join(xdg.DataHome, "boso", "templates"), nil
}

// maxTemplateSize bounds a template file: the 2012 edition is 20 KB, so a
// file a thousand times larger is not a template.
const maxTemplateSize = 10 << 20

// ReadTemplates reads every *.yaml file in dir, by name. A folder that does
// not exist holds no templates; a file that cannot be read comes back as an
// *fs.PathError naming it, so that the others still load.
func ReadTemplates(dir string) ([]model.TemplateFile, []error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, []error{&fs.PathError{Op: "read", Path: dir, Err: err}}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var files []model.TemplateFile
	var problems []error
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		data, err := readTemplate(path)
		if err != nil {
			problems = append(problems, err)
			continue
		}
		files = append(files, model.TemplateFile{Name: path, Data: data})
	}
	return files, problems
}

// ErrTemplateTooLarge is the reason a template file over 10 MiB is not read.
var ErrTemplateTooLarge = errors.New("template file is larger than 10 MiB")

func readTemplate(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, err
	case fi.Size() > maxTemplateSize:
		return nil, &fs.PathError{Op: "read", Path: path, Err: ErrTemplateTooLarge}
	case !fi.Mode().IsRegular():
		// A FIFO would make every command wait for a writer.
		return nil, &fs.PathError{Op: "read", Path: path, Err: regular(path, fi)}
	}
	return os.ReadFile(path)
}

// TemplatePath is where edition t is installed in dir: one file per id and
// version, so that adding a version again replaces it. Only ASCII letters,
// digits, '-', '_' and '.' from the id reach the name, and it never starts
// with a dot.
func TemplatePath(dir string, t *model.Template) string {
	safe := strings.Map(func(r rune) rune {
		if r < 128 && (r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return r
		}
		return '_'
	}, t.ID)
	return filepath.Join(dir, fmt.Sprintf("%s-v%d.yaml", strings.TrimLeft(safe, "."), t.Version))
}

// InstallTemplate writes the file data of edition t into dir, at
// TemplatePath, whole or not at all, creating the folder (mode 0700) when
// needed.
func InstallTemplate(dir string, t *model.Template, data []byte) error {
	if err := mkdirAll(dir); err != nil {
		return fmt.Errorf("store: install template: %w", err)
	}
	path := TemplatePath(dir, t)
	if err := WriteFileAtomic(path, data); err != nil {
		return fmt.Errorf("store: install template %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}
