package accessible

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"boso/model"
	"boso/store"
)

// accFixture is a store in a fresh folder, with the built-in templates.
func accFixture(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "boso.db"))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// accRun runs the accessible mode on typed lines and returns what it said.
// A walk that does not end within a few seconds is a hang, which is the
// failure EOF handling exists to prevent.
func accRun(t *testing.T, st *store.Store, typed string) string {
	t.Helper()
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(Options{Store: st, Registry: form2012(), In: strings.NewReader(typed), Out: &out}, nil)
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v\n%s", err, out.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return")
	}
	return out.String()
}

// accPut stores a draft with the given answers and returns its id.
func accPut(t *testing.T, st *store.Store, answers map[string]string) *model.Report {
	t.Helper()
	tmpl, _ := model.Builtin().Lookup("arsrapport-2012")
	r := model.NewReport(tmpl, time.Now())
	for id, v := range answers {
		if err := r.Input(id, v); err != nil {
			t.Fatalf("Input(%s, %q): %v", id, v, err)
		}
	}
	if _, err := store.PutReport(st, r, "", 0); err != nil {
		t.Fatal(err)
	}
	return r
}

// accOnly returns the one report in the store, as stored.
func accOnly(t *testing.T, st *store.Store) (*model.Report, store.Record) {
	t.Helper()
	sums, err := st.List()
	if err != nil || len(sums) != 1 {
		t.Fatalf("List: %d reports, %v", len(sums), err)
	}
	r, rec, err := store.GetReport(st, sums[0].ID, model.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	return r, rec
}

func accShown(r *model.Report, id string) string {
	return model.Format(r.Template.Field(id).Type, r.Value(id))
}

// accLines joins answers the way a user types them: one per line.
func accLines(answers ...string) string { return strings.Join(answers, "\n") + "\n" }

func TestAccessibleNewReportSavesEachAnswer(t *testing.T) {
	st := accFixture(t)
	out := accRun(t, st, accLines(
		"1",              // Ny rapport (the file is empty)
		"Gjøvik kommune", // its kommune
		"2012",           // and its year
		"2",              // start at 0. Generell programinformasjon
		"",               // Programnavn: keep the default
		"",               // Kommune: keep it
		"", "", "",       // Programleder, Programansvarlig, Programstart
		"",             // Rapporteringsår: keep it
		"", "", "", "", // Rapporteringsdato … E-post
		"",       // Gå videre til 1.1? ja
		"7", "8", // 1.1.A start, slutt
		"Anslag fra NAV.", // 1.1.A kommentar
	))
	r, rec := accOnly(t, st)
	for id, want := range map[string]string{
		"info.programnavn":     "Boligsosialt utviklingsprogram",
		"info.kommune":         "Gjøvik kommune",
		"info.rapporteringsar": "2012",
		"1.1.A.start":          "7",
		"1.1.A.slutt":          "8",
		"1.1.A.kommentar":      "Anslag fra NAV.",
	} {
		if got := accShown(r, id); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	if rec.Position != "1.1/1.1.A.kommentar" {
		t.Errorf("position = %q", rec.Position)
	}
	// One save for the new report, then one per changed answer.
	if rec.Revision != 4 {
		t.Errorf("revision = %d, want 4 (new report + 3 answers)", rec.Revision)
	}
	for _, want := range []string{
		"1. Ny rapport",
		"Del 2 av 12: 0. Generell programinformasjon",
		"Nå: Boligsosialt utviklingsprogram",
		"Nå: Gjøvik kommune\nKommune: ",
		"Nå: 2012\nRapporteringsår: ",
		"Del 3 av 12: 1.1 Anskaffe og beholde bolig",
		"A. Uten eid eller leid bolig – status behov pr. 01.01.2012: ",
		"Skriv et helt tall, X hvis ikke tilgjengelig, eller la stå tomt.",
		"Resultat A: -1",
		"Slutt på svarene.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(out)
	}
}

// TestAccessibleNewReportAsksKommuneAndYear: a new report is named before
// its first question, so no label waits for a year; an empty kommune and a
// year that is not four digits are refused and asked again.
func TestAccessibleNewReportAsksKommuneAndYear(t *testing.T) {
	st := accFixture(t)
	out := accRun(t, st, accLines(
		"1",                // Ny rapport
		"", "  ", "Gjøvik", // kommune: two refusals
		"", "12", "2012", // year: two refusals
		"3", // start at 1.1
	))
	r, _ := accOnly(t, st)
	if got := accShown(r, "info.kommune"); got != "Gjøvik" {
		t.Errorf("kommune = %q", got)
	}
	if got := accShown(r, "info.rapporteringsar"); got != "2012" {
		t.Errorf("rapporteringsår = %q", got)
	}
	for title, want := range map[string]int{"Kommune: ": 3, "Rapporteringsår: ": 3} {
		if n := strings.Count(out, title); n != want {
			t.Errorf("%q asked %d times, want %d", title, n, want)
		}
	}
	for _, want := range []string{
		"Skriv kommunens navn.",
		"Skriv rapporteringsåret med fire sifre, for eksempel " + fmt.Sprint(time.Now().Year()-1) + ".",
		"Skriv årstallet med fire sifre, for eksempel 2012.",
		"Ny rapport: Gjøvik 2012",
		"A. Uten eid eller leid bolig – status behov pr. 01.01.2012: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	for _, never := range []string{"ÅÅÅÅ", "uten kommune"} {
		if strings.Contains(out, never) {
			t.Errorf("output says %q", never)
		}
	}
	if t.Failed() {
		t.Log(out)
	}
}

// TestAccessibleNewReportTwin: a second report for a kommune and year the
// file has is made only when the user says so.
func TestAccessibleNewReportTwin(t *testing.T) {
	st := accFixture(t)
	accPut(t, st, map[string]string{"info.kommune": "Gjøvik kommune", "info.rapporteringsar": "2012"})
	out := accRun(t, st, accLines("2", "gjøvik  Kommune", "2012", "")) // enter: nei
	for _, want := range []string{"Det finnes allerede en rapport Gjøvik kommune 2012. Lage en til? (j/n, enter for nei)", "Ingen ny rapport er laget."} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	accOnly(t, st)
	accRun(t, st, accLines("2", "Gjøvik kommune", "2012", "j"))
	if sums, _ := st.List(); len(sums) != 2 {
		t.Errorf("%d reports after j, want 2", len(sums))
	}
	accRun(t, st, accLines("3", "Gjøvik kommune", "2013"))
	if sums, _ := st.List(); len(sums) != 3 {
		t.Errorf("%d reports after another year, want 3", len(sums))
	}
}

func TestAccessibleSumAfterRow(t *testing.T) {
	st := accFixture(t)
	accPut(t, st, map[string]string{"info.rapporteringsar": "2012", "1.1.A.start": "7", "1.1.A.slutt": "8", "1.1.B.start": "4", "1.1.B.slutt": "11"})
	// A and B (start, slutt, kommentar) kept, then row C.
	out := accRun(t, st, accLines("1", "3", "", "", "", "", "", "", "23", "30"))
	for _, want := range []string{"Resultat A: -1", "Resultat B: -7", "Resultat C: -7", "Sum A–C: 34 → 49, resultat -15"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if !strings.Contains(out, "Sum A–C: ikke beregnet ennå") {
		t.Error("before row C is answered, the sum should be said to be missing")
	}
	if t.Failed() {
		t.Log(out)
	}
}

func TestAccessibleBadCountIsAskedAgain(t *testing.T) {
	st := accFixture(t)
	accPut(t, st, map[string]string{"info.rapporteringsar": "2012"})
	out := accRun(t, st, accLines("1", "3", "tolv", "12"))
	r, _ := accOnly(t, st)
	if got := accShown(r, "1.1.A.start"); got != "12" {
		t.Errorf("1.1.A.start = %q, want 12", got)
	}
	title := "A. Uten eid eller leid bolig – status behov pr. 01.01.2012: "
	if n := strings.Count(out, title); n != 2 {
		t.Errorf("asked %d times, want 2", n)
	}
	if !strings.Contains(out, "Skriv et helt tall, for eksempel 1 455, eller X for ikke tilgjengelig.") {
		t.Error("the refusal sentence is missing")
	}
	if t.Failed() {
		t.Log(out)
	}
}

func TestAccessibleEnterKeepsAndDashClears(t *testing.T) {
	st := accFixture(t)
	accPut(t, st, map[string]string{
		"info.kommune": "Gjøvik kommune", "info.programleder": "Ola Nordmann", "info.programstart": "22.12.2010",
		"info.rapporteringsar": "2012", "1.1.A.start": "1455",
	})
	out := accRun(t, st, accLines(
		"1", "2",
		"", // Programnavn
		"", // Kommune: keep
		clearMark,
		"",                 // Programansvarlig
		"",                 // Programstart: keep the date shown as 22.12.2010
		"", "", "", "", "", // Rapporteringsår … E-post
		"",  // Gå videre? ja
		"",  // 1.1.A.start: keep 1 455
		"X", // 1.1.A.slutt: not available
	))
	r, rec := accOnly(t, st)
	for id, want := range map[string]string{
		"info.kommune":      "Gjøvik kommune",
		"info.programleder": "",
		"info.programstart": "22.12.2010",
		"1.1.A.start":       "1 455",
		"1.1.A.slutt":       "X",
	} {
		if got := accShown(r, id); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	// Keeping an answer is no change: only the clear and the X were saved.
	if rec.Revision != 3 {
		t.Errorf("revision = %d, want 3", rec.Revision)
	}
	for _, want := range []string{"Nå: Gjøvik kommune", "Nå: 22.12.2010", "Nå: 1 455", "Resultat A: X, ikke tilgjengelig"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(out)
	}
}

func TestAccessibleProblemsAfterAnswers(t *testing.T) {
	st := accFixture(t)
	accPut(t, st, nil)
	out := accRun(t, st, accLines(
		"1", "8", // open the report; Delmål C – C.1
		"5", "", // fullfinansiert, its comment
		"9", // fastrente: more than fullfinansiert
	))
	want := "Mangel: Herav fastrente (9) kan ikke være større enn fullfinansierte boligkjøp (5)."
	if !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
	// Skipping a field is no problem to tell about while walking.
	if strings.Contains(out, "Tallet mangler") || strings.Count(out, "Mangel:") != 1 {
		t.Errorf("a skipped field was reported:\n%s", out)
	}
}

func TestAccessibleEndOfInput(t *testing.T) {
	for name, typed := range map[string]string{
		"nothing":                "",
		"at the report list":     "1\n",
		"in the section list":    "1\n2\n",
		"after a refused count":  "1\n3\ntolv\n",
		"last line, no newline":  "1\n2\n\nBergen",
		"in the middle of a row": "1\n3\n7\n",
	} {
		t.Run(name, func(t *testing.T) {
			st := accFixture(t)
			out := accRun(t, st, typed)
			if !strings.Contains(out, "boso avsluttes") {
				t.Errorf("no goodbye:\n%s", out)
			}
			sums, _ := st.List()
			if len(sums) == 0 {
				return
			}
			r, _ := accOnly(t, st)
			switch name {
			case "after a refused count":
				if v := r.Value("1.1.A.start"); !v.IsEmpty() {
					t.Errorf("a refused answer was stored: %v", v)
				}
			case "last line, no newline":
				if got := r.Kommune(); got != "Bergen" {
					t.Errorf("kommune = %q, want Bergen", got)
				}
			case "in the middle of a row":
				if got := accShown(r, "1.1.A.start"); got != "7" {
					t.Errorf("1.1.A.start = %q, want 7", got)
				}
			}
		})
	}
}

func TestAccessibleQuit(t *testing.T) {
	st := accFixture(t)
	out := accRun(t, st, accLines("2", "ignored"))
	if !strings.Contains(out, "Ha det bra.") || strings.Contains(out, "Del 1") {
		t.Errorf("Avslutt should end at once:\n%s", out)
	}
	if sums, _ := st.List(); len(sums) != 0 {
		t.Errorf("quitting made %d reports", len(sums))
	}
}

func TestAccessibleReportListAndBack(t *testing.T) {
	st := accFixture(t)
	accPut(t, st, map[string]string{"info.kommune": "Gjøvik kommune", "info.rapporteringsar": "2012", "1.1.A.start": "7"})
	// Open, go back from the section list (entry 13), then quit (entry 4).
	out := accRun(t, st, accLines("1", "13", "4"))
	for _, want := range []string{
		"1. Gjøvik kommune 2012, kladd, 4 av 47 felt besvart",
		"2. Ny rapport",
		"3. Nytt år fra en rapport",
		"4. Avslutt",
		"3. 1.1 Anskaffe og beholde bolig (1 av 7 besvart)",
		"Ha det bra.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(out)
	}
}

func TestAccessibleMenuRefusesOtherNumbers(t *testing.T) {
	st := accFixture(t)
	out := accRun(t, st, accLines("7", "ja", "2"))
	if n := strings.Count(out, "Skriv et nummer fra 1 til 2."); n != 2 {
		t.Errorf("refused %d times, want 2:\n%s", n, out)
	}
}

func TestAccessibleCarryOver(t *testing.T) {
	st := accFixture(t)
	accPut(t, st, map[string]string{"info.kommune": "Gjøvik kommune", "info.rapporteringsar": "2012", "1.1.A.slutt": "8"})
	out := accRun(t, st, accLines("3", "1"))
	sums, err := st.List()
	if err != nil || len(sums) != 2 {
		t.Fatalf("List: %d reports, %v\n%s", len(sums), err, out)
	}
	var next *model.Report
	for _, s := range sums {
		if s.Year == 2013 {
			next, _, _ = store.GetReport(st, s.ID, model.Builtin())
		}
	}
	if next == nil {
		t.Fatalf("no 2013 report:\n%s", out)
	}
	if got := accShown(next, "1.1.A.start"); got != "8" {
		t.Errorf("1.1.A.start = %q, want last year's 8", got)
	}
	if !strings.Contains(out, "Ny rapport: Gjøvik kommune 2013, bygget på Gjøvik kommune 2012.") {
		t.Errorf("output:\n%s", out)
	}
}

func accGjovik(t *testing.T, st *store.Store) *model.Report {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "gjovik-2012.json"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := model.Decode(data, model.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	if ps := model.Validate(r); len(ps) > 0 {
		t.Fatalf("the fixture has problems: %v", ps)
	}
	if _, err := store.PutReport(st, r, "", 0); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestAccessibleFinalizeAndReopen(t *testing.T) {
	st := accFixture(t)
	accGjovik(t, st)
	// Open, jump to the check (entry 12), finalize, then quit.
	out := accRun(t, st, accLines("1", "12", "j", "4"))
	r, rec := accOnly(t, st)
	if r.State != model.Final {
		t.Fatalf("state = %s, want final:\n%s", r.State, out)
	}
	if rec.Position != "kontroll" {
		t.Errorf("position = %q", rec.Position)
	}
	for _, want := range []string{"Ingen mangler.", "Rapporten er endelig og lagret.", "Gjøvik kommune 2012, endelig, "} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}

	// A final report is read out, and reopening makes it a draft.
	out = accRun(t, st, accLines("1", "j", "13", "4"))
	r, _ = accOnly(t, st)
	if r.State != model.Draft {
		t.Errorf("state = %s, want draft", r.State)
	}
	for _, want := range []string{
		"kan bare leses",
		"Kommune: Gjøvik kommune",
		"A. Uten eid eller leid bolig – resultat: -1",
		"Sum A–C – resultat: -15",
		"Rapporten er en kladd igjen.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(out)
	}
}

func TestAccessibleCheckListsProblems(t *testing.T) {
	st := accFixture(t)
	accPut(t, st, map[string]string{"info.kommune": "Gjøvik kommune"})
	// The check (entry 12) lists the problems; the list then offers the
	// section of the first one; back (13) and quit (4).
	out := accRun(t, st, accLines("1", "12", "13", "4"))
	for _, want := range []string{
		"info.programleder: Feltet må fylles ut.",
		"1.1.A.start: Tallet mangler.",
		"Rapporten kan gjøres endelig når manglene er rettet.",
		"eller trykk enter for 2:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(out, "Vil du gjøre rapporten endelig?") {
		t.Error("a report with problems was offered to be finalized")
	}
	if t.Failed() {
		t.Log(out)
	}
}

// accSession is a session on st with typed as its input and out as its
// output, and put as its way to the draft file.
func accSession(st *store.Store, typed io.Reader, out io.Writer, put func(store.Record, int64) (int64, error)) *session {
	return &session{lines: readLines(typed, make(chan struct{})), out: out, st: st, reg: form2012(), now: time.Now, put: put}
}

// TestAccessibleFullDiskIsOneSentence: while the disk is full each answer
// is told unsaved in one sentence and kept; when the input ends, the
// answers go to an emergency copy, and the user is told where.
func TestAccessibleFullDiskIsOneSentence(t *testing.T) {
	st := accFixture(t)
	r := accPut(t, st, map[string]string{"info.rapporteringsar": "2012"})
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	full := func(store.Record, int64) (int64, error) {
		return 0, fmt.Errorf("store: put: write boso.db: %w", syscall.ENOSPC)
	}
	var out bytes.Buffer
	s := accSession(st, strings.NewReader(accLines("3", "7", "8")), &out, full)
	if err := s.openStored(r.ID); !errors.Is(err, errInputEnded) {
		t.Fatalf("openStored: %v", err)
	}
	if n := strings.Count(out.String(), "Ikke lagret: disken er full. Det prøves igjen ved neste svar."); n != 2 {
		t.Errorf("%d save errors told, want one per answer:\n%s", n, out.String())
	}
	if !strings.Contains(out.String(), "Resultat A: -1") {
		t.Errorf("the walk did not go on after the error:\n%s", out.String())
	}
	copies, _ := filepath.Glob(filepath.Join(filepath.Dir(st.Path()), "boso-nodlagring-*.json"))
	if len(copies) != 1 || !strings.Contains(out.String(), "de er skrevet til "+copies[0]) {
		t.Fatalf("emergency copies %v; said:\n%s", copies, out.String())
	}
	data, _ := os.ReadFile(copies[0])
	saved, err := model.Decode(data, model.Builtin())
	if err != nil || accShown(saved, "1.1.A.slutt") != "8" {
		t.Errorf("the emergency copy lacks the answers: %v", err)
	}
}

// accWindow is one line-mode window whose keys the test types one line at
// a time, and whose words it reads as they come.
type accWindow struct {
	t    *testing.T
	keys *io.PipeWriter
	mu   sync.Mutex
	out  bytes.Buffer
	done chan error
}

func (w *accWindow) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.out.Write(p)
}

func (w *accWindow) said() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.out.String()
}

func accOpenWindow(t *testing.T, st *store.Store) *accWindow {
	in, keys := io.Pipe()
	w := &accWindow{t: t, keys: keys, done: make(chan error, 1)}
	go func() { w.done <- run(Options{Store: st, Registry: form2012(), In: in, Out: w}, nil) }()
	t.Cleanup(func() { keys.Close() })
	return w
}

// answer types a line once the window has said want (and waits for it).
func (w *accWindow) answer(want, line string) {
	w.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(w.said(), want) {
		if time.Now().After(deadline) {
			w.t.Fatalf("waited for %q:\n%s", want, w.said())
		}
		time.Sleep(time.Millisecond)
	}
	if _, err := io.WriteString(w.keys, line+"\n"); err != nil {
		w.t.Fatal(err)
	}
}

// TestAccessibleTwoWindowsKeepBoth: two line-mode windows on one report;
// the second one to save is behind, and its answer goes to a copy, said in
// one sentence: both answers are kept.
func TestAccessibleTwoWindowsKeepBoth(t *testing.T) {
	st := accFixture(t)
	r := accPut(t, st, map[string]string{"info.rapporteringsar": "2012"})
	a, b := accOpenWindow(t, st), accOpenWindow(t, st)
	for _, w := range []*accWindow{a, b} {
		w.answer("Hva vil du gjøre?", "1")
		w.answer("Hvor vil du begynne?", "2") // 0. Generell programinformasjon
		w.answer("Programnavn:", "")
	}
	a.answer("Kommune:", "Gjøvik kommune")
	a.answer("Programleder:", "")
	b.answer("Kommune:", "")
	b.answer("Programleder:", "Kari Nordmann")
	b.answer("Programansvarlig:", "")
	for _, w := range []*accWindow{a, b} {
		w.keys.Close()
		if err := <-w.done; err != nil {
			t.Fatal(err)
		}
	}
	if !strings.Contains(b.said(), "Endret i et annet vindu; teksten din er kopi ") {
		t.Errorf("B does not say its answers went to a copy:\n%s", b.said())
	}
	sums, err := st.List()
	if err != nil || len(sums) != 2 {
		t.Fatalf("want the report and a copy, have %d: %v", len(sums), err)
	}
	for _, sum := range sums {
		got, _, err := store.GetReport(st, sum.ID, model.Builtin())
		if err != nil {
			t.Fatal(err)
		}
		kommune, leder := accShown(got, "info.kommune"), accShown(got, "info.programleder")
		switch {
		case sum.ID == r.ID && (kommune != "Gjøvik kommune" || leder != ""):
			t.Errorf("A's report: kommune %q, programleder %q", kommune, leder)
		case sum.ID != r.ID && leder != "Kari Nordmann":
			t.Errorf("B's copy: programleder %q, want Kari Nordmann", leder)
		}
	}
}

// TestAccessibleLongAnswerTakesLines: a long answer takes lines until an
// empty one, however long they are, and the next question gets the next.
func TestAccessibleLongAnswerTakesLines(t *testing.T) {
	st := accFixture(t)
	accPut(t, st, map[string]string{"info.rapporteringsar": "2012"})
	long := strings.Repeat("lang tekst ", 7000) // 77 000 bytes on one line
	out := accRun(t, st, accLines("1", "5",     // 1.2, one long text
		"Første avsnitt.", "", // a first try: one line, ended by an empty one
		"", // Gå videre? ja
	))
	r, _ := accOnly(t, st)
	if got := accShown(r, "1.2"); got != "Første avsnitt." {
		t.Errorf("1.2 = %q", got)
	}
	if !strings.Contains(out, "trykk enter på en tom linje når du er ferdig") {
		t.Errorf("the question does not say how to end a long answer:\n%s", out)
	}
	accRun(t, st, accLines("1", "5", "Første avsnitt.", "Andre linje.", long, "", "n"))
	r, _ = accOnly(t, st)
	if got, want := accShown(r, "1.2"), "Første avsnitt.\nAndre linje.\n"+long; got != want {
		t.Errorf("1.2 = %.60q… (%d bytes), want %d bytes", got, len(got), len(want))
	}
}

// TestAccessibleRefusedAnswersAreAskedAgain: a date, a phone number or a
// count that is refused is said why, and asked again until it passes.
func TestAccessibleRefusedAnswersAreAskedAgain(t *testing.T) {
	st := accFixture(t)
	accPut(t, st, nil)
	out := accRun(t, st, accLines("1", "2", "", "", "", "",
		"31.02.2012", "22.12.2010", // Programstart: no 31 February
		"", "", "", // Rapporteringsår, -dato, Utfylt av
		"0123 4567", "41 58 11 80", // Telefon: no first digit 0
	))
	r, _ := accOnly(t, st)
	if got := accShown(r, "info.programstart"); got != "22.12.2010" {
		t.Errorf("programstart = %q", got)
	}
	if got := accShown(r, "info.telefon"); got != "41 58 11 80" {
		t.Errorf("telefon = %q", got)
	}
	for _, title := range []string{"Programstart: ", "Telefon: "} {
		if n := strings.Count(out, title); n != 2 {
			t.Errorf("%q asked %d times, want 2:\n%s", title, n, out)
		}
	}
}

// TestAccessibleCtrlC: ctrl+c while a question waits ends the line mode
// with a sentence that the answers are saved, and the status of ctrl+c.
func TestAccessibleCtrlC(t *testing.T) {
	st := accFixture(t)
	accPut(t, st, map[string]string{"info.rapporteringsar": "2012"})
	in, keys := io.Pipe()
	defer keys.Close()
	signals := make(chan os.Signal, 1)
	w := &accWindow{t: t, keys: keys, done: make(chan error, 1)}
	go func() { w.done <- run(Options{Store: st, Registry: form2012(), In: in, Out: w}, signals) }()
	w.answer("Hva vil du gjøre?", "1")
	w.answer("Hvor vil du begynne?", "3")
	w.answer("01.01.2012:", "7")
	w.answer("31.12.2012:", "")
	signals <- syscall.SIGINT
	err := <-w.done
	var stop *Interrupted
	if !errors.As(err, &stop) || stop.ExitCode() != 130 {
		t.Fatalf("run ended with %v, want an interruption with status 130", err)
	}
	if !strings.HasSuffix(w.said(), "\nAvbrutt. Alle svarene dine er lagret.\n") {
		t.Errorf("the last words are not that the answers are saved:\n%s", w.said())
	}
	r, _ := accOnly(t, st)
	if got := accShown(r, "1.1.A.start"); got != "7" {
		t.Errorf("1.1.A.start = %q, want 7", got)
	}
}

func TestReadLinesHandsOutLines(t *testing.T) {
	var got []string
	for l := range readLines(strings.NewReader("en\r\nto\n\ntre"), make(chan struct{})) {
		got = append(got, l)
	}
	if strings.Join(got, "|") != "en|to||tre" {
		t.Errorf("lines %q", got)
	}
}

// With more than one edition, carrying over asks which one the new year
// follows, offering last year's, and carries into the one chosen.
func TestAccessibleCarryOverAsksWhichEdition(t *testing.T) {
	st := accFixture(t)
	prev := accPut(t, st, map[string]string{"info.kommune": "Gjøvik kommune", "info.rapporteringsar": "2012", "1.1.A.slutt": "8"})
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "templates", "arsrapport-2014.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	reg, skipped := model.LoadRegistry([]model.TemplateFile{{Name: "arsrapport-2014.yaml", Data: data}})
	if len(skipped) > 0 {
		t.Fatal(skipped)
	}
	var out bytes.Buffer
	if err := run(Options{Store: st, Registry: reg, In: strings.NewReader(accLines("3", "1", "2")), Out: &out}, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Hvilken utgave av skjemaet skal det nye året følge?") {
		t.Errorf("not asked:\n%s", out.String())
	}
	sums, err := st.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sums {
		if s.ID == prev.ID {
			continue
		}
		next, _, err := store.GetReport(st, s.ID, reg)
		if err != nil || next.Template.ID != "arsrapport-2014" || accShown(next, "1.1.A.start") != "8" {
			t.Errorf("carried into %v (%v)\n%s", next, err, out.String())
		}
		return
	}
	t.Errorf("no new report:\n%s", out.String())
}

// form2012 is the templates these tests were written for: the 2012 edition
// alone, so that a further built-in edition changes none of them (a second
// one makes "n" ask which edition).
func form2012() *model.Registry {
	t, _ := model.Builtin().Lookup("arsrapport-2012")
	reg, _ := model.NewRegistry(t)
	return reg
}

// A report of an older version opens under the newest in the line mode
// too, and the answers kept from the older one are read out whole.
func TestAccessibleSaysRetiredAnswers(t *testing.T) {
	st := accFixture(t)
	var files []model.TemplateFile
	for _, n := range []string{"arsrapport-2014.yaml", "arsrapport-2014-v2.yaml"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "templates", n))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, model.TemplateFile{Name: n, Data: data})
	}
	v1, _ := model.LoadRegistry(files[:1])
	reg, _ := model.LoadRegistry(files)
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "hamar-2014.json"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := model.Decode(data, v1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.PutReport(st, r, "", 0); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run(Options{Store: st, Registry: reg, In: strings.NewReader(accLines("1")), Out: &out}, nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{model.RetiredTitle, "2.C.1.bostotte.kommentar:\nTallet er rapportert til Husbanken i bostøtteregisteret.", "2.C.1.bostotte.antall:\nX"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// TestAccessibleLastYearsFigures: next year's report says last year's
// figure before the question the grid shows it beside, and the change
// once this year's is answered, for the rows and the sum.
func TestAccessibleLastYearsFigures(t *testing.T) {
	st := accFixture(t)
	prev := accGjovik(t, st)
	next := model.CarryOverFrom(prev, time.Now())
	if _, err := store.PutReport(st, next, "", 0); err != nil {
		t.Fatal(err)
	}
	// Both reports are in the list; the newest (2013) is first.
	out := accRun(t, st, accLines("1", "3", "", "50"))
	last := prev.Value("1.1.A.slutt").Num
	for _, want := range []string{
		"I fjor 31.12.2012: " + model.FormatCount(last) + ".\nA. Uten eid eller leid bolig – status behov pr. 31.12.2013: ",
		"Endring fra i fjor: " + model.FormatChange(50-last) + ".",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestAccessibleMerknader: empty narrative texts are read out as merknader
// before the question, which finalizing anyway answers.
func TestAccessibleMerknader(t *testing.T) {
	st := accFixture(t)
	r := accGjovik(t, st)
	if err := r.Set("1.2", model.Value{}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.PutReport(st, r, "", 1); err != nil {
		t.Fatal(err)
	}
	out := accRun(t, st, accLines("1", "12", "j", "4"))
	for _, want := range []string{"Ingen mangler.", "Merknader (1) – rapporten kan gjøres endelig likevel:",
		"1.2 Kvalitet på boliger, bomiljø og booppfølging: Teksten er tom.", "Rapporten har 1 merknad. Vil du gjøre den endelig likevel?",
		"Rapporten er endelig og lagret."} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
