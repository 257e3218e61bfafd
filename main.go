// Command boso is where a municipality's case worker fills in Husbanken's
// annual report for the housing-social development programme, offline, in a
// terminal, and exports it as JSON.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"boso/model"
	"boso/store"
	"boso/tui"
	"boso/tui/about"
	"boso/tui/accessible"
	"boso/tui/editions"
	"boso/tui/manpage"
	"boso/tui/overview"
	"boso/tui/say"
	"boso/tui/usage"
)

func main() {
	// Starting the UI allocates about 4 MB, of which 1 MB is still in
	// use once the first screen shows: at Go's default the first
	// collection came 4 MB in, 6-8 ms after the start, while the first
	// frame was being made, and took one of two cores from it. boso's
	// live data are a few MB; letting the heap grow to five times them
	// (16 MB at the least) before collecting moves that collection past
	// the start.
	debug.SetGCPercent(400)
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// app is what every command shares: the streams and the draft file's path.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	dbPath         string
	templatesDir   string
	reg            *model.Registry
	// skippedTemplates says, a sentence each, which installed template
	// files were left out and why.
	skippedTemplates []string
	// tightened says, once, that the draft file was open to other users
	// and is now the user's alone; the UI shows it on its start screen.
	tightened string
	now       func() time.Time
}

// run executes the command line and returns the exit status; it never lets
// a panic reach the user as a stack trace.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, reg: model.Builtin(), now: time.Now}
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "boso: en intern feil stoppet programmet (%v); ingen data er endret etter siste lagring.\n", p)
			code = 3
		}
	}()
	root := a.commands()
	root.SetArgs(args)
	err := root.Execute()
	if a.tightened != "" {
		fmt.Fprintln(stderr, "boso: "+say.Printable(a.tightened))
	}
	if err == nil {
		return 0
	}
	// The line mode stopped by a signal has said its last words: only
	// its exit status is left (130 for ctrl+c).
	var stopped *accessible.Interrupted
	if errors.As(err, &stopped) {
		return stopped.ExitCode()
	}
	var exit *usage.Exit
	if errors.As(err, &exit) {
		if exit.Msg != "" {
			fmt.Fprintln(stderr, "boso: "+say.Printable(exit.Msg))
		}
		return exit.Code
	}
	fmt.Fprintln(stderr, "boso: "+say.Printable(say.Command(err)))
	return 1
}

func (a *app) commands() *cobra.Command {
	var accessible bool
	root := &cobra.Command{
		Use:           "boso",
		Short:         "Årsrapport for Boligsosialt utviklingsprogram (Husbanken), i terminalen",
		Long:          "boso lar kommunen fylle ut Husbankens årsrapport for Boligsosialt utviklingsprogram, skjerm for skjerm, lagrer alt som kladd underveis, og eksporterer rapporten som JSON.",
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          usage.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if os.Getenv("ACCESSIBLE") != "" || os.Getenv("TERM") == "dumb" {
				accessible = true
			}
			// The screens need a terminal at both ends. Answers piped in
			// (echo 1 | boso, boso < svar.txt) are what the line mode reads,
			// to their end; a screen drawn into a file or a pipe is only
			// noise there, while the user waits for a screen that never comes.
			if !accessible {
				switch {
				case !isTerminal(a.stdin):
					accessible = true
				case !isTerminal(a.stdout):
					return usage.Fail(1, "skjermbildene trenger en terminal, men utdataene går til en fil eller et annet program; "+
						"bruk «boso list» eller «boso export» for å skrive ut rapporter, eller «boso --accessible» for spørsmål linje for linje.")
				}
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			notice := strings.Join(append(a.skippedTemplates, say.Capitalize(a.tightened)), " ")
			a.tightened = ""
			return tui.Run(tui.Options{Store: st, Registry: a.reg, Accessible: accessible, In: a.stdin, Out: a.stdout, Err: a.stderr,
				Notice: strings.TrimSpace(notice)})
		},
		// Every command sees the installed editions; a file that does not
		// load is named once and left out, and everything else works.
		PersistentPreRun: func(cmd *cobra.Command, _ []string) {
			a.loadTemplates()
			if cmd.Parent() == nil {
				return // the UI shows them on its start screen
			}
			for _, s := range a.skippedTemplates {
				fmt.Fprintln(a.stderr, "boso: "+say.Printable(s))
			}
		},
	}
	root.Version = about.Version(version, runtime.GOOS+"/"+runtime.GOARCH)
	root.SetVersionTemplate("{{.Version}}")
	root.Flags().Bool("version", false, "vis versjonen av boso")
	root.PersistentFlags().StringVar(&a.dbPath, "db", "", "bruk `FIL` som kladdefil (standard: "+about.DataFile(runtime.GOOS, "BOSO_DB", "boso.db")+")")
	root.PersistentFlags().StringVar(&a.templatesDir, "templates", "", "hent installerte maler fra `MAPPE` (standard: "+about.DataFile(runtime.GOOS, "BOSO_TEMPLATES", "templates")+")")
	root.Flags().BoolVar(&accessible, "accessible", false, "enkle spørsmål linje for linje, for skjermleser")
	root.AddCommand(a.newCmd(), a.listCmd(), a.exportCmd(), a.importCmd(), a.validateCmd(), a.finalizeCmd(),
		a.schemaCmd(), a.backupCmd(), a.reopenCmd(), a.deleteCmd(), overview.Command(a.registry), manpage.Command(root),
		about.Command(root.Version))
	root.AddCommand(editions.Commands(editions.Env{Registry: a.registry, Dir: a.templateDir, Read: a.readInput})...)
	// Before the completion command is made: it takes its output then.
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	usage.Norwegian(root)
	return root
}

