package lexicon_test

import (
	"fmt"

	"github.com/unmaskdev/unmask/lexicon"
)

// Has knows the inflected forms of a word through the dictionary's affix
// rules, and no lookalike spelling of it.
func ExampleLexicon_Has() {
	ru := lexicon.Get("ru")
	fmt.Println(ru.Has("серверами"), ru.Has("сервeрами")) // the second has a Latin e
	en := lexicon.Get("en")
	fmt.Println(en.Has("Commanders"), en.Has("cοmmanders")) // Greek ο
	// Output:
	// true false
	// true false
}
