// Package say turns errors into the Norwegian (bokmål) words a user reads:
// what the operating system said, what the draft file did, and the
// command line's own refusals. Every screen and command says a thing the
// same way because it is written here once.
//
// Functions that return a fragment ("disken er full") are for callers that
// put it in a sentence of their own ("Kunne ikke lagre: disken er full.");
// Sentence and the functions documented as returning a sentence end with a
// full stop.
package say

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"

	"boso/model"
	"boso/store"
)

// Capitalize upper-cases the first letter of s. It works on runes, not
// bytes, so that a sentence starting with æ, ø or å stays valid UTF-8.
func Capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Sentence makes s one sentence: trimmed, capitalised, ending with a full
// stop (or the question or exclamation mark it already has).
func Sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "Ukjent feil."
	}
	s = Capitalize(s)
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	return s
}

// Error is Sentence for an error whose text is already in the user's words.
func Error(err error) string { return Sentence(err.Error()) }

// OS says in Norwegian what the operating system said, without Go's
// operation and file names around it ("open /tmp/.boso-export-123: no space
// left on device" → "disken er full"): those name temporary files the user
// never chose, and the caller names the file the user did choose.
func OS(err error) string {
	var ke *store.KindError
	if w, ok := errnoWords(err, systemWords); ok {
		return w
	}
	switch {
	case errors.As(err, &ke):
		return kind(ke.Mode)
	case errors.Is(err, store.ErrDraftFile):
		return "det er selve kladdefilen; velg et annet filnavn"
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return "disken er full"
	case errors.Is(err, fs.ErrNotExist):
		return "finnes ikke"
	case errors.Is(err, syscall.EROFS):
		return "stedet er skrivebeskyttet"
	case errors.Is(err, fs.ErrPermission):
		return "ingen tilgang"
	case errors.Is(err, syscall.EISDIR):
		return "det er en mappe, ikke en fil"
	case errors.Is(err, syscall.ENOTDIR):
		return "en del av stien er en fil, ikke en mappe"
	case errors.Is(err, fs.ErrExist):
		return "finnes allerede"
	case errors.Is(err, syscall.EIO):
		return "lese- eller skrivefeil på disken"
	case errors.Is(err, syscall.EFBIG):
		return "filen blir for stor for filsystemet"
	case errors.Is(err, syscall.EMFILE), errors.Is(err, syscall.ENFILE):
		return "for mange åpne filer akkurat nå"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// kind names what a file name turned out to be, when it is not a file.
func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "det er et rør (FIFO), ikke en vanlig fil"
	case m&fs.ModeSocket != 0:
		return "det er en sokkel, ikke en vanlig fil"
	case m&fs.ModeDevice != 0:
		return "det er en enhet, ikke en vanlig fil"
	}
	return "det er ikke en vanlig fil"
}

// Store says in a few words why the draft file or an export could not be
// read or written.
func Store(err error) string {
	var de *store.DamageError
	var ee *model.EditionError
	switch {
	case errors.As(err, &ee):
		return Edition(ee)
	case errors.As(err, &de) && de.Report != "":
		return "rapporten er skadet i kladdefilen og kan ikke leses; de andre rapportene er som før"
	case errors.As(err, &de) && de.LostSave:
		return "kladdefilen er skadet: den siste lagringen ville gått tapt"
	case errors.Is(err, store.ErrLocked):
		return "kladdefilen er i bruk av et annet boso-program akkurat nå"
	case errors.Is(err, store.ErrCorrupt):
		return "kladdefilen er skadet eller er ikke en boso-fil"
	case errors.Is(err, store.ErrConflict):
		return "rapporten er endret i et annet vindu"
	case errors.Is(err, store.ErrNotFound):
		return "rapporten finnes ikke lenger; den kan være slettet i et annet vindu"
	case errors.Is(err, syscall.ENOSPC):
		return "disken er full"
	case errors.Is(err, syscall.EROFS), errors.Is(err, os.ErrPermission):
		return "boso har ikke lov til å skrive der"
	case errors.Is(err, os.ErrNotExist):
		return "mappen finnes ikke (lenger)"
	}
	return OS(err)
}

