package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// JSONLReader reads one JSON object per line. Blank lines are skipped (they
// are not records) but counted, so line numbers match the file.
type JSONLReader struct {
	r         *bufio.Reader
	name      string
	idField   string
	textField string
	line      int
	buf       []byte
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
// 1-based number. The slice is valid until the next call.
func (j *JSONLReader) ReadLine() ([]byte, int, error) {
	for {
		j.buf = j.buf[:0]
		for {
			chunk, err := j.r.ReadSlice('\n')
			j.buf = append(j.buf, chunk...)
			if len(j.buf) > MaxRecord {
				j.line++
				// Skip the rest of the line so reading can go on.
				for err == bufio.ErrBufferFull {
					_, err = j.r.ReadSlice('\n')
				}
				return nil, j.line, &LineError{Name: j.name, Line: j.line, Err: ErrTooLong}
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if err == io.EOF {
				if len(j.buf) == 0 {
					return nil, 0, io.EOF
				}
				break
			}
			if err != nil {
				return nil, 0, fmt.Errorf("%s: after line %d: %w", j.name, j.line, err)
			}
			break
		}
		j.line++
		line := bytes.TrimSuffix(bytes.TrimSuffix(j.buf, []byte("\n")), []byte("\r"))
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
	raw := bytes.Clone(line)
	id, text, err := ParseRecord(raw, j.idField, j.textField)
	if err != nil {
		return Doc{Line: n, Raw: raw}, &LineError{Name: j.name, Line: n, Raw: raw, Err: err}
	}
	if id == "" {
		id = fmt.Sprintf("%s:%d", j.name, n)
	}
	return Doc{ID: id, Text: text, Line: n, Raw: raw}, nil
}

// ParseRecord extracts the ID and text fields of one JSON object. The ID may
// be a string or a number (kept as written) or absent (""); the text must be
// a string.
func ParseRecord(line []byte, idField, textField string) (id, text string, err error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(line, &obj); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return "", "", errors.New("not a JSON object")
		}
		return "", "", fmt.Errorf("invalid JSON: %v", err)
	}
	if obj == nil {
		return "", "", errors.New("not a JSON object")
	}
	rawText, ok := obj[textField]
	if !ok {
		return "", "", fmt.Errorf("no field %q", textField)
	}
	if err := json.Unmarshal(rawText, &text); err != nil {
		return "", "", fmt.Errorf("field %q is not a string", textField)
	}
	if rawID, ok := obj[idField]; ok {
		if err := json.Unmarshal(rawID, &id); err != nil {
			var num json.Number
			if json.Unmarshal(rawID, &num) != nil {
				return "", "", fmt.Errorf("field %q is neither a string nor a number", idField)
			}
			id = num.String()
		}
	}
	return id, text, nil
}
