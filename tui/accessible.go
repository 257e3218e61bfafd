package tui

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/huh"

	"boso/model"
	"boso/store"
	"boso/tui/say"
)

// The accessible mode asks one plain question per line, through huh's
// accessible prompts, so that a screen reader reads everything in order and
// nothing is redrawn. huh's accessible prompts have quirks this file works
// around (see accLineReader and accUI.ask):
//
//   - each prompt wraps the reader in a new bufio.Scanner, which reads ahead
//     and throws away the lines meant for the next prompt unless the reader
//     hands out one line at a time (pipes and files do not; only a terminal
//     does), and ends at a line over 64 KB as if the input had ended;
//   - end of input is not reported: the prompt returns its prefilled value
//     (or the last invalid answer) as if the user had typed it;
//   - a field's description is never printed, only its title;
//   - Select and Confirm speak English ("Enter a number between…", "[y/N]",
//     "invalid input. please try again") and Confirm refuses "j" for ja, so
//     menus and yes/no questions here are Inputs with Norwegian checks.

// errAccInputEnded means the user's input ended (ctrl+d, or the end of a
// piped file): the walk stops, and what was answered is already saved.
var errAccInputEnded = errors.New("input ended")

// accClear is what the user types to empty a field. Pressing enter alone
// keeps the current answer, since every prompt is prefilled with it.
const accClear = "-"

// accTheme has no colours and no decoration: a screen reader needs neither,
// and a prompt must read as its words alone.
var accTheme = &huh.Theme{}

// runAccessible runs the whole UI as plain prompts; it returns when the user is done.
func runAccessible(opts Options) error {
	ui := newAccUI(opts)
	if opts.Notice != "" {
		ui.say(opts.Notice)
	}
	err := ui.reportList()
	if errors.Is(err, errAccInputEnded) {
		ui.say("Slutt på svarene. boso avsluttes.")
		return nil
	}
	return err
}

// accUI is one accessible session: where questions go and answers come from,
// and the draft file.
type accUI struct {
	in  *accLineReader
	out io.Writer
	st  *store.Store
	reg *model.Registry
	now func() time.Time
}

func newAccUI(opts Options) *accUI {
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
	return &accUI{in: newAccLineReader(in), out: out, st: opts.Store, reg: reg, now: time.Now}
}

// say prints lines as they are; a screen reader reads each as it arrives.
func (ui *accUI) say(lines ...string) {
	for _, l := range lines {
		_, _ = fmt.Fprintln(ui.out, l)
	}
}

// accKind chooses the huh field a question is asked with.
type accKind int

const (
	accLine accKind = iota // huh.Input
	accLong                // huh.Text; in accessible mode it too reads one line
)

// ask asks one question with huh's accessible prompt, prefilled with current
// (enter keeps it). validate runs on what was typed, and huh asks again with
// its sentence until it passes. It returns errAccInputEnded when the input
// ended before an answer.
func (ui *accUI) ask(kind accKind, title, current string, validate func(string) error) (string, error) {
	value := current
	var field huh.Field
	switch kind {
	case accLong:
		field = huh.NewText().Title(title).Value(&value).Validate(validate)
	default:
		field = huh.NewInput().Title(title).Value(&value).Validate(validate)
	}
	form := huh.NewForm(huh.NewGroup(field)).
		WithTheme(accTheme).
		WithAccessible(true).
		WithInput(ui.in).
		WithOutput(ui.out)
	lines := ui.in.lines
	if err := form.Run(); err != nil {
		return "", err
	}
	if ui.in.dropLongLine() {
		ui.say("Svaret var for langt til å leses inn og er ikke tatt med.")
		return current, nil
	}
	// At the end of input huh hands back the prefilled value, or the last
	// answer it refused, as if it had been typed: only a line that was read
	// and passes the check is an answer.
	if ui.in.eof && (ui.in.lines == lines || validate(value) != nil) {
		return "", errAccInputEnded
	}
	return value, nil
}

