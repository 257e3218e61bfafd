package tui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	bolt "go.etcd.io/bbolt"

	"boso/model"
	"boso/store"
)

// startNow is ten days into February 2013, 18 days before the 2012 reports
// are due. Noon, so that no time zone moves it to another date.
var startNow = time.Date(2013, 2, 10, 12, 0, 0, 0, time.Local)

func newStartCommon(t *testing.T, width, height int, now time.Time) *common {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "boso.db"))
	if err != nil {
		t.Fatal(err)
	}
	return &common{
		width: width, height: height, styles: DefaultStyles(true), dark: true, keys: DefaultKeyMap(),
		store: st, reg: form2012(), now: func() time.Time { return now },
	}
}

// putStartReport stores a report for kommune and year ("" leaves a field
// unanswered), saved at saved; edit, when given, changes it before saving.
func putStartReport(t *testing.T, c *common, kommune, year string, saved time.Time, edit func(r *model.Report)) *model.Report {
	t.Helper()
	tmpl, ok := c.reg.Lookup("arsrapport-2012")
	if !ok {
		t.Fatal("no default template")
	}
	r := model.NewReport(tmpl, saved.Add(-24*time.Hour))
	if kommune != "" {
		if err := r.Input("info.kommune", kommune); err != nil {
			t.Fatal(err)
		}
	}
	if year != "" {
		if err := r.Input("info.rapporteringsar", year); err != nil {
			t.Fatal(err)
		}
	}
	if edit != nil {
		edit(r)
	}
	r.UpdatedAt = saved
	if _, err := store.PutReport(c.store, r, "", 0); err != nil {
		t.Fatal(err)
	}
	return r
}

// putThreeReports stores the list the golden files show: a draft, a final
// report and a draft with neither kommune nor year, newest first.
func putThreeReports(t *testing.T, c *common) (gjovik, hamar, unnamed *model.Report) {
	t.Helper()
	gjovik = putStartReport(t, c, "Gjøvik kommune", "2012", time.Date(2013, 2, 8, 14, 3, 0, 0, time.Local), func(r *model.Report) {
		for id, v := range map[string]string{"1.1.A.start": "7", "1.1.A.slutt": "8", "info.programstart": "22.12.2010"} {
			if err := r.Input(id, v); err != nil {
				t.Fatal(err)
			}
		}
	})
	hamar = putStartReport(t, c, "Hamar kommune", "2012", time.Date(2013, 2, 5, 9, 30, 0, 0, time.Local), func(r *model.Report) {
		r.State = model.Final
		at := time.Date(2013, 2, 5, 9, 30, 0, 0, time.Local)
		r.FinalizedAt = &at
	})
	unnamed = putStartReport(t, c, "", "", time.Date(2013, 1, 31, 16, 45, 0, 0, time.Local), nil)
	return gjovik, hamar, unnamed
}

func startKey(r rune) tea.KeyPressMsg { return keyText(string(r)) }

func startTyped(s string) tea.KeyPressMsg { return keyText(s) }

var (
	startEnter = keyPress("enter")
	startEsc   = keyPress("esc")
	startTab   = keyPress("tab")
	startDown  = keyPress("down")
	startUp    = keyPress("up")
	startCtrlU = keyPress("ctrl+u")
	startCtrlC = keyPress("ctrl+c")
)

// startNewKeys are the keys of a new report for a kommune: n, the kommune
// typed over what the dialog offers, enter (the year it offers stays).
func startNewKeys(kommune string) []tea.Msg {
	return []tea.Msg{startKey('n'), startCtrlU, startTyped(kommune), startEnter}
}

// startRunCmd runs a command as Bubble Tea would, batches included, and returns
// the messages it produced.
func startRunCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, startRunCmd(c)...)
		}
		return out
	default:
		return []tea.Msg{msg}
	}
}

// startSend delivers msgs one after the other, each followed by the messages of
// the commands it caused, as the program loop would. Messages meant for the
// root (open a report, quit) are returned instead of fed back.
func startSend(t *testing.T, s startScreen, msgs ...tea.Msg) (startScreen, []tea.Msg) {
	t.Helper()
	var out []tea.Msg
	var deliver func(msg tea.Msg)
	deliver = func(msg tea.Msg) {
		var cmd tea.Cmd
		s, cmd = s.update(msg)
		for _, m := range startRunCmd(cmd) {
			switch m.(type) {
			case openReportMsg, tea.QuitMsg:
				out = append(out, m)
			default:
				deliver(m)
			}
		}
	}
	for _, msg := range msgs {
		deliver(msg)
	}
	return s, out
}

