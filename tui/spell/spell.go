// Package spell checks bokmål spelling offline with the system's Hunspell
// (Debian's hunspell and hunspell-no), read at run time and never embedded:
// the dictionary is GPL. It talks to `hunspell -a` in commands, away from
// the keystroke path; the screens ask it only what it already knows.
package spell

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

// vocabulary is the program's own words, known in every report: the
// ispell form "word/model" gives a word the endings of its model
// (startlånet, startlånene). The last ones are everyday words the Debian
// dictionary lacks.
var vocabulary = []string{
	"startlån/lån", "bostøtte/støtte", "Husbanken", "Husbankens", "booppfølging/oppfølging",
	"boligsosial", "boligsosialt", "boligsosiale",
	"noe", "beboer/eier", "temaer",
}

// InstallHint is the one sentence F7 says when hunspell is not there.
const InstallHint = "Stavekontroll trenger hunspell med norsk ordbok: installer med sudo apt-get install hunspell hunspell-no."

// Config says how to run hunspell.
type Config struct {
	// Command is the program, "hunspell" but in tests.
	Command string
	// Dictionary is hunspell's name for the bokmål dictionary.
	Dictionary string
	// Personal is the user's own word list; words added there count as
	// known in every report from then on.
	Personal string
}

// DefaultConfig is the system's hunspell with the bokmål dictionary and
// the word list $XDG_DATA_HOME/boso/ordliste.txt.
func DefaultConfig() Config {
	return Config{Command: "hunspell", Dictionary: "nb_NO", Personal: personalPath()}
}

func personalPath() string {
	dir := os.Getenv("XDG_DATA_HOME")
	if !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "boso", "ordliste.txt")
}

// Checker is the spelling of the words the screens show. What it knows it
// answers at once (Misspelled); what it does not it notes, and Check
// returns a command that asks hunspell. Its maps belong to the UI's
// goroutine: results come back in a CheckedMsg for Apply.
type Checker struct {
	h *hunspell
	// checked holds what hunspell said of each word asked about: one map,
	// so a word on screen costs one lookup a frame.
	checked map[string]verdict
	// allowed is the report's own words (the kommune's name) and the
	// words the user chose to ignore: known for this session.
	allowed map[string]bool
	pending map[string]bool
	asking  bool
	// waiting is set while a Schedule timer runs.
	waiting bool
	err     error
	// version counts the changes to what Misspelled answers, so an editor
	// may keep the marks of a line it drew before (textedit.VersionedSpeller).
	version uint64
}

// checkDelay is how long words wait to be checked: hunspell is asked at
// most once a second, and not at all by a program that ends sooner.
const checkDelay = time.Second

// TickMsg is the time to ask hunspell about the words that came on screen.
type TickMsg struct{}

// Schedule returns a command that brings a TickMsg after checkDelay when
// words wait to be checked and no timer runs yet; nil otherwise.
func (c *Checker) Schedule() tea.Cmd {
	if c.waiting || c.err != nil || len(c.pending) == 0 {
		return nil
	}
	c.waiting = true
	return tea.Tick(checkDelay, func(time.Time) tea.Msg { return TickMsg{} })
}

// Tick is the timer of Schedule ending: the words noted are checked.
func (c *Checker) Tick() tea.Cmd {
	c.waiting = false
	return c.Check()
}

// New returns a Checker that starts hunspell when it is first asked.
func New(cfg Config) *Checker {
	return &Checker{h: &hunspell{cfg: cfg}, checked: map[string]verdict{}, allowed: map[string]bool{}, pending: map[string]bool{}}
}

// verdict is hunspell's word on a word: unknown, with suggestions, or not.
type verdict struct {
	unknown     bool
	suggestions []string
}

// Close stops hunspell.
func (c *Checker) Close() { c.h.close() }

// Unavailable returns why spelling cannot be checked, once a check found
// out; nil while hunspell works or has not been tried.
func (c *Checker) Unavailable() error { return c.err }

