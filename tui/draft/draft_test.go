package draft

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"boso/model"
	"boso/store"
)

// world is one draft file, a draft on it that a test steps through by
// hand, and another window on the same file.
type world struct {
	t     *testing.T
	st    *store.Store
	id    string // the report as first saved
	d     *Draft
	clock time.Time
	full  bool // the disk is full: every write fails
	saves []*Save
	// events are what Finish returned, in order.
	events []string
	typed  string
	ending Ending
}

const field = "1.2"

func newWorld(t *testing.T) *world {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "boso.db"))
	if err != nil {
		t.Fatal(err)
	}
	tmpl := model.Builtin().Default()
	stamp := time.Date(2013, 2, 10, 14, 3, 0, 0, time.UTC)
	r := model.NewReport(tmpl, stamp)
	rev, err := store.PutReport(st, r, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	w := &world{t: t, st: st, id: r.ID, clock: stamp}
	// Emergency copies go to the test's folders, never the user's.
	t.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state"))
	t.Setenv("HOME", filepath.Join(dir, "home"))
	t.Setenv("TMPDIR", filepath.Join(dir, "tmp"))
	w.d = New(r, Options{Revision: rev, DraftFile: st.Path(), Put: w.put,
		Now: func() time.Time { return stamp }, Clock: func() time.Time { return w.clock }})
	return w
}

func (w *world) put(rec store.Record, expected int64) (int64, error) {
	if w.full {
		return 0, fmt.Errorf("store: put: write boso.db: %w", syscall.ENOSPC)
	}
	return w.st.Put(rec, expected)
}

// stored is field as the draft file holds it in report id; "(none)" when
// the report is not there.
func (w *world) stored(id string) string {
	w.t.Helper()
	r, _, err := store.GetReport(w.st, id, model.Builtin())
	if errors.Is(err, store.ErrNotFound) {
		return "(none)"
	}
	if err != nil {
		w.t.Fatal(err)
	}
	return r.Value(field).Text
}

// other is another window that saves (or deletes) the report.
func (w *world) other(text string) {
	w.t.Helper()
	r, rec, err := store.GetReport(w.st, w.id, model.Builtin())
	if err != nil {
		w.t.Fatal(err)
	}
	if err := r.Input(field, text); err != nil {
		w.t.Fatal(err)
	}
	if _, err := store.PutReport(w.st, r, "", rec.Revision); err != nil {
		w.t.Fatal(err)
	}
}

func (w *world) lastSave() *Save {
	w.t.Helper()
	if len(w.saves) == 0 {
		w.t.Fatal("no save begun")
	}
	return w.saves[len(w.saves)-1]
}

var eventNames = map[Event]string{Stale: "stale", Saved: "saved", Failed: "failed", Copied: "copied"}

// step runs one step of a script:
//
//	type X     the user types X at the end of the answer
//	begin      a save begins (nothing when Begin has nothing to do)
//	run        the last save begun is written
//	finish     its result comes back to the draft
//	finish N   the result of save N (from 1) comes back
//	other X    another window saves the report with the answer X
//	delete     another window deletes the report
//	full/room  the disk fills up, or has room again
//	wait D     D of time passes
//	quit       the program ends: SaveAndWait
func (w *world) step(s string) {
	w.t.Helper()
	verb, arg, _ := strings.Cut(s, " ")
	switch verb {
	case "type":
		w.typed += arg
		if err := w.d.Input(field, w.typed); err != nil {
			w.t.Fatal(err)
		}
	case "begin":
		if sv := w.d.Begin("1.2/1.2"); sv != nil {
			w.saves = append(w.saves, sv)
		} else {
			w.events = append(w.events, "nothing")
		}
	case "run":
		w.lastSave().Run()
	case "finish":
		sv := w.lastSave()
		if arg != "" {
			var n int
			fmt.Sscan(arg, &n)
			sv = w.saves[n-1]
		}
		w.events = append(w.events, eventNames[w.d.Finish(sv)])
	case "other":
		w.other(arg)
	case "delete":
		if err := w.st.Delete(w.id); err != nil {
			w.t.Fatal(err)
		}
	case "full":
		w.full = true
	case "room":
		w.full = false
	case "wait":
		dur, err := time.ParseDuration(arg)
		if err != nil {
			w.t.Fatal(err)
		}
		w.clock = w.clock.Add(dur)
	case "quit":
		w.ending = w.d.SaveAndWait("1.2/1.2")
	default:
		w.t.Fatalf("unknown step %q", s)
	}
}