// loadedStart is a start screen with the file's list loaded.
func loadedStart(t *testing.T, c *common) startScreen {
	t.Helper()
	s := newStartScreen(c)
	for _, msg := range startRunCmd(s.init()) {
		s, _ = startSend(t, s, msg)
	}
	if !s.loaded {
		t.Fatalf("list not loaded; status %q", s.status)
	}
	return s
}

func startView(s startScreen) string { return ansi.Strip(s.view()) }

// startOpenedID returns the id of the one openReportMsg among msgs.
func startOpenedID(t *testing.T, msgs []tea.Msg) string {
	t.Helper()
	for _, m := range msgs {
		if o, ok := m.(openReportMsg); ok {
			return o.id
		}
	}
	t.Fatalf("no openReportMsg among %#v", msgs)
	return ""
}

// startCheckFits fails when the view is larger than the window.
func startCheckFits(t *testing.T, s startScreen) {
	t.Helper()
	lines := strings.Split(s.view(), "\n")
	if len(lines) > s.c.height {
		t.Errorf("view has %d lines in a window of %d", len(lines), s.c.height)
	}
	for i, l := range lines {
		if w := lipgloss.Width(l); w > s.c.width {
			t.Errorf("line %d is %d wide in a window of %d: %q", i+1, w, s.c.width, ansi.Strip(l))
		}
	}
}

func TestStartGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		name := fmt.Sprintf("%dx%d", size[0], size[1])
		t.Run("empty-"+name, func(t *testing.T) {
			s := loadedStart(t, newStartCommon(t, size[0], size[1], startNow))
			startCheckFits(t, s)
			golden.RequireEqual(t, []byte(startView(s)))
		})
		t.Run("list-"+name, func(t *testing.T) {
			c := newStartCommon(t, size[0], size[1], startNow)
			putThreeReports(t, c)
			s := loadedStart(t, c)
			startCheckFits(t, s)
			golden.RequireEqual(t, []byte(startView(s)))
		})
	}
	t.Run("help-80x24", func(t *testing.T) {
		c := newStartCommon(t, 80, 24, startNow)
		putThreeReports(t, c)
		s, _ := startSend(t, loadedStart(t, c), startKey('?'))
		startCheckFits(t, s)
		golden.RequireEqual(t, []byte(startView(s)))
	})
	t.Run("delete-80x24", func(t *testing.T) {
		c := newStartCommon(t, 80, 24, startNow)
		putThreeReports(t, c)
		s, _ := startSend(t, loadedStart(t, c), startKey('d'))
		startCheckFits(t, s)
		golden.RequireEqual(t, []byte(startView(s)))
	})
	t.Run("export-80x24", func(t *testing.T) {
		c := newStartCommon(t, 80, 24, startNow)
		putThreeReports(t, c)
		s, _ := startSend(t, loadedStart(t, c), startKey('e'))
		startCheckFits(t, s)
		golden.RequireEqual(t, []byte(startView(s)))
	})
}

func TestStartEmpty(t *testing.T) {
	s := loadedStart(t, newStartCommon(t, 80, 24, startNow))
	v := startView(s)
	if !strings.Contains(v, "Ingen rapporter ennå – trykk n for å lage den første.") {
		t.Errorf("no invitation in\n%s", v)
	}
	// Keys that need a report do nothing rather than fail.
	for _, k := range []tea.KeyMsg{startEnter, startKey('v'), startKey('e'), startKey('d')} {
		s2, out := startSend(t, s, k)
		if len(out) != 0 || s2.mode != startBrowsing || s2.status != "" {
			t.Errorf("%s on an empty list: messages %v, mode %d, status %q", k, out, s2.mode, s2.status)
		}
	}
}

func TestStartBeforeLoad(t *testing.T) {
	s := newStartScreen(newStartCommon(t, 80, 24, startNow))
	if v := startView(s); !strings.Contains(v, "Henter rapportene") || strings.Contains(v, "Ingen rapporter") {
		t.Errorf("before the list arrives:\n%s", v)
	}
}

