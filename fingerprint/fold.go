package fingerprint

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/unmaskdev/unmask/restore"
	"github.com/unmaskdev/unmask/ucd"
)

// Fold returns the words a reader sees in s, folded so that lookalikes,
// styled letters, case and invisible characters no longer tell two copies
// apart, joined by single spaces.
//
// s is first restored (restore.String); then every code point is mapped to
// its fold: compatibility decomposition (NFKD), combining marks and
// default-ignorable code points dropped, the UTS #39 confusable prototype
// taken and the result lowercased, repeated until nothing changes. Words are
// runs of folded letters and digits; each ideograph is a word by itself.
//
// Folding is lossy on purpose: "I", "l", "1" and "|" all fold to "l", "0"
// to "o" and "m" to "rn", because confusables.txt says a reader cannot tell
// them apart. The fold proper is idempotent; restoring can still change
// folded text where package restore knows lookalikes that confusables.txt
// does not list (small capitals, for one).
func Fold(s string) string {
	return string(AppendFold(nil, s))
}

// AppendFold appends Fold(s) to dst and returns the extended slice.
func AppendFold(dst []byte, s string) []byte {
	return appendFoldRaw(dst, restore.String(s))
}

// appendFoldRaw is AppendFold without the restore step.
func appendFoldRaw(dst []byte, s string) []byte {
	first := true
	scanWords(s, nil, func(w []byte, _, _ int) {
		if !first {
			dst = append(dst, ' ')
		}
		first = false
		dst = append(dst, w...)
	})
	return dst
}

// Word is one folded word and where it came from.
type Word struct {
	Text       string // folded
	Start, End int    // byte offsets in the restored text
}

// Words returns the folded words of restore.String(s), with their byte
// spans in the restored text. restored is that text, so spans can be cut
// out of it.
func Words(s string) (words []Word, restored string) {
	restored = restore.String(s)
	scanWords(restored, nil, func(w []byte, start, end int) {
		words = append(words, Word{Text: string(w), Start: start, End: end})
	})
	return words, restored
}

