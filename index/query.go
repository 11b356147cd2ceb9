package index

import (
	"encoding/binary"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/unmaskdev/unmask/fingerprint"
)

// QueryOptions shape a query's answer.
type QueryOptions struct {
	// Limit is the most matches returned; 0 means DefaultLimit.
	Limit int
	// A candidate is a match when its exact Jaccard similarity reaches
	// MinSimilarity or the share of the query it covers reaches
	// MinContainment. Zero values mean the defaults below; pass a negative
	// value to switch a test off.
	MinSimilarity  float64
	MinContainment float64
	// Spans asks for the parts of the query each match does not cover.
	Spans bool
}

// Defaults for QueryOptions, chosen from the evaluation (see doc.go).
const (
	DefaultLimit          = 10
	DefaultMinSimilarity  = 0.2
	DefaultMinContainment = 0.5
)

// Match is an indexed document similar to the query.
type Match struct {
	ID string `json:"id"`
	// Similarity is the exact Jaccard similarity of the two shingle sets.
	Similarity float64 `json:"similarity"`
	// Estimate is the MinHash estimate of Similarity from the signatures.
	Estimate float64 `json:"estimate"`
	// Containment is the share of the query's shingles found in this
	// document: how much of the copy the original covers.
	Containment float64 `json:"containment"`
	// Coverage is the share of this document's shingles found in the query:
	// how much of the original was copied.
	Coverage float64 `json:"coverage"`
	// Uncovered lists the parts of the query not in this document (with
	// QueryOptions.Spans): a content farm's footer, edited sentences.
	Uncovered []Span `json:"uncovered,omitempty"`
}

// Span is a run of the query's words, as restored, found in no shingle of
// the match.
type Span struct {
	Start   int    `json:"start"` // byte offsets in the restored query text
	End     int    `json:"end"`
	Line    int    `json:"line"` // 1-based lines of the first and last word
	EndLine int    `json:"end_line"`
	Words   int    `json:"words"`
	Text    string `json:"text"`
}

// Result is the answer to a query.
type Result struct {
	Words      int     `json:"words"`      // folded words in the query
	Shingles   int     `json:"shingles"`   // distinct shingles in the query
	Candidates int     `json:"candidates"` // documents sharing a band with the query
	Matches    []Match `json:"matches"`    // best first
}

// Query finds the indexed documents most like text, best first.
func (ix *Index) Query(text string, opt QueryOptions) (*Result, error) {
	words, restored, at := ix.fp.Positions(text)
	set := slices.Compact(slices.Sorted(slices.Values(at)))
	res, err := ix.query(fingerprint.Sketch{Signature: ix.fp.SignatureOf(set), Shingles: set, Words: len(words)}, opt)
	if err != nil || !opt.Spans {
		return res, err
	}
	for i := range res.Matches {
		res.Matches[i].Uncovered, err = ix.uncovered(res.Matches[i].ID, words, restored, at)
		if err != nil {
			return nil, err
		}
	}
	return res, nil
}

// QuerySketch is Query for a document fingerprinted already (no spans).
func (ix *Index) QuerySketch(sk fingerprint.Sketch, opt QueryOptions) (*Result, error) {
	return ix.query(sk, opt)
}

func (ix *Index) query(sk fingerprint.Sketch, opt QueryOptions) (*Result, error) {
	limit := opt.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	minSim, minCont := opt.MinSimilarity, opt.MinContainment
	if minSim == 0 {
		minSim = DefaultMinSimilarity
	}
	if minCont == 0 {
		minCont = DefaultMinContainment
	}
	if minSim < 0 {
		minSim = 2 // never
	}
	if minCont < 0 {
		minCont = 2
	}
	res := &Result{Words: sk.Words, Shingles: len(sk.Shingles)}
	if len(sk.Shingles) == 0 {
		return res, nil
	}
	nh := ix.fp.Params().NumHashes()
	err := ix.db.View(func(tx *bolt.Tx) error {
		docs, cur := tx.Bucket(bucketDocs), tx.Bucket(bucketLSH).Cursor()
		seen := map[uint32]bool{}
		var prefix [6]byte
		for b, h := range ix.fp.AppendBandKeys(nil, sk.Signature) {
			binary.BigEndian.PutUint16(prefix[:], uint16(b))
			binary.BigEndian.PutUint32(prefix[2:], uint32(h>>32))
			for k, _ := cur.Seek(prefix[:]); len(k) == 10 && [6]byte(k[:6]) == prefix; k, _ = cur.Next() {
				num := binary.BigEndian.Uint32(k[6:])
				if seen[num] {
					continue
				}
				seen[num] = true
				rec, err := decodeRecord(docs.Get(k[6:]), nh)
				if err != nil {
					return err
				}
				inter := fingerprint.Intersection(sk.Shingles, rec.shingles)
				m := Match{
					ID:          rec.id,
					Similarity:  float64(inter) / float64(len(sk.Shingles)+len(rec.shingles)-inter),
					Estimate:    fingerprint.Estimate(sk.Signature, rec.sig),
					Containment: float64(inter) / float64(len(sk.Shingles)),
				}
				if len(rec.shingles) > 0 {
					m.Coverage = float64(inter) / float64(len(rec.shingles))
				}
				if m.Similarity >= minSim || m.Containment >= minCont {
					res.Matches = append(res.Matches, m)
				}
			}
		}
		res.Candidates = len(seen)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortMatches(res.Matches)
	if len(res.Matches) > limit {
		res.Matches = res.Matches[:limit]
	}
	return res, nil
}

// uncovered returns the runs of query words that no shingle of document id covers.
func (ix *Index) uncovered(id string, words []fingerprint.Word, restored string, at []uint32) ([]Span, error) {
	var shingles []uint32
	err := ix.db.View(func(tx *bolt.Tx) error {
		num := tx.Bucket(bucketIDs).Get([]byte(id))
		if num == nil {
			return nil
		}
		rec, err := decodeRecord(tx.Bucket(bucketDocs).Get(num), ix.fp.Params().NumHashes())
		shingles = rec.shingles
		return err
	})
	if err != nil {
		return nil, err
	}
	return UncoveredSpans(words, restored, at, shingles), nil
}

// UncoveredSpans returns the runs of words not covered by any shingle in the
// sorted set original. words, restored and at come from
// Fingerprinter.Positions.
func UncoveredSpans(words []fingerprint.Word, restored string, at []uint32, original []uint32) []Span {
	if len(words) == 0 {
		return nil
	}
	covered := make([]bool, len(words))
	width := len(words) - len(at) + 1 // words per shingle, fewer for short texts
	for i, h := range at {
		if _, ok := slices.BinarySearch(original, h); ok {
			for j := i; j < i+width && j < len(words); j++ {
				covered[j] = true
			}
		}
	}
	var spans []Span
	for i := 0; i < len(words); {
		if covered[i] {
			i++
			continue
		}
		j := i
		for j < len(words) && !covered[j] {
			j++
		}
		s := Span{Start: words[i].Start, End: words[j-1].End, Words: j - i}
		s.Line = 1 + strings.Count(restored[:s.Start], "\n")
		s.EndLine = s.Line + strings.Count(restored[s.Start:s.End], "\n")
		s.Text = restored[s.Start:s.End]
		spans = append(spans, s)
		i = j
	}
	return spans
}
