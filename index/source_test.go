package index

import (
	"reflect"
	"testing"
)

// Candidates gathered from the documents (as the Beam pipeline gathers
// them by joins) answer every query exactly as the index does, full
// buckets and common shingles included.
func TestCandidatesQueryAsIndex(t *testing.T) {
	docs := loadArticles(t)
	if len(docs) > 150 {
		docs = docs[:150]
	}
	// A text added MaxBucket+5 times fills its buckets; a footer shared by
	// many makes its sampled shingles common.
	for i := 0; i < MaxBucket+5; i++ {
		docs = append(docs, Doc{ID: "rep" + string(rune('a'+i%26)) + string(rune('a'+i/26)), Text: docs[0].Text + footer})
	}
	ix, _ := openTemp(t, nil)
	entries := Sketch(ix.Fingerprinter(), docs)
	if _, err := ix.AddSketches(entries); err != nil {
		t.Fatal(err)
	}
	fp := ix.Fingerprinter()
	queries := []string{disguise(docs[3].Text), docs[7].Text[:len(docs[7].Text)/3] + footer, footer, docs[0].Text, "no such words here at all"}
	for i := 10; i < 150; i += 7 {
		queries = append(queries, disguise(docs[i].Text[len(docs[i].Text)/4:]))
	}
	// Every bucket and posting the query may read, with every
	// document in it: numbers are 1-based insertion order, like
	// the index's, but spread out (any increasing numbering works).
	c := NewCandidates(fp)
	num := func(i int) uint64 { return uint64(i)*1000 + 7 }
	buckets := map[uint64][]uint64{}
	posts := map[uint32][]uint64{}
	for i, e := range entries {
		if len(e.Sketch.Shingles) == 0 {
			continue
		}
		for b, h := range fp.AppendBandKeys(nil, e.Sketch.Signature) {
			buckets[Bucket(b, h)] = append(buckets[Bucket(b, h)], num(i))
		}
		for _, s := range e.Sketch.Shingles {
			if Sampled(s) {
				posts[s] = append(posts[s], num(i))
			}
		}
		c.AddDoc(num(i), e)
	}
	for b, nums := range buckets {
		c.AddBucket(b, nums[:min(len(nums), MaxBucket)], len(nums) > MaxBucket)
	}
	for s, nums := range posts {
		c.AddPostings(s, nums, len(nums) > MaxPostings)
	}
	matched := 0
	for _, opt := range []QueryOptions{{}, {Excerpts: ExcerptsAlways, MaxVerify: -1, Limit: 3}, {MinContainment: -1}} {
		for qi, q := range queries {
			sk := fp.Sketch(q)
			want, err := ix.QuerySketch(sk, opt)
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.Query(sk, opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Matches) > 0 {
				matched++
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("query %d %+v:\ngot  %+v\nwant %+v", qi, opt, got, want)
			}
		}
	}
	if matched < len(queries) {
		t.Errorf("%d queries of %d matched: the test would not notice a wrong source", matched, 3*len(queries))
	}
}
