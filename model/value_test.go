package model

import (
	"errors"
	"math"
	"testing"
)

func TestParseCount(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  Value
		isErr error
	}{
		{"plain", "1455", NumberValue(1455), nil},
		{"space as thousands separator", "1 455", NumberValue(1455), nil},
		{"no-break space pasted from a word processor", "1\u00a0455", NumberValue(1455), nil},
		{"narrow no-break space", "1\u202f455", NumberValue(1455), nil},
		{"millions", "1 234 567", NumberValue(1234567), nil},
		{"surrounding spaces", " 7 ", NumberValue(7), nil},
		{"zero", "0", NumberValue(0), nil},
		{"leading zeros", "007", NumberValue(7), nil},
		{"largest allowed", "999 999 999 999", NumberValue(maxCount), nil},
		{"empty is not answered", "", Value{}, nil},
		{"only spaces is not answered", "   ", Value{}, nil},
		{"X marks not available", "X", NA, nil},
		{"lower-case x too", "x", NA, nil},
		{"X with spaces", " X ", NA, nil},
		{"negative", "-3", Value{}, ErrNegative},
		{"negative with separator", "-1 455", Value{}, ErrNegative},
		{"a lone minus is not a negative number", "-", Value{}, ErrNotNumber},
		{"minus X is not a negative number", "-X", Value{}, ErrNotNumber},
		{"double minus", "--3", Value{}, ErrNotNumber},
		{"plus sign", "+3", Value{}, ErrNotNumber},
		{"letters after digits", "12a", Value{}, ErrNotNumber},
		{"decimal point", "1.5", Value{}, ErrNotNumber},
		{"decimal comma", "1,5", Value{}, ErrNotNumber},
		{"dot as thousands separator", "1.455", Value{}, ErrNotNumber},
		{"double space between groups", "1  455", Value{}, ErrNotNumber},
		{"XX", "XX", Value{}, ErrNotNumber},
		{"X with a number", "X 3", Value{}, ErrNotNumber},
		{"two counts in one cell as Gjøvik wrote them", "1390/1455", Value{}, ErrNotNumber},
		{"full-width digits are not ASCII digits", "１２", Value{}, ErrNotNumber},
		{"Arabic-Indic digits", "١٢", Value{}, ErrNotNumber},
		{"13 digits", "9999999999999", Value{}, ErrTooLarge},
		{"13 digits with separators", "1 000 000 000 000", Value{}, ErrTooLarge},
		{"far beyond int64", "99999999999999999999999999", Value{}, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCount(tt.in)
			if !errors.Is(err, tt.isErr) {
				t.Fatalf("ParseCount(%q) error = %v, want %v", tt.in, err, tt.isErr)
			}
			if got != tt.want {
				t.Errorf("ParseCount(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestFormatCount(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "0"},
		{7, "7"},
		{999, "999"},
		{1000, "1 000"},
		{1455, "1 455"},
		{123456, "123 456"},
		{1234567, "1 234 567"},
		{-15, "-15"},
		{-1455, "-1 455"},
		{-123456, "-123 456"},
		{maxCount, "999 999 999 999"},
		{math.MinInt64, "-9 223 372 036 854 775 808"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := FormatCount(tt.in); got != tt.want {
				t.Errorf("FormatCount(%d) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseYear(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Value
		wantErr bool
	}{
		{"four digits", "2012", NumberValue(2012), false},
		{"with spaces", " 2013 ", NumberValue(2013), false},
		{"empty is not answered", "", Value{}, false},
		{"two digits", "12", Value{}, true},
		{"five digits", "20122", Value{}, true},
		{"plus sign", "+201", Value{}, true},
		{"minus sign", "-201", Value{}, true},
		{"letter", "20x2", Value{}, true},
		{"thousands separator", "2 012", Value{}, true},
		{"full-width digits", "２０１２", Value{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseYear(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseYear(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if tt.wantErr && !errors.Is(err, ErrNotYear) {
				t.Errorf("ParseYear(%q) error = %v, want ErrNotYear", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseYear(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // "" means the date is refused
	}{
		{"as the form writes it", "18.02.2013", "2013-02-18"},
		{"without leading zeros", "18.2.2013", "2013-02-18"},
		{"day without leading zero", "1.2.2013", "2013-02-01"},
		{"ISO", "2013-02-18", "2013-02-18"},
		{"surrounding spaces", " 18.02.2013 ", "2013-02-18"},
		{"leap day", "29.02.2012", "2012-02-29"},
		{"no leap day in 2013", "29.02.2013", ""},
		{"31 February", "31.02.2013", ""},
		{"day 32", "32.01.2013", ""},
		{"month 13", "01.13.2013", ""},
		{"slashes", "18/02/2013", "2013-02-18"},
		{"slashes without leading zeros", "18/2/2013", "2013-02-18"},
		{"two-digit year is 20yy", "18.02.13", "2013-02-18"},
		{"two-digit year, short day and month", "1.2.13", "2013-02-01"},
		{"two-digit year with slashes", "18/2/13", "2013-02-18"},
		{"mixed separators", "18.02/2013", ""},
		{"three-digit year", "18.02.201", ""},
		{"31 February, two-digit year", "31.02.13", ""},
		{"dashes", "18-02-2013", ""},
		{"no year", "18.02", ""},
		{"ISO without zero", "2013-2-18", ""},
		{"trailing text", "18.02.2013 kl. 12", ""},
		{"empty", "", ""},
		{"words", "i går", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if tt.want == "" {
				if !errors.Is(err, ErrNotDate) {
					t.Errorf("ParseDate(%q) = %q, %v; want ErrNotDate", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParseDate(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestFormatDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2013-02-18", "18.02.2013"},
		{"2010-12-22", "22.12.2010"},
		// A date that does not parse is shown as typed, so a half-typed date is never lost.
		{"18/02/2013", "18/02/2013"},
		{"18.02.", "18.02."},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := FormatDate(tt.in); got != tt.want {
				t.Errorf("FormatDate(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParsePhone(t *testing.T) {
	tests := []struct {
		in      string
		want    string // "" means refused
		refusal error  // why, when not ErrNotPhone
	}{
		{in: "41581180", want: "41581180"},
		{in: "415 81 180", want: "41581180"},
		{in: "41 58 11 80", want: "41581180"},
		{in: "+47 41581180", want: "41581180"},
		{in: "+4741581180", want: "41581180"},
		{in: "0047 41 58 11 80", want: "41581180"},
		{in: " 41581180 ", want: "41581180"},
		{in: "41\u00a058\u00a011\u00a080", want: "41581180"},
		{in: "4158118", want: ""},
		{in: "415811800", want: ""},
		{in: "41-58-11-80", want: ""},
		{in: "(+47) 41581180", want: ""},
		{in: "+46 41581180", want: "+4641581180"},
		{in: "0046 8 123 456 78", want: "+46812345678"},
		{in: "+46 12", want: ""},
		{in: "+1234567890123456", want: ""},
		{in: "+0 41581180", want: ""},
		{in: "+47", want: ""},
		{in: "", want: ""},
		{in: "4158118O", want: ""}, // letter O for zero
		{in: "+47 +47 41581180", want: ""},
		{in: "01581180", refusal: ErrPhoneFirstDigit},
		{in: "+47 11 58 11 80", refusal: ErrPhoneFirstDigit},
		{in: "0047 01581180", refusal: ErrPhoneFirstDigit},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParsePhone(tt.in)
			if tt.want == "" {
				want := tt.refusal
				if want == nil {
					want = ErrNotPhone
				}
				if !errors.Is(err, want) {
					t.Errorf("ParsePhone(%q) = %q, %v; want %v", tt.in, got, err, want)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParsePhone(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestCheckEmail(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"Ola.brenner.jordet@nav.no", true},
		{"post@gjovik.kommune.no", true},
		{"ola+boso@nav.no", true},
		{"", false},
		{"ola", false},
		{"ola@", false},
		{"@nav.no", false},
		{"ola@nav", false},
		{"ola@nav.", false},
		{"ola@.no", false},
		{"ola@@nav.no", false},
		{"ola nordmann@nav.no", false},
		{"Ola <ola@nav.no>", false},
		{"<ola@nav.no>", false},
		{"a@b.no ", false},
		{" a@b.no", false},
		{"a@b.no, c@d.no", false},
		{"ola@nav.no\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			err := CheckEmail(tt.in)
			if tt.ok && err != nil {
				t.Errorf("CheckEmail(%q) = %v, want ok", tt.in, err)
			}
			if !tt.ok && !errors.Is(err, ErrNotEmail) {
				t.Errorf("CheckEmail(%q) = %v, want ErrNotEmail", tt.in, err)
			}
		})
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text is kept", "Gjøvik kommune", "Gjøvik kommune"},
		{"newline and tab are kept", "a\nb\tc", "a\nb\tc"},
		{"CRLF becomes LF", "a\r\nb\r\n", "a\nb\n"},
		{"CR becomes LF", "a\rb", "a\nb"},
		{"blank line in CRLF", "a\r\n\r\nb", "a\n\nb"},
		// The ESC byte is what makes a sequence steer the terminal; the rest is harmless text.
		{"escape sequences lose their ESC", "\x1b[31mrød\x1b[0m", "[31mrød[0m"},
		{"clear screen", "a\x1b[2Jb", "a[2Jb"},
		{"NUL", "a\x00b", "ab"},
		{"bell", "a\x07b", "ab"},
		{"DEL", "a\x7fb", "ab"},
		{"C1 NEL", "a\u0085b", "ab"},
		{"C1 CSI", "a\u009b31mb", "a31mb"},
		// A raw 0x9b byte is invalid UTF-8, and CSI to a terminal in 8-bit mode.
		{"raw C1 byte becomes U+FFFD", "a\x9b31mb", "a\ufffd31mb"},
		{"emoji", "🏠 👍🏽 👨‍👩‍👧", "🏠 👍🏽 👨‍👩‍👧"},
		{"Norwegian letters", "æøå ÆØÅ", "æøå ÆØÅ"},
		{"combining characters", "e\u0301 a\u030a", "e\u0301 a\u030a"},
		{"right-to-left text", "مرحبا שלום", "مرحبا שלום"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CleanText(tt.in); got != tt.want {
				t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// ParseInput and Format are the pair a screen uses: what is typed, what is shown.
func TestParseInputAndFormat(t *testing.T) {
	tests := []struct {
		name   string
		typ    FieldType
		typed  string
		stored Value
		shown  string
	}{
		{"count with separator", TypeCount, "1455", NumberValue(1455), "1 455"},
		{"count not available", TypeCount, "x", NA, "X"},
		{"count empty", TypeCount, "", Value{}, ""},
		{"year has no separator", TypeYear, "2012", NumberValue(2012), "2012"},
		{"date stored as ISO", TypeDate, "18.2.2013", TextValue("2013-02-18"), "18.02.2013"},
		{"date with slashes", TypeDate, " 18/2/2013 ", TextValue("2013-02-18"), "18.02.2013"},
		{"two-digit year", TypeDate, "18.02.13", TextValue("2013-02-18"), "18.02.2013"},
		{"invalid date kept as typed", TypeDate, " 18.02.20133 ", TextValue("18.02.20133"), "18.02.20133"},
		{"text cleaned", TypeLongText, "a\r\nb\x1b[0m", TextValue("a\nb[0m"), "a\nb[0m"},
		{"phone stored as 8 digits, shown in pairs", TypePhone, "415 81 180", TextValue("41581180"), "41 58 11 80"},
		{"phone with +47", TypePhone, "+47 41581180", TextValue("41581180"), "41 58 11 80"},
		{"phone with 0047", TypePhone, "0047 41 58 11 80", TextValue("41581180"), "41 58 11 80"},
		{"foreign phone", TypePhone, "+46 8 123 456 78", TextValue("+46812345678"), "+46812345678"},
		{"invalid phone kept as typed", TypePhone, " 1234 ", TextValue("1234"), "1234"},
		{"e-mail kept as typed", TypeEmail, "ola@nav", TextValue("ola@nav"), "ola@nav"},
		{"empty text is no answer", TypeText, "", Value{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ParseInput(tt.typ, tt.typed)
			if got != tt.stored {
				t.Errorf("ParseInput(%s, %q) = %+v, want %+v", tt.typ, tt.typed, got, tt.stored)
			}
			if shown := Format(tt.typ, got); shown != tt.shown {
				t.Errorf("Format(%s, %+v) = %q, want %q", tt.typ, got, shown, tt.shown)
			}
		})
	}
}
