// Package newssample loads, for tests, a JSON Lines sample of news articles
// ({"id","text"} records, such as testdata/news-sample.jsonl) and indexes it.
package newssample

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/unmaskdev/unmask/index"
)

// Load reads the JSONL file at path ({"id","text"} records).
func Load(t testing.TB, path string) []index.Doc {
	t.Helper()
	f, err := os.Open(path)
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
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return docs
}

// Index loads the file at path and indexes it in a temporary directory that
// is removed after the test.
func Index(t testing.TB, path string) (*index.Index, []index.Doc) {
	t.Helper()
	docs := Load(t, path)
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
