package detect

import (
	"encoding/binary"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
)

// blankOf returns what a reader sees for r when r is a blank (a character
// drawn as empty space that is not a space of Latin text: fillers, the
// Braille blank, the ideographic space, the typographic spaces) or a
// fullwidth punctuation mark: U+0020 or the ASCII mark. ok is false for
// any other rune.
func blankOf(r rune) (with rune, ok bool) {
	switch {
	case r == 0x3164, r == 0x115F, r == 0x1160, r == 0xFFA0, r == 0x2800, r == 0x3000,
		r >= 0x2000 && r <= 0x200A, r == 0x205F:
		return ' ', true
	case r >= 0xFF01 && r <= 0xFF0F, r >= 0xFF1A && r <= 0xFF20, r >= 0xFF3B && r <= 0xFF40, r >= 0xFF5B && r <= 0xFF5E:
		return r - 0xFEE0, true // fullwidth ASCII punctuation
	case r == 0xFF61:
		return '.', true // HALFWIDTH IDEOGRAPHIC FULL STOP
	case r == 0xFF64:
		return ',', true // HALFWIDTH IDEOGRAPHIC COMMA
	}
	return 0, false
}

// blanks finds blanks and fullwidth punctuation in Latin text, where a
// reader sees a space or the ASCII mark: "the\u3164lazy" reads "the lazy".
// Only in a document without Chinese, Japanese or Korean letters, and
// only between Latin text on both sides (the nearest characters that are
// not spaces, in the same line): in Chinese, Japanese and Korean text the
// ideographic space and fullwidth punctuation are the script's own.
//
// Blanks are separators, which a sparse scan's runes leave out: the text's
// bytes are searched (the lead bytes E1, E2, E3 and EF of their UTF-8).
func (s *scanner) blanks() {
	s.newSpanPass()
	if s.p.hasCJK() {
		return // "（Dyalog APL）" in Chinese: fullwidth forms are the document's own
	}
	t := s.text
	for i := 0; i < len(t); {
		for i+8 <= len(t) && binary.LittleEndian.Uint64(t[i:])&0x8080808080808080 == 0 {
			i += 8
		}
		if i >= len(t) {
			break
		}
		c := t[i]
		switch {
		case c < utf8.RuneSelf:
			i++
			continue
		case c != 0xE1 && c != 0xE2 && c != 0xE3 && c != 0xEF:
			i++ // a continuation byte or another lead: not a blank
			continue
		}
		r, n := utf8.DecodeRune(t[i:])
		// A mark may end a line; a blank stands between words.
		if with, ok := blankOf(r); ok && s.latinSide(i, -1, false) && s.latinSide(i+n, 1, with != ' ') && s.spanFree(i, i+n) {
			s.addSpan(i, i+n, kBlank, doReplace, runeString(with), "")
		}
		i += n
	}
}

// latinSide reports whether the first character from byte off going in
// direction dir (-1 back, 1 forward) that is neither white space nor a
// blank is Latin text: a Latin-1 or fullwidth ASCII character, a Latin
// letter or mark, or punctuation of Latin text. The line's end stops the search, and answers
// orEnd.
func (s *scanner) latinSide(off, dir int, orEnd bool) bool {
	t := s.text
	for steps := 0; steps < 64; steps++ {
		var r rune
		var n int
		if dir < 0 {
			if off <= 0 {
				return orEnd
			}
			r, n = utf8.DecodeLastRune(t[:off])
			off -= n
		} else {
			if off >= len(t) {
				return orEnd
			}
			r, n = utf8.DecodeRune(t[off:])
			off += n
		}
		if r == '\n' || r == '\r' || r == 0x2029 {
			return orEnd
		}
		if r == ' ' || r == '\t' || r == 0xA0 || isSpaceBlank(r) {
			continue
		}
		if r < utf8.RuneSelf {
			return r > ' ' && r < 0x7F
		}
		if r < 0x100 || r >= 0xFF01 && r <= 0xFF5E { // Latin-1 (£, «), fullwidth ASCII (７, ＄)
			return true
		}
		if sc := ucd.ScriptOf(r); sc == ucd.Latin || sc == ucd.Inherited {
			return true
		}
		switch r {
		case '’', '‘', '“', '”', '—', '–', '…', '«', '»':
			return true
		}
		if _, st := ucd.Styled(r); st != ucd.StyleNone {
			return true // 𝐟, ｆ: a Latin letter restyled
		}
		if p, ok := ucd.Prototype(r); ok && len(p) == 1 && isASCIILetter(p[0]) {
			return true // a lookalike of a Latin letter (ԁ for d), which later passes restore
		}
		return false
	}
	return false
}

// isSpaceBlank reports whether r is a blank that stands for a space (not punctuation).
func isSpaceBlank(r rune) bool {
	with, ok := blankOf(r)
	return ok && with == ' '
}

// hasCJK reports whether the document has Han, Hiragana, Katakana, Hangul
// or Bopomofo letters.
func (p *profile) hasCJK() bool {
	return p.letters[ucd.Han]+p.letters[ucd.Hiragana]+p.letters[ucd.Katakana]+p.letters[ucd.Hangul]+p.letters[ucd.Bopomofo] > 0
}
