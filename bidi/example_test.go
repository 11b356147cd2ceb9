package bidi_test

import (
	"fmt"
	"strings"

	"github.com/unmaskdev/unmask/bidi"
)

// A word stored backwards inside RIGHT-TO-LEFT OVERRIDE … POP DIRECTIONAL
// FORMATTING is read forwards: Reorder gives the order a reader sees.
// The controls stay in the result (a renderer draws them as nothing).
func ExampleReorder() {
	stored := "the \u202Exof\u202C jumps"
	seen := string(bidi.Reorder([]rune(stored), bidi.LTR))
	seen = strings.NewReplacer("\u202E", "", "\u202C", "").Replace(seen)
	fmt.Println(seen)
	// Output: the fox jumps
}

// Levels gives each character's embedding level: Hebrew letters in an
// English sentence are at level 1 (right to left), the rest at 0.
func ExampleLevels() {
	levels, para := bidi.Levels([]rune("a שלום b"), bidi.LTR)
	fmt.Println(levels, para)
	// Output: [0 0 1 1 1 1 0 0] 0
}
