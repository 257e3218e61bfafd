package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"boso/model"
	"boso/store"
)

// editions loads template files from testdata, as `boso template add`
// would have installed them.
func editions(t *testing.T, names ...string) *model.Registry {
	t.Helper()
	var files []model.TemplateFile
	for _, n := range names {
		path := filepath.Join("..", "testdata", "templates", n)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, model.TemplateFile{Name: path, Data: data})
	}
	reg, skipped := model.LoadRegistry(files)
	if len(skipped) > 0 {
		t.Fatalf("skipped %v", skipped)
	}
	return reg
}

// putExport stores an export from testdata as a report in the draft file.
func (d *driver) putExport(reg *model.Registry, name string) *model.Report {
	d.t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		d.t.Fatal(err)
	}
	r, err := model.Decode(data, reg)
	if err != nil {
		d.t.Fatal(err)
	}
	if _, err := store.PutReport(d.st, r, "", 0); err != nil {
		d.t.Fatal(err)
	}
	return r
}

// Editions that exist only as YAML open in the UI, screen by screen, with
// every year placeholder filled in, help and prompts included.
func TestEditionsFromFilesOpenInTheUI(t *testing.T) {
	reg := editions(t, "arsrapport-2014.yaml", "sluttrapport.yaml")
	for _, tc := range []struct {
		export string
		want   map[string][]string // section id → what its screen shows
	}{
		{"hamar-2014.json", map[string][]string{
			"info":  {"Hamar kommune 2014"},
			"1.1":   {"Sammenlign med status pr. 31.12.2013", "01.01.2014"},
			"2.C.1": {"C.1 Økonomiske virkemidler i 2014"},
			"3":     {"Samarbeid med Husbanken i 2014"},
		}},
		{"gjovik-slutt-2014.json", map[string][]string{
			"info":       {"Gjøvik kommune 2014"},
			"1.1":        {"31.12.2014", "programstart"},
			"evaluering": {"Hvordan videreføres arbeidet etter 2014?"},
		}},
	} {
		t.Run(tc.export, func(t *testing.T) {
			d := newDriverWith(t, reg, 80, 24)
			r := d.putExport(reg, tc.export)
			d.openNewest()
			if d.report().e.r.Template != r.Template {
				t.Fatalf("opened under %s", d.report().e.r.Template.ID)
			}
			for _, s := range r.Template.Sections {
				d.goToSection(s.ID)
				screen := d.screen()
				if strings.Contains(screen, "{Y") {
					t.Errorf("%s shows a placeholder:\n%s", s.ID, screen)
				}
				for _, w := range tc.want[s.ID] {
					if !strings.Contains(screen, w) {
						t.Errorf("%s lacks %q:\n%s", s.ID, w, screen)
					}
				}
			}
		})
	}
}

// A field's help and prompts get the year too, as its label does.
func TestHelpAndPromptsShowTheYear(t *testing.T) {
	reg := editions(t, "arsrapport-2014.yaml")
	d := newDriverWith(t, reg, 80, 30)
	d.putExport(reg, "hamar-2014.json")
	d.openNewest()
	d.goToSection("3")
	d.key("tab")
	d.requireScreen("Hvordan har samarbeidet fungert siden rapporten for 2013?", "Møter i 2014", "Planer for 2015")
}

// A template file left out at start is said on the start screen.
func TestStartScreenSaysWhichTemplateFileIsLeftOut(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "boso.db"))
	if err != nil {
		t.Fatal(err)
	}
	notice := "malfilen maler/x.yaml:8 brukes ikke: ukjent nøkkel «lable»; se «boso template check maler/x.yaml»."
	d := &driver{t: t, st: st, late: make(chan tea.Msg, 16), m: New(Options{Store: st, Registry: model.Builtin(), Notice: notice}, func() time.Time { return reportNow })}
	d.send(tea.WindowSizeMsg{Width: 100, Height: 24})
	d.run(d.m.Init())
	d.requireScreen("malfilen maler/x.yaml:8 brukes ikke: ukjent nøkkel «lable»")
}

