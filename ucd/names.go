package ucd

import (
	"sort"
	"strconv"
	"strings"
)

// Name returns the Unicode Name of r; for a control, its control alias
// (such as "CHARACTER TABULATION"); "" for an unassigned code point.
// Only names derived from the code point allocate.
func Name(r rune) string {
	i := sort.Search(len(names), func(i int) bool { return names[i].r >= r })
	if i < len(names) && names[i].r == r {
		end := uint32(nameBlobLen)
		if i+1 < len(names) {
			end = names[i+1].off
		}
		return nameBlob[names[i].off:end]
	}
	j := sort.Search(len(nameRanges), func(j int) bool { return nameRanges[j].hi >= r })
	if j == len(nameRanges) || nameRanges[j].lo > r {
		return ""
	}
	kind := nameRanges[j].kind
	hex := strings.ToUpper(strconv.FormatInt(int64(r), 16))
	switch {
	case strings.HasPrefix(kind, "CJK Ideograph"):
		return "CJK UNIFIED IDEOGRAPH-" + hex
	case strings.HasPrefix(kind, "Tangut Ideograph"):
		return "TANGUT IDEOGRAPH-" + hex
	case kind == "Hangul Syllable":
		return hangulName(r)
	}
	return "" // surrogates and private use have no Name
}

var (
	jamoL = []string{"G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"}
	jamoV = []string{"A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"}
	jamoT = []string{"", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"}
)

// hangulName follows Unicode §3.12 (Hangul syllable name generation).
func hangulName(r rune) string {
	s := int(r - 0xAC00)
	l, v, t := s/(21*28), (s%(21*28))/28, s%28
	return "HANGUL SYLLABLE " + jamoL[l] + jamoV[v] + jamoT[t]
}
