package restore_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/unmaskdev/unmask/bench/benchtext"
	"github.com/unmaskdev/unmask/restore"
)

// Run with
//
//	go test -run='^$' -bench=. -benchmem ./restore
//
// BenchmarkClean measures Bytes on whole documents and, as stream100MB, the
// streaming NewReader on the seed article repeated to 100 MB (generated as
// it is read, never stored); BenchmarkCleanReader is NewReader on the same
// documents as BenchmarkClean. Where the right output is known (english,
// english-accented, seed, heavy) a wrong one fails the benchmark: it would
// measure other work.
func BenchmarkClean(b *testing.B) {
	ins := load(b)
	for _, in := range ins {
		b.Run(in.Name, func(b *testing.B) {
			if in.Want != nil && !bytes.Equal(restore.Bytes(in.Text), in.Want) {
				b.Errorf("Bytes(%s) does not give the restored text", in.Name)
			}
			b.SetBytes(int64(len(in.Text)))
			b.ReportAllocs()
			for b.Loop() {
				restore.Bytes(in.Text)
			}
		})
	}
	b.Run("stream100MB", func(b *testing.B) {
		seed, want := benchtext.Find(ins, "seed").Text, benchtext.Find(ins, "seed").Want
		n := benchtext.Copies(seed, 100e6)
		size := benchtext.Size(seed, n)
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			k, err := io.Copy(io.Discard, restore.NewReader(benchtext.Repeat(seed, n)))
			if err != nil || k != benchtext.Size(want, n) {
				b.Fatalf("NewReader gave %d bytes, want %d (err %v)", k, benchtext.Size(want, n), err)
			}
		}
	})
}

func BenchmarkCleanReader(b *testing.B) {
	for _, in := range load(b) {
		b.Run(in.Name, func(b *testing.B) {
			b.SetBytes(int64(len(in.Text)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := io.Copy(io.Discard, restore.NewReader(bytes.NewReader(in.Text))); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func load(b *testing.B) []benchtext.Input {
	ins, err := benchtext.Load("../testdata")
	if err != nil {
		b.Fatal(err)
	}
	return ins
}
