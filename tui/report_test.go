package tui

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"boso/model"
	"boso/store"
	"boso/tui/draft"
)

// reportNow is a fixed clock, so saved times and deadlines in golden files
// never change.
var reportNow = time.Date(2013, 2, 10, 14, 3, 0, 0, time.Local)

// driver runs the root model the way Bubble Tea does, synchronously: every
// command a message returns is run and its message fed back, except those
// that wait (timers, cursor blink), which are dropped so a test never sleeps.
// Saves therefore happen only where the UI saves at once: on leaving a
// field or a screen, ctrl+s, esc and quit.
type driver struct {
	t     *testing.T
	m     Model
	st    *store.Store
	quit  bool
	depth int
	// late receives what slow commands (a save on a busy disk) return after
	// the driver stopped waiting; they are fed in before the next message.
	late chan tea.Msg
}

func newDriver(t *testing.T, width, height int) *driver {
	t.Helper()
	return newDriverWith(t, form2012(), width, height)
}

// newDriverWith is newDriver with the template editions of reg.
func newDriverWith(t *testing.T, reg *model.Registry, width, height int) *driver {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "boso.db"))
	if err != nil {
		t.Fatal(err)
	}
	d := &driver{t: t, st: st, late: make(chan tea.Msg, 1024), m: New(Options{Store: st, Registry: reg}, func() time.Time { return reportNow })}
	d.send(tea.WindowSizeMsg{Width: width, Height: height})
	d.run(d.m.Init())
	return d
}

func (d *driver) send(msg tea.Msg) {
	d.t.Helper()
	d.drainLate()
	next, cmd := d.m.Update(msg)
	d.m = next.(Model)
	d.run(cmd)
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil || d.depth > 50 {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(5 * time.Millisecond):
		go func() { d.late <- <-done }()
		return
	}
	d.depth++
	defer func() { d.depth-- }()
	switch msg := msg.(type) {
	case nil:
	case tea.QuitMsg:
		d.quit = true
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	default:
		// tea.Sequence's message is an unexported slice of commands.
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
			for i := range v.Len() {
				d.run(v.Index(i).Interface().(tea.Cmd))
			}
			return
		}
		if _, isBlink := msg.(interface{ Blink() }); isBlink {
			return
		}
		d.send(msg)
	}
}

// drainLate feeds in what slow commands returned meanwhile; timers (the
// save debounce, cursor blink) are dropped, so saves stay where the test
// puts them.
func (d *driver) drainLate() {
	for {
		select {
		case msg := <-d.late:
			switch msg.(type) {
			case saveTickMsg:
			default:
				if strings.Contains(fmt.Sprintf("%T", msg), "link") {
					continue
				}
				d.depth++
				next, cmd := d.m.Update(msg)
				d.m = next.(Model)
				d.run(cmd)
				d.depth--
			}
		default:
			return
		}
	}
}

// settle waits until the report on screen has no save under way.
func (d *driver) settle() {
	d.waitFor(func() bool { return d.m.state != showingReport || !d.m.report.e.Saving() })
}

