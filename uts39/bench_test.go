package uts39

import (
	"strings"
	"testing"
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