// Edition says which template a report needs that is not installed, and how
// to install it: the report is whole, the program lacks its form.
func Edition(ee *model.EditionError) string {
	return fmt.Sprintf("rapporten følger malen «%s» versjon %d, som ikke er installert her; installer malfilen med «boso template add FIL» og prøv igjen", ee.Template, ee.Version)
}

// StoreAt is Store for the list of reports, where a damaged, missing or
// forbidden draft file (named path) also gets what to do about it.
func StoreAt(err error, path string) string {
	switch {
	case errors.Is(err, store.ErrCorrupt):
		return Store(err) + " (hent den siste sikkerhetskopien, eller start boso med --db og en annen fil)"
	case errors.Is(err, fs.ErrNotExist):
		return "kladdefilen " + path + " finnes ikke lenger"
	case errors.Is(err, fs.ErrPermission):
		return "boso har ikke lov til å bruke kladdefilen " + path
	}
	return Store(err)
}

// WriteFile says why a file the user named (an export) could not be
// written; unlike the draft file, a missing name means a missing folder.
func WriteFile(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "mappen finnes ikke"
	case errors.Is(err, syscall.EROFS):
		return "stedet er skrivebeskyttet"
	case errors.Is(err, syscall.EISDIR), errors.Is(err, syscall.EEXIST), errors.Is(err, syscall.ENOTEMPTY):
		return "det finnes en mappe med det navnet"
	}
	return Store(err)
}

// Line is the sentence the line mode reads out when the draft file let the
// user down, with what happens next: the walk keeps the answer and tries
// again. (A report changed elsewhere never gets here: the draft saves the
// answers as a copy.)
func Line(err error) string {
	switch {
	case errors.Is(err, store.ErrConflict), errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrCorrupt):
		return Store(err) + "."
	}
	return Store(err) + ". Det prøves igjen ved neste svar."
}

// damaged names the damaged file, and the report when only its record is
// damaged, in the sentence a command prints.
func damaged(de *store.DamageError) string {
	const restore = " Den er ikke endret; hent den siste sikkerhetskopien (boso backup) eller bruk --db for en annen fil."
	switch {
	case de.Report != "":
		return fmt.Sprintf("rapporten %s i kladdefilen %s er skadet og kan ikke leses; de andre rapportene er som før. Hent rapporten fra den siste sikkerhetskopien (boso backup).", de.Report, de.Path)
	case de.LostSave:
		return fmt.Sprintf("kladdefilen %s er skadet: den siste lagringen ville gått tapt om boso leste den.", de.Path) + restore
	}
	return fmt.Sprintf("kladdefilen %s er skadet eller er ikke en boso-fil.", de.Path) + restore
}

