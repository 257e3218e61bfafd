package summary

import (
	"encoding/json"

	"boso/model"
)

type jsonDoc struct {
	Format  string        `json:"format"`
	Years   []jsonYear    `json:"years"`
	Skipped []jsonSkipped `json:"skipped"`
}

type jsonYear struct {
	Year     int64                `json:"year"`
	Template string               `json:"template"`
	Fields   []string             `json:"fields"`
	Kommuner []jsonRow            `json:"kommuner"`
	Totals   map[string]jsonTotal `json:"totals"`
}

type jsonRow struct {
	Kommune  string            `json:"kommune"`
	File     string            `json:"file"`
	ID       string            `json:"id"`
	State    model.State       `json:"state"`
	Draft    bool              `json:"draft"`
	Values   map[string]any    `json:"values"`
	Computed map[string]*int64 `json:"computed"`
}

type jsonTotal struct {
	Sum      *int64 `json:"sum"`
	Count    int    `json:"count"`
	Of       int    `json:"of"`
	Complete bool   `json:"complete"`
}

type jsonSkipped struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// JSON writes the summary for programs, in the manner of the export format:
// per year (and template) the field ids shown in form order, per kommune
// "values" (as answered: a number, null for not available, text for a label
// field, the key absent when not answered) and "computed" (null where not
// available), and per field a total: "sum" over the "count" kommuner that had
// a number (null when none had), "of" kommuner, and "complete" when count
// equals of, the only case in which the sum is the column's total.
func (s Summary) JSON() ([]byte, error) {
	doc := jsonDoc{Format: FormatID, Years: []jsonYear{}, Skipped: []jsonSkipped{}}
	for _, y := range s.Years {
		jy := jsonYear{Year: y.Year, Template: y.templateIDs(), Fields: []string{},
			Kommuner: []jsonRow{}, Totals: map[string]jsonTotal{}}
		for _, t := range y.Tables {
			jy.Fields = append(jy.Fields, t.LabelFields...)
			for _, c := range t.Columns {
				jy.Fields = append(jy.Fields, c.ID)
				tot := y.Totals[c.ID]
				jt := jsonTotal{Count: tot.Count, Of: tot.Of, Complete: tot.Complete()}
				if tot.Count > 0 {
					n := tot.Sum
					jt.Sum = &n
				}
				jy.Totals[c.ID] = jt
			}
		}
		for _, r := range y.Kommuner {
			jr := jsonRow{Kommune: r.Kommune, File: r.File, ID: r.ReportID, State: r.State, Draft: r.Draft(),
				Values: map[string]any{}, Computed: map[string]*int64{}}
			for id, l := range r.Labels {
				if l != "" {
					jr.Values[id] = l
				}
			}
			for _, t := range y.Tables {
				for _, c := range t.Columns {
					v := r.Values[c.ID]
					var n *int64
					if v.Kind == model.Number {
						n = &v.Num
					}
					switch {
					case c.Computed:
						jr.Computed[c.ID] = n
					case v.Kind == model.Text:
						// A draft's count kept as typed, as the export has it.
						jr.Values[c.ID] = v.Text
					case v.Kind != model.Empty:
						jr.Values[c.ID] = n
					}
				}
			}
			jy.Kommuner = append(jy.Kommuner, jr)
		}
		doc.Years = append(doc.Years, jy)
	}
	for _, sk := range s.Skipped {
		doc.Skipped = append(doc.Skipped, jsonSkipped{File: sk.Name, Reason: sk.Reason})
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}
