package detect_test

import (
	"testing"

	"github.com/unmaskdev/unmask/bench/benchtext"
	"github.com/unmaskdev/unmask/detect"
)

// Run with
//
//	go test -run='^$' -bench=. -benchmem ./detect
//
// Inputs come from the repository's testdata (see benchtext.Load);
// stream100MB repeats the seed article through ScanReader without storing it.
func BenchmarkScan(b *testing.B) {
	ins, err := benchtext.Load("../testdata")
	if err != nil {
		b.Fatal(err)
	}
	for _, in := range ins {
		b.Run(in.Name, func(b *testing.B) {
			b.SetBytes(int64(len(in.Text)))
			b.ReportAllocs()
			for b.Loop() {
				detect.Scan(in.Text)
			}
		})
	}
	b.Run("stream100MB", func(b *testing.B) {
		seed := benchtext.Find(ins, "seed").Text
		n := benchtext.Copies(seed, 100e6)
		b.SetBytes(benchtext.Size(seed, n))
		b.ReportAllocs()
		found := 0
		for b.Loop() {
			sum, err := detect.ScanReader(benchtext.Repeat(seed, n), func(detect.Finding) { found++ })
			if err != nil || sum.Bytes != benchtext.Size(seed, n) {
				b.Fatalf("ScanReader read %d bytes, err %v", sum.Bytes, err)
			}
		}
		if found == 0 {
			b.Error("no finding in the repeated seed")
		}
	})
}
