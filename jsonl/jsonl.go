// Package jsonl reads and writes JSON Lines records without losing any:
// fields keep their order and raw values, a malformed line is an error
// naming its line number, and Map processes lines on every core while
// writing results in input order.
package jsonl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sync"
)

// Record is one JSON object with its fields in their original order.
type Record struct {
	keys []string
	vals []json.RawMessage
}

// Parse decodes one line holding a JSON object.
func Parse(line []byte) (*Record, error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("not a JSON object")
	}
	rec := &Record{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		rec.keys = append(rec.keys, key)
		rec.vals = append(rec.vals, raw)
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("data after the object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("data after the object")
	}
	return rec, nil
}

// String returns a string field's value; ok is false if the field is missing or not a string.
func (r *Record) String(field string) (s string, ok bool) {
	for i, k := range r.keys {
		if k == field {
			if err := json.Unmarshal(r.vals[i], &s); err != nil {
				return "", false
			}
			return s, true
		}
	}
	return "", false
}

// Raw returns a field's raw JSON value, or nil.
func (r *Record) Raw(field string) json.RawMessage {
	for i, k := range r.keys {
		if k == field {
			return r.vals[i]
		}
	}
	return nil
}

// Set sets a field (appending it if new) to v encoded as JSON.
func (r *Record) Set(field string, v any) error {
	b, err := marshal(v)
	if err != nil {
		return err
	}
	for i, k := range r.keys {
		if k == field {
			r.vals[i] = b
			return nil
		}
	}
	r.keys = append(r.keys, field)
	r.vals = append(r.vals, b)
	return nil
}

// marshal encodes without escaping <, > and & so text stays readable.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// AppendTo appends the record as one line of JSON (no newline).
func (r *Record) AppendTo(dst []byte) []byte {
	dst = append(dst, '{')
	for i, k := range r.keys {
		if i > 0 {
			dst = append(dst, ',')
		}
		kb, _ := marshal(k)
		dst = append(dst, kb...)
		dst = append(dst, ':')
		dst = append(dst, r.vals[i]...)
	}
	return append(dst, '}')
}

// LineError is a problem with one input line.
type LineError struct {
	Line int // 1-based
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// MaxLine is the longest line Map accepts.
const MaxLine = 256 << 20

// Map reads lines from r, calls fn on each (on several goroutines), and
// writes each result followed by a newline to w in input order, so count in
// equals count out. fn gets the 1-based line number and the line without its
// newline; when fn returns an error, onErr is called with it (as a
// *LineError) and the line is written unchanged. Map returns the number of
// lines and the first read or write error.
func Map(r io.Reader, w io.Writer, workers int, fn func(line int, b []byte) ([]byte, error), onErr func(*LineError)) (int, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		n    int
		in   []byte
		out  []byte
		err  error
		done chan struct{}
	}
	jobs := make(chan *job, workers*4)
	order := make(chan *job, workers*4)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.out, j.err = fn(j.n, j.in)
				close(j.done)
			}
		}()
	}
	var readErr error
	go func() {
		defer close(jobs)
		defer close(order)
		br := bufio.NewReaderSize(r, 1<<20)
		for n := 1; ; n++ {
			line, err := readLine(br)
			if len(line) > 0 || err == nil {
				j := &job{n: n, in: line, done: make(chan struct{})}
				order <- j
				jobs <- j
			}
			if err != nil {
				if err != io.EOF {
					readErr = err
				}
				return
			}
		}
	}()
	bw := bufio.NewWriterSize(w, 1<<20)
	count := 0
	var writeErr error
	for j := range order {
		<-j.done
		count++
		out := j.out
		if j.err != nil {
			if onErr != nil {
				onErr(&LineError{Line: j.n, Err: j.err})
			}
			out = j.in
		}
		if writeErr == nil {
			_, writeErr = bw.Write(out)
			if writeErr == nil {
				writeErr = bw.WriteByte('\n')
			}
		}
	}
	wg.Wait()
	if err := bw.Flush(); writeErr == nil {
		writeErr = err
	}
	if readErr != nil {
		return count, readErr
	}
	return count, writeErr
}

// readLine returns the next line without "\n" (or "\r\n"), in a new slice.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		part, err := br.ReadSlice('\n')
		line = append(line, part...)
		if len(line) > MaxLine {
			return nil, fmt.Errorf("line longer than %d bytes", MaxLine)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == nil {
			line = line[:len(line)-1]
			if n := len(line); n > 0 && line[n-1] == '\r' {
				line = line[:n-1]
			}
		}
		return line, err
	}
}
