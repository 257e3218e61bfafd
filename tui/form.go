package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"boso/model"
	"boso/tui/say"
)

// formScreen edits a section without a status table (the general
// information, the long texts) with a huh form: one group, one field per
// answer. Validation never blocks (huh issues #540, #650, #655, #720): the
// model's problem shows in the field's description once the user has left it.
type formScreen struct {
	c       *common
	e       *editing
	section *model.Section
	form    *huh.Form
	ids     []string
	// typed holds the strings huh edits in place.
	typed map[string]*string
	// rejected holds why what the user typed into a number field does not
	// parse; the text stays on screen, so nothing is lost from view.
	rejected map[string]string
	// describe sets a field's description. Descriptions are set here, in
	// Update, and never through huh's DescriptionFunc, which huh evaluates
	// in a command goroutine while the report may be changing.
	describe map[string]func(string)
	shown    map[string]string
}

// formKeyMap gives huh's form our keys: enter a line break in long texts
// (as in any editor), tab the way to the next field, and enter too in a
// field of one line; the form never submits itself, since leaving a
// screen is ours to decide.
func formKeyMap(k KeyMap) *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithDisabled())
	km.Text.Next = k.NextField
	km.Text.Prev = k.PrevField
	km.Text.NewLine = k.Text.NewLine
	km.Text.Submit = key.NewBinding(key.WithDisabled())
	km.Text.Editor = k.Text.ExternalEditor
	km.Input.Next = key.NewBinding(key.WithKeys(append(k.EnterNext.Keys(), k.NextField.Keys()...)...), key.WithHelp(k.NextField.Help().Key, k.NextField.Help().Desc))
	km.Input.Prev = k.PrevField
	km.Input.Submit = key.NewBinding(key.WithDisabled())
	km.Input.AcceptSuggestion = key.NewBinding(key.WithDisabled())
	return km
}

func newFormScreen(c *common, e *editing, s *model.Section) *formScreen {
	f := &formScreen{c: c, e: e, section: s, typed: map[string]*string{}, rejected: map[string]string{},
		describe: map[string]func(string){}, shown: map[string]string{}}
	var fields []huh.Field
	for _, fld := range s.Fields {
		if fld.Computed() {
			continue
		}
		id := fld.ID
		v := e.Show(id)
		f.typed[id] = &v
		f.ids = append(f.ids, id)
		title := e.r.Label(fld.Label)
		if fld.Required {
			title += " *"
		}
		desc := f.description(id)
		f.shown[id] = desc
		if fld.Type == model.TypeLongText {
			t := huh.NewText().Key(id).Title(title).Description(desc).
				Value(f.typed[id]).Lines(5).CharLimit(0).EditorExtension("txt")
			f.describe[id] = func(d string) { t.Description(d) }
			fields = append(fields, t)
			continue
		}
		in := huh.NewInput().Key(id).Title(title).Description(desc).
			Value(f.typed[id]).Placeholder(placeholders[fld.Type]).CharLimit(0)
		f.describe[id] = func(d string) { in.Description(d) }
		fields = append(fields, in)
	}
	f.form = huh.NewForm(huh.NewGroup(fields...)).
		WithShowHelp(false).WithShowErrors(false).WithKeyMap(formKeyMap(c.keys)).
		WithTheme(formTheme(c.dark))
	f.setSize()
	return f
}

// formTheme is huh's look for the terminal's background as the UI knows
// it; the form is not asked, since it learns the background only from a
// message that came before it was built.
//
// The styles are built once: huh asks for them for every field in every
// frame, and building huh's theme was a fifth of a key on this page.
func formTheme(dark bool) huh.Theme {
	var st *huh.Styles
	if noColor() {
		st = huh.ThemeBase(dark)
	} else {
		st = huh.ThemeCharm(dark)
	}
	return huh.ThemeFunc(func(bool) *huh.Styles { return st })
}

// placeholders stand in an empty field of a type whose way of writing is
// not obvious.
var placeholders = map[model.FieldType]string{
	model.TypeDate:  "dd.mm.åååå",
	model.TypeYear:  "åååå",
	model.TypePhone: "8 sifre",
	model.TypeEmail: "navn@kommune.no",
}

// description is a field's help, its prompts, and its problem once left.
func (f *formScreen) description(id string) string {
	c, e := f.c, f.e
	fld := e.r.Template.Field(id)
	var parts []string
	if fld.Help != "" {
		parts = append(parts, e.r.Label(fld.Help))
	}
	if len(fld.Prompts) > 0 {
		parts = append(parts, "• "+strings.Join(e.r.Prompts(fld), "  • "))
	}
	if msg, ok := f.rejected[id]; ok {
		parts = append(parts, c.styles.Problem.Render("⚠ "+msg))
	} else if p := e.Problem(id); p != "" {
		parts = append(parts, c.styles.Problem.Render("⚠ "+p))
	}
	return strings.Join(parts, "\n")
}

// lengthNote tells how long an answer is.
func lengthNote(s string) string { return countNote(len([]rune(s))) }

// countNote says how many characters an answer has.
func countNote(n int) string {
	if n == 1 {
		return "1 tegn"
	}
	return model.FormatCount(int64(n)) + " tegn"
}

