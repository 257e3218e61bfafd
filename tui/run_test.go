package tui

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"boso/model"
	"boso/store"
)

// failingKeys hands out the keys it is given, then fails the way a
// terminal that went away can: with a read error, not a hangup signal.
type failingKeys chan string

func (k failingKeys) Read(p []byte) (int, error) {
	s, ok := <-k
	if !ok {
		return 0, syscall.ECONNRESET
	}
	return copy(p, s), nil
}

// TestInputFailureSaves: when reading the keyboard fails, Bubble Tea ends
// the program on that error without a quit message; what the model holds
// is saved all the same, long before the autosave would have.
func TestInputFailureSaves(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "boso.db"))
	if err != nil {
		t.Fatal(err)
	}
	r := gjovik(t)
	if _, err := store.PutReport(st, r, "1.1/1.1.A.slutt", 0); err != nil {
		t.Fatal(err)
	}
	keys, term := make(failingKeys, 4), newTestTerminal(t, 80, 24)
	done := make(chan error, 1)
	go func() { done <- Run(Options{Store: st, Registry: form2012(), In: keys, Out: term}) }()
	// waitFor sends the keys and waits for what to be on screen.
	waitFor := func(keys failingKeys, send, what string) {
		t.Helper()
		if send != "" {
			keys <- send
		}
		for deadline := time.Now().Add(5 * time.Second); !strings.Contains(term.screen(), what); time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%q never on screen:\n%s", what, term.screen())
			}
		}
	}
	waitFor(keys, "", "Gjøvik kommu")
	waitFor(keys, "\r", "Anskaffe og beholde bolig")
	// The saved position put the cursor on A's 31.12 cell.
	waitFor(keys, "\x7f9", "-2 │") // A's result, -1 before
	close(keys)
	select {
	case err := <-done:
		if err == nil {
			t.Error("Run ended without the read error")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not end when the keyboard failed")
	}
	got, _, err := store.GetReport(st, r.ID, model.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	if got.Value("1.1.A.slutt") != model.NumberValue(9) {
		t.Fatalf("after the keyboard failed the draft holds 1.1.A.slutt = %v, want 9", got.Value("1.1.A.slutt"))
	}
}
