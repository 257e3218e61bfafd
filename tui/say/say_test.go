package say

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"boso/model"
	"boso/store"
)

func TestCapitalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"disken er full", "Disken er full"},
		{"ærlig talt", "Ærlig talt"},
		{"ønsket svar mangler", "Ønsket svar mangler"},
		{"året må være 2012", "Året må være 2012"},
		{"Allerede stor", "Allerede stor"},
		{"1 455 er for mye", "1 455 er for mye"},
		{"\xffødelagt", "\xffødelagt"},
	} {
		if got := Capitalize(tc.in); got != tc.want {
			t.Errorf("Capitalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSentence(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "Ukjent feil."},
		{"   ", "Ukjent feil."},
		{"åpne filen først", "Åpne filen først."},
		{" skriv et tall. ", "Skriv et tall."},
		{"er du sikker?", "Er du sikker?"},
		{"stopp!", "Stopp!"},
	} {
		if got := Sentence(tc.in); got != tc.want {
			t.Errorf("Sentence(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := Error(errors.New("ønsker et tall")); got != "Ønsker et tall." {
		t.Errorf("Error = %q", got)
	}
}

func pathErr(errno syscall.Errno) error {
	return fmt.Errorf("store: put 8534: %w", &fs.PathError{Op: "open", Path: "/tmp/.boso-123", Err: errno})
}

func TestOS(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{pathErr(syscall.ENOSPC), "disken er full"},
		{pathErr(syscall.EDQUOT), "disken er full"},
		{pathErr(syscall.ENOENT), "finnes ikke"},
		{pathErr(syscall.EROFS), "stedet er skrivebeskyttet"},
		{pathErr(syscall.EACCES), "ingen tilgang"},
		{pathErr(syscall.EPERM), "ingen tilgang"},
		{pathErr(syscall.EISDIR), "det er en mappe, ikke en fil"},
		{pathErr(syscall.ENOTDIR), "en del av stien er en fil, ikke en mappe"},
		{pathErr(syscall.EEXIST), "finnes allerede"},
		{pathErr(syscall.EIO), "lese- eller skrivefeil på disken"},
		{&os.LinkError{Op: "rename", Old: "a", New: "b", Err: syscall.EXDEV}, syscall.EXDEV.Error()},
		{errors.New("noe annet"), "noe annet"},
		{&store.KindError{Path: "/tmp/r", Mode: fs.ModeNamedPipe}, "det er et rør (FIFO), ikke en vanlig fil"},
		{&store.KindError{Path: "/dev/null", Mode: fs.ModeDevice | fs.ModeCharDevice}, "det er en enhet, ikke en vanlig fil"},
		{&store.KindError{Path: "/tmp/s", Mode: fs.ModeSocket}, "det er en sokkel, ikke en vanlig fil"},
		{fmt.Errorf("write x: %w", store.ErrDraftFile), "det er selve kladdefilen; velg et annet filnavn"},
		{pathErr(syscall.EFBIG), "filen blir for stor for filsystemet"},
	} {
		if got := OS(tc.err); got != tc.want {
			t.Errorf("OS(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}

func TestStore(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("store: get 1234: %w", err) }
	for _, tc := range []struct {
		err                     error
		store, at, line, cmd, w string
	}{
		{
			err:   wrap(store.ErrLocked),
			store: "kladdefilen er i bruk av et annet boso-program akkurat nå",
			at:    "kladdefilen er i bruk av et annet boso-program akkurat nå",
			line:  "kladdefilen er i bruk av et annet boso-program akkurat nå. Det prøves igjen ved neste svar.",
			cmd:   "kladdefilen er i bruk av et annet boso-program akkurat nå; prøv igjen om litt.",
		},
		{
			err:   wrap(store.ErrCorrupt),
			store: "kladdefilen er skadet eller er ikke en boso-fil",
			at:    "kladdefilen er skadet eller er ikke en boso-fil (hent den siste sikkerhetskopien, eller start boso med --db og en annen fil)",
			line:  "kladdefilen er skadet eller er ikke en boso-fil.",
		},
		{
			err:   wrap(store.ErrConflict),
			store: "rapporten er endret i et annet vindu",
			at:    "rapporten er endret i et annet vindu",
			line:  "rapporten er endret i et annet vindu.",
			cmd:   "rapporten ble endret av et annet boso-program samtidig; prøv igjen.",
		},
		{
			err:   wrap(store.ErrNotFound),
			store: "rapporten finnes ikke lenger; den kan være slettet i et annet vindu",
			at:    "rapporten finnes ikke lenger; den kan være slettet i et annet vindu",
			line:  "rapporten finnes ikke lenger; den kan være slettet i et annet vindu.",
			cmd:   "rapporten finnes ikke lenger.",
		},
		{
			err:   pathErr(syscall.ENOSPC),
			store: "disken er full",
			at:    "disken er full",
			line:  "disken er full. Det prøves igjen ved neste svar.",
			w:     "disken er full",
		},
		{
			err:   pathErr(syscall.EACCES),
			store: "boso har ikke lov til å skrive der",
			at:    "boso har ikke lov til å bruke kladdefilen /d/boso.db",
			line:  "boso har ikke lov til å skrive der. Det prøves igjen ved neste svar.",
			w:     "boso har ikke lov til å skrive der",
		},
		{
			err:   pathErr(syscall.EROFS),
			store: "boso har ikke lov til å skrive der",
			at:    "boso har ikke lov til å skrive der",
			line:  "boso har ikke lov til å skrive der. Det prøves igjen ved neste svar.",
			w:     "stedet er skrivebeskyttet",
		},
		{
			err:   pathErr(syscall.ENOENT),
			store: "mappen finnes ikke (lenger)",
			at:    "kladdefilen /d/boso.db finnes ikke lenger",
			line:  "mappen finnes ikke (lenger). Det prøves igjen ved neste svar.",
			w:     "mappen finnes ikke",
		},
		{
			err:   pathErr(syscall.EISDIR),
			store: "det er en mappe, ikke en fil",
			at:    "det er en mappe, ikke en fil",
			line:  "det er en mappe, ikke en fil. Det prøves igjen ved neste svar.",
			w:     "det finnes en mappe med det navnet",
		},
	} {
		if got := Store(tc.err); got != tc.store {
			t.Errorf("Store(%v) = %q, want %q", tc.err, got, tc.store)
		}
		if got := StoreAt(tc.err, "/d/boso.db"); got != tc.at {
			t.Errorf("StoreAt(%v) = %q, want %q", tc.err, got, tc.at)
		}
		if got := Line(tc.err); got != tc.line {
			t.Errorf("Line(%v) = %q, want %q", tc.err, got, tc.line)
		}
		if tc.cmd != "" {
			if got := Command(tc.err); got != tc.cmd {
				t.Errorf("Command(%v) = %q, want %q", tc.err, got, tc.cmd)
			}
		}
		if tc.w != "" {
			if got := WriteFile(tc.err); got != tc.w {
				t.Errorf("WriteFile(%v) = %q, want %q", tc.err, got, tc.w)
			}
		}
	}
}

func TestCommandParserErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"unknown command \"fjas\" for \"boso\"", "ukjent kommando \"fjas\"; se «boso --help»."},
		{"unknown flag: --fjas", "ukjent valg --fjas; se «boso --help»."},
		// pflag's English ("'q' in -q") does not leak.
		{"unknown shorthand flag: 'q' in -q", "ukjent valg -q; se «boso --help»."},
		{"", "ukjent feil."},
		{"allerede en setning.", "allerede en setning."},
		{"mangler punktum", "mangler punktum."},
	} {
		if got := Command(errors.New(tc.in)); got != tc.want {
			t.Errorf("Command(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFlag(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"flag needs an argument: --output", "valget --output trenger en verdi; se «boso export --help»."},
		{"flag needs an argument: 'o' in -o", "valget -o trenger en verdi; se «boso export --help»."},
		{"unknown shorthand flag: 'q' in -q", "ukjent valg -q; se «boso export --help»."},
		{"unknown flag: --fjas", "ukjent valg --fjas; se «boso export --help»."},
		{`invalid argument "ja" for "--draft" flag: strconv.ParseBool: parsing "ja": invalid syntax`,
			"«ja» er ikke en gyldig verdi for --draft; se «boso export --help»."},
		// Anything else pflag says is said as any other error is.
		{"bad flag syntax: -", "bad flag syntax: -."},
	} {
		if got := Flag(errors.New(tc.in), "boso export"); got != tc.want {
			t.Errorf("Flag(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestOr(t *testing.T) {
	for _, tc := range []struct {
		words []string
		want  string
	}{
		{nil, ""},
		{[]string{"list"}, "list"},
		{[]string{"list", "new"}, "list eller new"},
		{[]string{"list", "new", "import"}, "list, new eller import"},
	} {
		if got := Or(tc.words); got != tc.want {
			t.Errorf("Or(%q) = %q, want %q", tc.words, got, tc.want)
		}
	}
}

// TestDamage: damage found anywhere names the file, and the report when
// only that report is damaged.
func TestDamage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "boso.db")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	rec := store.Record{Summary: store.Summary{ID: "8534abcd", Kommune: "Ål kommune"}, Data: []byte(`{"a":1}`)}
	if _, err := s.Put(rec, 0); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(data, []byte(`{"a":1}`))
	data[at+5] = '2'
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Second)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	_, err = s.Get("8534abcd")
	want := "rapporten 8534abcd i kladdefilen " + path + " er skadet og kan ikke leses; de andre rapportene er som før. Hent rapporten fra den siste sikkerhetskopien (boso backup)."
	if got := Command(err); got != want {
		t.Errorf("Command(%v) =\n%q, want\n%q", err, got, want)
	}
	if got := Store(err); got != "rapporten er skadet i kladdefilen og kan ikke leses; de andre rapportene er som før" {
		t.Errorf("Store(%v) = %q", err, got)
	}

	if err := os.WriteFile(path, []byte("ikke en boso-fil"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = s.List()
	want = "kladdefilen " + path + " er skadet eller er ikke en boso-fil. Den er ikke endret; hent den siste sikkerhetskopien (boso backup) eller bruk --db for en annen fil."
	if got := Command(err); got != want {
		t.Errorf("Command(%v) =\n%q, want\n%q", err, got, want)
	}
}

func TestCommandNamesTheFile(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("store: put 1: %w", &store.FileError{Path: "/d/boso.db", Write: true, Err: pathErr(syscall.EPERM)}),
			"kan ikke skrive til /d/boso.db: ingen tilgang."},
		{fmt.Errorf("store: list: %w", &store.FileError{Path: "/d/boso.db", Err: pathErr(syscall.EIO)}),
			"kan ikke lese /d/boso.db: lese- eller skrivefeil på disken."},
		{fmt.Errorf("store: backup: %w", &store.FileError{Path: "/e/kopi.db", Write: true, Err: pathErr(syscall.ENOSPC)}),
			"kan ikke skrive til /e/kopi.db: disken er full."},
	} {
		if got := Command(tc.err); got != tc.want {
			t.Errorf("Command(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}

func TestPrintable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Gjøvik kommune", "Gjøvik kommune"},
		{"r\x1b]0;PWNED\x07\x1b[2J.json", "r?]0;PWNED??[2J.json"},
		{"Ål\u202ekommune", "Ål?kommune"},
		{"Gjø\u200bvik\u200d\u2066", "Gjø?vik??"},
		{"\x9b31m", "?31m"},
		{"bad \xff byte", "bad ? byte"},
		{"to\nlinjer\tog tab", "to\nlinjer\tog tab"},
	} {
		if got := Printable(tc.in); got != tc.want {
			t.Errorf("Printable(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFileName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"-", "standard inn"},
		{"./-", "./-"},
		{"gjovik-2012.json", "gjovik-2012.json"},
		{"r\x1b[2J.json", "r?[2J.json"},
	} {
		if got := FileName(tc.in); got != tc.want {
			t.Errorf("FileName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTemplatesLeftOut(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{UnreadableTemplate("maler", &fs.PathError{Op: "read", Path: "maler/a.yaml", Err: fs.ErrPermission}),
			"malfilen maler/a.yaml kan ikke leses (ingen tilgang) og brukes ikke."},
		{UnreadableTemplate("maler", &fs.PathError{Op: "read", Path: "maler/stor.yaml", Err: store.ErrTemplateTooLarge}),
			"malfilen maler/stor.yaml kan ikke leses (den er større enn 10 MiB) og brukes ikke."},
		// The folder itself could not be listed.
		{UnreadableTemplate("maler", fs.ErrPermission), "malfilen maler kan ikke leses (ingen tilgang) og brukes ikke."},
		{SkippedTemplate(&model.TemplateError{File: "maler/a.yaml", Problems: []model.TemplateProblem{{Line: 3, Msg: "id mangler"}}}),
			"malfilen maler/a.yaml:3 brukes ikke: id mangler; se «boso template check maler/a.yaml»."},
		{SkippedTemplate(&model.TemplateError{File: "maler/a.yaml", Problems: []model.TemplateProblem{{Line: 3, Msg: "id mangler"}, {Line: 9, Msg: "x"}, {Msg: "y"}}}),
			"malfilen maler/a.yaml:3 brukes ikke: id mangler (og 2 feil til); se «boso template check maler/a.yaml»."},
	} {
		if tc.got != tc.want {
			t.Errorf("got  %q\nwant %q", tc.got, tc.want)
		}
	}
}

func TestYesNo(t *testing.T) {
	for _, tc := range []struct {
		in      string
		yes, ok bool
	}{
		{"j", true, true}, {"Ja", true, true}, {" y ", true, true}, {"YES", true, true},
		{"n", false, true}, {"nei", false, true}, {"No", false, true},
		{"", false, false}, {"kanskje", false, false}, {"jo", false, false},
	} {
		if yes, ok := YesNo(tc.in); yes != tc.yes || ok != tc.ok {
			t.Errorf("YesNo(%q) = %v, %v; want %v, %v", tc.in, yes, ok, tc.yes, tc.ok)
		}
	}
}
