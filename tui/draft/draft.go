// Package draft is one report being edited, the same for the full-screen UI
// and the line mode: its answers, computed results and problems, and the one
// save policy — when a save is due, what a save's result means, a report
// changed or deleted in another window saved as a copy, and an emergency
// copy when the draft file cannot be written.
//
// It knows no terminal. A front end asks Begin for a save, runs it where it
// likes (a tea.Cmd, or at once in the line mode) and hands it back to Finish.
// A Save remembers the draft, the report and the revision it wrote, and only
// the save this draft is waiting for counts: a result can never be taken for
// another window's save, nor applied to another report.
package draft

import (
	"errors"
	"time"

	"boso/model"
	"boso/store"
)

// Pause is how long typing may pause before the draft is saved, and
// MaxDelay how long an edit may wait for its save however steadily the
// user types: a crash loses at most about that much, and a burst of keys
// is still one write.
const (
	Pause    = 400 * time.Millisecond
	MaxDelay = 500 * time.Millisecond
)

// RetryDelay is how soon a failed save is tried again.
const RetryDelay = 3 * time.Second

// exitWait bounds how long SaveAndWait waits for a save already under way:
// a disk that hangs must not keep a signalled program alive forever.
const exitWait = 10 * time.Second

// Put writes a record to the draft file: the store's Put, or in tests one
// that fails the way a full disk does.
type Put func(rec store.Record, expected int64) (int64, error)

// Options is what a draft needs besides its report.
type Options struct {
	// Previous is last year's report, to show beside this year's; nil
	// when there is none.
	Previous *model.Report
	// Revision is the stored revision the report was read at; 0 for a
	// report that is not in the draft file yet, which is saved at once.
	Revision int64
	Put      Put
	// DraftFile is the draft file's path: its folder is the first place
	// an emergency copy is written.
	DraftFile string
	// Now stamps the report's changes; Clock times the saves (nil: the
	// real clock). They differ in tests, whose stamps stay fixed.
	Now, Clock func() time.Time
}

// Draft is one report being edited.
type Draft struct {
	r         *model.Report
	previous  *model.Report
	now       func() time.Time
	clock     func() time.Time
	put       Put
	draftFile string

	computer *model.Computer
	computed map[string]model.Value
	// left holds the fields the user has left at least once: their problems
	// show from then on, never while the first digit is being typed.
	left     map[string]bool
	problems map[string]string
	checks   int

	// revision is what the draft file holds of this report, as this draft
	// last read or wrote it.
	revision int64
	// changes counts edits; stored is the count the draft file holds.
	changes, stored int
	// urgent asks for a save at once: a report not yet in the file.
	urgent bool
	// firstUnsaved is when the oldest edit no save has taken came;
	// lastEdit when the newest came.
	firstUnsaved, lastEdit time.Time
	saving                 *Save
	savedAt                time.Time
	err                    error
	failedAt               time.Time
	conflict               *Conflict
}

// New starts editing r.
func New(r *model.Report, o Options) *Draft {
	d := &Draft{r: r, previous: o.Previous, now: o.Now, clock: o.Clock, put: o.Put, draftFile: o.DraftFile,
		computer: model.NewComputer(), left: map[string]bool{}, revision: o.Revision, savedAt: r.UpdatedAt}
	if d.now == nil {
		d.now = time.Now
	}
	if d.clock == nil {
		d.clock = time.Now
	}
	if o.Revision == 0 {
		d.changes, d.urgent = 1, true
		d.firstUnsaved = d.clock()
		d.lastEdit = d.firstUnsaved
	}
	d.computed = d.computer.Compute(r)
	d.Refresh()
	return d
}

// Report is the report being edited. It stays the same value for the
// draft's life; only its id changes when it becomes a copy.
func (d *Draft) Report() *model.Report { return d.r }

// Previous is last year's report, or nil.
func (d *Draft) Previous() *model.Report { return d.previous }

// Input stores what the user typed in a field and recomputes the results.
func (d *Draft) Input(id, typed string) error {
	if err := d.r.Input(id, typed); err != nil {
		return err
	}
	d.Changed()
	return nil
}

// Set stores a value (not available, for one) and recomputes the results.
func (d *Draft) Set(id string, v model.Value) error {
	if err := d.r.Set(id, v); err != nil {
		return err
	}
	d.Changed()
	return nil
}

// Touch marks the report changed where the text is still held by an
// editor: it is written into the report when saved, not on every key.
func (d *Draft) Touch() {
	d.r.UpdatedAt = d.now()
	d.edited()
}

