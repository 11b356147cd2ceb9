package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/unmaskdev/unmask/fingerprint"
	"github.com/unmaskdev/unmask/index"
	"github.com/unmaskdev/unmask/jsonl"
)

// TraceOptions are unmask-beam trace's flags.
type TraceOptions struct {
	Originals []string // original files, in order: an index adds them in this order
	Files     []string // JSON Lines files of copies
	Output    string
	Field     string
	IDField   string
	Restore   bool
	Shards    int
	Query     index.QueryOptions // index.CommandOptions of unmask trace's flags
}

// TracedOut names the trace output: one line per input line, as unmask
// trace --jsonl writes it.
const TracedOut = "traced"

// Trace adds the trace pipeline to s: every line of the copies is looked up
// among the originals exactly as `unmask trace --jsonl` looks it up in an
// index of them (`unmask index add` of the originals, in order): the
// buckets and postings a query would read are gathered by joins, with the
// same caps (index.MaxBucket, index.MaxPostings), and index.Candidates
// answers the query with the index's own code.
func Trace(s beam.Scope, o TraceOptions) {
	s = s.Scope("trace")
	if o.Shards <= 0 {
		o.Shards = 4
	}
	refs := func(files []string) beam.PCollection {
		r := make([][]byte, len(files))
		for i, f := range files {
			r[i] = fileRef(i, f)
		}
		return beam.Reshuffle(s, beam.CreateList(s, r))
	}
	origRaw, deadOrig := beam.ParDo2(s, &readDocsFn{IDField: o.IDField, Field: o.Field}, refs(o.Originals))
	byID := beam.ParDo(s, &origFingerprintFn{Restore: o.Restore}, beam.Reshuffle(s, origRaw))
	docs, lsh, post := beam.ParDo3(s, lastOfIDFn, beam.GroupByKey(s, byID))

	lines, deadRead := beam.ParDo2(s, &readLinesFn{Format: "jsonl"}, refs(o.Files))
	copies, bucketReq, postReq, badOut, deadBad := beam.ParDo5(s, &copyFingerprintFn{Field: o.Field, IDField: o.IDField, Restore: o.Restore},
		beam.Reshuffle(s, lines))

	bucketLists, docReq1 := beam.ParDo2(s, &listFn{Limit: index.MaxBucket}, beam.CoGroupByKey(s, lsh, bucketReq))
	postLists, docReq2 := beam.ParDo2(s, &listFn{Limit: index.MaxPostings, Common: true}, beam.CoGroupByKey(s, post, postReq))
	docsFor := beam.ParDo(s, docForFn, beam.CoGroupByKey(s, docs, beam.Flatten(s, docReq1, docReq2)))

	q, _ := json.Marshal(o.Query)
	traced := beam.ParDo(s, &queryFn{Restore: o.Restore, Query: string(q)}, beam.CoGroupByKey(s, copies, bucketLists, postLists, docsFor))
	writeSharded(s, o.Output+"-"+TracedOut, o.Shards, beam.Flatten(s, traced, badOut))
	writeSharded(s, o.Output+"-"+DeadLetterOut, 1, beam.Flatten(s, deadOrig, deadRead, deadBad))
}

func init() {
	register.DoFn4x0[context.Context, int64, []byte, func(string, []byte)](&origFingerprintFn{})
	register.Function5x0(lastOfIDFn)
	register.DoFn8x1[context.Context, int64, []byte, func(int64, []byte), func(int64, int64), func(int64, int64), func(string), func(string), error](&copyFingerprintFn{})
	register.DoFn6x0[context.Context, int64, func(*int64) bool, func(*int64) bool, func(int64, []byte), func(int64, int64)](&listFn{})
	register.Function4x0(docForFn)
	register.DoFn7x1[context.Context, int64, func(*[]byte) bool, func(*[]byte) bool, func(*[]byte) bool, func(*[]byte) bool, func(string), error](&queryFn{})
	register.Emitter2[string, []byte]()
}

func params(restore bool) *fingerprint.Fingerprinter {
	p := fingerprint.DefaultParams()
	p.Restore = restore
	return fingerprint.MustNew(p)
}

