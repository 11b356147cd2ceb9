// Package dedup clusters near-duplicate documents.
//
// Items carry what clustering needs of a document (its LSH band keys and
// shingle set, see NewItem), not the document itself. Cluster finds
// candidate pairs with LSH, one band at a time by sorting (key, item) pairs,
// verifies each candidate pair with the exact Jaccard similarity (or
// containment) of the shingle sets, and joins verified pairs with
// union-find; clusters are the connected components.
//
// Invariants:
//   - Cluster returns exactly one Assignment per item, in item order.
//   - Clusters are numbered 0, 1, … in the order of their first item.
//   - Each cluster has exactly one kept item.
//   - An item without shingles (no words) or marked Skip is a cluster by
//     itself, and kept.
//   - The result depends only on the items and options, not on timing.
//
// Memory: the items (4 bytes per shingle plus 8 per band: with the default
// parameters about 1.2 KB of shingles and 0.5 KB of band keys for a 2.3 KB
// news article), 16 bytes per item for the band being sorted, 8 per item
// for union-find, and a map entry per rejected candidate pair.
package dedup

import (
	"slices"

	"github.com/unmaskdev/unmask/fingerprint"
)

// Keep chooses each cluster's representative.
type Keep string

const (
	KeepFirst    Keep = "first"    // the first in input order
	KeepLongest  Keep = "longest"  // the most words (the first of equals)
	KeepCleanest Keep = "cleanest" // the fewest disguise findings (the first of equals)
)

// Defaults chosen from the evaluation (see fingerprint/doc.go and
// traceeval/README.md). They join versions of one story, not only copies:
// two BBC articles with Jaccard 0.97 end in one cluster. Scored against a
// truth that counts only byte-identical texts as duplicates, that is a
// false positive (pairwise F1 0.9732 on the BBC originals with their
// disguised copies); against one that also joins originals at Jaccard 0.5,
// F1 is 0.9993.
const (
	DefaultMinSimilarity  = 0.5
	DefaultMinContainment = 0.9
)

// Options tune Cluster.
type Options struct {
	// Two items are near-duplicates when the Jaccard similarity of their
	// shingle sets is at least MinSimilarity, or when the smaller set lies
	// at least MinContainment inside the larger. Zero values mean the defaults; a negative MinContainment
	// switches that test off. Both tests
	// apply to LSH candidates only, pairs whose Jaccard similarity is
	// near the LSH threshold or above: containment does not find a short
	// excerpt of a long document.
	MinSimilarity  float64
	MinContainment float64
	Keep           Keep // default KeepFirst
	// MaxBucket bounds the pairs tried in one LSH bucket: a bucket with
	// more items compares each with only the bucket's first MaxBucket
	// items. 0 means 1000.
	MaxBucket int
}

// DefaultMaxBucket is Options.MaxBucket's default.
const DefaultMaxBucket = 1000

// WithDefaults returns opt with its zero values replaced by the defaults.
func (opt Options) WithDefaults() Options {
	if opt.MinSimilarity == 0 {
		opt.MinSimilarity = DefaultMinSimilarity
	}
	if opt.MinContainment == 0 {
		opt.MinContainment = DefaultMinContainment
	}
	if opt.MaxBucket == 0 {
		opt.MaxBucket = DefaultMaxBucket
	}
	if opt.Keep == "" {
		opt.Keep = KeepFirst
	}
	return opt
}

// Candidate reports whether the items at positions i < j of one LSH
// bucket (in input order) are a candidate pair: j is compared with the
// bucket's first maxBucket items only, so a giant bucket (boilerplate
// shared by many pages) costs maxBucket comparisons per item, not one per
// pair.
func Candidate(i, j, maxBucket int) bool { return i < j && i < maxBucket }

// Item is one document as Cluster sees it.
type Item struct {
	Bands    []uint64 // LSH band keys (Fingerprinter.AppendBandKeys)
	Shingles []uint32 // sorted shingle set
	Len      int      // folded words, for KeepLongest
	Findings int      // disguise findings, for KeepCleanest
	Skip     bool     // not a document (a malformed record): a cluster by itself
}