// Changed recomputes the results after the report changed (an answer,
// finalizing, reopening) and marks it unsaved.
func (d *Draft) Changed() {
	d.r.UpdatedAt = d.now()
	d.computed = d.computer.Compute(d.r)
	d.edited()
}

func (d *Draft) edited() {
	t := d.clock()
	d.lastEdit = t
	if d.firstUnsaved.IsZero() {
		d.firstUnsaved = t
	}
	d.changes++
}

// Changes counts the edits so far, so a screen knows when to redraw.
func (d *Draft) Changes() int { return d.changes }

// Computed is every computed result, as of the last edit.
func (d *Draft) Computed() map[string]model.Value { return d.computed }

// Value returns an answer or a computed result.
func (d *Draft) Value(id string) model.Value {
	if v, ok := d.computed[id]; ok {
		return v
	}
	return d.r.Value(id)
}

// Show formats an answer or result as the screens show it.
func (d *Draft) Show(id string) string {
	f := d.r.Template.Field(id)
	if f == nil {
		return ""
	}
	return model.Format(f.Type, d.Value(id))
}

// Leave records that the user left a field, so its problem may show.
func (d *Draft) Leave(id string) {
	if id == "" {
		return
	}
	d.left[id] = true
	d.Refresh()
}

// Refresh runs validation once (on leaving a field, not per key).
func (d *Draft) Refresh() {
	d.checks++
	d.problems = map[string]string{}
	for _, p := range model.Validate(d.r) {
		if _, seen := d.problems[p.FieldID]; !seen {
			d.problems[p.FieldID] = p.Message
		}
	}
}

// Checks counts validations, so a screen knows when to redraw problems.
func (d *Draft) Checks() int { return d.checks }

// Problem returns the problem to show beside a field, once it has been left.
func (d *Draft) Problem(id string) string {
	if !d.left[id] {
		return ""
	}
	return d.problems[id]
}

// ReadOnly reports whether the report is final and so cannot change.
func (d *Draft) ReadOnly() bool { return d.r.State == model.Final }

// Dirty reports whether the draft file lacks some edit.
func (d *Draft) Dirty() bool { return d.changes != d.stored }

// Saving reports whether a save is under way.
func (d *Draft) Saving() bool { return d.saving != nil }

// Settled reports whether everything typed is on disk.
func (d *Draft) Settled() bool { return !d.Dirty() && d.saving == nil }

// SavedAt is when the last save succeeded (or the report was last saved,
// before this draft saved anything).
func (d *Draft) SavedAt() time.Time { return d.savedAt }

// Err is why the last save failed; nil once one succeeds.
func (d *Draft) Err() error { return d.err }

// Conflict is the last time the report changed in another window and this
// draft became a copy; nil when it never did.
func (d *Draft) Conflict() *Conflict { return d.conflict }

// Due says how long until a save should start: 0 for now. ok is false when
// none is waiting to be started: nothing is unsaved, or a save is under
// way (its Finish tells what next). A save starts Pause after the last
// edit, but never later than MaxDelay after the first unsaved one; after
// a failure, not before RetryDelay has passed.
func (d *Draft) Due() (wait time.Duration, ok bool) {
	if !d.Dirty() || d.saving != nil {
		return 0, false
	}
	if d.urgent {
		return 0, true
	}
	at := d.lastEdit.Add(Pause)
	if limit := d.firstUnsaved.Add(MaxDelay); limit.Before(at) {
		at = limit
	}
	if d.err != nil {
		if retry := d.failedAt.Add(RetryDelay); retry.After(at) {
			at = retry
		}
	}
	return max(at.Sub(d.clock()), 0), true
}

// Save is one write of the draft to the draft file: the report encoded when
// it began, so the next keystroke cannot change what it writes.
type Save struct {
	// Run writes; the rest is read by Finish once done is closed.
	rec      store.Record
	expected int64
	changes  int
	// firstUnsaved is the draft's, given back if this save fails.
	firstUnsaved time.Time
	put          Put
	now          func() time.Time
	done         chan struct{}
	revision     int64
	at           time.Time
	err          error
}