// scanWords calls fn for each folded word of s, with its byte span in s. w
// is only valid during the call. buf is scratch space (may be nil); the
// possibly grown buffer is returned for reuse.
//
// The ASCII path is a table lookup per byte; other code points go through a
// table built once for the BMP, and are computed on the fly above it.
func scanWords(s string, buf []byte, fn func(w []byte, start, end int)) []byte {
	w := buf[:0]
	start, end := -1, 0 // span of the current word in s
	flush := func() {
		if len(w) > 0 {
			fn(w, start, end)
		}
		w = w[:0]
		start = -1
	}
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if c := asciiLetter[b]; c != 0 {
				// A run of ASCII bytes that each fold to one word byte (most
				// of an English text), in a loop of its own.
				if start < 0 {
					start = i
				}
				w = append(w, c)
				for i++; i < len(s); i++ {
					c := asciiLetter[s[i]&0x7F]
					if c == 0 || s[i] >= utf8.RuneSelf {
						break
					}
					w = append(w, c)
				}
				end = i
				continue
			}
			e := &asciiFold[b]
			switch {
			case e.n == 0 && e.drop:
				// invisible control: words run on across it
			default:
				for k := 0; k < int(e.n); k++ {
					if e.word[k] {
						if start < 0 {
							start = i
						}
						w = append(w, e.out[k])
						end = i + 1
					} else {
						flush()
					}
				}
				if e.n == 0 {
					flush()
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		var out []foldedRune
		if r < 0x10000 {
			bmpOnce.Do(buildBMP)
			x := bmpIndex[r]
			off, n := x>>8, x&0xff
			out = bmpBlob[off : off+n]
		} else {
			out = foldSupplementary(r)
		}
		if len(out) == 0 {
			// Dropped (invisible or a mark): the word runs on.
			if start >= 0 {
				end = i + size
			}
			i += size
			continue
		}
		for _, f := range out {
			switch {
			case f.kind == kindIdeo:
				flush()
				w = utf8.AppendRune(w, f.r)
				start, end = i, i+size
				flush()
			case f.kind == kindWord:
				if start < 0 {
					start = i
				}
				w = utf8.AppendRune(w, f.r)
				end = i + size
			default:
				flush()
			}
		}
		i += size
	}
	flush()
	return w
}

const (
	kindSep  = 0 // separates words
	kindWord = 1 // letter or digit: part of a word
	kindIdeo = 2 // ideograph: a word by itself
)

type foldedRune struct {
	r    rune
	kind uint8
}

// asciiEntry is the fold of one ASCII byte: at most 3 ASCII bytes
// ("%" folds to "o/o").
type asciiEntry struct {
	out  [3]byte
	word [3]bool
	n    uint8
	drop bool // folds to nothing without ending a word (none in ASCII today)
}

var asciiFold = func() (t [utf8.RuneSelf]asciiEntry) {
	for b := range t {
		out := foldRune(rune(b))
		e := &t[b]
		if len(out) == 0 {
			e.drop = ucd.Props(rune(b)).Has(ucd.DefaultIgnorable)
			continue
		}
		if len(out) > len(e.out) {
			panic("fingerprint: fold of ASCII byte longer than 3")
		}
		for k, f := range out {
			if f.r >= utf8.RuneSelf {
				panic("fingerprint: fold of ASCII byte is not ASCII")
			}
			e.out[k] = byte(f.r)
			e.word[k] = f.kind == kindWord
		}
		e.n = uint8(len(out))
	}
	return t
}()

// asciiLetter is, for each ASCII byte that folds to one byte of a word,
// that byte, and 0 for the others.
var asciiLetter = func() (t [utf8.RuneSelf]byte) {
	for b, e := range asciiFold {
		if e.n == 1 && e.word[0] {
			t[b] = e.out[0]
		}
	}
	return t
}()

var (
	bmpOnce  sync.Once
	bmpIndex []uint32 // rune → offset<<8 | length into bmpBlob
	bmpBlob  []foldedRune
)

func buildBMP() {
	bmpIndex = make([]uint32, 0x10000)
	bmpBlob = make([]foldedRune, 0, 0x10400)
	for r := rune(0); r < 0x10000; r++ {
		out := foldRune(r)
		if len(out) > 0xff {
			panic("fingerprint: fold longer than 255 code points")
		}
		bmpIndex[r] = uint32(len(bmpBlob))<<8 | uint32(len(out))
		bmpBlob = append(bmpBlob, out...)
	}
}

// Above the BMP (mathematical and enclosed letters, tags, variation
// selectors, supplementary ideographs) folds are tabulated lazily, 256 code
// points at a time, so that a styled or tag-smuggling copy costs no
// allocation per rune. A page built twice by racing goroutines is built
// equal; either copy may win.
type suppPage struct {
	index [256]uint32 // rune&0xff → offset<<8 | length into blob
	blob  []foldedRune
}

var suppPages [(unicode.MaxRune + 1 - 0x10000) >> 8]atomic.Pointer[suppPage]

func foldSupplementary(r rune) []foldedRune {
	if r < 0x10000 || r > unicode.MaxRune {
		return foldRune(r)
	}
	slot := &suppPages[(r-0x10000)>>8]
	p := slot.Load()
	if p == nil {
		p = new(suppPage)
		base := r &^ 0xff
		for i := range rune(256) {
			out := foldRune(base + i)
			if len(out) > 0xff {
				panic("fingerprint: fold longer than 255 code points")
			}
			p.index[i] = uint32(len(p.blob))<<8 | uint32(len(out))
			p.blob = append(p.blob, out...)
		}
		slot.Store(p)
	}
	x := p.index[r&0xff]
	return p.blob[x>>8 : x>>8+x&0xff]
}

// foldRune computes the fold of r from the tables, without caches: steps of
// NFKD, prototype and lowercase are applied until the result stops changing.
func foldRune(r rune) []foldedRune {
	cur := []rune{r}
	for iter := 0; iter < 8; iter++ {
		var next []rune
		for _, c := range cur {
			next = foldStep(next, c)
		}
		if runesEqual(next, cur) {
			break
		}
		cur = next
	}
	if len(cur) == 0 {
		return nil
	}
	out := make([]foldedRune, len(cur))
	for i, c := range cur {
		if c == 'i' {
			c = 'l' // see caseAlias
		}
		out[i] = foldedRune{r: c, kind: runeKind(c)}
	}
	return out
}

// The prototype is taken before lowercasing so that capital lookalikes
// (Greek Η for H, Cyrillic Р for P) fold with the capital they imitate. For
// ASCII that keeps case apart in one place only: confusables.txt maps
// capital I to l, so lowercase i must fold to l too, or "In" and "in" would
// differ. TestCaseAlias checks that no other ASCII letter needs this.

// foldStep applies one rewriting step to c: drop it if invisible or a mark,
// else decompose it if it has a compatibility decomposition, else replace it
// by its confusable prototype if it has one, else lowercase it.
//
// Two refinements follow what a reader sees where those steps do not:
//   - A code point whose prototype is one ASCII letter or digit, but whose
//     decomposition holds none, takes the prototype: lunate sigma ϲ looks
//     like c, not like the final sigma ς it decomposes to.
//   - Small capitals, which confusables.txt does not list, fold to their
//     letter: ᴛʜᴇ reads "the". They are the code points named LATIN LETTER
//     SMALL CAPITAL and a letter (or a ligature of letters, ᴁ).
func foldStep(dst []rune, c rune) []rune {
	if dropped(c) {
		return dst
	}
	p, hasProto := ucd.Prototype(c)
	if d := norm.NFKD.String(string(c)); d != string(c) {
		if hasProto && len(p) == 1 && isASCIIAlnum(p[0]) && !strings.ContainsFunc(d, func(r rune) bool { return r < utf8.RuneSelf && isASCIIAlnum(byte(r)) }) {
			return append(dst, rune(p[0]))
		}
		for _, x := range d {
			if !dropped(x) {
				dst = append(dst, x)
			}
		}
		return dst
	}
	if hasProto {
		return append(dst, []rune(p)...)
	}
	if l, ok := smallCapital(c); ok {
		return append(dst, []rune(l)...)
	}
	return append(dst, unicode.ToLower(c))
}

func isASCIIAlnum(b byte) bool {
	return b|0x20 >= 'a' && b|0x20 <= 'z' || b >= '0' && b <= '9'
}

// smallCapital returns the lowercase letters a small capital stands for.
func smallCapital(c rune) (string, bool) {
	rest, ok := strings.CutPrefix(ucd.Name(c), "LATIN LETTER SMALL CAPITAL ")
	if !ok || rest == "" {
		return "", false
	}
	for i := 0; i < len(rest); i++ {
		if rest[i] < 'A' || rest[i] > 'Z' {
			return "", false // "TURNED E", "G WITH HOOK": no plain letter
		}
	}
	return strings.ToLower(rest), true
}

// dropped reports whether c disappears when folding: default-ignorable code
// points (zero-width spaces, joiners, tags, variation selectors…) and
// combining marks.
func dropped(c rune) bool {
	return ucd.Props(c).Has(ucd.DefaultIgnorable) || ucd.CategoryOf(c).IsMark()
}

func runeKind(c rune) uint8 {
	if ucd.Props(c).Has(ucd.Ideographic) {
		return kindIdeo
	}
	cat := ucd.CategoryOf(c)
	if cat.IsLetter() || cat.IsNumber() {
		return kindWord
	}
	return kindSep
}

func runesEqual(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
