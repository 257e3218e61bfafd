// Package accessible is boso's line mode (--accessible, ACCESSIBLE=1,
// TERM=dumb): one plain question per line, that a screen reader reads in
// order and that nothing redraws. It needs no Bubble Tea. It edits a report
// through the same draft as the full-screen UI (tui/draft), so it saves the
// same way: after every answer, a report changed or deleted in another
// window kept as a copy, an emergency copy when the draft file cannot be
// written.
package accessible

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"golang.org/x/term"

	"boso/model"
	"boso/store"
	"boso/tui/say"
)

// Options is what the line mode needs from the command line.
type Options struct {
	Store    *store.Store
	Registry *model.Registry
	In       io.Reader
	Out      io.Writer
	// Notice is said first (template files that were left out).
	Notice string
}

// Run asks its way through the reports until the user is done, the input
// ends, or a signal comes; then it says what became of the answers. A
// signal ends it with an *Interrupted error.
func Run(opts Options) error {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(signals)
	return run(opts, signals)
}

// session is one run of the line mode: where questions go, where answers
// come from, and the draft file.
type session struct {
	lines   <-chan string
	signals <-chan os.Signal
	out     io.Writer
	st      *store.Store
	reg     *model.Registry
	now     func() time.Time
	// put writes to the draft file: the store's Put, or in tests one that
	// fails as a full disk does.
	put func(rec store.Record, expected int64) (int64, error)
	// echo writes each answer after its question: a terminal shows what
	// is typed, a pipe or a file does not, and a transcript should.
	echo bool
	// lost is set when answers could not be saved anywhere.
	lost bool
}

func run(opts Options, signals <-chan os.Signal) error {
	in, out := opts.In, opts.Out
	if in == nil {
		in = os.Stdin
	}
	if out == nil {
		out = os.Stdout
	}
	reg := opts.Registry
	if reg == nil {
		reg = model.Builtin()
	}
	done := make(chan struct{})
	defer close(done)
	s := &session{lines: readLines(in, done), signals: signals, out: out, st: opts.Store, reg: reg, now: time.Now, put: opts.Store.Put,
		echo: !isTerminal(in)}
	if opts.Notice != "" {
		s.say(opts.Notice)
	}
	err := s.reportList()
	var stop *Interrupted
	switch {
	case errors.Is(err, errInputEnded):
		s.say("Slutt på svarene. boso avsluttes.")
		return nil
	case errors.As(err, &stop) && !s.lost:
		// A new line first: ctrl+c comes in the middle of a question.
		s.say("", "Avbrutt. Alle svarene dine er lagret.")
	case errors.As(err, &stop):
		s.say("", "Avbrutt.")
	}
	return err
}

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// say prints lines as they are; a screen reader reads each as it arrives.
func (s *session) say(lines ...string) {
	for _, l := range lines {
		_, _ = fmt.Fprintln(s.out, l)
	}
}

