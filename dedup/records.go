package dedup

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/unmaskdev/unmask/corpus"
	"github.com/unmaskdev/unmask/detect"
	"github.com/unmaskdev/unmask/fingerprint"
	"github.com/unmaskdev/unmask/jsonl"
)

// Records read and write a JSON Lines corpus the way `unmask dedup` and
// the Beam pipeline (beam/cmd/unmask-beam) do: every line is a record,
// a blank or malformed one included (it is a cluster of its own, written
// unchanged), and each record comes out with two fields added.
type Records struct {
	Field        string // holds the text; default "text"
	ClusterField string // output field for the cluster; default "cluster"
	KeptField    string // output field for whether the record is kept; default "kept"
	Keep         Keep   // which facts of the text Read records (Findings for KeepCleanest)
}

func (r *Records) field() string        { return or(r.Field, "text") }
func (r *Records) clusterField() string { return or(r.ClusterField, "cluster") }
func (r *Records) keptField() string    { return or(r.KeptField, "kept") }

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Record is what clustering needs of one line.
type Record struct {
	Item Item
	// Rewrite: the line has an output field already, so Append re-encodes
	// it instead of appending the two fields.
	Rewrite bool
}

// Read fingerprints one line. A malformed line (empty, not a JSON object,
// no string text field) returns an error and a Record whose Item is Skip.
func (r *Records) Read(fp *fingerprint.Fingerprinter, line []byte) (Record, error) {
	rec, text, err := jsonl.ParseText(line, r.field())
	if err != nil {
		return Record{Item: Item{Skip: true}}, err
	}
	out := Record{Item: NewItem(fp, text)}
	out.Rewrite = rec.Raw(r.clusterField()) != nil || rec.Raw(r.keptField()) != nil
	if r.Keep == KeepCleanest {
		out.Item.Findings = len(detect.ScanString(text).Findings)
	}
	return out, nil
}

// Append appends line as written out with its assignment, and a newline.
// A malformed line (bad) is appended unchanged.
func (r *Records) Append(buf, line []byte, a Assignment, rewrite, bad bool) ([]byte, error) {
	switch {
	case bad:
		buf = append(buf, line...)
	case rewrite:
		jr, err := jsonl.Parse(line)
		if err != nil {
			return buf, err
		}
		jr.Set(r.clusterField(), a.Cluster)
		jr.Set(r.keptField(), a.Kept)
		buf = jr.AppendTo(buf)
	default:
		// Append the two fields before the closing brace.
		t := bytes.TrimRight(line, " \t\r")
		if len(t) == 0 || t[len(t)-1] != '}' {
			return buf, fmt.Errorf("object does not end in }")
		}
		clusterKey, _ := json.Marshal(r.clusterField())
		keptKey, _ := json.Marshal(r.keptField())
		buf = append(buf, t[:len(t)-1]...)
		buf = append(buf, ',')
		buf = append(buf, clusterKey...)
		buf = append(buf, ':')
		buf = strconv.AppendInt(buf, int64(a.Cluster), 10)
		buf = append(buf, ',')
		buf = append(buf, keptKey...)
		buf = append(buf, ':')
		buf = strconv.AppendBool(buf, a.Kept)
		buf = append(buf, '}')
	}
	return append(buf, '\n'), nil
}

// Lines reads the lines of a JSON Lines corpus, gunzipped if it starts with
// the gzip magic number (corpus.Decompress). Every line counts, a blank one
// too; a last line without a newline counts, an empty end does not. A line
// longer than corpus.MaxRecord is an error.
type Lines struct{ br *bufio.Reader }

// NewLines returns a reader of r's lines.
func NewLines(r io.Reader) (*Lines, error) {
	br, err := corpus.Decompress(r)
	if err != nil {
		return nil, err
	}
	return &Lines{br}, nil
}

// Next returns the next line (a new slice, without its line ending), or
// io.EOF after the last; a line and io.EOF together when the last line
// has no newline.
func (l *Lines) Next() ([]byte, error) { return jsonl.ReadLine(l.br, corpus.MaxRecord) }
