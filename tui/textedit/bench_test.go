package textedit

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// editorBenchText is Gjøvik's answer 3.2 repeated to size bytes, with its
// paragraphs or as one paragraph.
func editorBenchText(size int, single bool) string {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "gjovik-2012.json"))
	if err != nil {
		panic(err)
	}
	var report struct {
		Values map[string]any `json:"values"`
	}
	if err := json.Unmarshal(data, &report); err != nil {
		panic(err)
	}
	unit, _ := report.Values["3.2"].(string)
	unit += "\n"
	if single {
		unit = strings.ReplaceAll(unit, "\n", " ")
	}
	text := strings.Repeat(unit, size/len(unit)+1)
	text = text[:size]
	for !utf8.ValidString(text) {
		text = text[:len(text)-1]
	}
	return text
}

var editorBenchSizes = []struct {
	name  string
	bytes int
}{{"5KB", 5 << 10}, {"100KB", 100 << 10}, {"1MB", 1 << 20}}

var editorBenchWindows = [][2]int{{80, 24}, {200, 60}}

// BenchmarkEditorKeystroke measures what one key costs: Update and the View
// after it. Keys alternate typing and backspace so the answer keeps its
// length. The cursor is at the end (where SetValue leaves it) or in the
// middle of the answer.
func BenchmarkEditorKeystroke(b *testing.B) {
	keys := []tea.Msg{keyText("x"), keyPress("backspace")}
	for _, size := range editorBenchSizes {
		for _, shape := range []string{"paragraphs", "single"} {
			text := editorBenchText(size.bytes, shape == "single")
			for _, window := range editorBenchWindows {
				for _, where := range []string{"end", "middle"} {
					name := fmt.Sprintf("%s/%s/%dx%d/%s", size.name, shape, window[0], window[1], where)
					b.Run(name, func(b *testing.B) {
						e := New(testCursorOn, testCursorOff)
						e.SetSize(window[0], window[1])
						e.SetValue(text)
						e.Focus()
						if where == "middle" {
							e.cursor = e.snapped(e.posOfByte(len(text) / 2))
							e.top = e.topPos(e.scrolledTop())
						}
						// The first edit moves the gap to the cursor.
						e = editorSend(e, keys[0], keys[1])
						_ = e.View()
						b.ReportAllocs()
						i := 0
						for b.Loop() {
							e, _ = e.Update(keys[i%2])
							_ = e.View()
							i++
						}
					})
				}
			}
		}
	}
}

// BenchmarkHuhTextKeystroke is the same keystroke in huh's Text field, for
// comparison. It stops at 100 KB: 1 MB takes seconds per key.
func BenchmarkHuhTextKeystroke(b *testing.B) {
	keys := []tea.Msg{keyText("x"), keyPress("backspace")}
	for _, size := range editorBenchSizes[:2] {
		for _, shape := range []string{"paragraphs", "single"} {
			text := editorBenchText(size.bytes, shape == "single")
			for _, window := range editorBenchWindows {
				name := fmt.Sprintf("%s/%s/%dx%d", size.name, shape, window[0], window[1])
				b.Run(name, func(b *testing.B) {
					value := text
					form := huh.NewForm(huh.NewGroup(huh.NewText().Value(&value))).
						WithWidth(window[0]).WithHeight(window[1])
					form.Init()
					b.ReportAllocs()
					i := 0
					for b.Loop() {
						next, _ := form.Update(keys[i%2])
						form = next.(*huh.Form)
						_ = form.View()
						i++
					}
				})
			}
		}
	}
}

// BenchmarkEditorKeystrokeLongHistory is a key in a 1 MB answer whose
// history is full (historySteps steps): typing and backspace (which the open
// typing step takes in), a typed key after a pause (a new step, and the
// oldest forgotten), and undo and redo in turn.
func BenchmarkEditorKeystrokeLongHistory(b *testing.B) {
	for _, shape := range []string{"paragraphs", "single"} {
		text := editorBenchText(1<<20, shape == "single")
		for _, keys := range []struct {
			name  string
			keys  []tea.Msg
			pause bool
		}{
			{"type", []tea.Msg{keyText("x"), keyPress("backspace")}, false},
			{"type-after-pause", []tea.Msg{keyText("x")}, true},
			{"undo-redo", []tea.Msg{keyPress("ctrl+z"), keyPress("ctrl+y")}, false},
		} {
			b.Run(fmt.Sprintf("1MB/%s/80x24/%s", shape, keys.name), func(b *testing.B) {
				e := New(testCursorOn, testCursorOff)
				e.SetSize(80, 24)
				e.SetValue(text)
				e.Focus()
				clock := &testClock{now: time.Date(2013, 2, 10, 14, 3, 0, 0, time.UTC)}
				e.clock = clock.time
				e.cursor = e.snapped(e.posOfByte(len(text) / 2))
				for range historySteps {
					clock.now = clock.now.Add(2 * typingPause)
					e = editorSend(e, keyText("o"), keyText("r"), keyText("d"), keyPress("space"))
				}
				_ = e.View()
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					if keys.pause {
						clock.now = clock.now.Add(2 * typingPause)
					}
					e, _ = e.Update(keys.keys[i%len(keys.keys)])
					_ = e.View()
					i++
				}
			})
		}
	}
}