// templateDir is where installed editions live: --templates, else
// $BOSO_TEMPLATES, else $XDG_DATA_HOME/boso/templates.
func (a *app) templateDir() (string, error) {
	if a.templatesDir != "" {
		return a.templatesDir, nil
	}
	return store.TemplateDir()
}

// registry is the editions boso knows, for the commands that ask when they
// run: the installed ones are loaded once the command line is read.
func (a *app) registry() *model.Registry { return a.reg }

// loadTemplates builds the registry from the built-in and the installed
// editions, and words each file that was left out.
func (a *app) loadTemplates() {
	a.reg, a.skippedTemplates = model.Builtin(), nil
	dir, err := a.templateDir()
	if err != nil {
		return // no data folder: the built-in editions are all there is
	}
	files, unreadable := store.ReadTemplates(dir)
	reg, skipped := model.LoadRegistry(files)
	a.reg = reg
	for _, err := range unreadable {
		a.skippedTemplates = append(a.skippedTemplates, say.UnreadableTemplate(dir, err))
	}
	for _, e := range skipped {
		a.skippedTemplates = append(a.skippedTemplates, say.SkippedTemplate(e))
	}
}

// version is what release builds stamp into the binary
// (go build -ldflags "-X main.version=v1.2.0"); empty otherwise.
var version string

// isTerminal reports whether a stream is a terminal (a console on Windows).
func isTerminal(stream any) bool {
	f, ok := stream.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(f.Fd())
}

// draftFile is the draft file's path (--db, $BOSO_DB or the default), and
// whether there is a file there yet.
func (a *app) draftFile() (path string, exists bool, err error) {
	path = a.dbPath
	if path == "" {
		if path, err = store.DefaultPath(); err != nil {
			return "", false, err
		}
	}
	_, err = os.Lstat(path)
	return path, !errors.Is(err, fs.ErrNotExist), nil
}

// openExisting opens the draft file for a command that reads or changes
// what is in it. Such a command makes no file (and no folders) where there
// is none: only the UI and «boso new» start one.
func (a *app) openExisting(prefix string) (*store.Store, error) {
	path, exists, err := a.draftFile()
	switch {
	case err != nil:
		return nil, err
	case !exists:
		return nil, usage.Fail(1, "fant ingen rapport med id «%s»: kladdefilen %s finnes ikke ennå; se «boso list».", prefix, path)
	}
	return a.open()
}

