package wordlist_test

import (
	"fmt"

	"github.com/unmaskdev/unmask/wordlist"
)

// English says whether a word is in the embedded English word list.
func ExampleEnglish() {
	fmt.Println(wordlist.English("commander"), wordlist.English("cοmmander"))
	// Output:
	// true false
}
