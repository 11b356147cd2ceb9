package corpus_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/unmaskdev/unmask/corpus"
)

// A JSON Lines corpus with a malformed line in the middle: the bad line is
// reported with its line number and reading goes on, so no document after
// it is lost.
func ExampleNewReader() {
	in := `{"id":"a","text":"first"}
not json
{"id":"b","text":"second"}
`
	r, err := corpus.NewReader(strings.NewReader(in), "news.jsonl", corpus.Options{})
	if err != nil {
		panic(err)
	}
	for {
		doc, err := r.Next()
		if err == io.EOF {
			break
		}
		var bad *corpus.LineError
		if errors.As(err, &bad) {
			fmt.Println("skipped line", bad.Line)
			continue
		}
		if err != nil {
			panic(err)
		}
		fmt.Println(doc.Line, doc.ID, doc.Text)
	}
	// Output:
	// 1 a first
	// skipped line 2
	// 3 b second
}
