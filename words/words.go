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
	"slices"
	"sync/atomic"
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
// It is 20 bytes, so that a document's runes stay cheap to hold: offsets are
// int32, so Decode takes texts under 2 GiB (detect feeds it chunks). (Packed
// into 16, with the size and Ext sharing a byte, restoring was no faster.)
type Rune struct {
	Off    int32      // byte offset
	R      rune       // utf8.RuneError for an invalid byte
	Plain  rune       // the letter a restyled letter stands for; R otherwise
	Size   uint8      // bytes: 1 for an invalid byte
	Class  Class      //
	Script ucd.Script // Script of Plain
	Style  ucd.Style  // StyleNone unless restyled
	// Ext is set when the UTS #39 resolved script set of Plain is not just
	// {Script}: it has Script_Extensions, or is Han, Kana or Hangul (augmented).
	Ext bool
}

// End is the offset just past the rune.
func (r Rune) End() int { return int(r.Off) + int(r.Size) }

// Word is a run of Runes [First, Last] covering bytes [Start, End).
type Word struct {
	First, Last int
	Start, End  int
	Letters     int  // letters, counting restyled ones
	Styled      int  // restyled letters, marks and digits (Style is not StyleNone): most words have none
	ASCII       bool // every rune is ASCII
}

// IsFormat reports whether r is one of the invisible characters that may sit inside a word.
func IsFormat(r rune) bool {
	return r >= 0x80 && ucd.Props(r)&(ucd.DefaultIgnorable|ucd.BidiControl|ucd.VariationSelector) != 0
}

// Decode appends the runes of text to dst. It never fails: each byte that
// does not start a valid UTF-8 sequence becomes one Rune of class Invalid.
func Decode(text []byte, dst []Rune) []Rune { return decode(text, 0, dst) }

// decode is Decode for text found at offset base.
func decode(text []byte, base int, dst []Rune) []Rune {
	// Written by index into room for a rune per byte: appending a 20-byte
	// Rune cost six times as much.
	n := len(dst)
	dst = slices.Grow(dst, len(text))[:n+len(text)]
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			dst[n] = asciiRunes[c]
			dst[n].Off = int32(base + i)
			n++
			i++
			continue
		}
		size, _ := decodeInto(&dst[n], text, i)
		i += size
		dst[n].Off += int32(base)
		n++
	}
	return dst[:n]
}

// decodeInto writes the Rune at text[i:], which is not ASCII, to x and
// returns its size and class: a byte that does not start valid UTF-8 is a Rune of
// class Invalid and size 1. It is the inner loop of decoding, so valid
// sequences are decoded in block, not by unicode/utf8, and the block table
// is read in place. It writes to its destination rather than
// returning a Rune: a 20-byte value built on the stack, then partly
// overwritten, then copied, stalled on every rune.
func decodeInto(x *Rune, text []byte, i int) (int, Class) {
	b, r, size := block(text, i)
	if b == nil {
		*x = Rune{Off: int32(i), Size: 1, R: utf8.RuneError, Class: Invalid, Plain: utf8.RuneError}
		return 1, Invalid
	}
	// The class is returned from the table: read back from x, just
	// written, it waited on the store.
	y := &b[r&0xFF]
	*x = *y
	x.Off, x.Size = int32(i), uint8(size)
	return size, y.Class
}

// classAt returns the class and size of the rune at text[i:], which is not ASCII.
func classAt(text []byte, i int) (Class, int) {
	b, r, size := block(text, i)
	if b == nil {
		return Invalid, 1
	}
	return b[r&0xFF].Class, size
}

