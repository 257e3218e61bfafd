//go:build unix

package tui

// Process-level tests: the real boso binary, built once, runs in a
// pseudo-terminal (creack/pty) whose output feeds a terminal emulator
// (charmbracelet/x/vt), so the tests read the screen a case worker would
// see. They kill it, signal it, run two of it at once and hand it broken
// files, then read back with «boso export --draft» what reached the disk.
// No tmux: everything happens inside the test process.
//
// They need a Unix pseudo-terminal and Unix signals, hence the build tag: a
// Windows console cannot be driven like this from a test.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// TestMain removes the binary the process tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	if procBuild.dir != "" {
		os.RemoveAll(procBuild.dir)
	}
	os.Exit(code)
}

// procBuild is the boso binary, built at most once per test run and only
// when a process test asks for it, so in-process tests do not pay for it.
var procBuild struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// procBinary returns the boso binary to test: $BOSO_TEST_BIN when set (to
// soak an installed or older build), else one built from this tree.
func procBinary(tb testing.TB) string {
	tb.Helper()
	if bin := os.Getenv("BOSO_TEST_BIN"); bin != "" {
		return bin
	}
	procBuild.once.Do(func() {
		dir, err := os.MkdirTemp("", "boso-process-test-")
		if err != nil {
			procBuild.err = err
			return
		}
		procBuild.dir = dir
		path := filepath.Join(dir, "boso")
		cmd := exec.Command("go", "build", "-o", path, "boso")
		cmd.Dir = ".." // the module root
		if out, err := cmd.CombinedOutput(); err != nil {
			procBuild.err = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		procBuild.path = path
	})
	if procBuild.err != nil {
		tb.Fatalf("building boso: %v", procBuild.err)
	}
	return procBuild.path
}

// procEnv is one user's world: a draft file of its own, a home and a data
// folder of their own, and a terminal that speaks xterm.
type procEnv struct {
	tb   testing.TB
	bin  string
	dir  string
	db   string
	home string
}

func newProcEnv(tb testing.TB) *procEnv {
	tb.Helper()
	dir := tb.TempDir()
	e := &procEnv{tb: tb, bin: procBinary(tb), dir: dir, db: filepath.Join(dir, "boso.db"), home: filepath.Join(dir, "home")}
	if err := os.MkdirAll(e.home, 0o700); err != nil {
		tb.Fatal(err)
	}
	return e
}

// environ is the environment boso runs in: the caller's, minus what could
// make a run depend on the machine (a colour switch, the user's data, a
// locale that widens characters).
func (e *procEnv) environ() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case k == "BOSO_DB", k == "HOME", k == "TERM", k == "NO_COLOR", k == "ACCESSIBLE", k == "COLORTERM",
			k == "CLICOLOR_FORCE", k == "EDITOR", k == "VISUAL", k == "TMUX", k == "LANG",
			strings.HasPrefix(k, "XDG_"), strings.HasPrefix(k, "LC_"):
			continue
		}
		env = append(env, kv)
	}
	return append(env, "BOSO_DB="+e.db, "HOME="+e.home, "XDG_DATA_HOME="+filepath.Join(e.home, "data"),
		"XDG_CONFIG_HOME="+filepath.Join(e.home, "config"), "TERM=xterm-256color", "LANG=C.UTF-8")
}

// cli runs a boso command (not the UI) on the test's draft file, to its
// end, within a deadline.
func (e *procEnv) cli(args ...string) (stdout, stderr string, err error) {
	e.tb.Helper()
	return e.run(append([]string{"--db", e.db}, args...), e.environ())
}

// cliNoDB runs a boso command without --db or BOSO_DB: the draft file is
// found from XDG_DATA_HOME.
func (e *procEnv) cliNoDB(args ...string) (stdout, stderr string, err error) {
	e.tb.Helper()
	var env []string
	for _, kv := range e.environ() {
		if !strings.HasPrefix(kv, "BOSO_DB=") {
			env = append(env, kv)
		}
	}
	return e.run(args, env)
}

func (e *procEnv) run(args, env []string) (stdout, stderr string, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, e.bin, args...)
	cmd.Env = env
	cmd.Dir = e.dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	if ctx.Err() != nil {
		err = fmt.Errorf("boso %s did not finish within 15 s", strings.Join(args, " "))
	}
	return out.String(), errOut.String(), err
}

// mustCLI runs a boso command that has to succeed.
func (e *procEnv) mustCLI(args ...string) string {
	e.tb.Helper()
	out, errOut, err := e.cli(args...)
	if err != nil {
		e.tb.Fatalf("boso %s: %v\nstdout: %s\nstderr: %s", strings.Join(args, " "), err, out, errOut)
	}
	return out
}

// newReport makes a report the way «boso new» does and returns its id.
func (e *procEnv) newReport() string {
	e.tb.Helper()
	return strings.TrimSpace(e.mustCLI("new"))
}

// procSummary is what «boso list --json» tells about a report.
type procSummary struct {
	ID       string `json:"id"`
	Kommune  string `json:"kommune"`
	Revision int64  `json:"revision"`
}

// list returns the reports in the draft file; it fails the test unless the
// file opens clean.
func (e *procEnv) list() []procSummary {
	e.tb.Helper()
	var list []procSummary
	if err := json.Unmarshal([]byte(e.mustCLI("list", "--json")), &list); err != nil {
		e.tb.Fatalf("boso list --json: %v", err)
	}
	return list
}

// procExport is a report as «boso export --draft» writes it.
type procExport struct {
	ID     string                     `json:"id"`
	Values map[string]json.RawMessage `json:"values"`
}

func (e *procEnv) export(id string) procExport {
	e.tb.Helper()
	var x procExport
	out := e.mustCLI("export", id, "--draft")
	if err := json.Unmarshal([]byte(out), &x); err != nil {
		e.tb.Fatalf("boso export %s --draft does not decode: %v", id, err)
	}
	return x
}

// text is a text answer; "" when there is none.
func (x procExport) text(tb testing.TB, id string) string {
	tb.Helper()
	raw, ok := x.Values[id]
	if !ok || string(raw) == "null" {
		return ""
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		tb.Fatalf("value %s is not text: %s", id, raw)
	}
	return s
}

// number is a number answer as its digits; "" when there is none.
func (x procExport) number(tb testing.TB, id string) string {
	tb.Helper()
	raw, ok := x.Values[id]
	if !ok || string(raw) == "null" {
		return ""
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		tb.Fatalf("value %s is not a number: %s", id, raw)
	}
	return n.String()
}

// procTerm is a running boso in a pseudo-terminal.
type procTerm struct {
	tb   testing.TB
	cmd  *exec.Cmd
	pty  *os.File
	keys io.Writer // the keyboard: the terminal, unless startUIWith says otherwise
	mu   sync.Mutex
	emu  *vt.Emulator
	raw  []byte // what the program wrote, up to procRawCap bytes
	// written counts every byte the program wrote, past procRawCap too;
	// wrote wakes whoever waits for output (procWaitWrite).
	written int
	wrote   chan struct{}
	// titles are the window titles the program set: an escape sequence
	// that got through from a stored text would show up here.
	titles   []string
	readDone chan struct{}
	// answerDone closes when answerLoop has returned; closing tells it to.
	// The emulator's Close may only run after that: vt v0.1.0 reads and
	// writes its closed flag without a lock.
	answerDone chan struct{}
	closing    atomic.Bool
	exited     chan struct{}
	waitErr    error
	exitedAt   time.Time
}

