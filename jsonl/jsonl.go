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
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/unmaskdev/unmask/internal/jsonstring"
)

// Record is one JSON object with its fields in their original order.
//
// Names and values are kept as they were written (the bytes of the line),
// so that writing a record back changes only the fields that were Set.
type Record struct {
	names [][]byte          // each name as written: a JSON string, quotes included
	keys  [][]byte          // each name decoded, for lookups
	vals  []json.RawMessage // each value as written
}

// decoders reuses the tokenizers of Parse. Duplicate names and invalid
// UTF-8 are let through, as encoding/json lets them: a crawl's records are
// taken as they come.
var decoders = sync.Pool{New: func() any { return jsontext.NewDecoder(new(bytes.Buffer), decodeOpts...) }}

var decodeOpts = []jsontext.Options{jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true)}

// Parse decodes one line holding a JSON object. The record refers to a
// copy of line, made once.
//
// It accepts what encoding/json accepts, with one difference: a line
// nested exactly 10,001 levels deep is refused (jsontext's limit is
// 10,000 levels; encoding/json's counts one more).
func Parse(line []byte) (*Record, error) {
	// jsontext reads a value once, where encoding/json's Decoder scanned
	// it twice and then validated it again: Parse was most of the time
	// of `unmask clean --jsonl` on news. Read from a bytes.Buffer, it
	// tokenizes buf in place, with no buffer of its own to copy into.
	buf := bytes.Clone(line)
	dec := decoders.Get().(*jsontext.Decoder)
	dec.Reset(bytes.NewBuffer(buf), decodeOpts...)
	defer func() {
		dec.Reset(new(bytes.Buffer)) // hold no line while pooled
		decoders.Put(dec)
	}()
	tok, err := dec.ReadToken()
	if err != nil {
		return nil, err
	}
	if tok.Kind() != '{' {
		return nil, fmt.Errorf("not a JSON object")
	}
	rec := &Record{}
	// next returns the bytes of the next name or value, as written in buf.
	next := func() ([]byte, error) {
		v, err := dec.ReadValue()
		if err != nil {
			return nil, err
		}
		end := int(dec.InputOffset())
		return buf[end-len(v) : end : end], nil
	}
	for dec.PeekKind() == '"' {
		name, err := next()
		if err != nil {
			return nil, err
		}
		val, err := next()
		if err != nil {
			return nil, err
		}
		key := name[1 : len(name)-1]
		if bytes.IndexByte(key, '\\') >= 0 || !utf8.Valid(key) {
			key = []byte(unquote(name)) // as encoding/json decodes it
		}
		rec.names = append(rec.names, name)
		rec.keys = append(rec.keys, key)
		rec.vals = append(rec.vals, val)
	}
	if _, err := dec.ReadToken(); err != nil { // the closing brace, or what stands in its place
		return nil, err
	}
	if _, err := dec.ReadToken(); err != io.EOF {
		return nil, fmt.Errorf("data after the object")
	}
	return rec, nil
}

// field returns the index of the field named field, or -1.
func (r *Record) field(field string) int {
	for i, k := range r.keys {
		if string(k) == field {
			return i
		}
	}
	return -1
}

// String returns a string field's value; ok is false if the field is missing or not a string.
// Invalid UTF-8 and lone surrogates in it become U+FFFD, as encoding/json decodes them.
func (r *Record) String(field string) (s string, ok bool) {
	i := r.field(field)
	if i < 0 || len(r.vals[i]) == 0 || r.vals[i][0] != '"' {
		return "", false
	}
	return unquote(r.vals[i]), true
}

// Raw returns a field's raw JSON value, or nil.
func (r *Record) Raw(field string) json.RawMessage {
	if i := r.field(field); i >= 0 {
		return r.vals[i]
	}
	return nil
}

// Set sets a field (appending it if new) to v encoded as JSON.
func (r *Record) Set(field string, v any) error {
	var b []byte
	var err error
	if s, ok := v.(string); ok {
		b = jsonstring.Append(make([]byte, 0, len(s)+len(s)/16+2), s)
	} else if b, err = marshal(v); err != nil {
		return err
	}
	if i := r.field(field); i >= 0 {
		r.vals[i] = b
		return nil
	}
	r.names = append(r.names, jsonstring.Append(nil, field))
	r.keys = append(r.keys, []byte(field))
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
	for i, name := range r.names {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, name...)
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
	// Lines travel in small batches: handing each line to a goroutine on
	// its own cost more than parsing a record once parsing was fast, and
	// batches of a few lines still spread a short input over every worker.
	// A batch never waits for input that has not arrived: it ends when the
	// read buffer is empty.
	type job struct {
		first int // line number of lines[0]
		lines [][]byte
		outs  [][]byte
		errs  []error
		done  chan struct{}
	}
	jobs := make(chan *job, workers*4)
	order := make(chan *job, workers*4)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.outs, j.errs = make([][]byte, len(j.lines)), make([]error, len(j.lines))
				for k, line := range j.lines {
					j.outs[k], j.errs[k] = fn(j.first+k, line)
				}
				close(j.done)
			}
		}()
	}
	var readErr error
	go func() {
		defer close(jobs)
		defer close(order)
		br := bufio.NewReaderSize(r, 1<<20)
		j := &job{first: 1, done: make(chan struct{})}
		size := 0
		send := func() {
			order <- j
			jobs <- j
			j = &job{first: j.first + len(j.lines), done: make(chan struct{})}
			size = 0
		}
		for {
			line, err := readLine(br)
			if len(line) > 0 || err == nil {
				j.lines = append(j.lines, line)
				size += len(line)
			}
			if err != nil {
				if err != io.EOF {
					readErr = err
				}
				if len(j.lines) > 0 {
					send()
				}
				return
			}
			if size >= batchBytes || len(j.lines) == batchLines || br.Buffered() == 0 {
				send()
			}
		}
	}()
	bw := bufio.NewWriterSize(w, 1<<20)
	count := 0
	var writeErr error
	for j := range order {
		<-j.done
		for k, out := range j.outs {
			count++
			if err := j.errs[k]; err != nil {
				if onErr != nil {
					onErr(&LineError{Line: j.first + k, Err: err})
				}
				out = j.lines[k]
			}
			if writeErr == nil {
				_, writeErr = bw.Write(out)
				if writeErr == nil {
					writeErr = bw.WriteByte('\n')
				}
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

// A batch of Map ends at whichever comes first.
const (
	batchBytes = 64 << 10
	batchLines = 16
)

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
