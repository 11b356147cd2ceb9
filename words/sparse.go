package words

import (
	"slices"
	"unicode/utf8"
)

// Sparse holds a text's runes only where a disguise could be: around each
// anchor, a non-ASCII rune that is a letter, mark, number, format character
// or invalid byte. Most of a disguised English article is ASCII words that
// nothing will change; decoding and splitting them cost more than judging
// the few words that matter.
//
// Each region of Sparse covers, in order:
//   - the rune before the word that holds the first anchor (a separator, or
//     nothing at the start of the text),
//   - that word and every anchor and word that follows without a gap,
//   - the separator after them (or nothing at the end of the text).
//
// Invariants, which detect relies on:
//   - Regions do not overlap, are in text order, and begin and end at a
//     separator (a rune that is not a letter, mark, digit or format
//     character) or at an end of the text. So no word crosses a region's
//     edge, and Split(Runes) gives exactly the text's words that hold a
//     non-ASCII letter, mark, digit or format character, plus some ASCII ones.
//   - Every anchor is in Runes, with the rune on each side of it that is not
//     a mark or format character, so neighbours (an emoji before a joiner,
//     a letter before a zero-width space, 🏴 before tag characters) are the
//     same as in the full decoding. Two consecutive Runes are adjacent in the
//     text unless a separator ends the one region and another begins the next.
//   - Outside the regions the text is ASCII and non-ASCII runes of class
//     Other (’ — € emoji), whose words are ASCII: GapWords counts them.
//   - ASCII counts every ASCII byte of the whole text, in or out of regions.
type Sparse struct {
	Runes    []Rune
	Regions  []Region
	ASCII    [128]int // occurrences of each ASCII byte in the whole text
	GapWords int      // words outside the regions (all of them ASCII)
}

// Region is a span of the text whose runes are all in Sparse.Runes, from First.
type Region struct {
	Start, End int // bytes
	First      int // index in Runes of the rune at Start
}

// wordBytes is 1 for the ASCII bytes that belong to words (letters and
// digits) and 0 for every other byte.
var wordBytes = func() (t [256]uint8) {
	for c := range asciiRunes {
		if asciiRunes[c].Class != Other {
			t[c] = 1
		}
	}
	return
}()

// CountWords counts the words of text that has no non-ASCII letter, mark,
// digit or format character (as Inert text in package detect): runs of ASCII
// letters and digits. It does what Split would, without decoding.
func CountWords(text []byte) int {
	n := 0
	var in uint8
	for _, c := range text {
		w := wordBytes[c]
		n += int(w &^ in)
		in = w
	}
	return n
}

// wordByte reports whether the ASCII byte c belongs to words.
func wordByte(c byte) bool { return wordBytes[c] == 1 }

// DecodeSparse fills sp (reusing its memory) from text, which must be under 2 GiB.
func DecodeSparse(text []byte, sp *Sparse) {
	sp.Runes, sp.Regions = sp.Runes[:0], sp.Regions[:0]
	sp.ASCII, sp.GapWords = [128]int{}, 0
	cnt := &sp.ASCII
	end := 0 // end of the last region
	gap := 0
	var in uint8 // 1 inside a word
	for i := 0; i < len(text); {
		// ASCII without branches but the loop's: a word starts where a
		// word byte follows another byte.
		for ; i < len(text) && text[i] < utf8.RuneSelf; i++ {
			c := text[i]
			cnt[c]++
			w := wordBytes[c]
			gap += int(w &^ in)
			in = w
		}
		if i == len(text) {
			break
		}
		if c, size := classAt(text, i); c == Other {
			in = 0
			i += size
			continue
		}
		// The word the anchor is in starts at a; it was counted as a gap word.
		a := i
		for a > end && text[a-1] < utf8.RuneSelf && wordByte(text[a-1]) {
			a--
		}
		if a < i {
			gap--
		}
		start := a
		if a > end {
			// The separator before: ASCII, or a non-ASCII rune of class Other.
			// (a == end only at the start of the text: a region ends only
			// where no anchor's word follows.)
			start = a - 1
			for start > end && !utf8.RuneStart(text[start]) {
				start--
			}
		}
		sp.Regions = append(sp.Regions, Region{Start: start, First: len(sp.Runes)})
		sp.Runes = decode(text[:i][start:], start, sp.Runes) // counted already
		i = sp.region(text, i)
		sp.Regions[len(sp.Regions)-1].End = i
		end = i
		in = 0
	}
	sp.GapWords = gap
}

// anchor reports whether the rune at text[i:], which is not ASCII, starts
// a region: any non-ASCII rune but punctuation, symbols and spaces.
func anchor(text []byte, i int) bool {
	c, _ := classAt(text, i)
	return c != Other
}

// region appends the runes from the anchor at i to the region's end,
// counting their ASCII bytes, and returns the end.
func (sp *Sparse) region(text []byte, i int) int {
	// Written by index, the room doubled when full: appending a 20-byte
	// Rune cost six times as much. Each rune is written in place: built
	// on the stack and copied, it stalled on every rune (see decodeInto).
	rs, cnt := sp.Runes, &sp.ASCII
	n := len(rs)
	rs = rs[:cap(rs)]
	for {
		if n == len(rs) {
			rs = slices.Grow(rs, max(n, 256))
			rs = rs[:cap(rs)]
		}
		x := &rs[n]
		var class Class
		if c := text[i]; c < utf8.RuneSelf {
			cnt[c]++
			*x = asciiRunes[c]
			x.Off = int32(i)
			class = asciiRunes[c].Class // not x.Class: reading back the store waited on it
			i++
		} else {
			var size int
			size, class = decodeInto(x, text, i)
			i += size
		}
		n++
		if i == len(text) || class == Other && !continues(text, i) {
			sp.Runes = rs[:n]
			return i
		}
	}
}

// continues reports whether a region goes on past a separator ending at i:
// an anchor follows, or an ASCII word that runs into one.
func continues(text []byte, i int) bool {
	for i < len(text) && text[i] < utf8.RuneSelf && wordByte(text[i]) {
		i++
	}
	if i == len(text) || text[i] < utf8.RuneSelf {
		return false
	}
	return anchor(text, i)
}

// Dense appends all of text's runes to dst: the regions' runes from sp, the
// rest decoded. It equals Decode(text, dst) for the text sp was filled from.
func (sp *Sparse) Dense(text []byte, dst []Rune) []Rune {
	at := 0
	for k, g := range sp.Regions {
		dst = decode(text[:g.Start][at:], at, dst)
		last := len(sp.Runes)
		if k+1 < len(sp.Regions) {
			last = sp.Regions[k+1].First
		}
		dst = append(dst, sp.Runes[g.First:last]...)
		at = g.End
	}
	return decode(text[at:], at, dst)
}
