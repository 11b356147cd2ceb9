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
// The passes append in order, so the marks are a few sorted runs: their
// packed (offset, index) keys are merged, and each mark is then moved once,
// in place.
func (s *scanner) sortMarks() {
	ms := s.marks
	if slices.IsSortedFunc(ms, func(a, b mark) int { return int(a.off - b.off) }) {
		return
	}
	keys := s.sortIdx[:0]
	for i := range ms {
		keys = append(keys, uint64(ms[i].off)<<32|uint64(i)) // offsets < 2 GiB, see words.Rune
	}
	keys, s.mergeTmp = mergeRuns(keys, s.mergeTmp)
	permute(ms, keys)
	s.sortIdx = keys[:0]
}

// permute puts xs[uint32(keys[k])] at k for every k, following each cycle
// of the permutation with one element set aside. It marks the keys done
// with their top bit, free because offsets are below 2 GiB.
func permute[T any](xs []T, keys []uint64) {
	const done = 1 << 63
	for k := range keys {
		if keys[k]&done != 0 {
			continue
		}
		held := xs[k]
		j := k
		for {
			from := int(uint32(keys[j]))
			keys[j] |= done
			if from == k {
				xs[j] = held
				break
			}
			xs[j] = xs[from]
			j = from
		}
	}
}

// mergeRuns sorts keys, which are a few ascending runs (one per pass of the
// scanner), by merging neighbouring runs until one is left. It returns the
// sorted keys and the other buffer, for reuse.
func mergeRuns(keys, tmp []uint64) ([]uint64, []uint64) {
	for {
		runs := 1
		for i := 1; i < len(keys); i++ {
			if keys[i] < keys[i-1] {
				runs++
			}
		}
		if runs == 1 {
			return keys, tmp
		}
		if runs > 16 {
			slices.Sort(keys) // no longer a few runs: merging would cost more
			return keys, tmp
		}
		tmp = slices.Grow(tmp[:0], len(keys))[:len(keys)]
		for lo := 0; lo < len(keys); {
			mid := runEnd(keys, lo)
			hi := runEnd(keys, mid)
			merge(tmp[lo:hi], keys[lo:mid], keys[mid:hi])
			lo = hi
		}
		keys, tmp = tmp, keys
	}
}

// runEnd returns the end of the ascending run of keys starting at lo.
func runEnd(keys []uint64, lo int) int {
	if lo >= len(keys) {
		return lo
	}
	i := lo + 1
	for i < len(keys) && keys[i] >= keys[i-1] {
		i++
	}
	return i
}

// merge writes the ascending a and b, merged, to dst (len(a)+len(b) long).
func merge(dst, a, b []uint64) {
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(b) {
		if a[i] <= b[j] {
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