// TestSaveInterleavings runs every order in which edits, save results,
// another window's saves and deletes, a full disk and quitting can meet,
// and checks where every text ends up: nothing typed is lost, nothing of
// the other window's is overwritten, and no result is taken for another's.
func TestSaveInterleavings(t *testing.T) {
	cases := []struct {
		name  string
		steps []string
		// events are Finish's answers (and "nothing" for a Begin with
		// nothing to do), comma-separated.
		events string
		// original and copied are the answer in the report as first
		// saved, and in the copy ("" when there must be no copy).
		original, copied string
		conflict         string // the conflict's sentence, "" for none
		settled          bool
		emergency        bool // the text went to an emergency copy
	}{
		{name: "one save",
			steps:  []string{"type A", "begin", "run", "finish"},
			events: "saved", original: "A", settled: true},
		{name: "nothing to save",
			steps:  []string{"begin"},
			events: "nothing", original: "", settled: true},
		{name: "typing during a save is saved by the next one",
			steps:  []string{"type A", "begin", "type B", "run", "finish", "begin", "run", "finish"},
			events: "saved,saved", original: "AB", settled: true},
		{name: "one save at a time",
			steps:  []string{"type A", "begin", "type B", "begin", "run", "finish", "begin", "run", "finish"},
			events: "nothing,saved,saved", original: "AB", settled: true},
		{name: "a result counts once",
			steps:  []string{"type A", "begin", "run", "finish", "finish", "type B", "begin", "run", "finish"},
			events: "saved,stale,saved", original: "AB", settled: true},
		{name: "an old result is not the one waited for",
			steps:  []string{"type A", "begin", "run", "finish", "type B", "begin", "finish 1", "run", "finish"},
			events: "saved,stale,saved", original: "AB", settled: true},
		{name: "another window saved first: ours becomes a copy",
			steps:  []string{"type A", "other X", "begin", "run", "finish", "begin", "run", "finish"},
			events: "copied,saved", original: "X", copied: "A", conflict: "Endret i et annet vindu", settled: true},
		{name: "another window saves while ours is being written",
			steps:  []string{"type A", "begin", "other X", "run", "finish", "begin", "run", "finish"},
			events: "copied,saved", original: "X", copied: "A", conflict: "Endret", settled: true},
		{name: "another window saves between two of ours",
			steps:  []string{"type A", "begin", "run", "finish", "other AX", "type B", "begin", "run", "finish", "begin", "run", "finish"},
			events: "saved,copied,saved", original: "AX", copied: "AB", conflict: "Endret", settled: true},
		{name: "deleted in another window: kept as a copy",
			steps:  []string{"type A", "delete", "begin", "run", "finish", "begin", "run", "finish"},
			events: "copied,saved", original: "(none)", copied: "A", conflict: "Slettet i et annet vindu", settled: true},
		{name: "full disk keeps the text, room again saves it",
			steps:  []string{"type A", "full", "begin", "run", "finish", "type B", "room", "begin", "run", "finish"},
			events: "failed,saved", original: "AB", settled: true},
		{name: "quit with nothing unsaved",
			steps:  []string{"type A", "begin", "run", "finish", "quit"},
			events: "saved", original: "A", settled: true},
		{name: "quit saves what the timer has not",
			steps:    []string{"type A", "quit"},
			original: "A", settled: true},
		{name: "quit during a save waits for it, then saves the rest",
			steps:  []string{"type A", "begin", "type B", "run", "quit", "finish"},
			events: "stale", original: "AB", settled: true},
		{name: "quit during a save that another window beat: both texts kept",
			steps:    []string{"type A", "begin", "other X", "type B", "run", "quit"},
			original: "X", copied: "AB", conflict: "Endret", settled: true},
		{name: "another window saved after our last save, then quit: both kept",
			steps:  []string{"type A", "begin", "run", "finish", "other AX", "type B", "quit"},
			events: "saved", original: "AX", copied: "AB", conflict: "Endret", settled: true},
		{name: "quit before our save ran, another window saved meanwhile",
			steps:  []string{"type A", "begin", "run", "other AX", "type B", "quit", "finish"},
			events: "stale", original: "AX", copied: "AB", conflict: "Endret", settled: true},
		{name: "quit with a full disk: an emergency copy",
			steps:  []string{"type A", "full", "begin", "run", "finish", "quit"},
			events: "failed", original: "", settled: true, emergency: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			for _, s := range c.steps {
				w.step(s)
			}
			if got := strings.Join(w.events, ","); got != c.events {
				t.Errorf("events %q, want %q", got, c.events)
			}
			if got := w.stored(w.id); got != c.original {
				t.Errorf("the original holds %q, want %q", got, c.original)
			}
			conflict := w.d.Conflict()
			switch {
			case c.copied == "" && conflict != nil:
				t.Errorf("a copy %s was made: %s", conflict.Copy, conflict.Sentence())
			case c.copied != "" && conflict == nil:
				t.Errorf("no copy was made; want one holding %q", c.copied)
			case c.copied != "":
				if got := w.stored(conflict.Copy); got != c.copied {
					t.Errorf("the copy holds %q, want %q", got, c.copied)
				}
				if conflict.Original != w.id || w.d.Report().ID != conflict.Copy {
					t.Errorf("conflict %+v: the draft is %s, the original %s", conflict, w.d.Report().ID, w.id)
				}
				if s := conflict.Sentence(); !strings.HasPrefix(s, c.conflict) || !strings.Contains(s, model.ShortID(conflict.Copy)) {
					t.Errorf("sentence %q, want it to start %q and name the copy", s, c.conflict)
				}
			}
			if w.d.Settled() != c.settled {
				t.Errorf("settled = %v, want %v", w.d.Settled(), c.settled)
			}
			if (w.ending.Err != nil) != c.emergency {
				t.Errorf("the ending save failed: %v; want that only for an emergency copy", w.ending.Err)
			}
			if c.emergency {
				if w.ending.Path == "" {
					t.Fatalf("no emergency copy: %v", w.ending.CopyErr)
				}
				data, err := os.ReadFile(w.ending.Path)
				if err != nil {
					t.Fatal(err)
				}
				r, err := model.Decode(data, model.Builtin())
				if err != nil || r.Value(field).Text != w.typed {
					t.Errorf("the emergency copy holds %v (%v), want %q", r.Value(field), err, w.typed)
				}
			}
		})
	}
}

