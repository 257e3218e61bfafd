package tui

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"boso/tui/spell"
)

// Before, ctrl+e with neither $VISUAL nor $EDITOR set and no nano did
// nothing, without a word.
func TestCtrlEWithoutAnEditorSaysHowToSetOne(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows names notepad and setx; the sentence for each system is tested in textedit")
	}
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "")
	t.Setenv("PATH", t.TempDir())
	d := newDriver(t, 80, 24)
	d.newReport()
	d.goToSection("1.2")
	d.typeText("Svar")
	d.key("ctrl+e")
	d.requireScreen("Fant verken nano eller vi; sett EDITOR til ditt program: export EDITOR=navn")
	if got := shown(d.report(), "1.2"); got != "Svar" {
		t.Errorf("1.2 = %q", got)
	}
}

// Undo goes on where it left off after the user leaves a long answer's
// screen or a table's comment and comes back, while the report is open; a
// report opened again starts with no history.
func TestUndoReachesBackPastLeavingTheField(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.newReport()
	d.goToSection("1.2")
	d.requireScreen("ctrl+z angre")
	d.typeText("Første svar")
	d.key("pgdown")
	d.key("pgup")
	d.key("ctrl+z")
	if got := shown(d.report(), "1.2"); got != "Første " {
		t.Errorf("ctrl+z after coming back: 1.2 = %q", got)
	}
	d.key("ctrl+y")
	if got := shown(d.report(), "1.2"); got != "Første svar" {
		t.Errorf("ctrl+y: 1.2 = %q", got)
	}

	d.goToSection("1.1")
	d.report().focusField("1.1.A.kommentar")
	d.typeText("Kommentar")
	d.key("tab")
	d.key("shift+tab")
	d.key("ctrl+z")
	if got := shown(d.report(), "1.1.A.kommentar"); got != "" {
		t.Errorf("ctrl+z in a comment after tab and shift+tab: %q", got)
	}
	d.key("ctrl+y")
	d.key("esc")
	d.openNewest()
	d.goToSection("1.2")
	d.key("ctrl+z")
	if got := shown(d.report(), "1.2"); got != "Første svar" {
		t.Errorf("ctrl+z in a report opened again: 1.2 = %q", got)
	}
}

func TestHelpListsUndoAndRedo(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.newReport()
	d.goToSection("1.2")
	d.key("f1")
	d.requireScreen("ctrl+z", "angre", "ctrl+y", "gjør om", "ctrl+e", "skriv i eget program")
}

// realSpelling gives the driver the system's hunspell with a word list of
// the test's own, or skips the test, saying why, when there is none.
func realSpelling(t *testing.T, d *driver) string {
	t.Helper()
	list := filepath.Join(t.TempDir(), "boso", "ordliste.txt")
	cfg := spell.DefaultConfig()
	cfg.Personal = list
	c := spell.New(cfg)
	t.Cleanup(c.Close)
	c.Note([]byte("hei"))
	c.Apply(c.Check()().(spell.CheckedMsg))
	if c.Unavailable() != nil {
		t.Skipf("no hunspell with nb_NO (apt-get install hunspell hunspell-no): F7 not tried with it: %v", c.Unavailable())
	}
	d.m.c.spell = c
	return list
}

// spellSettled waits until hunspell has answered about the words asked.
func (d *driver) spellSettled() {
	d.t.Helper()
	d.waitFor(func() bool { return !d.m.c.spell.Busy() })
}

// While F7 walks the words, every key but ctrl+c goes to the walk: the
// footer offers only what ends it, and no note speaks of ctrl+e.
func TestSpellWalkFooterOffersItsKeys(t *testing.T) {
	d := newDriver(t, 80, 24)
	realSpelling(t, d)
	d.put(gjovik(t))
	d.openNewest()
	d.goToSection("2.A")
	d.key("f7")
	d.spellSettled()
	d.requireScreen("Stavekontroll: ukjent ord")
	status, keys := footerOf(d.screen())
	if keys != "esc ferdig" || strings.Contains(status, "ctrl+e") {
		t.Errorf("during the spelling walk the footer reads:\n%s\n%s", status, keys)
	}
	d.key("esc")
	if _, keys := footerOf(d.screen()); !strings.Contains(keys, "neste felt") {
		t.Errorf("after the walk the footer reads %q", keys)
	}
}

