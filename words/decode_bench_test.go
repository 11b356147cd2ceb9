package words

import (
	"os"
	"testing"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/bench/benchtext"
)

// BenchmarkDecode measures decoding, and splitting the runes decoded, on four texts, beside a reference:
// utf8.DecodeRune over the same bytes with nothing looked up. It is not a
// floor: DecodeRune inlines only ASCII and calls out for the rest, and
// Decode, which decodes valid sequences in place, beats it. Run with
//
//	go test -run='^$' -bench=Decode -benchmem ./words
func BenchmarkDecode(b *testing.B) {
	ins, err := benchtext.Load("../testdata")
	if err != nil {
		b.Fatal(err)
	}
	for _, in := range []struct{ name, file string }{
		{"seed", "../testdata/seed/scraped-article.txt"},
		{"heavy", ""}, // benchtext's heavy disguise, as in the detect and restore benchmarks
		{"russian", "../testdata/udhr/rus.txt"},
		{"chinese", "../testdata/udhr/cmn_hans.txt"},
	} {
		var text []byte
		if in.file == "" {
			text = benchtext.Find(ins, in.name).Text
		} else if text, err = os.ReadFile(in.file); err != nil {
			b.Fatal(err)
		}
		b.Run(in.name+"/utf8.DecodeRune", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			n := 0
			for b.Loop() {
				for i := 0; i < len(text); {
					r, size := utf8.DecodeRune(text[i:])
					n += int(r)
					i += size
				}
			}
			sink = n
		})
		b.Run(in.name+"/Decode", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			var rs []Rune
			for b.Loop() {
				rs = Decode(text, rs[:0])
			}
		})
		b.Run(in.name+"/DecodeSparse", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			var sp Sparse
			for b.Loop() {
				DecodeSparse(text, &sp)
			}
		})
		b.Run(in.name+"/Split", func(b *testing.B) {
			// The words of DecodeSparse's runes, as package detect splits
			// them; bytes are the whole text's, as above.
			var sp Sparse
			DecodeSparse(text, &sp)
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			var ws []Word
			for b.Loop() {
				ws = Split(sp.Runes, ws[:0])
			}
		})
	}
}

var sink int
