package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/unmaskdev/unmask/corpus"
	"github.com/unmaskdev/unmask/dedup"
)

func init() {
	register.DoFn4x0[context.Context, []byte, func(int64, []byte), func(string)](&readLinesFn{})
	register.DoFn4x0[context.Context, []byte, func(int64, []byte), func(string)](&readDocsFn{})
	register.DoFn3x1[context.Context, int, func(*string) bool, error](&writeShardFn{})
	register.DoFn1x2[string, int, string](&shardFn{})
	register.Emitter2[int64, []byte]()
	register.Emitter1[string]()
	register.Iter1[string]()
}

// Files lists the files a glob names, sorted: their position numbers
// records across files, so record order is file order, then line order,
// as when the files are given to unmask one after another.
func Files(ctx context.Context, glob string) ([]string, error) {
	fs, err := filesystem.New(ctx, glob)
	if err != nil {
		return nil, err
	}
	defer fs.Close()
	names, err := fs.List(ctx, glob)
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no file matches %s", glob)
	}
	slices.Sort(names)
	return names, nil
}

// A record's key is its position: file number << 40 | record number.
const fileShift = 40

func recordKey(file, n int) int64 { return int64(file)<<fileShift | int64(n) }

// fileRef is one input file and its number.
func fileRef(i int, name string) []byte {
	var e enc
	e.u(uint64(i))
	e.str(name)
	return e.b
}

// line is one record as read: where it is and its bytes.
type line struct {
	File string
	Line int // 1-based line (JSONL); 0 for WARC
	Raw  []byte
	// Off is the byte offset of a WARC record, for messages.
	Bad string // a reading error: the record goes to the dead letters
}

func (l *line) encode() []byte {
	var e enc
	e.str(l.File)
	e.u(uint64(l.Line))
	e.bytes(l.Raw)
	e.str(l.Bad)
	return e.b
}

func decodeLine(b []byte) (line, error) {
	d := dec{b: b}
	l := line{File: d.str(), Line: int(d.u()), Raw: d.bytes(), Bad: d.str()}
	return l, d.err
}

// deadLetter is a record that could not be used, with where it was.
type deadLetter struct {
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	Error  string `json:"error"`
	Record string `json:"record,omitempty"`
}

func (d deadLetter) String() string {
	b, _ := json.Marshal(d)
	return string(b)
}

// isWARC reports whether a file is read as WARC/WET (by its name) rather
// than as JSON Lines.
func isWARC(name, format string) bool {
	switch format {
	case "warc":
		return true
	case "jsonl":
		return false
	}
	n := strings.TrimSuffix(strings.ToLower(name), ".gz")
	return strings.HasSuffix(n, ".warc") || strings.HasSuffix(n, ".wet")
}

// readLinesFn reads one file's records as unmask dedup and unmask trace
// --jsonl count them: every line of a JSON Lines file (gzip or not); the
// documents of a WARC/WET file, each as a JSON object {"id", Field}.
type readLinesFn struct {
	Format string // auto, jsonl or warc
	Field  string // the text field of the records made from WARC
}

func (f *readLinesFn) ProcessElement(ctx context.Context, ref []byte, emit func(int64, []byte), dead func(string)) {
	d := dec{b: ref}
	num, name := int(d.u()), d.str()
	r, err := open(ctx, name)
	if err != nil {
		dead(deadLetter{File: name, Error: err.Error()}.String())
		return
	}
	defer r.Close()
	if isWARC(name, f.Format) {
		readWARC(name, num, f.Field, r, emit, dead)
		return
	}
	lines, err := dedup.NewLines(r)
	if err != nil {
		dead(deadLetter{File: name, Error: err.Error()}.String())
		return
	}
	for n := 0; ; n++ {
		raw, err := lines.Next()
		if len(raw) > 0 || err == nil {
			l := line{File: name, Line: n + 1, Raw: raw}
			emit(recordKey(num, n), l.encode())
		}
		if err != nil {
			if err != io.EOF {
				// A read error ends the file (a line too long, a
				// truncated gzip stream): said where, not silent.
				dead(deadLetter{File: name, Line: n + 1, Error: err.Error()}.String())
			}
			return
		}
	}
}

