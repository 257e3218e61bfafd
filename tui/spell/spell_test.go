package spell

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// realChecker is the system's hunspell with the bokmål dictionary and a word
// list of the test's own; the test is skipped, saying why, without them.
func realChecker(t *testing.T, personal string) *Checker {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Personal = personal
	c := New(cfg)
	t.Cleanup(c.Close)
	if err := c.h.start(); err != nil {
		t.Skipf("no hunspell with nb_NO (apt-get install hunspell hunspell-no), spelling not tested against it: %v", err)
	}
	return c
}

// check asks the checker about words as the UI does, and returns the ones
// it calls misspelt.
func check(t *testing.T, c *Checker, words ...string) map[string]bool {
	t.Helper()
	for _, w := range words {
		c.Misspelled([]byte(w))
	}
	if cmd := c.Check(); cmd != nil {
		c.Apply(cmd().(CheckedMsg))
	}
	bad := map[string]bool{}
	for _, w := range words {
		if c.Misspelled([]byte(w)) {
			bad[w] = true
		}
	}
	return bad
}

func TestTyposOfTheSeedReportAreFound(t *testing.T) {
	c := realChecker(t, filepath.Join(t.TempDir(), "ordliste.txt"))
	typos := []string{"Kunnskapsutviklig", "booppfølgning", "gjennomføringsføringsfasen"}
	bad := check(t, c, typos...)
	for _, w := range typos {
		if !bad[w] {
			t.Errorf("%s not found", w)
		}
	}
	if s := c.Suggestions("booppfølgning"); len(s) == 0 || s[0] != "booppfølging" {
		t.Errorf("suggestions for booppfølgning: %q", s)
	}
	if s := c.Suggestions("Kunnskapsutviklig"); len(s) == 0 || s[0] != "Kunnskapsutvikling" {
		t.Errorf("suggestions for Kunnskapsutviklig: %q", s)
	}
}

func TestNorwegianWordsAreKnown(t *testing.T) {
	c := realChecker(t, filepath.Join(t.TempDir(), "ordliste.txt"))
	words := []string{"blåbær", "ærlig", "søknad", "gjennomføring", "måloppnåelse", "kompetanseheving", "Øvre", "Ålesund",
		// The program's own words, with endings.
		"startlån", "startlånet", "bostøtte", "bostøtten", "Husbanken", "booppfølging", "booppfølgingen", "noe", "beboere",
		// Skipped as Word skips them: capitals, single letters.
		"DPS", "GOBB", "m", "x"}
	if bad := check(t, c, words...); len(bad) > 0 {
		t.Errorf("flagged: %v", bad)
	}
	c.Allow("Gjøvikregionen")
	if bad := check(t, c, "Gjøvikregionen"); len(bad) > 0 {
		t.Errorf("an allowed word is flagged: %v", bad)
	}
}

func TestAWordAddedIsNotFlaggedAgain(t *testing.T) {
	list := filepath.Join(t.TempDir(), "boso", "ordliste.txt")
	c := realChecker(t, list)
	if bad := check(t, c, "Bosoarbeidet"); !bad["Bosoarbeidet"] {
		t.Fatal("Bosoarbeidet is known before it is added")
	}
	done := c.Add("Bosoarbeidet")().(AddedMsg)
	if done.Err != nil {
		t.Fatal(done.Err)
	}
	if bad := check(t, c, "Bosoarbeidet"); len(bad) > 0 {
		t.Error("flagged again in the same session")
	}
	if info, err := os.Stat(list); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("word list: %v %v", info, err)
	}
	// The next session reads it from the word list.
	next := realChecker(t, list)
	if bad := check(t, next, "Bosoarbeidet", "booppfølgning"); bad["Bosoarbeidet"] || !bad["booppfølgning"] {
		t.Errorf("next session: %v", bad)
	}
}

