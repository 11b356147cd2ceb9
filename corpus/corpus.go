// Package corpus reads documents from plain text files, JSON Lines and
// WARC/WET files, each optionally gzip-compressed.
//
// A Reader yields Docs one at a time and never holds more than one record
// in memory. Every error names where it happened (file and line for JSONL,
// file and byte offset for WARC), and a malformed JSONL line does not stop
// the reader: it is returned as a *LineError and the next call goes on with
// the next line.
package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Doc is one document.
type Doc struct {
	ID   string
	Text string
	Line int    // 1-based line in a JSONL file; 0 otherwise
	Raw  []byte // the JSONL line as read (without the newline); nil for other formats
}

// Format is a kind of input file.
type Format string

// The formats Open understands.
const (
	Auto  Format = "auto"  // guessed from the content
	Text  Format = "text"  // the whole file is one document, its ID the file name
	JSONL Format = "jsonl" // one JSON object per line
	WARC  Format = "warc"  // WARC 1.0/1.1 records (WET conversion records, text resources and responses)
)

// Options configure a Reader. The zero value reads JSONL fields "id" and "text".
type Options struct {
	Format    Format
	IDField   string // JSONL field with the document ID; default "id"
	TextField string // JSONL field with the text; default "text"
}

func (o Options) idField() string {
	if o.IDField == "" {
		return "id"
	}
	return o.IDField
}

func (o Options) textField() string {
	if o.TextField == "" {
		return "text"
	}
	return o.TextField
}

// Reader yields the documents of one input.
type Reader interface {
	// Next returns the next document, or io.EOF at the end. A *LineError
	// reports one bad record; reading may go on after it.
	Next() (Doc, error)
}

// LineError is a malformed record; reading can continue after it.
type LineError struct {
	Name string // file name
	Line int    // 1-based line
	Raw  []byte // the line as read
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.Name, e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// File is a Reader over an opened file; Close closes it.
type File struct {
	Reader
	closers []io.Closer
}

// Close closes the file and any decompressor.
func (f *File) Close() error {
	var err error
	for i := len(f.closers) - 1; i >= 0; i-- {
		if e := f.closers[i].Close(); e != nil && err == nil {
			err = e
		}
	}
	return err
}

// Open opens the file name ("-" is stdin) and returns a Reader for it.
func Open(name string, opt Options) (*File, error) {
	var r io.Reader = os.Stdin
	f := &File{}
	if name != "-" {
		fh, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		f.closers = append(f.closers, fh)
		r = fh
	}
	rd, err := NewReader(r, name, opt)
	if err != nil {
		f.Close()
		return nil, err
	}
	f.Reader = rd
	if c, ok := rd.(io.Closer); ok {
		f.closers = append(f.closers, c)
	}
	return f, nil
}

// NewReader returns a Reader for r. name is used for IDs of plain text and
// in error messages. Gzip input is detected by its magic number and
// decompressed (concatenated gzip members too, as WARC files use).
func NewReader(r io.Reader, name string, opt Options) (Reader, error) {
	br, err := Decompress(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	format := opt.Format
	if format == "" || format == Auto {
		format = sniff(br, name)
	}
	var rd Reader
	switch format {
	case Text:
		rd = &textReader{r: br, name: name}
	case JSONL:
		rd = NewJSONL(br, name, opt)
	case WARC:
		rd = &warcDocs{w: NewWARC(br), name: name}
	default:
		return nil, fmt.Errorf("%s: unknown format %q (want auto, text, jsonl or warc)", name, format)
	}
	return rd, nil
}

// Decompress returns r buffered, and decompressed if it starts with the
// gzip magic number (concatenated gzip members too, as WARC files use). It
// is the one gzip sniff of the module's readers.
func Decompress(r io.Reader) (*bufio.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, err
		}
		return bufio.NewReaderSize(zr, 64<<10), nil
	}
	return br, nil
}

// sniff guesses the format from the first bytes, then from the file name.
func sniff(br *bufio.Reader, name string) Format {
	head, _ := br.Peek(512)
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	switch {
	case bytes.HasPrefix(head, []byte("WARC/")):
		return WARC
	case len(trimmed) > 0 && trimmed[0] == '{':
		return JSONL
	}
	lower := strings.ToLower(strings.TrimSuffix(name, ".gz"))
	for _, ext := range []string{".jsonl", ".ndjson"} {
		if strings.HasSuffix(lower, ext) {
			return JSONL
		}
	}
	for _, ext := range []string{".warc", ".wet"} {
		if strings.HasSuffix(lower, ext) {
			return WARC
		}
	}
	return Text
}

// textReader yields the whole input as one document.
type textReader struct {
	r    io.Reader
	name string
	done bool
}

func (t *textReader) Next() (Doc, error) {
	if t.done {
		return Doc{}, io.EOF
	}
	t.done = true
	b, err := io.ReadAll(t.r)
	if err != nil {
		return Doc{}, fmt.Errorf("%s: %w", t.name, err)
	}
	return Doc{ID: t.name, Text: string(b)}, nil
}

// warcDocs turns WARC records into documents: conversion records (WET),
// resource records and responses whose payload is text/plain. Other records
// (warcinfo, request, metadata, HTML responses) are skipped: index WET files
// to cover HTML crawls.
type warcDocs struct {
	w    *WARCReader
	name string
}

func (d *warcDocs) Next() (Doc, error) {
	for {
		rec, err := d.w.Next()
		if err == io.EOF {
			return Doc{}, io.EOF
		}
		if err != nil {
			return Doc{}, fmt.Errorf("%s: %w", d.name, err)
		}
		text, ok, err := recordText(rec)
		if err != nil {
			return Doc{}, fmt.Errorf("%s: record at byte %d: %w", d.name, rec.Offset, err)
		}
		if !ok {
			continue
		}
		id := rec.Header.Get("WARC-Target-URI")
		if id == "" {
			id = rec.Header.Get("WARC-Record-ID")
		}
		if id == "" {
			id = fmt.Sprintf("%s@%d", d.name, rec.Offset)
		}
		return Doc{ID: id, Text: text}, nil
	}
}

// recordText returns the text of a record that carries text.
func recordText(rec *Record) (string, bool, error) {
	ct := strings.ToLower(rec.Header.Get("Content-Type"))
	switch strings.ToLower(rec.Header.Get("WARC-Type")) {
	case "conversion":
		return string(rec.Block), true, nil
	case "resource":
		if strings.HasPrefix(ct, "text/plain") {
			return string(rec.Block), true, nil
		}
	case "response":
		if !strings.HasPrefix(ct, "application/http") {
			return "", false, nil
		}
		head, body, found := bytes.Cut(rec.Block, []byte("\r\n\r\n"))
		if !found {
			head, body, found = bytes.Cut(rec.Block, []byte("\n\n"))
		}
		if !found {
			return "", false, nil
		}
		for _, line := range bytes.Split(head, []byte("\n")) {
			k, v, ok := bytes.Cut(line, []byte(":"))
			if ok && strings.EqualFold(string(bytes.TrimSpace(k)), "Content-Type") {
				if strings.HasPrefix(strings.ToLower(string(bytes.TrimSpace(v))), "text/plain") {
					return string(body), true, nil
				}
			}
		}
	}
	return "", false, nil
}

// ErrTooLong is returned for a record or line longer than MaxRecord.
var ErrTooLong = errors.New("record longer than the 256 MiB limit")

// MaxRecord bounds one JSONL line or WARC block, so that a corrupt length
// cannot exhaust memory.
const MaxRecord = 256 << 20
