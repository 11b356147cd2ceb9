package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Record is one WARC record (ISO 28500, WARC 1.0 and 1.1).
type Record struct {
	Version string // "WARC/1.1"
	Header  Header
	Block   []byte // Content-Length bytes
	Offset  int64  // where the record starts in the (decompressed) stream
}

// Header is a record's named fields in order. Names compare without case.
type Header []Field

// Field is one header field.
type Field struct{ Name, Value string }

// Get returns the value of the first field called name, or "".
func (h Header) Get(name string) string {
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			return f.Value
		}
	}
	return ""
}

// WARCReader reads WARC records. It is a small reader of the record format
// only: version line, header fields, blank line, Content-Length bytes of
// block, blank lines. Lines may end in CRLF (as the standard says) or LF.
// Decompression is the caller's (NewReader handles gzip).
type WARCReader struct {
	r         *bufio.Reader
	off       int64 // bytes consumed
	lineStart int64 // where the line readLine returned last starts
	err       error
}

// NewWARC returns a reader of the WARC records in r.
func NewWARC(r io.Reader) *WARCReader {
	br, ok := r.(*bufio.Reader)
	if !ok || br.Size() < 64<<10 {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	return &WARCReader{r: br}
}

// Limits on one record's header, to bound memory on corrupt input.
const (
	maxHeaderLine   = 64 << 10
	maxHeaderFields = 1000
)

// Next returns the next record, or io.EOF after the last. After any other
// error the stream cannot be trusted: Next keeps returning that error.
func (w *WARCReader) Next() (*Record, error) {
	if w.err != nil {
		return nil, w.err
	}
	rec, err := w.next()
	if err != nil {
		w.err = err
	}
	return rec, err
}

func (w *WARCReader) next() (*Record, error) {
	// Skip the blank lines that end the previous record.
	var line []byte
	for {
		l, err := w.readLine()
		if err == io.EOF && len(l) == 0 {
			return nil, io.EOF
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		if len(l) > 0 {
			line = l
			break
		}
		if err == io.EOF {
			return nil, io.EOF
		}
	}
	if !bytes.HasPrefix(line, []byte("WARC/")) {
		return nil, fmt.Errorf("byte %d: want a WARC/ version line, found %q", w.lineStart, truncate(line))
	}
	rec := &Record{Version: string(line), Offset: w.lineStart}
	for {
		l, err := w.readLine()
		if err == io.EOF {
			return nil, fmt.Errorf("byte %d: record header not ended by a blank line", rec.Offset)
		}
		if err != nil {
			return nil, err
		}
		if len(l) == 0 {
			break
		}
		if (l[0] == ' ' || l[0] == '\t') && len(rec.Header) > 0 {
			f := &rec.Header[len(rec.Header)-1]
			f.Value += " " + strings.TrimSpace(string(l))
			continue
		}
		name, value, ok := bytes.Cut(l, []byte(":"))
		if !ok || len(bytes.TrimSpace(name)) == 0 {
			return nil, fmt.Errorf("byte %d: malformed header line %q", w.lineStart, truncate(l))
		}
		if len(rec.Header) == maxHeaderFields {
			return nil, fmt.Errorf("byte %d: more than %d header fields", rec.Offset, maxHeaderFields)
		}
		rec.Header = append(rec.Header, Field{string(bytes.TrimSpace(name)), string(bytes.TrimSpace(value))})
	}
	cl := rec.Header.Get("Content-Length")
	n, err := strconv.ParseInt(cl, 10, 64)
	switch {
	case cl == "":
		return nil, fmt.Errorf("byte %d: record has no Content-Length", rec.Offset)
	case err != nil || n < 0:
		return nil, fmt.Errorf("byte %d: bad Content-Length %q", rec.Offset, cl)
	case n > MaxRecord:
		return nil, fmt.Errorf("byte %d: Content-Length %d: %w", rec.Offset, n, ErrTooLong)
	}
	rec.Block = make([]byte, n)
	got, err := io.ReadFull(w.r, rec.Block)
	w.off += int64(got)
	if err != nil {
		return nil, fmt.Errorf("byte %d: block truncated after %d of %d bytes", rec.Offset, got, n)
	}
	return rec, nil
}

// readLine returns the next line without its CRLF or LF. At the end of the
// input it returns what is left and io.EOF.
func (w *WARCReader) readLine() ([]byte, error) {
	w.lineStart = w.off
	l, err := w.r.ReadSlice('\n')
	w.off += int64(len(l))
	if err == bufio.ErrBufferFull || len(l) > maxHeaderLine {
		return nil, fmt.Errorf("byte %d: header line longer than %d bytes", w.off, maxHeaderLine)
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	l = bytes.TrimSuffix(l, []byte("\n"))
	l = bytes.TrimSuffix(l, []byte("\r"))
	return l, err
}

func truncate(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}