func TestStartList(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	gjovik, hamar, _ := putThreeReports(t, c)
	s := loadedStart(t, c)
	done := func(r *model.Report) string {
		a, n := r.Completion()
		return fmt.Sprintf("%d/%d", a, n)
	}
	for _, tc := range []struct {
		kommune string
		want    []string
		not     []string
	}{
		{"Gjøvik kommune", []string{"› ", "2012", "kladd", done(gjovik), "08.02.2013 14:03", "18 dager igjen"}, nil},
		{"Hamar kommune", []string{"2012", "endelig", done(hamar), "05.02.2013 09:30", "28.02.2013"}, []string{"dager", "›"}},
		{"(uten kommune)", []string{"—", "kladd", "31.01.2013 16:45"}, []string{"dager", "frist"}},
	} {
		l := startRowOf(t, s, tc.kommune)
		for _, w := range tc.want {
			if !strings.Contains(l, w) {
				t.Errorf("row %q lacks %q", l, w)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(l, w) {
				t.Errorf("row %q has %q", l, w)
			}
		}
	}

	// The marker follows the selection, and stops at the ends.
	s, _ = startSend(t, s, startDown, startKey('j'), startKey('j'))
	if !strings.HasPrefix(strings.TrimSpace(startRowOf(t, s, "(uten kommune)")), "›") {
		t.Errorf("after three downs the last row is not selected:\n%s", startView(s))
	}
	s, _ = startSend(t, s, startUp, startKey('k'), startKey('k'))
	if sum, _ := s.selected(); sum.ID != gjovik.ID {
		t.Errorf("after three ups %s is selected, want %s", sum.Kommune, gjovik.Kommune())
	}
}

// TestStartDeadlineNextDay: the list is laid out once, when it is read,
// yet with boso left open past midnight the days left count down at the
// next key.
func TestStartDeadlineNextDay(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	putThreeReports(t, c)
	s := loadedStart(t, c)
	if l := startRowOf(t, s, "Gjøvik kommune"); !strings.Contains(l, "18 dager igjen") {
		t.Fatalf("row %q", l)
	}
	c.now = func() time.Time { return startNow.Add(24 * time.Hour) }
	s, _ = startSend(t, s, startDown)
	if l := startRowOf(t, s, "Gjøvik kommune"); !strings.Contains(l, "17 dager igjen") {
		t.Errorf("a day later the row says %q", l)
	}
}

func startRowOf(t *testing.T, s startScreen, kommune string) string {
	t.Helper()
	for _, l := range strings.Split(startView(s), "\n") {
		if strings.Contains(l, kommune) {
			return l
		}
	}
	t.Fatalf("no row for %s in\n%s", kommune, startView(s))
	return ""
}

func TestStartOverdue(t *testing.T) {
	c := newStartCommon(t, 80, 24, time.Date(2013, 3, 5, 9, 0, 0, 0, time.Local))
	putStartReport(t, c, "Gjøvik kommune", "2012", time.Date(2013, 3, 1, 10, 0, 0, 0, time.Local), nil)
	s := loadedStart(t, c)
	if l := startRowOf(t, s, "Gjøvik"); !strings.Contains(l, "5 dager over fristen") {
		t.Errorf("row %q does not say the report is 5 days late", l)
	}
}

func TestStartScroll(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	base := time.Date(2013, 2, 9, 12, 0, 0, 0, time.Local)
	for i := range 30 {
		putStartReport(t, c, fmt.Sprintf("Kommune %02d", i+1), "2012", base.Add(-time.Duration(i)*time.Hour), nil)
	}
	s := loadedStart(t, c)
	startCheckFits(t, s)
	if v := startView(s); !strings.Contains(v, "Kommune 01") || strings.Contains(v, "Kommune 30") || !strings.Contains(v, "av 30") {
		t.Errorf("top of a long list:\n%s", v)
	}
	for range 29 {
		s, _ = startSend(t, s, startDown)
	}
	startCheckFits(t, s)
	v := startView(s)
	if !strings.Contains(v, "› Kommune 30") || strings.Contains(v, "Kommune 01") || !strings.Contains(v, "30 av 30") {
		t.Errorf("bottom of a long list:\n%s", v)
	}
	// A taller window shows more, and the selection stays in view.
	c.width, c.height = 120, 40
	s, _ = startSend(t, s, tea.WindowSizeMsg{Width: 120, Height: 40})
	startCheckFits(t, s)
	if v := startView(s); !strings.Contains(v, "› Kommune 30") || !strings.Contains(v, "Kommune 05") {
		t.Errorf("after growing the window:\n%s", v)
	}
	c.width, c.height = 80, 24
	s, _ = startSend(t, s, tea.WindowSizeMsg{Width: 80, Height: 24})
	startCheckFits(t, s)
	if v := startView(s); !strings.Contains(v, "› Kommune 30") {
		t.Errorf("after shrinking the window:\n%s", v)
	}
}

func TestStartOpen(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	_, hamar, _ := putThreeReports(t, c)
	_, out := startSend(t, loadedStart(t, c), startDown, startEnter)
	if id := startOpenedID(t, out); id != hamar.ID {
		t.Errorf("enter opened %s, want %s", id, hamar.ID)
	}
}

func TestStartNew(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	s, out := startSend(t, loadedStart(t, c), startNewKeys("Gjøvik kommune")...)
	id := startOpenedID(t, out)
	r, _, err := store.GetReport(c.store, id, c.reg)
	if err != nil {
		t.Fatalf("the new report %s is not in the file: %v", id, err)
	}
	if y, _ := r.Year(); r.Kommune() != "Gjøvik kommune" || y != 2012 {
		t.Errorf("new report for %q %d, want Gjøvik kommune 2012", r.Kommune(), y)
	}
	if r.State != model.Draft || !r.CreatedAt.Equal(startNow) || r.Template != c.reg.Default() {
		t.Errorf("new report: state %s, created %v, template %s", r.State, r.CreatedAt, r.Template.ID)
	}
	// While the root opens it, a second n must not make another.
	if !s.busy {
		t.Error("not busy after n")
	}
	if _, out := startSend(t, s, startKey('n')); len(out) != 0 {
		t.Errorf("n while busy: %v", out)
	}
}

func TestStartNewChoosesTemplate(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	data, err := os.ReadFile(filepath.Join("..", "model", "templates", "arsrapport-2012.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	other, err := model.ParseTemplate([]byte(strings.NewReplacer("id: arsrapport-2012", "id: arsrapport-2099", "default: true\n", "").Replace(string(data))))
	if err != nil {
		t.Fatal(err)
	}
	def, _ := model.Builtin().Lookup("arsrapport-2012")
	if c.reg, err = model.NewRegistry(def, other); err != nil {
		t.Fatal(err)
	}

	s, out := startSend(t, loadedStart(t, c), startKey('n'))
	if len(out) != 0 || s.mode != startChoosingTemplate || !strings.Contains(startView(s), "› "+"arsrapport-2012") {
		t.Fatalf("n with two templates: messages %v\n%s", out, startView(s))
	}
	startCheckFits(t, s)
	s, out = startSend(t, s, startEsc)
	if len(out) != 0 || s.mode != startBrowsing {
		t.Fatalf("esc did not cancel: %v, mode %d", out, s.mode)
	}
	if list, _ := c.store.List(); len(list) != 0 {
		t.Fatalf("esc left %d reports", len(list))
	}
	_, out = startSend(t, s, append([]tea.Msg{startKey('n'), startDown, startEnter}, startNewKeys("Hamar kommune")[1:]...)...)
	r, _, err := store.GetReport(c.store, startOpenedID(t, out), c.reg)
	if err != nil {
		t.Fatal(err)
	}
	if r.Template.ID != "arsrapport-2099" {
		t.Errorf("chose the second template, got %s", r.Template.ID)
	}
}

func TestStartCarryOver(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	gjovik, _, _ := putThreeReports(t, c)
	_, out := startSend(t, loadedStart(t, c), startKey('v'))
	id := startOpenedID(t, out)
	if id == gjovik.ID {
		t.Fatal("carry-over opened last year's report")
	}
	r, _, err := store.GetReport(c.store, id, c.reg)
	if err != nil {
		t.Fatal(err)
	}
	if y, ok := r.Year(); !ok || y != 2013 || r.Kommune() != "Gjøvik kommune" || r.CarriedFrom != gjovik.ID {
		t.Errorf("carried over: year %d %v, kommune %q, from %q", y, ok, r.Kommune(), r.CarriedFrom)
	}
	if v := r.Value("1.1.A.start"); v.Kind != model.Number || v.Num != 8 {
		t.Errorf("1.1.A.start = %+v, want last year's 1.1.A.slutt (8)", v)
	}
	if got, want := r.Value("info.programstart"), gjovik.Value("info.programstart"); got != want || got.IsEmpty() {
		t.Errorf("info.programstart = %+v, want last year's %+v", got, want)
	}
}

func TestStartDelete(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	gjovik, hamar, _ := putThreeReports(t, c)
	s := loadedStart(t, c)

	s, _ = startSend(t, s, startKey('d'))
	q := "Slette rapporten for Gjøvik kommune 2012? Den kan ikke hentes tilbake. (j/n)"
	if v := startView(s); !strings.Contains(v, q) {
		t.Fatalf("d does not ask %q:\n%s", q, v)
	}
	for i, no := range []tea.KeyMsg{startKey('n'), startEsc, startKey('x'), startEnter} {
		if i > 0 {
			s, _ = startSend(t, s, startKey('d'))
		}
		s, _ = startSend(t, s, no)
		if _, err := c.store.Get(gjovik.ID); err != nil {
			t.Fatalf("%s deleted the report: %v", no, err)
		}
		if v := startView(s); strings.Contains(v, q) || !strings.Contains(v, "Ingenting er slettet.") {
			t.Errorf("after %s:\n%s", no, v)
		}
	}

	s, _ = startSend(t, s, startKey('d'), startKey('j'))
	if _, err := c.store.Get(gjovik.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("j did not delete: %v", err)
	}
	v := startView(s)
	if strings.Contains(v, "Gjøvik kommune  ") || !strings.Contains(v, "Rapporten for Gjøvik kommune 2012 er slettet.") || len(s.reports) != 2 {
		t.Errorf("after deleting:\n%s", v)
	}
	// The selection moves to the report that took the deleted one's place.
	if sum, _ := s.selected(); sum.ID != hamar.ID {
		t.Errorf("selected %s after deleting, want Hamar", sum.Kommune)
	}
	s, _ = startSend(t, s, startKey('d'), startKey('y'))
	if _, err := c.store.Get(hamar.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("y did not delete: %v", err)
	}
	s, _ = startSend(t, s, startKey('d'))
	if v := startView(s); !strings.Contains(v, "Slette rapporten uten kommune (") {
		t.Errorf("question for a report without kommune:\n%s", v)
	}
}

func TestStartExport(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	gjovik, _, unnamed := putThreeReports(t, c)
	dir := t.TempDir()
	t.Chdir(dir)

	s, _ := startSend(t, loadedStart(t, c), startKey('e'))
	if got := s.input.Value(); got != "gjovik-kommune-2012.json" {
		t.Errorf("offered %q", got)
	}
	s, _ = startSend(t, s, startTab)
	if got := s.input.Value(); got != "gjovik-kommune-2012.md" || !strings.Contains(startView(s), "Markdown") {
		t.Errorf("after tab: %q\n%s", got, startView(s))
	}
	s, _ = startSend(t, s, startTab, startEnter)
	// The confirmation names the whole path, not only what was typed.
	if want := "Eksportert til " + filepath.Join(dir, "gjovik-kommune-2012.json") + " (kladd)"; !strings.Contains(s.status, want) || s.mode != startBrowsing {
		t.Errorf("after enter: %q, want %q", s.status, want)
	}
	path := filepath.Join(dir, "gjovik-kommune-2012.json")
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("export has mode %v, want 0600", fi.Mode().Perm())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := model.Decode(data, c.reg)
	if err != nil {
		t.Fatalf("export does not decode: %v", err)
	}
	if r.ID != gjovik.ID || r.Kommune() != "Gjøvik kommune" {
		t.Errorf("exported %s %q", r.ID, r.Kommune())
	}

	// Markdown, of a final report, under a name typed over the offer.
	md := filepath.Join(dir, "ut", "hamar.md")
	if err := os.Mkdir(filepath.Dir(md), 0o700); err != nil {
		t.Fatal(err)
	}
	s, _ = startSend(t, s, startDown, startKey('e'), startTab, startCtrlU, startTyped(md), startEnter)
	v := startView(s)
	if !strings.Contains(v, "Eksportert til") || strings.Contains(v, "(kladd)") {
		t.Errorf("after exporting a final report:\n%s", v)
	}
	if data, err := os.ReadFile(md); err != nil || !strings.HasPrefix(string(data), "# ") || !strings.Contains(string(data), "Hamar kommune") {
		t.Errorf("markdown export: %v\n%s", err, data)
	}

	// A report without kommune is offered under its id.
	s, _ = startSend(t, s, startDown, startKey('e'))
	if want := "rapport-" + unnamed.ID[:8] + ".json"; s.input.Value() != want {
		t.Errorf("offered %q, want %q", s.input.Value(), want)
	}
	// A folder that does not exist: the reason shows, and the prompt stays.
	s, _ = startSend(t, s, startCtrlU, startTyped(filepath.Join(dir, "finnes-ikke", "x.json")), startEnter)
	if v := startView(s); !strings.Contains(v, "Kunne ikke eksportere: mappen finnes ikke.") || s.mode != startExporting {
		t.Errorf("export to a missing folder:\n%s", v)
	}
	startCheckFits(t, s)
	s, _ = startSend(t, s, startEsc)
	if s.mode != startBrowsing || !strings.Contains(startView(s), "Ingenting er eksportert.") {
		t.Errorf("esc:\n%s", startView(s))
	}
}

func TestStartExportName(t *testing.T) {
	for _, tc := range []struct {
		sum  store.Summary
		want string
	}{
		{store.Summary{Kommune: "Gjøvik kommune", Year: 2012}, "gjovik-kommune-2012.json"},
		{store.Summary{Kommune: "Bærum  kommune", Year: 2012}, "baerum-kommune-2012.json"},
		{store.Summary{Kommune: "Kautokeino / Guovdageaidnu", Year: 2013}, "kautokeino-guovdageaidnu-2013.json"},
		{store.Summary{Kommune: "Ås", Year: 2012}, "as-2012.json"},
		{store.Summary{ID: "0123456789abcdef", Kommune: "Gjøvik kommune"}, "gjovik-kommune.json"},
		{store.Summary{ID: "0123456789abcdef", Year: 2012}, "rapport-01234567-2012.json"},
		{store.Summary{ID: "0123456789abcdef", Kommune: "¿?"}, "rapport-01234567.json"},
	} {
		if got := startExportName(tc.sum, "json"); got != tc.want {
			t.Errorf("%+v: got %q, want %q", tc.sum, got, tc.want)
		}
	}
}

func TestStartQuitAndHelp(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	putThreeReports(t, c)
	s := loadedStart(t, c)
	for _, k := range []tea.KeyMsg{startKey('q'), startCtrlC} {
		if _, out := startSend(t, s, k); len(out) != 1 || out[0] != (tea.QuitMsg{}) {
			t.Errorf("%s: %v", k, out)
		}
	}
	if v := startView(s); !strings.Contains(v, "enter åpne") || !strings.Contains(v, "q avslutt") {
		t.Errorf("footer:\n%s", v)
	}
	for _, k := range []tea.KeyMsg{startKey('?'), keyPress("f1")} {
		s2, _ := startSend(t, s, k)
		if !strings.Contains(startView(s2), "les listen på nytt") {
			t.Errorf("%s shows no full help:\n%s", k, startView(s2))
		}
		s2, _ = startSend(t, s2, k)
		if strings.Contains(startView(s2), "les listen på nytt") {
			t.Errorf("%s twice still shows the full help", k)
		}
	}
	// In the export prompt, q is a letter of the file name.
	s, out := startSend(t, s, startKey('e'), startKey('q'))
	if len(out) != 0 || !strings.HasSuffix(s.input.Value(), "q") {
		t.Errorf("q in the prompt: %v, %q", out, s.input.Value())
	}
}

func TestStartLockedFile(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	putThreeReports(t, c)
	s := loadedStart(t, c)

	// Another program holding the file: bbolt's lock is per open file, so
	// it blocks this process's store as it would another's.
	db, err := bolt.Open(c.store.Path(), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	s, out := startSend(t, s, append([]tea.Msg{startKey('r')}, startNewKeys("Lillehammer kommune")...)...)
	v := startView(s)
	if len(out) != 0 || len(s.reports) != 3 || !strings.Contains(v, "Hamar kommune") {
		t.Errorf("the list did not stay (messages %v):\n%s", out, v)
	}
	if !strings.Contains(v, "Kunne ikke lage rapporten: kladdefilen er i bruk av et annet boso-program") || !s.statusErr {
		t.Errorf("no sentence about the lock:\n%s", v)
	}
	startCheckFits(t, s)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	s, _ = startSend(t, s, startKey('r'))
	if s.status != "" {
		t.Errorf("status after the lock is gone: %q", s.status)
	}
}

func TestStartDamagedFile(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	putThreeReports(t, c)
	s := loadedStart(t, c)
	if err := os.WriteFile(c.store.Path(), []byte(strings.Repeat("ikke en database\n", 1000)), 0o600); err != nil {
		t.Fatal(err)
	}
	s, _ = startSend(t, s, startKey('r'))
	v := startView(s)
	if len(s.reports) != 3 || !strings.Contains(v, "Gjøvik kommune") {
		t.Errorf("the list did not stay:\n%s", v)
	}
	if !strings.Contains(v, "Kunne ikke lese rapportene: kladdefilen er skadet") || !s.statusErr {
		t.Errorf("no sentence about the damage:\n%s", v)
	}
	startCheckFits(t, s)
	// Opening a damaged file from scratch shows the sentence, not a crash.
	s = newStartScreen(c)
	s, _ = startSend(t, s, startRunCmd(s.init())...)
	if v := startView(s); !strings.Contains(v, "kladdefilen er skadet") || strings.Contains(v, "Ingen rapporter") {
		t.Errorf("fresh screen on a damaged file:\n%s", v)
	}
}

func TestStartFitsNarrowStatus(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	putStartReport(t, c, "Kautokeino / Guovdageaidnu kommune med et svært langt navn", "2012", startNow.Add(-time.Hour), nil)
	s := loadedStart(t, c)
	s.fail("Kunne ikke lese rapportene", strings.Repeat("en lang grunn ", 20))
	for _, size := range [][2]int{{80, 24}, {100, 30}, {120, 40}, {200, 50}} {
		c.width, c.height = size[0], size[1]
		s, _ = startSend(t, s, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		startCheckFits(t, s)
		s2, _ := startSend(t, s, startKey('d'))
		startCheckFits(t, s2)
		s2, _ = startSend(t, s, startKey('e'))
		startCheckFits(t, s2)
	}
}

func TestStartOpenFails(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	putThreeReports(t, c)
	s, out := startSend(t, loadedStart(t, c), startNewKeys("Lillehammer kommune")...)
	id := startOpenedID(t, out)
	// The root could not open it (say, another window deleted it) and
	// tells the start screen, which must take keys again.
	if err := c.store.Delete(id); err != nil {
		t.Fatal(err)
	}
	_, _, err := store.GetReport(c.store, id, c.reg)
	s, _ = startSend(t, s, errorMsg{err: err})
	v := startView(s)
	if s.busy || !strings.Contains(v, "Kunne ikke åpne rapporten: rapporten finnes ikke lenger") || len(s.reports) != 3 {
		t.Errorf("after a failed open (busy %v):\n%s", s.busy, v)
	}
}

// TestStartCarryOverAsksWhenNextYearExists: v for a kommune that already has
// next year's report asks first; only yes makes a second one.
func TestStartCarryOverAsksWhenNextYearExists(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	putStartReport(t, c, "Gjøvik kommune", "2012", startNow.Add(-2*time.Hour), nil)
	putStartReport(t, c, "gjøvik  KOMMUNE", "2013", startNow.Add(-3*time.Hour), nil)
	s := loadedStart(t, c)
	if got := s.reports[s.cursor]; got.Year != 2012 {
		t.Fatalf("selected %d, want the 2012 report", got.Year)
	}
	s, out := startSend(t, s, startKey('v'))
	if len(out) != 0 || !strings.Contains(startView(s), "Det finnes allerede en rapport for Gjøvik kommune 2013") {
		t.Fatalf("v should ask first (messages %v):\n%s", out, startView(s))
	}
	s, out = startSend(t, s, startKey('n'))
	if len(out) != 0 || !strings.Contains(startView(s), "Ingen ny rapport") {
		t.Fatalf("n should make nothing (messages %v):\n%s", out, startView(s))
	}
	list, _ := c.store.List()
	if len(list) != 2 {
		t.Fatalf("%d reports after n, want 2", len(list))
	}
}

// TestStartTellsTwinsApart: two reports for the same kommune and year show
// the start of their ids.
func TestStartTellsTwinsApart(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	a := putStartReport(t, c, "Hamar kommune", "2012", startNow.Add(-2*time.Hour), nil)
	b := putStartReport(t, c, "Hamar kommune", "2012", startNow.Add(-3*time.Hour), nil)
	v := startView(loadedStart(t, c))
	for _, r := range []*model.Report{a, b} {
		if !strings.Contains(v, "("+r.ID[:6]+")") {
			t.Errorf("the list does not show %s:\n%s", r.ID[:6], v)
		}
	}
}

// TestStartNewAsksKommuneAndYear: n asks for the kommune and the year in
// one small dialog, so the new report's labels are right from its first
// screen; a second report for the same kommune and year is asked about
// first, as v does.
func TestStartNewAsksKommuneAndYear(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	s, out := startSend(t, loadedStart(t, c), startKey('n'))
	v := startView(s)
	if len(out) != 0 || !strings.Contains(v, "Kommune:") || !strings.Contains(v, "Rapporteringsår:  2012") {
		t.Fatalf("n did not ask for kommune and year (messages %v):\n%s", out, v)
	}
	startCheckFits(t, s)
	// Refused: no kommune, a year that is no year.
	s, out = startSend(t, s, startEnter)
	if len(out) != 0 || s.mode != startNaming || !strings.Contains(startView(s), "skriv kommunens navn") {
		t.Fatalf("no kommune: messages %v\n%s", out, startView(s))
	}
	s, out = startSend(t, s, startTyped("Gjøvik kommune"), startTab, startCtrlU, startTyped("12"), startEnter)
	if len(out) != 0 || s.mode != startNaming || !strings.Contains(startView(s), "fire sifre") {
		t.Fatalf("year 12: messages %v\n%s", out, startView(s))
	}
	s, out = startSend(t, s, startCtrlU, startTyped("2012"), startEnter)
	r, _, err := store.GetReport(c.store, startOpenedID(t, out), c.reg)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Label(r.Template.Sections[0].Intro); !strings.Contains(got, "for rapporteringsår 2012 innen 28.02.2013") {
		t.Errorf("the new report's first screen reads:\n%s", got)
	}
	if r.Kommune() != "Gjøvik kommune" {
		t.Errorf("kommune %q", r.Kommune())
	}

	// The same kommune and year again: asked first; no keeps the dialog.
	s = loadedStart(t, c)
	s, out = startSend(t, s, startKey('n'), startEnter)
	if len(out) != 0 || !strings.Contains(startView(s), "Det finnes allerede en rapport for Gjøvik kommune 2012. Lage en til? (j/n)") {
		t.Fatalf("a twin was not asked about (messages %v):\n%s", out, startView(s))
	}
	s, out = startSend(t, s, startKey('n'))
	if list, _ := c.store.List(); len(out) != 0 || len(list) != 1 || s.mode != startNaming {
		t.Fatalf("no made a twin or closed the dialog: %d reports, mode %d", len(list), s.mode)
	}
	s, out = startSend(t, s, startEsc)
	if list, _ := c.store.List(); len(out) != 0 || len(list) != 1 || s.mode != startBrowsing {
		t.Fatalf("esc: %d reports, mode %d", len(list), s.mode)
	}
	_, out = startSend(t, s, startKey('n'), startEnter, startKey('j'))
	if startOpenedID(t, out) == r.ID {
		t.Fatal("yes opened the old report")
	}
	if list, _ := c.store.List(); len(list) != 2 {
		t.Fatalf("yes to a twin: %d reports, want 2", len(list))
	}
}

// TestStartListFitsLongNames: at 80 columns a long kommune name beside a
// long deadline is shown whole; the time of the last save gives way first.
func TestStartListFitsLongNames(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	putStartReport(t, c, "Østre Toten kommune", "2000", startNow.Add(-time.Hour), nil)
	putStartReport(t, c, "Gjøvik kommune", "2012", startNow.Add(-2*time.Hour), nil)
	s := loadedStart(t, c)
	startCheckFits(t, s)
	row := startRowOf(t, s, "Gjøvik")
	if !strings.Contains(row, "Gjøvik kommune") || !strings.Contains(startRowOf(t, s, "Østre"), "dager over fristen") {
		t.Errorf("the name or the deadline is cut: %q", row)
	}
	// A name that cannot fit is cut between words.
	if !strings.Contains(startRowOf(t, s, "Østre"), "Østre Toten… ") {
		t.Errorf("a long name is not cut between words: %q", startRowOf(t, s, "Østre"))
	}
	if !strings.Contains(startRowOf(t, s, "Gjøvik"), "10.02.2013  ") {
		t.Errorf("the last save's day is not shown: %q", startRowOf(t, s, "Gjøvik"))
	}
	// The id that tells twins apart stays whole when the name is cut.
	if got := fitKommune("Gjøvik kommune (44b103)", 20); got != "Gjøvik… (44b103)" {
		t.Errorf("fitKommune cut a twin's name to %q", got)
	}
	// Wide enough, the time is there too.
	c.width = 120
	if !strings.Contains(startRowOf(t, s, "Gjøvik"), "10.02.2013 10:00") {
		t.Errorf("at 120 columns the time of the last save is missing: %q", startRowOf(t, s, "Gjøvik"))
	}
}

// A copy made when another window saved first says whose copy it is, in
// the list and in the question before it is deleted: the two rows of one
// kommune and year are otherwise told apart only by their ids.
func TestStartNamesTheCopy(t *testing.T) {
	testStartNamesTheCopy(t, startNow, func(orig string) string { return "(kopi av " + orig[:6] + ")" })
	// Years after the deadline its column is wide, and the mark is cut
	// short to what still says it.
	testStartNamesTheCopy(t, startNow.AddDate(13, 9, 0), func(string) string { return "Gjøvik… (kopi)" })
}

func testStartNamesTheCopy(t *testing.T, now time.Time, mark func(orig string) string) {
	t.Helper()
	c := newStartCommon(t, 80, 24, now)
	saved := time.Date(2013, 2, 8, 14, 3, 0, 0, time.Local)
	orig := putStartReport(t, c, "Gjøvik kommune", "2012", saved, nil)
	cp := putStartReport(t, c, "Gjøvik kommune", "2012", saved.Add(time.Minute), nil)
	rec, err := c.store.Get(cp.ID)
	if err != nil {
		t.Fatal(err)
	}
	rec.CopyOf = orig.ID
	if _, err := c.store.Put(rec, rec.Revision); err != nil {
		t.Fatal(err)
	}
	s := loadedStart(t, c)
	origRow := startRowOf(t, s, "("+orig.ID[:6]+")")
	if strings.Contains(origRow, "kopi") {
		t.Errorf("the original's row calls it a copy: %q", origRow)
	}
	startRowOf(t, s, mark(orig.ID))
	for s.reports[s.cursor].ID != cp.ID {
		s, _ = startSend(t, s, startDown)
	}
	s, _ = startSend(t, s, startKey('d'))
	q := "Slette rapporten for Gjøvik kommune 2012 (" + cp.ID[:6] + ", kopi av " + orig.ID[:6] + ")?"
	if v := strings.Join(strings.Fields(startView(s)), " "); !strings.Contains(v, q) {
		t.Errorf("d does not ask %q:\n%s", q, startView(s))
	}
}

// TestStartWidth: counting the characters of a list's text gives the width
// lipgloss measures, for every character up to the box drawing ones.
func TestStartWidth(t *testing.T) {
	for r := rune(0); r < 0x2600; r++ {
		if s := "a" + string(r) + "b"; startWidth(s) != lipgloss.Width(s) {
			t.Errorf("%U: %d cells, lipgloss measures %d", r, startWidth(s), lipgloss.Width(s))
		}
	}
}