const procRawCap = 8 << 20

// startUI starts «boso» (the UI, or args) in an 80×24 terminal. The test's
// cleanup kills it if the test has not ended it.
func (e *procEnv) startUI(args ...string) *procTerm {
	e.tb.Helper()
	return e.startUIWith(nil, nil, args...)
}

// startUIWith is startUI with keys read from stdin instead of the
// terminal, and keys (what send writes to) the other end of it.
func (e *procEnv) startUIWith(stdin *os.File, keys io.Writer, args ...string) *procTerm {
	e.tb.Helper()
	cmd := exec.Command(e.bin, args...)
	cmd.Env = e.environ()
	if stdin != nil {
		cmd.Stdin = stdin
	}
	return e.startCmd(cmd, keys)
}

// startCmd starts cmd (boso, or what runs it) in an 80×24 terminal, with
// keys as startUIWith says.
func (e *procEnv) startCmd(cmd *exec.Cmd, keys io.Writer) *procTerm {
	e.tb.Helper()
	cmd.Dir = e.dir
	stdin := cmd.Stdin
	size := &pty.Winsize{Rows: 24, Cols: 80}
	var f *os.File
	var err error
	if stdin == nil {
		f, err = pty.StartWithSize(cmd, size)
	} else {
		// The terminal must still become boso's controlling terminal
		// (SIGHUP, raw mode on output): through standard output, since
		// standard input is not a terminal.
		f, err = pty.StartWithAttrs(cmd, size, &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 1})
	}
	if err != nil {
		e.tb.Fatalf("starting boso in a pty: %v", err)
	}
	// pty hands back the master in blocking mode (its ioctls call Fd), and
	// then Close waits for the Read in progress to return: "closing the
	// window" would only happen at boso's next output. A non-blocking
	// copy goes through Go's poller, whose Close ends the Read at once.
	if f, err = procPollable(f); err != nil {
		_ = cmd.Process.Kill()
		e.tb.Fatalf("making the pty master non-blocking: %v", err)
	}
	p := &procTerm{tb: e.tb, cmd: cmd, pty: f, emu: vt.NewEmulator(80, 24),
		wrote: make(chan struct{}, 1), readDone: make(chan struct{}), answerDone: make(chan struct{}), exited: make(chan struct{})}
	p.emu.SetCallbacks(vt.Callbacks{Title: func(s string) { p.titles = append(p.titles, s) }})
	go p.readLoop()
	go p.answerLoop()
	go func() {
		p.waitErr = cmd.Wait()
		p.exitedAt = time.Now()
		close(p.exited)
	}()
	p.keys = keys
	if keys == nil {
		p.keys = p.pty
	}
	e.tb.Cleanup(p.close)
	return p
}

// procPollable returns a non-blocking duplicate of f and closes f.
func procPollable(f *os.File) (*os.File, error) {
	defer f.Close()
	fd, err := syscall.Dup(int(f.Fd()))
	if err != nil {
		return nil, err
	}
	if err := syscall.SetNonblock(fd, true); err != nil {
		syscall.Close(fd)
		return nil, err
	}
	return os.NewFile(uintptr(fd), f.Name()), nil
}

// readLoop feeds everything the program writes to the emulator.
func (p *procTerm) readLoop() {
	defer close(p.readDone)
	buf := make([]byte, 64<<10)
	for {
		n, err := p.pty.Read(buf)
		if n > 0 {
			p.mu.Lock()
			_, _ = p.emu.Write(buf[:n])
			if room := procRawCap - len(p.raw); room > 0 {
				p.raw = append(p.raw, buf[:min(n, room)]...)
			}
			p.written += n
			p.mu.Unlock()
			select {
			case p.wrote <- struct{}{}:
			default:
			}
		}
		if err != nil {
			return
		}
	}
}

// answerLoop sends the emulator's answers (cursor position, background
// colour) back to the program, as a real terminal does: lipgloss asks for
// the background colour at start and would otherwise wait for an answer.
// It keeps draining after the program is gone, or the emulator would block.
func (p *procTerm) answerLoop() {
	defer close(p.answerDone)
	buf := make([]byte, 4096)
	for {
		n, err := p.emu.Read(buf)
		if p.closing.Load() {
			return
		}
		if n > 0 {
			_, _ = p.pty.Write(buf[:n])
		}
		if err != nil {
			return
		}
	}
}

// close kills the program if it still runs and releases the terminal.
func (p *procTerm) close() {
	if !p.hasExited() {
		_ = p.cmd.Process.Kill()
	}
	select {
	case <-p.exited:
	case <-time.After(10 * time.Second):
		p.tb.Errorf("boso (pid %d) did not die within 10 s of SIGKILL", p.cmd.Process.Pid)
	}
	select {
	case <-p.readDone:
	case <-time.After(2 * time.Second):
	}
	_ = p.pty.Close()
	// A cursor-position query makes the emulator answer, which wakes
	// answerLoop from its Read so that it sees closing and returns.
	p.closing.Store(true)
	p.mu.Lock()
	_, _ = p.emu.Write([]byte(ansi.RequestCursorPositionReport))
	p.mu.Unlock()
	select {
	case <-p.answerDone:
	case <-time.After(2 * time.Second):
		p.tb.Errorf("the emulator's answer loop did not end")
	}
	p.mu.Lock()
	_ = p.emu.Close()
	p.mu.Unlock()
}

func (p *procTerm) hasExited() bool {
	select {
	case <-p.exited:
		return true
	default:
		return false
	}
}

// send writes bytes as the keyboard would.
func (p *procTerm) send(s string) {
	p.tb.Helper()
	if _, err := p.keys.Write([]byte(s)); err != nil {
		p.tb.Fatalf("writing %q to the terminal: %v\n%s", s, err, p.dump())
	}
}

// typeSlowly types one character at a time, as a person does, so each is
// its own keystroke.
func (p *procTerm) typeSlowly(s string, gap time.Duration) {
	p.tb.Helper()
	for _, r := range s {
		p.send(string(r))
		time.Sleep(gap)
	}
}

// screen is the text on the terminal now.
func (p *procTerm) screen() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.emu.String()
}

// output is everything the program wrote (up to procRawCap bytes).
func (p *procTerm) output() []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	return bytes.Clone(p.raw)
}

// windowTitles are the window titles the program has set.
func (p *procTerm) windowTitles() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.titles...)
}

// dump is what a failure shows: the last screen.
func (p *procTerm) dump() string {
	return "last screen:\n" + strings.Repeat("─", 80) + "\n" + p.screen() + "\n" + strings.Repeat("─", 80)
}

