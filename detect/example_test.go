package detect_test

import (
	"fmt"
	"strings"

	"github.com/unmaskdev/unmask/detect"
)

// Scan finds each disguised character, says what it imitates and what to
// do with it, and gives the document a verdict.
func ExampleScan() {
	rep := detect.Scan([]byte("Frοm the c\u200bommander"))
	for _, f := range rep.Findings {
		fmt.Printf("%d:%d %s %s %q in %q: %s\n", f.Line, f.Col, f.Kind, f.Code, f.Imitates, f.Word, f.Action)
	}
	fmt.Println(rep.Verdict, rep.Counts)
	// Output:
	// 1:3 lookalike U+03BF "o" in "Frοm": replace
	// 1:11 invisible U+200B "" in "c\u200bommander": remove
	// disguised map[invisible:1 lookalike:1]
}

// Clean text in any script gets a clean verdict and no finding.
func ExampleScan_clean() {
	rep := detect.Scan([]byte("Запустите HTTP-сервер, затем ФАЙЛ_WAL."))
	fmt.Println(rep.Verdict, len(rep.Findings))
	// Output:
	// clean 0
}

// Tag characters that smuggle hidden text are decoded into Report.Hidden.
func ExampleReport_hidden() {
	rep := detect.Scan([]byte("hello\U000E0068\U000E0069"))
	fmt.Println(rep.Verdict, rep.Hidden)
	// Output:
	// disguised [hi]
}

// ScanReader reads a stream of any size chunk by chunk.
func ExampleScanReader() {
	n := 0
	sum, err := detect.ScanReader(strings.NewReader("a gοod\nsecond lіne\n"), func(f detect.Finding) { n++ })
	fmt.Println(n, sum.Verdict, err)
	// Output:
	// 2 disguised <nil>
}
