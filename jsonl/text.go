package jsonl

import (
	"bytes"
	"errors"
	"fmt"
)

// ParseText parses a record and returns its string field: the one reading
// of a text record the commands share. An empty line, a line that is not a
// JSON object and an object without the string field are errors.
func ParseText(b []byte, field string) (*Record, string, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, "", errors.New("empty line")
	}
	rec, err := Parse(b)
	var dup *DuplicateKeyError
	switch {
	case errors.As(err, &dup):
		return nil, "", err // a repeated key is its own error, not "malformed"
	case err != nil:
		return nil, "", fmt.Errorf("malformed JSON: %v", err)
	}
	text, ok := rec.String(field)
	if !ok {
		return nil, "", fmt.Errorf("no string field %q", field)
	}
	return rec, text, nil
}
