package ucd

import "sort"

// IsVariationSequence reports whether selector after base is a standardized
// variation sequence (StandardizedVariants.txt: Mongolian, math symbols,
// CJK compatibility ideographs, Phags-pa…) or an emoji variation sequence
// (emoji-variation-sequences.txt). Ideographic variation sequences
// (U+E0100–U+E01EF after a Han ideograph, registered in the IVD) are not
// listed here.
func IsVariationSequence(base, selector rune) bool {
	v := uint64(base)<<21 | uint64(selector)
	i := sort.Search(len(variationSeqs), func(i int) bool { return variationSeqs[i] >= v })
	return i < len(variationSeqs) && variationSeqs[i] == v
}
