package fingerprint

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ascii", "The Quick, brown fox!", "the qulck brown fox"},
		{"empty", "", ""},
		{"only punctuation", " -- ... ", ""},
		{"greek omicron", "fr\u03bfm", "frorn"},
		{"cyrillic a e o", "\u0430pple \u0435gg c\u043et", "apple egg cot"},
		{"zero-width space inside word", "wo\u200brd", "word"},
		{"soft hyphen and joiner", "in\u00advis\u2060ible", "lnvlslble"},
		{"fullwidth", "\uff34\uff48\uff45 cat", "the cat"},
		{"math bold", "\U0001d401\U0001d41a\U0001d427\U0001d424", "bank"},
		{"accents dropped", "caf\u00e9 cafe\u0301", "cafe cafe"},
		{"ligature", "\ufb01le", "flle"},
		{"I l 1 | i fold together", "Il1|i", "lllll"},
		{"m looks like rn", "modern", "rnodern"},
		{"digit zero", "2004", "2oo4"},
		{"apostrophe splits", "company's", "cornpany s"},
		{"ideographs are words", "\u4e2d\u6587ab", "\u4e2d \u6587 ab"},
		{"invalid utf-8 separates", "ab\xffcd", "ab cd"},
		{"bidi control dropped", "ab\u202acd", "abcd"},
		{"bidi override read as shown", "ab\u202ecd", "abdc"}, // RLO: a reader sees the rest of the line reversed
		{"tag characters dropped", "ab\U000e0041cd", "abcd"},
		{"small capitals", "\u1d1b\u029c\u1d07 \ua730\u1d00\u0280\u1d0d", "the farrn"},
		{"small capital ligature", "\u1d01", "ae"},
		{"lunate sigma looks like c", "\u03f2at \u03f9AT", "cat cat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// Disguised spellings must fold to the same words as the plain ones.
func TestFoldDisguises(t *testing.T) {
	plain := "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn"
	disguised := []string{
		strings.NewReplacer("a", "\u0430", "o", "\u03bf", "e", "\u0435", "p", "\u0440").Replace(plain), // Cyrillic/Greek letters
		strings.NewReplacer(" ", " \u200b", "r", "r\u200d").Replace(plain),                             // invisible characters
		toFullwidth(plain),
		strings.ToUpper(plain[:20]) + plain[20:],
	}
	want := Fold(plain)
	for _, d := range disguised {
		if got := Fold(d); got != want {
			t.Errorf("Fold(%q)\n = %q\nwant %q", d, got, want)
		}
	}
}

func toFullwidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > ' ' && r < 0x7f {
			r += 0xff01 - '!'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func TestWordsSpans(t *testing.T) {
	in := "Hello, w\u200borld\n\u0430nd  more"
	words, restored := Words(in)
	want := []string{"hello", "world", "and", "rnore"}
	if len(words) != len(want) {
		t.Fatalf("Words(%q) = %v, want %d words", in, words, len(want))
	}
	for i, w := range words {
		if w.Text != want[i] {
			t.Errorf("word %d = %q, want %q", i, w.Text, want[i])
		}
		if got := Fold(restored[w.Start:w.End]); got != w.Text {
			t.Errorf("span %d %q folds to %q, want %q", i, restored[w.Start:w.End], got, w.Text)
		}
	}
}

// Allocations must not grow with the text: none per rune.
func TestFoldAllocs(t *testing.T) {
	line := "The firm, which is now one of the biggest investors in Gοogle, benefited. "
	short, long := line, strings.Repeat(line, 50)
	buf := make([]byte, 0, 2*len(long))
	AppendFold(buf, short) // build the tables outside the count
	// The restore step is package restore's business: count the fold alone.
	a1 := testing.AllocsPerRun(20, func() { buf = appendFoldRaw(buf[:0], short) })
	a50 := testing.AllocsPerRun(20, func() { buf = appendFoldRaw(buf[:0], long) })
	if a50 > a1 || a1 > 3 {
		t.Errorf("appendFoldRaw: %v allocations for one line, %v for 50 lines; want the same, at most 3", a1, a50)
	}
	ascii := strings.Repeat("The firm, which is now one of the biggest investors. ", 50)
	if a := testing.AllocsPerRun(20, func() { buf = AppendFold(buf[:0], ascii) }); a > 3 {
		t.Errorf("AppendFold of ASCII text: %v allocations, want at most 3", a)
	}
}

func TestCaseAlias(t *testing.T) {
	for c := 'A'; c <= 'Z'; c++ {
		lower := c + 'a' - 'A'
		if Fold(string(c)) != Fold(string(lower)) {
			t.Errorf("Fold(%q) = %q but Fold(%q) = %q", c, Fold(string(c)), lower, Fold(string(lower)))
		}
	}
}

// scanWordsRef is scanWords as it was before its loop for runs of ASCII
// letters: byte by byte through asciiFold.
func scanWordsRef(s string, buf []byte, fn func(w []byte, start, end int)) []byte {
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
			e := &asciiFold[b]
			switch {
			case e.n == 1 && e.word[0]:
				if start < 0 {
					start = i
				}
				w = append(w, e.out[0])
				end = i + 1
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

// foldedWords lists what a scan gives: each word and its span.
func foldedWords(scan func(string, []byte, func([]byte, int, int)) []byte, s string) []string {
	var out []string
	scan(s, nil, func(w []byte, start, end int) { out = append(out, fmt.Sprintf("%s@%d-%d", w, start, end)) })
	return out
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "The Quick fox", "fr\u03bfm wo\u200brd", "\uff34\uff48\uff45", "ab\xffcd", "\U0001d401\u0301x", "%m|I1", "\u4e2d\u6587"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if a, b := foldedWords(scanWords, s), foldedWords(scanWordsRef, s); !slices.Equal(a, b) {
			t.Fatalf("scanWords(%q) = %q, byte by byte %q", s, a, b)
		}
		got := Fold(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Fold(%q) = %q, not valid UTF-8", s, got)
		}
		// The fold proper is idempotent. (restore.String may still change
		// folded text: it knows lookalikes confusables.txt does not list.)
		raw := string(appendFoldRaw(nil, s))
		if again := string(appendFoldRaw(nil, raw)); again != raw {
			t.Fatalf("fold not idempotent: %q folds to %q, that to %q", s, raw, again)
		}
		if strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") || strings.Contains(got, "  ") {
			t.Fatalf("Fold(%q) = %q: stray spaces", s, got)
		}
		words, restored := Words(s)
		if len(words) != len(strings.Fields(got)) {
			t.Fatalf("Words(%q) has %d words, Fold has %d", s, len(words), len(strings.Fields(got)))
		}
		// Words from one expansion ("%" folds to "o/o") share a span.
		prevStart, prevEnd := 0, 0
		for _, w := range words {
			if w.Start < prevStart || w.End < prevEnd || w.End <= w.Start || w.End > len(restored) {
				t.Fatalf("Words(%q): bad span %d..%d after %d..%d", s, w.Start, w.End, prevStart, prevEnd)
			}
			prevStart, prevEnd = w.Start, w.End
		}
	})
}

// The lazily built pages above the BMP must agree with the fold computed
// from the tables, at page edges too.
func TestFoldSupplementary(t *testing.T) {
	for _, r := range []rune{0x10000, 0x100ff, 0x10100, 0x1d400, 0x1d41a, 0x1d7ff, 0x1f130, 0x1f1e6, 0x20000, 0x2a6df, 0xe0001, 0xe0041, 0xe007f, 0xe0100, 0xe01ef, 0xf0000, 0x10fffd, 0x10ffff} {
		got, want := foldSupplementary(r), foldRune(r)
		if len(got) != len(want) {
			t.Errorf("U+%04X: page fold %v, computed %v", r, got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("U+%04X: page fold %v, computed %v", r, got, want)
				break
			}
		}
	}
}

// The fold proper is idempotent on every code point, alone and inside a
// word (the fuzzer rarely meets most of them).
func TestFoldIdempotentEveryCodePoint(t *testing.T) {
	var buf, again []byte
	bad := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xd800 && r < 0xe000 {
			continue
		}
		s := "a" + string(r) + "b"
		buf = appendFoldRaw(buf[:0], s)
		again = appendFoldRaw(again[:0], string(buf))
		if string(again) != string(buf) {
			if bad++; bad <= 10 {
				t.Errorf("U+%04X: %q folds to %q, that to %q", r, s, buf, again)
			}
		}
	}
}
