package uts39

import (
	"slices"

	"github.com/unmaskdev/unmask/ucd"
)

// NumberSystems returns the decimal number systems that the digits of s come
// from (UTS #39 §5.3): for each character with General_Category Nd, the ZERO
// of its run of ten digits, once each, in order of first appearance.
func NumberSystems(s string) []rune {
	var zeros []rune
	for _, r := range s {
		if r < '0' || (r > '9' && r < 0x660) {
			continue // no Nd below U+0660 but ASCII digits
		}
		if z := ucd.DigitZero(r); z >= 0 && !slices.Contains(zeros, z) {
			zeros = append(zeros, z)
		}
	}
	return zeros
}

// MixedNumbers reports whether s has digits from more than one decimal number
// system, such as "8" with U+09EA BENGALI DIGIT FOUR (UTS #39 §5.3).
func MixedNumbers(s string) bool { return len(NumberSystems(s)) > 1 }
