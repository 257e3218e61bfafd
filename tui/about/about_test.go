package about

import (
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"boso/store"
)

// TestBuild: where the version comes from in each kind of build.
func TestBuild(t *testing.T) {
	vcs := []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "6a2f91a78bda4ba2340f37248b40c9a2207f2e2a"}}
	tests := []struct {
		name, stamped string
		info          *debug.BuildInfo
		want          string
	}{
		{"release build, -ldflags -X", "v1.2.0", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: vcs},
			"boso v1.2.0\ncommit 6a2f91a78bda4ba2340f37248b40c9a2207f2e2a\neksportformat boso.report.v1\nbygget med go1.26.8 for windows/amd64\n"},
		{"go install of a tag", "", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.1.0"}},
			"boso v1.1.0\neksportformat boso.report.v1\nbygget med go1.26.8 for windows/amd64\n"},
		{"go build in a checkout with changes", "", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261129224741-6a2f91a78bda+dirty"},
			Settings: append(vcs, debug.BuildSetting{Key: "vcs.modified", Value: "true"})},
			"boso v0.0.0-20261129224741-6a2f91a78bda+dirty\ncommit 6a2f91a78bda4ba2340f37248b40c9a2207f2e2a (med endringer som ikke var sjekket inn)\neksportformat boso.report.v1\nbygget med go1.26.8 for windows/amd64\n"},
		{"go run", "", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			"boso (devel)\neksportformat boso.report.v1\nbygget med go1.26.8 for windows/amd64\n"},
	}
	for _, tt := range tests {
		if got := Build(tt.stamped, tt.info, "windows/amd64"); got != tt.want {
			t.Errorf("%s:\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
	if got := Build("", nil, "linux/amd64"); !strings.HasPrefix(got, "boso (devel)\n") {
		t.Errorf("without build info: %q", got)
	}
}

// TestDataFile: the words for where the draft file is, on each system; on
// this one they name the file boso really opens.
func TestDataFile(t *testing.T) {
	for goos, want := range map[string]string{
		"linux":   "$BOSO_DB, ellers $XDG_DATA_HOME/boso/boso.db, ellers ~/.local/share/boso/boso.db",
		"freebsd": "$BOSO_DB, ellers $XDG_DATA_HOME/boso/boso.db, ellers ~/.local/share/boso/boso.db",
		"darwin":  "$BOSO_DB, ellers ~/Library/Application Support/boso/boso.db",
		"windows": `%BOSO_DB%, ellers %LOCALAPPDATA%\boso\boso.db`,
	} {
		if got := DataFile(goos, "BOSO_DB", "boso.db"); got != want {
			t.Errorf("%s: %q, want %q", goos, got, want)
		}
	}
	if runtime.GOOS == "windows" {
		return // the known folder comes from the Windows API, not from HOME
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("BOSO_DB", "")
	t.Setenv("XDG_DATA_HOME", "")
	words := strings.Split(DataFile(runtime.GOOS, "BOSO_DB", "boso.db"), ", ellers ")
	want := filepath.Join(home, strings.TrimPrefix(words[len(words)-1], "~/"))
	if got, err := store.DefaultPath(); err != nil || got != want {
		t.Errorf("the draft file is %q (%v); --help says %q", got, err, want)
	}
}