// open opens the draft file, creating it when it is not there.
func (a *app) open() (*store.Store, error) {
	path, _, err := a.draftFile()
	if err != nil {
		return nil, err
	}
	st, err := store.Open(path)
	switch {
	case err == nil:
		if m := st.Loosened(); m != 0 {
			a.tightened = fmt.Sprintf("andre brukere hadde tilgang til kladdefilen %s (%04o); nå er den bare din (0600).", path, m)
		}
		return st, nil
	case errors.Is(err, store.ErrLocked):
		return nil, usage.Fail(1, "kladdefilen %s er i bruk av et annet boso-program akkurat nå; prøv igjen om litt.", path)
	case isDir(path):
		return nil, usage.Fail(1, "%s er en mappe, ikke en kladdefil; bruk --db med et filnavn.", path)
	case errors.Is(err, store.ErrCorrupt):
		return nil, usage.Fail(1, "%s", say.Command(err))
	}
	return nil, usage.Fail(1, "kan ikke åpne kladdefilen %s: %s.", path, say.OS(err))
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// reportArg completes report ids from the draft file.
func (a *app) reportArg(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	st, err := a.openExisting("")
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	list, err := st.List()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	for _, s := range list {
		out = append(out, cobra.CompletionWithDesc(s.ID, fmt.Sprintf("%s %d %s", say.Printable(s.Kommune), s.Year, model.State(s.State).Word())))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// load finds a report by id or unique id prefix.
func (a *app) load(st *store.Store, prefix string) (*model.Report, int64, error) {
	r, rec, err := a.loadStored(st, prefix)
	return r, rec.Revision, err
}

// loadStored is load that also gives the record as stored, even when its
// edition is not installed (the error then wraps a *model.EditionError).
func (a *app) loadStored(st *store.Store, prefix string) (*model.Report, store.Record, error) {
	id, err := st.Resolve(prefix)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, store.Record{}, usage.Fail(1, "fant ingen rapport med id «%s» i %s; se «boso list».", prefix, st.Path())
	case errors.Is(err, store.ErrAmbiguous):
		return nil, store.Record{}, usage.Fail(1, "«%s» passer til flere rapporter; skriv flere tegn av id-en.", prefix)
	case err != nil:
		return nil, store.Record{}, err
	}
	return store.GetReport(st, id, a.reg)
}

// reportCmd is a command that acts on one stored report, named by its id or
// a unique prefix: the draft file is opened and the report read before act.
func (a *app) reportCmd(use, short string, act func(st *store.Store, r *model.Report, rev int64) error) *cobra.Command {
	return a.storedReportCmd(use, short, func(st *store.Store, r *model.Report, rec store.Record, err error) error {
		if err != nil {
			return err
		}
		return act(st, r, rec.Revision)
	})
}

// storedReportCmd is reportCmd for commands that also work on a report whose
// edition is not installed: act then gets the record as stored, and the
// *model.EditionError, and no report.
func (a *app) storedReportCmd(use, short string, act func(st *store.Store, r *model.Report, rec store.Record, edition error) error) *cobra.Command {
	return &cobra.Command{
		Use:               use,
		Short:             short,
		Args:              usage.Needs(1, 1, "én rapport-id (eller begynnelsen av den; se «boso list»)"),
		ValidArgsFunction: a.reportArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.openExisting(args[0])
			if err != nil {
				return err
			}
			r, rec, err := a.loadStored(st, args[0])
			var ee *model.EditionError
			if err != nil && !errors.As(err, &ee) {
				return err
			}
			return act(st, r, rec, err)
		},
	}
}

func (a *app) newCmd() *cobra.Command {
	var templateID, from string
	cmd := &cobra.Command{
		Use:   "new",
		Short: "Lag en ny rapport (kladd) og skriv ut id-en",
		Args:  usage.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := a.open()
			if err != nil {
				return err
			}
			var r *model.Report
			if from != "" {
				prev, _, err := a.load(st, from)
				if err != nil {
					return err
				}
				t := prev.Template
				if templateID != "" {
					var ok bool
					if t, ok = a.reg.Lookup(templateID); !ok {
						return usage.Fail(1, "%s", say.NoTemplate(templateID))
					}
				}
				r = model.CarryOverInto(prev, t, a.now())
			} else {
				t, ok := a.reg.Lookup(templateID)
				if templateID == "" {
					t, ok = a.reg.Default(), a.reg.Default() != nil
				}
				if !ok {
					return usage.Fail(1, "%s", say.NoTemplate(templateID))
				}
				r = model.NewReport(t, a.now())
			}
			if _, err := store.PutReport(st, r, "", 0); err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, r.ID)
			return nil
		},
	}
	cmd.Flags().StringVar(&templateID, "template", "", "rapporten følger malen `ID` (standard: malen til --from-rapporten, ellers standardmalen; se «boso templates»)")
	cmd.Flags().StringVar(&from, "from", "", "før tall og tekster videre fra fjorårets `RAPPORT`")
	_ = cmd.RegisterFlagCompletionFunc("from", a.reportArg)
	return cmd
}

