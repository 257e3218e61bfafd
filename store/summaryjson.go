package store

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// decodeSummaryJSON reads an index entry's JSON as encoding/json would, for
// the entries json.Marshal writes: one flat object of known keys, strings
// without escapes, whole numbers. It is five times faster than
// json.Unmarshal, which is most of listing a file of a thousand reports.
// On anything else (an escape, blanks, an unknown key, a number
// json.Unmarshal might read otherwise) it says no, and the caller asks
// encoding/json, so what it returns is always what json.Unmarshal would.
//
// like holds strings the entry probably repeats (its id, the edition and
// state of the entry before it): an equal string is taken from like rather
// than copied, which saves most of a list's allocations.
func decodeSummaryJSON(js []byte, like Summary) (sum Summary, ok bool) {
	p := summaryScanner{b: js}
	if !p.take('{') {
		return Summary{}, false
	}
	if p.take('}') {
		return sum, p.end()
	}
	for {
		key, ok := p.raw()
		if !ok || !p.take(':') {
			return Summary{}, false
		}
		switch string(key) {
		case "id":
			sum.ID, ok = p.strLike(like.ID)
		case "template":
			sum.Template, ok = p.strLike(like.Template)
		case "kommune":
			sum.Kommune, ok = p.strLike(like.Kommune)
		case "state":
			sum.State, ok = p.strLike(like.State)
		case "copy_of":
			sum.CopyOf, ok = p.str()
		case "template_version":
			sum.TemplateVersion, ok = p.int()
		case "year":
			sum.Year, ok = p.int()
		case "answered":
			sum.Answered, ok = p.int()
		case "total":
			sum.Total, ok = p.int()
		case "revision":
			var n int
			n, ok = p.int()
			sum.Revision = int64(n)
		case "created_at":
			sum.CreatedAt, ok = p.time()
		case "updated_at":
			sum.UpdatedAt, ok = p.time()
		default:
			return Summary{}, false
		}
		if !ok {
			return Summary{}, false
		}
		if p.take('}') {
			return sum, p.end()
		}
		if !p.take(',') {
			return Summary{}, false
		}
	}
}

type summaryScanner struct {
	b []byte
	i int
}

func (p *summaryScanner) take(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *summaryScanner) end() bool { return p.i == len(p.b) }

// str reads a string with no escape in it, of valid UTF-8 (json.Unmarshal
// would replace a broken sequence).
func (p *summaryScanner) str() (string, bool) {
	s, ok := p.raw()
	return string(s), ok && utf8.Valid(s)
}

// strLike is str, returning like itself when the string equals it.
func (p *summaryScanner) strLike(like string) (string, bool) {
	s, ok := p.raw()
	if !ok || !utf8.Valid(s) {
		return "", false
	}
	if string(s) == like {
		return like, true
	}
	return string(s), true
}

// raw reads a string with no escape in it and returns its bytes, unchecked
// for UTF-8.
func (p *summaryScanner) raw() ([]byte, bool) {
	if !p.take('"') {
		return nil, false
	}
	start := p.i
	for ; p.i < len(p.b); p.i++ {
		switch c := p.b[p.i]; {
		case c == '"':
			p.i++
			return p.b[start : p.i-1], true
		case c == '\\' || c < 0x20:
			return nil, false
		}
	}
	return nil, false
}

// int reads a whole number written as JSON writes one: no leading zero,
// no fraction, no exponent.
func (p *summaryScanner) int() (int, bool) {
	start := p.i
	p.take('-')
	digits := p.i
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
	}
	if p.i == digits || (p.b[digits] == '0' && p.i > digits+1) {
		return 0, false
	}
	if p.i < len(p.b) && (p.b[p.i] == '.' || p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		return 0, false
	}
	n, err := strconv.Atoi(string(p.b[start:p.i]))
	return n, err == nil
}

// time reads a time as time.Time's UnmarshalJSON does: RFC 3339.
func (p *summaryScanner) time() (time.Time, bool) {
	s, ok := p.raw()
	if !ok || !utf8.Valid(s) {
		return time.Time{}, false
	}
	var t time.Time
	err := t.UnmarshalText(s)
	return t, err == nil
}
