package uts39

import (
	"fmt"
	"testing"
)

func TestParseDirection(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Direction
		ok   bool
	}{
		{"ltr", LTR, true},
		{"LTR", LTR, true},
		{"Rtl", RTL, true},
		{"rtl", RTL, true},
		{"", LTR, false},
		{"left", LTR, false},
		{"rtl ", LTR, false},
		{"ＬＴＲ", LTR, false}, // fullwidth letters are not the word
	} {
		got, err := ParseDirection(tc.in)
		if (err == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("ParseDirection(%q) = %v, %v; want %v, ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
	for _, d := range []Direction{LTR, RTL} {
		if got, err := ParseDirection(d.String()); err != nil || got != d {
			t.Errorf("ParseDirection(%v.String()) = %v, %v", d, got, err)
		}
	}
}

func ExampleParseDirection() {
	dir, err := ParseDirection("RTL")
	fmt.Println(dir, err)
	_, err = ParseDirection("up")
	fmt.Println(err)
	// Output:
	// rtl <nil>
	// direction must be "ltr" or "rtl", not "up"
}
