package summary

import (
	"fmt"
	"strings"
)

// Formats names the ways Render writes a summary, as «boso summary
// --format» takes them.
var Formats = []string{"table", "csv", "md", "json"}

// Render writes the summary in format, one of Formats; the table is laid out
// for width columns (Text).
func (s Summary) Render(format string, width int) ([]byte, error) {
	switch format {
	case "table":
		return []byte(strings.TrimRight(s.Text(width), "\n") + "\n"), nil
	case "csv":
		return s.CSV(), nil
	case "md":
		return s.Markdown(), nil
	case "json":
		return s.JSON()
	}
	return nil, fmt.Errorf("summary: unknown format %q", format)
}