func (a *app) listCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "Vis rapportene i kladdefilen",
		Args:  usage.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var list []store.Summary
			if _, exists, err := a.draftFile(); err != nil {
				return err
			} else if exists {
				st, err := a.open()
				if err != nil {
					return err
				}
				if list, err = st.List(); err != nil {
					return err
				}
			}
			if asJSON {
				if list == nil {
					list = []store.Summary{}
				}
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(list)
			}
			if len(list) == 0 {
				fmt.Fprintln(a.stdout, "Ingen rapporter ennå. Lag den første med «boso new» eller start «boso».")
				return nil
			}
			apart := store.TellApart(list)
			for _, s := range list {
				kommune, year := s.Kommune, "—"
				if kommune == "" {
					kommune = "(uten kommune)"
				}
				if s.Year != 0 {
					year = fmt.Sprint(s.Year)
				}
				deadline, _ := s.Deadline(a.reg, a.now())
				if deadline != "" {
					deadline = "  frist " + deadline
				}
				fmt.Fprintf(a.stdout, "%s  %-24s %-4s  %-7s %3d/%-3d  lagret %s%s%s\n", s.ID, say.Printable(kommune), year, model.State(s.State).Word(),
					s.Answered, s.Total, s.UpdatedAt.Local().Format("02.01.2006 15:04"), deadline, a.edition(s, apart[s.ID]))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "skriv listen som JSON")
	return cmd
}

// edition names, after a report in the list, its edition of the form when
// another report of the same kommune and year follows another one, and says
// when it is not installed: it can be exported, backed up and deleted then,
// but not opened. A copy made when another window saved first names its
// original, so the two can be told apart.
func (a *app) edition(s store.Summary, apart store.Apart) string {
	if !s.Installed(a.reg) {
		return fmt.Sprintf("  (malen %s versjon %d er ikke installert)", s.Template, max(s.TemplateVersion, 1))
	}
	var note string
	if apart.ByEdition {
		note = "  (malen " + s.Template + ")"
	}
	if s.CopyOf != "" {
		note += "  (kopi av " + s.CopyOf + ")"
	}
	return note
}

// writeOut writes to the file named, or to standard output for "" and "-";
// a file is written whole or not at all, readable by the owner only, and
// never over the draft file.
func (a *app) writeOut(st *store.Store, path string, data []byte) error {
	if path == "" || path == "-" {
		_, err := a.stdout.Write(data)
		return err
	}
	if err := st.WriteFile(path, data); err != nil {
		return usage.Fail(1, "kan ikke skrive %s: %v.", path, say.OS(err))
	}
	return nil
}

func (a *app) exportCmd() *cobra.Command {
	var out, format string
	var draft, lastYear bool
	cmd := a.storedReportCmd("export REPORT", "Skriv ut en rapport som JSON (eller Markdown)", func(st *store.Store, r *model.Report, rec store.Record, edition error) error {
		if format != "json" && format != "md" {
			return usage.Fail(1, "ukjent format «%s»; bruk json eller md.", format)
		}
		if lastYear && format != "md" {
			return usage.Fail(1, "--last-year gjelder bare --format md; JSON-eksporten holder én rapport.")
		}
		if rec.State != string(model.Final) && !draft {
			return usage.Fail(1, "rapporten %s er en kladd; gjør den endelig med «boso finalize %s», eller eksporter kladden med --draft.", rec.ID, rec.ID)
		}
		if lastYear && edition == nil {
			return a.writeOut(st, out, model.MarkdownWithLastYear(r, a.previous(st, r)))
		}
		data, err := store.Export(r, rec, edition, format)
		if err != nil {
			return err
		}
		return a.writeOut(st, out, data)
	})
	cmd.Flags().StringVarP(&out, "output", "o", "-", "skriv til `FIL` (- er standard ut)")
	cmd.Flags().StringVar(&format, "format", "json", "skriv som `FORMAT`: json eller md")
	cmd.Flags().BoolVar(&draft, "draft", false, "eksporter også en rapport som ikke er endelig")
	cmd.Flags().BoolVar(&lastYear, "last-year", false, "sett fjorårets tall ved siden av årets i tabellene (md), som skjermbildet gjør; utskriften til Husbanken er uten")
	return cmd
}

// previous is last year's report of r for the printout, or nil; when there
// is none to show, standard error says why and the report is written with
// this year's figures alone.
func (a *app) previous(st *store.Store, r *model.Report) *model.Report {
	prev, err := store.Previous(st, r, a.reg)
	switch {
	case err != nil:
		fmt.Fprintln(a.stderr, "boso: fjorårets rapport kan ikke leses ("+say.Store(err)+"); rapporten skrives uten fjorårets tall.")
	case prev == nil:
		fmt.Fprintln(a.stderr, "boso: fant ingen rapport for året før for samme kommune; rapporten skrives uten fjorårets tall.")
	}
	return prev
}

