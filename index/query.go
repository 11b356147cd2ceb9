package index

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
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
	// MaxVerify bounds the candidates compared exactly: those whose MinHash
	// estimate is best, and at least Limit of them. 0 means
	// DefaultMaxVerify; negative compares every candidate that could match.
	MaxVerify int
	// Excerpts chooses when the query also looks up its sampled shingles,
	// to find documents the query is a short excerpt of (see doc.go).
	Excerpts ExcerptMode
	// Spans asks for the parts of the query each match does not cover.
	Spans bool
}

// ExcerptMode chooses when a query looks for documents it is an excerpt of.
type ExcerptMode int

const (
	// ExcerptsAuto looks when LSH finds no match covering at least
	// ExcerptCover of the query.
	ExcerptsAuto ExcerptMode = iota
	// ExcerptsOff never looks: LSH alone finds candidates.
	ExcerptsOff
	// ExcerptsAlways looks for every query.
	ExcerptsAlways
)

// ExcerptCover is the share of the query the best LSH match must cover for
// ExcerptsAuto not to look further.
const ExcerptCover = 0.8

// MaxBucket bounds the documents one LSH bucket may hold and be read
// first. A bucket that full mostly holds documents whose least hashes in
// that band come from common shingles (boilerplate, a footer shared by
// thousands of pages): ranking them all by estimate costs milliseconds and
// rarely finds what the query's other bands do not. Such buckets are read
// only when the others find no convincing match.
const MaxBucket = 500

// MaxPostings bounds the documents one sampled shingle may name and still
// make candidates: a shingle in more documents is a common phrase (or a
// shared footer) and says little about where a text came from.
const MaxPostings = 64