// block decodes the rune at text[i:], which is not ASCII, and returns its
// block of the table; nil for a byte that does not start valid UTF-8.
func block(text []byte, i int) (*[256]Rune, rune, int) {
	// Valid sequences are decoded here (utf8.DecodeRune inlines only ASCII
	// and calls out for the rest): two bytes for Greek, Cyrillic and accented
	// Latin, three for CJK, fullwidth and zero-width characters, four for
	// mathematical letters and emoji.
	var r rune
	size := 2
	c := text[i]
	switch {
	case c >= 0xC2 && c < 0xE0 && i+1 < len(text) && text[i+1]&0xC0 == 0x80:
		r = rune(c&0x1F)<<6 | rune(text[i+1]&0x3F)
	case c >= 0xE1 && c < 0xF0 && c != 0xED && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80:
		// E0 (overlong forms) and ED (surrogates) restrict the second byte: left to DecodeRune.
		r = rune(c&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
		size = 3
	case c >= 0xF0 && c < 0xF5 && i+3 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80 && text[i+3]&0xC0 == 0x80 &&
		(c != 0xF0 || text[i+1] >= 0x90) && (c != 0xF4 || text[i+1] < 0x90):
		// Mathematical letters and emoji. F0 excludes overlong forms, F4 code points past U+10FFFF.
		r = rune(c&0x07)<<18 | rune(text[i+1]&0x3F)<<12 | rune(text[i+2]&0x3F)<<6 | rune(text[i+3]&0x3F)
		size = 4
	default:
		if r, size = utf8.DecodeRune(text[i:]); r == utf8.RuneError && size <= 1 {
			return nil, 0, 1
		}
	}
	b := blocks[uint32(r)>>8].Load()
	if b == nil {
		b = fill(r)
	}
	return b, r, size
}

// asciiRunes holds the Rune of each ASCII byte but its offset.
var asciiRunes = func() (t [128]Rune) {
	for c := range t {
		x := Rune{Size: 1, R: rune(c), Plain: rune(c), Class: Other, Script: ucd.Common}
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			x.Class, x.Script = Letter, ucd.Latin
		case c >= '0' && c <= '9':
			x.Class = Digit
		}
		t[c] = x
	}
	return
}()

// blocks caches the Rune of every code point but its offset and size, per
// block of 256 code points, so that each rune costs one load and a copy
// instead of four table searches (see decodeRune).
var blocks [(0x10FFFF >> 8) + 1]atomic.Pointer[[256]Rune]

// fill works out the block of r.
func fill(r rune) *[256]Rune {
	b := new([256]Rune)
	base := r &^ 0xFF
	for i := range b {
		c := base + rune(i)
		in := compute(c)
		b[i] = Rune{R: c, Class: in.class, Script: in.script, Plain: in.plain, Style: in.style, Ext: in.ext}
	}
	blocks[r>>8].Store(b) // a race only computes the same block twice
	return b
}

// info is what a Rune says of its code point, worked out once per block.
type info struct {
	plain  rune
	class  Class
	script ucd.Script
	style  ucd.Style
	ext    bool
}

func compute(r rune) info {
	x := info{plain: r}
	plain, style := ucd.Styled(r)
	if style != ucd.StyleNone {
		x.plain, x.style = plain, style
	}
	cat := ucd.CategoryOf(x.plain)
	switch {
	case IsFormat(r):
		x.class = Format
	case cat.IsLetter():
		x.class = Letter
	case cat.IsMark():
		x.class = Mark
	case cat.IsNumber():
		x.class = Digit
	}
	x.script = ucd.ScriptOf(x.plain)
	var own ucd.ScriptSet
	own.Add(x.script)
	x.ext = ucd.Extensions(x.plain).Augmented() != own
	return x
}

func inWord(c Class) bool { return c == Letter || c == Mark || c == Digit }

// isLetter is 1 for class Letter, 0 for the others; isStyled 1 for every
// style but StyleNone.
var (
	isLetter = [256]uint8{Letter: 1}
	isStyled = func() (t [256]uint8) {
		for i := range t {
			if ucd.Style(i) != ucd.StyleNone {
				t[i] = 1
			}
		}
		return
	}()
)

// Split appends the words of runs to dst.
func Split(runs []Rune, dst []Word) []Word {
	// Written by index, the room doubled when full, as decode writes runes.
	n := len(dst)
	dst = dst[:cap(dst)]
	for i := 0; i < len(runs); {
		if !inWord(runs[i].Class) {
			i++
			continue
		}
		if n == len(dst) {
			dst = slices.Grow(dst, max(n, 64))
			dst = dst[:cap(dst)]
		}
		// Counted in locals, then written in its place field by field: a
		// Word built on the stack and copied stalled (see decodeInto), and
		// counting in the slice waited on each count's store.
		// Without branches on what varies letter by letter in disguised
		// text (ASCII or not, letter or digit): they were mispredicted.
		letters, styled, wide, last := 0, 0, rune(0), i
		j := i
		for j < len(runs) {
			x := &runs[j]
			c := x.Class
			if inWord(c) {
				letters += int(isLetter[c])
				styled += int(isStyled[x.Style])
				wide |= x.R
				last = j
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
			wide |= 0x80 // format characters are never ASCII
			j = k
		}
		w := &dst[n]
		w.First, w.Last = i, last
		w.Start, w.End = int(runs[i].Off), runs[last].End()
		w.Letters, w.Styled, w.ASCII = letters, styled, wide < 0x80
		n++
		i = last + 1
	}
	return dst[:n]
}
