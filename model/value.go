package model

import (
	"errors"
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Kind is the state of one answer.
type Kind uint8

// The states of an answer. A number field is Empty, Number or NotAvailable;
// every other field is Empty or Text.
const (
	Empty        Kind = iota // not yet answered
	Number                   // a whole number
	NotAvailable             // marked on purpose as not available (the form's "X")
	Text                     // text, a date (ISO when it parses, as typed when not), phone or e-mail; in a count or year, what was typed when it is no whole number
)

// Value is one answer.
type Value struct {
	Kind Kind
	Num  int64
	Text string
}

// NumberValue returns a number answer.
func NumberValue(n int64) Value { return Value{Kind: Number, Num: n} }

// TextValue returns a text answer; the empty string is no answer.
func TextValue(s string) Value {
	if s == "" {
		return Value{}
	}
	return Value{Kind: Text, Text: s}
}

// NA is the not-available answer.
var NA = Value{Kind: NotAvailable}

// IsEmpty reports whether the field is unanswered.
func (v Value) IsEmpty() bool { return v.Kind == Empty }

// maxCount bounds numbers so sums of a table never overflow and a pasted
// digit string is refused instead of silently wrapped.
const maxCount = 999_999_999_999

// Parse errors say what to type instead; they are shown as they are.
var (
	ErrNotNumber = errors.New("skriv et helt tall, for eksempel 1 455, eller X for ikke tilgjengelig")
	ErrNegative  = errors.New("tallet kan ikke være negativt")
	ErrTooLarge  = errors.New("tallet er for stort")
	ErrNotPhone  = errors.New("skriv et norsk telefonnummer med 8 sifre, gjerne med +47 foran")
	// ErrNotDate is short: a line-mode terminal breaks an 80-column line
	// wherever it ends, and the example date must be read whole.
	ErrNotDate = errors.New("skriv den som 18.02.2013")
	// ErrPhoneFirstDigit: 0 and 1 start no Norwegian subscriber number.
	ErrPhoneFirstDigit = errors.New("norske nummer begynner på 2–9; skriv de 8 sifrene, gjerne med +47 foran")
	ErrNotEmail        = errors.New("skriv en e-postadresse, for eksempel navn@kommune.no")
	ErrNotYear         = errors.New("skriv årstallet med fire sifre, for eksempel 2012")
	ErrNotOneLine      = errors.New("feltet skal stå på én linje")
	ErrControlChar     = errors.New("teksten inneholder kontrolltegn")
)

// isGroupSpace reports whether r may separate thousands: "1 455", also with
// the no-break spaces a word processor pastes.
func isGroupSpace(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' }

// ParseCount reads a count the Norwegian way: "1455", "1 455", "X" (not
// available) or "" (not answered).
func ParseCount(s string) (Value, error) {
	s = strings.TrimFunc(s, unicode.IsSpace)
	if s == "" {
		return Value{}, nil
	}
	if s == "X" || s == "x" {
		return NA, nil
	}
	var n int64
	digits := 0
	lastSpace := false
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
			if digits > 12 {
				return Value{}, ErrTooLarge
			}
			n = n*10 + int64(r-'0')
			lastSpace = false
		case isGroupSpace(r) && digits > 0 && !lastSpace:
			lastSpace = true
		case r == '-' && i == 0:
			// "-" alone or "-X" is not a negative number.
			if v, err := ParseCount(s[1:]); err == nil && v.Kind == Number {
				return Value{}, ErrNegative
			}
			return Value{}, ErrNotNumber
		default:
			return Value{}, ErrNotNumber
		}
	}
	if n > maxCount {
		return Value{}, ErrTooLarge
	}
	return NumberValue(n), nil
}

// FormatChange shows a change with its sign, grouped as FormatCount: "+3",
// "-2", "0", "+1 200".
func FormatChange(n int64) string {
	if n > 0 {
		return "+" + FormatCount(n)
	}
	return FormatCount(n)
}

// FormatCount shows a number the Norwegian way, with a space between thousands.
func FormatCount(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// ParseYear reads a four-digit year.
func ParseYear(s string) (Value, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Value{}, nil
	}
	// Exactly four ASCII digits: Atoi alone would take "+201" and "12".
	if len(s) != 4 || strings.Trim(s, "0123456789") != "" {
		return Value{}, ErrNotYear
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return Value{}, ErrNotYear
	}
	return NumberValue(int64(n)), nil
}

// ParseDate reads a date as the form writes it (18.02.2013, also 18.2.2013,
// 18/2/2013, and 18.02.13 for 2013) or as ISO (2013-02-18), and returns it
// as ISO. A two-digit year is this century's: the reports start in 2009.
func ParseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Format(time.DateOnly), nil
	}
	sep := "."
	if strings.Contains(s, "/") {
		sep = "/"
	}
	parts := strings.Split(s, sep)
	if len(parts) != 3 {
		return "", ErrNotDate
	}
	day, dayOK := smallNumber(parts[0], 1, 2)
	month, monthOK := smallNumber(parts[1], 1, 2)
	year, yearOK := smallNumber(parts[2], 4, 4)
	if short, ok := smallNumber(parts[2], 2, 2); ok {
		year, yearOK = 2000+short, true
	}
	if !dayOK || !monthOK || !yearOK {
		return "", ErrNotDate
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	// time.Date moves 31.02 on to March; such a date does not exist.
	if t.Day() != day || int(t.Month()) != month || t.Year() != year {
		return "", ErrNotDate
	}
	return t.Format(time.DateOnly), nil
}

