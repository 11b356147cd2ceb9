// Package pipeline is unmask's dedup and trace as Apache Beam pipelines:
// the same library code as `unmask dedup` and `unmask trace` (packages
// dedup, fingerprint, index), run by Beam's runners (Prism in process,
// Flink, Spark, Dataflow) instead of in one process.
//
// Dedup: read → fingerprint (dedup.Records.Read) → LSH band keys → group
// by band key → candidate pairs (dedup.Candidate: the first MaxBucket of a
// bucket in input order) → join each pair with both shingle sets → verify
// (dedup.Near) → connected components by large-star/small-star (Kiveris et
// al. 2014), a fixed number of rounds, each checked for convergence → the
// kept record of each component (dedup.Keep.Better, as a combiner) → join
// back to the records → write (dedup.Records.Append).
//
// Every stage is a ParDo, GroupByKey, CoGroupByKey or CombinePerKey: no
// worker holds more than one group (an LSH bucket, a node's neighbours,
// one record's join), and nothing is collected on one worker.
package pipeline

import (
	"context"
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/unmaskdev/unmask/dedup"
	"github.com/unmaskdev/unmask/fingerprint"
)

// DedupOptions are unmask-beam dedup's flags; they mean what unmask
// dedup's flags of the same names mean.
type DedupOptions struct {
	Files        []string // input files, in order (see Files)
	Output       string   // output prefix
	Format       string   // auto (by file name), jsonl or warc
	Field        string
	ClusterField string
	KeptField    string
	Keep         dedup.Keep
	// MinSimilarity and MinContainment as unmask dedup's flags: a zero
	// MinContainment switches the containment test off.
	MinSimilarity  float64
	MinContainment float64
	MaxBucket      int // dedup.Options.MaxBucket
	Restore        bool
	Rounds         int // connected-components rounds (each large-star + small-star)
	Shards         int // output files per output
}

func (o *DedupOptions) clusterOptions() dedup.Options {
	minCont := o.MinContainment
	if minCont == 0 {
		minCont = -1 // off, as in unmask dedup
	}
	return dedup.Options{MinSimilarity: o.MinSimilarity, MinContainment: minCont, Keep: o.Keep, MaxBucket: o.MaxBucket}.WithDefaults()
}

// Output names.
const (
	ClustersOut   = "clusters"   // every record with its cluster, as unmask dedup writes it
	KeptOut       = "kept"       // the kept records (and malformed ones), as unmask dedup --drop
	DeadLetterOut = "deadletter" // malformed records and unreadable files, with where they are
)

// Metric names (namespace "unmask").
const (
	MetricIn         = "documents_in"
	MetricKept       = "kept"
	MetricRemoved    = "removed"
	MetricMalformed  = "malformed"
	MetricPairs      = "candidate_pairs"
	MetricGiant      = "giant_buckets"
	MetricCompared   = "compared"
	MetricEdges      = "edges"
	MetricUnconverge = "cc_unconverged"
)

