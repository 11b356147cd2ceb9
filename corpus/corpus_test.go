package corpus

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readAll(t *testing.T, r Reader) (docs []Doc, errs []error) {
	t.Helper()
	for i := 0; i < 10000; i++ {
		d, err := r.Next()
		if err == io.EOF {
			return docs, errs
		}
		if err != nil {
			errs = append(errs, err)
			var le *LineError
			if !errors.As(err, &le) {
				return docs, errs
			}
			continue
		}
		docs = append(docs, d)
	}
	t.Fatal("reader does not end")
	return
}

func gz(b string) string {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(b))
	zw.Close()
	return buf.String()
}

// rec builds one WARC record with a correct Content-Length.
func rec(nl, header, block string) string {
	return "WARC/1.0" + nl + strings.ReplaceAll(header, "|", nl) + fmt.Sprintf("Content-Length: %d", len(block)) + nl + nl + block + nl + nl
}

var warcSample = rec("\r\n", "WARC-Type: warcinfo|", "software: x") +
	rec("\r\n", "WARC-Type: conversion|WARC-Target-URI: http://a.example/1|WARC-Record-ID: <urn:uuid:1>|", "hello\nworld") +
	rec("\r\n", "WARC-Type: response|WARC-Target-URI: http://a.example/2|Content-Type: application/http; msgtype=response|", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nbody!") +
	rec("\r\n", "WARC-Type: response|WARC-Target-URI: http://a.example/3|Content-Type: application/http|", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>") +
	rec("\n", "WARC-Type: resource|WARC-Record-ID: <urn:uuid:4>|Content-Type: text/plain|", "abc")

func TestNewReader(t *testing.T) {
	jsonl := `{"id":"a","text":"first"}` + "\n\n" + `{"id":7,"text":"second","x":[1]}` + "\r\n" + `{"text":"no id"}`
	tests := []struct {
		name, file, in string
		opt            Options
		ids, texts     []string
		nerr           int
	}{
		{"text", "a.txt", "just text\nline 2", Options{}, []string{"a.txt"}, []string{"just text\nline 2"}, 0},
		{"empty text", "e.txt", "", Options{}, []string{"e.txt"}, []string{""}, 0},
		{"jsonl", "c.jsonl", jsonl, Options{}, []string{"a", "7", "c.jsonl:4"}, []string{"first", "second", "no id"}, 0},
		{"jsonl gzip", "c.jsonl.gz", gz(jsonl), Options{}, []string{"a", "7", "c.jsonl.gz:4"}, []string{"first", "second", "no id"}, 0},
		{"jsonl sniffed", "data", jsonl, Options{}, []string{"a", "7", "data:4"}, []string{"first", "second", "no id"}, 0},
		{"jsonl fields", "c.jsonl", `{"u":"x","body":"b"}`, Options{IDField: "u", TextField: "body"}, []string{"x"}, []string{"b"}, 0},
		{"jsonl bad lines go on", "c.jsonl", "{\"text\":\"ok\"}\nnot json\n[1]\n{\"text\":5}\n{\"id\":\"z\"}\n{\"text\":\"last\"}", Options{}, []string{"c.jsonl:1", "c.jsonl:6"}, []string{"ok", "last"}, 4},
		{"warc", "x.warc", warcSample, Options{}, []string{"http://a.example/1", "http://a.example/2", "<urn:uuid:4>"}, []string{"hello\nworld", "body!", "abc"}, 0},
		{"warc gzip members", "x.warc.gz", gz(warcSample[:66]) + gz(warcSample[66:]), Options{}, []string{"http://a.example/1", "http://a.example/2", "<urn:uuid:4>"}, []string{"hello\nworld", "body!", "abc"}, 0},
		{"forced text", "x.warc", "WARC/1.0", Options{Format: Text}, []string{"x.warc"}, []string{"WARC/1.0"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := NewReader(strings.NewReader(tt.in), tt.file, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			docs, errs := readAll(t, r)
			if len(errs) != tt.nerr {
				t.Errorf("errors %v, want %d", errs, tt.nerr)
			}
			if len(docs) != len(tt.ids) {
				t.Fatalf("got %d docs %+v, want %d", len(docs), docs, len(tt.ids))
			}
			for i, d := range docs {
				if d.ID != tt.ids[i] || d.Text != tt.texts[i] {
					t.Errorf("doc %d = %q %q, want %q %q", i, d.ID, d.Text, tt.ids[i], tt.texts[i])
				}
			}
		})
	}
}

func TestJSONLErrorsNameLines(t *testing.T) {
	in := "{\"text\":\"a\"}\n\n{oops\n{\"text\":\"b\"}\n"
	r := NewJSONL(strings.NewReader(in), "f.jsonl", Options{})
	var lines []int
	for {
		d, err := r.Next()
		if err == io.EOF {
			break
		}
		var le *LineError
		if errors.As(err, &le) {
			if le.Line != 3 || string(le.Raw) != "{oops" || !strings.HasPrefix(le.Error(), "f.jsonl:3: invalid JSON") {
				t.Errorf("error %q line %d raw %q", le, le.Line, le.Raw)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, d.Line)
	}
	if fmt.Sprint(lines) != "[1 4]" {
		t.Errorf("record lines %v, want [1 4]", lines)
	}
}

func TestJSONLLongLine(t *testing.T) {
	text := strings.Repeat("x", 200<<10) // longer than the bufio buffer
	in := `{"id":"big","text":"` + text + `"}` + "\n" + `{"id":"next","text":"y"}`
	docs, errs := readAll(t, NewJSONL(strings.NewReader(in), "f", Options{}))
	if len(errs) != 0 || len(docs) != 2 || docs[0].Text != text || docs[1].ID != "next" {
		t.Errorf("long line: %d docs, errors %v", len(docs), errs)
	}
}

func TestWARCErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"not warc", "HTTP/1.1 200\r\n\r\n", "want a WARC/ version line"},
		{"no length", "WARC/1.0\r\nWARC-Type: resource\r\n\r\n", "no Content-Length"},
		{"bad length", "WARC/1.0\r\nContent-Length: -4\r\n\r\n", "bad Content-Length"},
		{"huge length", "WARC/1.0\r\nContent-Length: 99999999999\r\n\r\n", "longer than"},
		{"truncated", "WARC/1.0\r\nContent-Length: 10\r\n\r\nabc", "block truncated after 3 of 10"},
		{"bad header", "WARC/1.0\r\nno colon here\r\n", "malformed header line"},
		{"unended header", "WARC/1.0\r\nContent-Length: 1\r\n", "not ended by a blank line"},
		{"second record bad", "WARC/1.0\r\nContent-Length: 1\r\n\r\na\r\n\r\nGARBAGE\r\n", "byte 36: want a WARC/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := NewWARC(strings.NewReader(tt.in))
			var err error
			for err == nil {
				_, err = w.Next()
			}
			if err == io.EOF || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
			if _, again := w.Next(); again != err {
				t.Errorf("Next after error = %v, want the same error", again)
			}
		})
	}
}