// readInput reads a file, or standard input for "-", never more than
// import accepts, so that a huge file is refused without being read whole.
func (a *app) readInput(path string) ([]byte, error) {
	data, err := store.ReadNamed(path, a.stdin, model.MaxImportSize+1)
	if err != nil {
		return nil, usage.Fail(2, "kan ikke lese %s: %s.", say.FileName(path), say.OS(err))
	}
	return data, nil
}

func (a *app) decodeFile(path string) (*model.Report, error) {
	data, err := a.readInput(path)
	if err != nil {
		return nil, err
	}
	r, err := model.Decode(data, a.reg)
	if err != nil {
		return nil, usage.Fail(2, "%s: %s.", say.FileName(path), err.Error())
	}
	return r, nil
}

func (a *app) importCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE",
		Short: "Les en JSON-eksport inn som en ny kladd og skriv ut id-en",
		Args:  usage.Needs(1, 1, "én fil (eller - for standard inn)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := a.decodeFile(args[0])
			if err != nil {
				var ee *usage.Exit
				if errors.As(err, &ee) {
					ee.Code = 1
				}
				return err
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			now := a.now()
			r.ID, r.State, r.FinalizedAt, r.CreatedAt, r.UpdatedAt = model.NewID(), model.Draft, nil, now, now
			if _, err := store.PutReport(st, r, "", 0); err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, r.ID)
			return nil
		},
	}
}

// printNotes prints the merknader under a line that says they do not
// stop finalizing, in the form printProblems uses.
func (a *app) printNotes(notes []model.Problem) {
	if len(notes) > 0 {
		fmt.Fprintln(a.stdout, model.NotesHeading(len(notes)))
		a.printProblems(notes)
	}
}

// printProblems prints one problem a line: the field id a script can use,
// the label a person recognises, and what is wrong.
func (a *app) printProblems(ps []model.Problem) {
	for _, p := range ps {
		fmt.Fprintf(a.stdout, "%s (%s): %s\n", p.FieldID, p.Label, p.Message)
	}
}

func (a *app) validateCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "validate FILE|REPORT",
		Short:             "Kontroller en eksport eller en rapport slik «gjør endelig» gjør",
		Args:              usage.Needs(1, 1, "én fil eller én rapport-id"),
		ValidArgsFunction: a.reportArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			var r *model.Report
			var err error
			if fi, statErr := os.Stat(args[0]); args[0] == "-" || statErr == nil && !fi.IsDir() || strings.HasSuffix(args[0], ".json") {
				r, err = a.decodeFile(args[0])
			} else {
				var st *store.Store
				if st, err = a.openExisting(args[0]); err == nil {
					r, _, err = a.load(st, args[0])
				}
				var ee *usage.Exit
				if errors.As(err, &ee) {
					ee.Code = 2
				} else if err != nil {
					err = usage.Fail(2, "%s", say.Command(err))
				}
			}
			if err != nil {
				return err
			}
			ps := model.Validate(r)
			if r.State == model.Final {
				when := ""
				if r.FinalizedAt != nil {
					when = " " + r.FinalizedAt.Local().Format("02.01.2006 15:04")
				}
				fmt.Fprintf(a.stdout, "Rapporten %s er endelig (gjort endelig%s).\n", r.ID, when)
				if len(ps) == 0 {
					fmt.Fprintln(a.stdout, "Ingen mangler.")
					return nil
				}
				a.printProblems(ps)
				return usage.Fail(1, "den endelige rapporten har %s; åpne den som kladd igjen (boso reopen) for å rette dem.", model.ProblemCount(len(ps)))
			}
			a.printProblems(ps)
			notes := model.Notes(r)
			a.printNotes(notes)
			switch {
			case len(ps) > 0:
				return usage.Fail(1, "%s må rettes før rapporten kan gjøres endelig.", model.ProblemCount(len(ps)))
			case len(notes) > 0:
				fmt.Fprintf(a.stdout, "Ingen mangler, men %s: rapporten kan gjøres endelig.\n", model.NoteCount(len(notes)))
			default:
				fmt.Fprintln(a.stdout, "Ingen mangler: rapporten kan gjøres endelig.")
			}
			return nil
		},
	}
}

