package e2e

import (
	"testing"

	"github.com/unmaskdev/unmask/index"
	"github.com/unmaskdev/unmask/internal/newsindex"
)

// newsIndex builds an index of testdata/news-sample.jsonl in a temporary directory.
func newsIndex(t *testing.T) (*index.Index, []index.Doc) {
	return newsindex.Build(t, "../testdata/news-sample.jsonl")
}
