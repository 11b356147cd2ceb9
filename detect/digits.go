package detect

import (
	"github.com/unmaskdev/unmask/lookalike"
	"github.com/unmaskdev/unmask/ucd"
	"github.com/unmaskdev/unmask/words"
)

// A number that mixes numbering systems ("1০০", an ASCII one and Bengali
// zeros) is suspicious (UTS #39 §5.3, mixed numbers). What a reader sees
// depends on the document:
//   - where the other system is the document's own (Bengali digits in
//     Bengali text, Arabic-Indic in Arabic or Persian) or is written in
//     numbers of its own elsewhere in it, both systems are in real use: the
//     number is reported, not changed;
//   - otherwise, in a text whose digits are mostly ASCII, a digit of the
//     other system that looks like an ASCII digit (০ for 0) is that digit,
//     and is restored; one that does not is reported.

// mixedDigits judges every number that mixes numbering systems.
func (s *scanner) mixedDigits() {
	var pure map[rune]int // digits per system (zero) in numbers of one system
	ascii := 0
	for c := '0'; c <= '9'; c++ {
		ascii += s.sp.ASCII[c]
	}
	for wi := range s.words {
		w := &s.words[wi]
		if w.ASCII {
			continue
		}
		zero, other, mixed := rune(-1), rune(-1), false
		for i := w.First; i <= w.Last; i++ {
			r := &s.runs[i]
			if r.Class != words.Digit || ucd.CategoryOf(r.R) != ucd.Nd {
				continue
			}
			z := ucd.DigitZero(r.R)
			switch {
			case zero < 0:
				zero = z
			case z != zero && other < 0:
				other, mixed = z, true
			}
		}
		if !mixed {
			continue
		}
		if pure == nil {
			pure = s.pureDigits()
		}
		s.mixedNumber(wi, ascii, pure)
	}
}

// pureDigits counts, per numbering system, the digits of numbers written
// in that system alone (ASCII ones too).
func (s *scanner) pureDigits() map[rune]int {
	pure := map[rune]int{}
	for wi := range s.words {
		w := &s.words[wi]
		zero, n, one := rune(-1), 0, true
		for i := w.First; i <= w.Last && one; i++ {
			r := &s.runs[i]
			if r.Class != words.Digit || ucd.CategoryOf(r.R) != ucd.Nd {
				continue
			}
			z := ucd.DigitZero(r.R)
			if zero >= 0 && z != zero {
				one = false
			}
			zero = z
			n++
		}
		if one && n > 0 {
			pure[zero] += n
		}
	}
	return pure
}

// mixedNumber reports or restores the digits of word wi that are not of
// the document's numbering system.
func (s *scanner) mixedNumber(wi, ascii int, pure map[rune]int) {
	w := &s.words[wi]
	// The document's system: ASCII when its digits are mostly ASCII.
	foreign := 0
	for z, n := range pure {
		if z != '0' {
			foreign += n
		}
	}
	asciiDoc := ascii > foreign
	for i := w.First; i <= w.Last; i++ {
		r := &s.runs[i]
		if r.Class != words.Digit || r.R < 0x80 || ucd.CategoryOf(r.R) != ucd.Nd || s.taken[i] {
			continue
		}
		z := ucd.DigitZero(r.R)
		own := ucd.ScriptOf(r.R) == s.p.dominant || pure[z] > 0
		d := asciiDigit(r.R)
		if !asciiDoc || own || d < 0 {
			s.add(i, i, kLookalike, doKeep, d, wi)
			continue
		}
		s.add(i, i, kLookalike, doReplace, d, wi)
	}
}

// asciiDigit returns the ASCII digit r looks like (Bengali ০ is 0, by
// confusables.txt read as o), or -1.
func asciiDigit(r rune) rune {
	for _, rd := range lookalike.Readings(r) {
		if rd.Sources == lookalike.Glyph && rd.Score < modelMin || rd.Sources == lookalike.Stripped {
			continue
		}
		switch t := rd.To; {
		case t >= '0' && t <= '9':
			return t
		case t == 'o' || t == 'O':
			return '0'
		case t == 'l' || t == 'I':
			return '1'
		}
	}
	return -1
}