var (
	cOriginals = beam.NewCounter("unmask", "originals_in")
	cCopies    = beam.NewCounter("unmask", "copies_in")
	cTraced    = beam.NewCounter("unmask", "copies_matched")
)

// origFingerprintFn fingerprints an original, keyed by its ID.
type origFingerprintFn struct {
	Restore bool
	fp      *fingerprint.Fingerprinter
}

func (f *origFingerprintFn) Setup() { f.fp = params(f.Restore) }

func (f *origFingerprintFn) ProcessElement(ctx context.Context, key int64, b []byte, emit func(string, []byte)) {
	d := dec{b: b}
	id, text := d.str(), d.str()
	cOriginals.Inc(ctx, 1)
	sk := f.fp.Sketch(text)
	var e enc
	e.u(uint64(key))
	e.u32s(sk.Signature)
	e.u32s(sk.Shingles)
	e.u(uint64(sk.Words))
	e.u(uint64(len(text)))
	emit(id, e.b)
}

func decodeEntry(id string, b []byte) (int64, index.Entry) {
	d := dec{b: b}
	num := int64(d.u())
	sig, sh := d.u32s(), d.u32s()
	words, n := int(d.u()), int(d.u())
	return num, index.Entry{ID: id, Sketch: fingerprint.Sketch{Signature: sig, Shingles: sh, Words: words}, Bytes: n}
}

// lastOfIDFn keeps the last original of an ID (index add replaces an ID's
// document) and emits it with its LSH buckets and sampled shingles, as
// the index stores them.
func lastOfIDFn(id string, iter func(*[]byte) bool, docs func(int64, []byte), lsh, post func(int64, int64)) {
	var best []byte
	bestNum := int64(-1)
	var b []byte
	for iter(&b) {
		if num, _ := decodeEntry(id, b); num > bestNum {
			best, bestNum = slices.Clone(b), num
		}
	}
	num, e := decodeEntry(id, best)
	var out enc
	out.str(id)
	out.b = append(out.b, best...)
	docs(num, out.b)
	if len(e.Sketch.Shingles) == 0 {
		return // never a candidate
	}
	for band, h := range fpForBands.AppendBandKeys(nil, e.Sketch.Signature) {
		lsh(int64(index.Bucket(band, h)), num)
	}
	for _, s := range e.Sketch.Shingles {
		if index.Sampled(s) {
			post(int64(s), num)
		}
	}
}

// Band keys depend on the parameters' bands and rows only, not on Restore.
var fpForBands = params(false)

// copyFingerprintFn reads a copy's line as unmask trace --jsonl does and
// asks for its buckets and sampled shingles' postings.
type copyFingerprintFn struct {
	Field, IDField string
	Restore        bool
	fp             *fingerprint.Fingerprinter
}

func (f *copyFingerprintFn) Setup() { f.fp = params(f.Restore) }

func (f *copyFingerprintFn) ProcessElement(ctx context.Context, key int64, b []byte,
	copies func(int64, []byte), buckets, posts func(int64, int64), badOut, dead func(string)) error {
	l, err := decodeLine(b)
	if err != nil {
		return err
	}
	cCopies.Inc(ctx, 1)
	rec, text, err := jsonl.ParseText(l.Raw, or(f.Field, "text"))
	if err != nil {
		cMalformed.Inc(ctx, 1)
		out, _ := json.Marshal(index.TraceError{Line: l.Line, Error: err.Error()})
		badOut(string(out))
		dead(deadLetter{File: l.File, Line: l.Line, Error: err.Error(), Record: string(l.Raw)}.String())
		return nil
	}
	sk := f.fp.Sketch(text)
	var e enc
	e.str(index.RecordID(rec, or(f.IDField, "id"), l.File, l.Line))
	e.u32s(sk.Signature)
	e.u32s(sk.Shingles)
	e.u(uint64(sk.Words))
	copies(key, e.b)
	if len(sk.Shingles) == 0 {
		return nil
	}
	for band, h := range f.fp.AppendBandKeys(nil, sk.Signature) {
		buckets(int64(index.Bucket(band, h)), key)
	}
	for _, s := range sk.Shingles {
		if index.Sampled(s) {
			posts(int64(s), key)
		}
	}
	return nil
}

