package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Doc is one document of a corpus.
type Doc struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// LoadNews reads a JSONL news corpus, one {"id","title","text"} object a
// line (blank lines skipped). A document is its title, a blank line and its
// text, as an article reads.
func LoadNews(path string) ([]Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadNews(f, path)
}

// ReadNews is LoadNews for a reader; name prefixes error messages.
func ReadNews(r io.Reader, path string) ([]Doc, error) {
	var docs []Doc
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 64<<20)
	for line := 1; sc.Scan(); line++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var rec struct {
			ID    string  `json:"id"`
			Title string  `json:"title"`
			Text  *string `json:"text"`
		}
		if err := json.Unmarshal(b, &rec); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, line, err)
		}
		if rec.Text == nil {
			return nil, fmt.Errorf("%s:%d: no \"text\" field", path, line)
		}
		if rec.ID == "" {
			rec.ID = fmt.Sprintf("line %d", line)
		}
		text := *rec.Text
		if rec.Title != "" {
			text = rec.Title + "\n\n" + text
		}
		docs = append(docs, Doc{ID: rec.ID, Text: text})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("%s: no documents", path)
	}
	return docs, nil
}

// LoadUDHR reads every *.txt file of a folder of UDHR translations, in name
// order; a document's ID is its file name without .txt ("rus", "srp_cyrl").
func LoadUDHR(dir string) ([]Doc, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no .txt files", dir)
	}
	slices.Sort(names)
	docs := make([]Doc, 0, len(names))
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		docs = append(docs, Doc{ID: strings.TrimSuffix(filepath.Base(n), ".txt"), Text: string(b)})
	}
	return docs, nil
}

// CyrillicCodes are the UDHR files LatinInCyrillic disguises.
var CyrillicCodes = []string{"rus", "ukr", "bul"}

// Chunks splits the documents named by codes into pieces of whole lines of
// at least minBytes (the last piece of a document may be shorter), so a few
// long texts give many documents. IDs are "rus:3".
func Chunks(docs []Doc, codes []string, minBytes int) []Doc {
	var out []Doc
	for _, d := range docs {
		if !slices.Contains(codes, d.ID) {
			continue
		}
		var b strings.Builder
		n := 0
		flush := func() {
			if strings.TrimSpace(b.String()) != "" {
				out = append(out, Doc{ID: fmt.Sprintf("%s:%d", d.ID, n), Text: b.String()})
				n++
			}
			b.Reset()
		}
		for _, line := range strings.SplitAfter(d.Text, "\n") {
			b.WriteString(line)
			if b.Len() >= minBytes {
				flush()
			}
		}
		flush()
	}
	return out
}

// Seed is the project's seed case: a disguised article and its restoration.
type Seed struct {
	Name      string `json:"name"`
	Disguised string `json:"-"`
	Restored  string `json:"-"`
}

// LoadSeed reads path and, beside it, the same name with .restored.txt for .txt.
func LoadSeed(path string) (*Seed, error) {
	if !strings.HasSuffix(path, ".txt") {
		return nil, errors.New("seed file name must end in .txt (its restoration is NAME.restored.txt)")
	}
	a, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(strings.TrimSuffix(path, ".txt") + ".restored.txt")
	if err != nil {
		return nil, err
	}
	return &Seed{Name: filepath.Base(path), Disguised: string(a), Restored: string(b)}, nil
}
