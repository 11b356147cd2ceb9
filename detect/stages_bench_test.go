package detect

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/bench/benchtext"
	"github.com/unmaskdev/unmask/ucd"
	"github.com/unmaskdev/unmask/words"
)

// BenchmarkStages puts a bound on restoring the heavy disguise with the
// stages this package is built on (package words' runes and words):
//
//   - words: words.DecodeSparse and words.Split alone, as judge runs them;
//   - minimal: those, then a restorer that knows only the disguises
//     benchtext.Heavy plants (lookalike letters, restyled letters, invisible
//     characters) and none of the rules' context: every non-ASCII word has
//     its format characters removed, its restyled letters made plain, and
//     its non-Latin letters replaced by their Latin lookalikes.
//
// On the heavy text, and only there, minimal gives exactly the restored
// text (the benchmark fails otherwise): it is one restorer that does the
// work restore.Bytes does there with none of the judgement, a reference for
// what the judgement costs; words is what any restorer on these stages
// pays before judging anything. Compare BenchmarkClean/heavy in package
// restore. Run with
//
//	go test -run='^$' -bench=Stages ./detect
func BenchmarkStages(b *testing.B) {
	ins, err := benchtext.Load("../testdata")
	if err != nil {
		b.Fatal(err)
	}
	in := benchtext.Find(ins, "heavy")
	var sp words.Sparse
	var ws []words.Word
	b.Run("heavy/words", func(b *testing.B) {
		b.SetBytes(int64(len(in.Text)))
		for b.Loop() {
			words.DecodeSparse(in.Text, &sp)
			ws = words.Split(sp.Runes, ws[:0])
		}
	})
	b.Run("heavy/minimal", func(b *testing.B) {
		var out []byte
		out, ws = minimalRestore(out, in.Text, &sp, ws)
		if !bytes.Equal(out, in.Want) {
			b.Fatal("minimalRestore does not give the heavy text's restored text")
		}
		b.SetBytes(int64(len(in.Text)))
		for b.Loop() {
			out, ws = minimalRestore(out[:0], in.Text, &sp, ws)
		}
	})
}

// minimalRestore appends text to dst with every non-ASCII word's format
// characters removed, restyled letters made plain and non-Latin letters
// replaced by their Latin lookalikes (see BenchmarkStages).
func minimalRestore(dst, text []byte, sp *words.Sparse, ws []words.Word) ([]byte, []words.Word) {
	words.DecodeSparse(text, sp)
	runs := sp.Runes
	ws = words.Split(runs, ws[:0])
	pos := 0
	for wi := range ws {
		w := &ws[wi]
		if w.ASCII {
			continue
		}
		for i := w.First; i <= w.Last; i++ {
			r := &runs[i]
			var with rune // 0: kept, -1: removed
			switch {
			case r.Class == words.Format:
				with = -1
			case r.Style != ucd.StyleNone:
				with = r.Plain
			case r.Class == words.Letter && r.Script != ucd.Latin && r.R >= utf8.RuneSelf:
				if d := counterpart(r.Plain, ucd.Latin); d >= 0 {
					with = d
				}
			}
			if with != 0 {
				dst = append(dst, text[pos:r.Off]...)
				if with > 0 {
					dst = utf8.AppendRune(dst, with)
				}
				pos = r.End()
			}
		}
	}
	return append(dst, text[pos:]...), ws
}
