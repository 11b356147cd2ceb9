package restore_test

import (
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/text/transform"

	"github.com/unmaskdev/unmask/restore"
)

// String gives back the text a reader sees.
func ExampleString() {
	fmt.Println(restore.String("The fοx jumped οver the 𝐥𝐚𝐳𝐲 d\u200bog."))
	// Output:
	// The fox jumped over the lazy dog.
}

// Legitimate text in other scripts is left as it is.
func ExampleString_clean() {
	fmt.Println(restore.String("HTTP-сервер и Ελληνικά"))
	// Output:
	// HTTP-сервер и Ελληνικά
}

// NewReader restores a stream; memory stays flat on any input size.
func ExampleNewReader() {
	r := restore.NewReader(strings.NewReader("Frοm the cοmmander's spοt\n"))
	io.Copy(os.Stdout, r)
	// Output:
	// From the commander's spot
}

// New is a transform.Transformer, so it chains with others.
func ExampleNew() {
	s, _, _ := transform.String(restore.New(), "ｆｕｌｌｗｉｄｔｈ wοrds")
	fmt.Println(s)
	// Output:
	// fullwidth words
}
