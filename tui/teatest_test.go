package tui

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"boso/model"
	"boso/store"
)

// TestProgramEndToEnd runs the root model in a real Bubble Tea program
// (teatest): open Gjøvik's report from the list, go to 1.1, change a figure,
// and quit with ctrl+c, which saves before the program ends. The final
// screen is a golden file; the draft file must hold the change.
func TestProgramEndToEnd(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			st, err := store.Open(filepath.Join(t.TempDir(), "boso.db"))
			if err != nil {
				t.Fatal(err)
			}
			r := gjovik(t)
			r.UpdatedAt = reportNow
			if _, err := store.PutReport(st, r, "1.1/1.1.A.slutt", 0); err != nil {
				t.Fatal(err)
			}
			m := New(Options{Store: st, Registry: form2012()}, func() time.Time { return reportNow })
			tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(size.w, size.h))
			term := newTestTerminal(t, size.w, size.h)
			output := io.TeeReader(tm.Output(), term)
			waitScreen := func(want string) {
				teatest.WaitFor(t, output, func([]byte) bool { return strings.Contains(term.screen(), want) },
					teatest.WithDuration(5*time.Second))
			}
			waitScreen("Gjøvik kommune")
			tm.Send(keyPress("enter"))
			waitScreen("Anskaffe og beholde bolig")
			// The saved position put the cursor on A's 31.12 cell.
			tm.Send(keyPress("backspace"))
			tm.Send(keyText("9"))
			waitScreen("-2 │") // A's result, -1 before
			tm.Send(keyPress("ctrl+c"))
			final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
			golden.RequireEqual(t, []byte(ansi.Strip(final.View().Content)))

			got, _, err := store.GetReport(st, r.ID, model.Builtin())
			if err != nil {
				t.Fatal(err)
			}
			if got.Value("1.1.A.slutt") != model.NumberValue(9) {
				t.Fatalf("after ctrl+c the draft holds 1.1.A.slutt = %v, want 9", got.Value("1.1.A.slutt"))
			}
		})
	}
}