// F7 walks the unknown words of the answer in focus with hunspell's
// suggestions: a digit replaces, i ignores, l adds to the word list.
func TestSpellCheckWalksUnknownWords(t *testing.T) {
	d := newDriver(t, 80, 24)
	list := realSpelling(t, d)
	d.put(gjovik(t))
	d.openNewest()
	d.goToSection("2.A")
	d.key("f7")
	d.spellSettled()
	d.requireScreen("Stavekontroll: ukjent ord «foranalysen»", "i ignorer", "l legg til i ordlisten")
	if v := d.m.View().Content; !strings.Contains(v, "\x1b[4mgjennomføringsføringsfasen\x1b[24m") {
		t.Errorf("the misspelt word is not marked:\n%q", v)
	}
	d.typeText("i")
	d.requireScreen("ukjent ord «gjennomføringsføringsfasen»", "1 gjennomføringsbestemmelsen")
	d.typeText("1")
	d.requireScreen("Ingen ukjente ord i teksten.")
	if got := shown(d.report(), "2.A.1"); strings.Contains(got, "gjennomføringsføringsfasen") || !strings.Contains(got, "gjennomføringsbestemmelsen") {
		t.Errorf("not replaced: %q", got)
	}
	d.key("ctrl+z")
	if got := shown(d.report(), "2.A.1"); !strings.Contains(got, "gjennomføringsføringsfasen") {
		t.Error("ctrl+z did not take the replacement back")
	}

	d.goToSection("4.1")
	d.key("f7")
	d.spellSettled()
	d.requireScreen("ukjent ord «Kunnskapsutviklig»", "1 Kunnskapsutvikling")
	d.key("enter")
	// foranalysen was ignored above, for the rest of the session.
	d.requireScreen("ukjent ord «vedtaksbasert»")
	d.typeText("l")
	d.requireScreen("ukjent ord «Rambøll»")
	d.key("esc")
	if strings.Contains(d.screen(), "Stavekontroll:") {
		t.Error("esc did not end the walk")
	}
	if got := shown(d.report(), "4.1.A"); !strings.HasPrefix(got[strings.Index(got, "Kunnskapsutvikling"):], "Kunnskapsutvikling") || strings.Contains(got, "Kunnskapsutviklig ") {
		t.Errorf("4.1.A not replaced: %q", got)
	}
	d.waitFor(func() bool { data, _ := os.ReadFile(list); return strings.Contains(string(data), "vedtaksbasert") })
	if data, err := os.ReadFile(list); err != nil || string(data) != "vedtaksbasert\n" {
		t.Errorf("word list %q, %v", data, err)
	}
	if v := d.m.View().Content; strings.Contains(v, "\x1b[4mvedtaksbasert") {
		t.Error("a word added to the list is still marked")
	}
}

// Without hunspell F7 says how to install it, and nothing else changes.
func TestSpellCheckWithoutHunspellSaysHowToInstallIt(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.put(gjovik(t))
	d.openNewest()
	d.goToSection("2.A")
	d.key("f7")
	d.spellSettled()
	// The sentence wraps at 80 columns.
	if screen := strings.Join(strings.Fields(d.screen()), " "); !strings.Contains(screen, spell.InstallHint) {
		t.Errorf("f7 without hunspell:\n%s", d.screen())
	}
	if v := d.m.View().Content; strings.Contains(v, "\x1b[4m") {
		t.Error("words are marked without hunspell")
	}
	d.typeText("x")
	if got := shown(d.report(), "2.A.1"); !strings.HasSuffix(got, "x") {
		t.Errorf("typing after f7: %q", got)
	}
}
