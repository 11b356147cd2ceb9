package uts39

import "testing"

func TestBidiSkeletonReorders(t *testing.T) {
	tests := []struct {
		dir  Direction
		a, b string
		same bool
	}{
		// The example of ICU's uspoof.h: identical in an LTR paragraph, distinct in RTL.
		{LTR, "A1\u05D0", "A\u05D01", true},
		{RTL, "A1\u05D0", "A\u05D01", false},
		// A right-to-left override displays "elgoog" as "google".
		{LTR, "\u202Eelgoog\u202C", "google", true},
		{LTR, "\u202Eelgoog\u202C", "elgoog", false},
		// Brackets are mirrored at odd levels (L4): "(" after reversal is drawn as ")".
		{RTL, "\u05D0(\u05D1)", "\u05D0(\u05D1)", true},
	}
	for _, tt := range tests {
		if got := BidiConfusable(tt.dir, tt.a, tt.b); got != tt.same {
			t.Errorf("BidiConfusable(%v, %+q, %+q) = %v, want %v (skeletons %+q, %+q)", tt.dir, tt.a, tt.b, got, tt.same,
				BidiSkeleton(tt.dir, tt.a), BidiSkeleton(tt.dir, tt.b))
		}
	}
}