// A report of an edition that is not installed opens to a sentence saying
// what to install, not to "damaged".
func TestOpeningAReportOfAnEditionNotInstalled(t *testing.T) {
	d := newDriverWith(t, model.Builtin(), 100, 24)
	d.putExport(editions(t, "arsrapport-2014.yaml"), "hamar-2014.json")
	d.run(d.m.start.init())
	d.waitList()
	d.requireScreen("Hamar kommune (malen arsrapport-2014 mangler)")
	d.key("enter")
	flat := func() string { return strings.Join(strings.Fields(d.screen()), " ") }
	d.waitFor(func() bool { return strings.Contains(flat(), "ikke er installert") })
	screen := flat()
	if !strings.Contains(screen, "malen «arsrapport-2014» versjon 1, som ikke er installert her; installer malfilen med «boso template add FIL»") || strings.Contains(screen, "skadet") {
		t.Errorf("opening it says:\n%s", d.screen())
	}
}

// v asks which edition next year's report follows when there is more than
// one, starting on last year's, and carries into the one chosen.
func TestCarryOverAsksWhichEdition(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	c.reg = editions(t, "arsrapport-2014.yaml", "sluttrapport.yaml")
	r := gjovik(t)
	if _, err := store.PutReport(c.store, r, "", 0); err != nil {
		t.Fatal(err)
	}
	s, out := startSend(t, loadedStart(t, c), startKey('v'))
	if len(out) != 0 || s.mode != startChoosingTemplate || !strings.Contains(startView(s), "› arsrapport-2012") ||
		!strings.Contains(startView(s), "Hvilken utgave av skjemaet skal neste års rapport følge?") {
		t.Fatalf("v with three editions: messages %v\n%s", out, startView(s))
	}
	_, out = startSend(t, s, startDown, startEnter)
	next, _, err := store.GetReport(c.store, startOpenedID(t, out), c.reg)
	if err != nil {
		t.Fatal(err)
	}
	if y, _ := next.Year(); next.Template.ID != "arsrapport-2014" || y != 2013 || next.Value("1.1.A.start") != r.Value("1.1.A.slutt") || next.CarriedFrom != r.ID {
		t.Errorf("carried into %s, year %d, 1.1.A.start %v", next.Template.ID, y, next.Value("1.1.A.start"))
	}
}

// Last year's report is found by kommune and year whatever its edition.
func TestLastYearIsFoundInAnotherEdition(t *testing.T) {
	reg := editions(t, "arsrapport-2014.yaml")
	d := newDriverWith(t, reg, 80, 24)
	last := gjovik(t)
	d.put(last)
	t2014, _ := reg.Lookup("arsrapport-2014")
	r := model.NewReport(t2014, reportNow)
	for id, s := range map[string]string{"info.kommune": "Gjøvik kommune", "info.rapporteringsar": "2013", "1.1.A.start": "8"} {
		if err := r.Input(id, s); err != nil {
			t.Fatal(err)
		}
	}
	d.put(r)
	if p, err := store.Previous(d.st, r, reg); err != nil || p == nil || p.ID != last.ID {
		t.Fatalf("previous = %v, want Gjøvik 2012 of the 2012 edition", p)
	}
}

