package uts39

import (
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
)

// Hangul syllable constants (Unicode §3.12, Conjoining Jamo Behavior).
const (
	sBase  = 0xAC00
	lBase  = 0x1100
	vBase  = 0x1161
	tBase  = 0x11A7
	tCount = 28
	nCount = 21 * tCount
	sCount = 19 * nCount
)

// maxDecomp bounds the length of a full canonical decomposition (checked by a test).
const maxDecomp = 8

// decompose returns the full canonical decomposition of r (UAX #15, D68),
// algorithmic for Hangul syllables, in buf.
func decompose(r rune, buf *[maxDecomp]rune) []rune {
	if r < 0xC0 {
		buf[0] = r
		return buf[:1]
	}
	if s := r - sBase; s >= 0 && s < sCount {
		buf[0] = lBase + s/nCount
		buf[1] = vBase + (s%nCount)/tCount
		if t := s % tCount; t != 0 {
			buf[2] = tBase + t
			return buf[:3]
		}
		return buf[:2]
	}
	if !infoOf(r).has(infoDecomp) {
		buf[0] = r
		return buf[:1]
	}
	d, ok := ucd.Decomposition(r)
	if !ok {
		buf[0] = r
		return buf[:1]
	}
	n := 0
	for _, c := range d {
		buf[n] = c
		n++
	}
	return buf[:n]
}

// hasDecompositionSlow reports whether r is not its own canonical
// decomposition, from the ucd tables (infoOf caches it).
func hasDecompositionSlow(r rune) bool {
	if r < 0xC0 {
		return false
	}
	if s := r - sBase; s >= 0 && s < sCount {
		return true
	}
	_, ok := ucd.Decomposition(r)
	return ok
}

// A non-starter waiting for canonical ordering is packed as ccc<<21 | code point.
func packMark(ccc uint8, r rune) uint32 { return uint32(ccc)<<21 | uint32(r) }

func markRune(k uint32) rune { return rune(k & 0x1FFFFF) }

// sortMarks puts a run of non-starters into canonical order (UAX #15, D109):
// a stable sort by Canonical_Combining_Class.
func sortMarks(m []uint32) {
	if len(m) < 2 {
		return
	}
	sorted := true
	for i := 1; i < len(m); i++ {
		if m[i]>>21 < m[i-1]>>21 {
			sorted = false
			break
		}
	}
	if sorted {
		return
	}
	if len(m) <= 32 {
		for i := 1; i < len(m); i++ {
			for j := i; j > 0 && m[j]>>21 < m[j-1]>>21; j-- {
				m[j], m[j-1] = m[j-1], m[j]
			}
		}
		return
	}
	// Long runs (zalgo text): a stable counting sort on the class, linear.
	var start [257]int
	for _, k := range m {
		start[k>>21+1]++
	}
	for c := 1; c < len(start); c++ {
		start[c] += start[c-1]
	}
	tmp := make([]uint32, len(m))
	for _, k := range m {
		tmp[start[k>>21]] = k
		start[k>>21]++
	}
	copy(m, tmp)
}

// The NFD writer appends the NFD of the code points given to it as UTF-8 to
// out, holding back each run of non-starters in marks until it is complete
// and ordered. It passes its state by value so that callers can keep the
// marks buffer on the stack.

// pushDecomposed takes a code point that is already fully decomposed.
func pushDecomposed(out []byte, marks []uint32, r rune) ([]byte, []uint32) {
	if c := infoOf(r).ccc(); c != 0 {
		return out, append(marks, packMark(c, r))
	}
	if len(marks) > 0 {
		out, marks = flushMarks(out, marks), marks[:0]
	}
	return utf8.AppendRune(out, r), marks
}

// push decomposes r and takes the parts.
func push(out []byte, marks []uint32, r rune) ([]byte, []uint32) {
	var buf [maxDecomp]rune
	for _, c := range decompose(r, &buf) {
		out, marks = pushDecomposed(out, marks, c)
	}
	return out, marks
}

// flushMarks orders the pending non-starters and appends them.
func flushMarks(out []byte, marks []uint32) []byte {
	sortMarks(marks)
	for _, k := range marks {
		out = utf8.AppendRune(out, markRune(k))
	}
	return out
}

// IsNFD reports whether s is valid UTF-8 in Normalization Form D.
func IsNFD(s string) bool {
	var last uint8
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			last = 0
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		i += size
		info := infoOf(r)
		if info.has(infoDecomp) {
			return false
		}
		c := info.ccc()
		if c != 0 && c < last {
			return false
		}
		last = c
	}
	return true
}

// NFD returns s in Normalization Form D (UAX #15) by the Unicode 17.0.0 data
// of package ucd: full canonical decomposition, algorithmic for Hangul, then
// canonical ordering. Each byte of s that is not part of valid UTF-8 becomes
// U+FFFD. When s is already NFD, NFD returns s itself without allocating.
func NFD(s string) string {
	if IsNFD(s) {
		return s
	}
	var buf [256]byte
	return string(AppendNFD(buf[:0], s))
}

// AppendNFD appends the NFD of s to dst, as NFD does.
func AppendNFD(dst []byte, s string) []byte {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	// The ASCII prefix is NFD, but its last character may take marks that follow.
	if i == len(s) {
		return append(dst, s...)
	}
	bmpOnce.Do(loadBMP)
	var arr [32]uint32
	out, marks := append(dst, s[:i]...), arr[:0]
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if info := loadedInfo(r); !info.has(infoDecomp) {
			if cc := info.ccc(); cc != 0 {
				marks = append(marks, packMark(cc, r))
				continue
			}
			if len(marks) > 0 {
				out, marks = flushMarks(out, marks), marks[:0]
			}
			out = utf8.AppendRune(out, r)
			continue
		}
		out, marks = push(out, marks, r)
	}
	return flushMarks(out, marks)
}
