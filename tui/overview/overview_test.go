package overview

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"boso/model"
	"boso/tui/usage"
)

const gjovik = "../../testdata/gjovik-2012.json"

func runSummary(t *testing.T, stdin []byte, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := Command(model.Builtin)
	var out, errOut bytes.Buffer
	cmd.SetIn(bytes.NewReader(stdin))
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SetArgs(args)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	err = cmd.Execute()
	return out.String(), errOut.String(), err
}

// TestUnreadableFilesAreNamed: a file that cannot be read is named on
// standard error, the rest are summed, and the command fails without a
// sentence of its own; only JSON also carries the skipped file.
func TestUnreadableFilesAreNamed(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "borte.json")
	out, errOut, err := runSummary(t, nil, gjovik, missing)
	var exit *usage.Exit
	if !errors.As(err, &exit) || exit.Code != 1 || exit.Msg != "" {
		t.Errorf("with a file skipped: %#v, want exit 1 and nothing more said", err)
	}
	if want := "boso: " + missing + " kan ikke leses (finnes ikke).\n"; errOut != want {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
	if !strings.Contains(out, "Gjøvik kommune") {
		t.Errorf("the readable file is not summed:\n%s", out)
	}
	js, _, _ := runSummary(t, nil, "--format", "json", gjovik, missing)
	var doc struct {
		Skipped []struct{ File, Reason string } `json:"skipped"`
	}
	if err := json.Unmarshal([]byte(js), &doc); err != nil || len(doc.Skipped) != 1 {
		t.Errorf("JSON's skipped files: %v %+v", err, doc.Skipped)
	}
}

// TestStandardInputAndWidth: "-" reads standard input, and the table is
// laid out for $COLUMNS.
func TestStandardInputAndWidth(t *testing.T) {
	data, err := os.ReadFile(gjovik)
	if err != nil {
		t.Fatal(err)
	}
	for _, columns := range []string{"60", "120"} {
		t.Setenv("COLUMNS", columns)
		fromFile, _, err1 := runSummary(t, nil, gjovik)
		fromStdin, _, err2 := runSummary(t, data, "-")
		if err1 != nil || err2 != nil || fromFile != fromStdin {
			t.Errorf("COLUMNS=%s: a file and standard input differ (%v, %v)", columns, err1, err2)
		}
	}
	t.Setenv("COLUMNS", "60")
	narrow, _, _ := runSummary(t, nil, gjovik)
	t.Setenv("COLUMNS", "120")
	if wide, _, _ := runSummary(t, nil, gjovik); narrow == wide {
		t.Error("the table is laid out alike at 60 and 120 columns")
	}
}

func TestUnknownFormat(t *testing.T) {
	_, _, err := runSummary(t, nil, "--format", "xlsx", gjovik)
	var exit *usage.Exit
	if !errors.As(err, &exit) || exit.Code != 1 || exit.Msg != "ukjent format «xlsx»; bruk table, csv, md eller json." {
		t.Errorf("--format xlsx: %#v", err)
	}
}
