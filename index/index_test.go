package index

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
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

func openTemp(t testing.TB, opt *Options) (*Index, string) {
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

// A Bulk fed in several calls equals Add of all the documents at once: a
// document replaced within the transaction (added by an earlier call) or
// stored before it leaves nothing behind; a rolled-back Bulk changes
// nothing; a failed Add forbids the commit.
func TestBulk(t *testing.T) {
	docs := loadArticles(t)
	ix, _ := openTemp(t, nil)
	if _, err := ix.Add(docs[:5]); err != nil {
		t.Fatal(err)
	}
	fp := ix.Fingerprinter()
	b, err := ix.Bulk()
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		docs     []Doc
		replaced int
	}{
		{docs[5:12], 0},
		{[]Doc{{ID: docs[6].ID, Text: docs[17].Text}}, 1},                             // added by the call before
		{[]Doc{{ID: docs[1].ID, Text: docs[18].Text}, {ID: "new", Text: "x y z"}}, 1}, // stored before the Bulk
		{[]Doc{{ID: docs[6].ID, Text: docs[19].Text}}, 1},                             // again
	}
	for i, st := range steps {
		if n, err := b.Add(Sketch(fp, st.docs)); err != nil || n != st.replaced {
			t.Fatalf("step %d: Add = %d, %v; want %d replaced", i, n, err, st.replaced)
		}
	}
	// Queries meanwhile see the index as it was.
	if res, _ := ix.Query(docs[8].Text, QueryOptions{}); len(res.Matches) != 0 {
		t.Errorf("uncommitted document found: %+v", res.Matches)
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := ix.Check(); err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Len(); n != 13 {
		t.Errorf("Len = %d, want 13", n)
	}
	for _, c := range []struct{ text, id string }{{docs[19].Text, docs[6].ID}, {docs[18].Text, docs[1].ID}, {docs[8].Text, docs[8].ID}} {
		if res, _ := ix.Query(c.text, QueryOptions{}); len(res.Matches) != 1 || res.Matches[0].ID != c.id || res.Matches[0].Similarity != 1 {
			t.Errorf("text of %s: %+v", c.id, res.Matches)
		}
	}
	for _, old := range []string{docs[6].Text, docs[17].Text, docs[1].Text} {
		if res, _ := ix.Query(old, QueryOptions{}); len(res.Matches) != 0 {
			t.Errorf("replaced text still matches: %+v", res.Matches)
		}
	}

	// Rolled back: nothing changes.
	b, _ = ix.Bulk()
	b.Add(Sketch(fp, docs[12:]))
	if err := b.Rollback(); err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Len(); n != 13 {
		t.Errorf("after rollback: Len = %d, want 13", n)
	}
	// A refused document fails the transaction.
	b, _ = ix.Bulk()
	b.Add(Sketch(fp, docs[12:14]))
	if _, err := b.Add([]Entry{{ID: ""}}); err == nil {
		t.Error("entry without ID or signature accepted")
	}
	if err := b.Commit(); err == nil {
		t.Error("Commit after a failed Add: no error")
	}
	if n, _ := ix.Len(); n != 13 {
		t.Errorf("after a failed Add: Len = %d, want 13", n)
	}
	// The write lock is free again.
	if _, err := ix.Add(docs[12:]); err != nil {
		t.Fatal(err)
	}
	if err := ix.Check(); err != nil {
		t.Fatal(err)
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
	f.Add([]byte{2, 0})
	f.Add([]byte{2, 1, 'x', 0, 0, 1, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 9, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := decodeRecord(b, 4)
		if err != nil {
			return
		}
		again, err := decodeRecord(encodeRecord(Entry{ID: r.id, Sketch: fingerprint.Sketch{Signature: r.sig, Shingles: r.shingles, Words: r.words}, Bytes: r.bytes}), 4)
		if err != nil || again.id != r.id || again.words != r.words || again.bytes != r.bytes ||
			!slices.Equal(again.sig, r.sig) || !slices.Equal(again.shingles, r.shingles) {
			t.Fatalf("re-encoding changes the record: %v", err)
		}
		// The in-place set operations agree with the fingerprint package's.
		v, _ := parseRecord(b, 4)
		if slices.IsSorted(r.shingles) && len(slices.Compact(slices.Clone(r.shingles))) == len(r.shingles) {
			q := []uint32{0, 7, 1 << 20, math.MaxUint32}
			if len(r.shingles) > 0 {
				q = slices.Compact(slices.Sorted(slices.Values(append(q, r.shingles[len(r.shingles)/2]))))
			}
			if got, want := v.intersect(q), fingerprint.Intersection(q, r.shingles); got != want {
				t.Fatalf("intersect = %d, want %d", got, want)
			}
		}
		if got, want := v.estimate(fingerprint.Signature{1, 2, 3, 4}), fingerprint.Estimate(fingerprint.Signature{1, 2, 3, 4}, r.sig); got != want {
			t.Fatalf("estimate = %v, want %v", got, want)
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

// intersect must agree with fingerprint.Intersection on both of its paths
// (merge, and binary search when the query is much smaller).
func TestIntersect(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	set := func(n int, from []uint32, share float64) []uint32 {
		var s []uint32
		for i := 0; i < n; i++ {
			if len(from) > 0 && rng.Float64() < share {
				s = append(s, from[rng.IntN(len(from))])
			} else {
				s = append(s, rng.Uint32N(1<<20))
			}
		}
		return slices.Compact(slices.Sorted(slices.Values(s)))
	}
	for _, sizes := range [][2]int{{0, 10}, {10, 0}, {1, 1}, {5, 400}, {20, 2000}, {400, 400}, {400, 30}, {3000, 2}} {
		stored := set(sizes[1], nil, 0)
		q := set(sizes[0], stored, 0.5)
		e := Entry{ID: "x", Sketch: fingerprint.Sketch{Signature: make(fingerprint.Signature, 4), Shingles: stored}}
		v, err := parseRecord(encodeRecord(e), 4)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := v.intersect(q), fingerprint.Intersection(q, stored); got != want {
			t.Errorf("sizes %v: intersect = %d, want %d", sizes, got, want)
		}
	}
}

// Verifying only the best candidates by estimate must find what verifying
// all of them finds, on an index where every query has many candidates.
func TestMaxVerify(t *testing.T) {
	docs := loadArticles(t)
	ix, _ := openTemp(t, &Options{NoSync: true})
	var all []Doc
	for i := 0; i < 30; i++ {
		for _, d := range docs {
			all = append(all, Doc{ID: fmt.Sprintf("%s/%02d", d.ID, i), Text: d.Text[:len(d.Text)*(40+2*i)/100]})
		}
	}
	if _, err := ix.Add(all); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		q := disguise(d.Text) + footer
		all, err := ix.Query(q, QueryOptions{MaxVerify: -1, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		best, err := ix.Query(q, QueryOptions{Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		if best.Verified > DefaultMaxVerify || all.Verified < 30 {
			t.Errorf("%s: verified %d with the default, %d with all; want ≤ %d and ≥ 30", d.ID, best.Verified, all.Verified, DefaultMaxVerify)
		}
		if len(all.Matches) != 5 || len(best.Matches) != 5 || all.Matches[0].ID != best.Matches[0].ID {
			t.Errorf("%s: first match %v with all verified, %v with the best %d", d.ID, all.Matches, best.Matches, DefaultMaxVerify)
		}
	}
}

func TestLowestEstimate(t *testing.T) {
	// A query of 100 shingles and a document of 1000 holding all of it:
	// Jaccard 0.1, containment 1, so a 0.5 containment needs J ≈ 0.047.
	if got := lowestEstimate(100, 1000, 0.2, 0.5, 128); got >= 0.047 {
		t.Errorf("lowestEstimate(containment) = %v, want below 0.047", got)
	}
	if got := lowestEstimate(100, 100, 0.2, 2, 128); got > 0.2-0.1 || got < 0.05 {
		t.Errorf("lowestEstimate(similarity 0.2) = %v, want about 0.2 minus 3 sd", got)
	}
	if got := lowestEstimate(100, 10, 2, 0.5, 128); !math.IsInf(got, 1) {
		t.Errorf("no match possible: %v, want +Inf", got)
	}
}

// A short excerpt is found through the sampled shingles where LSH cannot
// find it, and a phrase shared by more than MaxPostings documents makes no
// candidates.
func TestExcerpts(t *testing.T) {
	docs := loadArticles(t)
	// 4 bands of 8 rows: LSH finds only pairs of Jaccard similarity near
	// 0.84 or more, never an excerpt of a fifth of an article (about 0.2).
	p := fingerprint.Params{Shingle: 3, Bands: 4, Rows: 8, Seed: 1}
	ix, _ := openTemp(t, &Options{NoSync: true, Params: &p})
	rng := rand.New(rand.NewPCG(5, 6))
	// The farm pages share a phrase with each other and with the query.
	phrase := "Read more great stories at FarmNews Daily, the home of the news that matters to you."
	words := func(n int) string {
		var b strings.Builder
		for j := 0; j < n; j++ {
			fmt.Fprintf(&b, "w%d ", rng.IntN(1<<20))
		}
		return b.String()
	}
	all := slices.Clone(docs)
	for i := 0; i < MaxPostings+6; i++ {
		all = append(all, Doc{ID: fmt.Sprintf("farm/%03d", i), Text: words(40) + "\n\n" + phrase})
	}
	if _, err := ix.Add(all); err != nil {
		t.Fatal(err)
	}
	text := strings.Fields(docs[3].Text)
	excerpt := strings.Join(text[len(text)/3:len(text)/3+len(text)/5], " ")
	q := disguise(excerpt) + "\n\n" + phrase + " " + words(10)
	off, err := ix.Query(q, QueryOptions{Excerpts: ExcerptsOff})
	if err != nil {
		t.Fatal(err)
	}
	if off.ExcerptCandidates != -1 || len(off.Matches) != 0 {
		t.Errorf("ExcerptsOff: %d excerpt candidates, matches %+v; want none", off.ExcerptCandidates, off.Matches)
	}
	for _, mode := range []ExcerptMode{ExcerptsAuto, ExcerptsAlways} {
		res, err := ix.Query(q, QueryOptions{Excerpts: mode, Spans: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Matches) == 0 || res.Matches[0].ID != docs[3].ID || res.Matches[0].Coverage > 0.3 {
			t.Fatalf("mode %d: matches %+v, want %s first, covering little of it", mode, res.Matches, docs[3].ID)
		}
		if res.ExcerptCandidates < 1 || res.ExcerptCandidates > 3 {
			t.Errorf("mode %d: %d excerpt candidates; the farm pages share only a common phrase", mode, res.ExcerptCandidates)
		}
		if u := res.Matches[0].Uncovered; len(u) != 1 || !strings.Contains(u[0].Text, "FarmNews") {
			t.Errorf("mode %d: uncovered %+v, want the footer only", mode, u)
		}
	}
	// A whole copy is found by LSH: Auto does not look further.
	if res, _ := ix.Query(disguise(docs[4].Text), QueryOptions{}); res.ExcerptCandidates != -1 || len(res.Matches) == 0 || res.Matches[0].ID != docs[4].ID {
		t.Errorf("whole copy: %+v", res)
	}
	if err := ix.Check(); err != nil {
		t.Error(err)
	}
	if n, err := ix.Delete(docs[3].ID); n != 1 || err != nil {
		t.Fatalf("Delete: %d, %v", n, err)
	}
	if err := ix.Check(); err != nil {
		t.Errorf("after Delete: %v", err)
	}
	if res, _ := ix.Query(q, QueryOptions{Excerpts: ExcerptsAlways}); len(res.Matches) > 0 && res.Matches[0].ID == docs[3].ID {
		t.Errorf("deleted document still found: %+v", res.Matches)
	}
}

// A text indexed more than MaxBucket times fills its LSH buckets; it must
// still be found, from the first MaxBucket documents of a full bucket.
func TestFullBuckets(t *testing.T) {
	docs := loadArticles(t)
	ix, _ := openTemp(t, &Options{NoSync: true})
	all := slices.Clone(docs[1:])
	for i := 0; i < MaxBucket+10; i++ {
		all = append(all, Doc{ID: fmt.Sprintf("syndicated/%03d", i), Text: docs[0].Text})
	}
	if _, err := ix.Add(all); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Query(disguise(docs[0].Text), QueryOptions{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Matches) != 3 || res.Matches[0].Similarity != 1 || !strings.HasPrefix(res.Matches[0].ID, "syndicated/") {
		t.Errorf("matches %+v, want three syndicated copies", res.Matches)
	}
	if res.Candidates != MaxBucket {
		t.Errorf("%d candidates, want the first %d of the full buckets", res.Candidates, MaxBucket)
	}
	// Another article is found through its own small buckets.
	if res, _ := ix.Query(disguise(docs[5].Text), QueryOptions{}); len(res.Matches) == 0 || res.Matches[0].ID != docs[5].ID || res.Candidates > 5 {
		t.Errorf("other article: %d candidates, matches %+v", res.Candidates, res.Matches)
	}
}

// benchEntries sketches n documents: the sample articles repeated, each copy
// with its own ID and first sentence (so band keys differ).
func benchEntries(b *testing.B, ix *Index, n int) []Entry {
	arts := loadArticles(b)
	docs := make([]Doc, n)
	for i := range docs {
		a := arts[i%len(arts)]
		docs[i] = Doc{ID: fmt.Sprintf("%s/%d", a.ID, i), Text: fmt.Sprintf("Copy %d of %d. %s", i, i/len(arts), a.Text)}
	}
	return Sketch(ix.Fingerprinter(), docs)
}

// BenchmarkAddBulk times one AddSketches of 20,000 fingerprinted documents
// into an empty index, fsync included: the write path of a bulk build.
func BenchmarkAddBulk(b *testing.B) {
	const n = 20000
	ix0, _ := openTemp(b, nil)
	entries := benchEntries(b, ix0, n)
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		ix, _ := openTemp(b, nil)
		b.StartTimer()
		if _, err := ix.AddSketches(entries); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		ix.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkAddBatch times adding a batch of 2,000 documents to an index
// holding 20,000: an incremental add.
func BenchmarkAddBatch(b *testing.B) {
	const n, batch = 20000, 2000
	ix, _ := openTemp(b, nil)
	entries := benchEntries(b, ix, n+batch)
	if _, err := ix.AddSketches(entries[:n]); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		// The same IDs each time: from the second on, a batch replaces.
		if _, err := ix.AddSketches(entries[n:]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(batch*b.N)/b.Elapsed().Seconds(), "docs/s")
}
