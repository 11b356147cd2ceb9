package ucd_test

import (
	"fmt"

	"github.com/unmaskdev/unmask/ucd"
)

// The tables answer per code point, for Unicode 17.0.0.
func Example() {
	r := 'ο'
	proto, _ := ucd.Prototype(r)
	fmt.Println(ucd.UnicodeVersion, ucd.Name(r), ucd.ScriptOf(r), proto)
	plain, style := ucd.Styled('𝐟')
	fmt.Println(string(plain), style != ucd.StyleNone)
	// Output:
	// 17.0.0 GREEK SMALL LETTER OMICRON Greek o
	// f true
}
