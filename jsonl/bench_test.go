package jsonl

import (
	"bytes"
	"os"
	"testing"
)

// BenchmarkRecord is the work `unmask clean --jsonl` does per line around
// restoring: Parse, String of the text field, Set of it, AppendTo; on the
// 100 BBC articles of testdata/news-sample.jsonl. Run with
//
//	go test -run='^$' -bench=Record -benchmem ./jsonl
func BenchmarkRecord(b *testing.B) {
	data, err := os.ReadFile("../testdata/news-sample.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var out []byte
	for b.Loop() {
		for _, line := range lines {
			rec, err := Parse(line)
			if err != nil {
				b.Fatal(err)
			}
			s, ok := rec.String("text")
			if !ok {
				b.Fatal("no text")
			}
			if err := rec.Set("text", s); err != nil {
				b.Fatal(err)
			}
			out = rec.AppendTo(out[:0])
		}
	}
}