// reportList is the start: the reports in the file, and what to do.
func (s *session) reportList() error {
	s.say("boso – årsrapport for Boligsosialt utviklingsprogram. Svar på ett spørsmål om gangen.")
	for {
		sums, err := s.st.List()
		if err != nil {
			return err
		}
		var options []string
		heading := "Rapportene i filen:"
		if len(sums) == 0 {
			heading = "Det er ingen rapporter i filen ennå."
		}
		for _, sum := range sums {
			options = append(options, summaryLine(sum))
		}
		newAt := len(options)
		options = append(options, "Ny rapport")
		carryAt := -1
		if len(sums) > 0 {
			carryAt = len(options)
			options = append(options, "Nytt år fra en rapport")
		}
		quitAt := len(options)
		options = append(options, "Avslutt")

		i, err := s.choose(heading, options, "Hva vil du gjøre?", 0)
		if err != nil {
			return err
		}
		switch {
		case i < newAt:
			err = s.openStored(sums[i].ID)
		case i == newAt:
			err = s.newReport()
		case i == carryAt:
			err = s.carryOver(sums)
		case i == quitAt:
			s.say("Ha det bra.")
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// summaryLine is one line of the report list:
// "Gjøvik kommune 2012, kladd, 37 av 55 felt besvart".
func summaryLine(sum store.Summary) string {
	name := summaryName(sum)
	return fmt.Sprintf("%s, %s, %d av %d felt besvart", name, model.State(sum.State).Word(), sum.Answered, sum.Total)
}

func (s *session) openStored(id string) error {
	r, rec, err := store.GetReport(s.st, id, s.reg)
	if err != nil {
		s.say("Kunne ikke åpne rapporten: " + say.Line(err))
		return nil
	}
	w := s.newWalk(r, rec.Revision, rec.Position)
	s.say("Åpner " + reportName(r) + ".")
	s.sayRetired(r)
	if r.State == model.Final {
		return w.readOnly()
	}
	return w.run()
}

// summaryName names a report in the list: kommune and year.
func summaryName(sum store.Summary) string {
	name := sum.Kommune
	if name == "" {
		name = "Kommune ikke oppgitt"
	}
	if sum.Year > 0 {
		name += " " + strconv.Itoa(sum.Year)
	}
	return name
}

// sayRetired reads out the answers the report keeps from an older version
// of its template, whole, before the walk: they have no question of their
// own, and are kept as they are.
func (s *session) sayRetired(r *model.Report) {
	ids := r.RetiredIDs()
	if len(ids) == 0 {
		return
	}
	kept := r.Retired()
	s.say(model.RetiredTitle+". "+model.RetiredNote, "")
	for _, id := range ids {
		s.say(id+":", model.Format(model.TypeCount, kept[id]), "")
	}
}

// newReport asks for the kommune and the year first, as the full-screen
// dialog does, so every label is right from the first question, and asks
// before a second report for the same kommune and year is made.
func (s *session) newReport() error {
	tmpl, err := s.chooseTemplate("Hvilken mal skal rapporten bruke?", s.reg.Default())
	if err != nil || tmpl == nil {
		return err
	}
	now := s.now()
	kommune, err := s.required("Ny rapport. Kommune:", func(typed string) error {
		_, err := model.NewKommune(typed)
		return err
	})
	if err != nil {
		return err
	}
	year, err := s.required("Rapporteringsår:", func(typed string) error {
		_, err := model.NewYear(typed, now)
		return err
	})
	if err != nil {
		return err
	}
	r, err := model.NewNamedReport(tmpl, now, kommune, year)
	if err != nil {
		s.say(say.Error(err))
		return nil
	}
	sums, err := s.st.List()
	if err != nil {
		return err
	}
	y, _ := r.Year()
	if twin, found := store.Find(sums, r.Kommune(), int(y)); found {
		// A second report for the same kommune and year, whatever its
		// edition, is almost always a slip.
		more, err := s.confirm("Det finnes allerede en rapport "+summaryName(twin)+". Lage en til?", false)
		if err != nil || !more {
			if err == nil {
				s.say("Ingen ny rapport er laget.")
			}
			return err
		}
	}
	s.say("Ny rapport: " + reportName(r) + ", " + tmpl.Title + ".")
	w := s.newWalk(r, 0, "")
	// Saved at once, so the report is in the list even if the user stops
	// before the first answer: they asked for it.
	w.save()
	return w.run()
}

// required asks until an answer passes check. Enter alone is checked too:
// a new report has no answer to keep.
func (s *session) required(title string, check func(string) error) (string, error) {
	for {
		answer, err := s.ask(title, "", false, func(typed string) error {
			if err := check(typed); err != nil {
				return errors.New(say.Error(err))
			}
			return nil
		})
		if err != nil || answer != "" {
			return answer, err
		}
		s.say(say.Error(check("")))
	}
}

// chooseTemplate asks only when the program knows more than one edition;
// the answer offered is def.
func (s *session) chooseTemplate(question string, def *model.Template) (*model.Template, error) {
	ts := s.reg.Templates()
	switch len(ts) {
	case 0:
		s.say("Programmet har ingen rapportmaler.")
		return nil, nil
	case 1:
		return ts[0], nil
	}
	offered := 1
	var options []string
	for i, t := range ts {
		options = append(options, t.Title+" ("+t.ID+")")
		if t.ID == def.ID {
			offered = i + 1
		}
	}
	i, err := s.choose("Rapportmalene:", options, question, offered)
	if err != nil {
		return nil, err
	}
	return ts[i], nil
}

func (s *session) carryOver(sums []store.Summary) error {
	var options []string
	for _, sum := range sums {
		options = append(options, summaryLine(sum))
	}
	back := len(options)
	options = append(options, "Tilbake")
	i, err := s.choose("Et nytt år begynner med fjorårets generelle opplysninger, status pr. 31.12 som ny status pr. 01.01, og tekstene som er verdt å bygge videre på.",
		options, "Hvilken rapport skal det nye året bygge på?", 0)
	if err != nil || i == back {
		return err
	}
	prev, _, err := store.GetReport(s.st, sums[i].ID, s.reg)
	if err != nil {
		s.say("Kunne ikke åpne rapporten: " + say.Line(err))
		return nil
	}
	tmpl, err := s.chooseTemplate("Hvilken utgave av skjemaet skal det nye året følge?", prev.Template)
	if err != nil || tmpl == nil {
		return err
	}
	r := model.CarryOverInto(prev, tmpl, s.now())
	s.say("Ny rapport: " + reportName(r) + ", bygget på " + reportName(prev) + ".")
	w := s.newWalk(r, 0, "")
	w.save()
	return w.run()
}

// reportName names a report as the list does: kommune and year.
func reportName(r *model.Report) string {
	name := r.Kommune()
	if name == "" {
		name = "rapport uten kommune"
	}
	if y, ok := r.Year(); ok {
		name += " " + strconv.FormatInt(y, 10)
	}
	return name
}