// gjovik is Gjøvik's 2012 report from the fixture, as a new value each call.
func gjovik(t testing.TB) *model.Report {
	t.Helper()
	data, err := os.ReadFile("../testdata/gjovik-2012.json")
	if err != nil {
		t.Fatal(err)
	}
	r, err := model.Decode(data, model.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// put stores a report in the draft file, as another window would.
func (d *driver) put(r *model.Report) {
	d.t.Helper()
	if _, err := store.PutReport(d.st, r, "", 0); err != nil {
		d.t.Fatal(err)
	}
}

// openNewest opens the newest report in the list, as enter on the start
// screen does.
func (d *driver) openNewest() {
	d.t.Helper()
	d.run(d.m.start.init())
	d.waitList()
	d.key("enter")
	d.waitReport()
}

// key presses the key Bubble Tea names name ("tab", "ctrl+g").
func (d *driver) key(name string) { d.t.Helper(); d.send(keyPress(name)) }

// typeText types one key per character, as a person does.
func (d *driver) typeText(s string) {
	d.t.Helper()
	for _, r := range s {
		d.send(keyText(string(r)))
	}
}

// paste sends text the way a terminal's bracketed paste arrives.
func (d *driver) paste(s string) {
	d.t.Helper()
	d.send(tea.PasteMsg{Content: s})
}

func (d *driver) screen() string { return ansi.Strip(d.m.View().Content) }

func (d *driver) report() *reportScreen {
	d.t.Helper()
	if d.m.state != showingReport {
		d.t.Fatalf("no report open; screen:\n%s", d.screen())
	}
	return &d.m.report
}

// newReport makes a report from the start screen and opens it.
func (d *driver) newReport() {
	d.t.Helper()
	d.typeText("n")
	d.key("ctrl+u")
	// The fixture's kommune, and the year the dialog offers: Gjøvik's 2012.
	d.typeText("Gjøvik kommune")
	d.key("enter")
	if d.m.state == showingStart && d.m.start.mode == startConfirmingNew {
		d.typeText("j")
	}
	d.waitReport()
}

// waitFor feeds in what slow commands return until done holds: reading or
// writing the draft file may take longer than the driver waits for a
// command, on a busy machine.
func (d *driver) waitFor(done func() bool) {
	deadline := time.Now().Add(5 * time.Second)
	for !done() && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
		d.drainLate()
	}
}

// waitReport waits for a report to open.
func (d *driver) waitReport() {
	d.t.Helper()
	d.waitFor(func() bool { return d.m.state == showingReport })
	d.report()
}

// waitList waits for the start screen to have read the list of reports.
func (d *driver) waitList() { d.waitFor(func() bool { return len(d.m.start.reports) > 0 }) }

// waitStart waits for the list of reports to be back on screen.
func (d *driver) waitStart() { d.waitFor(func() bool { return d.m.state == showingStart }) }

// goToSection jumps to a section through the jump list, as a user does.
func (d *driver) goToSection(id string) {
	d.t.Helper()
	rs := d.report()
	for i, s := range rs.sections {
		if s.ID == id {
			d.key("ctrl+g")
			for rs.jump != nil && rs.jump.cursor != i {
				if rs.jump.cursor < i {
					d.key("down")
				} else {
					d.key("up")
				}
				rs = d.report()
			}
			d.key("enter")
			if got := d.report().sections[d.report().section].ID; got != id {
				d.t.Fatalf("jumped to %s, want %s", got, id)
			}
			return
		}
	}
	d.t.Fatalf("no section %s", id)
}

func (d *driver) requireScreen(want ...string) {
	d.t.Helper()
	s := d.screen()
	for _, w := range want {
		if !strings.Contains(s, w) {
			d.t.Fatalf("screen lacks %q:\n%s", w, s)
		}
	}
}

// gridLine returns the screen line that starts a grid row, found by its label.
func (d *driver) gridLine(label string) string {
	d.t.Helper()
	for _, l := range strings.Split(d.screen(), "\n") {
		if strings.Contains(l, label) {
			return l
		}
	}
	d.t.Fatalf("no line with %q:\n%s", label, d.screen())
	return ""
}

func fieldsOf(line string) []string {
	return strings.FieldsFunc(line, func(r rune) bool { return r == '│' || r == '┃' || r == ' ' || r == '|' || r == '▸' })
}

func TestGridResultFollowsEveryKey(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.newReport()
	d.goToSection("info")
	// The year makes the column labels read "pr. 01.01.2012"; rows B and C
	// are Gjøvik's, so the sum has all its inputs once A is typed.
	for id, v := range map[string]string{"info.rapporteringsar": "2012", "1.1.B.start": "4", "1.1.B.slutt": "11", "1.1.C.start": "23", "1.1.C.slutt": "30"} {
		if err := d.report().e.Input(id, v); err != nil {
			t.Fatal(err)
		}
	}
	d.goToSection("1.1")
	if got := d.report().focused(); got != "1.1.A.start" {
		t.Fatalf("focus on %q, want 1.1.A.start", got)
	}
	d.requireScreen("pr. 01.01.2012", "Resultat")
	d.typeText("7")
	if v := d.report().e.Value("1.1.sum.start"); v != model.NumberValue(34) {
		t.Fatalf("sum start after 7: %v", v)
	}
	if got := fieldsOf(d.gridLine("Sum")); !reflect.DeepEqual(got, []string{"Sum", "A–C", "34"}) {
		t.Fatalf("sum row after 7: %q", got)
	}
	d.key("tab")
	d.typeText("8")
	if got := fieldsOf(d.gridLine("Sum")); !reflect.DeepEqual(got, []string{"Sum", "A–C", "34", "49", "-15"}) {
		t.Fatalf("sum row after 8: %q", got)
	}
	if got := fieldsOf(d.gridLine("A. Antall")); !reflect.DeepEqual(got[len(got)-3:], []string{"7", "8", "-1"}) {
		t.Fatalf("row A after 8: %q", got)
	}
	if v := d.report().e.Value("1.1.A.resultat"); v != model.NumberValue(-1) {
		t.Fatalf("A resultat: %v", v)
	}

	// Not available spreads to what depends on it.
	d.typeText("x")
	if v := d.report().e.Value("1.1.A.slutt"); v.Kind != model.NotAvailable {
		t.Fatalf("x should mark not available, got %v", v)
	}
	if v := d.report().e.Value("1.1.sum.resultat"); v.Kind != model.NotAvailable {
		t.Fatalf("sum resultat should be not available, got %v", v)
	}
	if line := d.gridLine("Sum"); !strings.Contains(line, "X") {
		t.Fatalf("sum row should show X: %q", line)
	}
}

func TestProblemShowsAfterLeavingField(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.newReport()
	d.goToSection("info")
	d.key("tab") // to Kommune
	d.key("tab") // to Programleder
	d.key("tab") // Programansvarlig
	d.key("tab") // Programstart
	d.typeText("31.02")
	if strings.Contains(d.screen(), "er ikke en dato") {
		t.Fatal("a problem shows while the date is still being typed")
	}
	d.key("tab")
	d.key("shift+tab")
	d.requireScreen("«31.02» er ikke en dato")
	if v := d.report().e.r.Value("info.programstart"); v.Text != "31.02" {
		t.Fatalf("a half-typed date must be kept as typed, got %q", v.Text)
	}
}

func TestFinalizeWithProblemsRefusesAndJumpsToFirst(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.newReport()
	d.key("f9")
	d.requireScreen("mangler må rettes")
	d.key("f9")
	rs := d.report()
	if rs.e.r.State != model.Draft {
		t.Fatal("a report with problems became final")
	}
	if got := rs.sections[rs.section].ID; got != "info" {
		t.Fatalf("after refusing, screen %s, want info", got)
	}
	// Kommune and year are given when the report is made.
	if got := rs.focused(); got != "info.programleder" {
		t.Fatalf("after refusing, focus on %q, want info.programleder (the first problem)", got)
	}
	d.requireScreen("Ikke endelig")
}

func TestFinalizeScreenJumpsToChosenProblem(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.newReport()
	d.key("f9")
	d.key("down")
	d.key("down")
	d.key("enter")
	rs := d.report()
	ps := model.Validate(rs.e.r)
	if got := rs.focused(); got != ps[2].FieldID {
		t.Fatalf("focus %q, want the third problem's field %s", got, ps[2].FieldID)
	}
}

// TestTypeWholeGjovikReport types Gjøvik's report through the keys, screen
// by screen, saves, and exports what the fixture holds.
func TestTypeWholeGjovikReport(t *testing.T) {
	data, err := os.ReadFile("../testdata/gjovik-2012.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := model.Decode(data, model.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, 120, 40)
	d.newReport()
	rs := d.report()
	for i := range rs.sections {
		d.goToSection(rs.sections[i].ID)
		seen := map[string]bool{}
		for {
			rs = d.report()
			if rs.section != i {
				break
			}
			id := rs.focused()
			if id == "" || seen[id] {
				break
			}
			seen[id] = true
			f := want.Template.Field(id)
			target := model.Format(f.Type, want.Value(id))
			if shown(rs, id) != target {
				if shown(rs, id) != "" {
					t.Fatalf("%s already holds %q", id, shown(rs, id))
				}
				switch {
				case want.Value(id).Kind == model.NotAvailable:
					d.typeText("x")
				case f.Type == model.TypeLongText:
					d.paste(target)
				default:
					d.typeText(target)
				}
			}
			if got := shown(d.report(), id); got != target {
				t.Fatalf("%s shows %q after typing, want %q", id, got, target)
			}
			d.key("tab")
		}
	}
	d.key("f9")
	d.requireScreen("Ingen mangler")
	d.settle()
	d.key("ctrl+s")
	d.settle()

	got, _, err := store.GetReport(d.st, d.report().e.r.ID, model.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	exported, err := model.Encode(got)
	if err != nil {
		t.Fatal(err)
	}
	gotValues, wantValues := valuesOf(t, exported), valuesOf(t, data)
	for id, w := range wantValues {
		if g, ok := gotValues[id]; !ok || !reflect.DeepEqual(g, w) {
			t.Errorf("%s: got %q, want %q", id, clipText(g), clipText(w))
		}
	}
	for id, g := range gotValues {
		if _, ok := wantValues[id]; !ok {
			t.Errorf("%s: got %q, which the fixture does not have", id, clipText(g))
		}
	}
}

// shown is an answer as the screen holds it: a long text being edited is
// in its editor until it is saved or left.
func shown(rs *reportScreen, id string) string {
	if p, ok := rs.page.(*textScreen); ok {
		for _, tf := range p.fields {
			if tf.f.ID == id {
				return tf.editor.Value()
			}
		}
	}
	if p, ok := rs.page.(*tableScreen); ok {
		for _, tg := range p.targets {
			if tg.id == id && tg.kind == tableTextBox {
				return tg.editor.Value()
			}
		}
	}
	return rs.e.Show(id)
}

func valuesOf(t *testing.T, doc []byte) map[string]any {
	t.Helper()
	var v struct {
		Values map[string]any `json:"values"`
	}
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatal(err)
	}
	return v.Values
}

func clipText(v any) string {
	s := fmt.Sprint(v)
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

func TestReopenReturnsWhereUserLeft(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.newReport()
	d.goToSection("1.1")
	d.typeText("7")
	d.key("tab")
	d.typeText("8")
	d.key("esc")
	d.waitStart()
	if d.m.state != showingStart {
		t.Fatalf("esc should go back to the list:\n%s", d.screen())
	}
	d.waitList()
	d.key("enter")
	d.waitReport()
	rs := d.report()
	if got := rs.sections[rs.section].ID; got != "1.1" {
		t.Fatalf("reopened on %s, want 1.1", got)
	}
	if got := rs.focused(); got != "1.1.A.slutt" {
		t.Fatalf("reopened on field %q, want 1.1.A.slutt", got)
	}
	if got := rs.e.Show("1.1.A.resultat"); got != "-1" {
		t.Fatalf("resultat after reopening: %q", got)
	}
}

func TestKeystrokeDoesNotTouchDisk(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.newReport()
	d.goToSection("1.1")
	before, err := os.Stat(d.st.Path())
	if err != nil {
		t.Fatal(err)
	}
	// Update alone, with no command run: whatever a keystroke costs, it is
	// not a write.
	next, _ := d.m.Update(keyText("7"))
	d.m = next.(Model)
	after, _ := os.Stat(d.st.Path())
	if !after.ModTime().Equal(before.ModTime()) || after.Size() != before.Size() || d.report().e.Saving() {
		t.Fatal("a keystroke wrote to the draft file")
	}
	if !d.report().e.Dirty() {
		t.Fatal("the keystroke should leave the report dirty, to be saved by the debounce")
	}
}

func TestGoldenScreens(t *testing.T) {
	sizes := []struct{ w, h int }{{80, 24}, {120, 40}}
	screens := []struct {
		name  string
		setup func(d *driver)
	}{
		{"grid-1.1", func(d *driver) { d.goToSection("1.1") }},
		{"longtext-2.A", func(d *driver) { d.goToSection("2.A") }},
		{"finalize-problems", func(d *driver) {
			_ = d.report().e.Set("1.1.A.slutt", model.Value{})
			_ = d.report().e.Input("info.epost", "ola.nav.no")
			d.key("f9")
		}},
	}
	for _, sz := range sizes {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s-%dx%d", sc.name, sz.w, sz.h), func(t *testing.T) {
				d := newDriver(t, sz.w, sz.h)
				r := gjovik(t)
				r.UpdatedAt = reportNow
				d.put(r)
				d.openNewest()
				sc.setup(d)
				d.settle()
				view := d.screen()
				for i, l := range strings.Split(view, "\n") {
					if w := ansi.StringWidth(l); w > sz.w {
						t.Errorf("line %d is %d wide: %q", i, w, l)
					}
				}
				if n := strings.Count(view, "\n") + 1; n > sz.h {
					t.Errorf("%d lines, window has %d", n, sz.h)
				}
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}

// TestFullDiskKeepsTextAndRetries: while the disk is full every save fails;
// the text stays on screen, the header says why in red, and once the disk
// has room again the retry saves everything.
func TestFullDiskKeepsTextAndRetries(t *testing.T) {
	d := newDriver(t, 80, 24)
	// The clock the saves are timed by, moved by hand.
	clock := time.Now()
	d.m.c.clock = func() time.Time { return clock }
	d.newReport()
	full := true
	realPut := d.m.c.put
	d.m.c.put = func(rec store.Record, expected int64) (int64, error) {
		if full {
			return 0, fmt.Errorf("store: put: write boso.db: %w", syscall.ENOSPC)
		}
		return realPut(rec, expected)
	}
	d.goToSection("1.1")
	d.typeText("1455")
	d.key("ctrl+s")
	d.settle()
	d.requireScreen("Ikke lagret: disken er full", "1 455")
	d.key("tab")
	d.typeText("8")
	d.key("tab")
	d.settle()
	d.requireScreen("Ikke lagret: disken er full")

	// The retry timer fires; the driver drops timers, so its message is sent
	// here, once the time it waits has passed. Before that, it saves nothing.
	full = false
	d.send(saveTickMsg{})
	d.settle()
	d.requireScreen("Ikke lagret: disken er full")
	clock = clock.Add(draft.RetryDelay)
	d.send(saveTickMsg{})
	d.settle()
	d.requireScreen("Lagret")
	if strings.Contains(d.screen(), "Ikke lagret") {
		t.Fatalf("the red banner should go once a save succeeds:\n%s", d.screen())
	}
	got, _, err := store.GetReport(d.st, d.report().e.r.ID, model.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	if got.Value("1.1.A.start") != model.NumberValue(1455) || got.Value("1.1.A.slutt") != model.NumberValue(8) {
		t.Fatalf("after the disk has room: A.start %v, A.slutt %v", got.Value("1.1.A.start"), got.Value("1.1.A.slutt"))
	}
}

// TestQuitWithFullDiskOffersEmergencyCopy: quitting while saves fail asks,
// and yes writes the report as JSON beside the draft file, 0600.
func TestQuitWithFullDiskOffersEmergencyCopy(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.newReport()
	d.m.c.put = func(store.Record, int64) (int64, error) {
		return 0, fmt.Errorf("store: put: %w", syscall.ENOSPC)
	}
	d.goToSection("1.1")
	d.typeText("7")
	d.key("ctrl+c")
	d.settle()
	if d.quit {
		t.Fatal("quit with unsaved text and a full disk, without asking")
	}
	d.requireScreen("nødkopi")
	d.typeText("j")
	if !d.quit {
		t.Fatalf("yes should write the copy and quit:\n%s", d.screen())
	}
	copies, _ := filepath.Glob(filepath.Join(filepath.Dir(d.st.Path()), "boso-nodlagring-*.json"))
	if len(copies) != 1 {
		t.Fatalf("emergency copies: %v", copies)
	}
	fi, err := os.Stat(copies[0])
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("emergency copy: %v, mode %v", err, fi.Mode())
	}
	data, _ := os.ReadFile(copies[0])
	r, err := model.Decode(data, model.Builtin())
	if err != nil || r.Value("1.1.A.start") != model.NumberValue(7) {
		t.Fatalf("emergency copy does not hold the report: %v %v", err, r)
	}
}

// TestLastYearsAnswerToggles: on a long-text screen, f6 shows last year's
// answer under the one being written, and hides it again.
func TestLastYearsAnswerToggles(t *testing.T) {
	d := newDriver(t, 80, 24)
	last := gjovik(t)
	d.put(last)
	next := model.CarryOverFrom(last, reportNow)
	next.UpdatedAt = last.UpdatedAt.Add(time.Hour) // newest, so first in the list
	d.put(next)
	d.openNewest()
	if d.report().e.r.ID != next.ID {
		t.Fatalf("opened %s, want the 2013 report", d.report().e.r.ID)
	}
	d.goToSection("1.2")
	d.key("f6")
	d.requireScreen("I fjor (2012):", "Gjøvik boligstiftelse har gjennom 2012")
	for i, l := range strings.Split(d.screen(), "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("line %d is %d wide", i, w)
		}
	}
	d.typeText("Nytt")
	if got := shown(d.report(), "1.2"); got != "Nytt" {
		t.Fatalf("typing with last year shown: %q", got)
	}
	d.key("f6")
	if strings.Contains(d.screen(), "I fjor (2012)") {
		t.Fatal("f6 again should hide last year's answer")
	}
}

// TestQuestionMarkShowsHelpOnlyWhereNoTextIsTyped: "?" is help on a number
// cell, and a character in a long answer.
func TestQuestionMarkShowsHelpOnlyWhereNoTextIsTyped(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.newReport()
	d.goToSection("1.1")
	d.typeText("?")
	d.requireScreen("Alle taster")
	d.key("esc") // any key closes the help
	d.goToSection("1.2")
	d.typeText("Hvorfor?")
	if strings.Contains(d.screen(), "Alle taster") {
		t.Fatal("? in a long answer opened the help")
	}
	if got := shown(d.report(), "1.2"); got != "Hvorfor?" {
		t.Fatalf("1.2 = %q", got)
	}
}

// TestJumpListTakesTwoDigitNumbers: screens 10 to 12 are reached by number
// too; "1" waits for a second digit, enter takes it as 1.
func TestJumpListTakesTwoDigitNumbers(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.newReport()
	at := func() string { return d.report().sections[min(d.report().section, len(d.report().sections)-1)].ID }
	d.key("ctrl+g")
	d.typeText("11")
	if got := at(); got != "4.1" {
		t.Fatalf("ctrl+g 1 1 went to %s, want 4.1 (screen 11)", got)
	}
	// Two digits pasted.
	d.key("ctrl+g")
	d.paste("10")
	if d.report().jump != nil || at() != "3" {
		t.Fatalf("ctrl+g then \"10\" pasted went to %s, jump list open: %v", at(), d.report().jump != nil)
	}
	// The terminal's cursor stands where the next digit goes.
	d.key("ctrl+g")
	d.cursorAfter("Gå til side  ")
	d.typeText("1")
	if !strings.Contains(d.screen(), "Gå til side  1  (enter for side 1)") {
		t.Errorf("the jump list does not show the digit typed so far:\n%s", d.screen())
	}
	d.cursorAfter("Gå til side  1")
	d.key("enter")
	if got := at(); got != "forside" {
		t.Fatalf("ctrl+g 1 enter went to %s, want the front page", got)
	}
	d.key("ctrl+g")
	d.typeText("3")
	if got := at(); got != "1.1" {
		t.Fatalf("ctrl+g 3 went to %s, want 1.1", got)
	}
	d.key("ctrl+g")
	d.typeText("12")
	if d.report().finalizing() == nil {
		t.Fatal("ctrl+g 1 2 should open the finalize screen")
	}
	d.key("f1")
	for _, want := range []string{"ctrl+s", "ctrl+o", "f6", "esc", "ctrl+c"} {
		if !strings.Contains(d.screen(), want) {
			t.Errorf("the key list lacks %s:\n%s", want, d.screen())
		}
	}
}

// TestConflictSavesCopyAndOffersOriginal: another window saved the report
// meanwhile; this window's text goes to a copy, nothing is overwritten, the
// notice stays, and ctrl+r opens the other window's version.
func TestConflictSavesCopyAndOffersOriginal(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.newReport()
	d.goToSection("1.1")
	d.settle()
	id := d.report().e.r.ID
	// The other window: it saves the report with its own figure.
	other, rec, err := store.GetReport(d.st, id, model.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	_ = other.Input("1.1.A.start", "99")
	if _, err := store.PutReport(d.st, other, "", rec.Revision); err != nil {
		t.Fatal(err)
	}
	d.typeText("7")
	d.key("ctrl+s")
	d.settle()
	d.key("ctrl+s") // the copy's own save, if the first only chose the copy
	d.settle()
	d.requireScreen("kopi", "ctrl+r")

	theirs, _, err := store.GetReport(d.st, id, model.Builtin())
	if err != nil || theirs.Value("1.1.A.start") != model.NumberValue(99) {
		t.Fatalf("the other window's report was overwritten: %v %v", err, theirs.Value("1.1.A.start"))
	}
	copyID := d.report().e.r.ID
	mine, _, err := store.GetReport(d.st, copyID, model.Builtin())
	if err != nil || copyID == id || mine.Value("1.1.A.start") != model.NumberValue(7) {
		t.Fatalf("this window's text is not in a copy: %v %v", err, mine)
	}
	d.key("tab") // another key: the notice stays
	d.requireScreen("kopi")

	d.key("ctrl+r")
	d.waitFor(func() bool { return d.m.state == showingReport && d.m.report.e.r.ID == id })
	if got := d.report().e.r.ID; got != id {
		t.Fatalf("ctrl+r opened %s, want the original %s", got, id)
	}
}

// TestCtrlROpensTheOriginalWhereThisWindowWas: the other window saved the
// report at a field of another screen; ctrl+r opens the original at the
// screen and field this window was on, not at the other window's, so
// what is typed next lands where the user looks.
func TestCtrlROpensTheOriginalWhereThisWindowWas(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.newReport()
	d.goToSection("1.1")
	d.settle()
	id := d.report().e.r.ID
	other, rec, err := store.GetReport(d.st, id, model.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	_ = other.Input("info.kommune", "Hamar kommune")
	if _, err := store.PutReport(d.st, other, "info/info.kommune", rec.Revision); err != nil {
		t.Fatal(err)
	}
	d.key("tab")
	d.typeText("7")
	d.key("ctrl+s")
	d.settle()
	d.key("ctrl+s")
	d.settle()
	d.requireScreen("kopi", "ctrl+r")
	here := d.report().position()

	d.key("ctrl+r")
	d.waitFor(func() bool { return d.m.state == showingReport && d.m.report.e.r.ID == id })
	if got := d.report().position(); got != here {
		t.Errorf("ctrl+r opened the original at %q, want %q where this window was", got, here)
	}
}

// TestReportScreensReflowOnResize: every kind of screen follows the window
// when it shrinks to 80×24 and grows again.
func TestReportScreensReflowOnResize(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.put(gjovik(t))
	d.openNewest()
	for _, section := range []string{"forside", "info", "1.1", "1.1.prioritert", "1.2", "2.C.1", "3"} {
		d.goToSection(section)
		for _, size := range []struct{ w, h int }{{80, 24}, {200, 60}, {80, 24}} {
			d.send(tea.WindowSizeMsg{Width: size.w, Height: size.h})
			view := d.screen()
			lines := strings.Split(view, "\n")
			if len(lines) != size.h {
				t.Errorf("%s at %dx%d: %d lines", section, size.w, size.h, len(lines))
			}
			widest := 0
			for i, l := range lines {
				w := ansi.StringWidth(strings.TrimRight(l, " "))
				widest = max(widest, w)
				if w > size.w {
					t.Errorf("%s at %dx%d: line %d is %d wide: %q", section, size.w, size.h, i, w, l)
				}
			}
			// Wider windows are used, not left empty: the text and the
			// grid grow with them.
			if size.w == 200 && (section == "1.1" || section == "3" || section == "1.2") && widest <= 120 {
				t.Errorf("%s at 200 columns uses only %d of them", section, widest)
			}
		}
	}
}

// TestTabGoesOnToTheNextScreen: on every kind of screen, tab from the last
// field goes on to the next screen, and shift+tab from the first back to the
// last field of the one before; a final report's read-only screens too.
func TestTabGoesOnToTheNextScreen(t *testing.T) {
	for _, final := range []bool{false, true} {
		d := newDriver(t, 80, 24)
		r := gjovik(t)
		if final {
			r.State = model.Final
		}
		d.put(r)
		d.openNewest()
		rs := d.report()
		last := len(rs.sections) // the finalize screen
		for i := range last {
			d.send(keyPress("ctrl+g"))
			d.report().jump.cursor = i
			d.key("enter")
			kind := fmt.Sprintf("%T", d.report().page)
			for n := 0; d.report().section == i; n++ {
				if n > 200 {
					t.Fatalf("final %v: tab never left screen %d (%s)", final, i+1, kind)
				}
				d.key("tab")
			}
			if got := d.report().section; got != i+1 {
				t.Fatalf("final %v: tab from the end of screen %d (%s) went to screen %d", final, i+1, kind, got+1)
			}
			if i == 0 {
				continue
			}
			d.send(keyPress("ctrl+g"))
			d.report().jump.cursor = i
			d.key("enter")
			d.key("shift+tab")
			if got := d.report().section; got != i-1 {
				t.Fatalf("final %v: shift+tab from the start of screen %d (%s) went to screen %d", final, i+1, kind, got+1)
			}
			// shift+tab lands on the last field, so tab goes straight back.
			d.key("tab")
			if got := d.report().section; got != i {
				t.Fatalf("final %v: shift+tab into screen %d, then tab, went to screen %d: shift+tab did not land on the last field", final, i, got+1)
			}
		}
	}
}

// TestShiftTabLandsOnTheLastField: shift+tab from 1.1's first field goes
// back to the information page and into its last field, E-post, where the
// user continues typing, as tab from E-post lands on 1.1's first field.
func TestShiftTabLandsOnTheLastField(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.newReport()
	d.goToSection("1.1")
	d.key("shift+tab")
	if got := d.report().sections[d.report().section].ID; got != "info" {
		t.Fatalf("shift+tab from 1.1's first field went to %s, want info", got)
	}
	d.typeText("post@gjovik.kommune.no")
	if v := d.report().e.r.Value("info.epost"); v.Text != "post@gjovik.kommune.no" {
		t.Fatalf("typed after shift+tab: E-post holds %q, want the address", v.Text)
	}
}

// TestOverlayFooterOffersItsKeys: with the jump list or the list of keys
// over a long answer, the footer offers what closes and works there, not
// the answer's keys, and the answer's note is gone until the field shows.
func TestOverlayFooterOffersItsKeys(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.put(gjovik(t))
	d.openNewest()
	d.goToSection("1.2")
	status, keys := footerOf(d.screen())
	if !strings.Contains(status, "tegn") || !strings.Contains(keys, "neste felt") {
		t.Fatalf("1.2's footer should speak of its long answer:\n%s\n%s", status, keys)
	}
	overlays := []struct {
		name string
		open tea.KeyMsg
		want []string
	}{
		{"ctrl+g", keyPress("ctrl+g"), []string{"0–9 sidens nummer", "↑/↓ velg", "enter gå til siden", "esc lukk"}},
		{"f1", keyPress("f1"), []string{"esc/f1 lukk"}},
	}
	for _, o := range overlays {
		d.send(o.open)
		status, keys := footerOf(d.screen())
		if strings.TrimSpace(status) != "" {
			t.Errorf("%s: the status line still speaks of the field underneath: %q", o.name, status)
		}
		for _, w := range o.want {
			if !strings.Contains(keys, w) {
				t.Errorf("%s: the footer lacks %q: %q", o.name, w, keys)
			}
		}
		for _, gone := range []string{"neste felt", "angre", "neste side", "alle taster"} {
			if strings.Contains(keys, gone) {
				t.Errorf("%s: the footer offers the field's %q: %q", o.name, gone, keys)
			}
		}
		d.key("esc")
		if status, _ := footerOf(d.screen()); !strings.Contains(status, "tegn") {
			t.Errorf("%s closed with esc: the long answer's note is not back: %q", o.name, status)
		}
	}
}

// footerOf is the last two lines of the screen: the status line and the keys.
func footerOf(screen string) (status, keys string) {
	lines := strings.Split(screen, "\n")
	return lines[len(lines)-2], lines[len(lines)-1]
}

// TestFooterFitsAndKeepsHelp: on every screen of a report, at 60, 80 and
// 120 columns, the keys are chosen to fit, none cut off, and the help key
// is always among them; the status line and screen 1's hint end in whole
// words.
func TestFooterFitsAndKeepsHelp(t *testing.T) {
	for _, w := range []int{60, 80, 120} {
		d := newDriver(t, w, 24)
		d.put(gjovik(t))
		d.openNewest()
		for i := range len(d.report().sections) + 1 {
			d.send(keyPress("ctrl+g"))
			d.report().jump.cursor = i
			d.key("enter")
			// Every field of the screen, for the status line of each.
			for n := 0; n < 30 && d.report().section == i; n++ {
				screen := d.screen()
				status, keys := footerOf(screen)
				// The screen's name in the header, when cut, ends in a whole word.
				if rs := d.report(); rs.section < len(rs.sections) {
					line2 := strings.Split(screen, "\n")[1]
					if cut, _, ok := strings.Cut(line2, "…"); ok {
						title := rs.e.r.Label(rs.sections[rs.section].Title)
						rest, found := strings.CutPrefix(title, cut)
						if !found || !strings.HasPrefix(strings.TrimLeft(rest, ",.:;–-"), " ") {
							t.Fatalf("%d columns, screen %d: the header cuts %q mid-word: %q", w, i+1, title, line2)
						}
					}
				}
				if !strings.HasSuffix(keys, "f1 alle taster") || strings.Contains(keys, "…") || ansi.StringWidth(keys) > w {
					t.Fatalf("%d columns, screen %d: keys %q", w, i+1, keys)
				}
				if ansi.StringWidth(status) > w || strings.HasSuffix(status, "…") {
					t.Fatalf("%d columns, screen %d: status %q is cut", w, i+1, status)
				}
				if strings.Contains(status, "tegn") && !strings.HasSuffix(status, "ctrl+e: skriv i eget program") {
					t.Fatalf("%d columns, screen %d: status %q lacks its end", w, i+1, status)
				}
				// 80×24 is the smallest window the front page fits whole.
				if i == 0 && w >= 80 && !strings.Contains(strings.Join(strings.Fields(screen), " "), "f9: kontroll og endelig rapport") {
					t.Fatalf("%d columns: screen 1's hint is cut:\n%s", w, screen)
				}
				d.key("tab")
			}
		}
	}
}

// TestKeyHintsFollowTheState: the footer offers only what the keys do now:
// j/n while a question waits, f9 as the way to the first problem while
// problems are listed, and nothing that changes a final report.
func TestKeyHintsFollowTheState(t *testing.T) {
	d := newDriver(t, 120, 30)
	d.put(gjovik(t))
	d.openNewest()
	d.key("f9")
	d.key("f9")
	if _, keys := footerOf(d.screen()); keys != "j ja • n nei • f1 alle taster" {
		t.Errorf("keys during the finalize question: %q", keys)
	}
	d.typeText("n")

	_ = d.report().e.Input("info.epost", "ola.nav.no")
	d.goToSection("info")
	d.key("f9")
	screen := d.screen()
	if strings.Contains(screen, "gjør endelig") || strings.Contains(screen, "kontroll og endelig") ||
		!strings.Contains(screen, "f9 går til den første") || !strings.Contains(screen, "f9 første mangel") {
		t.Errorf("with problems listed, f9 is offered as what it does not do:\n%s", screen)
	}

	d = newDriver(t, 120, 30)
	r := gjovik(t)
	r.State = model.Final
	d.put(r)
	d.openNewest()
	for _, section := range []string{"forside", "info", "1.1", "2.A"} {
		d.goToSection(section)
		for range 3 {
			screen := d.screen()
			for _, wrong := range []string{"ikke tilgjengelig", "f9", "ctrl+e", "Skriving erstatter"} {
				if strings.Contains(screen, wrong) {
					t.Errorf("a final report's screen %s offers %q:\n%s", section, wrong, screen)
				}
			}
			if !strings.Contains(screen, "ctrl+o") {
				t.Errorf("a final report's screen %s does not say how to make it a draft again:\n%s", section, screen)
			}
			d.key("tab")
		}
	}
}

// TestKeyHintsFollowTheFocusInATable: on a table's page the footer offers x
// while a number cell has the focus and undo while a comment has it, as
// the focus moves between them (x in a comment is a letter).
func TestKeyHintsFollowTheFocusInATable(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.put(gjovik(t))
	d.openNewest()
	d.goToSection("1.1")
	for step, want := range []struct{ focus, offers, not string }{
		{"a number cell", "x ikke tilgjengelig", "ctrl+z angre"},
		{"the first comment", "ctrl+z angre", "x ikke tilgjengelig"},
		{"the last number cell", "x ikke tilgjengelig", "ctrl+z angre"},
	} {
		switch step {
		case 1:
			for range 6 {
				d.key("tab")
			}
		case 2:
			d.key("shift+tab")
		}
		_, keys := footerOf(d.screen())
		if !strings.Contains(keys, want.offers) || strings.Contains(keys, want.not) {
			t.Errorf("with the focus in %s the footer offers %q", want.focus, keys)
		}
	}
}

// jumpRow is a page of the jump list with its count: " 3  1.1 Anskaffe …  7/7".
var jumpRow = regexp.MustCompile(`(?m)^(?:› |  )[ 1]\d  .*?(\d+)/(\d+)`)

// TestProgressOfACompleteReport: a complete report reads full in the header,
// on the front page and for every page of the jump list, final or not; a new
// report's defaults are no answers.
func TestProgressOfACompleteReport(t *testing.T) {
	for _, final := range []bool{false, true} {
		d := newDriver(t, 80, 24)
		r := gjovik(t)
		if final {
			if _, err := model.Finalize(r, reportNow); err != nil {
				t.Fatal(err)
			}
		}
		d.put(r)
		d.openNewest()
		d.requireScreen("[████████████] 49/49", "49 av 49 felt er besvart")
		d.key("ctrl+g")
		rows := 0
		for _, m := range jumpRow.FindAllStringSubmatch(d.screen(), -1) {
			rows++
			if m[1] != m[2] {
				t.Errorf("final %v: a page of a complete report reads %s/%s: %q", final, m[1], m[2], m[0])
			}
		}
		if rows < 10 {
			t.Errorf("final %v: %d pages with counts:\n%s", final, rows, d.screen())
		}
		d.requireScreen(" 3  1.1 Anskaffe og beholde bolig", "7/7")
	}
	d := newDriver(t, 80, 24)
	d.newReport()
	// Kommune and year, typed in the new report's dialog, and the
	// programme's name that the screen they are on offers.
	d.requireScreen("3 av 47 felt er besvart", "[············] 3/47")
}

// TestDeadlineOnTheFirstScreen: the date and the days left; a final report
// has been delivered and is never overdue.
func TestDeadlineOnTheFirstScreen(t *testing.T) {
	for _, tc := range []struct {
		final bool
		now   time.Time
		want  string
	}{
		{false, reportNow, "Frist for denne rapporten: 28.02.2013 · 18 dager igjen"},
		{false, reportNow.AddDate(13, 9, 19), "Frist for denne rapporten: 28.02.2013 · 5022 dager over fristen"},
		{true, reportNow.AddDate(13, 9, 19), "Frist for denne rapporten: 28.02.2013\n"},
	} {
		d := newDriver(t, 80, 24)
		d.m.c.now = func() time.Time { return tc.now }
		r := gjovik(t)
		if tc.final {
			if _, err := model.Finalize(r, reportNow); err != nil {
				t.Fatal(err)
			}
		}
		d.put(r)
		d.openNewest()
		if screen := d.screen(); !strings.Contains(screen, tc.want) || tc.final && strings.Contains(screen, "over fristen") {
			t.Errorf("final %v at %s: want %q:\n%s", tc.final, tc.now.Format("02.01.2006"), tc.want, screen)
		}
	}
}

// TestFinalizeWithMerknader: empty narrative texts are listed apart from the
// mangler; with only merknader, enter still goes to the field, and f9 asks
// before it makes the report final anyway.
func TestFinalizeWithMerknader(t *testing.T) {
	d := newDriver(t, 80, 24)
	r := gjovik(t)
	for _, id := range []string{"1.2", "4.1.D"} {
		if err := r.Set(id, model.Value{}); err != nil {
			t.Fatal(err)
		}
	}
	d.put(r)
	d.openNewest()
	d.key("f9")
	d.requireScreen("Ingen mangler, men 2 merknader.", "f9 gjør endelig likevel", "1.2 Kvalitet på boliger", "Teksten er tom")
	d.key("down")
	d.key("enter")
	if got := d.report().focused(); got != "4.1.D" {
		t.Fatalf("enter on the second merknad went to %q, want 4.1.D", got)
	}
	d.key("ctrl+g")
	d.typeText("12")
	d.key("f9")
	d.requireScreen("Rapporten har 2 merknader (tomme tekster). Gjøre den endelig likevel?")
	d.typeText("j")
	if d.report().e.r.State != model.Final {
		t.Fatal("the report did not become final after j")
	}

	// With a mangel as well, the merknader stand under their own heading.
	d = newDriver(t, 80, 40)
	r = gjovik(t)
	for _, id := range []string{"1.2", "info.kommune"} {
		if err := r.Set(id, model.Value{}); err != nil {
			t.Fatal(err)
		}
	}
	d.put(r)
	d.openNewest()
	d.key("f9")
	d.requireScreen("1 mangel må rettes før rapporten kan gjøres endelig. 1 merknad i tillegg.",
		"Merknader – rapporten kan gjøres endelig likevel", "Kommune")
	d.key("f9")
	if d.report().e.r.State == model.Final {
		t.Fatal("a report with a mangel became final")
	}
}

// TestChromeIsNeverStale changes, one at a time, everything the header,
// the note and the key help show, and after each compares the screen with
// one drawn from nothing: what is kept between frames must never show
// what was true before.
func TestChromeIsNeverStale(t *testing.T) {
	d := newDriver(t, 80, 24)
	full := false
	realPut := d.m.c.put
	d.m.c.put = func(rec store.Record, expected int64) (int64, error) {
		if full {
			return 0, fmt.Errorf("store: put: write boso.db: %w", syscall.ENOSPC)
		}
		return realPut(rec, expected)
	}
	d.newReport()
	fresh := func(step string) {
		t.Helper()
		kept := d.m.View().Content
		m := d.m
		m.report.drawn = newDrawnChrome(m.c)
		if drawn := m.View().Content; drawn != kept {
			t.Fatalf("after %s the screen shows what was before:\n%s\ndrawn from nothing:\n%s", step, ansi.Strip(kept), ansi.Strip(drawn))
		}
	}
	fresh("opening the report")
	steps := []struct {
		name string
		do   func()
	}{
		{"going to 1.1 (the screen)", func() { d.goToSection("1.1") }},
		{"a wider window", func() { d.send(tea.WindowSizeMsg{Width: 120, Height: 30}) }},
		{"a narrower window", func() { d.send(tea.WindowSizeMsg{Width: 60, Height: 20}) }},
		{"typing (unsaved, one more answered)", func() { d.typeText("7") }},
		// As many answered, one more field expected (the row's comment),
		// and still unsaved.
		{"the answer marked not available", func() { d.typeText("x") }},
		{"saving", func() { d.key("ctrl+s"); d.settle() }},
		{"the focus on the next field", func() { d.key("tab") }},
		{"a cell answered and emptied", func() { d.typeText("3"); d.key("backspace") }},
		{"typing into it", func() { d.typeText("5") }},
		{"a save that fails", func() { full = true; d.key("ctrl+s"); d.settle() }},
		{"a save that succeeds again", func() { full = false; d.key("ctrl+s"); d.settle() }},
		{"the jump list", func() { d.key("ctrl+g") }},
		{"the jump list closed", func() { d.key("esc") }},
		{"the list of keys", func() { d.key("f1") }},
		{"the list of keys closed", func() { d.key("f1") }},
		{"the next screen", func() { d.key("pgdown") }},
		{"a long answer typed into", func() { d.goToSection("3"); d.typeText("ny tekst") }},
		{"the info screen, with an answer changed", func() { d.goToSection("info"); d.report().e.Input("info.kommune", "Hamar kommune") }},
		// Nothing else changes (the answer is unsaved already).
		{"the kommune changed", func() { d.report().e.Input("info.kommune", "Gjøvik kommune") }},
		{"the year changed", func() { d.report().e.Input("info.rapporteringsar", "2013") }},
	}
	for _, s := range steps {
		s.do()
		fresh(s.name)
	}
}

// cursorAfter checks that the terminal's cursor stands right after the
// first place on the screen that shows text.
func (d *driver) cursorAfter(text string) { d.t.Helper(); d.cursorBy(text, len(text)) }

// cursorBefore checks that the terminal's cursor stands on the first
// character of the first place on the screen that shows text.
func (d *driver) cursorBefore(text string) { d.t.Helper(); d.cursorBy(text, 0) }

func (d *driver) cursorBy(text string, at int) {
	d.t.Helper()
	v := d.m.View()
	lines := strings.Split(ansi.Strip(v.Content), "\n")
	for y, l := range lines {
		if i := strings.Index(l, text); i >= 0 {
			want := tea.Position{X: ansi.StringWidth(l[:i+at]), Y: y}
			if v.Cursor == nil || v.Cursor.Position != want {
				d.t.Errorf("the cursor is at %v, want %v, by %q in line %d:\n%s", v.Cursor, want, text, y, ansi.Strip(v.Content))
			}
			return
		}
	}
	d.t.Errorf("%q is not on the screen:\n%s", text, ansi.Strip(v.Content))
}
