package textedit

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// editorFileMode keeps the file handed to $EDITOR private: reports hold
// personal data about the people the municipality helps.
const editorFileMode = 0o600

// editInExternalEditor hands the text to the user's editor (see
// findEditor) in a file only the user can read, and brings back what was
// saved there. The file is written in the command, not in Update, as all
// disk work is.
func editInExternalEditor(editorID int, text string) tea.Cmd {
	return func() tea.Msg {
		name, args, err := findEditor(runtime.GOOS, os.Getenv, exec.LookPath)
		if err != nil {
			return ExternalEditDoneMsg{EditorID: editorID, Err: err}
		}
		path, err := writeEditorFile(text)
		if err != nil {
			return ExternalEditDoneMsg{EditorID: editorID, Err: editorFileError{err: err}}
		}
		cmd := exec.Command(name, append(args, path)...) //nolint:gosec // the user's own editor
		// The terminal itself: Bubble Tea would hand the editor its own
		// input, which the screens read through a wrapper (tui/input.go),
		// and an editor reading a pipe waits or complains.
		cmd.Stdin = os.Stdin
		hadFinalNewline := strings.HasSuffix(text, "\n")
		return tea.ExecProcess(cmd, func(err error) tea.Msg {
			if err != nil {
				err = editorFailedError{name: name, err: err}
			}
			return readEditorFile(editorID, path, hadFinalNewline, err)
		})()
	}
}

// fallbackEditors are the editors tried when neither $VISUAL nor $EDITOR
// names one that exists: the ones a system of that kind comes with.
func fallbackEditors(goos string) []string {
	if goos == "windows" {
		return []string{"notepad"}
	}
	return []string{"nano", "vi"}
}

// findEditor chooses the program ctrl+e opens, as other terminal programs
// do: $VISUAL, then $EDITOR, then the first of fallbackEditors(goos) that
// is installed. A variable naming a program that is not installed is
// passed over, so that a $VISUAL set for a desktop does not stop it on a
// server. getenv and lookPath are os.Getenv and exec.LookPath but in tests.
func findEditor(goos string, getenv func(string) string, lookPath func(string) (string, error)) (name string, args []string, err error) {
	var tried []string
	for _, variable := range []string{"VISUAL", "EDITOR"} {
		fields := strings.Fields(getenv(variable))
		if len(fields) == 0 {
			continue
		}
		if _, err := lookPath(fields[0]); err == nil {
			return fields[0], fields[1:], nil
		}
		tried = append(tried, fmt.Sprintf("«%s» fra %s", fields[0], variable))
	}
	for _, name := range fallbackEditors(goos) {
		if _, err := lookPath(name); err == nil {
			return name, nil, nil
		}
		tried = append(tried, name)
	}
	return "", nil, noEditorError{goos: goos, tried: tried}
}

// noEditorError is findEditor finding nothing to run. Its text is the one
// sentence the user sees: what was looked for and how to set EDITOR, short
// enough for the status line of an 80-column window.
type noEditorError struct {
	goos  string
	tried []string
}

func (e noEditorError) Error() string {
	how := "export EDITOR=navn"
	if e.goos == "windows" {
		how = "setx EDITOR navn"
	}
	return "Fant " + neitherNor(e.tried) + "; sett EDITOR til ditt program: " + how
}

// neitherNor lists names as Norwegian says none of them was found:
// "ikke a", "verken a eller b", "verken a, b eller c".
func neitherNor(names []string) string {
	if len(names) == 1 {
		return "ikke " + names[0]
	}
	last := len(names) - 1
	return "verken " + strings.Join(names[:last], ", ") + " eller " + names[last]
}

// editorFailedError is the editor not starting or ending with an error
// (vim's :cq); the text is then left as it was, and the user told so.
type editorFailedError struct {
	name string
	err  error
}

func (e editorFailedError) Error() string {
	return "«" + e.name + "» sluttet med en feil, så teksten er som før."
}

func (e editorFailedError) Unwrap() error { return e.err }

func writeEditorFile(text string) (string, error) {
	f, err := os.CreateTemp("", "boso-*.txt")
	if err != nil {
		return "", err
	}
	// CreateTemp makes the file 0600 today; the answer must never be
	// readable by others, so that is not left to a library default.
	err = f.Chmod(editorFileMode)
	if err == nil {
		_, err = f.WriteString(text)
	}
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// readEditorFile takes the text back and removes the file. Editors such as
// vim end a file with a line break; it is dropped unless the text had one,
// so that a round trip through the editor does not grow the answer.
func readEditorFile(editorID int, path string, hadFinalNewline bool, runErr error) tea.Msg {
	content, err := os.ReadFile(path)
	_ = os.Remove(path)
	if runErr != nil {
		return ExternalEditDoneMsg{EditorID: editorID, Err: runErr}
	}
	if err != nil {
		return ExternalEditDoneMsg{EditorID: editorID, Err: editorFileError{read: true, err: err}}
	}
	text := string(content)
	if !hadFinalNewline {
		text = strings.TrimSuffix(strings.TrimSuffix(text, "\n"), "\r")
	}
	return ExternalEditDoneMsg{EditorID: editorID, Text: text}
}

// editorFileError is the file between boso and the editor failing to be
// written or read back.
type editorFileError struct {
	read bool
	err  error
}

func (e editorFileError) Error() string {
	if e.read {
		return "Kunne ikke lese teksten tilbake fra redigeringsprogrammet, så den er som før."
	}
	return "Kunne ikke lage en fil til redigeringsprogrammet i " + os.TempDir() + "."
}

func (e editorFileError) Unwrap() error { return e.err }
