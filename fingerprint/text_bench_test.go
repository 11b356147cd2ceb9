package fingerprint

import (
	"bytes"
	"os"
	"slices"
	"testing"

	"github.com/unmaskdev/unmask/bench/benchtext"
)

// BenchmarkSketchText fingerprints, on one core, the texts that scan and
// clean are measured on (bench/benchtext), with the default parameters
// (fold) and with Params.Restore: english the 100 BBC articles of
// news-sample.jsonl one by one (title and text, as benchtext.NewsText joins
// them), heavy the same articles each disguised by benchtext.Heavy, the
// seed, russian and chinese as one document each, and stream100MB the
// seed's copies in a 100 MB stream, one document per copy, as a crawl of
// copies would be. It reports MB/s and documents per second. With
// Params.Restore, each heavy article and the seed must get the sketch of
// their restored text, or the benchmark fails.
func BenchmarkSketchText(b *testing.B) {
	ins, err := benchtext.Load("../testdata")
	if err != nil {
		b.Fatal(err)
	}
	jsonl, err := os.ReadFile("../testdata/news-sample.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	var english, heavy []string
	for line := range bytes.Lines(jsonl) {
		a, err := benchtext.NewsText(line)
		if err != nil {
			b.Fatal(err)
		}
		english = append(english, string(a))
		heavy = append(heavy, string(benchtext.Heavy(a)))
	}
	rp := DefaultParams()
	rp.Restore = true
	fps := []struct {
		name string
		f    *Fingerprinter
	}{{"fold", MustNew(DefaultParams())}, {"restore", MustNew(rp)}}
	sets := []struct {
		name       string
		docs, want []string // want: what docs restore to, where known
	}{
		{"english", english, nil},
		{"heavy", heavy, english},
		{"seed", []string{string(benchtext.Find(ins, "seed").Text)}, []string{string(benchtext.Find(ins, "seed").Want)}},
		{"russian", []string{string(benchtext.Find(ins, "russian").Text)}, nil},
		{"chinese", []string{string(benchtext.Find(ins, "chinese").Text)}, nil},
	}
	for _, set := range sets {
		size := 0
		for _, d := range set.docs {
			size += len(d)
		}
		for _, fp := range fps {
			b.Run(set.name+"/"+fp.name, func(b *testing.B) {
				// Once before timing, which also fills the lazily built
				// tables (the first run allocated 15 times as much).
				for i, d := range set.docs {
					sk := fp.f.Sketch(d)
					if fp.name == "restore" && set.want != nil && !sameSketch(sk, fp.f.Sketch(set.want[i])) {
						b.Fatalf("document %d does not get the sketch of its restored text", i)
					}
				}
				b.SetBytes(int64(size))
				b.ReportAllocs()
				for b.Loop() {
					for _, d := range set.docs {
						fp.f.Sketch(d)
					}
				}
				b.ReportMetric(float64(b.N*len(set.docs))/b.Elapsed().Seconds(), "docs/s")
			})
		}
	}
	seed := benchtext.Unit(benchtext.Find(ins, "seed").Text)
	n := benchtext.Copies(seed, 100e6)
	for _, fp := range fps {
		b.Run("stream100MB/"+fp.name, func(b *testing.B) {
			b.SetBytes(benchtext.Size(seed, n))
			b.ReportAllocs()
			// One copy is read in place at a time, as from a stream of
			// documents; the text of each is a fresh string, as a reader's is.
			buf := make([]byte, len(seed))
			for b.Loop() {
				for range n {
					copy(buf, seed)
					fp.f.Sketch(string(buf))
				}
			}
			b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

func sameSketch(a, b Sketch) bool {
	return a.Words == b.Words && slices.Equal(a.Signature, b.Signature) && slices.Equal(a.Shingles, b.Shingles)
}
