// Package words splits text into runes with the properties disguise
// detection needs, and the runes into words.
//
// A word is a maximal run of letters, combining marks and digits. Invisible
// format characters (zero-width, bidi controls, tag characters, variation
// selectors) belong to a word when letters stand on both sides of them, as
// they do when a disguise splits a word. Anything else (spaces, punctuation,
// hyphens, underscores, symbols) separates words, so `HTTP-сервер` is two
// words, one Latin and one Cyrillic.
package words

import (
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
)

// Class is what a rune is, for splitting.
type Class uint8

const (
	Other   Class = iota // separators, punctuation, symbols, spaces
	Letter               // gc=L*, and symbols that restyle a letter (circled Ⓐ)
	Mark                 // gc=M*
	Digit                // gc=N*
	Format               // default-ignorable, bidi control, tag, variation selector
	Invalid              // a byte that does not start valid UTF-8
)

// Rune is one decoded code point (or one invalid byte) of the text.
type Rune struct {
	Off    int        // byte offset
	Size   int        // bytes: 1 for an invalid byte
	R      rune       // utf8.RuneError for an invalid byte
	Class  Class      //
	Script ucd.Script // Script of Plain
	Plain  rune       // the letter a restyled letter stands for; R otherwise
	Style  ucd.Style  // StyleNone unless restyled
}

// Word is a run of Runes [First, Last] covering bytes [Start, End).
type Word struct {
	First, Last int
	Start, End  int
	Letters     int // letters, counting restyled ones
}

// IsFormat reports whether r is one of the invisible characters that may sit inside a word.
func IsFormat(r rune) bool {
	return r >= 0x80 && ucd.Props(r)&(ucd.DefaultIgnorable|ucd.BidiControl|ucd.VariationSelector) != 0
}

// Decode appends the runes of text to dst. It never fails: each byte that
// does not start a valid UTF-8 sequence becomes one Rune of class Invalid.
func Decode(text []byte, dst []Rune) []Rune {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			cl := Other
			switch {
			case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
				cl = Letter
			case c >= '0' && c <= '9':
				cl = Digit
			}
			sc := ucd.Common
			if cl == Letter {
				sc = ucd.Latin
			}
			dst = append(dst, Rune{Off: i, Size: 1, R: rune(c), Class: cl, Script: sc, Plain: rune(c)})
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && size <= 1 {
			dst = append(dst, Rune{Off: i, Size: 1, R: utf8.RuneError, Class: Invalid, Plain: utf8.RuneError})
			i++
			continue
		}
		dst = append(dst, classify(i, size, r))
		i += size
	}
	return dst
}

func classify(off, size int, r rune) Rune {
	x := Rune{Off: off, Size: size, R: r, Plain: r}
	plain, style := ucd.Styled(r)
	if style != ucd.StyleNone {
		x.Plain, x.Style = plain, style
	}
	cat := ucd.CategoryOf(x.Plain)
	switch {
	case IsFormat(r):
		x.Class = Format
	case cat.IsLetter():
		x.Class = Letter
	case cat.IsMark():
		x.Class = Mark
	case cat.IsNumber():
		x.Class = Digit
	}
	x.Script = ucd.ScriptOf(x.Plain)
	return x
}

func inWord(c Class) bool { return c == Letter || c == Mark || c == Digit }

// Split appends the words of runs to dst.
func Split(runs []Rune, dst []Word) []Word {
	for i := 0; i < len(runs); {
		if !inWord(runs[i].Class) {
			i++
			continue
		}
		w := Word{First: i}
		j := i
		for j < len(runs) {
			c := runs[j].Class
			if inWord(c) {
				if c == Letter {
					w.Letters++
				}
				w.Last = j
				j++
				continue
			}
			if c != Format {
				break
			}
			// Format characters join the word only if it goes on after them.
			k := j
			for k < len(runs) && runs[k].Class == Format {
				k++
			}
			if k == len(runs) || !inWord(runs[k].Class) {
				break
			}
			j = k
		}
		w.Start = runs[w.First].Off
		w.End = runs[w.Last].Off + runs[w.Last].Size
		dst = append(dst, w)
		i = w.Last + 1
	}
	return dst
}