func TestWARCHeader(t *testing.T) {
	in := "WARC/1.1\r\nwarc-type: conversion\r\nX-Long: a\r\n  b\r\nContent-Length: 0\r\n\r\n\r\n\r\n"
	rec, err := NewWARC(strings.NewReader(in)).Next()
	if err != nil {
		t.Fatal(err)
	}
	if rec.Header.Get("WARC-Type") != "conversion" || rec.Header.Get("x-long") != "a b" || len(rec.Block) != 0 || rec.Version != "WARC/1.1" {
		t.Errorf("record %+v", rec)
	}
}

func TestOpenFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "d.jsonl.gz")
	if err := os.WriteFile(p, []byte(gz(`{"id":"q","text":"t"}`)), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Open(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs, errs := readAll(t, f)
	if err := f.Close(); err != nil || len(errs) > 0 || len(docs) != 1 || docs[0].ID != "q" {
		t.Errorf("Open: docs %+v errs %v close %v", docs, errs, err)
	}
	if _, err := Open(filepath.Join(dir, "missing"), Options{}); err == nil {
		t.Error("Open of a missing file: no error")
	}
	if _, err := NewReader(strings.NewReader("x"), "x", Options{Format: "csv"}); err == nil {
		t.Error("unknown format: no error")
	}
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"first"}` + "\n" + `{"id":7,"text":"x"}`))
	f.Add([]byte("{oops\n\n[1]\nnull\n{\"text\":\"\\ud800\"}"))
	f.Fuzz(func(t *testing.T, in []byte) {
		r := NewJSONL(bytes.NewReader(in), "f", Options{})
		lines := bytes.Count(in, []byte("\n")) + 1
		n := 0
		for {
			d, err := r.Next()
			if err == io.EOF {
				break
			}
			n++
			if n > lines {
				t.Fatalf("more records (%d) than lines (%d)", n, lines)
			}
			var le *LineError
			if err != nil && !errors.As(err, &le) {
				t.Fatalf("non-line error %v", err)
			}
			if err == nil && (d.Line < 1 || d.Line > lines || !bytes.Contains(in, d.Raw)) {
				t.Fatalf("doc %+v: bad line or raw", d)
			}
		}
	})
}

// FuzzWARC holds the record reader and the document reader to each other
// on any input, compressed or not. A right error is fine (a truncated gzip
// stream cannot be opened); a panic, a document lost or made up, or an
// error with no name of the file is not.
func FuzzWARC(f *testing.F) {
	f.Add([]byte(warcSample))
	f.Add([]byte("WARC/1.0\nContent-Length: 2\n\nab"))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 5\r\n\r\nabc"))
	f.Add([]byte(gz(warcSample)))
	f.Add([]byte(gz(warcSample)[:40]))
	f.Fuzz(func(t *testing.T, in []byte) {
		// The reference: the records of the stream NewReader sees, and the
		// documents they carry, up to the first error.
		plain, gzipped := in, len(in) >= 2 && in[0] == 0x1f && in[1] == 0x8b
		var gzErr error
		if gzipped {
			zr, err := gzip.NewReader(bytes.NewReader(in))
			if err == nil {
				plain, gzErr = io.ReadAll(io.LimitReader(zr, 1<<20))
				if len(plain) == 1<<20 {
					return // a bomb: the reference would stop short
				}
			} else {
				plain, gzErr = nil, err
			}
		}
		w := NewWARC(bytes.NewReader(plain))
		var want []Doc
		total := 0
		for i := 0; ; i++ {
			rec, err := w.Next()
			if err != nil {
				break
			}
			if rec.Offset < 0 || rec.Offset > int64(len(plain)) || !bytes.HasPrefix(plain[rec.Offset:], []byte("WARC/")) {
				t.Fatalf("record %d: offset %d does not point at WARC/", i, rec.Offset)
			}
			total += len(rec.Block)
			if total > len(plain) || i > len(plain) {
				t.Fatalf("records add up to more than the input")
			}
			text, ok, err := recordText(rec)
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				want = append(want, Doc{Text: text})
			}
		}

		r, err := NewReader(bytes.NewReader(in), "f.warc", Options{Format: WARC})
		if err != nil {
			// Only a compressed stream can fail to open, with the gzip
			// reader's own error, and the message names the file.
			if !gzipped || gzErr == nil || !strings.HasPrefix(err.Error(), "f.warc: ") {
				t.Fatalf("NewReader: %v (gzip: %v, reference: %v)", err, gzipped, gzErr)
			}
			return
		}
		for i := 0; ; i++ {
			d, err := r.Next()
			if err != nil {
				if err != io.EOF && !strings.HasPrefix(err.Error(), "f.warc: ") {
					t.Fatalf("error without the file name: %v", err)
				}
				// Every document of the stream read before the error, none
				// more (a corrupt gzip tail may end it early: then what
				// came before its end is all there).
				if err == io.EOF && gzErr == nil && i != len(want) || i > len(want) {
					t.Fatalf("%d documents, want %d (end: %v)", i, len(want), err)
				}
				return
			}
			if i >= len(want) || d.Text != want[i].Text {
				t.Fatalf("document %d differs from record's text", i)
			}
		}
	})
}

// Records are read as package jsonl reads them (issue 17): a repeated key
// is a line error, where encoding/json took the last value; invalid text
// is kept, not made U+FFFD.
func TestParseRecordPolicy(t *testing.T) {
	in := `{"id":"a","text":"clean","text":"h\u03bfme"}` + "\n" + `{"id":7,"text":"a\ud800` + "\xff\"}\n"
	docs, errs := readAll(t, NewJSONL(strings.NewReader(in), "f", Options{}))
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), `f:1: key "text" is repeated`) {
		t.Errorf("errors %v", errs)
	}
	if len(docs) != 1 || docs[0].ID != "7" || docs[0].Text != "a\xed\xa0\x80\xff" {
		t.Errorf("docs %+v", docs)
	}
}
