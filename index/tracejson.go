package index

import (
	"encoding/json"
	"fmt"

	"github.com/unmaskdev/unmask/jsonl"
)

// TraceLine is one output line of `unmask trace --jsonl` (and of the Beam
// pipeline's trace): a record's ID and its likely originals.
type TraceLine struct {
	ID      string       `json:"id"`
	Matches []TraceMatch `json:"matches"`
}

// TraceMatch is a match as TraceLine lists it, rounded to 4 places.
type TraceMatch struct {
	ID          string  `json:"id"`
	Similarity  float64 `json:"similarity"`
	Containment float64 `json:"containment"`
}

// TraceError is the output line for a malformed input line.
type TraceError struct {
	Line  int    `json:"line"`
	Error string `json:"error"`
}

// NewTraceLine lists res's matches for the record id.
func NewTraceLine(id string, res *Result) TraceLine {
	out := TraceLine{ID: id, Matches: []TraceMatch{}}
	for _, m := range res.Matches {
		out.Matches = append(out.Matches, TraceMatch{m.ID, round4(m.Similarity), round4(m.Containment)})
	}
	return out
}

// RecordID is the ID trace gives a JSONL record: its idField (a string, or
// the JSON value as written), else name:line.
func RecordID(rec *jsonl.Record, idField, name string, line int) string {
	if raw := rec.Raw(idField); raw != nil {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
		return string(raw)
	}
	return fmt.Sprintf("%s:%d", name, line)
}

func round4(x float64) float64 { return float64(int(x*1e4+0.5)) / 1e4 }

// CommandOptions are the query options of unmask trace's flags: top
// originals, the two thresholds (0 switches a test off) and the candidates
// verified (0 or less: every one).
func CommandOptions(top int, minSim, minCont float64, verify int) QueryOptions {
	q := QueryOptions{Limit: top, MinSimilarity: minSim, MinContainment: minCont, MaxVerify: verify}
	if q.MaxVerify <= 0 {
		q.MaxVerify = -1 // all
	}
	if q.MinSimilarity <= 0 {
		q.MinSimilarity = -1 // explicit 0 switches the test off
	}
	if q.MinContainment <= 0 {
		q.MinContainment = -1
	}
	return q
}
