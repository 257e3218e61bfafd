package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// FormatID names the JSON export format; a new, incompatible format gets a new id.
const FormatID = "boso.report.v1"

// MaxImportSize is the largest JSON file import accepts.
const MaxImportSize = 10 << 20

// maxDepth bounds nesting: the format is two levels deep, so anything deeper
// is hostile or broken, and is refused before it reaches the JSON decoder.
const maxDepth = 8

// What import keeps besides the answers is bounded too, so that a file
// within MaxImportSize cannot fill the draft file with what no boso wrote:
// a report id (16 hex digits) in id or carried_from, a few top-level keys
// (a newer boso may add some; unknown ones are skipped, not kept), and the
// retired answers of earlier template versions.
const (
	maxRefLen     = 200
	maxTopLevel   = 64
	maxRetired    = 1000
	maxRetiredKey = 200
)

type document struct {
	Format      string     `json:"format"`
	Template    string     `json:"template"`
	ID          string     `json:"id"`
	State       State      `json:"state"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	FinalizedAt *time.Time `json:"finalized_at"`
	CarriedFrom *string    `json:"carried_from"`
	// TemplateVersion is absent in exports made before versions existed,
	// which are version 1.
	TemplateVersion *int                       `json:"template_version,omitempty"`
	Values          map[string]json.RawMessage `json:"values"`
	Retired         map[string]json.RawMessage `json:"retired,omitempty"`
	// Computed is a map[string]*int64 on export; on import it is ignored and
	// derived again, so whatever it holds cannot refuse a file.
	Computed any `json:"computed"`
}

// Encode writes a report in the export format, with every computed field.
func Encode(r *Report) ([]byte, error) {
	version := r.Template.Version
	doc := document{
		Format: FormatID, Template: r.Template.ID, ID: r.ID, State: r.State,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(), TemplateVersion: &version,
		Values: make(map[string]json.RawMessage, len(r.values)),
	}
	computed := map[string]*int64{}
	doc.Computed = computed
	if r.FinalizedAt != nil {
		t := r.FinalizedAt.UTC()
		doc.FinalizedAt = &t
	}
	if r.CarriedFrom != "" {
		doc.CarriedFrom = &r.CarriedFrom
	}
	for id, v := range r.values {
		raw, err := encodeValue(v)
		if err != nil {
			return nil, err
		}
		doc.Values[id] = raw
	}
	if len(r.retired) > 0 {
		doc.Retired = make(map[string]json.RawMessage, len(r.retired))
		for id, v := range r.retired {
			raw, err := encodeValue(v)
			if err != nil {
				return nil, err
			}
			doc.Retired[id] = raw
		}
	}
	for id, v := range Compute(r) {
		if v.Kind == Number {
			n := v.Num
			computed[id] = &n
		} else {
			computed[id] = nil
		}
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

func encodeValue(v Value) ([]byte, error) {
	switch v.Kind {
	case Number:
		return json.Marshal(v.Num)
	case NotAvailable:
		return []byte("null"), nil
	}
	return json.Marshal(v.Text)
}

// ImportError says why a file was refused, in one Norwegian sentence; Field
// names the field id concerned, when there is one.
type ImportError struct {
	Field string
	Msg   string
	// edition is set when the refusal is that the template is not
	// installed, which is a matter of installing it, not of the file.
	edition *EditionError
}

// Unwrap gives the *EditionError of a report whose template is missing.
func (e *ImportError) Unwrap() error {
	if e.edition == nil {
		return nil
	}
	return e.edition
}

func (e *ImportError) Error() string {
	if e.Field != "" {
		return "feltet «" + e.Field + "» " + e.Msg
	}
	return e.Msg
}

// ErrImport is matched by every import refusal (errors.Is).
var ErrImport = errors.New("import refused")

// Is lets callers test errors.Is(err, ErrImport).
func (e *ImportError) Is(target error) bool { return target == ErrImport }

func refuse(field, format string, args ...any) error {
	return &ImportError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Decode reads a report in the export format. It refuses, with an
// *ImportError, anything that is not exactly this format: too large, not
// UTF-8 JSON, too deeply nested, another format or template, an unknown field
// id, a value of the wrong type, or text with control characters. The
// computed part is ignored: it is derived again. An answer that is merely
// invalid (an e-mail without @) is kept, for Validate to report.
func Decode(data []byte, reg *Registry) (*Report, error) {
	if len(data) > MaxImportSize {
		return nil, refuse("", "er større enn 10 MiB og er ikke en eksport fra boso")
	}
	// Notepad and Excel start UTF-8 files with a byte order mark.
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return nil, refuse("", "er ikke UTF-8-tekst")
	}
	if err := checkDepth(data); err != nil {
		return nil, err
	}
	var doc document
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, refuse("", "er ikke gyldig JSON (%s)", jsonProblem(err))
	}
	// dec.More would let a stray "}" or "]" after the document through.
	if _, err := dec.Token(); err == nil {
		return nil, refuse("", "har mer enn ett JSON-dokument")
	} else if err != io.EOF {
		return nil, refuse("", "har tegn etter slutten av JSON-dokumentet")
	}
	// Encode writes times in UTC, which JSON allows only for the years 0–9999.
	for _, ts := range []*time.Time{&doc.CreatedAt, &doc.UpdatedAt, doc.FinalizedAt} {
		if ts != nil && (ts.UTC().Year() < 0 || ts.UTC().Year() > 9999) {
			return nil, refuse("", "har et tidspunkt utenfor årene 0000–9999")
		}
	}
	if doc.Format != FormatID {
		if doc.Format == "" {
			return nil, refuse("", "mangler «format» og er ikke en eksport fra boso")
		}
		return nil, refuse("", "har formatet «%s», men boso leser bare «%s»", clip(doc.Format), FormatID)
	}
	version := 1
	if doc.TemplateVersion != nil {
		if version = *doc.TemplateVersion; version < 1 {
			return nil, refuse("", "har template_version %d; den skal være 1 eller mer", version)
		}
	}
	t, ok := reg.Lookup(doc.Template)
	if !ok || t.Version < version {
		ee := &EditionError{Template: clip(doc.Template), Version: version}
		return nil, &ImportError{Msg: ee.Error(), edition: ee}
	}
	r := &Report{ID: doc.ID, Template: t, State: doc.State, CreatedAt: doc.CreatedAt, UpdatedAt: doc.UpdatedAt,
		FinalizedAt: doc.FinalizedAt, values: map[string]Value{}}
	if r.State != Draft && r.State != Final {
		return nil, refuse("", "har ukjent tilstand «%s» (skal være draft eller final)", clip(string(r.State)))
	}
	if doc.CarriedFrom != nil {
		r.CarriedFrom = *doc.CarriedFrom
	}
	for name, s := range map[string]string{"id": r.ID, "carried_from": r.CarriedFrom} {
		if hasControl(s) || strings.ContainsAny(s, "\n\t") {
			return nil, refuse("", "har kontrolltegn i rapport-id")
		}
		if len(s) > maxRefLen {
			return nil, refuse(name, "har %d tegn; en rapport-id har 16", utf8.RuneCountInString(s))
		}
	}
	if len(doc.Retired) > maxRetired {
		return nil, refuse("retired", "har %d svar; boso skriver aldri flere enn %d", len(doc.Retired), maxRetired)
	}
	for id, raw := range doc.Retired {
		if len(id) > maxRetiredKey {
			return nil, refuse("retired", "har en felt-id på %d tegn", utf8.RuneCountInString(id))
		}
		v, err := decodeRetired(id, raw)
		if err != nil {
			return nil, err
		}
		r.keep(id, v)
	}
	if version < t.Version {
		if err := r.migrate(doc.Values); err != nil {
			return nil, err
		}
		return r, nil
	}
	for id, raw := range doc.Values {
		f := t.Field(id)
		switch {
		case f == nil:
			return nil, refuse(clip(id), "finnes ikke i malen %s", t.ID)
		case f.Computed():
			return nil, refuse(id, "regnes ut av boso og kan ikke stå under «values»")
		}
		v, err := decodeValue(f, raw)
		if err != nil {
			return nil, err
		}
		if !v.IsEmpty() {
			r.values[id] = v
		}
	}
	return r, nil
}

// migrate takes the answers of an older version of the report's template
// into the newest: a renamed answer moves to its new id; one that has no
// place in the newest version (its field is gone, is computed now, or takes
// another kind of answer) is kept as retired under its old id. Nothing is
// dropped.
func (r *Report) migrate(values map[string]json.RawMessage) error {
	ids := make([]string, 0, len(values))
	for id := range values {
		ids = append(ids, id)
	}
	// In id order, so that two old answers for one new field always resolve
	// the same way: the first takes the field, the other is retired.
	sort.Strings(ids)
	for _, id := range ids {
		raw := values[id]
		to := r.Template.renamedTo(id)
		if f := r.Template.Field(to); f != nil && !f.Computed() && r.values[to].IsEmpty() {
			// Text in what is now a count or year was another kind of
			// answer, unless it reads as a number.
			if v, err := decodeValue(f, raw); err == nil && !(f.Type.IsNumber() && v.Kind == Text) {
				if !v.IsEmpty() {
					r.values[to] = v
				}
				continue
			}
		}
		v, err := decodeRetired(id, raw)
		if err != nil {
			return err
		}
		if !v.IsEmpty() {
			r.keep(id, v)
		}
	}
	return nil
}

// keep retires an answer; the map is made only for a report that has one,
// which most never do.
func (r *Report) keep(id string, v Value) {
	if r.retired == nil {
		r.retired = map[string]Value{}
	}
	r.retired[id] = v
}

// decodeRetired reads an answer without its field: a number, null (not
// available) or text.
func decodeRetired(id string, raw json.RawMessage) (Value, error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case string(raw) == "null":
		return NA, nil
	case len(raw) > 0 && raw[0] == '"':
		return decodeValue(&Field{ID: id, Type: TypeLongText}, raw)
	}
	return decodeValue(&Field{ID: id, Type: TypeCount}, raw)
}

// EditionError says that a report follows a template, or a version of it,
// that this program does not have. It is not damage: installing the edition
// (boso template add) makes the report readable.
type EditionError struct {
	Template string
	Version  int
}

func (e *EditionError) Error() string {
	return fmt.Sprintf("bruker malen «%s» versjon %d, som ikke er installert; installer den med «boso template add FIL»", e.Template, e.Version)
}

func decodeValue(f *Field, raw json.RawMessage) (Value, error) {
	raw = bytes.TrimSpace(raw)
	if f.Type.IsNumber() && (len(raw) == 0 || raw[0] != '"') {
		if string(raw) == "null" {
			if f.Type == TypeCount {
				return NA, nil
			}
			return Value{}, refuse(f.ID, "skal være et årstall, ikke null")
		}
		var n json.Number
		if err := json.Unmarshal(raw, &n); err != nil {
			return Value{}, refuse(f.ID, "skal være et helt tall%s", orNull(f))
		}
		i, err := n.Int64()
		if err != nil || math.Abs(float64(i)) > maxCount {
			return Value{}, refuse(f.ID, "skal være et helt tall mellom -%d og %d%s", int64(maxCount), int64(maxCount), orNull(f))
		}
		return NumberValue(i), nil
	}
	var s string
	// Unmarshal takes null into a string without complaint; null is not text.
	if err := json.Unmarshal(raw, &s); err != nil || string(raw) == "null" {
		return Value{}, refuse(f.ID, "skal være tekst")
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	if hasControl(s) {
		return Value{}, refuse(f.ID, "inneholder kontrolltegn (bare linjeskift og tabulator er tillatt)")
	}
	switch f.Type {
	case TypePhone:
		// Older exports and drafts kept a phone number as typed ("+47 415
		// 81 180"); read in, it takes the one stored form.
		if canonical, err := ParsePhone(s); err == nil {
			s = canonical
		}
	case TypeCount, TypeYear:
		// A draft keeps what was typed into a count or year when it is no
		// whole number ("-3"); it is read as if typed again, so "7" is 7.
		return ParseInput(f.Type, s), nil
	}
	return TextValue(s), nil
}

func orNull(f *Field) string {
	if f.Type == TypeCount {
		return " eller null (ikke tilgjengelig)"
	}
	return ""
}

// clip keeps a hostile value from flooding an error message.
func clip(s string) string {
	s = strings.Map(func(r rune) rune {
		if isControl(r) {
			return '?'
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) > 60 {
		return string([]rune(s)[:60]) + "…"
	}
	return s
}

func jsonProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tim *time.ParseError
	switch {
	case errors.As(err, &tim) || strings.HasPrefix(err.Error(), "Time.UnmarshalJSON"):
		return "tidspunkter skal skrives som 2013-02-18T14:03:11Z"
	case errors.As(err, &syn):
		return fmt.Sprintf("feil ved tegn %d", syn.Offset)
	case errors.As(err, &typ):
		if typ.Field != "" {
			return fmt.Sprintf("«%s» har feil type", typ.Field)
		}
		return "dokumentet skal være et JSON-objekt"
	case errors.Is(err, io.EOF):
		return "filen er tom"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "filen slutter midt i dokumentet"
	}
	return clip(err.Error())
}

// checkDepth refuses nesting deeper than the format has, scanning bytes
// without building anything, so a hostile file costs nothing.
func checkDepth(data []byte) error {
	depth, members, inString, escaped := 0, 0, false, false
	for _, b := range data {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case b == '\\':
				escaped = true
			case b == '"':
				inString = false
			}
		case b == '"':
			inString = true
		case b == '{' || b == '[':
			depth++
			if depth > maxDepth {
				return refuse("", "er nøstet for dypt til å være en eksport fra boso")
			}
		case b == '}' || b == ']':
			depth--
		case b == ',' && depth == 1:
			if members++; members >= maxTopLevel {
				return refuse("", "har flere enn %d felt på øverste nivå og er ikke en eksport fra boso", maxTopLevel)
			}
		}
	}
	return nil
}
