package detect

import (
	"strconv"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
	"github.com/unmaskdev/unmask/words"
)

func isSelector(r rune) bool { return r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF }

// selectorByte is the byte a variation selector stands for in the known
// way of hiding bytes in them (one selector a byte, after one character):
// U+FE00–U+FE0F are 0–15, U+E0100–U+E01EF are 16–255.
func selectorByte(r rune) byte {
	if r <= 0xFE0F {
		return byte(r - 0xFE00)
	}
	return byte(r - 0xE0100 + 16)
}

// varies reports whether selector r after base p is text: a standardized
// or emoji variation sequence, an ideographic variation sequence
// (U+E0100–U+E01EF after a Han ideograph), or a presentation selector
// after an emoji or symbol (software writes U+FE0F after emoji that need
// none; it changes nothing a reader sees).
func varies(p words.Rune, r rune) bool {
	switch {
	case ucd.IsVariationSequence(p.R, r):
		return true
	case r >= 0xE0100:
		return ucd.Props(p.R).Has(ucd.Ideographic)
	case r == 0xFE0E || r == 0xFE0F:
		return isEmojiish(p)
	}
	return false
}

// selectors finds runs of two or more variation selectors: no sequence
// varies a character twice, and a run is how bytes are smuggled (past a
// language model's input filter, say). The run is removed; the bytes it
// spells are the finding's Hidden text, and the report's. A single
// selector is judged by invisibles (see varies).
func (s *scanner) selectors() {
	s.newSpanPass()
	fs := s.p.fmts
	for f := 0; f < len(fs); f++ {
		i := int(fs[f])
		if !isSelector(s.runs[i].R) || s.taken[i] {
			continue
		}
		j := i
		for f+1 < len(fs) && int(fs[f+1]) == j+1 && isSelector(s.runs[j+1].R) && s.runs[j].End() == int(s.runs[j+1].Off) {
			j++
			f++
		}
		if j == i {
			continue
		}
		b := make([]byte, 0, j-i+1)
		for k := i; k <= j; k++ {
			b = append(b, selectorByte(s.runs[k].R))
		}
		s.addSpan(int(s.runs[i].Off), s.runs[j].End(), kSelector, doRemove, "", hiddenText(b))
	}
}

// hiddenText shows smuggled bytes: as text when they are UTF-8, else
// quoted with escapes.
func hiddenText(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	q := strconv.QuoteToASCII(string(b))
	return q[1 : len(q)-1]
}
