package model

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"sync"
)

//go:embed templates/*.yaml
var embedded embed.FS

// Registry holds the template editions the program knows: every version of
// each, the newest of which is the one reports open under.
type Registry struct {
	// builtin, when set, fills the registry with the built-in editions on
	// first use: parsing them takes milliseconds that a command such as
	// «boso list» on an empty file never needs to spend.
	builtin  *sync.Once
	versions map[string][]*Template // by id, oldest version first
	ids      []string
}

// filled returns r with its editions, parsing the built-in ones when r is
// waiting for them.
func (r *Registry) filled() *Registry {
	if r.builtin != nil {
		r.builtin.Do(func() {
			r.versions = map[string][]*Template{}
			ts, _ := builtinLoad()
			for _, t := range ts {
				_ = r.add(t) // builtinLoad has already left out duplicates
			}
		})
	}
	return r
}

// Lookup returns the newest version of the template with the given id.
func (r *Registry) Lookup(id string) (*Template, bool) {
	vs := r.filled().versions[id]
	if len(vs) == 0 {
		return nil, false
	}
	return vs[len(vs)-1], true
}

// Edition returns one version of a template.
func (r *Registry) Edition(id string, version int) (*Template, bool) {
	for _, t := range r.filled().versions[id] {
		if t.Version == version {
			return t, true
		}
	}
	return nil, false
}

// Templates lists the newest version of each template, sorted by id.
func (r *Registry) Templates() []*Template {
	r.filled()
	out := make([]*Template, len(r.ids))
	for i, id := range r.ids {
		out[i], _ = r.Lookup(id)
	}
	return out
}

// All lists every version of every template, by id and then version.
func (r *Registry) All() []*Template { return r.filled().all() }

func (r *Registry) all() []*Template {
	var out []*Template
	for _, id := range r.ids {
		out = append(out, r.versions[id]...)
	}
	return out
}

// Default returns the edition a new report gets unless another is chosen:
// of the templates marked `default: true`, the one whose id sorts last (the
// newest, when editions are named by year); without any, the first by id.
// It is nil only for an empty registry.
func (r *Registry) Default() *Template {
	var def *Template
	for _, t := range r.Templates() {
		if t.Default {
			def = t
		}
	}
	if def == nil && len(r.ids) > 0 {
		def, _ = r.Lookup(r.ids[0])
	}
	return def
}

// NewRegistry builds a registry from parsed templates; two with the same id
// and version are refused.
func NewRegistry(ts ...*Template) (*Registry, error) {
	r := &Registry{versions: map[string][]*Template{}}
	for _, t := range ts {
		if err := r.add(t); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func (r *Registry) add(t *Template) error {
	vs := r.versions[t.ID]
	for _, v := range vs {
		if v.Version == t.Version {
			return fmt.Errorf("malen %s versjon %d finnes allerede (%s)", t.ID, t.Version, v.Source())
		}
	}
	if len(vs) == 0 {
		r.ids = append(r.ids, t.ID)
		sort.Strings(r.ids)
	}
	vs = append(vs, t)
	sort.Slice(vs, func(i, j int) bool { return vs[i].Version < vs[j].Version })
	r.versions[t.ID] = vs
	return nil
}

// TemplateFile is a template file to load beside the built-in editions.
type TemplateFile struct {
	Name string
	Data []byte
}

// LoadRegistry builds the registry from the built-in editions and the given
// files. A file that does not load, or that repeats an edition already
// known, is left out and its problems returned: one bad file must never stop
// the program, nor hide the other editions.
func LoadRegistry(files []TemplateFile) (*Registry, []*TemplateError) {
	r := &Registry{builtin: new(sync.Once)}
	if len(files) == 0 {
		return r, nil // nothing to check against the built-in editions yet
	}
	r.filled() // a file may repeat a built-in edition
	var skipped []*TemplateError
	for _, f := range files {
		if err := loadOne(r, f.Name, f.Data); err != nil {
			skipped = append(skipped, err)
		}
	}
	return r, skipped
}

// loadOne parses a file and adds it to r, or says why it cannot.
func loadOne(r *Registry, name string, data []byte) *TemplateError {
	t, err := ParseTemplateFile(name, data)
	if err != nil {
		return err.(*TemplateError)
	}
	if err := r.add(t); err != nil {
		return &TemplateError{File: name, Problems: []TemplateProblem{{Line: t.line, Msg: err.Error()}}}
	}
	return nil
}

var (
	// builtinLoad reads the embedded editions, once, when first asked.
	builtinLoad     = sync.OnceValues(parseBuiltin)
	builtinRegistry = sync.OnceValue(func() *Registry { r, _ := LoadRegistry(nil); return r })
)

// parseBuiltin parses the embedded editions. One that does not load is left
// out rather than stopping the program; a test insists there is none.
func parseBuiltin() ([]*Template, []*TemplateError) {
	names, _ := fs.Glob(embedded, "templates/*.yaml")
	r, _ := NewRegistry()
	var problems []*TemplateError
	for _, name := range names {
		data, err := embedded.ReadFile(name)
		if err != nil {
			problems = append(problems, &TemplateError{File: name, Problems: []TemplateProblem{{Msg: err.Error()}}})
			continue
		}
		if err := loadOne(r, path.Join("model", name), data); err != nil {
			problems = append(problems, err)
		}
	}
	ts := r.all()
	for _, t := range ts {
		t.source = "" // built in, not a file the user has
	}
	return ts, problems
}

// Builtin returns the templates embedded in the program.
func Builtin() *Registry { return builtinRegistry() }

// BuiltinProblems lists the embedded template files that did not load.
func BuiltinProblems() []*TemplateError {
	_, problems := builtinLoad()
	return problems
}