// Command turns an error from the command line parser or the store into
// the one sentence a command prints after "boso: "; the store's sentinel
// errors get words that say what to do.
func Command(err error) string {
	var de *store.DamageError
	var ee *model.EditionError
	var fe *store.FileError
	switch {
	case errors.As(err, &ee):
		return Edition(ee) + "."
	case errors.As(err, &de):
		return damaged(de)
	case errors.As(err, &fe) && fe.Write:
		return fmt.Sprintf("kan ikke skrive til %s: %s.", fe.Path, OS(fe.Err))
	case errors.As(err, &fe):
		return fmt.Sprintf("kan ikke lese %s: %s.", fe.Path, OS(fe.Err))
	case errors.Is(err, store.ErrLocked):
		return "kladdefilen er i bruk av et annet boso-program akkurat nå; prøv igjen om litt."
	case errors.Is(err, store.ErrCorrupt):
		return "kladdefilen er skadet eller er ikke en boso-fil. Den er ikke endret; hent den siste sikkerhetskopien (boso backup) eller bruk --db for en annen fil."
	case errors.Is(err, store.ErrNotFound):
		return "rapporten finnes ikke lenger."
	case errors.Is(err, store.ErrConflict):
		return "rapporten ble endret av et annet boso-program samtidig; prøv igjen."
	}
	s := err.Error()
	if sentence, ok := flag(s, "boso"); ok {
		return sentence
	}
	switch {
	case s == "":
		return "ukjent feil."
	case strings.HasPrefix(s, "unknown command "):
		name, _, _ := strings.Cut(strings.TrimPrefix(s, "unknown command "), " for ")
		return fmt.Sprintf("ukjent kommando %s; se «boso --help».", name)
	}
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// Flag says what is wrong with a flag given to command (its path, such as
// "boso export"), in Norwegian: pflag words its errors in English.
func Flag(err error, command string) string {
	if sentence, ok := flag(err.Error(), command); ok {
		return sentence
	}
	return Command(err)
}

// flag is pflag's message s in Norwegian, and whether s was one of them.
func flag(s, command string) (string, bool) {
	help := "se «" + command + " --help»"
	var name, value string
	switch {
	case strings.HasPrefix(s, "flag needs an argument: "):
		name = strings.TrimPrefix(s, "flag needs an argument: ")
		// A short flag comes as "'o' in -o".
		if short, _, ok := strings.Cut(name, " in "); ok {
			name = "-" + strings.Trim(short, "'")
		}
		return fmt.Sprintf("valget %s trenger en verdi; %s.", name, help), true
	case strings.HasPrefix(s, "unknown shorthand flag: "):
		name, _, _ = strings.Cut(strings.TrimPrefix(s, "unknown shorthand flag: "), " in ")
		return fmt.Sprintf("ukjent valg -%s; %s.", strings.Trim(name, "'"), help), true
	case strings.HasPrefix(s, "invalid argument "):
		if _, err := fmt.Sscanf(s, "invalid argument %q for %q", &value, &name); err == nil {
			return fmt.Sprintf("«%s» er ikke en gyldig verdi for %s; %s.", value, name, help), true
		}
	case strings.HasPrefix(s, "unknown flag: "):
		return fmt.Sprintf("ukjent valg %s; %s.", strings.TrimPrefix(s, "unknown flag: "), help), true
	}
	return "", false
}

// Or joins words the Norwegian way: "a", "a eller b", "a, b eller c".
func Or(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " eller " + words[len(words)-1]
}

// YesNo reads an answer to a yes/no question: j, ja, n or nei, and the
// English y, yes and no, in any case; ok is false for anything else.
func YesNo(s string) (yes, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "j", "ja", "y", "yes":
		return true, true
	case "n", "nei", "no":
		return false, true
	}
	return false, false
}

// NoTemplate is the sentence for a template id boso does not know.
func NoTemplate(id string) string {
	return fmt.Sprintf("malen «%s» finnes ikke; se «boso templates».", id)
}

// UnreadableTemplate says that a template file in the folder dir could not
// be read and is left out; err names the file when it is an *fs.PathError.
func UnreadableTemplate(dir string, err error) string {
	var pe *fs.PathError
	name := dir
	if errors.As(err, &pe) {
		name = pe.Path
	}
	reason := OS(err)
	if errors.Is(err, store.ErrTemplateTooLarge) {
		reason = "den er større enn 10 MiB"
	}
	return fmt.Sprintf("malfilen %s kan ikke leses (%s) og brukes ikke.", name, reason)
}

// SkippedTemplate says that a template file is left out for its first
// problem, how many more it has, and how to see them all.
func SkippedTemplate(e *model.TemplateError) string {
	p := e.Problems[0]
	more := ""
	if len(e.Problems) > 1 {
		more = fmt.Sprintf(" (og %d feil til)", len(e.Problems)-1)
	}
	return fmt.Sprintf("malfilen %s brukes ikke: %s%s; se «boso template check %s».", e.Where(p), p.Msg, more, e.File)
}