// listFn answers the copies asking for one bucket (or one shingle's
// postings): its first Limit originals in index order and whether there
// are more (Common: more means none are listed), and asks for those
// originals' records.
type listFn struct {
	Limit  int
	Common bool
}

func (f *listFn) ProcessElement(ctx context.Context, key int64, origs func(*int64) bool, asks func(*int64) bool,
	lists func(int64, []byte), docReq func(int64, int64)) {
	var copiesAsking []int64
	var k int64
	for asks(&k) {
		copiesAsking = append(copiesAsking, k)
	}
	if len(copiesAsking) == 0 {
		return
	}
	slices.Sort(copiesAsking)
	copiesAsking = slices.Compact(copiesAsking)
	var nums []int64
	for origs(&k) {
		nums = append(nums, k)
	}
	slices.Sort(nums)
	more := len(nums) > f.Limit
	if more {
		nums = nums[:f.Limit]
		if f.Common {
			nums = nil
		}
	}
	var e enc
	e.u(uint64(key))
	e.flag(more)
	e.u(uint64(len(nums)))
	for _, n := range nums {
		e.u(uint64(n))
	}
	for _, c := range copiesAsking {
		lists(c, e.b)
		for _, n := range nums {
			docReq(n, c)
		}
	}
}

func decodeList(b []byte) (key uint64, more bool, nums []uint64, err error) {
	d := dec{b: b}
	key, more = d.u(), d.flag()
	n := d.u()
	for i := uint64(0); i < n && d.err == nil; i++ {
		nums = append(nums, d.u())
	}
	return key, more, nums, d.err
}

// docForFn sends an original's record to each copy that asked for it.
func docForFn(num int64, docs func(*[]byte) bool, asks func(*int64) bool, emit func(int64, []byte)) {
	var doc []byte
	if !docs(&doc) {
		return
	}
	seen := map[int64]bool{}
	var c int64
	for asks(&c) {
		if !seen[c] {
			seen[c] = true
			emit(c, doc)
		}
	}
}

// queryFn answers one copy's query from what was gathered for it.
type queryFn struct {
	Restore bool
	Query   string // index.QueryOptions as JSON
	fp      *fingerprint.Fingerprinter
	opt     index.QueryOptions
}

func (f *queryFn) Setup() error {
	f.fp = params(f.Restore)
	return json.Unmarshal([]byte(f.Query), &f.opt)
}

func (f *queryFn) ProcessElement(ctx context.Context, key int64, copies, buckets, posts, docs func(*[]byte) bool, out func(string)) error {
	var b []byte
	if !copies(&b) {
		return fmt.Errorf("copy %d: lists but no copy", key)
	}
	d := dec{b: b}
	id := d.str()
	sk := fingerprint.Sketch{Signature: d.u32s(), Shingles: d.u32s(), Words: int(d.u())}
	if d.err != nil {
		return d.err
	}
	c := index.NewCandidates(f.fp)
	for buckets(&b) {
		k, more, nums, err := decodeList(b)
		if err != nil {
			return err
		}
		c.AddBucket(k, nums, more)
	}
	for posts(&b) {
		k, more, nums, err := decodeList(b)
		if err != nil {
			return err
		}
		c.AddPostings(uint32(k), nums, more)
	}
	for docs(&b) {
		d := dec{b: b}
		oid := d.str()
		num, e := decodeEntry(oid, d.b)
		c.AddDoc(uint64(num), e)
	}
	res, err := c.Query(sk, f.opt)
	if err != nil {
		return fmt.Errorf("copy %s: %v", id, err)
	}
	if len(res.Matches) > 0 {
		cTraced.Inc(ctx, 1)
	}
	line, err := json.Marshal(index.NewTraceLine(id, res))
	if err != nil {
		return err
	}
	out(string(line))
	return nil
}