// TestDue: a save comes a pause after the last key, and during steady
// typing never later than MaxDelay after the first unsaved key; a failed
// save waits RetryDelay before the next try.
func TestDue(t *testing.T) {
	w := newWorld(t)
	if _, ok := w.d.Due(); ok {
		t.Fatal("a save is due with nothing typed")
	}
	// A key every 150 ms, and the timer fires when Due says: a save is due
	// 500 ms after the first unsaved key, not 400 ms after a last key that
	// never comes, so no key waits longer than that for its save.
	saves := 0
	for range 40 {
		w.step("type a")
		keyAt := w.clock
		if wait, ok := w.d.Due(); ok && wait < 150*time.Millisecond {
			w.clock = w.clock.Add(wait)
			w.step("begin")
			w.step("run")
			w.step("finish")
			saves++
			if oldest := w.clock.Sub(keyAt); oldest > MaxDelay {
				t.Fatalf("a key waited %v for its save", oldest)
			}
		}
		w.clock = keyAt.Add(150 * time.Millisecond)
	}
	if saves < 10 {
		t.Fatalf("6 s of steady typing saved %d times", saves)
	}
	if w.d.Dirty() {
		if wait, _ := w.d.Due(); wait > MaxDelay {
			t.Fatalf("the last keys wait %v", wait)
		}
	}

	// A pause: due Pause after the last key.
	w.step("type b")
	w.step("wait 100ms")
	if wait, ok := w.d.Due(); !ok || wait != Pause-100*time.Millisecond {
		t.Errorf("100 ms after a key: due in %v (%v), want %v", wait, ok, Pause-100*time.Millisecond)
	}
	// A failure: the next try waits RetryDelay, however the keys come.
	w.step("full")
	w.step("begin")
	w.step("run")
	w.step("finish")
	w.step("type c")
	if wait, ok := w.d.Due(); !ok || wait != RetryDelay {
		t.Errorf("right after a failure: due in %v (%v), want %v", wait, ok, RetryDelay)
	}
	if w.d.Err() == nil {
		t.Error("the failure is not told")
	}
	w.step("wait 3s")
	w.step("room")
	if wait, ok := w.d.Due(); !ok || wait != 0 {
		t.Errorf("after RetryDelay: due in %v (%v)", wait, ok)
	}
	w.step("begin")
	w.step("run")
	w.step("finish")
	if !w.d.Settled() || w.d.Err() != nil || w.stored(w.id) != w.typed {
		t.Errorf("after the retry: settled %v, err %v, stored %q", w.d.Settled(), w.d.Err(), w.stored(w.id))
	}
}

