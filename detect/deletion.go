package detect

import (
	"bytes"
	"unicode/utf8"
)

// isDeletion reports whether c is BACKSPACE or DELETE: a terminal, a
// pager (less shows nroff's "x\bx" as a bold x) and the paper "Bad
// Characters" (Boucher et al., IEEE S&P 2022) all have the character
// before it erased.
func isDeletion(c byte) bool { return c == '\b' || c == 0x7F }

// plainASCII reports whether the eight bytes of v are ASCII other than
// BACKSPACE and DELETE.
func plainASCII(v uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	bs := v ^ '\b'*ones // a zero byte where v has BACKSPACE
	// High bits: non-ASCII; DELETE+1 is 0x80 (no carry from ASCII bytes); a zero byte of bs.
	return (v|(v+ones)|((bs-ones)&^bs))&highs == 0
}

// deletions finds characters erased by a following run of BACKSPACEs or
// DELETEs, one for each, back to the start of the line: the run and what
// it erases are removed, and the finding's Hidden says what was erased.
func (s *scanner) deletions() {
	text := s.text
	done := 0 // the end of the last span: nothing before it is erased again
	for i := 0; i < len(text); i++ {
		if !isDeletion(text[i]) {
			continue
		}
		end := i
		for end < len(text) && isDeletion(text[end]) {
			end++
		}
		start := i
		for n := end - i; n > 0 && start > done; n-- {
			r, size := utf8.DecodeLastRune(text[done:start])
			if r == '\n' || r == '\r' || r == utf8.RuneError && size <= 1 {
				break // not past a line, nor an invalid byte (passed through, as everywhere)
			}
			start -= size
		}
		s.addSpan(start, end, kDeletion, doRemove, "", string(text[start:i]))
		done, i = end, end-1
	}
}

// hasDeletion reports whether text holds BACKSPACE or DELETE.
func hasDeletion(text []byte) bool {
	return bytes.IndexByte(text, '\b') >= 0 || bytes.IndexByte(text, 0x7F) >= 0
}
