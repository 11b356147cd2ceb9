package ucd

import "sort"

// BidiClass is a Bidi_Class value (UAX #9 Table 4). The zero value is L,
// the class of every code point the tables do not list.
type BidiClass uint8

// Bidi_Class values. The explicit formatting classes come last, LRE to PDI,
// so that a range test finds them.
const (
	BidiL   BidiClass = iota // Left_To_Right
	BidiR                    // Right_To_Left
	BidiAL                   // Arabic_Letter
	BidiEN                   // European_Number
	BidiES                   // European_Separator
	BidiET                   // European_Terminator
	BidiAN                   // Arabic_Number
	BidiCS                   // Common_Separator
	BidiNSM                  // Nonspacing_Mark
	BidiBN                   // Boundary_Neutral
	BidiB                    // Paragraph_Separator
	BidiS                    // Segment_Separator
	BidiWS                   // White_Space
	BidiON                   // Other_Neutral
	BidiLRE                  // Left_To_Right_Embedding
	BidiLRO                  // Left_To_Right_Override
	BidiRLE                  // Right_To_Left_Embedding
	BidiRLO                  // Right_To_Left_Override
	BidiPDF                  // Pop_Directional_Format
	BidiLRI                  // Left_To_Right_Isolate
	BidiRLI                  // Right_To_Left_Isolate
	BidiFSI                  // First_Strong_Isolate
	BidiPDI                  // Pop_Directional_Isolate
)

var bidiClassNames = [...]string{"L", "R", "AL", "EN", "ES", "ET", "AN", "CS", "NSM", "BN", "B", "S", "WS", "ON",
	"LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}

// String returns the short name of c ("L", "AL", "PDI").
func (c BidiClass) String() string {
	if int(c) < len(bidiClassNames) {
		return bidiClassNames[c]
	}
	return "?"
}

// BidiClassByName returns the class with short name s, as BidiTest.txt
// writes them.
func BidiClassByName(s string) (BidiClass, bool) {
	for i, n := range bidiClassNames {
		if n == s {
			return BidiClass(i), true
		}
	}
	return 0, false
}

type (
	bidiRange struct {
		lo, hi rune
		v      BidiClass
	}
	bracketEntry struct {
		r, pair rune
		open    bool
	}
)

// BidiClassOf returns the Bidi_Class of r.
func BidiClassOf(r rune) BidiClass {
	if r >= 0 && r < 256 {
		return bidiLatin1[r]
	}
	i := sort.Search(len(bidiRanges), func(i int) bool { return bidiRanges[i].hi >= r })
	if i < len(bidiRanges) && bidiRanges[i].lo <= r {
		return bidiRanges[i].v
	}
	return BidiL
}

// BidiMirror returns the Bidi_Mirroring_Glyph of r, and whether it has one.
func BidiMirror(r rune) (rune, bool) {
	i := sort.Search(len(mirrorPairs), func(i int) bool { return mirrorPairs[i][0] >= r })
	if i < len(mirrorPairs) && mirrorPairs[i][0] == r {
		return mirrorPairs[i][1], true
	}
	return r, false
}

// BidiBracket returns the Bidi_Paired_Bracket of r and whether r opens
// (Bidi_Paired_Bracket_Type Open) or closes the pair; ok is false when r is
// not a paired bracket.
func BidiBracket(r rune) (pair rune, open, ok bool) {
	i := sort.Search(len(pairedBrackets), func(i int) bool { return pairedBrackets[i].r >= r })
	if i < len(pairedBrackets) && pairedBrackets[i].r == r {
		return pairedBrackets[i].pair, pairedBrackets[i].open, true
	}
	return 0, false, false
}
