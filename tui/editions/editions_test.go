package editions

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"boso/model"
	"boso/store"
	"boso/tui/usage"
)

// boso runs one command of the package with the editions installed in dir.
func boso(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	env := Env{
		Registry: func() *model.Registry {
			files, problems := store.ReadTemplates(dir)
			reg, skipped := model.LoadRegistry(files)
			if len(problems) > 0 || len(skipped) > 0 {
				t.Fatalf("installed editions: %v %v", problems, skipped)
			}
			return reg
		},
		Dir:  func() (string, error) { return dir, nil },
		Read: os.ReadFile,
	}
	root := &cobra.Command{Use: "boso", SilenceErrors: true, SilenceUsage: true}
	root.AddCommand(Commands(env)...)
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetArgs(args)
	err := root.Execute()
	return out.String(), err
}

// refusal is the sentence of a command that ran and refused (exit status 1).
func refusal(err error) string {
	var exit *usage.Exit
	if !errors.As(err, &exit) || exit.Code != 1 {
		return fmt.Sprintf("not a refusal: %#v", err)
	}
	return exit.Msg
}

func TestAddThenShow(t *testing.T) {
	dir := t.TempDir()
	mini := filepath.Join("..", "..", "model", "testdata", "halvarsrapport-mini.yaml")
	out, err := boso(t, dir, "template", "add", mini)
	if want := "Malen halvarsrapport-mini versjon 1 er installert som " + filepath.Join(dir, "halvarsrapport-mini-v1.yaml") + ".\n"; err != nil || out != want {
		t.Fatalf("add: %q, %v; want %q", out, err, want)
	}
	if out, _ := boso(t, dir, "templates"); !strings.Contains(out, "halvarsrapport-mini      versjon 1   Boligsosialt utviklingsprogram – Halvårsrapport (test) · "+filepath.Join(dir, "halvarsrapport-mini-v1.yaml")) {
		t.Errorf("templates after add:\n%s", out)
	}
	if out, err := boso(t, dir, "template", "show", "halvarsrapport-mini"); err != nil || !strings.HasPrefix(out, "halvarsrapport-mini – Boligsosialt utviklingsprogram – Halvårsrapport (test)\n") {
		t.Errorf("show: %v\n%s", err, out)
	}
	// Adding it again replaces the file; the same id and version in
	// another file is refused.
	if _, err := boso(t, dir, "template", "add", mini); err != nil {
		t.Errorf("add again: %v", err)
	}
	other := filepath.Join(dir, "annen.yaml")
	if err := os.Rename(filepath.Join(dir, "halvarsrapport-mini-v1.yaml"), other); err != nil {
		t.Fatal(err)
	}
	want := "malen halvarsrapport-mini versjon 1 finnes allerede (" + other + "); gi den nye utgaven et høyere versjonsnummer (version: 2)."
	if _, err := boso(t, dir, "template", "add", mini); refusal(err) != want {
		t.Errorf("add over another file's edition: %v, want %q", err, want)
	}
}

func TestCheckAndShowRefuse(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "feil.yaml")
	if err := os.WriteFile(bad, []byte("id: x\nversion: 1\nsections: [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := boso(t, t.TempDir(), "template", "check", bad)
	if !strings.HasPrefix(out, bad+":4: ") || refusal(err) != bad+" har 1 feil og kan ikke brukes." {
		t.Errorf("check of a broken file: %q, %v", out, err)
	}
	if _, err := boso(t, t.TempDir(), "template", "show", "finnes-ikke"); refusal(err) != "malen «finnes-ikke» finnes ikke; se «boso templates»." {
		t.Errorf("show of an unknown id: %v", err)
	}
}
