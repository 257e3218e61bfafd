// Package tui is the terminal UI: the list of reports, then screen by screen
// through one.
package tui

import (
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"boso/model"
	"boso/store"
)

// Options is what the UI needs from the command line.
type Options struct {
	Store      *store.Store
	Registry   *model.Registry
	Accessible bool
	In         io.Reader
	Out        io.Writer
}

type state int

const (
	showingStart state = iota
	showingReport
)

// Model is the root of the UI: the start screen or one report.
type Model struct {
	c      *common
	state  state
	start  startScreen
	report reportScreen
	err    string
}

// New returns the UI's root model.
func New(opts Options, now func() time.Time) Model {
	c := &common{width: 80, height: 24, styles: DefaultStyles(), keys: DefaultKeyMap(), store: opts.Store, reg: opts.Registry, now: now,
		put: opts.Store.Put}
	return Model{c: c, start: newStartScreen(c)}
}

// Init loads the list of reports.
func (m Model) Init() tea.Cmd { return m.start.init() }

// Update routes a message to the screen on show.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.width, m.c.height = msg.Width, msg.Height
		if m.state == showingReport {
			m.report.setSize()
		}
	case openReportMsg:
		return m, loadReport(m.c, msg.id)
	case reportLoadedMsg:
		if msg.err != nil {
			m.start, _ = m.start.update(errorMsg{err: msg.err})
			return m, nil
		}
		var cmd tea.Cmd
		m.report, cmd = newReportScreen(m.c, msg.r, msg.previous, msg.revision, msg.position)
		m.state = showingReport
		return m, cmd
	case closeReportMsg:
		m.state = showingStart
		m.start = newStartScreen(m.c)
		return m, m.start.init()
	}
	var cmd tea.Cmd
	if m.state == showingReport {
		m.report, cmd = m.report.update(msg)
	} else {
		m.start, cmd = m.start.update(msg)
	}
	return m, cmd
}

// View draws the screen on show.
func (m Model) View() string {
	if m.state == showingReport {
		return m.report.view()
	}
	return m.start.view()
}

// Run starts the UI and returns when the user quits.
func Run(opts Options) error {
	if opts.Accessible {
		return runAccessible(opts)
	}
	p := tea.NewProgram(New(opts, time.Now), tea.WithAltScreen(), tea.WithInput(opts.In), tea.WithOutput(opts.Out),
		tea.WithFilter(saveBeforeExit))
	// A closed terminal window sends SIGHUP, which would end the program
	// before anything is saved; Bubble Tea itself turns SIGTERM into a quit.
	hangup := make(chan os.Signal, 1)
	signal.Notify(hangup, syscall.SIGHUP)
	defer signal.Stop(hangup)
	go func() {
		if _, ok := <-hangup; ok {
			p.Send(tea.QuitMsg{})
		}
	}()
	_, err := p.Run()
	return err
}

// saveBeforeExit sees every message before the model does. A quit that does
// not come from the report screen's own orderly quit (SIGTERM, SIGHUP,
// SIGINT) still writes what is in memory, synchronously, before the program
// ends: here, blocking is right.
func saveBeforeExit(m tea.Model, msg tea.Msg) tea.Msg {
	switch msg.(type) {
	case tea.QuitMsg, tea.InterruptMsg:
		if root, ok := m.(Model); ok && root.state == showingReport {
			root.report.saveNowAndWait()
		}
	}
	return msg
}
