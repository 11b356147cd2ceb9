package detect

import (
	"bytes"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/bidi"
	"github.com/unmaskdev/unmask/ucd"
	"github.com/unmaskdev/unmask/words"
)

// bidi finds bidirectional controls. In a line with no right-to-left
// letters they serve no purpose and are removed (Trojan Source hides code
// with them); where they change the order a reader sees (a word stored
// reversed inside RLO…PDF), the characters are put in that order. In
// right-to-left text they are normal, and only reported when an override
// is left open at the end of the line: an embedding or isolate left open
// ends there (UAX #9 ends all at the paragraph's end), and translators open
// a line with RLE to set its direction.
func (s *scanner) bidi() {
	s.newSpanPass()
	lineStart := 0
	for i := 0; i <= len(s.runs); i++ {
		if i == len(s.runs) || s.runs[i].R == '\n' || s.runs[i].R == 0x2029 {
			s.bidiLine(lineStart, i)
			lineStart = i + 1
			continue
		}
		// Sparse runs skip text, which may hold line ends.
		if i > 0 && s.runs[i-1].End() < int(s.runs[i].Off) && lineEnd(s.text[s.runs[i-1].End():s.runs[i].Off]) {
			s.bidiLine(lineStart, i)
			lineStart = i
		}
	}
}

func lineEnd(b []byte) bool {
	return bytes.IndexByte(b, '\n') >= 0 || bytes.Contains(b, []byte("\u2029"))
}

func (s *scanner) bidiLine(lo, hi int) {
	rtl := false
	any := false
	for i := lo; i < hi; i++ {
		r := &s.runs[i]
		if r.Class == words.Letter && isRTL(r.Script) {
			rtl = true
		}
		if r.Class == words.Format && ucd.Props(r.R).Has(ucd.BidiControl) {
			any = true
		}
	}
	if !any {
		return
	}
	if !rtl {
		if s.reorder(lo, hi) {
			return
		}
		for i := lo; i < hi; i++ {
			if s.runs[i].Class == words.Format && ucd.Props(s.runs[i].R).Has(ucd.BidiControl) && !s.taken[i] {
				s.add(i, i, kBidi, doRemove, -1, s.wordOf(i))
			}
		}
		return
	}
	// Track open embeddings/overrides (202A-202E, closed by PDF 202C) and isolates (2066-2068, closed by PDI 2069).
	var open []int
	for i := lo; i < hi; i++ {
		switch r := s.runs[i].R; {
		case r == 0x202A || r == 0x202B || r == 0x202D || r == 0x202E || r >= 0x2066 && r <= 0x2068:
			open = append(open, i)
		case r == 0x202C || r == 0x2069:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	for _, i := range open {
		if r := s.runs[i].R; r == 0x202D || r == 0x202E {
			s.add(i, i, kBidi, doKeep, -1, s.wordOf(i))
		}
	}
}

// maxReorderLine is the longest line reordered, in bytes; the controls of
// a longer one are only removed.
const maxReorderLine = 1 << 20

// reorder handles the bidi controls of runs [lo, hi), a line with no
// right-to-left letters, when they make a reader see its characters in
// another order than they are stored (UAX #9, in a left-to-right
// paragraph): the bytes from the first control or moved character to the
// last become the characters in the order shown, controls left out. It
// reports whether it did; if not, the controls are only removed.
func (s *scanner) reorder(lo, hi int) bool {
	fc, lc := -1, -1
	for i := lo; i < hi; i++ {
		if s.runs[i].Class == words.Format && ucd.Props(s.runs[i].R).Has(ucd.BidiControl) {
			if fc < 0 {
				fc = i
			}
			lc = i
		}
	}
	if fc < 0 {
		return false
	}
	start := int(s.runs[fc].Off)
	ls := bytes.LastIndexByte(s.text[:start], '\n') + 1
	if k := bytes.LastIndex(s.text[:start], []byte("\u2029")); k >= 0 {
		ls = max(ls, k+3)
	}
	le := len(s.text)
	rest := s.text[s.runs[lc].End():]
	if k := bytes.IndexByte(rest, '\n'); k >= 0 {
		le = s.runs[lc].End() + k
	}
	if k := bytes.Index(rest, []byte("\u2029")); k >= 0 {
		le = min(le, s.runs[lc].End()+k)
	}
	line := s.text[ls:le]
	if len(line) > maxReorderLine || !utf8.Valid(line) {
		return false
	}
	var rs []rune
	var offs []int // byte offset of each rune of rs, and the line's end
	for k, r := range string(line) {
		rs, offs = append(rs, r), append(offs, ls+k)
	}
	offs = append(offs, le)
	isCtl := func(r rune) bool { return ucd.Props(r).Has(ucd.BidiControl) }
	var kept []int // indexes in rs of the runes that are not controls
	for k, r := range rs {
		if !isCtl(r) {
			kept = append(kept, k)
		}
	}
	var shown []rune
	for _, r := range bidi.Reorder(rs, bidi.LTR) {
		if !isCtl(r) {
			shown = append(shown, r)
		}
	}
	a, b := -1, -1 // the first and last kept rune shown elsewhere
	for k := range kept {
		if rs[kept[k]] != shown[k] {
			if a < 0 {
				a = k
			}
			b = k
		}
	}
	if a < 0 {
		return false
	}
	from, to := min(kept[a], firstIndex(rs, isCtl)), max(kept[b], lastIndex(rs, isCtl))
	var with []rune
	for k, i := range kept {
		if i >= from && i <= to {
			with = append(with, shown[k])
		}
	}
	if !s.spanFree(offs[from], offs[to+1]) {
		return false
	}
	s.addSpan(offs[from], offs[to+1], kBidi, doReplace, string(with), "")
	return true
}

func firstIndex(rs []rune, f func(rune) bool) int {
	for k, r := range rs {
		if f(r) {
			return k
		}
	}
	return -1
}

func lastIndex(rs []rune, f func(rune) bool) int {
	for k := len(rs) - 1; k >= 0; k-- {
		if f(rs[k]) {
			return k
		}
	}
	return -1
}