// NewItem fingerprints text into an Item.
func NewItem(fp *fingerprint.Fingerprinter, text string) Item {
	sk := fp.Sketch(text)
	return Item{Bands: fp.AppendBandKeys(nil, sk.Signature), Shingles: sk.Shingles, Len: sk.Words}
}

// Assignment is the clustering of one item.
type Assignment struct {
	Cluster int  `json:"cluster"`
	Kept    bool `json:"kept"`
}

// Stats count what Cluster did.
type Stats struct {
	Clusters   int // clusters, singletons included
	Duplicates int // items not kept
	Compared   int // candidate pairs verified
	Joined     int // verified pairs that joined two clusters
}

// Cluster groups items into near-duplicate clusters.
func Cluster(items []Item, opt Options) ([]Assignment, Stats) {
	opt = opt.WithDefaults()
	var st Stats
	uf := newUnionFind(len(items))
	rejected := map[[2]int32]bool{}
	bands := 0
	for _, it := range items {
		bands = max(bands, len(it.Bands))
	}
	type entry struct {
		key uint64
		idx int32
	}
	entries := make([]entry, 0, len(items))
	for b := 0; b < bands; b++ {
		entries = entries[:0]
		for i, it := range items {
			if !it.Skip && len(it.Shingles) > 0 && b < len(it.Bands) {
				entries = append(entries, entry{it.Bands[b], int32(i)})
			}
		}
		slices.SortFunc(entries, func(x, y entry) int {
			if x.key != y.key {
				if x.key < y.key {
					return -1
				}
				return 1
			}
			return int(x.idx - y.idx)
		})
		for lo := 0; lo < len(entries); {
			hi := lo + 1
			for hi < len(entries) && entries[hi].key == entries[lo].key {
				hi++
			}
			bucket := entries[lo:hi]
			for j := 1; j < len(bucket); j++ {
				for i := 0; Candidate(i, j, opt.MaxBucket); i++ {
					a, c := bucket[i].idx, bucket[j].idx
					if uf.find(a) == uf.find(c) || rejected[[2]int32{a, c}] {
						continue
					}
					st.Compared++
					if Near(items[a].Shingles, items[c].Shingles, opt) {
						uf.union(a, c)
						st.Joined++
					} else {
						rejected[[2]int32{a, c}] = true
					}
				}
			}
			lo = hi
		}
	}
	// Number clusters by first item; pick representatives.
	out := make([]Assignment, len(items))
	clusterOf := make(map[int32]int)
	rep := []int{}
	for i := range items {
		root := uf.find(int32(i))
		c, ok := clusterOf[root]
		if !ok {
			c = len(rep)
			clusterOf[root] = c
			rep = append(rep, i)
		} else if opt.Keep.Better(items[i], items[rep[c]]) {
			rep[c] = i
		}
		out[i].Cluster = c
	}
	for _, i := range rep {
		out[i].Kept = true
	}
	st.Clusters = len(rep)
	st.Duplicates = len(items) - len(rep)
	return out, st
}

// Better reports whether a should replace the current representative b,
// which comes earlier in input order.
func (keep Keep) Better(a, b Item) bool {
	switch keep {
	case KeepLongest:
		return a.Len > b.Len
	case KeepCleanest:
		return a.Findings < b.Findings
	}
	return false
}

// Near reports whether two sorted shingle sets are near-duplicates under
// opt (with its defaults applied: see Options.WithDefaults).
func Near(a, b []uint32, opt Options) bool {
	n := fingerprint.Intersection(a, b)
	if u := len(a) + len(b) - n; u > 0 && float64(n) >= opt.MinSimilarity*float64(u) {
		return true
	}
	if opt.MinContainment > 0 {
		if m := min(len(a), len(b)); m > 0 && float64(n) >= opt.MinContainment*float64(m) {
			return true
		}
	}
	return false
}

type unionFind struct{ parent, rank []int32 }

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int32, n), rank: make([]int32, n)}
	for i := range u.parent {
		u.parent[i] = int32(i)
	}
	return u
}

func (u *unionFind) find(x int32) int32 {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

func (u *unionFind) union(a, b int32) {
	a, b = u.find(a), u.find(b)
	if a == b {
		return
	}
	if u.rank[a] < u.rank[b] {
		a, b = b, a
	}
	u.parent[b] = a
	if u.rank[a] == u.rank[b] {
		u.rank[a]++
	}
}