// The list tells two reports of one kommune and year on different editions
// apart by their edition.
func TestStartListNamesTheEditionOfTwins(t *testing.T) {
	c := newStartCommon(t, 100, 24, startNow)
	c.reg = editions(t, "sluttrapport.yaml")
	if _, err := store.PutReport(c.store, gjovik(t), "", 0); err != nil {
		t.Fatal(err)
	}
	slutt, _ := c.reg.Lookup("sluttrapport")
	r := model.NewReport(slutt, startNow)
	for id, s := range map[string]string{"info.kommune": "Gjøvik kommune", "info.rapporteringsar": "2012"} {
		if err := r.Input(id, s); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := store.PutReport(c.store, r, "", 0); err != nil {
		t.Fatal(err)
	}
	view := startView(loadedStart(t, c))
	for _, want := range []string{"· sluttrapport)", "· arsrapport-2012)"} {
		if !strings.Contains(view, want) {
			t.Errorf("list lacks %q:\n%s", want, view)
		}
	}
}

// A draft of version 1 opens under version 2: the renamed answer is in its
// new field, the removed ones are on the screen of answers from an older
// version, whole, and go only when the user says so.
func TestRetiredAnswersAreShownAndRemovedOnlyWhenAsked(t *testing.T) {
	v1 := editions(t, "arsrapport-2014.yaml")
	reg := editions(t, "arsrapport-2014.yaml", "arsrapport-2014-v2.yaml")
	d := newDriverWith(t, reg, 80, 24)
	r := d.putExport(v1, "hamar-2014.json")
	d.openNewest()
	d.requireScreen("Rapporten har 2 svar fra en eldre utgave av skjemaet; f4 viser dem.")
	d.goToSection("3")
	d.key("tab")
	d.requireScreen("Fire møter med Husbanken Øst.")

	d.send(keyPress("f4"))
	d.requireScreen(model.RetiredTitle, "› 2.C.1.bostotte.antall", "2.C.1.bostotte.kommentar",
		"Tallet er rapportert til Husbanken i bostøtteregisteret.", "fjern svaret")
	d.typeText("d")
	d.requireScreen("Fjerne svaret 2.C.1.bostotte.antall for godt?")
	d.typeText("n")
	d.requireScreen("› 2.C.1.bostotte.antall")
	d.typeText("d")
	d.typeText("j")
	d.settle()
	screen := d.screen()
	if strings.Contains(screen, "2.C.1.bostotte.antall") || !strings.Contains(screen, "› 2.C.1.bostotte.kommentar") {
		t.Errorf("after removing one:\n%s", screen)
	}
	d.key("esc")
	d.waitFor(func() bool { return d.report().e.Settled() })
	stored, _, err := store.GetReport(d.st, r.ID, reg)
	if err != nil {
		t.Fatal(err)
	}
	if got := stored.RetiredIDs(); len(got) != 1 || got[0] != "2.C.1.bostotte.kommentar" || stored.Template.Version != 2 ||
		stored.Value("3.samarbeid") != model.TextValue("Fire møter med Husbanken Øst.") {
		t.Errorf("stored: version %d, retired %v, 3.samarbeid %v", stored.Template.Version, got, stored.Value("3.samarbeid"))
	}
}

// A report of an edition that is not installed is exported from the list
// exactly as stored.
func TestStartExportsAReportOfAnEditionNotInstalledAsStored(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	data, err := os.ReadFile(filepath.Join("..", "testdata", "hamar-2014.json"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := model.Decode(data, editions(t, "arsrapport-2014.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := store.RecordOf(r, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.store.Put(rec, 0); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	s, _ := startSend(t, loadedStart(t, c), startKey('e'), startEnter)
	if !strings.Contains(s.status, "Eksportert til") {
		t.Fatalf("export: %q", s.status)
	}
	got, err := os.ReadFile(filepath.Join(dir, "hamar-kommune-2014.json"))
	if err != nil || !bytes.Equal(got, rec.Data) {
		t.Errorf("exported %d bytes (%v), want the %d stored", len(got), err, len(rec.Data))
	}
}

// form2012 is the templates these tests were written for: the 2012 edition
// alone, so that a further built-in edition changes none of them (a second
// one makes "n" ask which edition).
func form2012() *model.Registry {
	t, _ := model.Builtin().Lookup("arsrapport-2012")
	reg, _ := model.NewRegistry(t)
	return reg
}

// Carrying over to a year the kommune already has a report for asks first,
// whatever edition that report follows.
func TestCarryOverAsksFirstWhenTheYearExistsInAnotherEdition(t *testing.T) {
	c := newStartCommon(t, 80, 24, startNow)
	c.reg = editions(t, "arsrapport-2014.yaml")
	last := gjovik(t)
	if _, err := store.PutReport(c.store, last, "", 0); err != nil {
		t.Fatal(err)
	}
	t2014, _ := c.reg.Lookup("arsrapport-2014")
	next := model.NewReport(t2014, startNow)
	for id, s := range map[string]string{"info.kommune": "GJØVIK kommune", "info.rapporteringsar": "2013"} {
		if err := next.Input(id, s); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := store.PutReport(c.store, next, "", 0); err != nil {
		t.Fatal(err)
	}
	s := loadedStart(t, c)
	for i, sum := range s.reports {
		if sum.ID == last.ID {
			s.cursor = i
		}
	}
	s, out := startSend(t, s, startKey('v'))
	if len(out) != 0 || s.mode != startConfirmingCarryOver {
		t.Errorf("v on Gjøvik 2012 with a 2013 report of another edition: mode %d, messages %v\n%s", s.mode, out, startView(s))
	}
}