func readWARC(name string, num int, field string, r io.Reader, emit func(int64, []byte), dead func(string)) {
	cr, err := corpus.NewReader(r, name, corpus.Options{Format: corpus.WARC})
	if err != nil {
		dead(deadLetter{File: name, Error: err.Error()}.String())
		return
	}
	for n := 0; ; n++ {
		doc, err := cr.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			// A malformed or truncated record ends the file: the reader
			// cannot find the next record's start.
			dead(deadLetter{File: name, Error: err.Error()}.String())
			return
		}
		id, _ := json.Marshal(doc.ID)
		fieldName, _ := json.Marshal(field)
		text, _ := json.Marshal(doc.Text)
		raw := fmt.Appendf(nil, `{"id":%s,%s:%s}`, id, fieldName, text)
		l := line{File: name, Raw: raw}
		emit(recordKey(num, n), l.encode())
	}
}

// readDocsFn reads originals as unmask index add does (package corpus,
// format by content): a malformed JSONL line is a dead letter and is
// skipped.
type readDocsFn struct {
	IDField, Field string
}

func (f *readDocsFn) ProcessElement(ctx context.Context, ref []byte, emit func(int64, []byte), dead func(string)) {
	d := dec{b: ref}
	num, name := int(d.u()), d.str()
	r, err := open(ctx, name)
	if err != nil {
		dead(deadLetter{File: name, Error: err.Error()}.String())
		return
	}
	defer r.Close()
	cr, err := corpus.NewReader(r, name, corpus.Options{IDField: f.IDField, TextField: f.Field})
	if err != nil {
		dead(deadLetter{File: name, Error: err.Error()}.String())
		return
	}
	for n := 0; ; n++ {
		doc, err := cr.Next()
		if err == io.EOF {
			return
		}
		var le *corpus.LineError
		if errors.As(err, &le) {
			dead(deadLetter{File: name, Line: le.Line, Error: le.Err.Error(), Record: string(le.Raw)}.String())
			continue
		}
		if err != nil {
			dead(deadLetter{File: name, Error: err.Error()}.String())
			return
		}
		var e enc
		e.str(doc.ID)
		e.str(doc.Text)
		emit(recordKey(num, n), e.b)
	}
}

func open(ctx context.Context, name string) (io.ReadCloser, error) {
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return nil, err
	}
	r, err := fs.OpenRead(ctx, name)
	if err != nil {
		fs.Close()
		return nil, err
	}
	return r, nil
}

// writeSharded writes lines (strings without their newline) to shards
// files PREFIX-SSSSS-of-NNNNN.jsonl, spread by a hash of each line: no
// worker holds more than its shard.
func writeSharded(s beam.Scope, prefix string, shards int, lines beam.PCollection) {
	s = s.Scope("write " + prefix)
	keyed := beam.ParDo(s, &shardFn{Shards: shards}, lines)
	beam.ParDo0(s, &writeShardFn{Prefix: prefix, Shards: shards}, beam.GroupByKey(s, keyed))
}

type shardFn struct{ Shards int }

func (f *shardFn) ProcessElement(s string) (int, string) {
	h := fnv.New32a()
	h.Write([]byte(s))
	return int(h.Sum32() % uint32(f.Shards)), s
}

type writeShardFn struct {
	Prefix string
	Shards int
}

func (f *writeShardFn) ProcessElement(ctx context.Context, shard int, lines func(*string) bool) error {
	name := ShardName(f.Prefix, shard, f.Shards)
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return err
	}
	var s string
	buf := make([]byte, 0, 1<<20)
	for lines(&s) {
		buf = append(buf, s...)
		buf = append(buf, '\n')
		if len(buf) >= 1<<20 {
			if _, err := w.Write(buf); err != nil {
				w.Close()
				return err
			}
			buf = buf[:0]
		}
	}
	if _, err := w.Write(buf); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// ShardName is the name of one output shard.
func ShardName(prefix string, shard, shards int) string {
	return fmt.Sprintf("%s-%05d-of-%05d.jsonl", prefix, shard, shards)
}