// choose prints a numbered list and asks for a number; def (from 1, or 0 for
// none) is what enter picks. It returns the chosen index from 0.
func (ui *accUI) choose(heading string, options []string, question string, def int) (int, error) {
	if heading != "" {
		ui.say(heading)
	}
	for i, o := range options {
		ui.say(fmt.Sprintf("%d. %s", i+1, o))
	}
	n := len(options)
	title := fmt.Sprintf("%s Skriv et nummer fra 1 til %d:", question, n)
	current := ""
	if def > 0 {
		title = fmt.Sprintf("%s Skriv et nummer fra 1 til %d, eller trykk enter for %d:", question, n, def)
		current = strconv.Itoa(def)
	}
	refusal := fmt.Errorf("Skriv et nummer fra 1 til %d.", n)
	valid := func(s string) error {
		s = strings.TrimSpace(s)
		if s == "" && def > 0 {
			return nil
		}
		if i, err := strconv.Atoi(s); err != nil || i < 1 || i > n {
			return refusal
		}
		return nil
	}
	for {
		answer, err := ui.ask(accLine, title, current, valid)
		if err != nil {
			return 0, err
		}
		// Without a default, a dropped over-long line leaves no answer.
		if i, err := strconv.Atoi(strings.TrimSpace(answer)); err == nil && i >= 1 && i <= n {
			return i - 1, nil
		}
	}
}

