package uts39

import "github.com/unmaskdev/unmask/bidi"

// Direction is the direction of the paragraph a string is displayed in, the
// α of bidiSkeleton(α, X) in UTS #39 §4.
type Direction = bidi.Direction

// Paragraph directions.
const (
	LTR = bidi.LTR // left-to-right paragraph (embedding level 0)
	RTL = bidi.RTL // right-to-left paragraph (embedding level 1)
)
