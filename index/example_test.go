package index_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/unmaskdev/unmask/index"
)

// Index an article, then ask where a disguised copy of it comes from:
// Greek omicrons for "o", an invisible character, a sentence cut.
func ExampleIndex_Query() {
	dir, err := os.MkdirTemp("", "index-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	ix, err := index.Open(dir, nil)
	if err != nil {
		panic(err)
	}
	defer ix.Close()

	article := "Quarterly profits at the US media giant jumped as the company reported higher " +
		"advertising sales, helped by strong demand for its online services and a broadband " +
		"push that won new customers across the country during the busy holiday season. " +
		"The firm said it expects growth to continue next year."
	if _, err := ix.Add([]index.Doc{{ID: "reuters-2018-11", Text: article}}); err != nil {
		panic(err)
	}
	copied := strings.ReplaceAll(strings.TrimSuffix(article, " The firm said it expects growth to continue next year."), "o", "\u03bf")
	copied = strings.Replace(copied, "media", "me\u200bdia", 1)
	res, err := ix.Query(copied, index.QueryOptions{})
	if err != nil {
		panic(err)
	}
	for _, m := range res.Matches {
		fmt.Printf("%s: similarity %.2f, containment %.2f, coverage %.2f\n", m.ID, m.Similarity, m.Containment, m.Coverage)
	}
	// The copy lies wholly inside the original (containment 1); the
	// original's last sentence was not copied (coverage below 1).

	// Output: reuters-2018-11: similarity 0.79, containment 1.00, coverage 0.79
}