// confirm asks a yes/no question in Norwegian; enter gives def.
func (ui *accUI) confirm(question string, def bool) (bool, error) {
	hint, current := "(j/n, enter for nei)", "n"
	if def {
		hint, current = "(j/n, enter for ja)", "j"
	}
	answer, err := ui.ask(accLine, question+" "+hint, current, func(s string) error {
		if _, ok := accYesNo(s); !ok {
			return errors.New("Svar j for ja eller n for nei.")
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	yes, _ := accYesNo(answer)
	return yes, nil
}

func accYesNo(s string) (yes, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "j", "ja", "y", "yes":
		// Empty is valid only so that enter can take the default: the
		// prompt is prefilled, and huh returns the prefill for it.
		return true, true
	case "n", "nei", "no":
		return false, true
	}
	return false, false
}

// reportList is the start: the reports in the file, and what to do.
func (ui *accUI) reportList() error {
	ui.say("boso – årsrapport for Boligsosialt utviklingsprogram. Svar på ett spørsmål om gangen.")
	for {
		sums, err := ui.st.List()
		if err != nil {
			return err
		}
		var options []string
		heading := "Rapportene i filen:"
		if len(sums) == 0 {
			heading = "Det er ingen rapporter i filen ennå."
		}
		for _, s := range sums {
			options = append(options, accSummary(s))
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

		i, err := ui.choose(heading, options, "Hva vil du gjøre?", 0)
		if err != nil {
			return err
		}
		switch {
		case i < newAt:
			err = ui.openStored(sums[i].ID)
		case i == newAt:
			err = ui.newReport()
		case i == carryAt:
			err = ui.carryOver(sums)
		case i == quitAt:
			ui.say("Ha det bra.")
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// accSummary is one line of the report list:
// "Gjøvik kommune 2012, kladd, 37 av 55 felt besvart".
func accSummary(s store.Summary) string {
	name := s.Kommune
	if name == "" {
		name = "Kommune ikke oppgitt"
	}
	if s.Year > 0 {
		name += " " + strconv.Itoa(s.Year)
	}
	state := "kladd"
	if s.State == string(model.Final) {
		state = "endelig"
	}
	return fmt.Sprintf("%s, %s, %d av %d felt besvart", name, state, s.Answered, s.Total)
}

func (ui *accUI) openStored(id string) error {
	r, rec, err := store.GetReport(ui.st, id, ui.reg)
	if err != nil {
		ui.say("Kunne ikke åpne rapporten: " + say.Line(err))
		return nil
	}
	w := &accWalk{ui: ui, r: r, rev: rec.Revision, pos: rec.Position}
	ui.say("Åpner " + accReportName(r) + ".")
	if r.State == model.Final {
		return w.readOnly()
	}
	return w.walk()
}

func (ui *accUI) newReport() error {
	tmpl, err := ui.chooseTemplate()
	if err != nil || tmpl == nil {
		return err
	}
	r := model.NewReport(tmpl, ui.now())
	ui.say("Ny rapport: " + tmpl.Title + ".")
	w := &accWalk{ui: ui, r: r, dirty: true}
	// Saved at once, so the report is in the list even if the user stops
	// before the first answer: they asked for it.
	w.save()
	return w.walk()
}

// chooseTemplate asks only when the program knows more than one edition.
func (ui *accUI) chooseTemplate() (*model.Template, error) {
	ts := ui.reg.Templates()
	switch len(ts) {
	case 0:
		ui.say("Programmet har ingen rapportmaler.")
		return nil, nil
	case 1:
		return ts[0], nil
	}
	def := 1
	var options []string
	for i, t := range ts {
		options = append(options, t.Title+" ("+t.ID+")")
		if t == ui.reg.Default() {
			def = i + 1
		}
	}
	i, err := ui.choose("Rapportmalene:", options, "Hvilken mal skal rapporten bruke?", def)
	if err != nil {
		return nil, err
	}
	return ts[i], nil
}

func (ui *accUI) carryOver(sums []store.Summary) error {
	var options []string
	for _, s := range sums {
		options = append(options, accSummary(s))
	}
	back := len(options)
	options = append(options, "Tilbake")
	i, err := ui.choose("Et nytt år begynner med fjorårets generelle opplysninger, status pr. 31.12 som ny status pr. 01.01, og tekstene som er verdt å bygge videre på.",
		options, "Hvilken rapport skal det nye året bygge på?", 0)
	if err != nil || i == back {
		return err
	}
	prev, _, err := store.GetReport(ui.st, sums[i].ID, ui.reg)
	if err != nil {
		ui.say("Kunne ikke åpne rapporten: " + say.Line(err))
		return nil
	}
	r := model.CarryOverFrom(prev, ui.now())
	ui.say("Ny rapport: " + accReportName(r) + ", bygget på " + accReportName(prev) + ".")
	w := &accWalk{ui: ui, r: r, dirty: true}
	w.save()
	return w.walk()
}

// accReportName names a report as the list does: kommune and year.
func accReportName(r *model.Report) string {
	name := r.Kommune()
	if name == "" {
		name = "rapport uten kommune"
	}
	if y, ok := r.Year(); ok {
		name += " " + strconv.FormatInt(y, 10)
	}
	return name
}

// accWalk is one report being filled in, and what is known about its copy
// on disk.
type accWalk struct {
	ui  *accUI
	r   *model.Report
	rev int64  // the revision last read or written; 0 until a new report is first saved
	pos string // "section/field", saved with the report so reopening starts there
	// dirty means the report in memory has changes the file lacks; while
	// saving fails it stays set, and the next answer tries again.
	dirty bool
	// failed means the user was told a save failed, so a later success is
	// told too.
	failed bool
}

// save writes the report if it has unsaved changes. A failure is one
// sentence, and the user goes on: the answer stays in memory.
func (w *accWalk) save() bool {
	if !w.dirty {
		return true
	}
	rev, err := store.PutReport(w.ui.st, w.r, w.pos, w.rev)
	if err != nil {
		w.failed = true
		w.ui.say("Ikke lagret: " + say.Line(err))
		return false
	}
	w.rev, w.dirty = rev, false
	if w.failed {
		w.failed = false
		w.ui.say("Lagret nå.")
	}
	return true
}

// walk goes through the report's sections in order from one the user
// chooses, until the user goes back to the report list or the input ends.
func (w *accWalk) walk() error {
	w.ui.say("Trykk enter uten å skrive noe for å beholde svaret som står. Skriv " + accClear + " for å tømme et felt.")
	err := w.sections(w.startSection())
	if errors.Is(err, errAccInputEnded) {
		// A save that failed earlier gets one last try.
		w.save()
	}
	return err
}

func (w *accWalk) startSection() int {
	id, _, _ := strings.Cut(w.pos, "/")
	for i, s := range w.r.Template.Sections {
		if s.ID == id {
			return i
		}
	}
	return 0
}

func (w *accWalk) sections(start int) error {
	secs := w.r.Template.Sections
	for {
		i, err := w.chooseSection(start)
		if err != nil {
			return err
		}
		if i == len(secs)+1 {
			return nil // back to the report list
		}
		for i < len(secs) {
			if err := w.section(i); err != nil {
				return err
			}
			if i+1 == len(secs) {
				i++
				break
			}
			next := w.r.Label(secs[i+1].Title)
			more, err := w.ui.confirm("Gå videre til "+next+"?", true)
			if err != nil {
				return err
			}
			if !more {
				break
			}
			i++
		}
		if i < len(secs) {
			start = i + 1
			continue
		}
		final, first, err := w.check()
		if err != nil || final {
			return err
		}
		start = first
	}
}

// chooseSection lists the sections with how much of each is answered;
// the two entries after them are the final check and going back.
func (w *accWalk) chooseSection(def int) (int, error) {
	var options []string
	for _, s := range w.r.Template.Sections {
		title := w.r.Label(s.Title)
		if answered, total := w.r.SectionCompletion(s); total > 0 {
			title += fmt.Sprintf(" (%d av %d besvart)", answered, total)
		}
		options = append(options, title)
	}
	options = append(options, "Kontroll og endelig rapport", "Tilbake til rapportlisten")
	return w.ui.choose("Delene i "+accReportName(w.r)+":", options, "Hvor vil du begynne?", def+1)
}

// accHasInputs reports whether a section asks anything.
func accHasInputs(s *model.Section) bool {
	for _, f := range s.Fields {
		if !f.Computed() {
			return true
		}
	}
	return false
}

// section reads out one section and asks each of its input fields in turn.
func (w *accWalk) section(i int) error {
	secs := w.r.Template.Sections
	s := secs[i]
	w.ui.say("", fmt.Sprintf("Del %d av %d: %s", i+1, len(secs), w.r.Label(s.Title)))
	for _, text := range []string{s.Heading, s.Intro, s.Note} {
		if text = strings.TrimSpace(w.r.Label(text)); text != "" {
			w.ui.say(text)
		}
	}
	if !accHasInputs(s) {
		w.ui.say("Denne delen har ingen felt å fylle ut.")
		return nil
	}
	for _, f := range s.Fields {
		if f.Computed() {
			continue
		}
		row, first, last := accRowOf(s, f)
		if row != nil && first {
			// A row of one cell is named by its field's own label.
			if !last {
				w.ui.say("Rad " + w.rowLabel(*row) + ".")
			}
			if row.Help != "" {
				w.ui.say(w.r.Label(row.Help))
			}
		}
		if err := w.field(s, f); err != nil {
			return err
		}
		if row != nil && last {
			w.results(s, *row)
		}
	}
	return nil
}

// field asks for one answer and saves it at once.
func (w *accWalk) field(s *model.Section, f *model.Field) error {
	current := model.Format(f.Type, w.r.Value(f.ID))
	// huh prints only a field's title in accessible mode, so the help is
	// said here, before the question it belongs to.
	if f.Help != "" {
		w.ui.say(w.r.Label(f.Help))
	}
	if len(f.Prompts) > 0 {
		w.ui.say("Stikkord: " + strings.Join(w.r.Prompts(f), "; ") + ".")
	}
	if hint := accTypeHint(f.Type); hint != "" {
		w.ui.say(hint)
	}
	if current != "" {
		w.ui.say("Nå: " + current)
	}
	kind := accLine
	if f.Type == model.TypeLongText {
		kind = accLong
	}
	// Counts and years that do not parse are asked again (r.Input refuses
	// them anyway); other text is kept as typed, and its problems are told
	// after the answer, since a draft may be incomplete.
	answer, err := w.ui.ask(kind, w.r.Label(f.Label)+":", current, func(typed string) error {
		if accCleared(typed) {
			return nil
		}
		if _, err := model.ParseInput(f.Type, typed); err != nil {
			return errors.New(say.Error(err))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if accCleared(answer) {
		answer = ""
	}
	// Enter hands back the prefill, the value as shown ("1 455", 18.02.2013),
	// which parses back to the same value: nothing changes, nothing is saved.
	before := w.r.Value(f.ID)
	if err := w.r.Input(f.ID, answer); err != nil {
		w.ui.say(say.Error(err))
		return nil
	}
	if w.r.Value(f.ID) != before {
		w.r.UpdatedAt = w.ui.now()
		w.dirty = true
	}
	w.pos = s.ID + "/" + f.ID
	w.save()
	// A field left empty is a draft's right; saying "missing" after every
	// skipped question would double the walk. The check lists those.
	if w.r.Value(f.ID).IsEmpty() {
		return nil
	}
	if p := model.FieldProblem(w.r, f.ID); p != "" {
		w.ui.say("Mangel: " + p)
	}
	return nil
}

func accCleared(typed string) bool { return strings.TrimSpace(typed) == accClear }

// accTypeHint says what to type for types whose format is not obvious.
func accTypeHint(t model.FieldType) string {
	switch t {
	case model.TypeCount:
		return "Skriv et helt tall, X hvis ikke tilgjengelig, eller la stå tomt."
	case model.TypeYear:
		return "Skriv årstallet med fire sifre."
	case model.TypeDate:
		return "Skriv datoen som dd.mm.åååå."
	case model.TypeLongText:
		return "Skriv teksten på én linje."
	}
	return ""
}

// accRowOf finds the table row a field is a cell of, and whether it is the
// row's first or last cell the user fills in.
func accRowOf(s *model.Section, f *model.Field) (row *model.Row, first, last bool) {
	t := s.Table
	if t == nil {
		return nil, false, false
	}
	for i := range t.Rows {
		var inputs []string
		for _, c := range t.Columns {
			id := t.Cell(t.Rows[i], c)
			if !accComputedIn(s, id) {
				inputs = append(inputs, id)
			}
		}
		for j, id := range inputs {
			if id == f.ID {
				return &t.Rows[i], j == 0, j == len(inputs)-1
			}
		}
	}
	return nil, false, false
}

// accComputedIn reports whether the field id of a section is computed.
func accComputedIn(s *model.Section, id string) bool {
	for _, f := range s.Fields {
		if f.ID == id {
			return f.Computed()
		}
	}
	return false
}

// rowLabel is the row's label, or the answer that names it (the priority area).
func (w *accWalk) rowLabel(row model.Row) string {
	if row.LabelField != "" {
		if v := w.r.Value(row.LabelField); v.Kind == model.Text {
			return v.Text
		}
	}
	return w.r.Label(row.Label)
}

// How the line mode says a result that is not a number: the model tells a
// result that waits for an answer from one that is X for good.
const (
	accNotYet       = "ikke beregnet ennå, fordi et tall mangler"
	accNotAvailable = "X, ikke tilgjengelig fordi et tall er merket X"
)

// results says the row's computed cells and the sum row, as the grid shows
// them beside the numbers: "Resultat A: -1", "Sum A–C: 34 → 49, resultat -15".
func (w *accWalk) results(s *model.Section, row model.Row) {
	t := s.Table
	computed := model.Compute(w.r)
	// A row's id ends in its letter ("1.1.A"); a row that is the section's
	// only one has no letter and goes unnamed.
	short := strings.TrimPrefix(row.ID, s.ID+".")
	if short == row.ID {
		short = ""
	}
	var inputCols, resultCols []model.Column
	for _, c := range t.Columns {
		if accComputedIn(s, t.Cell(row, c)) {
			resultCols = append(resultCols, c)
		} else {
			inputCols = append(inputCols, c)
		}
	}
	for _, c := range resultCols {
		name := w.r.Label(c.Label)
		if short != "" {
			name += " " + short
		}
		shown := accNotYet
		switch v := computed[t.Cell(row, c)]; v.Kind {
		case model.Number:
			shown = model.FormatCount(v.Num)
		case model.NotAvailable:
			shown = accNotAvailable
		}
		w.ui.say(name + ": " + shown)
	}
	if t.Sum == nil {
		return
	}
	sum := *t.Sum
	waiting, anyX := 0, false
	figure := func(c model.Column) string {
		switch v := computed[t.Cell(sum, c)]; v.Kind {
		case model.Number:
			return model.FormatCount(v.Num)
		case model.NotAvailable:
			anyX = true
			return "X"
		}
		waiting++
		return "ikke beregnet ennå"
	}
	var parts []string
	for _, c := range inputCols {
		parts = append(parts, figure(c))
	}
	line := w.r.Label(sum.Label) + ": " + strings.Join(parts, " → ")
	for _, c := range resultCols {
		line += ", " + strings.ToLower(w.r.Label(c.Label)) + " " + figure(c)
	}
	switch {
	case waiting == len(t.Columns):
		line = w.r.Label(sum.Label) + ": " + accNotYet + "."
	case anyX:
		line += " (" + accNotAvailable + ")"
	}
	w.ui.say(line)
}

// check lists what keeps the report from being final and, when nothing
// does, offers to finalize it. It returns whether the report became final,
// and the section of the first problem (for the section list to start at).
func (w *accWalk) check() (final bool, firstProblem int, err error) {
	w.ui.say("", "Kontroll av "+accReportName(w.r)+".")
	problems := model.Validate(w.r)
	if len(problems) > 0 {
		w.ui.say(fmt.Sprintf("Mangler (%d):", len(problems)))
		for _, p := range problems {
			w.ui.say(p.String())
		}
		w.ui.say("Rapporten kan gjøres endelig når manglene er rettet. Den er lagret som kladd.")
		return false, problems[0].Section.Index(), nil
	}
	w.ui.say("Ingen mangler.")
	yes, err := w.ui.confirm("Vil du gjøre rapporten endelig? Da kan den ikke endres uten å åpnes igjen som kladd.", false)
	if err != nil || !yes {
		// The list then offers "back to the report list" first.
		return false, len(w.r.Template.Sections) + 1, err
	}
	if ps, err := model.Finalize(w.r, w.ui.now()); err != nil {
		// Validate just passed, so this is not expected; say it anyway.
		w.ui.say(say.Error(err))
		for _, p := range ps {
			w.ui.say(p.String())
		}
		return false, 0, nil
	}
	w.pos, w.dirty = "kontroll", true
	if !w.save() {
		// Unsaved, the file still holds a draft; so must the screen.
		model.Reopen(w.r, w.ui.now())
		w.ui.say("Rapporten er fortsatt en kladd.")
		return false, 0, nil
	}
	w.ui.say("Rapporten er endelig og lagret.")
	return true, 0, nil
}

// readOnly reads out a final report and offers to reopen it as a draft.
func (w *accWalk) readOnly() error {
	r := w.r
	when := ""
	if r.FinalizedAt != nil {
		when = " " + r.FinalizedAt.Local().Format("02.01.2006")
	}
	w.ui.say("Rapporten ble gjort endelig"+when+" og kan bare leses.", "")
	computed := model.Compute(r)
	for _, s := range r.Template.Sections {
		if len(s.Fields) == 0 {
			continue
		}
		w.ui.say(r.Label(s.Title))
		for _, f := range s.Fields {
			v, ok := computed[f.ID]
			if !ok {
				v = r.Value(f.ID)
			}
			shown := model.Format(f.Type, v)
			if v.IsEmpty() {
				shown = "ikke besvart"
			}
			w.ui.say(r.Label(f.Label) + ": " + shown)
		}
		w.ui.say("")
	}
	reopen, err := w.ui.confirm("Vil du åpne rapporten igjen som kladd, så den kan endres?", false)
	if err != nil || !reopen {
		return err
	}
	model.Reopen(r, w.ui.now())
	w.dirty = true
	if w.save() {
		w.ui.say("Rapporten er en kladd igjen.")
	}
	return w.walk()
}

// accLineReader hands huh one line per Read. huh's accessible prompts each
// build a new bufio.Scanner, which keeps whatever it read past its line; a
// terminal delivers a line per read anyway, but a pipe or a file does not,
// and the lines for later prompts would be lost. It also remembers that the
// input ended, which huh does not report.
type accLineReader struct {
	r       *bufio.Reader
	pending []byte
	// lines counts the lines handed out (a last line without a newline too).
	lines int
	// partial is set while a line longer than the reader's buffer is being
	// handed out in pieces.
	partial bool
	eof     bool
}

func newAccLineReader(r io.Reader) *accLineReader {
	return &accLineReader{r: bufio.NewReader(r)}
}

func (l *accLineReader) Read(p []byte) (int, error) {
	if len(l.pending) == 0 {
		if l.eof {
			return 0, io.EOF
		}
		line, err := l.r.ReadSlice('\n')
		l.pending = append(l.pending[:0], line...)
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			l.partial = true
		case err != nil:
			// Any read error ends the input: there is no one left to ask.
			l.eof = true
			fallthrough
		default:
			if len(line) > 0 || l.partial {
				l.lines++
			}
			l.partial = false
		}
		if len(l.pending) == 0 {
			return 0, io.EOF
		}
	}
	n := copy(p, l.pending)
	l.pending = l.pending[n:]
	return n, nil
}

// dropLongLine discards the rest of a line that huh's scanner gave up on
// (longer than its 64 KB limit), so that it is not read as the next answers.
// It reports whether there was one.
func (l *accLineReader) dropLongLine() bool {
	if len(l.pending) == 0 && !l.partial {
		return false
	}
	l.pending = l.pending[:0]
	for l.partial && !l.eof {
		_, err := l.r.ReadSlice('\n')
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
		case err != nil:
			l.eof, l.partial = true, false
		default:
			l.partial = false
		}
	}
	return true
}
