// Package jsonl reads and writes JSON Lines records without losing any:
// fields keep their order and raw values, a malformed line is an error
// naming its line number, and Map processes lines on every core while
// writing results in input order.
package jsonl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
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

// decoders reuses the tokenizers of Parse.
var decoders = sync.Pool{New: func() any { return jsontext.NewDecoder(new(bytes.Buffer), decodeOpts...) }}

// decodeOpts is the reading policy of every JSON reader of the module
// (Parse, Unmarshal): a repeated key is an error, as I-JSON (RFC 7493)
// asks, because readers disagree on which of two values they take
// (encoding/json and Python the last, others the first) and a filter that
// reads one while a later step reads the other is fooled; invalid UTF-8
// and lone surrogates in strings are let through to be reported (see
// unquote), not refused and not replaced.
var decodeOpts = []jsontext.Options{jsontext.AllowDuplicateNames(false), jsontext.AllowInvalidUTF8(true)}

// A DuplicateKeyError is an object with a key written twice.
type DuplicateKeyError struct {
	Key    string // the key, decoded
	Object string // the object holding it, as a JSON Pointer: "" for the record itself
}

func (e *DuplicateKeyError) Error() string {
	in := ""
	if e.Object != "" {
		in = fmt.Sprintf(" in %q", e.Object)
	}
	return fmt.Sprintf("key %q is repeated%s (a repeated key is an error: readers disagree on which value counts)", e.Key, in)
}

// duplicateKey returns err as a *DuplicateKeyError if it is jsontext's
// error for a repeated name, else err.
func duplicateKey(err error) error {
	var se *jsontext.SyntacticError
	if errors.Is(err, jsontext.ErrDuplicateName) && errors.As(err, &se) {
		return &DuplicateKeyError{Key: se.JSONPointer.LastToken(), Object: string(se.JSONPointer.Parent())}
	}
	return err
}

// Parse decodes one line holding a JSON object. The record refers to a
// copy of line, made once.
//
// It accepts what encoding/json accepts, with two differences: a key
// repeated in any object of the line is an error (*DuplicateKeyError), and
// a line nested exactly 10,001 levels deep is refused (jsontext's limit is
// 10,000 levels; encoding/json's counts one more).
func Parse(line []byte) (*Record, error) {
	rec, err := parse(line)
	return rec, duplicateKey(err)
}