func (a *app) finalizeCmd() *cobra.Command {
	var yes bool
	cmd := a.reportCmd("finalize REPORT", "Gjør en rapport endelig (samme kontroll som i skjermbildet)", func(st *store.Store, r *model.Report, rev int64) error {
		if r.State == model.Final {
			fmt.Fprintf(a.stdout, "Rapporten %s er allerede endelig.\n", r.ID)
			return nil
		}
		if mangler, notes := model.Check(r); len(mangler) == 0 && len(notes) > 0 && !yes {
			a.printNotes(notes)
			if !a.confirm(fmt.Sprintf("Rapporten %s har %s. Gjøre den endelig likevel?", r.ID, model.NoteCount(len(notes)))) {
				return usage.Fail(1, "rapporten %s er fortsatt en kladd.", r.ID)
			}
		}
		ps, err := model.Finalize(r, a.now())
		if err != nil {
			a.printProblems(ps)
			return usage.Fail(1, "rapporten %s har %s og er fortsatt en kladd.", r.ID, model.ProblemCount(len(ps)))
		}
		if _, err := store.PutReport(st, r, "", rev); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "Rapporten %s er endelig.\n", r.ID)
		return nil
	})
	cmd.Flags().BoolVar(&yes, "yes", false, "ikke spør om merknadene (tomme tekster)")
	return cmd
}

// confirm asks a yes/no question on standard input; anything but yes is no.
func (a *app) confirm(question string) bool {
	fmt.Fprint(a.stdout, question+" [j/N] ")
	var answer string
	_, _ = fmt.Fscanln(a.stdin, &answer)
	yes, _ := say.YesNo(answer)
	return yes
}

func (a *app) reopenCmd() *cobra.Command {
	var yes bool
	cmd := a.reportCmd("reopen REPORT", "Gjør en endelig rapport til kladd igjen", func(st *store.Store, r *model.Report, rev int64) error {
		if r.State != model.Final {
			fmt.Fprintf(a.stdout, "Rapporten %s er allerede en kladd.\n", r.ID)
			return nil
		}
		if !yes && !a.confirm(fmt.Sprintf("Gjøre rapporten %s (%s) til kladd igjen?", r.ID, r.Kommune())) {
			return usage.Fail(1, "ingenting er endret.")
		}
		model.Reopen(r, a.now())
		if _, err := store.PutReport(st, r, "", rev); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "Rapporten %s er en kladd igjen.\n", r.ID)
		return nil
	})
	cmd.Flags().BoolVar(&yes, "yes", false, "ikke spør")
	return cmd
}

func (a *app) deleteCmd() *cobra.Command {
	var yes bool
	cmd := a.storedReportCmd("delete REPORT", "Slett en rapport", func(st *store.Store, _ *model.Report, rec store.Record, _ error) error {
		if !yes && !a.confirm(fmt.Sprintf("Slette rapporten %s (%s)? Den kan ikke hentes tilbake.", rec.ID, rec.Kommune)) {
			return usage.Fail(1, "ingenting er slettet.")
		}
		if err := st.Delete(rec.ID); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "Rapporten %s er slettet.\n", rec.ID)
		return nil
	})
	cmd.Flags().BoolVar(&yes, "yes", false, "ikke spør")
	return cmd
}

func (a *app) schemaCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Skriv ut JSON Schema for eksportformatet " + model.FormatID,
		Args:  usage.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			data, err := model.Schema(a.reg)
			if err != nil {
				return err
			}
			_, err = a.stdout.Write(data)
			return err
		},
	}
}

func (a *app) backupCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "backup FILE",
		Short: "Ta en sikker kopi av kladdefilen (går fint mens boso er åpen)",
		Args:  usage.Needs(1, 1, "filnavnet kopien skal skrives til"),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, exists, err := a.draftFile()
			switch {
			case err != nil:
				return err
			case !exists:
				return usage.Fail(1, "kladdefilen %s finnes ikke ennå; det er ingenting å ta kopi av.", path)
			}
			st, err := a.open()
			if err != nil {
				return err
			}
			if err := st.Backup(args[0]); err != nil {
				var fe *store.FileError
				if errors.As(err, &fe) && fe.Path == args[0] || errors.Is(err, store.ErrDraftFile) {
					return usage.Fail(1, "kunne ikke ta sikkerhetskopi til %s: %s.", args[0], say.OS(err))
				}
				return err
			}
			list, _ := st.List()
			fmt.Fprintf(a.stdout, "Sikkerhetskopi med %d rapporter skrevet til %s.\n", len(list), say.Printable(args[0]))
			return nil
		},
	}
}
