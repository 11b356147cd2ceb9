package words_test

import (
	"fmt"

	"github.com/unmaskdev/unmask/words"
)

// Decode gives each code point its class and script; Split cuts the runes
// into words. Hyphens separate words, so each is in one script.
func ExampleSplit() {
	text := []byte("HTTP-сервер frοm")
	runes := words.Decode(text, nil)
	for _, w := range words.Split(runes, nil) {
		fmt.Printf("%q letters=%d ascii=%v\n", text[w.Start:w.End], w.Letters, w.ASCII)
	}
	// Output:
	// "HTTP" letters=4 ascii=true
	// "сервер" letters=6 ascii=false
	// "frοm" letters=4 ascii=false
}
