package index

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/unmaskdev/unmask/fingerprint"
)

type article struct{ ID, Text string }

func loadArticles(t testing.TB) []Doc {
	fail := func(err error) {
		if t == nil {
			panic(err)
		}
		t.Fatal(err)
	}
	fh, err := os.Open("../fingerprint/testdata/bbc-sample.jsonl")
	if err != nil {
		fail(err)
	}
	defer fh.Close()
	var docs []Doc
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			fail(err)
		}
		docs = append(docs, Doc{ID: a.ID, Text: a.Text})
	}
	return docs
}

func disguise(s string) string {
	return strings.NewReplacer("a", "\u0430", "o", "\u03bf", "e", "\u0435", " t", " \u200bt").Replace(s)
}

const footer = "\n\nRead more great stories at FarmNews Daily. Subscribe today for free updates and win prizes every week."

func openTemp(t *testing.T, opt *Options) (*Index, string) {
	t.Helper()
	dir := t.TempDir()
	ix, err := Open(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix, dir
}

func TestAddQuery(t *testing.T) {
	docs := loadArticles(t)
	ix, _ := openTemp(t, nil)
	if _, err := ix.Add(docs); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		query     string
		want      string // first match; "" for none
		minSim    float64
		uncovered string // text that must be in an uncovered span
	}{
		{"exact", docs[0].Text, docs[0].ID, 1, ""},
		{"disguised", disguise(docs[1].Text), docs[1].ID, 1, ""},
		{"disguised with footer", disguise(docs[2].Text) + footer, docs[2].ID, 0.8, "FarmNews Daily"},
		{"first half with footer", docs[3].Text[:len(docs[3].Text)/2] + footer, docs[3].ID, 0.3, "Subscribe today"},
		{"unrelated", "The cat sat on the mat and looked at the quiet garden for a long while.", "", 0, ""},
		{"empty", "", "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Query(tt.query, QueryOptions{Spans: true})
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				if len(res.Matches) != 0 {
					t.Errorf("matches %+v, want none", res.Matches)
				}
				return
			}
			if len(res.Matches) == 0 || res.Matches[0].ID != tt.want {
				t.Fatalf("matches %+v, want %s first", res.Matches, tt.want)
			}
			m := res.Matches[0]
			if m.Similarity < tt.minSim || m.Estimate <= 0 {
				t.Errorf("similarity %v (estimate %v), want at least %v", m.Similarity, m.Estimate, tt.minSim)
			}
			var texts []string
			for _, s := range m.Uncovered {
				texts = append(texts, s.Text)
				if s.Line < 1 || s.EndLine < s.Line || s.Words < 1 {
					t.Errorf("bad span %+v", s)
				}
			}
			if tt.uncovered == "" && len(texts) > 0 {
				t.Errorf("uncovered %q, want none", texts)
			}
			if tt.uncovered != "" && !strings.Contains(strings.Join(texts, "|"), tt.uncovered) {
				t.Errorf("uncovered %q, want it to contain %q", texts, tt.uncovered)
			}
		})
	}
	if err := ix.Check(); err != nil {
		t.Error(err)
	}
}

