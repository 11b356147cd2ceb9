package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/unmaskdev/unmask/jsonl"
)

// JSONLReader reads one JSON object per line. Blank lines are skipped (they
// are not records) but counted, so line numbers match the file.
type JSONLReader struct {
	r         *bufio.Reader
	name      string
	idField   string
	textField string
	line      int
}

// NewJSONL returns a reader of JSON Lines from r.
func NewJSONL(r io.Reader, name string, opt Options) *JSONLReader {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	return &JSONLReader{r: br, name: name, idField: opt.idField(), textField: opt.textField()}
}

// ReadLine returns the next non-blank line (without its line ending) and its
// 1-based number, in a new slice.
func (j *JSONLReader) ReadLine() ([]byte, int, error) {
	for {
		line, err := jsonl.ReadLine(j.r, MaxRecord)
		switch {
		case errors.Is(err, jsonl.ErrTooLong):
			j.line++
			// Skip the rest of the line so reading can go on.
			if _, err := jsonl.CopyLine(io.Discard, j.r); err != nil && err != io.EOF {
				return nil, 0, fmt.Errorf("%s: line %d: %w", j.name, j.line, err)
			}
			return nil, j.line, &LineError{Name: j.name, Line: j.line, Err: ErrTooLong}
		case err == io.EOF && len(line) == 0:
			return nil, 0, io.EOF
		case err != nil && err != io.EOF:
			return nil, 0, fmt.Errorf("%s: after line %d: %w", j.name, j.line, err)
		}
		j.line++
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		return line, j.line, nil
	}
}

// Next returns the next record.
func (j *JSONLReader) Next() (Doc, error) {
	line, n, err := j.ReadLine()
	if err != nil {
		return Doc{}, err
	}
	id, text, err := ParseRecord(line, j.idField, j.textField)
	if err != nil {
		return Doc{Line: n, Raw: line}, &LineError{Name: j.name, Line: n, Raw: line, Err: err}
	}
	if id == "" {
		id = fmt.Sprintf("%s:%d", j.name, n)
	}
	return Doc{ID: id, Text: text, Line: n, Raw: line}, nil
}

// ParseRecord extracts the ID and text fields of one JSON object, read as
// package jsonl reads records: a repeated key is an error, and invalid UTF-8
// or a lone surrogate in the text is kept, not replaced by U+FFFD. The ID
// may be a string or a number (kept as written) or absent (""); the text
// must be a string.
func ParseRecord(line []byte, idField, textField string) (id, text string, err error) {
	rec, err := jsonl.Parse(line)
	if err != nil {
		var dup *jsonl.DuplicateKeyError
		if errors.As(err, &dup) {
			return "", "", err
		}
		return "", "", fmt.Errorf("invalid JSON: %v", err)
	}
	text, ok := rec.String(textField)
	switch {
	case ok:
	case rec.Raw(textField) == nil:
		return "", "", fmt.Errorf("no field %q", textField)
	default:
		return "", "", fmt.Errorf("field %q is not a string", textField)
	}
	switch raw := rec.Raw(idField); {
	case raw == nil:
	case raw[0] == '"':
		id, _ = rec.String(idField)
	case raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9':
		id = string(raw)
	default:
		return "", "", fmt.Errorf("field %q is neither a string nor a number", idField)
	}
	return id, text, nil
}
