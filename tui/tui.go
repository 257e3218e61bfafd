// Package tui is the terminal UI: the list of reports, then screen by screen
// through one.
package tui

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"boso/model"
	"boso/store"
	"boso/tui/accessible"
	"boso/tui/draft"
	"boso/tui/say"
	"boso/tui/spell"
)

// Options is what the UI needs from the command line.
type Options struct {
	Store      *store.Store
	Registry   *model.Registry
	Accessible bool
	In         io.Reader
	Out        io.Writer
	// Notice is said on the start screen when it first shows (template
	// files that were left out).
	Notice string
	// Err is where the program says, after the screen is gone, what
	// became of text the draft file could not take.
	Err io.Writer
	// Spell checks the long answers' spelling; Run starts the system's
	// hunspell when it is nil, New checks nothing.
	Spell *spell.Checker
}

type state int

const (
	showingStart state = iota
	showingReport
)

// Model is the root of the UI: the start screen or one report.
type Model struct {
	c     *common
	state state
	// start is held by pointer and replaced, never changed, after a
	// message: Update returns Model boxed in tea.Model, a copy on every
	// key, and the start screen's dialogs would make that copy 22 KB.
	start  *startScreen
	report reportScreen
}

// New returns the UI's root model.
func New(opts Options, now func() time.Time) Model {
	c := &common{width: 80, height: 24, styles: DefaultStyles(true), dark: true, keys: DefaultKeyMap(), store: opts.Store, reg: opts.Registry, now: now,
		put: opts.Store.Put, clock: time.Now, spell: opts.Spell}
	if c.spell == nil {
		// No hunspell to run: nothing is marked, and F7 says how to
		// install it.
		c.spell = spell.New(spell.Config{})
	}
	start := newStartScreen(c)
	if opts.Notice != "" {
		start.status, start.statusErr = opts.Notice, true
	}
	return Model{c: c, start: &start}
}

// Init loads the list of reports and asks the terminal for its
// background, which the colours follow.
//
// The renderer measures each character outside ASCII with go-runewidth
// (unless the terminal answers that it counts graphemes itself), which
// builds its table of the characters from U+0300 up, 2 MB, at the first
// one it meets: 1.4-2.7 ms inside the first frame's tick, between the
// frame and the screen. Init has the table built on another core
// instead, in the 8 ms before that tick: Bubble Tea calls it once the
// terminal is set up, which the work would otherwise slow down.
func (m Model) Init() tea.Cmd {
	go ansi.WcWidth.StringWidth("│")
	return tea.Batch(m.start.init(), tea.RequestBackgroundColor)
}

// Update routes a message to the screen on show.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.width, m.c.height = msg.Width, msg.Height
		if m.state == showingReport {
			m.report.setSize()
		}
	case tea.BackgroundColorMsg:
		// Screens built from now on take the colours for this background;
		// the list, which shows already, takes them at once.
		m.c.dark = msg.IsDark()
		m.c.styles = DefaultStyles(m.c.dark)
		start := *m.start
		start.help = newStartHelp(m.c.styles)
		start.help.ShowAll = m.start.help.ShowAll
		m.start = &start
		return m, nil
	// The spell checker serves every report: its answers are taken in
	// whichever screen shows, and the report on show may go on with F7.
	case spell.TickMsg:
		return m, m.c.spell.Tick()
	case spell.CheckedMsg:
		m.c.spell.Apply(msg)
	case openReportMsg:
		return m, loadReport(m.c, msg.id, msg.position)
	case reportLoadedMsg:
		if msg.err != nil {
			m.updateStart(errorMsg{err: msg.err})
			return m, nil
		}
		var cmd tea.Cmd
		m.report, cmd = newReportScreen(m.c, msg.r, msg.previous, msg.revision, msg.position)
		m.state = showingReport
		return m, cmd
	case signalledMsg:
		return m, tea.Tick(inputDrainTime, func(time.Time) tea.Msg { return exitAfterSignalMsg{} })
	case exitAfterSignalMsg:
		return m, tea.Quit
	case closeReportMsg:
		m.state = showingStart
		start := newStartScreen(m.c)
		m.start = &start
		return m, m.start.init()
	}
	var cmd tea.Cmd
	if m.state == showingReport {
		m.report, cmd = m.report.update(msg)
		// The words the last frame showed and the spell checker did not
		// know yet are checked in the background, after a while.
		cmd = tea.Batch(cmd, m.c.spell.Schedule())
	} else {
		cmd = m.updateStart(msg)
	}
	return m, cmd
}

// updateStart gives msg to a copy of the start screen, so that a Model
// returned earlier keeps the screen it had.
func (m *Model) updateStart(msg tea.Msg) tea.Cmd {
	start, cmd := m.start.update(msg)
	m.start = &start
	return cmd
}

// View draws the screen on show, in the terminal's alternate screen, with
// the terminal's cursor where the user types.
func (m Model) View() tea.View {
	var v tea.View
	if m.state == showingReport {
		v.SetContent(m.report.view())
	} else {
		v.SetContent(m.start.view())
	}
	v.AltScreen = true
	// The terminal tells when its window loses the focus (BlurMsg).
	v.ReportFocus = true
	v.Cursor = cursorAt(v.Content)
	return v
}