// smallNumber reads between least and most ASCII digits.
func smallNumber(s string, least, most int) (int, bool) {
	if len(s) < least || len(s) > most || strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// FormatDate shows an ISO date as the form writes it; anything else is shown
// as typed, so a half-typed date is never lost.
func FormatDate(s string) string {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Format("02.01.2006")
	}
	return s
}

// ParsePhone reads a phone number and returns it in the one form it is
// stored in: a Norwegian number as its 8 digits (spaces, and +47 or 0047 in
// front, are allowed when typed), a foreign one as + and its digits.
func ParsePhone(s string) (string, error) {
	s = strings.TrimSpace(s)
	international := false
	switch {
	case strings.HasPrefix(s, "+"):
		international, s = true, s[1:]
	case strings.HasPrefix(s, "00"):
		international, s = true, s[2:]
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case isGroupSpace(r):
		default:
			return "", ErrNotPhone
		}
	}
	digits := b.String()
	if international {
		national, norwegian := strings.CutPrefix(digits, "47")
		if !norwegian {
			// E.164: a country code and at most 15 digits in all.
			if len(digits) < 7 || len(digits) > 15 || digits[0] == '0' {
				return "", ErrNotPhone
			}
			return "+" + digits, nil
		}
		digits = national
	}
	switch {
	case len(digits) != 8:
		return "", ErrNotPhone
	case digits[0] == '0' || digits[0] == '1':
		return "", ErrPhoneFirstDigit
	}
	return digits, nil
}

// FormatPhone shows a stored Norwegian number in pairs, as Norwegians write
// it (41 58 11 80); anything else is shown as it is stored.
func FormatPhone(s string) string {
	if len(s) != 8 || strings.Trim(s, "0123456789") != "" {
		return s
	}
	return s[0:2] + " " + s[2:4] + " " + s[4:6] + " " + s[6:8]
}

// CheckEmail checks an e-mail address: one bare address with a domain that has a dot.
func CheckEmail(s string) error {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return ErrNotEmail
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") {
		return ErrNotEmail
	}
	return nil
}

// CleanText makes typed or pasted text safe to keep: line breaks become \n,
// tabs stay, and every other control character (escape sequences among them)
// is dropped, so nothing stored can steer a terminal that shows it.
func CleanText(s string) string {
	// Invalid UTF-8 goes through Map too, which turns each bad byte into
	// U+FFFD: a raw 0x9b byte is CSI to a terminal reading 8-bit controls.
	if !hasControl(s) && !strings.ContainsRune(s, '\r') && utf8.ValidString(s) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case isControl(r):
			return -1
		}
		return r
	}, s)
}

func isControl(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r <= 0x9f)
}

func hasControl(s string) bool {
	for _, r := range s {
		if r != '\n' && r != '\t' && isControl(r) {
			return true
		}
	}
	return false
}

// ParseInput turns what a user typed into the value of a field of type t.
// Text is kept as typed (cleaned of control characters); a date, count or
// year that does not parse yet is kept as typed and reported by validation
// (NumberProblem says why), so nothing typed is ever lost.
func ParseInput(t FieldType, s string) Value {
	switch t {
	case TypeCount, TypeYear:
		if v, err := parseNumber(t, s); err == nil {
			return v
		}
		return TextValue(CleanText(strings.TrimSpace(s)))
	case TypeDate:
		if iso, err := ParseDate(s); err == nil {
			return TextValue(iso)
		}
		return TextValue(CleanText(strings.TrimSpace(s)))
	case TypePhone:
		if canonical, err := ParsePhone(s); err == nil {
			return TextValue(canonical)
		}
		return TextValue(CleanText(strings.TrimSpace(s)))
	}
	return TextValue(CleanText(s))
}

func parseNumber(t FieldType, s string) (Value, error) {
	if t == TypeYear {
		return ParseYear(s)
	}
	return ParseCount(s)
}

// Format shows a value as screens and the printable report do: "1 455", "X",
// "18.02.2013", "41 58 11 80".
func Format(t FieldType, v Value) string {
	switch v.Kind {
	case Number:
		if t == TypeYear {
			return strconv.FormatInt(v.Num, 10)
		}
		return FormatCount(v.Num)
	case NotAvailable:
		return "X"
	case Text:
		switch t {
		case TypeDate:
			return FormatDate(v.Text)
		case TypePhone:
			return FormatPhone(v.Text)
		}
		return v.Text
	}
	return ""
}

// NumberProblem says why text kept in a count or year is no answer yet,
// for the cell that shows it and for validation alike.
func NumberProblem(t FieldType, text string) string {
	if _, err := parseNumber(t, text); err != nil {
		return sentence(err)
	}
	return ""
}

func isISODate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