func parse(line []byte) (*Record, error) {
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
// Nothing in it becomes U+FFFD: a byte of invalid UTF-8 is kept as it is and
// a lone surrogate escape (\ud800) becomes its generalized UTF-8 (ED A0 80),
// so that a scan reports both as invalid-utf8 findings; Set writes them back
// as they came.
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
		b = appendString(make([]byte, 0, len(s)+len(s)/16+2), s)
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

// DefaultMaxLine is the longest record Map holds when Options.MaxLine is 0.
// A record is held whole while it is worked on, a few times over (the line,
// its decoded text, the result): the limit is what bounds memory.
const DefaultMaxLine = 16 << 20

// ErrTooLong is the error of a line longer than the limit.
var ErrTooLong = errors.New("record longer than the limit")

// TooLongError is a line longer than the limit of Map or ReadLine.
type TooLongError struct{ Max int }

func (e *TooLongError) Error() string {
	return fmt.Sprintf("record longer than the limit of %d bytes", e.Max)
}

// Is makes errors.Is(err, ErrTooLong) true.
func (e *TooLongError) Is(target error) bool { return target == ErrTooLong }

// Options configure Map.
type Options struct {
	Workers int // goroutines calling fn; 0: every core
	MaxLine int // longest line held, in bytes; 0: DefaultMaxLine
}

// Map reads lines from r, calls fn on each (on several goroutines), and
// writes each result followed by a newline to w in input order, so count in
// equals count out. fn gets the 1-based line number and the line without its
// newline; when fn returns an error, onErr is called with it (as a
// *LineError) and the line is written unchanged. A line longer than
// opt.MaxLine is not held: it is reported the same way (a *TooLongError) and
// copied through unchanged as it is read, so memory stays bounded by the
// limit whatever the input. Map returns the number of lines and the first
// read or write error.
func Map(r io.Reader, w io.Writer, opt Options, fn func(line int, b []byte) ([]byte, error), onErr func(*LineError)) (int, error) {
	workers, max := opt.Workers, opt.MaxLine
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if max <= 0 {
		max = DefaultMaxLine
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
		// A line too long to hold: lines[0] is its start; the writer copies
		// the rest from br while the reader waits, then sends on resume.
		long   bool
		resume chan error
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
	// Lines in flight (read, not yet written) are bounded by bytes too, so
	// that records near the limit are not queued by the dozen.
	var (
		mu       sync.Mutex
		cond     = sync.NewCond(&mu)
		inFlight int
	)
	budget := 2 * max
	br := bufio.NewReaderSize(r, 1<<20)
	var readErr error
	go func() {
		defer close(jobs)
		defer close(order)
		j := &job{first: 1, done: make(chan struct{})}
		size := 0
		send := func() {
			mu.Lock()
			for inFlight > 0 && inFlight+size > budget {
				cond.Wait()
			}
			inFlight += size
			mu.Unlock()
			order <- j
			jobs <- j
			j = &job{first: j.first + len(j.lines), done: make(chan struct{})}
			size = 0
		}
		for {
			line, err := ReadLine(br, max)
			if errors.Is(err, ErrTooLong) {
				if len(j.lines) > 0 {
					send()
				}
				long := &job{first: j.first, lines: [][]byte{line}, long: true, resume: make(chan error),
					errs: []error{err}, done: make(chan struct{})}
				close(long.done)
				order <- long
				if err := <-long.resume; err != nil {
					if err != io.EOF {
						readErr = err
					}
					return
				}
				j.first++
				continue
			}
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
	write := func(b []byte) {
		if writeErr == nil {
			_, writeErr = bw.Write(b)
		}
	}
	for j := range order {
		<-j.done
		if j.long {
			count++
			if onErr != nil {
				onErr(&LineError{Line: j.first, Err: j.errs[0]})
			}
			write(j.lines[0])
			ew := &errWriter{w: bw, err: writeErr}
			_, err := CopyLine(ew, br) // a read error: ew keeps the write error
			writeErr = ew.err
			write([]byte{'\n'})
			j.resume <- err
			continue
		}
		size := 0
		for k, out := range j.outs {
			count++
			size += len(j.lines[k])
			if err := j.errs[k]; err != nil {
				if onErr != nil {
					onErr(&LineError{Line: j.first + k, Err: err})
				}
				out = j.lines[k]
			}
			write(out)
			write([]byte{'\n'})
		}
		mu.Lock()
		inFlight -= size
		cond.Broadcast()
		mu.Unlock()
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

// ReadLine returns the next line of br without its "\n" (or "\r\n"), in a
// new slice: a last line without "\n" counts, an empty end does not (the
// error is then io.EOF and the line empty). It is the one line reader of
// JSON Lines input in the module.
//
// A line longer than max bytes (a "\r" before its "\n" counted) is not read whole: ReadLine returns its
// first max bytes and a *TooLongError (errors.Is ErrTooLong), and br stands
// inside the line, for the caller to copy the rest through (CopyLine to
// the output) or skip it (CopyLine to io.Discard).
func ReadLine(br *bufio.Reader, max int) ([]byte, error) {
	var line []byte
	for {
		n := br.Buffered()
		if n == 0 {
			if _, err := br.Peek(1); err != nil {
				return line, err
			}
			n = br.Buffered()
		}
		buf, _ := br.Peek(n) // no error: n bytes are buffered
		i := bytes.IndexByte(buf, '\n')
		take := buf
		if i >= 0 {
			take = buf[:i]
		}
		if len(line)+len(take) > max {
			k := max - len(line)
			line = append(line, take[:k]...)
			br.Discard(k)
			return line, &TooLongError{Max: max}
		}
		line = append(line, take...)
		if i < 0 {
			br.Discard(n)
			continue
		}
		br.Discard(i + 1)
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
		return line, nil
	}
}

// CopyLine copies to w the rest of the line br stands in, up to its "\n",
// which it reads past but does not copy (a "\r" before it is copied: the
// line goes through as it was). It returns the bytes copied and
// nil, io.EOF if the input ended first, or the first read or write error.
func CopyLine(w io.Writer, br *bufio.Reader) (int64, error) {
	var n int64
	for {
		part, err := br.ReadSlice('\n')
		if err == nil {
			part = part[:len(part)-1]
		}
		k, werr := w.Write(part)
		n += int64(k)
		switch {
		case werr != nil:
			return n, werr
		case err == bufio.ErrBufferFull:
			continue
		}
		return n, err
	}
}

// errWriter writes to w until a write fails, and from then on only keeps
// the error, so that a line is still read past when it cannot be written.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(b []byte) (int, error) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
	return len(b), nil
}
