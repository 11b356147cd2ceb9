package index

import (
	"encoding/binary"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/unmaskdev/unmask/fingerprint"
)

// source is what a query reads: LSH buckets, sampled-shingle postings and
// document records. Document numbers order documents as they were added;
// a query's answer depends on that order only (ties and the first
// MaxBucket of a full bucket), so any increasing numbering gives the same
// answer.
type source interface {
	// bucket returns the first limit documents of an LSH bucket (see
	// Bucket), ascending, and whether it holds more than limit.
	bucket(b uint64, limit int) (nums []uint64, more bool, err error)
	// postings returns the documents holding sampled shingle s, ascending;
	// common when more than limit do (then nums is nil).
	postings(s uint32, limit int) (nums []uint64, common bool, err error)
	// doc returns a document's record.
	doc(num uint64) (recView, error)
}

// Bucket names the LSH bucket of band key h in band band, as the index
// stores it: the band and the key's high 32 bits.
func Bucket(band int, h uint64) uint64 { return uint64(band)<<32 | h>>32 }

// Sampled reports whether a query looks shingle hash s up for excerpts
// (one shingle in eight; see doc.go).
func Sampled(s uint32) bool { return sampled(s) }

// boltSource reads an index in one read transaction.
type boltSource struct {
	tx *bolt.Tx
	nh int
}

func (b *boltSource) bucket(bucket uint64, limit int) ([]uint64, bool, error) {
	var prefix [2]byte
	binary.BigEndian.PutUint16(prefix[:], uint16(bucket>>32))
	var nums []uint64
	for num := range lookup(b.tx.Bucket(bucketLSH).Cursor(), prefix[:], uint32(bucket)) {
		if len(nums) == limit {
			return nums, true, nil
		}
		nums = append(nums, uint64(num))
	}
	return nums, false, nil
}

func (b *boltSource) postings(s uint32, limit int) ([]uint64, bool, error) {
	var nums []uint64
	for num := range lookup(b.tx.Bucket(bucketPost).Cursor(), nil, s) {
		if len(nums) == limit {
			return nil, true, nil
		}
		nums = append(nums, uint64(num))
	}
	return nums, false, nil
}

func (b *boltSource) doc(num uint64) (recView, error) {
	var key [4]byte
	binary.BigEndian.PutUint32(key[:], uint32(num))
	return parseRecord(b.tx.Bucket(bucketDocs).Get(key[:]), b.nh)
}

// Candidates are what one query may read of a set of indexed documents:
// the LSH buckets its bands fall in, the postings of its sampled shingles,
// and the documents they name. A distributed trace (the Beam pipeline in
// beam/) gathers them by joins and calls Query; the answer is the one an
// Index holding the same documents, added in number order, gives.
type Candidates struct {
	fp   *fingerprint.Fingerprinter
	lsh  map[uint64]list
	post map[uint32]list
	docs map[uint64][]byte
}

type list struct {
	nums []uint64
	more bool
}

// NewCandidates returns an empty set for queries fingerprinted with fp.
func NewCandidates(fp *fingerprint.Fingerprinter) *Candidates {
	return &Candidates{fp: fp, lsh: map[uint64]list{}, post: map[uint32]list{}, docs: map[uint64][]byte{}}
}

// AddBucket records an LSH bucket's first documents (at most MaxBucket,
// any order) and whether it holds more than MaxBucket. A bucket not added
// is empty.
func (c *Candidates) AddBucket(bucket uint64, nums []uint64, more bool) {
	c.lsh[bucket] = list{slices.Sorted(slices.Values(nums)), more}
}

// AddPostings records the documents holding sampled shingle s, or that
// more than MaxPostings do (common, nums not needed).
func (c *Candidates) AddPostings(s uint32, nums []uint64, common bool) {
	if common {
		nums = nil
	}
	c.post[s] = list{slices.Sorted(slices.Values(nums)), common}
}

// AddDoc records document num.
func (c *Candidates) AddDoc(num uint64, e Entry) { c.docs[num] = encodeRecord(e) }

// Query is Index.QuerySketch over the candidates (no spans).
func (c *Candidates) Query(sk fingerprint.Sketch, opt QueryOptions) (*Result, error) {
	return runQuery(c.fp, c, sk, opt, nil)
}

func (c *Candidates) bucket(b uint64, limit int) ([]uint64, bool, error) {
	l := c.lsh[b]
	if len(l.nums) > limit {
		return l.nums[:limit], true, nil
	}
	return l.nums, l.more, nil
}

func (c *Candidates) postings(s uint32, limit int) ([]uint64, bool, error) {
	l := c.post[s]
	if l.more || len(l.nums) > limit {
		return nil, true, nil
	}
	return l.nums, false, nil
}

func (c *Candidates) doc(num uint64) (recView, error) {
	b, ok := c.docs[num]
	if !ok {
		return recView{}, errCorrupt
	}
	return parseRecord(b, c.fp.Params().NumHashes())
}
