//go:build unix

package tui

// Benchmarks of the real binary, as a case worker meets it: the bytes a
// keystroke sends over the wire (what an SSH, RDP or Citrix session from a
// municipal office carries), the wait for the first screen, and a command
// run from a script. They reuse the pty harness of process_test.go; plain
// «go test» runs none of them.

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"boso/model"
	"boso/store"
)

// procQuiet is how long the program must write nothing for a frame to count
// as finished: three of Bubble Tea's 60-per-second frames.
const procQuiet = 50 * time.Millisecond

// bytesWritten is how many bytes the program has written since it started.
func (p *procTerm) bytesWritten() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.written
}

// awaitWrite waits until the screen satisfies ok, looking again after each
// write, so a benchmark learns the moment the frame arrived and not the
// next tick of a poll.
func (p *procTerm) awaitWrite(what string, ok func(screen string) bool) {
	p.tb.Helper()
	deadline := time.After(10 * time.Second)
	for !ok(p.screen()) {
		select {
		case <-p.wrote:
		case <-p.exited:
			p.waitFor(what, 0, ok) // one more look, and the reason it failed
			return
		case <-deadline:
			p.tb.Fatalf("waited 10 s for %s\n%s", what, p.dump())
		}
	}
}

// settle waits until the screen satisfies ok and then until the program
// has been quiet for procQuiet; it returns bytesWritten then.
func (p *procTerm) settle(what string, ok func(screen string) bool) int {
	p.tb.Helper()
	p.awaitWrite(what, ok)
	for {
		n := p.bytesWritten()
		select {
		case <-p.wrote:
		case <-time.After(procQuiet):
			if m := p.bytesWritten(); m == n {
				return m
			}
		}
	}
}

// cpuTime is the CPU time boso's threads have had so far, from Linux's
// /proc (nanoseconds in each thread's schedstat); false elsewhere.
func (p *procTerm) cpuTime() (time.Duration, bool) {
	dir := fmt.Sprintf("/proc/%d/task", p.cmd.Process.Pid)
	threads, err := os.ReadDir(dir)
	if err != nil {
		return 0, false
	}
	var total time.Duration
	for _, t := range threads {
		data, err := os.ReadFile(filepath.Join(dir, t.Name(), "schedstat"))
		if err != nil {
			continue // a thread that ended meanwhile
		}
		var ns int64
		if _, err := fmt.Sscan(string(data), &ns); err != nil {
			return 0, false
		}
		total += time.Duration(ns)
	}
	return total, true
}

// procKeyDown and procKeyUp are the arrows as xterm sends them.
const (
	procKeyDown = "\x1b[B"
	procKeyUp   = "\x1b[A"
)

// BenchmarkGridKeystrokeBytes counts the bytes boso writes to an 80×24
// terminal for one key in the 1.1 grid of Gjøvik's report, until the frame
// is on screen and the program is quiet. digit: «7» typed at the end of
// 1.1.A.start (7 → 77) and taken back with backspace, in turn, within one
// burst (no save in between). arrow: down and up between 1.1.A.start and
// 1.1.B.start, with nothing unsaved. The time per key is mostly the wait
// for quiet; the figures are bytes/key and, on Linux, the CPU time boso
// spent per key (cpu-us/key: reading the key, Update, View, the renderer,
// the write), less what it spends idle over as long (measured for a
// second before).
func BenchmarkGridKeystrokeBytes(b *testing.B) {
	type key struct {
		send string
		echo *regexp.Regexp // the screen once the key took effect
	}
	cellA := regexp.MustCompile(`│▸ +7 │`)
	cellA77 := regexp.MustCompile(`│▸ +77 │`)
	cellB := regexp.MustCompile(`│▸ +4 │`)
	for _, c := range []struct {
		name string
		keys []key
	}{
		{"digit", []key{{"7", cellA77}, {procKeyBackspace, cellA}}},
		{"arrow", []key{{procKeyDown, cellB}, {procKeyUp, cellA}}},
	} {
		b.Run(c.name, func(b *testing.B) {
			p := procGridGjovik(b)
			p.waitFor("1.1.A.start to hold 7", 5*time.Second, cellA.MatchString)
			p.send(procKeyEnd) // into the number, so typing adds to it
			p.settle("1.1.A.start entered", func(s string) bool { return !strings.Contains(s, "Skriving erstatter") })
			// One round first: the first typed key marks the report unsaved
			// in the header, once per burst, not per key.
			for _, k := range c.keys {
				p.send(k.send)
				p.settle(fmt.Sprintf("%q to show", k.send), k.echo.MatchString)
			}
			idleFrom, measured := p.cpuTime()
			time.Sleep(time.Second)
			idleTo, _ := p.cpuTime()
			idle := float64(idleTo-idleFrom) / float64(time.Second)
			cpuFrom, _ := p.cpuTime()
			start := time.Now()
			sent, bytes := 0, 0
			for b.Loop() {
				k := c.keys[sent%len(c.keys)]
				before := p.bytesWritten()
				p.send(k.send)
				bytes += p.settle(fmt.Sprintf("%q to show", k.send), k.echo.MatchString) - before
				sent++
			}
			b.ReportMetric(float64(bytes)/float64(sent), "bytes/key")
			if cpuTo, ok := p.cpuTime(); measured && ok {
				busy := float64(cpuTo-cpuFrom) - idle*float64(time.Since(start))
				b.ReportMetric(busy/1e3/float64(sent), "cpu-us/key")
			}
		})
	}
}

