package detect

import (
	"strings"

	"github.com/unmaskdev/unmask/ucd"
	"github.com/unmaskdev/unmask/words"
)

const (
	zwnj        = 0x200C
	zwj         = 0x200D
	mvs         = 0x180E // Mongolian vowel separator
	bom         = 0xFEFF
	blackFlag   = 0x1F3F4
	tagFirst    = 0xE0000
	tagLast     = 0xE007F
	cancelTag   = 0xE007F
	emojiModLo  = 0x1F3FB
	emojiModHi  = 0x1F3FF
	keycapCombo = 0x20E3
)

func isTag(r rune) bool { return r >= tagFirst && r <= tagLast }

// tags finds runs of tag characters. A run that follows 🏴 and ends with
// CANCEL TAG is an emoji flag (England, Scotland, Wales) and stays; any other
// run is smuggled text: it is decoded, reported and removed.
func (s *scanner) tags() {
	fs := s.p.fmts
	for f := 0; f < len(fs); f++ {
		i := int(fs[f])
		if !isTag(s.runs[i].R) || s.taken[i] {
			continue
		}
		// The run goes on while the next format character is the next rune and a tag.
		j := i
		for f+1 < len(fs) && int(fs[f+1]) == j+1 && isTag(s.runs[j+1].R) {
			j++
			f++
		}
		if i > 0 && s.runs[i-1].R == blackFlag && s.runs[j].R == cancelTag {
			for k := i; k <= j; k++ {
				s.taken[k] = true
			}
			continue
		}
		s.add(i, j, kTag, doRemove, -1, s.wordOf(i))
	}
}

// hidden decodes the text smuggled in the tag characters of m.
func (s *scanner) hidden(m *mark) string {
	var b strings.Builder
	for k := m.first; k <= m.last; k++ {
		if c := s.runs[k].R - tagFirst; c >= 0x20 && c < 0x7F {
			b.WriteRune(c)
		}
	}
	return b.String()
}

const zwsp = 0x200B

// unspaced reports the scripts written without spaces between words, whose
// text marks word breaks with ZERO WIDTH SPACE (Khmer and Myanmar software
// translations have hundreds per page).
func unspaced(sc ucd.Script) bool {
	switch sc {
	case ucd.Khmer, ucd.Thai, ucd.Lao, ucd.Myanmar, ucd.Tibetan, ucd.Javanese, ucd.Balinese,
		ucd.TaiTham, ucd.NewTaiLue, ucd.TaiLe, ucd.TaiViet, ucd.Buginese:
		return true
	}
	return false
}

// legitScripts use ZWNJ/ZWJ in their orthography (Persian, Indic, Sinhala…):
// all but the alphabets that never need them.
func joinerNeeded(sc ucd.Script) bool {
	switch sc {
	case ucd.Latin, ucd.Greek, ucd.Cyrillic, ucd.Armenian, ucd.Georgian, ucd.Cherokee, ucd.Coptic,
		ucd.Common, ucd.Inherited, ucd.Unknown:
		return false
	}
	return true
}

func isEmojiish(r words.Rune) bool {
	c := ucd.CategoryOf(r.R)
	return c == ucd.So || c == ucd.Sk || c == ucd.Sm || r.R >= emojiModLo && r.R <= emojiModHi
}

// invisibles finds default-ignorable characters outside the places where a
// writing system or emoji needs them.
func (s *scanner) invisibles() {
	// The runes on each side of an invisible that are not marks or
	// invisibles themselves. prev is found walking back over marks to a
	// base, or to the invisible before, whose prev it shares; next is
	// looked up once per run of invisibles. Long runs cost linear time.
	prev, next := -1, -1
	for _, k := range s.p.fmts {
		i := int(k)
		b := i - 1
		for b >= 0 && s.runs[b].Class == words.Mark {
			b--
		}
		if b < 0 || s.runs[b].Class != words.Format {
			prev = b // a base, or none (-1); else the last invisible's prev holds
		}
		if s.taken[i] || ucd.Props(s.runs[i].R).Has(ucd.BidiControl) {
			continue
		}
		if next <= i {
			next = i + 1
			for next < len(s.runs) && (s.runs[next].Class == words.Mark || s.runs[next].Class == words.Format) {
				next++
			}
		}
		if s.legitInvisible(i, prev, next) {
			continue
		}
		s.add(i, i, kInvisible, doRemove, -1, s.wordOf(i))
	}
}

// legitInvisible reports whether the invisible rune i is in a place where a
// writing system or emoji needs it; prev and next are the indexes of the
// runes around it that are not marks or invisibles (-1 and len(s.runs) for none).
func (s *scanner) legitInvisible(i, prev, next int) bool {
	r := s.runs[i].R
	okp, okn := prev >= 0, next < len(s.runs)
	var p, n *words.Rune
	if okp {
		p = &s.runs[prev]
	} else {
		p = &words.Rune{}
	}
	if okn {
		n = &s.runs[next]
	} else {
		n = &words.Rune{}
	}
	switch {
	case r == bom:
		return s.runs[i].Off == 0 // a byte order mark opening the text
	case r == zwnj || r == zwj:
		if okp && isEmojiish(*p) || okn && r == zwj && isEmojiish(*n) {
			return true
		}
		return okp && p.Class == words.Letter && joinerNeeded(p.Script) ||
			okn && n.Class == words.Letter && joinerNeeded(n.Script) && !(okp && p.Class == words.Letter)
	case r == mvs || r >= 0x180B && r <= 0x180F:
		return okp && p.Script == ucd.Mongolian
	case r == zwsp:
		// Scripts written without spaces mark word breaks with it.
		// In such a document, between a Latin word and a tab too.
		return okp && unspaced(p.Script) || okn && unspaced(n.Script) || unspaced(s.p.dominant)
	case isSelector(r):
		// One selector directly after a character it can vary (see varies).
		return okp && prev == i-1 && varies(*p, r)
	case r == 0x115F || r == 0x1160 || r >= 0x17B4 && r <= 0x17B5:
		return okp && (p.Script == ucd.Hangul || p.Script == ucd.Khmer) || okn && (n.Script == ucd.Hangul || n.Script == ucd.Khmer)
	case r >= 0x1BCA0 && r <= 0x1BCA3:
		return okp && p.Script == ucd.Duployan
	case r >= 0x13430 && r <= 0x1343F:
		return okp && p.Script == ucd.EgyptianHieroglyphs
	}
	return false
}

// zalgo finds letters carrying three or more generic combining marks
// (Inherited script), which no orthography stacks; the marks are removed.
func (s *scanner) zalgo() {
	for i := 0; i < len(s.runs); i++ {
		if s.runs[i].Class != words.Mark {
			continue
		}
		j := i
		for j+1 < len(s.runs) && s.runs[j+1].Class == words.Mark {
			j++
		}
		generic := 0
		for k := i; k <= j; k++ {
			if ucd.ScriptOf(s.runs[k].R) == ucd.Inherited {
				generic++
			}
		}
		if generic >= 3 && generic == j-i+1 {
			s.add(i, j, kZalgo, doRemove, -1, s.wordOf(i))
		}
		i = j
	}
}
