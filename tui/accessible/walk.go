package accessible

import (
	"errors"
	"fmt"
	"strings"

	"boso/model"
	"boso/store"
	"boso/tui/draft"
	"boso/tui/say"
)

// walk is one report being filled in, through its draft.
type walk struct {
	s *session
	d *draft.Draft
	r *model.Report
	// prev is last year's report, whose figures are said beside this
	// year's as the grid shows them; nil when there is none.
	prev *model.Report
	pos  string // "section/field", saved with the report so reopening starts there
	// failed means the user was told a save failed, so a later success is
	// told too.
	failed bool
}

func (s *session) newWalk(r *model.Report, revision int64, position string) *walk {
	// Not finding last year's report only leaves its figures unsaid.
	prev, _ := store.Previous(s.st, r, s.reg)
	d := draft.New(r, draft.Options{Previous: prev, Revision: revision, Put: s.put, DraftFile: s.st.Path(), Now: s.now})
	return &walk{s: s, d: d, r: r, prev: prev, pos: position}
}

// save writes what the draft file lacks, at once. A report changed or
// deleted in another window meanwhile becomes a copy, said in one
// sentence; a failure is one sentence too, and the user goes on: the
// answer stays in memory and the next answer tries again.
func (w *walk) save() bool {
	for {
		sv := w.d.Begin(w.pos)
		if sv == nil {
			break
		}
		switch w.d.Finish(sv.Run()) {
		case draft.Copied:
			w.s.say(w.d.Conflict().Sentence())
		case draft.Failed:
			w.failed = true
			w.s.say("Ikke lagret: " + say.Line(w.d.Err()))
			return false
		}
	}
	if w.failed {
		w.failed = false
		w.s.say("Lagret nå.")
	}
	return true
}

// run goes through the report's sections in order from one the user
// chooses, until the user goes back to the report list, the input ends or
// a signal comes; then what is not saved yet is saved, or put where there
// is room.
func (w *walk) run() error {
	w.s.say("Trykk enter uten å skrive noe for å beholde svaret som står. Skriv " + clearMark + " for å tømme et felt.")
	err := w.sections(w.startSection())
	if err != nil {
		w.finish()
	}
	return err
}

// finish saves what is left as the walk ends, and says where it went when
// the draft file would not take it.
func (w *walk) finish() {
	end := w.d.SaveAndWait(w.pos)
	if end.Conflict != nil {
		w.s.say(end.Conflict.Sentence())
	}
	switch {
	case end.Err == nil:
	case end.Path != "":
		w.s.say(fmt.Sprintf("Svarene kunne ikke lagres i kladdefilen (%s); de er skrevet til %s, som «boso import» leser inn.", say.Store(end.Err), end.Path))
	default:
		w.s.lost = true
		w.s.say(fmt.Sprintf("Svarene kunne ikke lagres i kladdefilen (%s), og heller ikke som nødkopi noe sted (%s).", say.Store(end.Err), say.Store(end.CopyErr)))
	}
}

func (w *walk) startSection() int {
	id, _, _ := strings.Cut(w.pos, "/")
	for i, s := range w.r.Template.Sections {
		if s.ID == id {
			return i
		}
	}
	return 0
}