// waitFor waits until the screen satisfies ok, or fails the test.
func (p *procTerm) waitFor(what string, timeout time.Duration, ok func(screen string) bool) {
	p.tb.Helper()
	if msg := p.await(what, timeout, ok); msg != "" {
		p.tb.Fatal(msg)
	}
}

// await waits until the screen satisfies ok and returns "", or returns
// why it gave up.
func (p *procTerm) await(what string, timeout time.Duration, ok func(screen string) bool) string {
	deadline := time.Now().Add(timeout)
	for {
		if ok(p.screen()) {
			return ""
		}
		if time.Now().After(deadline) {
			return fmt.Sprintf("waited %v for %s\n%s", timeout, what, p.dump())
		}
		if p.hasExited() {
			// One more look: the last frame may have arrived with the exit.
			select {
			case <-p.readDone:
			case <-time.After(2 * time.Second):
			}
			if ok(p.screen()) {
				return ""
			}
			return fmt.Sprintf("boso exited (%v) while waiting for %s\n%s\noutput: %q", p.waitErr, what, p.dump(), procTail(p.output(), 2000))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitText waits until the screen shows text.
func (p *procTerm) waitText(text string, timeout time.Duration) {
	p.tb.Helper()
	p.waitFor(fmt.Sprintf("%q on screen", text), timeout, func(s string) bool { return strings.Contains(s, text) })
}

// waitExit waits for the program to end and its last output to arrive.
func (p *procTerm) waitExit(timeout time.Duration) {
	p.tb.Helper()
	select {
	case <-p.exited:
	case <-time.After(timeout):
		p.tb.Fatalf("boso did not exit within %v\n%s", timeout, p.dump())
	}
	select {
	case <-p.readDone:
	case <-time.After(2 * time.Second):
	}
}

// holdsFile reports whether boso has path open right now (Linux: /proc).
func (p *procTerm) holdsFile(path string) bool {
	dir := fmt.Sprintf("/proc/%d/fd", p.cmd.Process.Pid)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if target, err := os.Readlink(filepath.Join(dir, e.Name())); err == nil && target == path {
			return true
		}
	}
	return false
}

// signal sends sig to boso.
func (p *procTerm) signal(sig os.Signal) {
	p.tb.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		p.tb.Fatalf("sending %v: %v", sig, err)
	}
}

// kill sends SIGKILL, which no program can catch, and waits for the death.
func (p *procTerm) kill() {
	p.tb.Helper()
	if err := p.cmd.Process.Kill(); err != nil && !p.hasExited() {
		p.tb.Fatalf("SIGKILL: %v", err)
	}
	p.waitExit(5 * time.Second)
}

func procTail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

// Keys as a terminal sends them.
const (
	procKeyTab       = "\t"
	procKeyEnter     = "\r"
	procKeyPgDown    = "\x1b[6~"
	procKeyCtrlG     = "\x07"
	procKeyCtrlC     = "\x03"
	procKeyBackspace = "\x7f"
	procKeyEnd       = "\x1b[F"
)

// procScreens is the number of screens of a report (11 sections and the
// finalize screen); the header shows "n/12".
const procScreens = 12

// openNewest waits for the list of reports and opens the newest (enter).
func (p *procTerm) openNewest() {
	p.tb.Helper()
	p.waitText("Årsrapport, Boligsosialt", 10*time.Second)
	p.waitFor("the list of reports", 10*time.Second, func(s string) bool {
		return !strings.Contains(s, "Henter rapportene")
	})
	p.send(procKeyEnter)
	p.waitFor("the report to open", 10*time.Second, func(s string) bool { return strings.Contains(s, fmt.Sprintf("/%d [", procScreens)) })
}

// jump goes to screen n (1-based) through the jump list (ctrl+g, digit).
func (p *procTerm) jump(n int) {
	p.tb.Helper()
	p.send(procKeyCtrlG)
	p.waitText("Gå til side", 5*time.Second)
	p.send(fmt.Sprint(n))
	p.waitFor(fmt.Sprintf("screen %d", n), 5*time.Second, func(s string) bool {
		return strings.Contains(s, fmt.Sprintf(" %d/%d [", n, procScreens)) && !strings.Contains(s, "Gå til side")
	})
}

// The screens the tests type on.
const (
	procScreenInfo  = 2 // 0. Generell programinformasjon
	procScreenTable = 3 // 1.1 Anskaffe og beholde bolig, focus on 1.1.A.start
	procScreenText  = 5 // 1.2, one long text
)

// checkClean fails the test unless the draft file opens clean.
func (e *procEnv) checkClean() {
	e.tb.Helper()
	if out, errOut, err := e.cli("list"); err != nil {
		e.tb.Fatalf("the draft file does not open clean after the run: %v\n%s%s", err, out, errOut)
	}
}

func TestKillDuringTyping(t *testing.T) {
	e := newProcEnv(t)
	p := e.startUI()
	p.waitText("Ingen rapporter ennå – trykk n", 10*time.Second)
	p.send("n") // asks for the kommune and the year first
	// With more than one built-in edition it asks which first; the 2012
	// edition, which this test types into, is the one offered.
	p.waitFor("the kommune or the choice of edition", 10*time.Second, func(s string) bool {
		return strings.Contains(s, "Ny rapport: hvilken kommune") || strings.Contains(s, "Hvilken mal")
	})
	if strings.Contains(p.screen(), "Hvilken mal") {
		p.send(procKeyEnter)
	}
	p.waitText("Ny rapport: hvilken kommune", 10*time.Second)
	kommune := "Gjøvik kommune"
	p.typeSlowly(kommune, 2*time.Millisecond)
	p.send(procKeyEnter)
	p.waitText(fmt.Sprintf(" 1/%d [", procScreens), 10*time.Second)
	p.waitText("boso · "+kommune, 5*time.Second)

	p.jump(procScreenTable) // focus on 1.1.A.start
	p.waitText(fmt.Sprintf(" %d/%d [", procScreenTable, procScreens), 5*time.Second)
	p.typeSlowly("1455", 2*time.Millisecond)
	p.send(procKeyTab)
	p.typeSlowly("1200", 2*time.Millisecond)
	p.waitText("│      255 │", 5*time.Second) // the computed result: both numbers arrived

	p.jump(procScreenText)
	text := "Bedre bomiljø på Hunnsvegen.\nNye bolig\u00adkontakter – ærlig talt: «gøy»!"
	for _, line := range strings.SplitAfter(text, "\n") {
		p.typeSlowly(strings.TrimSuffix(line, "\n"), time.Millisecond)
		if strings.HasSuffix(line, "\n") {
			p.send(procKeyEnter)
		}
	}
	p.waitText("gøy", 5*time.Second)
	// Past the 400 ms debounce and the save after it.
	time.Sleep(600 * time.Millisecond)
	before := p.dump()
	p.kill()

	list := e.list()
	if len(list) != 1 {
		t.Fatalf("want 1 report after the kill, have %d: %+v", len(list), list)
	}
	x := e.export(list[0].ID)
	for id, want := range map[string]string{"info.kommune": kommune, "1.2": text} {
		if got := x.text(t, id); got != want {
			t.Errorf("after SIGKILL, %s = %q, want %q\njust before the kill, %s", id, got, want, before)
		}
	}
	for id, want := range map[string]string{"1.1.A.start": "1455", "1.1.A.slutt": "1200"} {
		if got := x.number(t, id); got != want {
			t.Errorf("after SIGKILL, %s = %q, want %q", id, got, want)
		}
	}
	e.checkClean()

	// Once more for a cell alone: nothing but the debounced autosave can
	// have saved it, since the kill comes before the screen is left.
	p = e.startUI()
	p.openNewest()
	p.jump(procScreenTable)
	p.send(procKeyTab + procKeyTab) // A.start → A.slutt → B.start
	p.typeSlowly("37", 2*time.Millisecond)
	p.waitFor("B.start to hold 37", 5*time.Second, func(s string) bool { return strings.Contains(s, "▸            37") })
	time.Sleep(600 * time.Millisecond)
	before = p.dump()
	p.kill()
	x = e.export(list[0].ID)
	if got := x.number(t, "1.1.B.start"); got != "37" {
		t.Errorf("after SIGKILL, 1.1.B.start = %q, want \"37\"\njust before the kill, %s", got, before)
	}
	if got := x.text(t, "1.2"); got != text {
		t.Errorf("after the second kill, 1.2 = %q, want %q", got, text)
	}
	e.checkClean()
}

// procKillSoak kills boso again and again on one draft file, each time at a
// random moment after a short burst of keys into the long text 1.2 or the
// cell 1.1.A.start, and checks what survived.
type procKillSoak struct {
	e    *procEnv
	id   string
	rng  *rand.Rand
	text string // 1.2 as stored
	cell string // 1.1.A.start as stored, in digits

	kills      int
	keys       int           // keys typed in all
	lost       int           // keys typed but not on disk after the kill
	lostKills  int           // kills that lost at least one key
	late       int           // kills ≥ procMustKeepAfter after boso showed the last key: nothing may be lost
	maxShowLag time.Duration // the longest boso took to show a burst's last key
	slowSaves  int           // kills past procMustKeepAfter that met the save still being written
	duringSave int           // kills in the window where the save is written
	maxLostAge time.Duration // the oldest key lost, measured at the kill
}

// procMustKeepAfter is how long after boso showed the last key everything
// typed must be on disk: the 400 ms debounce plus time for the write.
const procMustKeepAfter = 600 * time.Millisecond

// newProcKillSoak starts a soak on a new draft file. The seed is random,
// or $BOSO_KILL_SEED to replay a failure; either way it is logged.
func newProcKillSoak(tb testing.TB) *procKillSoak {
	tb.Helper()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("BOSO_KILL_SEED"); s != "" {
		if _, err := fmt.Sscan(s, &seed); err != nil {
			tb.Fatalf("BOSO_KILL_SEED=%q: %v", s, err)
		}
	}
	e := newProcEnv(tb)
	k := &procKillSoak{e: e, id: e.newReport(), rng: rand.New(rand.NewPCG(seed, 0x5eed))}
	tb.Logf("kill soak: seed %d, draft file %s", seed, e.db)
	return k
}

// procTextKeys is what a burst types into the long text: Norwegian letters
// (two bytes in UTF-8, so a read may split them), spaces and line breaks.
var procTextKeys = []rune("abcdefghijklmnopqrstuvwxyzæøåÆØÅ  ")

func (k *procKillSoak) round(tb testing.TB) {
	tb.Helper()
	p := k.e.startUI()
	defer p.close()
	p.openNewest()

	// What the field will hold after each key: states[0] before any key,
	// states[i] after key i. What is stored after the kill must be one of
	// them: a prefix of the burst, never something else.
	var keys []string
	var states []string
	// shows tells whether the screen shows the last state: boso has
	// taken every key, and its 400 ms debounce runs from about then.
	var shows func(screen string) bool
	field := "1.2"
	if k.rng.IntN(3) == 0 {
		field = "1.1.A.start"
		p.jump(procScreenTable)
		p.waitFor("the focus on 1.1.A.start", 5*time.Second, func(s string) bool {
			return strings.Contains(s, "│▸") || strings.Contains(s, "▸ ")
		})
		cur := k.cell
		states = append(states, cur)
		if cur != "" {
			// A filled cell is entered selected: End goes into it first,
			// so the keys below edit its end instead of replacing it.
			keys = append(keys, procKeyEnd)
			states = append(states, cur)
		}
		// Some backspaces, then digits: at most three, so the cell never
		// groups thousands, and at least one key in all.
		nb := k.rng.IntN(len(cur) + 1)
		if nb == 0 && len(cur) == 3 {
			nb = 1
		}
		for range nb {
			keys = append(keys, procKeyBackspace)
			cur = cur[:len(cur)-1]
			states = append(states, cur)
		}
		for range 1 + k.rng.IntN(3-len(cur)) {
			d := byte('0' + k.rng.IntN(10))
			if cur == "" && d == '0' {
				d = '1' + byte(k.rng.IntN(9))
			}
			cur += string(d)
			keys = append(keys, string(d))
			states = append(states, cur)
		}
		focused := regexp.MustCompile(`▸ *` + regexp.QuoteMeta(cur) + ` │`)
		shows = focused.MatchString
	} else {
		p.jump(procScreenText)
		note := lengthNote(k.text)
		p.waitFor("the focus on 1.2 ("+note+")", 5*time.Second, func(s string) bool { return strings.Contains(s, ": "+note) })
		cur := k.text
		states = append(states, cur)
		for range 1 + k.rng.IntN(6) {
			key, r := "", procTextKeys[k.rng.IntN(len(procTextKeys))]
			if k.rng.IntN(12) == 0 {
				key, r = procKeyEnter, '\n'
			} else {
				key = string(r)
			}
			cur += string(r)
			keys = append(keys, key)
			states = append(states, cur)
		}
		final := ": " + lengthNote(cur)
		shows = func(s string) bool { return strings.Contains(s, final) }
	}

	typedAt := make([]time.Time, len(keys))
	for i, key := range keys {
		if i > 0 {
			time.Sleep(time.Duration(k.rng.IntN(40)) * time.Millisecond)
		}
		p.send(key)
		typedAt[i] = time.Now()
	}
	last := typedAt[len(typedAt)-1]
	// A third of the kills anywhere in [0, 700 ms); a third where the
	// debounce fires and the save is being written, the moment a kill is
	// most dangerous; a third in [600, 700 ms), where nothing may be lost.
	var delay time.Duration
	switch k.rng.IntN(3) {
	case 0:
		delay = time.Duration(k.rng.Int64N(int64(700 * time.Millisecond)))
	case 1:
		delay = 350*time.Millisecond + time.Duration(k.rng.Int64N(int64(150*time.Millisecond)))
	default:
		// Late enough that nothing may be lost: the promise itself.
		delay = procMustKeepAfter + time.Duration(k.rng.Int64N(int64(100*time.Millisecond)))
	}
	// Until the kill, watch for boso to show the last key.
	killAt := last.Add(delay)
	var shownAt time.Time
	for time.Now().Before(killAt) {
		if shows(p.screen()) {
			shownAt = time.Now()
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	time.Sleep(time.Until(killAt))
	before := p.dump()
	// The store opens the draft file only for a transaction: open at the
	// kill means a save was being written (on a busy disk, fdatasync can
	// take hundreds of milliseconds).
	inFlight := p.holdsFile(k.e.db)
	killedAt := time.Now()
	p.kill()
	after := killedAt.Sub(last)
	k.kills++
	k.keys += len(keys)
	if after >= 350*time.Millisecond && after < 500*time.Millisecond {
		k.duringSave++
	}
	// The promise is kept from boso's side of the terminal: a kill at least
	// procMustKeepAfter after boso showed the last key must lose nothing.
	// (Measured from the write instead, a busy CI machine that is slow to
	// read the key would fail the test for the machine's sake.)
	mustKeep := !shownAt.IsZero() && killedAt.Sub(shownAt) >= procMustKeepAfter
	if !shownAt.IsZero() {
		k.maxShowLag = max(k.maxShowLag, shownAt.Sub(last))
	}

	// The file opens clean, the report decodes, and what it holds is one of
	// the states the burst went through.
	k.e.checkClean()
	x := k.e.export(k.id)
	var got string
	if field == "1.2" {
		got = x.text(tb, field)
	} else {
		got = x.number(tb, field)
	}
	kept := -1
	for i, s := range states {
		if s == got {
			kept = i
		}
	}
	if kept < 0 {
		tb.Fatalf("kill %d, %v after the last key: %s holds %q, which is none of the states typed %q\n%s",
			k.kills, after, field, got, states, p.dump())
	}
	if lost := len(keys) - kept; lost > 0 {
		k.lost += lost
		k.lostKills++
		k.maxLostAge = max(k.maxLostAge, killedAt.Sub(typedAt[kept]))
		if mustKeep && inFlight {
			// The save did start; bbolt commits it whole or not at all,
			// and the state check above saw no half of it. Slow, not lost.
			k.slowSaves++
			tb.Logf("kill %d, %v after boso showed the last key, met a save still being written: %d keys lost",
				k.kills, killedAt.Sub(shownAt).Round(time.Millisecond), lost)
		} else if mustKeep {
			load, _ := os.ReadFile("/proc/loadavg")
			tb.Fatalf("kill %d came %v after the last key was written and %v after boso showed it, yet %d of %d keys "+
				"are lost, and no save was being written at the kill: %s holds %q, typed %q (load average %s)\n"+
				"just before the kill, %s",
				k.kills, after.Round(time.Millisecond), killedAt.Sub(shownAt).Round(time.Millisecond), lost, len(keys),
				field, got, states[len(states)-1], strings.TrimSpace(string(load)), before)
		}
	}
	if mustKeep {
		k.late++
	}
	// The other answers are as they were.
	if field == "1.2" {
		if c := x.number(tb, "1.1.A.start"); c != k.cell {
			tb.Fatalf("kill %d: typing in 1.2 changed 1.1.A.start from %q to %q", k.kills, k.cell, c)
		}
		k.text = got
	} else {
		if txt := x.text(tb, "1.2"); txt != k.text {
			tb.Fatalf("kill %d: typing in 1.1.A.start changed 1.2 from %q to %q", k.kills, k.text, txt)
		}
		k.cell = got
	}
}

func (k *procKillSoak) report(tb testing.TB) {
	tb.Logf("%d kills (%d at least %v after boso showed the last key, %d in the save window 350–500 ms); "+
		"%d keys typed, %d lost in %d kills (lost keys were typed at most %v before the kill); "+
		"boso showed a last key at most %v after it was typed; %d kills past %v met a save still being written",
		k.kills, k.late, procMustKeepAfter, k.duringSave, k.keys, k.lost, k.lostKills, k.maxLostAge.Round(time.Millisecond),
		k.maxShowLag.Round(time.Millisecond), k.slowSaves, procMustKeepAfter)
}

func TestKillAtRandomMoments(t *testing.T) {
	k := newProcKillSoak(t)
	start := time.Now()
	for range 50 {
		k.round(t)
	}
	k.report(t)
	t.Logf("50 kills took %v", time.Since(start).Round(time.Millisecond))
}

// BenchmarkKillSoak is the soak to run by hand, b.N kills with the same
// checks:
//
//	go test ./tui -run '^$' -bench KillSoak -benchtime 1000x
func BenchmarkKillSoak(b *testing.B) {
	k := newProcKillSoak(b)
	for b.Loop() {
		k.round(b)
	}
	k.report(b)
	b.ReportMetric(float64(k.lost)/float64(max(k.kills, 1)), "lost-keys/kill")
}

// procSignalSaves types into a cell, leaves the screen (which starts a
// background save the signal may meet), types into the long text 1.2 and
// ends boso with end at once, long before the 400 ms autosave: everything
// typed must be on disk. With shown, end comes as soon as the screen shows
// the text, so boso's model holds all of it; without, end comes right after
// the keys are written, while boso may still be working through them.
func procSignalSaves(t *testing.T, start func(e *procEnv) *procTerm, end func(p *procTerm), shown bool) {
	e := newProcEnv(t)
	id := e.newReport()
	p := start(e)
	p.openNewest()
	p.jump(procScreenTable)
	p.typeSlowly("42", time.Millisecond)
	p.waitText("│▸            42", 5*time.Second)
	p.jump(procScreenText)
	text := "Skrevet rett før signalet – æøå"
	if shown {
		p.typeSlowly(text, time.Millisecond)
		p.waitText(text, 5*time.Second)
	} else {
		// Written at once, the text arrives in one read; Bubble Tea makes
		// a message of each word and each space, and the signal lands
		// somewhere among them.
		text = strings.Repeat(text+". ", 4) + "Slutt."
		p.send(text)
	}
	before := p.dump() // once boso has left its screen, the terminal shows the shell's
	sent := time.Now()
	end(p)
	p.waitExit(3 * time.Second)
	t.Logf("boso exited %v after the signal (%v)", p.exitedAt.Sub(sent).Round(time.Millisecond), p.waitErr)
	x := e.export(id)
	if got := x.text(t, "1.2"); got != text {
		t.Errorf("1.2 = %q after the signal, want %q\nbefore the signal, %s\nafter boso exited, the terminal shows:\n%s",
			got, text, before, p.screen())
	}
	if got := x.number(t, "1.1.A.start"); got != "42" {
		t.Errorf("1.1.A.start = %q after the signal, want \"42\"", got)
	}
	e.checkClean()
	if files, _ := filepath.Glob(filepath.Join(e.dir, "boso-nodlagring-*")); len(files) > 0 {
		t.Errorf("an emergency copy was written although the draft file was writable: %v", files)
	}
}

// procSignalCases runs procSignalSaves both ways.
func procSignalCases(t *testing.T, end func(p *procTerm)) {
	start := func(e *procEnv) *procTerm { return e.startUI() }
	t.Run("on screen", func(t *testing.T) { procSignalSaves(t, start, end, true) })
	// Keys already sent when the signal comes are boso's to read: the
	// terminal stays open, so nothing stops it from taking them first.
	t.Run("right after the keys", func(t *testing.T) { procSignalSaves(t, start, end, false) })
}

func TestSigtermSavesAtOnce(t *testing.T) {
	procSignalCases(t, func(p *procTerm) { p.signal(syscall.SIGTERM) })
}

func TestSighupSavesAtOnce(t *testing.T) {
	t.Run("kill -HUP", func(t *testing.T) {
		procSignalCases(t, func(p *procTerm) { p.signal(syscall.SIGHUP) })
	})
	// Closing the terminal window (or a dropped ssh connection): the
	// kernel hangs up the terminal and sends SIGHUP; from then on boso can
	// neither read keys nor draw. Only "on screen": keys still in the
	// terminal when it is hung up are the kernel's to throw away.
	t.Run("window closed", func(t *testing.T) {
		start := func(e *procEnv) *procTerm { return e.startUI() }
		procSignalSaves(t, start, func(p *procTerm) { _ = p.pty.Close() }, true)
	})
	// A hung-up terminal sometimes answers boso's next read with EIO
	// before the SIGHUP is handled (seen in about 1 of 75 closes under
	// load), and Bubble Tea then ends the program on that read error:
	// TestInputFailureSaves makes that failure certain, in-process, since
	// keys from anything but a terminal now go to the line mode.
}

func TestTwoProcesses(t *testing.T) {
	e := newProcEnv(t)
	id := e.newReport()
	a := e.startUI()
	a.openNewest()

	// A is idle with the report open: other programs get the file at once.
	// (The store's lock timeout is 500 ms: a file held by A would make
	// them fail or crawl.)
	for _, args := range [][]string{{"list"}, {"export", id, "--draft"}, {"backup", filepath.Join(e.dir, "kopi.db")}} {
		start := time.Now()
		out, errOut, err := e.cli(args...)
		if err != nil {
			t.Fatalf("boso %s while the UI is open: %v\n%s%s\nUI %s", strings.Join(args, " "), err, out, errOut, a.dump())
		}
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("boso %s took %v while the UI was open", strings.Join(args, " "), took)
		}
	}
	if out, errOut, err := e.cli("--db", filepath.Join(e.dir, "kopi.db"), "list"); err != nil || !strings.Contains(out, id) {
		t.Errorf("the backup taken while the UI was open does not list the report: %v\n%s%s", err, out, errOut)
	}

	// B opens the same report before A has saved anything: B's revision
	// is about to be stale.
	b := e.startUI()
	b.openNewest()

	a.jump(procScreenText)
	a.typeSlowly("AAA", 5*time.Millisecond)
	procWaitStored(t, e, id, "1.2", "AAA")
	a.waitFor("A's header to say Lagret", 5*time.Second, func(s string) bool {
		return strings.Contains(s, "Lagret") && !strings.Contains(s, "Lagrer")
	})

	b.jump(procScreenText)
	b.typeSlowly("BBB", 5*time.Millisecond)
	// B's save is refused (stale revision); B must say so in a sentence
	// and keep B's text as a copy.
	deadline := time.Now().Add(5 * time.Second)
	var list []procSummary
	for {
		list = e.list()
		if len(list) == 2 || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if x := e.export(id); x.text(t, "1.2") != "AAA" {
		t.Errorf("A's report %s: 1.2 = %q, want \"AAA\" (B wrote over A?)", id, x.text(t, "1.2"))
	}
	var copyID string
	for _, s := range list {
		if s.ID != id {
			copyID = s.ID
		}
	}
	if len(list) != 2 || copyID == "" {
		t.Fatalf("want A's report and a copy with B's text, have %+v\nB %s", list, b.dump())
	}
	if x := e.export(copyID); x.text(t, "1.2") != "BBB" {
		t.Errorf("the copy %s: 1.2 = %q, want \"BBB\"", copyID, x.text(t, "1.2"))
	}
	if msg := b.await("B to say that its text went into a copy (a sentence with «kopi»)", 3*time.Second, func(s string) bool {
		return strings.Contains(s, "kopi")
	}); msg != "" {
		t.Error(msg)
	}

	for _, p := range []*procTerm{a, b} {
		p.send(procKeyCtrlC)
		p.waitExit(3 * time.Second)
	}
	if list := e.list(); len(list) != 2 {
		t.Errorf("after both quit, want 2 reports, have %+v", list)
	}
	e.checkClean()
}

// procWaitStored waits until the draft file holds want in text field id.
func procWaitStored(t *testing.T, e *procEnv, id, field, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := e.export(id).text(t, field)
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited 5s for %s to hold %q in the draft file; it holds %q", field, want, got)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestBrokenDraftFile(t *testing.T) {
	// A real draft file with a report in it, to truncate.
	src := newProcEnv(t)
	src.newReport()
	good, err := os.ReadFile(src.db)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		make    func(path string) error
		damaged bool // a file to restore from a backup (not merely a wrong path)
	}{
		{"not a database", func(path string) error { return os.WriteFile(path, []byte("not a database\n"), 0o600) }, true},
		{"truncated", func(path string) error { return os.WriteFile(path, good[:300], 0o600) }, true},
		{"empty", func(path string) error { return os.WriteFile(path, nil, 0o600) }, true},
		// Meta pages intact, the pages they point to cut off.
		{"cut in half", func(path string) error { return os.WriteFile(path, good[:len(good)/2], 0o600) }, true},
		// Meta pages intact, every other page overwritten.
		{"garbage pages", func(path string) error {
			bad := bytes.Clone(good)
			for i := 2 * 4096; i < len(bad); i++ {
				bad[i] = 0xa5
			}
			return os.WriteFile(path, bad, 0o600)
		}, true},
		{"directory", func(path string) error { return os.Mkdir(path, 0o700) }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newProcEnv(t)
			if err := c.make(e.db); err != nil {
				t.Fatal(err)
			}
			before := procSnapshot(t, e.db)
			p := e.startUI()
			start := time.Now()
			p.waitExit(3 * time.Second)
			took := time.Since(start)
			out := ansi.Strip(string(p.output()))
			msg := strings.TrimSpace(strings.ReplaceAll(out, "\r", ""))
			t.Logf("exit %v after %v: %q", p.waitErr, took.Round(time.Millisecond), msg)
			if p.waitErr == nil {
				t.Errorf("boso exited 0 on a broken draft file")
			}
			if strings.Contains(out, "goroutine") || strings.Contains(out, "panic") {
				t.Errorf("boso panicked on the broken draft file:\n%s", out)
			}
			if !strings.Contains(msg, e.db) {
				t.Errorf("the message does not name the file %s: %q", e.db, msg)
			}
			if c.damaged && !strings.Contains(msg, "backup") {
				t.Errorf("the message does not say to restore from «boso backup»: %q", msg)
			}
			if n := strings.Count(msg, "\n"); n > 0 {
				t.Errorf("want one sentence on one line, have %d lines: %q", n+1, msg)
			}
			if after := procSnapshot(t, e.db); after != before {
				t.Errorf("boso changed the broken file: before %s, after %s", before, after)
			}
		})
	}
}

// procSnapshot describes a path's kind, mode and bytes (or entries), so a
// test can tell whether anything touched it.
func procSnapshot(t *testing.T, path string) string {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		return "missing: " + err.Error()
	}
	if fi.IsDir() {
		entries, err := os.ReadDir(path)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return fmt.Sprintf("directory %v %q", fi.Mode(), names)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("file %v, %d bytes, %x", fi.Mode(), len(data), sha256.Sum256(data))
}

// procNovel is a pasted novel, hard-wrapped at 70 columns with a blank
// line between paragraphs, as e-texts are (so a megabyte is some 15 000
// lines): emoji (a family joined by zero-width joiners, a flag), combining
// accents, right-to-left Hebrew and Arabic, tabs, a Windows line end, and
// near the start two escape sequences, one of which would retitle the
// user's terminal window.
func procNovel(size int) string {
	var b strings.Builder
	for i := 1; b.Len() < size; i++ {
		p := fmt.Sprintf("Kapittel %d.\tSaksbehandleren i Gjøvik skrev videre på årsrapporten 👩‍👩‍👧‍👦 🇳🇴 🏠 – "+
			"e\u0301 a\u030a o\u0308 (kombinerende tegn); שלום עולם – مرحبا بالعالم (høyre mot venstre);\t"+
			"og en tabulator. Blåbærsyltetøy, rømmegrøt og kjøttkaker til middag hver torsdag.", i)
		switch i {
		case 3:
			p += " Tittel: \x1b]0;pwned\x07 og rød: \x1b[31mRØD\x1b[0m."
		case 5:
			p += " Windows-linjeslutt:\r"
		}
		line := 0
		for _, word := range strings.SplitAfter(p, " ") {
			if n := utf8.RuneCountInString(word); line+n > 70 && line > 0 {
				b.WriteString("\n")
				line = 0
			}
			b.WriteString(word)
			line += utf8.RuneCountInString(word)
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

func TestPastedNovelAndEscapes(t *testing.T) {
	// A megabyte pastes and saves in a few seconds; $BOSO_PASTE_BYTES
	// tries another size.
	size := 1 << 20
	if s := os.Getenv("BOSO_PASTE_BYTES"); s != "" {
		if _, err := fmt.Sscan(s, &size); err != nil {
			t.Fatalf("BOSO_PASTE_BYTES=%q: %v", s, err)
		}
	}
	novel := procNovel(size)
	// What boso must store: the novel without the control characters of
	// the escape sequences (ESC, BEL), a Windows line end made \n; tabs,
	// line breaks and every other character as pasted.
	want := strings.NewReplacer("\x1b", "", "\x07", "", "\r\n", "\n").Replace(novel)

	e := newProcEnv(t)
	id := e.newReport()
	p := e.startUI()
	p.openNewest()
	p.jump(procScreenText)
	p.waitText(lengthNote(""), 5*time.Second)

	start := time.Now()
	written := make(chan error, 1)
	go func() {
		_, err := io.WriteString(p.keys, "\x1b[200~"+novel+"\x1b[201~")
		written <- err
	}()
	var readAll time.Duration
	select {
	case err := <-written:
		if err != nil {
			t.Fatalf("pasting: %v", err)
		}
		readAll = time.Since(start)
	case <-time.After(60 * time.Second):
		t.Fatalf("boso had not read the %d-byte paste after 60 s\n%s", len(novel), p.dump())
	}
	// The footer counts the characters of the long text in focus: a big
	// count means the paste is in boso's memory.
	p.waitFor("the footer to count the pasted text", 60*time.Second, func(s string) bool {
		return procFooterCount(s) > int64(utf8.RuneCountInString(want)/2)
	})
	pasted := time.Since(start)
	p.waitFor("the header to say Lagret", 60*time.Second, func(s string) bool {
		return strings.Contains(s, "Lagret") && !strings.Contains(s, "Lagrer")
	})
	saved := time.Since(start)
	t.Logf("paste of %d bytes (%d characters): read by boso in %v, in the report after %v, saved after %v",
		len(novel), utf8.RuneCountInString(novel), readAll.Round(time.Millisecond), pasted.Round(time.Millisecond), saved.Round(time.Millisecond))

	// One more key at the end of the text: how long a keystroke takes
	// with a novel in the field.
	n := procFooterCount(p.screen())
	keyAt := time.Now()
	p.send("Z")
	p.waitFor("the key after the paste", 30*time.Second, func(s string) bool { return procFooterCount(s) == n+1 })
	t.Logf("a key typed after the paste showed after %v", time.Since(keyAt).Round(time.Millisecond))
	want += "Z"

	p.send(procKeyCtrlC)
	p.waitExit(10 * time.Second)

	got := e.export(id).text(t, "1.2")
	if got != want {
		t.Errorf("the stored text differs from the paste: %s", procDiff(want, got))
		procExplainPaste(t, want, got)
	}
	if out := p.output(); bytes.Contains(out, []byte("\x1b]0;pwned")) {
		i := bytes.Index(out, []byte("\x1b]0;pwned"))
		t.Errorf("the escape sequence that sets the window title reached the terminal: %q", out[max(0, i-40):min(len(out), i+40)])
	}
	for _, title := range p.windowTitles() {
		if strings.Contains(title, "pwned") {
			t.Errorf("the pasted text set the terminal's window title to %q", title)
		}
	}
	e.checkClean()
}

// procExplainPaste names what was lost between the paste and the draft
// file: tabs, the Windows line end, lines past a limit; and whether the
// rest came through intact.
func procExplainPaste(t *testing.T, want, got string) {
	t.Helper()
	if w, g := strings.Count(want, "\t"), strings.Count(got, "\t"); g != w {
		t.Errorf("tabs: %d pasted, %d stored (README: text keeps line breaks and tabs)", w, g)
	}
	norm := want
	if !strings.Contains(got, "\t") {
		norm = strings.ReplaceAll(norm, "\t", "    ")
	}
	// The novel's one Windows line end ends a paragraph: "\r\n\n".
	const crlf = "Windows-linjeslutt:"
	breaks := func(s string) int {
		i := strings.Index(s, crlf)
		if i < 0 {
			return -1
		}
		return len(s[i+len(crlf):]) - len(strings.TrimLeft(s[i+len(crlf):], "\n"))
	}
	if w, g := breaks(want), breaks(got); g > w {
		t.Errorf("the Windows line end \\r\\n became two line breaks (README: it becomes \\n)")
		norm = strings.Replace(norm, crlf+"\n", crlf+"\n\n", 1)
	}
	if w, g := strings.Count(want, "\n")+1, strings.Count(got, "\n")+1; g < w {
		t.Errorf("lines: %d pasted, %d stored: %d characters after line %d are gone", w, g,
			utf8.RuneCountInString(want)-utf8.RuneCountInString(got), g)
	}
	// The Z typed after the paste lands at the end of what was kept.
	norm, got = strings.TrimSuffix(norm, "Z"), strings.TrimSuffix(got, "Z")
	switch {
	case norm == got:
		t.Logf("apart from the above, the stored text is the paste exactly")
	case strings.HasPrefix(norm, got):
		t.Logf("apart from the above, the stored text is the paste exactly, up to where it ends")
	default:
		t.Logf("the text differs in other ways too: %s", procDiff(norm, got))
	}
}

// procFooterCount reads "…: N tegn" from the screen's footer: the length
// of the long text in focus; -1 when the footer shows none.
func procFooterCount(screen string) int64 {
	m := procCountRe.FindAllStringSubmatch(screen, -1)
	if m == nil {
		return -1
	}
	var n int64
	for _, r := range m[len(m)-1][1] {
		if r >= '0' && r <= '9' {
			n = n*10 + int64(r-'0')
		}
	}
	return n
}

var procCountRe = regexp.MustCompile(`: ([0-9][0-9 \x{a0}]*) tegn`)

// procDiff says where two long texts part: lengths, the first differing
// rune, and the text around it on both sides.
func procDiff(want, got string) string {
	w, g := []rune(want), []rune(got)
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	around := func(r []rune) string { return string(r[max(0, i-30):min(len(r), i+30)]) }
	return fmt.Sprintf("want %d characters, have %d; first difference at character %d:\n want …%q…\n have …%q…",
		len(w), len(g), i, around(w), around(g))
}

func TestPrivacyModes(t *testing.T) {
	// A permissive umask, as some desktops set: what boso creates must
	// still be the owner's alone. The umask is the process's, so this test
	// does not run in parallel with others.
	old := syscall.Umask(0)
	defer syscall.Umask(old)

	e := newProcEnv(t)
	// The default place, under XDG_DATA_HOME, in folders that do not exist yet.
	dataHome := filepath.Join(e.home, "data")
	env := &procEnv{tb: t, bin: e.bin, dir: e.dir, db: "", home: e.home}
	out, errOut, err := env.cliNoDB("new")
	if err != nil {
		t.Fatalf("boso new: %v\n%s%s", err, out, errOut)
	}
	id := strings.TrimSpace(out)
	folder := filepath.Join(dataHome, "boso")
	file := filepath.Join(folder, "boso.db")
	procWantMode(t, folder, 0o700)
	procWantMode(t, file, 0o600)
	for _, f := range procListDir(t, folder) {
		if f != "boso.db" {
			t.Errorf("boso new left %s in the data folder", f)
		}
	}

	// With BOSO_DB in a folder that does not exist yet.
	nested := filepath.Join(e.dir, "ny", "mappe", "boso.db")
	e.db = nested
	e.newReport()
	procWantMode(t, filepath.Join(e.dir, "ny"), 0o700)
	procWantMode(t, filepath.Join(e.dir, "ny", "mappe"), 0o700)
	procWantMode(t, nested, 0o600)

	// An export to a file, new and over an existing one that others could read.
	export := filepath.Join(e.dir, "rapport.json")
	if out, errOut, err := env.cliNoDB("export", id, "--draft", "-o", export); err != nil {
		t.Fatalf("boso export -o: %v\n%s%s", err, out, errOut)
	}
	procWantMode(t, export, 0o600)
	if err := os.Chmod(export, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errOut, err := env.cliNoDB("export", id, "--draft", "-o", export); err != nil {
		t.Fatalf("boso export -o over an existing file: %v\n%s%s", err, out, errOut)
	}
	procWantMode(t, export, 0o600)
	// A backup holds the same names and numbers.
	backup := filepath.Join(e.dir, "kopi.db")
	if out, errOut, err := env.cliNoDB("backup", backup); err != nil {
		t.Fatalf("boso backup: %v\n%s%s", err, out, errOut)
	}
	procWantMode(t, backup, 0o600)
	env.db = file
	env.checkClean()
}

func procWantMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Errorf("%v", err)
		return
	}
	if got := fi.Mode().Perm(); got != want {
		t.Errorf("%s has mode %04o, want %04o", path, got, want)
	}
}

func procListDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestWithoutATerminal: the screens need a terminal for keys and one to
// draw on. Answers piped in go to the line mode, read to their end, exactly
// as «boso --accessible» would take them; a screen that would go into a
// file or a pipe is one sentence instead, and nothing is created.
func TestWithoutATerminal(t *testing.T) {
	lineMode := func(t *testing.T, e *procEnv, stdin string, args ...string) (output []byte, screen string) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		p := e.startUIWith(r, io.Discard, args...)
		r.Close() // boso has its own copy
		if _, err := io.WriteString(w, stdin); err != nil {
			t.Fatal(err)
		}
		w.Close()
		p.waitExit(10 * time.Second)
		if p.waitErr != nil {
			t.Errorf("boso %s with %q piped in: %v\n%s", strings.Join(args, " "), stdin, p.waitErr, p.dump())
		}
		return p.output(), p.screen()
	}
	t.Run("answers piped in (echo 5 | boso)", func(t *testing.T) {
		e := newProcEnv(t)
		out, screen := lineMode(t, e, "5\n")
		if bytes.Contains(out, []byte("\x1b[?1049h")) {
			t.Errorf("boso switched to the full screen:\n%q", procTail(out, 400))
		}
		if _, want := lineMode(t, e, "5\n", "--accessible"); screen != want {
			t.Errorf("piped answers got\n%s\nwhere --accessible got\n%s", screen, want)
		}
	})
	t.Run("nothing in, nothing drawn (boso </dev/null | cat)", func(t *testing.T) {
		e := newProcEnv(t)
		out, errOut, err := e.cliNoDB()
		if err != nil || errOut != "" {
			t.Fatalf("boso </dev/null: %v, stderr %q", err, errOut)
		}
		if strings.Contains(out, "\x1b") {
			t.Errorf("terminal escapes in the output: %q", out)
		}
		if want, _, _ := e.cliNoDB("--accessible"); out != want {
			t.Errorf("boso </dev/null printed\n%s\nwhere --accessible printed\n%s", out, want)
		}
	})
	t.Run("screen into a file (boso > fil)", func(t *testing.T) {
		e := newProcEnv(t)
		ptm, tty, err := pty.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer ptm.Close()
		defer tty.Close()
		file := filepath.Join(e.dir, "fil")
		f, err := os.Create(file)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, e.bin)
		cmd.Env, cmd.Dir = e.environ(), e.dir
		var errOut bytes.Buffer
		cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, f, &errOut
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
		err = cmd.Run()
		if ctx.Err() != nil {
			t.Fatal("boso > fil was still waiting after 10 s")
		}
		if cmd.ProcessState.ExitCode() != 1 {
			t.Errorf("boso > fil: %v, want exit status 1", err)
		}
		if msg := errOut.String(); !strings.HasPrefix(msg, "boso: skjermbildene trenger en terminal") || strings.Count(msg, "\n") != 1 {
			t.Errorf("boso > fil said %q, want one sentence that the screens need a terminal", msg)
		}
		if data, _ := os.ReadFile(file); len(data) > 0 {
			t.Errorf("boso drew into the file: %q", procTail(data, 200))
		}
		if _, err := os.Stat(e.db); err == nil {
			t.Error("boso > fil created the draft file")
		}
	})
}