func TestWithoutHunspellNothingIsFlagged(t *testing.T) {
	for _, cfg := range []Config{
		{Command: "boso-no-such-hunspell", Dictionary: "nb_NO"},
		{Command: "hunspell", Dictionary: "xx_XX"},
	} {
		c := New(cfg)
		if bad := check(t, c, "booppfølgning"); len(bad) > 0 {
			t.Errorf("%+v: flagged %v", cfg, bad)
		}
		if !errors.Is(c.Unavailable(), errNotInstalled) {
			t.Errorf("%+v: Unavailable() = %v", cfg, c.Unavailable())
		}
		if c.Check() != nil {
			t.Errorf("%+v: checks again after failing", cfg)
		}
		c.Close()
	}
}

// Words that come on screen are checked at most once a checkDelay, by one
// timer at a time.
func TestWordsAreCheckedAfterADelayByOneTimer(t *testing.T) {
	c := New(Config{Command: "boso-no-such-hunspell"})
	if c.Schedule() != nil {
		t.Error("a timer with no words to check")
	}
	c.Misspelled([]byte("ord"))
	if c.Schedule() == nil {
		t.Fatal("no timer for a word to check")
	}
	c.Misspelled([]byte("flere"))
	if c.Schedule() != nil {
		t.Error("a second timer while one runs")
	}
	cmd := c.Tick()
	if cmd == nil || !c.Busy() {
		t.Fatal("the timer's end did not check the words")
	}
	msg := cmd().(CheckedMsg)
	if len(msg.Words) != 2 {
		t.Errorf("checked %q", msg.Words)
	}
	c.Apply(msg)
	if c.Busy() || c.Schedule() != nil {
		t.Error("still busy after hunspell was found missing")
	}
}

// Every change to what Misspelled answers changes Version, so an editor
// that keeps a line's marks by it never shows them stale; noting a word
// changes no answer.
func TestVersionChangesWithTheAnswers(t *testing.T) {
	c := New(Config{Command: "boso-no-such-hunspell"})
	steps := []struct {
		name   string
		change func()
		word   string
		bad    bool
	}{
		{"hunspell calls words unknown", func() {
			unknown := map[string][]string{"feill": {"feil"}, "bosoord": nil, "annet": nil}
			c.Apply(CheckedMsg{Words: []string{"feill", "bosoord", "annet"}, Unknown: unknown})
		}, "feill", true},
		{"the user ignores one", func() { c.Allow("feill") }, "feill", false},
		{"the user adds one to the word list", func() { c.Add("bosoord") }, "bosoord", false},
		{"hunspell is found missing", func() { c.Apply(CheckedMsg{Err: errNotInstalled}) }, "annet", false},
	}
	for _, s := range steps {
		before := c.Version()
		c.Misspelled([]byte("ukjentord"))
		if c.Version() != before {
			t.Errorf("before %s: noting a word changed the version", s.name)
		}
		s.change()
		if c.Version() == before {
			t.Errorf("%s: the version stayed %d", s.name, before)
		}
		if got := c.Misspelled([]byte(s.word)); got != s.bad {
			t.Errorf("%s: Misspelled(%q) = %v", s.name, s.word, got)
		}
	}
}

// Quitting does not wait for hunspell: suggestions for a long compound take
// it seconds, and the program's exit, which closes the checker, waited on a
// blank screen until the check under way was answered.
func TestCloseDoesNotWaitForACheckUnderWay(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in hunspell is a shell script")
	}
	// A hunspell that greets and then never answers.
	fake := filepath.Join(t.TempDir(), "hunspell")
	script := "#!/bin/sh\necho '@(#) International Ispell Version 3.2.06 (but really Hunspell 1.7.1)'\nexec sleep 600\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	c := New(Config{Command: fake, Dictionary: "nb_NO"})
	c.Misspelled([]byte("gjennomføringsføringsfasen"))
	checked := make(chan CheckedMsg, 1)
	cmd := c.Check()
	go func() { checked <- cmd().(CheckedMsg) }()
	// The check has the conversation once hunspell runs.
	for c.h.running() == nil {
		runtime.Gosched()
	}
	closed := make(chan struct{})
	go func() { c.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(30 * time.Second):
		t.Fatal("Close still waits for hunspell's answer after 30 s")
	}
	if msg := <-checked; msg.Err == nil {
		t.Errorf("the check cut off by Close found %v and no error", msg.Unknown)
	}
}
