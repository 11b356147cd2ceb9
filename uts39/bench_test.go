package uts39

import (
	"bufio"
	"io"
	"strings"
	"testing"
	"unsafe"

	"github.com/unmaskdev/unmask/bench/benchtext"
)

var benchTexts = []struct{ name, text string }{
	{"ascii-english", strings.Repeat("The quick brown fox jumps over the lazy dog near the river bank. ", 16)},
	// English with Greek lookalikes swapped in (ο, α, ε, ι), as in a disguised copy.
	{"greek-mixed", strings.Repeat("The quick brοwn fοx jumps οver the lαzy dοg neαr the rιver bαnk. ", 16)},
	{"russian", strings.Repeat("Съешь же ещё этих мягких французских булок, да выпей чаю. ", 16)},
}

func BenchmarkSkeleton(b *testing.B) {
	for _, bt := range benchTexts {
		b.Run(bt.name, func(b *testing.B) {
			b.SetBytes(int64(len(bt.text)))
			b.ReportAllocs()
			for b.Loop() {
				_ = Skeleton(bt.text)
			}
		})
	}
}

func BenchmarkAppendSkeleton(b *testing.B) {
	buf := make([]byte, 0, 4096)
	for _, bt := range benchTexts {
		b.Run(bt.name, func(b *testing.B) {
			b.SetBytes(int64(len(bt.text)))
			b.ReportAllocs()
			for b.Loop() {
				buf = AppendSkeleton(buf[:0], bt.text)
			}
		})
	}
}

func BenchmarkNFD(b *testing.B) {
	buf := make([]byte, 0, 4096)
	for _, bt := range benchTexts {
		b.Run(bt.name, func(b *testing.B) {
			b.SetBytes(int64(len(bt.text)))
			b.ReportAllocs()
			for b.Loop() {
				buf = AppendNFD(buf[:0], bt.text)
			}
		})
	}
}

// BenchmarkScriptRestrictionLevel uses the level without the profile step,
// which reads the whole text (RestrictionLevel stops at the first space).
func BenchmarkScriptRestrictionLevel(b *testing.B) {
	for _, bt := range benchTexts {
		b.Run(bt.name, func(b *testing.B) {
			b.SetBytes(int64(len(bt.text)))
			b.ReportAllocs()
			for b.Loop() {
				_ = ScriptRestrictionLevel(bt.text)
			}
		})
	}
}

func BenchmarkBidiSkeleton(b *testing.B) {
	text := strings.Repeat("שלום world (עולם) 123 ", 40)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		_ = BidiSkeleton(RTL, text)
	}
}

// BenchmarkSkeletonText is the skeleton of each line of the benchmark texts
// that scan and clean are measured on (bench/benchtext: english,
// english-accented, seed, heavy, russian, chinese), line by line as `unmask
// skeleton` and ICU's getSkeleton in bench/run.sh take them; stream100MB is
// the seed repeated to 100 MB, read through a bufio.Reader as `unmask
// skeleton` reads stdin. Each fails if a line's skeleton differs from
// Skeleton's, or if the stream's total differs from the sum of its copies'.
func BenchmarkSkeletonText(b *testing.B) {
	ins, err := benchtext.Load("../testdata")
	if err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, 0, 64<<10)
	for _, in := range ins {
		lines := strings.SplitAfter(string(in.Text), "\n")
		b.Run(in.Name, func(b *testing.B) {
			for _, l := range lines {
				if got := AppendSkeleton(buf[:0], l); string(got) != Skeleton(l) {
					b.Fatalf("AppendSkeleton(%q) = %q, Skeleton gives %q", l, got, Skeleton(l))
				}
			}
			b.SetBytes(int64(len(in.Text)))
			b.ReportAllocs()
			for b.Loop() {
				for _, l := range lines {
					buf = AppendSkeleton(buf[:0], l)
				}
			}
		})
	}
	b.Run("stream100MB", func(b *testing.B) {
		seed := benchtext.Find(ins, "seed").Text
		n := benchtext.Copies(seed, 100e6)
		want := 0
		for _, l := range strings.SplitAfter(string(benchtext.Unit(seed)), "\n") {
			want += len(Skeleton(l))
		}
		b.SetBytes(benchtext.Size(seed, n))
		b.ReportAllocs()
		br := bufio.NewReaderSize(nil, 64<<10)
		for b.Loop() {
			br.Reset(benchtext.Repeat(seed, n))
			total := 0
			for {
				line, err := br.ReadSlice('\n')
				buf = AppendSkeleton(buf[:0], unsafe.String(unsafe.SliceData(line), len(line)))
				total += len(buf)
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err) // no line is longer than the buffer
				}
			}
			if total != want*n {
				b.Fatalf("skeletons of the stream: %d bytes, want %d", total, want*n)
			}
		}
	})
}
