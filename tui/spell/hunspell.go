package spell

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
)

// hunspell is one `hunspell -a` process, started on first use and spoken
// to over its pipes (the ispell protocol): a line "^word" asks about the
// word, and the answer is a line per word and an empty line. "*" or "+ root"
// or "-" is a known word; "& word n offset: suggestions" or "# word offset"
// an unknown one. It is used only from commands, never on the keystroke
// path; mu keeps one conversation at a time.
type hunspell struct {
	cfg Config

	mu     sync.Mutex
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Reader
	err    error // why hunspell cannot be used; once set, it stays
	// proc is the process while it runs, for close to end it without
	// taking mu: a check may hold mu for seconds (suggestions for a long
	// compound), and the program's exit must not wait for them.
	proc atomic.Pointer[os.Process]
}

// errNotInstalled is hunspell or its bokmål dictionary missing.
var errNotInstalled = errors.New("hunspell with a bokmål dictionary is not installed")

// start runs hunspell and reads its greeting; without one (no program, no
// dictionary) spell checking is off for the session.
func (h *hunspell) start() error {
	if h.cmd != nil || h.err != nil {
		return h.err
	}
	path, err := exec.LookPath(h.cfg.Command)
	if err != nil {
		h.err = errNotInstalled
		return h.err
	}
	args := []string{"-a", "-i", "utf-8", "-d", h.cfg.Dictionary}
	if h.cfg.Personal != "" {
		args = append(args, "-p", h.cfg.Personal)
	}
	cmd := exec.Command(path, args...)
	stdin, err := cmd.StdinPipe()
	if err == nil {
		var stdout io.ReadCloser
		if stdout, err = cmd.StdoutPipe(); err == nil {
			h.stdout = bufio.NewReader(stdout)
			err = cmd.Start()
		}
	}
	if err != nil {
		h.err = fmt.Errorf("spell: start hunspell: %w", err)
		return h.err
	}
	h.cmd, h.stdin = cmd, stdin
	h.proc.Store(cmd.Process)
	// hunspell greets with "@(#) International Ispell Version…"; one that
	// lacks the dictionary says so on stderr and exits.
	greeting, err := h.stdout.ReadString('\n')
	if err != nil || !strings.HasPrefix(greeting, "@(#)") {
		h.stop()
		h.err = errNotInstalled
		return h.err
	}
	// The program's own words count as known in every text, with the
	// endings of the model word after the slash.
	for _, w := range vocabulary {
		if _, err := fmt.Fprintf(h.stdin, "@%s\n", w); err != nil {
			return h.fail(err)
		}
	}
	return nil
}

// fail ends the session after the pipe broke: checking stops, the text is
// left as it is.
func (h *hunspell) fail(err error) error {
	h.stop()
	h.err = fmt.Errorf("spell: hunspell: %w", err)
	return h.err
}

func (h *hunspell) stop() {
	if h.cmd == nil {
		return
	}
	h.proc.Store(nil)
	_ = h.stdin.Close()
	_ = h.cmd.Process.Kill()
	_ = h.cmd.Wait()
	h.cmd = nil
}

// running is the hunspell process while it runs, else nil.
func (h *hunspell) running() *os.Process { return h.proc.Load() }

// check asks about words and returns the unknown ones with hunspell's
// suggestions. The words are written from another goroutine while the
// answers are read, so that neither pipe fills up and stops both sides.
func (h *hunspell) check(words []string) (map[string][]string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := h.start(); err != nil {
		return nil, err
	}
	written := make(chan error, 1)
	go func() {
		w := bufio.NewWriter(h.stdin)
		for _, word := range words {
			_, _ = w.WriteString("^" + word + "\n")
		}
		written <- w.Flush()
	}()
	unknown := map[string][]string{}
	for _, word := range words {
		for {
			line, err := h.stdout.ReadString('\n')
			if err != nil {
				<-written
				return nil, h.fail(err)
			}
			line = strings.TrimRight(line, "\n")
			if line == "" {
				break
			}
			switch line[0] {
			case '&':
				_, list, _ := strings.Cut(line, ": ")
				unknown[word] = strings.Split(list, ", ")
			case '#':
				unknown[word] = nil
			}
		}
	}
	if err := <-written; err != nil {
		return nil, h.fail(err)
	}
	return unknown, nil
}

// accept makes hunspell take word as known for the rest of the session
// (the user's word list on disk is written by the Checker).
func (h *hunspell) accept(word string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.cmd == nil {
		return h.err
	}
	if _, err := fmt.Fprintf(h.stdin, "@%s\n", word); err != nil {
		return h.fail(err)
	}
	return nil
}

// close ends hunspell at once: a check under way reads the end of its
// answers and fails, and leaves mu to stop.
func (h *hunspell) close() {
	if p := h.running(); p != nil {
		_ = p.Kill()
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.stop()
}
