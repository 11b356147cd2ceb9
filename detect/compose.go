package detect

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/unmaskdev/unmask/words"
)

// composeMarks makes a restored letter compose with the combining marks
// that follow it, as the document writes its letters: a styled 𝐚 followed
// by U+0308 becomes ä (U+00E4) in a text that writes ä precomposed, and
// a + U+0308 in one that writes letters decomposed. The accent is the
// writer's: it is kept either way, and never left for a later rule to drop.
func (s *scanner) composeMarks() {
	decomposed := -1 // worked out on first need
	for k := range s.marks {
		m := &s.marks[k]
		if m.action != doReplace || m.with < 0 || m.first != m.last {
			continue
		}
		j := int(m.last) + 1
		if j >= len(s.runs) || s.runs[j].Class != words.Mark || s.taken[j] {
			continue
		}
		end := j
		for end+1 < len(s.runs) && s.runs[end+1].Class == words.Mark && !s.taken[end+1] {
			end++
		}
		var buf [64]byte
		b := utf8.AppendRune(buf[:0], m.with)
		for t := j; t <= end && len(b) < 48; t++ {
			b = utf8.AppendRune(b, s.runs[t].R)
		}
		c := norm.NFC.Append(buf[32:32], b...)
		r, n := utf8.DecodeRune(c)
		if n != len(c) || r == utf8.RuneError {
			continue // more marks than compose into one letter: left as they are
		}
		if decomposed < 0 {
			decomposed = 0
			if s.writesDecomposed() {
				decomposed = 1
			}
		}
		if decomposed == 1 {
			return
		}
		for t := j; t <= end; t++ {
			s.taken[t] = true
		}
		m.last, m.len, m.with = int32(end), int32(s.runs[end].End())-m.off, r
	}
}

// writesDecomposed reports whether the document writes a letter that has
// a precomposed form as letter + combining mark, outside the letters the
// rules replace.
func (s *scanner) writesDecomposed() bool {
	for i := 1; i < len(s.runs); i++ {
		if s.runs[i].Class != words.Mark || s.runs[i-1].Class != words.Letter || s.taken[i-1] || s.taken[i] {
			continue
		}
		var buf [16]byte
		b := utf8.AppendRune(buf[:0], s.runs[i-1].R)
		b = utf8.AppendRune(b, s.runs[i].R)
		if c := norm.NFC.Bytes(b); utf8.RuneCount(c) == 1 {
			return true
		}
	}
	return false
}