// TestNewReportIsSavedAtOnce: a report not yet in the file is due at once.
func TestNewReportIsSavedAtOnce(t *testing.T) {
	w := newWorld(t)
	tmpl := model.Builtin().Default()
	d := New(model.NewReport(tmpl, w.clock), Options{Put: w.put, Clock: func() time.Time { return w.clock }})
	if wait, ok := d.Due(); !ok || wait != 0 {
		t.Fatalf("a new report: due in %v (%v)", wait, ok)
	}
	if d.Finish(d.Begin("").Run()) != Saved || w.stored(d.Report().ID) != "" {
		t.Fatal("the new report was not saved")
	}
}

// TestEmergencyCopyGoesWhereThereIsRoom: when the draft file's folder takes
// nothing, the copy goes to the state folder, then home, then the
// temporary folder; when none does, the error says so.
func TestEmergencyCopyGoesWhereThereIsRoom(t *testing.T) {
	w := newWorld(t)
	w.step("type A")
	// A folder that is a file takes nothing, even for root.
	blocked := filepath.Join(t.TempDir(), "fil")
	if err := os.WriteFile(blocked, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	w.d.draftFile = filepath.Join(blocked, "boso.db")
	state := filepath.Join(t.TempDir(), "state")
	t.Setenv("XDG_STATE_HOME", state)
	path, err := w.d.EmergencyCopy()
	if err != nil || filepath.Dir(path) != filepath.Join(state, "boso") {
		t.Fatalf("emergency copy at %q (%v), want it in %s/boso", path, err, state)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("emergency copy: %v %v", err, fi)
	}

	for _, env := range []string{"XDG_STATE_HOME", "HOME", "TMPDIR"} {
		t.Setenv(env, filepath.Join(blocked, env))
	}
	w.step("type B")
	path, err = w.d.EmergencyCopy()
	if err == nil || path != "" {
		t.Fatalf("with no room anywhere: %q, %v", path, err)
	}
	if w.d.Settled() {
		t.Error("a copy written nowhere counts as saved")
	}
}

// TestEmergencyCopyNeverReplacesTheDraftFile: a name beside the draft file
// that leads to the draft file itself (a link) is passed over.
func TestEmergencyCopyNeverReplacesTheDraftFile(t *testing.T) {
	w := newWorld(t)
	w.step("type A")
	before, err := os.ReadFile(w.st.Path())
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("boso-nodlagring-%s-%s.json", w.id, w.d.now().Format("20060102-150405"))
	if err := os.Symlink(w.st.Path(), filepath.Join(filepath.Dir(w.st.Path()), name)); err != nil {
		t.Fatal(err)
	}
	path, err := w.d.EmergencyCopy()
	if err != nil || filepath.Dir(path) == filepath.Dir(w.st.Path()) {
		t.Fatalf("emergency copy at %q (%v), want it elsewhere", path, err)
	}
	if after, _ := os.ReadFile(w.st.Path()); !bytes.Equal(before, after) {
		t.Fatal("the emergency copy replaced the draft file")
	}
}

// TestCtrlRLeavesTheCopysSaveWithTheCopy: after a conflict the draft is a
// copy; ctrl+r opens the other window's version as a draft of its own
// while the copy's last save is under way. That save's result belongs to
// the copy: given to the original's draft it changes nothing, and the
// original's next save writes on top of the other window's, with no false
// conflict and no copy's revision.
func TestCtrlRLeavesTheCopysSaveWithTheCopy(t *testing.T) {
	w := newWorld(t)
	for _, s := range []string{"type A", "other X", "begin", "run", "finish", "begin", "run", "finish", "type B", "begin"} {
		w.step(s)
	}
	copySave := w.lastSave()
	// ctrl+r: the original, as the other window left it.
	r, rec, err := store.GetReport(w.st, w.id, model.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	orig := New(r, Options{Revision: rec.Revision, Put: w.put, Now: time.Now, Clock: time.Now})
	copySave.Run()
	if got := orig.Finish(copySave); got != Stale {
		t.Fatalf("the copy's save given to the original's draft: %s", eventNames[got])
	}
	if w.d.Finish(copySave) != Saved || w.stored(w.d.Report().ID) != "AB" {
		t.Fatalf("the copy's own save: copy holds %q", w.stored(w.d.Report().ID))
	}
	if err := orig.Input(field, "XY"); err != nil {
		t.Fatal(err)
	}
	if got := orig.Finish(orig.Begin("").Run()); got != Saved || orig.Conflict() != nil {
		t.Fatalf("the original's save after ctrl+r: %s, conflict %v", eventNames[got], orig.Conflict())
	}
	if got := w.stored(w.id); got != "XY" {
		t.Errorf("the original holds %q, want XY", got)
	}
}

// The copy a conflict makes says in the draft file whose copy it is, and
// keeps saying so when a later window, which never saw the conflict,
// saves it again: the start list and `boso list` name it from there.
func TestTheCopyNamesItsOriginal(t *testing.T) {
	w := newWorld(t)
	for _, s := range []string{"type A", "other X", "begin", "run", "finish", "begin", "run", "finish"} {
		w.step(s)
	}
	copyID := w.d.Report().ID
	copyOf := func() string {
		t.Helper()
		rec, err := w.st.Get(copyID)
		if err != nil {
			t.Fatal(err)
		}
		return rec.CopyOf
	}
	if got := copyOf(); got != w.id {
		t.Fatalf("the copy's copy_of is %q, want %q", got, w.id)
	}
	r, rec, err := store.GetReport(w.st, copyID, model.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	later := New(r, Options{Revision: rec.Revision, Put: w.put, Now: time.Now, Clock: time.Now})
	if err := later.Input(field, "AC"); err != nil {
		t.Fatal(err)
	}
	if got := later.Finish(later.Begin("").Run()); got != Saved {
		t.Fatalf("reopened copy's save: %s", eventNames[got])
	}
	if got := copyOf(); got != w.id {
		t.Errorf("after a later save the copy's copy_of is %q, want %q", got, w.id)
	}
	if orig, _ := w.st.Get(w.id); orig.CopyOf != "" {
		t.Errorf("the original is marked a copy of %q", orig.CopyOf)
	}
}
