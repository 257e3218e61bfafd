package accessible

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"

	"boso/tui/say"
)

// errInputEnded means the user's input ended (ctrl+d, or the end of a piped
// file): the walk stops, and what was answered is already saved.
var errInputEnded = errors.New("input ended")

// Interrupted is the error Run ends with when a signal (ctrl+c, a closed
// terminal, SIGTERM) stopped it; the answers are saved by then.
type Interrupted struct{ Signal os.Signal }

func (e *Interrupted) Error() string { return "avbrutt av " + e.Signal.String() }

// ExitCode is the shell's status for a program ended by the signal: 128
// and its number (130 for ctrl+c).
func (e *Interrupted) ExitCode() int {
	if s, ok := e.Signal.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 1
}

// clearMark is what the user types to empty a field. Pressing enter alone
// keeps the current answer.
const clearMark = "-"

// readLines reads the input one line at a time, ahead of the questions, on a
// goroutine of its own, so that a question can wait for a line and a
// signal at once. A last line without a newline is a line too.
func readLines(in io.Reader, done <-chan struct{}) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		r := bufio.NewReader(in)
		for {
			line, err := r.ReadString('\n')
			if line != "" || err == nil {
				select {
				case out <- strings.TrimRight(line, "\r\n"):
				case <-done:
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	return out
}

// line waits for the next line typed, or for a signal.
func (s *session) line() (string, error) {
	select {
	case l, ok := <-s.lines:
		if !ok {
			return "", errInputEnded
		}
		if s.echo {
			fmt.Fprintln(s.out, l)
		}
		return l, nil
	case sig := <-s.signals:
		return "", &Interrupted{Signal: sig}
	}
}

// ask asks one question until the answer passes check, and returns it;
// enter alone gives current. A long answer takes lines until an empty one,
// so a text of several paragraphs can be typed or pasted.
func (s *session) ask(title, current string, long bool, check func(string) error) (string, error) {
	for {
		fmt.Fprint(s.out, title+" ")
		answer, err := s.line()
		if err != nil {
			return "", err
		}
		if long && answer != "" {
			var more []string
			for {
				l, err := s.line()
				if errors.Is(err, errInputEnded) {
					break
				}
				if err != nil {
					return "", err
				}
				if l == "" {
					break
				}
				more = append(more, l)
			}
			answer = strings.Join(append([]string{answer}, more...), "\n")
		}
		if answer == "" {
			return current, nil
		}
		if err := check(answer); err != nil {
			s.say(err.Error())
			continue
		}
		return answer, nil
	}
}

// choose prints a numbered list and asks for a number; def (from 1, or 0 for
// none) is what enter picks. It returns the chosen index from 0.
func (s *session) choose(heading string, options []string, question string, def int) (int, error) {
	if heading != "" {
		s.say(heading)
	}
	for i, o := range options {
		s.say(fmt.Sprintf("%d. %s", i+1, o))
	}
	n := len(options)
	title := fmt.Sprintf("%s Skriv et nummer fra 1 til %d:", question, n)
	current := ""
	if def > 0 {
		title = fmt.Sprintf("%s Skriv et nummer fra 1 til %d, eller trykk enter for %d:", question, n, def)
		current = strconv.Itoa(def)
	}
	refusal := fmt.Errorf("Skriv et nummer fra 1 til %d.", n)
	for {
		answer, err := s.ask(title, current, false, func(a string) error {
			if i, err := strconv.Atoi(strings.TrimSpace(a)); err != nil || i < 1 || i > n {
				return refusal
			}
			return nil
		})
		if err != nil {
			return 0, err
		}
		// Without a default, enter gives nothing: ask again.
		if i, err := strconv.Atoi(strings.TrimSpace(answer)); err == nil {
			return i - 1, nil
		}
		s.say(refusal.Error())
	}
}

// confirm asks a yes/no question in Norwegian; enter gives def.
func (s *session) confirm(question string, def bool) (bool, error) {
	hint, current := "(j/n, enter for nei)", "n"
	if def {
		hint, current = "(j/n, enter for ja)", "j"
	}
	answer, err := s.ask(question+" "+hint, current, false, func(a string) error {
		if _, ok := say.YesNo(a); !ok {
			return errors.New("Svar j for ja eller n for nei.")
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	yes, _ := say.YesNo(answer)
	return yes, nil
}