func TestReplaceAndDelete(t *testing.T) {
	docs := loadArticles(t)
	ix, dir := openTemp(t, nil)
	if _, err := ix.Add(docs[:10]); err != nil {
		t.Fatal(err)
	}
	// Re-adding an ID replaces the document; the last of equal IDs in a batch wins.
	n, err := ix.Add([]Doc{{ID: docs[0].ID, Text: docs[15].Text}, {ID: docs[1].ID, Text: "x"}, {ID: docs[1].ID, Text: docs[16].Text}})
	if err != nil || n != 2 {
		t.Fatalf("Add = %d, %v; want 2 replaced", n, err)
	}
	if l, _ := ix.Len(); l != 10 {
		t.Errorf("Len = %d, want 10", l)
	}
	if res, _ := ix.Query(docs[0].Text, QueryOptions{}); len(res.Matches) != 0 {
		t.Errorf("replaced text still matches: %+v", res.Matches)
	}
	if res, _ := ix.Query(docs[16].Text, QueryOptions{}); len(res.Matches) != 1 || res.Matches[0].ID != docs[1].ID || res.Matches[0].Similarity != 1 {
		t.Errorf("new text of %s: %+v", docs[1].ID, res.Matches)
	}
	if err := ix.Check(); err != nil {
		t.Fatal(err)
	}
	if n, err := ix.Delete(docs[2].ID, "no such id"); n != 1 || err != nil {
		t.Errorf("Delete = %d, %v", n, err)
	}
	if ok, _ := ix.Has(docs[2].ID); ok {
		t.Error("deleted ID still there")
	}
	// An empty document is kept but never matches.
	if _, err := ix.Add([]Doc{{ID: "empty", Text: " ... "}}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Check(); err != nil {
		t.Fatal(err)
	}
	st, err := ix.Stats()
	if err != nil || st.Docs != 10 || st.BandKeys != 9*ix.Params().Bands || st.FileBytes == 0 {
		t.Errorf("Stats = %+v, %v", st, err)
	}
	ix.Close()
	// Reopened, everything is still there.
	ix2, err := Open(dir, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix2.Close()
	if err := ix2.Check(); err != nil {
		t.Fatal(err)
	}
	if res, _ := ix2.Query(docs[15].Text, QueryOptions{}); len(res.Matches) != 1 || res.Matches[0].ID != docs[0].ID {
		t.Errorf("after reopening: %+v", res.Matches)
	}
	if _, err := ix2.Add(docs[:1]); err == nil {
		t.Error("Add on a read-only index: no error")
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(dir+"/none", &Options{ReadOnly: true}); !errors.Is(err, ErrNoIndex) {
		t.Errorf("read-only open of nothing: %v, want ErrNoIndex", err)
	}
	p := fingerprint.Params{Shingle: 4, Bands: 16, Rows: 4, Seed: 1}
	ix, err := Open(dir, &Options{Params: &p})
	if err != nil {
		t.Fatal(err)
	}
	if ix.Params() != p {
		t.Errorf("Params = %+v", ix.Params())
	}
	// Locked by ix: a second writer times out with a clear error.
	if _, err := Open(dir, &Options{Timeout: 50e6}); err == nil || !strings.Contains(err.Error(), "locked") {
		t.Errorf("second open: %v, want locked", err)
	}
	ix.Close()
	other := fingerprint.DefaultParams()
	if _, err := Open(dir, &Options{Params: &other}); err == nil {
		t.Error("opening with other parameters: no error")
	}
	ix, err = Open(dir, nil) // nil keeps the stored parameters
	if err != nil || ix.Params() != p {
		t.Fatalf("reopen: %v, %+v", err, ix)
	}
	if _, err := ix.Add([]Doc{{ID: "", Text: "x"}}); err == nil {
		t.Error("empty ID: no error")
	}
	ix.Close()
	bad := fingerprint.Params{Shingle: 0, Bands: 1, Rows: 1}
	if _, err := Open(t.TempDir(), &Options{Params: &bad}); err == nil {
		t.Error("invalid parameters: no error")
	}
}

func TestRecordRoundTrip(t *testing.T) {
	fp := fingerprint.MustNew(fingerprint.DefaultParams())
	for _, text := range []string{"", "one", loadArticles(t)[0].Text} {
		e := Entry{ID: "id-" + text[:min(5, len(text))], Sketch: fp.Sketch(text), Bytes: len(text)}
		r, err := decodeRecord(encodeRecord(e), fp.Params().NumHashes())
		if err != nil {
			t.Fatal(err)
		}
		if r.id != e.ID || r.words != e.Sketch.Words || r.bytes != e.Bytes || !slices.Equal(r.sig, e.Sketch.Signature) || !slices.Equal(r.shingles, e.Sketch.Shingles) {
			t.Errorf("round trip of %q differs", e.ID)
		}
	}
}

func FuzzDecodeRecord(f *testing.F) {
	fp := fingerprint.MustNew(fingerprint.Params{Shingle: 2, Bands: 2, Rows: 2})
	f.Add(encodeRecord(Entry{ID: "a", Sketch: fp.Sketch("one two three four"), Bytes: 18}))
	f.Add([]byte{1, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := decodeRecord(b, 4)
		if err != nil {
			return
		}
		if !slices.IsSorted(r.shingles) && len(r.shingles) > 0 {
			// Gaps add up modulo 2^32; a valid encoder never wraps.
			return
		}
		again, err := decodeRecord(encodeRecord(Entry{ID: r.id, Sketch: fingerprint.Sketch{Signature: r.sig, Shingles: r.shingles, Words: r.words}, Bytes: r.bytes}), 4)
		if err != nil || again.id != r.id || !slices.Equal(again.shingles, r.shingles) {
			t.Fatalf("re-encoding changes the record: %v", err)
		}
	})
}

func BenchmarkQuery(b *testing.B) {
	docs := loadArticles(b)
	dir := b.TempDir()
	ix, err := Open(dir, &Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	var all []Doc
	for i := 0; i < 50; i++ {
		for _, d := range docs {
			all = append(all, Doc{ID: fmt.Sprintf("%s/%d", d.ID, i), Text: d.Text[:len(d.Text)*(50+i)/100]})
		}
	}
	if _, err := ix.Add(all); err != nil {
		b.Fatal(err)
	}
	q := disguise(docs[3].Text) + footer
	for b.Loop() {
		if _, err := ix.Query(q, QueryOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
