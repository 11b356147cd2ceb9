package jsonl

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
)

// ReadLine returns the next line of br without "\n" (or "\r\n"), in a new
// slice: the lines Map counts (a last line without a newline counts, an
// empty end does not). A line longer than MaxLine is an error.
func ReadLine(br *bufio.Reader) ([]byte, error) { return readLine(br) }

// ParseText parses a record and returns its string field: the one reading
// of a text record the commands share. An empty line, a line that is not a
// JSON object and an object without the string field are errors.
func ParseText(b []byte, field string) (*Record, string, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, "", errors.New("empty line")
	}
	rec, err := Parse(b)
	if err != nil {
		return nil, "", fmt.Errorf("malformed JSON: %v", err)
	}
	text, ok := rec.String(field)
	if !ok {
		return nil, "", fmt.Errorf("no string field %q", field)
	}
	return rec, text, nil
}
