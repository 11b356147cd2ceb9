package detect

import (
	"unicode"

	"github.com/unmaskdev/unmask/lookalike"
	"github.com/unmaskdev/unmask/ucd"
	"github.com/unmaskdev/unmask/words"
)

// modelMin is the least score of a glyph reading (package lookalike) that
// restores a letter inside a word of another script: the glyph threshold
// of the model, at which its calibration admits no lookalike that is not
// one to a reader. Compatibility and canonical readings (⒭, ӧ → ö) are
// what the character is by definition and count at any score.
const modelMin = 80

// modelCounterpart returns the letter of script sc that the lookalike
// model reads r as, for a letter confusables.txt gives no lookalike in sc
// (Lisu ꓄ for T, Cyrillic ӧ for ö), or -1. A reading that drops a
// diacritic is never taken: an accent is not the disguise's to lose.
func modelCounterpart(r rune, sc ucd.Script) rune {
	for _, rd := range lookalike.Readings(r) {
		if rd.Sources&^lookalike.Stripped == 0 || ucd.ScriptOf(rd.To) != sc || !ucd.CategoryOf(rd.To).IsLetter() {
			continue
		}
		if rd.Sources&(lookalike.Compat|lookalike.Decomp|lookalike.Confusables) == 0 && rd.Score < modelMin {
			continue
		}
		return rd.To
	}
	return -1
}

// allNative reports whether every letter the proposals put in is one the
// document writes somewhere in its own script (or in the other case), or
// stands for a Latin letter already found planted inside its words: a Latin
// word in Russian prose ("pid", "POSIX", "wheel") would turn into ԁ, Ѕ, һ,
// letters the text never has and no disguise planted, so it is a real
// Latin word; "ce" planted in Bulgarian becomes се.
func (s *scanner) allNative(out []proposal) bool {
	if s.own == nil {
		s.own = map[rune]int{}
		for i := range s.runs {
			if r := &s.runs[i]; r.Class == words.Letter && r.Script == s.p.dominant && r.R >= 0x80 {
				s.own[unicode.ToLower(r.R)]++
			}
		}
	}
	for _, p := range out {
		if s.own[unicode.ToLower(p.with)] > 0 {
			continue
		}
		if c := s.runs[p.i].Plain; c < 0x80 && (s.intruders().count[c]+s.intruders().count[c^0x20]) > 0 {
			continue
		}
		return false
	}
	return true
}