// Defaults for QueryOptions, chosen from the evaluation (see doc.go).
const (
	DefaultLimit          = 10
	DefaultMinSimilarity  = 0.2
	DefaultMinContainment = 0.5
	DefaultMaxVerify      = 20
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

// Span is a run of the query's words (restored first if the index
// restores, see fingerprint.Params.Restore) found in no shingle of
// the match.
type Span struct {
	Start   int    `json:"start"` // byte offsets in the query text (as restored, if the index restores)
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
	// Verified counts the candidates compared exactly (the rest were
	// ruled out or ranked below by their MinHash estimate).
	Verified int `json:"-"`
	// ExcerptCandidates counts the documents found through sampled
	// shingles and not through LSH; -1 when not looked up.
	ExcerptCandidates int `json:"-"`
}

// positions are the query's words and shingles by position, for spans.
type positions struct {
	words    []fingerprint.Word
	restored string
	at       []uint32
}

// Query finds the indexed documents most like text, best first.
func (ix *Index) Query(text string, opt QueryOptions) (*Result, error) {
	if !opt.Spans {
		return ix.query(ix.fp.Sketch(text), opt, nil)
	}
	words, restored, at := ix.fp.Positions(text)
	set := slices.Compact(slices.Sorted(slices.Values(at)))
	sk := fingerprint.Sketch{Signature: ix.fp.SignatureOf(set), Shingles: set, Words: len(words)}
	return ix.query(sk, opt, &positions{words, restored, at})
}

// QuerySketch is Query for a document fingerprinted already (no spans).
func (ix *Index) QuerySketch(sk fingerprint.Sketch, opt QueryOptions) (*Result, error) {
	return ix.query(sk, opt, nil)
}

// candidate is a document sharing a band with the query.
type candidate struct {
	num uint64
	est float64 // MinHash estimate of the Jaccard similarity
	rec recView
}

// query runs in one read transaction: LSH candidates, ranked by the MinHash
// estimate read from their stored signatures; candidates that cannot reach
// either threshold (allowing for the estimate's error) dropped; the best
// MaxVerify compared exactly, by merging the sorted shingle sets in place;
// spans of the best matches cut from the same records.
func (ix *Index) query(sk fingerprint.Sketch, opt QueryOptions, pos *positions) (*Result, error) {
	var res *Result
	err := ix.db.View(func(tx *bolt.Tx) error {
		var err error
		res, err = runQuery(ix.fp, &boltSource{tx: tx, nh: ix.fp.Params().NumHashes()}, sk, opt, pos)
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// resolve returns the options with defaults applied and switched-off
// thresholds made unreachable.
func (opt QueryOptions) resolve() (limit int, minSim, minCont float64, verify int) {
	limit = opt.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	minSim, minCont = opt.MinSimilarity, opt.MinContainment
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
	verify = opt.MaxVerify
	if verify == 0 {
		verify = DefaultMaxVerify
	}
	if verify > 0 {
		verify = max(verify, limit)
	}
	return
}

// runQuery answers a query from src (see Index.query): the one
// implementation of a query, over bbolt or over documents in memory.
func runQuery(fp *fingerprint.Fingerprinter, src source, sk fingerprint.Sketch, opt QueryOptions, pos *positions) (*Result, error) {
	limit, minSim, minCont, verify := opt.resolve()
	res := &Result{Words: sk.Words, Shingles: len(sk.Shingles), ExcerptCandidates: -1}
	if len(sk.Shingles) == 0 {
		return res, nil
	}
	nh := fp.Params().NumHashes()
	err := func() error {
		q := float64(len(sk.Shingles))
		var recs []recView // of res.Matches
		// verify ranks the documents nums by their MinHash estimates, drops
		// those that cannot match, and compares the best exactly.
		verifyBest := func(nums []uint64) error {
			cands := make([]candidate, 0, len(nums))
			for _, num := range nums {
				rec, err := src.doc(num)
				if err != nil {
					return fmt.Errorf("document %d: %w", num, err)
				}
				est := rec.estimate(sk.Signature)
				if est < lowestEstimate(q, float64(rec.numShingles()), minSim, minCont, nh) {
					continue
				}
				cands = append(cands, candidate{num, est, rec})
			}
			slices.SortFunc(cands, func(a, b candidate) int {
				if a.est != b.est {
					if a.est > b.est {
						return -1
					}
					return 1
				}
				return cmp.Compare(a.num, b.num)
			})
			if verify > 0 && len(cands) > verify {
				cands = cands[:verify]
			}
			res.Verified += len(cands)
			for _, c := range cands {
				inter := c.rec.intersect(sk.Shingles)
				d := c.rec.numShingles()
				m := Match{
					ID:          string(c.rec.id),
					Similarity:  float64(inter) / float64(len(sk.Shingles)+d-inter),
					Estimate:    c.est,
					Containment: float64(inter) / q,
				}
				if d > 0 {
					m.Coverage = float64(inter) / float64(d)
				}
				if m.Similarity >= minSim || m.Containment >= minCont {
					res.Matches = append(res.Matches, m)
					recs = append(recs, c.rec)
				}
			}
			return nil
		}

		// covered reports whether a match covers ExcerptCover of the query.
		covered := func() bool {
			for _, m := range res.Matches {
				if m.Containment >= ExcerptCover {
					return true
				}
			}
			return false
		}

		// LSH: the documents sharing a band with the query. A bucket of more
		// than MaxBucket documents waits: its first MaxBucket are read only
		// if the other buckets offer no match covering ExcerptCover of the
		// query (so a text indexed a thousand times is still found).
		nums := make([]uint64, 0, 2*fp.Params().Bands)
		var full []uint64
		for band, h := range fp.AppendBandKeys(make([]uint64, 0, fp.Params().Bands), sk.Signature) {
			bucket := Bucket(band, h)
			got, more, err := src.bucket(bucket, MaxBucket)
			if err != nil {
				return err
			}
			if more {
				full = append(full, bucket)
				continue
			}
			nums = append(nums, got...)
		}
		slices.Sort(nums)
		nums = slices.Compact(nums)
		if err := verifyBest(nums); err != nil {
			return err
		}
		if len(full) > 0 && !covered() {
			var more []uint64
			for _, bucket := range full {
				got, _, err := src.bucket(bucket, MaxBucket)
				if err != nil {
					return err
				}
				for _, num := range got {
					if !sortedHas(nums, num) {
						more = append(more, num)
					}
				}
			}
			slices.Sort(more)
			more = slices.Compact(more)
			if err := verifyBest(more); err != nil {
				return err
			}
			nums = append(nums, more...)
			slices.Sort(nums)
		}
		res.Candidates = len(nums)

		// Excerpts: the documents holding a sampled shingle of the query
		// that few documents hold, and that LSH did not offer.
		look := opt.Excerpts == ExcerptsAlways || opt.Excerpts == ExcerptsAuto && !covered()
		if look {
			var more []uint64
			for _, sh := range sk.Shingles {
				if !Sampled(sh) {
					continue
				}
				got, common, err := src.postings(sh, MaxPostings)
				if err != nil {
					return err
				}
				if common {
					continue // a common phrase
				}
				for _, num := range got {
					if !sortedHas(nums, num) {
						more = append(more, num)
					}
				}
			}
			slices.Sort(more)
			more = slices.Compact(more)
			res.ExcerptCandidates = len(more)
			if err := verifyBest(more); err != nil {
				return err
			}
		}

		order := make([]int, len(res.Matches))
		for i := range order {
			order[i] = i
		}
		sort.Slice(order, func(i, j int) bool { return better(res.Matches[order[i]], res.Matches[order[j]]) })
		sorted := make([]Match, 0, min(limit, len(order)))
		for _, i := range order[:min(limit, len(order))] {
			m := res.Matches[i]
			if pos != nil {
				m.Uncovered = UncoveredSpans(pos.words, pos.restored, pos.at, recs[i].shingleSet())
			}
			sorted = append(sorted, m)
		}
		res.Matches = sorted
		return nil
	}()
	if err != nil {
		return nil, err
	}
	return res, nil
}

func sortedHas(s []uint64, x uint64) bool {
	_, ok := slices.BinarySearch(s, x)
	return ok
}

// lowestEstimate is the smallest MinHash estimate (of nh values) at which a
// document of d shingles can still be a match for a query of q shingles:
// its Jaccard similarity J must reach minSim, or its intersection
// J·(q+d)/(1+J) reach minCont·q. The estimate may fall three standard
// deviations, sqrt(J(1-J)/nh), below the J needed (plus one value for
// rounding): a true match is dropped about once in a thousand times at the
// threshold, far more rarely above it.
func lowestEstimate(q, d, minSim, minCont float64, nh int) float64 {
	need := math.Inf(1)
	if minSim <= 1 {
		need = minSim
	}
	if minCont <= 1 {
		if i := minCont * q; i <= d {
			need = min(need, i/(q+d-i))
		}
	}
	if math.IsInf(need, 1) {
		return need
	}
	return need - 3*math.Sqrt(need*(1-need)/float64(nh)) - 1/float64(nh)
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
