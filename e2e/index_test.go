package e2e

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/unmaskdev/unmask/index"
)

// newsIndex builds an index of testdata/news-sample.jsonl in a temporary directory.
func newsIndex(t *testing.T) (*index.Index, []index.Doc) {
	t.Helper()
	f, err := os.Open("../testdata/news-sample.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []index.Doc
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var d struct{ ID, Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, index.Doc{ID: d.ID, Text: d.Text})
	}
	ix, err := index.Open(filepath.Join(t.TempDir(), "idx"), &index.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Add(docs); err != nil {
		t.Fatal(err)
	}
	return ix, docs
}