// Run starts the UI and returns when the user quits.
func Run(opts Options) error {
	if opts.Accessible {
		return accessible.Run(accessible.Options{Store: opts.Store, Registry: opts.Registry, In: opts.In, Out: opts.Out, Notice: opts.Notice})
	}
	// However the program ends, what is in memory is saved, and what
	// became of it is told once the screen is gone.
	if opts.Spell == nil {
		opts.Spell = spell.New(spell.DefaultConfig())
		defer opts.Spell.Close()
	}
	var ending draft.Ending
	saveBeforeExit := func(m tea.Model, msg tea.Msg) tea.Msg {
		switch msg.(type) {
		case tea.QuitMsg, tea.InterruptMsg, exitAfterSignalMsg:
			ending = saveReportOf(m, ending)
		}
		return msg
	}
	// The first screen's list needs the form's editions (for the
	// deadlines): they are parsed on another core while the terminal is
	// set up and the file is read.
	if opts.Registry != nil {
		go opts.Registry.Default()
	}
	// The renderer writes a frame on its ticker only: at 120 a second (the
	// most it allows) rather than 60, the first screen and each key's
	// echo wait half as long for the next tick. A tick with nothing new
	// writes nothing. The size is the terminal's where the output is one;
	// elsewhere the smallest window that must work, which the model starts
	// with too.
	p := tea.NewProgram(New(opts, time.Now), tea.WithInput(terminalInput(opts.In)), tea.WithOutput(opts.Out),
		tea.WithWindowSize(80, 24), tea.WithFilter(saveBeforeExit), tea.WithoutSignalHandler(), tea.WithFPS(120))
	// SIGTERM, SIGHUP (a closed terminal window) and SIGINT end the program
	// only after what is typed is saved: the keys already read still come
	// in first, then the save, then the quit. A second signal quits at once,
	// saving what the model holds by then. On Windows, Go delivers closing
	// the console window, logging off and shutting down as SIGTERM, and
	// keeps Windows from ending boso until it exits (Windows waits about
	// 5 s for a closed window); ctrl+break comes as SIGINT, while ctrl+c
	// is a key like on Unix. SIGHUP never comes there.
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT)
	defer signal.Stop(signals)
	go func() {
		if _, ok := <-signals; ok {
			p.Send(signalledMsg{})
		}
		if _, ok := <-signals; ok {
			p.Send(tea.QuitMsg{})
		}
	}()
	final, err := p.Run()
	// A program that ended on an error (the terminal went away and input
	// failed) never saw a quit message: what it held is saved here.
	ending = saveReportOf(final, ending)
	if tellErr := tellEnding(opts.Err, ending); tellErr != nil {
		return tellErr
	}
	return err
}

// saveReportOf saves the report the model has open, synchronously, and
// keeps the first ending that has something to tell: the exit path may
// pass here more than once (the signal, the quit, the end of Run).
func saveReportOf(m tea.Model, ending draft.Ending) draft.Ending {
	root, ok := m.(Model)
	if !ok || root.state != showingReport {
		return ending
	}
	if e := root.report.saveNowAndWait(); ending.Err == nil && ending.Conflict == nil {
		return e
	}
	return ending
}

// tellEnding says on stderr what became of the text when the last save did
// not go to the draft file as it was: a copy beside another window's
// version, or an emergency copy. When no place took the text, the
// program ends with an error, so its exit status says so too.
func tellEnding(w io.Writer, e draft.Ending) error {
	if w == nil {
		w = os.Stderr
	}
	if e.Conflict != nil {
		fmt.Fprintln(w, "boso: "+e.Conflict.Sentence())
	}
	switch {
	case e.Err == nil:
		return nil
	case e.Path != "":
		fmt.Fprintf(w, "boso: teksten kunne ikke lagres i kladdefilen (%s); den er skrevet til %s, som «boso import» leser inn.\n", say.Store(e.Err), e.Path)
		return nil
	}
	return fmt.Errorf("teksten kunne ikke lagres i kladdefilen (%s), og heller ikke som nødkopi noe sted (%s)", say.Store(e.Err), say.Store(e.CopyErr))
}

// signalledMsg: the program was asked to end by a signal.
type signalledMsg struct{}

// exitAfterSignalMsg comes a moment after a signal, once the keys that were
// typed before it have been read.
type exitAfterSignalMsg struct{}

// inputDrainTime is how long keys typed before a signal may take to arrive.
const inputDrainTime = 50 * time.Millisecond

// KeyGroup is the keys of one kind of screen.
type KeyGroup struct {
	Screen string
	Keys   []key.Binding
}

// KeyReference lists the UI's keys for the manual page, from the bindings
// the screens themselves use, so the page says what the program does.
func KeyReference() []KeyGroup {
	k := DefaultKeyMap()
	s := newStartKeyMap(k)
	list := KeyGroup{Screen: "Rapportlisten", Keys: []key.Binding{s.up, s.down, s.open, s.new, s.carryOver, s.export,
		s.preview, s.delete, s.reload, relabel(s.help, "alle taster"), s.quit}}
	report := KeyGroup{Screen: "I en rapport"}
	for _, group := range everyPageKeys(k, false) {
		report.Keys = append(report.Keys, group...)
	}
	return []KeyGroup{list, report}
}
