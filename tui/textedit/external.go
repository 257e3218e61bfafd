package textedit

import (
	"os"
	"os/exec"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// editorFileMode keeps the file handed to $EDITOR private: reports hold
// personal data about the people the municipality helps.
const editorFileMode = 0o600

// editInExternalEditor hands the text to $EDITOR (nano when unset) in a
// file only the user can read, and brings back what was saved there. The
// file is written in the command, not in Update, as all disk work is.
func editInExternalEditor(editorID int, text string) tea.Cmd {
	return func() tea.Msg {
		path, err := writeEditorFile(text)
		if err != nil {
			return ExternalEditDoneMsg{EditorID: editorID, Err: err}
		}
		name, args := externalEditorCommand()
		cmd := exec.Command(name, append(args, path)...) //nolint:gosec // the user's own editor
		hadFinalNewline := strings.HasSuffix(text, "\n")
		return tea.ExecProcess(cmd, func(err error) tea.Msg {
			return readEditorFile(editorID, path, hadFinalNewline, err)
		})()
	}
}

func externalEditorCommand() (string, []string) {
	fields := strings.Fields(os.Getenv("EDITOR"))
	if len(fields) == 0 {
		return "nano", nil
	}
	return fields[0], fields[1:]
}

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
		return ExternalEditDoneMsg{EditorID: editorID, Err: err}
	}
	text := string(content)
	if !hadFinalNewline {
		text = strings.TrimSuffix(strings.TrimSuffix(text, "\n"), "\r")
	}
	return ExternalEditDoneMsg{EditorID: editorID, Text: text}
}