// checkable reports whether a word is one to check: Word's defaults skip
// words in capitals (acronyms such as NAV or DPS) and single letters.
func checkable(word []byte) bool {
	if len(word) < 2 || utf8.RuneCount(word) < 2 {
		return false
	}
	for _, r := range string(word) {
		// Every word on screen is asked in every View: a plain a–z is
		// told without the Unicode tables.
		if 'a' <= r && r <= 'z' || r >= utf8.RuneSelf && unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// Misspelled reports whether hunspell called word unknown. A word not yet
// checked is taken as right, and noted for the next Check.
func (c *Checker) Misspelled(word []byte) bool {
	if c == nil || c.err != nil || !checkable(word) {
		return false
	}
	v, checked := c.checked[string(word)]
	if v.unknown {
		return !c.allowed[string(word)]
	}
	if !checked && !c.pending[string(word)] {
		c.pending[string(word)] = true
	}
	return false
}

// Note notes a word to check with the next Check unless its spelling is
// known, as F7 does with every word of a text before it walks them.
func (c *Checker) Note(word []byte) { c.Misspelled(word) }

// Suggestions returns hunspell's suggestions for a misspelt word.
func (c *Checker) Suggestions(word string) []string { return c.checked[word].suggestions }

// Version changes whenever Misspelled may answer otherwise for a word:
// after Apply, Allow and Add. A nil Checker, which marks nothing, has one.
func (c *Checker) Version() uint64 {
	if c == nil {
		return 0
	}
	return c.version
}

// Allow takes words as known for this session: the report's kommune name,
// or a word the user chose to ignore.
func (c *Checker) Allow(words ...string) {
	c.version++
	for _, w := range words {
		c.allowed[w] = true
	}
}

// CheckedMsg brings back what hunspell said about words.
type CheckedMsg struct {
	Words   []string
	Unknown map[string][]string
	Err     error
}

// Check returns a command that asks hunspell about the words noted since
// the last check, or nil when there are none or a check is under way.
func (c *Checker) Check() tea.Cmd {
	if c == nil || c.asking || c.err != nil || len(c.pending) == 0 {
		return nil
	}
	words := make([]string, 0, len(c.pending))
	for w := range c.pending {
		words = append(words, w)
	}
	clear(c.pending)
	c.asking = true
	h := c.h
	return func() tea.Msg {
		unknown, err := h.check(words)
		return CheckedMsg{Words: words, Unknown: unknown, Err: err}
	}
}

// Busy reports whether words wait for hunspell's answer.
func (c *Checker) Busy() bool { return c.asking || len(c.pending) > 0 }

// Apply takes in what a check found.
func (c *Checker) Apply(msg CheckedMsg) {
	c.asking = false
	c.version++
	if msg.Err != nil {
		c.err = msg.Err
		return
	}
	for _, w := range msg.Words {
		s, bad := msg.Unknown[w]
		c.checked[w] = verdict{unknown: bad, suggestions: s}
	}
}

// AddedMsg is the end of adding a word to the user's word list.
type AddedMsg struct {
	Word string
	Err  error
}

// Add puts a word in the user's word list, so that it counts as known now
// and in every report from then on. It is known at once; the command
// writes the list and tells hunspell.
func (c *Checker) Add(word string) tea.Cmd {
	c.checked[word] = verdict{}
	c.version++
	h, path := c.h, c.h.cfg.Personal
	return func() tea.Msg {
		err := appendWord(path, word)
		if err == nil {
			err = h.accept(word)
		}
		return AddedMsg{Word: word, Err: err}
	}
}

// appendWord adds a line to the word list, made private as the draft file
// is (the list may hold names).
func appendWord(path, word string) error {
	if path == "" {
		return errors.New("spell: no folder for the word list (HOME and XDG_DATA_HOME are unset)")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(f, strings.TrimSpace(word))
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	return err
}

// Path is the user's word list.
func (c *Checker) Path() string { return c.h.cfg.Personal }
