package uts39_test

import (
	"fmt"

	"github.com/unmaskdev/unmask/uts39"
)

// A skeleton is what a string looks like: two strings that look alike have
// the same skeleton.
func ExampleSkeleton() {
	fmt.Println(uts39.Skeleton("pаypаl")) // Cyrillic а
	fmt.Println(uts39.Skeleton("paypal"))
	fmt.Println(uts39.Confusable("pаypаl", "paypal"))
	// Output:
	// paypal
	// paypal
	// true
}

// ClassifyConfusable says how two confusable strings differ: in one script,
// across scripts, or one wholly in another script.
func ExampleClassifyConfusable() {
	fmt.Println(uts39.ClassifyConfusable("scope", "ѕсоре")) // all Cyrillic
	fmt.Println(uts39.ClassifyConfusable("paypal", "pаypal"))
	fmt.Println(uts39.ClassifyConfusable("paypal", "apple"))
	// Output:
	// whole-script
	// mixed-script
	// not confusable
}

// CheckIdentifier gives an identifier's resolved scripts, restriction level
// and the characters at fault.
func ExampleRestrictionLevel() {
	for _, s := range []string{"paypal", "Δelta", "abcघ", "pаypal", "東京abc"} {
		fmt.Printf("%s: %v\n", s, uts39.RestrictionLevel(s))
	}
	// Output:
	// paypal: ASCII-Only
	// Δelta: Minimally Restrictive
	// abcघ: Moderately Restrictive
	// pаypal: Minimally Restrictive
	// 東京abc: Highly Restrictive
}

// BidiSkeleton compares strings as they are displayed in a paragraph of the
// given direction (UTS #39 bidiSkeleton).
func ExampleBidiSkeleton() {
	fmt.Printf("%q\n", uts39.BidiSkeleton(uts39.LTR, "ab אג"))
	fmt.Printf("%q\n", uts39.BidiSkeleton(uts39.RTL, "ab אג"))
	// Output:
	// "ab גא"
	// "גא ab"
}

// CheckIdentifier runs every identifier check and says which characters
// are at fault.
func ExampleCheckIdentifier() {
	rep := uts39.CheckIdentifier("pаypal")
	fmt.Println(rep.Scripts, rep.ScriptLevel, rep.MainScript)
	for _, c := range rep.OtherScript {
		fmt.Printf("%d %U\n", c.Offset, c.Rune)
	}
	rep = uts39.CheckIdentifier("1০০")
	fmt.Println(rep.MixedNumbers(), len(rep.ForeignDigits))
	// Output:
	// ∅ Minimally Restrictive Latin
	// 1 U+0430
	// true 2
}
