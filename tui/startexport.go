package tui

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"boso/model"
	"boso/store"
	"boso/tui/say"
)

// startPreview opens the preview at once, saying that the report is on its
// way, and loads it in a command.
func (s startScreen) startPreview(sum store.Summary) (startScreen, tea.Cmd) {
	w, h := s.size()
	s.previewSeq++
	s.mode = startPreviewing
	s.preview = previewScreen{seq: s.previewSeq, name: strings.TrimPrefix(startReportName(sum), "for "),
		draft: sum.State != string(model.Final)}
	s.preview.setSize(w, h)
	return s, loadPreview(s.c.store, s.c.reg, s.preview.seq, sum.ID, w, s.c.dark)
}

func (s *startScreen) gotPreview(msg previewLoadedMsg) tea.Cmd {
	if s.mode != startPreviewing || msg.seq != s.preview.seq {
		return nil // closed meanwhile, or another report asked for since
	}
	if msg.err != nil {
		s.mode, s.preview = startBrowsing, previewScreen{}
		s.fail("Kunne ikke forhåndsvise rapporten", say.StoreAt(msg.err, s.c.store.Path()))
		return nil
	}
	s.preview.doc = msg.doc
	s.preview.show(msg.rendered, msg.width)
	// The window may have changed size while the report was loading.
	return s.resizePreview()
}

// resizePreview fits the preview to a new window; the text is wrapped
// again for the new width in a command.
func (s *startScreen) resizePreview() tea.Cmd {
	w, h := s.size()
	s.preview.setSize(w, h)
	if !s.preview.loaded || s.preview.width == w {
		return nil
	}
	return rerenderPreview(s.preview.seq, s.preview.doc, w, s.c.dark)
}

func (s startScreen) startExport(sum store.Summary) (startScreen, tea.Cmd) {
	in := newLineInput()
	in.SetValue(startExportName(sum, "json"))
	s.mode, s.target, s.format, s.input = startExporting, sum, "json", in
	return s, s.input.Focus()
}

func (s startScreen) exportKey(msg tea.KeyPressMsg) (startScreen, tea.Cmd) {
	switch {
	case key.Matches(msg, s.keys.back):
		s.mode = startBrowsing
		s.input.Blur()
		s.inform("Ingenting er eksportert.")
		return s, nil
	case key.Matches(msg, s.keys.format):
		s.toggleFormat()
		return s, nil
	case key.Matches(msg, s.keys.open):
		path := strings.TrimSpace(s.input.Value())
		if s.busy {
			return s, nil
		}
		if path == "" {
			s.fail("Kunne ikke eksportere", "skriv inn et filnavn")
			return s, nil
		}
		s.busy = true
		s.clearStatus()
		return s, s.exportReport(s.target.ID, path, s.format)
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	return s, cmd
}

// toggleFormat switches between JSON and Markdown, and the file name's
// extension with it when it has one of the two.
func (s *startScreen) toggleFormat() {
	from, to := "json", "md"
	if s.format == "md" {
		from, to = to, from
	}
	s.format = to
	v := s.input.Value()
	if ext := filepath.Ext(v); strings.EqualFold(ext, "."+from) {
		s.input.SetValue(strings.TrimSuffix(v, ext) + "." + to)
		s.input.CursorEnd()
	}
}

func (s *startScreen) gotExport(msg startExportedMsg) {
	s.busy = false
	if msg.err != nil {
		// The prompt stays open so that the path can be corrected.
		reason := say.StoreAt(msg.err, s.c.store.Path())
		if msg.written {
			reason = say.WriteFile(msg.err)
		}
		s.fail("Kunne ikke eksportere", reason)
		return
	}
	s.mode = startBrowsing
	s.input.Blur()
	text := "Eksportert til " + msg.path
	if msg.draft {
		text += " (kladd)"
	}
	s.inform(text)
}

func (s startScreen) exportReport(id, path, format string) tea.Cmd {
	st, reg := s.c.store, s.c.reg
	return func() tea.Msg {
		r, rec, err := store.GetReport(st, id, reg)
		var ee *model.EditionError
		if err != nil && !errors.As(err, &ee) {
			return startExportedMsg{path: path, err: err}
		}
		data, err := store.Export(r, rec, err, format)
		if err != nil {
			return startExportedMsg{path: path, err: err}
		}
		target := path
		if rest, ok := strings.CutPrefix(path, "~/"); ok {
			if home, err := os.UserHomeDir(); err == nil {
				target = filepath.Join(home, rest)
			}
		}
		err = st.WriteFile(target, data)
		// The confirmation names the whole path: a relative name is
		// relative to wherever boso was started, which the user may not know.
		if abs, aerr := filepath.Abs(target); aerr == nil && err == nil {
			path = abs
		}
		return startExportedMsg{path: path, draft: rec.State != string(model.Final), written: true, err: err}
	}
}

// startExportName is the file an export is offered under, in the current
// folder: "gjovik-kommune-2012.json". Names are reduced to plain ASCII so the
// file travels safely by e-mail and across file systems.
func startExportName(sum store.Summary, format string) string {
	base := startSlug(sum.Kommune)
	if base == "" {
		base = "rapport-" + model.ShortID(sum.ID)
	}
	if sum.Year != 0 {
		base += "-" + strconv.Itoa(sum.Year)
	}
	return base + "." + format
}

// startFolded spells the letters of Norwegian and Sami place names in ASCII.
var startFolded = strings.NewReplacer(
	"æ", "ae", "ø", "o", "å", "a", "ä", "a", "ö", "o", "ü", "u",
	"á", "a", "à", "a", "â", "a", "é", "e", "è", "e", "ê", "e", "í", "i", "ó", "o", "ô", "o", "ú", "u",
	"č", "c", "ç", "c", "đ", "d", "ŋ", "n", "š", "s", "ŧ", "t", "ž", "z", "ß", "ss",
)

func startSlug(s string) string {
	s = startFolded.Replace(strings.ToLower(s))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}
