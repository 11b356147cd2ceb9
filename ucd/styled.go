package ucd

import "sort"

// Style is how a restyled letter differs from the plain one.
type Style uint8

func (s Style) String() string { return styleNames[s] }

type styledEntry struct {
	r, plain rune
	style    Style
}

// Styled returns the plain letter or digit that r restyles (fullwidth Ａ,
// mathematical 𝐀, circled Ⓐ, small capital ᴀ, superscript ᵃ, …) and how.
// It returns (r, StyleNone) for anything else.
func Styled(r rune) (rune, Style) {
	if r < 0xAA {
		return r, StyleNone
	}
	i := sort.Search(len(styledLetters), func(i int) bool { return styledLetters[i].r >= r })
	if i < len(styledLetters) && styledLetters[i].r == r {
		return styledLetters[i].plain, styledLetters[i].style
	}
	return r, StyleNone
}
