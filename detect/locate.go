package detect

import (
	"fmt"
	"slices"
	"unicode/utf8"
)

// code formats r as "U+03BF" without fmt, which showed in profiles.
func code(r rune) string {
	const hex = "0123456789ABCDEF"
	var b [10]byte
	n := len(b)
	for v := uint32(r); v > 0 || n > len(b)-4; v >>= 4 {
		n--
		b[n] = hex[v&0xF]
	}
	n -= 2
	b[n], b[n+1] = 'U', '+'
	return string(b[n:])
}

func hexByte(b byte) string { return fmt.Sprintf("0x%02X", b) }

// sortMarks orders the marks by offset, keeping the order of equal ones.
// The passes append in order, so the marks are a few sorted runs (one per
// pass): neighbouring runs are merged into a second buffer until one is
// left, each round a sequential walk over 28-byte marks.
func (s *scanner) sortMarks() {
	s.marks, s.markTmp = mergeRuns(s.marks, s.markTmp)
}

// mergeRuns sorts ms, stably by offset, by merging its ascending runs. It
// returns the sorted marks and the other buffer, for reuse.
func mergeRuns(ms, tmp []mark) ([]mark, []mark) {
	for {
		runs := 1
		for i := 1; i < len(ms); i++ {
			if ms[i].off < ms[i-1].off {
				runs++
			}
		}
		if runs == 1 {
			return ms, tmp
		}
		if runs > 16 {
			// No longer a few runs: merging would cost more.
			slices.SortStableFunc(ms, func(a, b mark) int { return int(a.off) - int(b.off) })
			return ms, tmp
		}
		tmp = slices.Grow(tmp[:0], len(ms))[:len(ms)]
		for lo := 0; lo < len(ms); {
			mid := runEnd(ms, lo)
			hi := runEnd(ms, mid)
			merge(tmp[lo:hi], ms[lo:mid], ms[mid:hi])
			lo = hi
		}
		ms, tmp = tmp, ms
	}
}

// runEnd returns the end of the ascending run of ms starting at lo.
func runEnd(ms []mark, lo int) int {
	if lo >= len(ms) {
		return lo
	}
	i := lo + 1
	for i < len(ms) && ms[i].off >= ms[i-1].off {
		i++
	}
	return i
}

// merge writes the ascending a and b, merged, to dst (len(a)+len(b) long);
// on equal offsets a's marks come first.
func merge(dst, a, b []mark) {
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(b) {
		if a[i].off <= b[j].off {
			dst[k] = a[i]
			i++
		} else {
			dst[k] = b[j]
			j++
		}
		k++
	}
	k += copy(dst[k:], a[i:])
	copy(dst[k:], b[j:])
}

// locate fills Line and Col (1-based, columns in code points) of sorted findings in one pass.
func locate(text []byte, fs []Finding) {
	line, col, pos := 1, 1, 0
	for i := range fs {
		for pos < fs[i].Offset && pos < len(text) {
			switch c := text[pos]; {
			case c == '\n':
				line, col = line+1, 1
				pos++
			case c < utf8.RuneSelf:
				col++
				pos++
			default:
				_, n := utf8.DecodeRune(text[pos:])
				pos += n
				col++
			}
		}
		fs[i].Line, fs[i].Col = line, col
	}
}