// Begin encodes the report for a save, or returns nil when there is nothing
// to save or a save is under way (Finish then tells whether to save again).
// position says where the user is, so reopening starts there. A front end
// that holds text outside the report (an editor) writes it in first.
func (d *Draft) Begin(position string) *Save {
	if !d.Dirty() || d.saving != nil {
		return nil
	}
	rec, err := store.RecordOf(d.r, position)
	if err != nil {
		d.err, d.failedAt = err, d.clock()
		return nil
	}
	if d.conflict != nil {
		rec.CopyOf = d.conflict.Original
	}
	s := &Save{rec: rec, expected: d.revision, changes: d.changes, firstUnsaved: d.firstUnsaved,
		put: d.put, now: d.now, done: make(chan struct{})}
	d.saving, d.urgent, d.firstUnsaved = s, false, time.Time{}
	return s
}

// Run writes the save to the draft file; it touches nothing of the draft,
// so it may run on any goroutine. It returns s, for Finish.
func (s *Save) Run() *Save {
	s.revision, s.err = s.put(s.rec, s.expected)
	s.at = s.now()
	close(s.done)
	return s
}

// Event is what a finished save means for the draft.
type Event int

const (
	// Stale: not the save this draft waits for (another report's, one
	// already taken by SaveAndWait): nothing changed.
	Stale Event = iota
	// Saved: the draft file holds the edits the save took.
	Saved
	// Failed: nothing was written; Err says why, the edits stay, and Due
	// tells when to try again.
	Failed
	// Copied: the report was changed or deleted in another window, so this
	// draft became a copy under a new id (see Conflict), due for a save at
	// once. Writing over the other window's save would lose its work.
	Copied
)

// Finish takes the result of a save that ran. It waits for s to finish if
// it has not (the exit path may get there first).
func (d *Draft) Finish(s *Save) Event {
	if s == nil || d.saving != s {
		return Stale
	}
	<-s.done
	d.saving = nil
	if s.err == nil {
		d.revision, d.stored, d.savedAt, d.err = s.revision, s.changes, s.at, nil
		return Saved
	}
	if !s.firstUnsaved.IsZero() && (d.firstUnsaved.IsZero() || s.firstUnsaved.Before(d.firstUnsaved)) {
		d.firstUnsaved = s.firstUnsaved
	}
	if errors.Is(s.err, store.ErrConflict) {
		d.conflict = &Conflict{Original: d.r.ID, Deleted: errors.Is(s.err, store.ErrNotFound)}
		d.r.ID = model.NewID()
		d.conflict.Copy = d.r.ID
		d.revision, d.err, d.urgent = 0, nil, true
		return Copied
	}
	d.err, d.failedAt = s.err, d.clock()
	return Failed
}

// Conflict tells that the report was changed (or deleted) in another
// window while this one had edits the draft file lacked.
type Conflict struct {
	// Original is the report the other window saved (or deleted); Copy is
	// the id this draft's text is saved under instead.
	Original, Copy string
	Deleted        bool
}

// Sentence says what happened, in one sentence.
func (c Conflict) Sentence() string {
	what := "Endret"
	if c.Deleted {
		what = "Slettet"
	}
	return what + " i et annet vindu; teksten din er kopi " + model.ShortID(c.Copy) + "."
}

// Ending is how SaveAndWait left the report: on disk, or in an emergency
// copy, or nowhere.
type Ending struct {
	// Err is why the draft file could not take the text; nil when it did.
	Err error
	// Path is the emergency copy written instead, "" when none was needed
	// or none could be written.
	Path string
	// CopyErr is why no emergency copy could be written anywhere.
	CopyErr error
	// Conflict is set when the report changed elsewhere on the way, and
	// the text went to a copy.
	Conflict *Conflict
}

// SaveAndWait saves synchronously, for the moment the program is ending: it
// waits for a save under way (never guessing what the file holds), saves
// the rest, as a copy if the report changed elsewhere, and when the draft
// file cannot take it, writes an emergency copy where there is room.
func (d *Draft) SaveAndWait(position string) Ending {
	before := d.conflict
	if s := d.saving; s != nil {
		select {
		case <-s.done:
			d.Finish(s)
		case <-time.After(exitWait):
			e := Ending{Err: errors.New("draft: the save under way did not finish")}
			e.Path, e.CopyErr = d.EmergencyCopy()
			return e
		}
	}
	// A report changed elsewhere becomes a copy, which takes one more save.
	for range 2 {
		s := d.Begin(position)
		if s == nil || d.Finish(s.Run()) != Copied {
			break
		}
	}
	var e Ending
	if d.conflict != before {
		e.Conflict = d.conflict
	}
	if !d.Dirty() {
		return e
	}
	e.Err = d.err
	if e.Err == nil {
		e.Err = errors.New("draft: not saved")
	}
	e.Path, e.CopyErr = d.EmergencyCopy()
	return e
}
