package fingerprint

import "slices"

// sortHashes sorts a in ascending order, using tmp (grown as needed and
// returned) as scratch. Shingle hashes are uniform 32-bit values, a few
// hundred per document: four passes of a byte-wise radix sort do a fixed
// amount of work per hash, where a comparison sort did log2(n) branchy
// comparisons (the sort was a sixth of fingerprinting a news article).
func sortHashes(a, tmp []uint32) []uint32 {
	if len(a) < 64 {
		slices.Sort(a) // the counts would cost more than the sort
		return tmp
	}
	tmp = slices.Grow(tmp[:0], len(a))[:len(a)]
	var counts [4][256]int
	for _, x := range a {
		counts[0][x&0xFF]++
		counts[1][x>>8&0xFF]++
		counts[2][x>>16&0xFF]++
		counts[3][x>>24]++
	}
	src, dst := a, tmp
	for pass := range 4 {
		shift := 8 * uint(pass)
		c := &counts[pass]
		if c[src[0]>>shift&0xFF] == len(src) {
			continue // every hash has the same byte here: nothing moves
		}
		sum := 0
		for i, n := range c {
			c[i] = sum
			sum += n
		}
		for _, x := range src {
			b := x >> shift & 0xFF
			dst[c[b]] = x
			c[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &a[0] {
		copy(a, src)
	}
	return tmp
}