// Dedup adds the dedup pipeline to s.
func Dedup(s beam.Scope, o DedupOptions) {
	s = s.Scope("dedup")
	if o.Shards <= 0 {
		o.Shards = 4
	}
	if o.Rounds <= 0 {
		o.Rounds = 10
	}
	refs := make([][]byte, len(o.Files))
	for i, f := range o.Files {
		refs[i] = fileRef(i, f)
	}
	files := beam.Reshuffle(s, beam.CreateList(s, refs))
	lines, deadRead := beam.ParDo2(s, &readLinesFn{Format: o.Format, Field: or(o.Field, "text")}, files)
	lines = beam.Reshuffle(s, lines)

	docs, meta, shingles, bands, deadBad := beam.ParDo5(s, &fingerprintFn{
		Field: o.Field, ClusterField: o.ClusterField, KeptField: o.KeptField, Keep: string(o.Keep), Restore: o.Restore,
	}, lines)

	opt := o.clusterOptions()
	pairs := beam.ParDo(s, &bucketFn{MaxBucket: opt.MaxBucket}, beam.GroupByKey(s, bands))
	halves := beam.ParDo(s, halfFn, beam.CoGroupByKey(s, shingles, pairs))
	edges := beam.ParDo(s, &verifyFn{MinSimilarity: opt.MinSimilarity, MinContainment: opt.MinContainment},
		beam.CoGroupByKey(s, shingles, halves))

	labels := Components(s, edges, o.Rounds)

	// The kept record of each component: the best by the keep rule, as
	// a combiner (associative: ties go to the earlier record).
	labelled := beam.ParDo(s, labelMetaFn, beam.CoGroupByKey(s, meta, labels))
	best := beam.CombinePerKey(s, &bestFn{Keep: string(o.Keep)}, labelled)
	kept := beam.ParDo(s, keptKeyFn, best)

	out, keptOut := beam.ParDo2(s, &assignFn{Field: o.Field, ClusterField: o.ClusterField, KeptField: o.KeptField},
		beam.CoGroupByKey(s, docs, labels, kept))
	writeSharded(s, o.Output+"-"+ClustersOut, o.Shards, out)
	writeSharded(s, o.Output+"-"+KeptOut, o.Shards, keptOut)
	writeSharded(s, o.Output+"-"+DeadLetterOut, 1, beam.Flatten(s, deadRead, deadBad))
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func init() {
	register.DoFn8x1[context.Context, int64, []byte, func(int64, []byte), func(int64, []byte), func(int64, []byte), func(string, int64), func(string), error](&fingerprintFn{})
	register.DoFn4x0[context.Context, string, func(*int64) bool, func(int64, int64)](&bucketFn{})
	register.Function4x0(halfFn)
	register.DoFn5x0[context.Context, int64, func(*[]byte) bool, func(*[]byte) bool, func(int64, int64)](&verifyFn{})
	register.Function4x0(labelMetaFn)
	register.Combiner1[[]byte](&bestFn{})
	register.Function3x0(keptKeyFn)
	register.DoFn7x1[context.Context, int64, func(*[]byte) bool, func(*int64) bool, func(*int64) bool, func(string), func(string), error](&assignFn{})
	register.Emitter2[string, int64]()
	register.Emitter2[int64, int64]()
	register.Iter1[int64]()
	register.Iter1[[]byte]()
}

// fingerprintFn fingerprints a record (dedup.Records.Read) and emits the
// record (to write it out at the end), its facts for the keep rule and its
// shingles (keyed by record), its LSH band keys, or a dead letter.
type fingerprintFn struct {
	Field, ClusterField, KeptField, Keep string
	Restore                              bool

	fp  *fingerprint.Fingerprinter
	rec *dedup.Records
}

var (
	cIn        = beam.NewCounter("unmask", MetricIn)
	cMalformed = beam.NewCounter("unmask", MetricMalformed)
)

func (f *fingerprintFn) Setup() {
	p := fingerprint.DefaultParams()
	p.Restore = f.Restore
	f.fp = fingerprint.MustNew(p)
	f.rec = &dedup.Records{Field: f.Field, ClusterField: f.ClusterField, KeptField: f.KeptField, Keep: dedup.Keep(f.Keep)}
}

func (f *fingerprintFn) ProcessElement(ctx context.Context, key int64, b []byte,
	docs, meta, shingles func(int64, []byte), bands func(string, int64), dead func(string)) error {
	l, err := decodeLine(b)
	if err != nil {
		return err
	}
	cIn.Inc(ctx, 1)
	r, rerr := f.rec.Read(f.fp, l.Raw)
	var e enc
	e.bytes(l.Raw)
	e.flag(r.Rewrite)
	e.flag(rerr != nil)
	docs(key, e.b)
	if rerr != nil {
		cMalformed.Inc(ctx, 1)
		dead(deadLetter{File: l.File, Line: l.Line, Error: rerr.Error(), Record: string(l.Raw)}.String())
		return nil
	}
	it := r.Item
	if it.Skip || len(it.Shingles) == 0 {
		return nil // a cluster of its own
	}
	var m enc
	m.u(uint64(key))
	m.u(uint64(it.Len))
	m.u(uint64(it.Findings))
	meta(key, m.b)
	shingles(key, u32s(it.Shingles))
	var bk [10]byte
	for band, h := range it.Bands {
		bk[0], bk[1] = byte(band>>8), byte(band)
		for i := 0; i < 8; i++ {
			bk[2+i] = byte(h >> (56 - 8*i))
		}
		bands(string(bk[:]), key)
	}
	return nil
}

// bucketFn turns an LSH bucket into candidate pairs (a, c), a before c in
// input order, by dedup.Candidate: a bucket of n > MaxBucket records (a
// giant bucket: boilerplate, a shared footer) yields about n·MaxBucket
// pairs, each record compared with the bucket's first MaxBucket, as
// unmask dedup does.
type bucketFn struct{ MaxBucket int }

var (
	cPairs = beam.NewCounter("unmask", MetricPairs)
	cGiant = beam.NewCounter("unmask", MetricGiant)
)

func (f *bucketFn) ProcessElement(ctx context.Context, _ string, keys func(*int64) bool, emit func(int64, int64)) {
	var all []int64
	var k int64
	for keys(&k) {
		all = append(all, k)
	}
	if len(all) < 2 {
		return
	}
	slices.Sort(all)
	if len(all) > f.MaxBucket {
		cGiant.Inc(ctx, 1)
	}
	n := 0
	for j := 1; j < len(all); j++ {
		for i := 0; dedup.Candidate(i, j, f.MaxBucket); i++ {
			emit(all[i], all[j])
			n++
		}
	}
	cPairs.Inc(ctx, int64(n))
}

// halfFn joins a record's shingles to its pairs (each once, however many
// bands proposed it) and sends them on to the pair's other record.
func halfFn(a int64, shingles func(*[]byte) bool, partners func(*int64) bool, emit func(int64, []byte)) {
	var sh []byte
	if !shingles(&sh) {
		return
	}
	seen := map[int64]bool{}
	var c int64
	for partners(&c) {
		if seen[c] {
			continue
		}
		seen[c] = true
		var e enc
		e.u(uint64(a))
		e.b = append(e.b, sh...)
		emit(c, e.b)
	}
}

// verifyFn compares each pair with dedup.Near and emits the edges.
type verifyFn struct{ MinSimilarity, MinContainment float64 }

var (
	cCompared = beam.NewCounter("unmask", MetricCompared)
	cEdges    = beam.NewCounter("unmask", MetricEdges)
)

func (f *verifyFn) ProcessElement(ctx context.Context, c int64, shingles func(*[]byte) bool, halves func(*[]byte) bool, emit func(int64, int64)) {
	var sh []byte
	if !shingles(&sh) {
		return
	}
	shC := decU32s(sh)
	opt := dedup.Options{MinSimilarity: f.MinSimilarity, MinContainment: f.MinContainment}
	var h []byte
	for halves(&h) {
		d := dec{b: h}
		a := int64(d.u())
		shA := d.u32s()
		cCompared.Inc(ctx, 1)
		if dedup.Near(shA, shC, opt) {
			cEdges.Inc(ctx, 1)
			emit(a, c)
		}
	}
}

// labelMetaFn gives a record in a component its keep-rule facts under the
// component's label.
func labelMetaFn(key int64, meta func(*[]byte) bool, labels func(*int64) bool, emit func(int64, []byte)) {
	var m []byte
	if !meta(&m) {
		return
	}
	var l int64
	if labels(&l) {
		emit(l, m)
	}
}

// bestFn keeps the record the keep rule prefers.
type bestFn struct{ Keep string }

func (f *bestFn) MergeAccumulators(a, b []byte) []byte {
	ka, ia := decodeMeta(a)
	kb, ib := decodeMeta(b)
	if kb < ka {
		a, b, ka, kb, ia, ib = b, a, kb, ka, ib, ia
	}
	if dedup.Keep(f.Keep).Better(ib, ia) {
		return b
	}
	return a
}

func decodeMeta(b []byte) (int64, dedup.Item) {
	d := dec{b: b}
	k := int64(d.u())
	return k, dedup.Item{Len: int(d.u()), Findings: int(d.u())}
}

func keptKeyFn(label int64, m []byte, emit func(int64, int64)) {
	k, _ := decodeMeta(m)
	emit(k, label)
}

// assignFn writes a record with its assignment (dedup.Records.Append): a
// record in no component is a cluster of its own, numbered by its key.
type assignFn struct{ Field, ClusterField, KeptField string }

var (
	cKept    = beam.NewCounter("unmask", MetricKept)
	cRemoved = beam.NewCounter("unmask", MetricRemoved)
)

func (f *assignFn) ProcessElement(ctx context.Context, key int64, docs func(*[]byte) bool, labels func(*int64) bool, kept func(*int64) bool,
	out, keptOut func(string)) error {
	var b []byte
	if !docs(&b) {
		return fmt.Errorf("record %d: labelled but not read", key)
	}
	d := dec{b: b}
	raw, rewrite, bad := d.bytes(), d.flag(), d.flag()
	if d.err != nil {
		return d.err
	}
	a := dedup.Assignment{Cluster: int(key), Kept: true}
	var l int64
	if labels(&l) {
		a.Cluster = int(l)
		var k int64
		a.Kept = kept(&k)
	}
	r := dedup.Records{Field: f.Field, ClusterField: f.ClusterField, KeptField: f.KeptField}
	line, err := r.Append(nil, raw, a, rewrite, bad)
	if err != nil {
		return fmt.Errorf("record %d: %v", key, err)
	}
	s := string(line[:len(line)-1])
	out(s)
	if a.Kept {
		cKept.Inc(ctx, 1)
		keptOut(s)
	} else {
		cRemoved.Inc(ctx, 1)
	}
	return nil
}

// Validate checks the options as unmask dedup checks its flags.
func (o *DedupOptions) Validate() error {
	if o.Keep != dedup.KeepFirst && o.Keep != dedup.KeepLongest && o.Keep != dedup.KeepCleanest {
		return fmt.Errorf("--keep must be first, longest or cleanest, not %q", o.Keep)
	}
	if o.MinSimilarity <= 0 || o.MinSimilarity > 1 || o.MinContainment < 0 || o.MinContainment > 1 {
		return fmt.Errorf("--min-similarity must be in (0, 1] and --min-containment in [0, 1]")
	}
	if o.MaxBucket < 1 {
		return fmt.Errorf("--max-bucket must be at least 1")
	}
	return nil
}