func (w *walk) sections(start int) error {
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
			more, err := w.s.confirm("Gå videre til "+next+"?", true)
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
func (w *walk) chooseSection(def int) (int, error) {
	var options []string
	for _, s := range w.r.Template.Sections {
		title := w.r.Label(s.Title)
		if answered, total := w.r.SectionCompletion(s); total > 0 {
			title += fmt.Sprintf(" (%d av %d besvart)", answered, total)
		}
		options = append(options, title)
	}
	options = append(options, "Kontroll og endelig rapport", "Tilbake til rapportlisten")
	return w.s.choose("Delene i "+reportName(w.r)+":", options, "Hvor vil du begynne?", def+1)
}

// hasInputs reports whether a section asks anything.
func hasInputs(s *model.Section) bool {
	for _, f := range s.Fields {
		if !f.Computed() {
			return true
		}
	}
	return false
}

// section reads out one section and asks each of its input fields in turn.
func (w *walk) section(i int) error {
	secs := w.r.Template.Sections
	s := secs[i]
	// The check is the last part, as in the list of parts.
	w.s.say("", fmt.Sprintf("Del %d av %d: %s", i+1, len(secs)+1, w.r.Label(s.Title)))
	for _, text := range []string{s.Heading, s.Intro, s.Note} {
		if text = strings.TrimSpace(w.r.Label(text)); text != "" {
			w.s.say(text)
		}
	}
	if !hasInputs(s) {
		w.s.say("Denne delen har ingen felt å fylle ut.")
		return nil
	}
	for _, f := range s.Fields {
		if f.Computed() {
			continue
		}
		row, first, last := rowOf(s, f)
		if row != nil && first {
			// A row of one cell is named by its field's own label.
			if !last {
				w.s.say("Rad " + w.rowLabel(*row) + ".")
			}
			if row.Help != "" {
				w.s.say(w.r.Label(row.Help))
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
func (w *walk) field(s *model.Section, f *model.Field) error {
	current := model.Format(f.Type, w.r.Value(f.ID))
	// The help is said before the question it belongs to.
	if f.Help != "" {
		w.s.say(w.r.Label(f.Help))
	}
	if len(f.Prompts) > 0 {
		w.s.say("Stikkord: " + strings.Join(w.r.Prompts(f), "; ") + ".")
	}
	if hint := typeHint(f.Type); hint != "" {
		w.s.say(hint)
	}
	if current != "" {
		w.s.say("Nå: " + current)
	}
	if row, _, _ := rowOf(s, f); row != nil {
		if heading, last, id, ok := w.lastYear(s, *row); ok && id == f.ID && !last.IsEmpty() {
			w.s.say(heading + ": " + model.Format(f.Type, last) + ".")
		}
	}
	// An answer in the wrong form is refused with one sentence and asked
	// again; a rule between answers is told after the answer, since a
	// draft may be incomplete.
	for {
		answer, err := w.s.ask(w.r.Label(f.Label)+":", current, f.Type == model.TypeLongText, func(typed string) error {
			if cleared(typed) {
				return nil
			}
			if err := checkForm(f.Type, typed); err != nil {
				return errors.New(say.Error(err))
			}
			return nil
		})
		if err != nil {
			return err
		}
		if answer == current {
			break // enter: kept as it is
		}
		if cleared(answer) {
			answer = ""
		}
		if err := w.d.Input(f.ID, answer); err != nil {
			w.s.say(say.Error(err))
			continue
		}
		break
	}
	w.pos = s.ID + "/" + f.ID
	w.save()
	// A field left empty is a draft's right; saying "missing" after every
	// skipped question would double the walk. The check lists those.
	if w.r.Value(f.ID).IsEmpty() {
		return nil
	}
	if p := model.FieldProblem(w.r, f.ID); p != "" {
		w.s.say("Mangel: " + p)
	}
	return nil
}

// checkForm refuses an answer that is not of its field's form. The
// full-screen UI keeps such text and shows the problem beside the field;
// here the question is still open, so it is asked again.
func checkForm(t model.FieldType, typed string) error {
	var err error
	switch t {
	case model.TypeDate:
		_, err = model.ParseDate(typed)
	case model.TypePhone:
		_, err = model.ParsePhone(typed)
	case model.TypeEmail:
		err = model.CheckEmail(typed)
	case model.TypeCount:
		_, err = model.ParseCount(typed)
	case model.TypeYear:
		_, err = model.ParseYear(typed)
	}
	return err
}

func cleared(typed string) bool { return strings.TrimSpace(typed) == clearMark }

// typeHint says what to type for types whose format is not obvious.
func typeHint(t model.FieldType) string {
	switch t {
	case model.TypeCount:
		return "Skriv et helt tall, X hvis ikke tilgjengelig, eller la stå tomt."
	case model.TypeYear:
		return "Skriv årstallet med fire sifre."
	case model.TypeDate:
		return "Skriv datoen som dd.mm.åååå."
	case model.TypeLongText:
		return "Skriv teksten på én eller flere linjer, og trykk enter på en tom linje når du er ferdig."
	}
	return ""
}

// rowOf finds the table row a field is a cell of, and whether it is the
// row's first or last cell the user fills in.
func rowOf(s *model.Section, f *model.Field) (row *model.Row, first, last bool) {
	t := s.Table
	if t == nil {
		return nil, false, false
	}
	for i := range t.Rows {
		var inputs []string
		for _, c := range t.Columns {
			id := t.Cell(t.Rows[i], c)
			if !computedIn(s, id) {
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

// computedIn reports whether the field id of a section is computed.
func computedIn(s *model.Section, id string) bool {
	for _, f := range s.Fields {
		if f.ID == id {
			return f.Computed()
		}
	}
	return false
}

// rowLabel is the row's label, or the answer that names it (the priority area).
func (w *walk) rowLabel(row model.Row) string {
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
	notYet       = "ikke beregnet ennå, fordi et tall mangler"
	notAvailable = "X, ikke tilgjengelig fordi et tall er merket X"
)

// results says the row's computed cells and the sum row, as the grid shows
// them beside the numbers: "Resultat A: -1", "Sum A–C: 34 → 49, resultat -15".
func (w *walk) results(s *model.Section, row model.Row) {
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
		if computedIn(s, t.Cell(row, c)) {
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
		shown := notYet
		switch v := computed[t.Cell(row, c)]; v.Kind {
		case model.Number:
			shown = model.FormatCount(v.Num)
		case model.NotAvailable:
			shown = notAvailable
		}
		w.s.say(name + ": " + shown)
	}
	w.change(s, row, computed)
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
		line = w.r.Label(sum.Label) + ": " + notYet + "."
	case anyX:
		line += " (" + notAvailable + ")"
	}
	w.s.say(line)
	if heading, last, _, ok := w.lastYear(s, sum); ok && !last.IsEmpty() {
		w.s.say(w.r.Label(sum.Label) + ", " + strings.ToLower(heading[:1]) + heading[1:] + ": " + model.Format(model.TypeCount, last) + ".")
	}
	w.change(s, sum, computed)
}

// lastYear is last year's figure of a row in the column the grid sets it
// beside (model.CompareColumn), with that column's heading and this
// year's cell id; ok is false when there is none to say.
func (w *walk) lastYear(s *model.Section, row model.Row) (heading string, last model.Value, id string, ok bool) {
	if w.prev == nil || s.Table == nil || !model.SameRow(w.r, w.prev, row) {
		return "", model.Value{}, "", false
	}
	col := w.r.Template.CompareColumn(s.Table)
	if col < 0 {
		return "", model.Value{}, "", false
	}
	id = s.Table.Cell(row, s.Table.Columns[col])
	f := w.prev.Template.Field(id)
	if f == nil {
		return "", model.Value{}, "", false
	}
	last = w.prev.Value(id)
	if f.Computed() {
		last = model.Compute(w.prev)[id]
	}
	return model.LastYearHeadingOf(w.prev, s.Table.Columns[col]), last, id, true
}

// change says how a row's figure moved since last year, as the grid's
// column beside last year's does, when both years have a number.
func (w *walk) change(s *model.Section, row model.Row, computed map[string]model.Value) {
	_, last, id, ok := w.lastYear(s, row)
	if !ok || last.Kind != model.Number {
		return
	}
	now, found := computed[id]
	if !found {
		now = w.r.Value(id)
	}
	if now.Kind == model.Number {
		w.s.say("Endring fra i fjor: " + model.FormatChange(now.Num-last.Num) + ".")
	}
}

// check lists what keeps the report from being final and, when nothing
// does, offers to finalize it. It returns whether the report became final,
// and the section of the first problem (for the section list to start at).
func (w *walk) check() (final bool, firstProblem int, err error) {
	n := len(w.r.Template.Sections) + 1
	w.s.say("", fmt.Sprintf("Del %d av %d: Kontroll og endelig rapport for %s.", n, n, reportName(w.r)))
	problems := model.Validate(w.r)
	if len(problems) > 0 {
		w.s.say(fmt.Sprintf("Mangler (%d):", len(problems)))
		for _, p := range problems {
			w.s.say(p.String())
		}
		w.s.say("Rapporten kan gjøres endelig når manglene er rettet. Den er lagret som kladd.")
		return false, problems[0].Section.Index(), nil
	}
	w.s.say("Ingen mangler.")
	question := "Vil du gjøre rapporten endelig? Da kan den ikke endres uten å åpnes igjen som kladd."
	if notes := model.Notes(w.r); len(notes) > 0 {
		w.s.say(model.NotesHeading(len(notes)))
		for _, p := range notes {
			w.s.say(p.Label + ": " + p.Message)
		}
		question = fmt.Sprintf("Rapporten har %s. Vil du gjøre den endelig likevel? Da kan den ikke endres uten å åpnes igjen som kladd.", model.NoteCount(len(notes)))
	}
	yes, err := w.s.confirm(question, false)
	if err != nil || !yes {
		// The list then offers "back to the report list" first.
		return false, len(w.r.Template.Sections) + 1, err
	}
	if ps, err := model.Finalize(w.r, w.s.now()); err != nil {
		// Validate just passed, so this is not expected; say it anyway.
		w.s.say(say.Error(err))
		for _, p := range ps {
			w.s.say(p.String())
		}
		return false, 0, nil
	}
	w.pos = "kontroll"
	w.d.Changed()
	if !w.save() {
		// Unsaved, the file still holds a draft; so must the screen.
		model.Reopen(w.r, w.s.now())
		w.d.Changed()
		w.s.say("Rapporten er fortsatt en kladd.")
		return false, 0, nil
	}
	w.s.say("Rapporten er endelig og lagret.")
	return true, 0, nil
}

// readOnly reads out a final report and offers to reopen it as a draft.
func (w *walk) readOnly() error {
	r := w.r
	when := ""
	if r.FinalizedAt != nil {
		when = " " + r.FinalizedAt.Local().Format("02.01.2006")
	}
	w.s.say("Rapporten ble gjort endelig"+when+" og kan bare leses.", "")
	computed := model.Compute(r)
	for _, s := range r.Template.Sections {
		if len(s.Fields) == 0 {
			continue
		}
		w.s.say(r.Label(s.Title))
		for _, f := range s.Fields {
			v, ok := computed[f.ID]
			if !ok {
				v = r.Value(f.ID)
			}
			shown := model.Format(f.Type, v)
			if v.IsEmpty() {
				shown = "ikke besvart"
			}
			w.s.say(r.Label(f.Label) + ": " + shown)
		}
		w.s.say("")
	}
	reopen, err := w.s.confirm("Vil du åpne rapporten igjen som kladd, så den kan endres?", false)
	if err != nil || !reopen {
		return err
	}
	model.Reopen(r, w.s.now())
	w.d.Changed()
	if w.save() {
		w.s.say("Rapporten er en kladd igjen.")
	}
	return w.run()
}
