package e2e

import (
	"testing"

	"github.com/unmaskdev/unmask/index"
	"github.com/unmaskdev/unmask/internal/newssample"
)

// newsIndex builds an index of testdata/news-sample.jsonl in a temporary directory.
func newsIndex(t *testing.T) (*index.Index, []index.Doc) {
	return newssample.Index(t, "../testdata/news-sample.jsonl")
}
