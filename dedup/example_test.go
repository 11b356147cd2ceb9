package dedup_test

import (
	"fmt"
	"strings"

	"github.com/unmaskdev/unmask/dedup"
	"github.com/unmaskdev/unmask/fingerprint"
)

// Three texts: an article, the same article with Greek omicrons for "o"
// and a word dropped, and an unrelated one. The disguised copy joins the
// original's cluster; the first of a cluster is the one kept.
func ExampleCluster() {
	fp, err := fingerprint.New(fingerprint.DefaultParams())
	if err != nil {
		panic(err)
	}
	article := "Quarterly profits at the US media giant jumped as the company reported higher " +
		"advertising sales, helped by strong demand for its online services and a broadband " +
		"push that won new customers across the country during the busy holiday season"
	copied := strings.ReplaceAll(strings.Replace(article, "busy ", "", 1), "o", "\u03bf")
	other := "The national football team won the cup after a late goal in extra time, and " +
		"thousands of fans celebrated in the streets of the capital until the early morning"
	items := []dedup.Item{dedup.NewItem(fp, article), dedup.NewItem(fp, copied), dedup.NewItem(fp, other)}
	assign, _ := dedup.Cluster(items, dedup.Options{})
	for i, a := range assign {
		fmt.Println(i, a.Cluster, a.Kept)
	}
	// Output:
	// 0 0 true
	// 1 0 false
	// 2 1 true
}