func (f *formScreen) setSize() {
	f.form = f.form.WithWidth(f.c.width).WithHeight(max(f.c.height-bodyChrome, 5))
}

func (f *formScreen) init() tea.Cmd { return f.form.Init() }

func (f *formScreen) focused() string {
	if fld := f.form.GetFocusedField(); fld != nil {
		return fld.GetKey()
	}
	return ""
}

// atFirst and atLast tell the report screen when tab should go on to the
// neighbouring screen instead of into the form.
func (f *formScreen) atFirst() bool { return len(f.ids) == 0 || f.focused() == f.ids[0] }
func (f *formScreen) atLast() bool  { return len(f.ids) == 0 || f.focused() == f.ids[len(f.ids)-1] }

// focusField moves the form's focus to a field, as a jump from the problem list does.
func (f *formScreen) focusField(id string) bool {
	idx := -1
	for i, k := range f.ids {
		if k == id {
			idx = i
		}
	}
	if idx < 0 {
		return false
	}
	for range len(f.ids) {
		cur := f.focused()
		if cur == id {
			return true
		}
		pos := 0
		for i, k := range f.ids {
			if k == cur {
				pos = i
			}
		}
		var next func() tea.Cmd = f.form.NextField
		if pos > idx {
			next = f.form.PrevField
		}
		next()
	}
	return f.focused() == id
}

func (f *formScreen) update(msg tea.Msg) tea.Cmd {
	before := f.focused()
	var cmd tea.Cmd
	switch move := f.move(msg); {
	case move > 0 && !f.atLast():
		// huh moves focus through a command, which lets keys typed right
		// after tab land in the field just left; moving here is immediate.
		cmd = f.form.NextField()
	case move < 0 && !f.atFirst():
		cmd = f.form.PrevField()
	case move != 0:
	default:
		var m huh.Model
		m, cmd = f.form.Update(msg)
		if form, ok := m.(*huh.Form); ok {
			f.form = form
		}
	}
	for _, id := range []string{before, f.focused()} {
		f.sync(id)
	}
	if after := f.focused(); after != before {
		f.e.Leave(before)
		f.redescribe()
	}
	return cmd
}

// redescribe shows the problems as they are now; huh draws a description
// only when its group updates, so the form is nudged when one changed.
func (f *formScreen) redescribe() {
	changed := false
	for _, id := range f.ids {
		if d := f.description(id); d != f.shown[id] {
			f.shown[id] = d
			f.describe[id](d)
			changed = true
		}
	}
	if changed {
		f.form.Update(redrawMsg{})
	}
}

// redrawMsg makes a huh form lay out its fields again.
type redrawMsg struct{}

// move tells whether a key moves to the next (1) or previous (-1) field:
// tab and shift+tab everywhere, enter in one-line fields.
func (f *formScreen) move(msg tea.Msg) int {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return 0
	}
	switch {
	case key.Matches(km, f.c.keys.NextField):
		return 1
	case key.Matches(km, f.c.keys.PrevField):
		return -1
	case key.Matches(km, f.c.keys.EnterNext):
		if fld := f.e.r.Template.Field(f.focused()); fld != nil && fld.Type != model.TypeLongText {
			return 1
		}
	}
	return 0
}

// sync copies what the form holds for a field into the report.
func (f *formScreen) sync(id string) {
	typed, ok := f.typed[id]
	if !ok || f.e.ReadOnly() {
		return
	}
	if *typed == f.e.Show(id) {
		if _, was := f.rejected[id]; was {
			delete(f.rejected, id)
			f.redescribe()
		}
		return
	}
	if err := f.e.Input(id, *typed); err != nil {
		f.rejected[id] = say.Error(err)
		f.redescribe()
		return
	}
	if _, was := f.rejected[id]; was {
		delete(f.rejected, id)
		f.redescribe()
	}
}

func (f *formScreen) view(int) string {
	return huhCursorMark(strings.ReplaceAll(f.form.View(), blurredInputColour, ""))
}

// blurredInputColour is how bubbles' text input colours its prompt and text
// while it lacks the focus (ANSI white, meant for a dark background). huh
// gives its inputs the theme's look only for the focused state, so every
// answer but the focused one came in this colour, which a white terminal
// all but hides; nothing else in a form uses it. Without it they take the
// terminal's own foreground colour, as the focused answer does.
const blurredInputColour = "\x1b[37m"

func (f *formScreen) focusLast() {
	if n := len(f.ids); n > 0 {
		f.focusField(f.ids[n-1])
	}
}

func (f *formScreen) blur() { f.e.Leave(f.focused()) }

// flush has nothing to do: every key's text is in the report already.
func (f *formScreen) flush() {}

func (f *formScreen) typing() bool { return true }

func (f *formScreen) shortHelp(k KeyMap) []key.Binding { return pageShortHelp(k, f.e.ReadOnly()) }
func (f *formScreen) fullHelp(k KeyMap) [][]key.Binding {
	return [][]key.Binding{{k.EnterNext}, textKeys(k)}
}

func (f *formScreen) note(w int) string {
	fld := f.e.r.Template.Field(f.focused())
	if fld == nil || fld.Type != model.TypeLongText {
		return ""
	}
	return longTextNote(f.c, f.e, fld.Label, len([]rune(f.e.r.Value(fld.ID).Text)), false, w)
}
