package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"boso/model"
	"boso/store"
)

// previewScreen shows a report as it will print: its Markdown export,
// drawn for the terminal (renderPreview), in a viewport filling the window.
type previewScreen struct {
	// seq tells this preview's messages from those of one closed earlier,
	// whose report may still be loading.
	seq int
	// name and draft are the list's: "Gjøvik kommune 2012", not yet final.
	name  string
	draft bool
	// doc is kept so that a new window width can be drawn from it.
	doc    model.Printout
	loaded bool
	// width is what the viewport's content was rendered for.
	width int
	vp    viewport.Model
}

// previewLoadedMsg brings the report's Markdown and its first rendering.
type previewLoadedMsg struct {
	seq      int
	doc      model.Printout
	width    int
	rendered string
	err      error
}

// previewRenderedMsg brings the report rendered again for a new width.
type previewRenderedMsg struct {
	seq      int
	width    int
	rendered string
}

// previewKeyMap holds the keys of the preview; it reads like a pager.
type previewKeyMap struct {
	up, down, pageUp, pageDown, top, bottom, close key.Binding
}

func newPreviewKeyMap(k startKeyMap) previewKeyMap {
	return previewKeyMap{
		up:       relabel(k.up, "opp"),
		down:     relabel(k.down, "ned"),
		pageUp:   relabel(startAlso(k.pageUp, "pgup", "b"), "side opp"),
		pageDown: relabel(startAlso(k.pageDown, "pgdn", "space", "f"), "side ned"),
		top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home", "start")),
		bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end", "slutt")),
		close:    key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc/q", "lukk")),
	}
}

// ShortHelp names the keys in pairs, to fit one line of 80 columns.
func (k previewKeyMap) ShortHelp() []key.Binding {
	pair := func(a, b key.Binding, label, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(append(a.Keys(), b.Keys()...)...), key.WithHelp(label, desc))
	}
	return []key.Binding{
		pair(k.up, k.down, "↑/↓", "bla"),
		pair(k.pageUp, k.pageDown, "pgup/pgdn", "side"),
		pair(k.top, k.bottom, "home/end", "start/slutt"),
		k.close,
	}
}

// previewChrome is the title line above the viewport and the help below it.
const previewChrome = 2

// loadPreview reads the report and renders it, away from Update: reading
// the file and rendering a long report both take time.
func loadPreview(st *store.Store, reg *model.Registry, seq int, id string, width int, dark bool) tea.Cmd {
	return func() tea.Msg {
		r, _, err := store.GetReport(st, id, reg)
		if err != nil {
			return previewLoadedMsg{seq: seq, err: err}
		}
		doc := r.Printout(nil)
		return previewLoadedMsg{seq: seq, doc: doc, width: width, rendered: renderPreview(doc, width, dark)}
	}
}

func rerenderPreview(seq int, doc model.Printout, width int, dark bool) tea.Cmd {
	return func() tea.Msg {
		return previewRenderedMsg{seq: seq, width: width, rendered: renderPreview(doc, width, dark)}
	}
}

// setSize fits the viewport to the window, keeping the reader's place.
func (p *previewScreen) setSize(width, height int) {
	offset := p.vp.YOffset()
	p.vp.SetWidth(width)
	p.vp.SetHeight(max(1, height-previewChrome))
	p.vp.SetYOffset(offset)
}

// show puts rendered content in the viewport. A new rendering for another
// width keeps the reader at the same share of the report.
func (p *previewScreen) show(rendered string, width int) {
	share := 0.0
	if p.loaded && p.vp.TotalLineCount() > 0 {
		share = float64(p.vp.YOffset()) / float64(p.vp.TotalLineCount())
	}
	p.vp.SetContent(rendered)
	p.vp.SetYOffset(int(share * float64(p.vp.TotalLineCount())))
	p.width, p.loaded = width, true
}

func (p previewScreen) handleKey(msg tea.KeyPressMsg, k previewKeyMap) previewScreen {
	switch {
	case key.Matches(msg, k.up):
		p.vp.ScrollUp(1)
	case key.Matches(msg, k.down):
		p.vp.ScrollDown(1)
	case key.Matches(msg, k.pageUp):
		p.vp.PageUp()
	case key.Matches(msg, k.pageDown):
		p.vp.PageDown()
	case key.Matches(msg, k.top):
		p.vp.GotoTop()
	case key.Matches(msg, k.bottom):
		p.vp.GotoBottom()
	}
	return p
}

// view draws the title line, the viewport and the help line under it.
func (p previewScreen) view(st Styles, help string, width, height int) string {
	title := "Forhåndsvisning"
	if p.name != "" {
		title += " – " + p.name
	}
	if p.draft {
		title += " (kladd)"
	}
	title = st.Title.Render(title)
	if p.loaded && p.vp.TotalLineCount() > p.vp.Height() {
		pos := fmt.Sprintf("%d %%", int(p.vp.ScrollPercent()*100+0.5))
		if gap := width - lipgloss.Width(title) - lipgloss.Width(pos); gap >= 2 {
			title += strings.Repeat(" ", gap) + st.Dim.Render(pos)
		}
	}
	body := st.Dim.Render("Henter rapporten …")
	if p.loaded {
		body = p.vp.View()
	}
	lines := append([]string{title}, strings.Split(body, "\n")...)
	for len(lines) < height-1 {
		lines = append(lines, "")
	}
	lines = append(lines[:max(1, height-1)], help)
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, width, "…")
	}
	return strings.Join(lines, "\n")
}