// procGridGjovik starts boso on Gjøvik's report, at the 1.1 grid.
func procGridGjovik(b *testing.B) *procTerm {
	b.Helper()
	e := newProcEnv(b)
	gjovik, err := filepath.Abs(filepath.Join("..", "testdata", "gjovik-2012.json"))
	if err != nil {
		b.Fatal(err)
	}
	e.mustCLI("import", gjovik)
	p := e.startUI()
	p.openNewest()
	p.jump(procScreenTable)
	return p
}

// BenchmarkFirstFrame1000Reports is the wait from starting boso to the
// start screen's list, over a draft file of 1,000 reports: time to the
// first frame that shows the reports (ms/frame, and the fastest start as
// min-ms/frame, which a loaded machine disturbs least), process start
// included.
func BenchmarkFirstFrame1000Reports(b *testing.B) {
	e := newProcEnv(b)
	st, err := store.Open(e.db)
	if err != nil {
		b.Fatal(err)
	}
	tmpl, ok := model.Builtin().Lookup("arsrapport-2012")
	if !ok {
		b.Fatal("no built-in edition arsrapport-2012")
	}
	for i := range 1000 {
		r := model.NewReport(tmpl, time.Now())
		if err := r.Input("info.kommune", fmt.Sprintf("Kommune %04d", i)); err != nil {
			b.Fatal(err)
		}
		if _, err := store.PutReport(st, r, "", 0); err != nil {
			b.Fatal(err)
		}
	}
	shown := func(s string) bool {
		return strings.Contains(s, "Kommune 0") && !strings.Contains(s, "Henter rapportene")
	}
	var total, fastest time.Duration
	frames := 0
	for b.Loop() {
		start := time.Now()
		p := e.startUI()
		p.awaitWrite("the list of 1,000 reports", shown)
		took := time.Since(start)
		total += took
		if frames == 0 || took < fastest {
			fastest = took
		}
		frames++
		b.StopTimer()
		p.kill()
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(frames), "ms/frame")
	b.ReportMetric(float64(fastest.Microseconds())/1000, "min-ms/frame")
}

// BenchmarkListEmpty is «boso list» on an empty draft file, found through
// XDG_DATA_HOME as a script finds it: the whole run of the process (ms/op,
// and the fastest run as min-ms/op).
func BenchmarkListEmpty(b *testing.B) {
	e := newProcEnv(b)
	if out, errOut, err := e.cliNoDB("list"); err != nil { // makes the file
		b.Fatalf("boso list: %v\n%s%s", err, out, errOut)
	}
	var total, fastest time.Duration
	runs := 0
	for b.Loop() {
		start := time.Now()
		if out, errOut, err := e.cliNoDB("list"); err != nil {
			b.Fatalf("boso list: %v\n%s%s", err, out, errOut)
		}
		took := time.Since(start)
		total += took
		if runs == 0 || took < fastest {
			fastest = took
		}
		runs++
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(runs), "ms/op")
	b.ReportMetric(float64(fastest.Microseconds())/1000, "min-ms/op")
}
