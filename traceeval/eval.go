// Package traceeval measures tracing and near-duplicate clustering of
// disguised copies: it builds a test corpus from the BBC News articles,
// disguises copies with package attack (some also trimmed, edited and given
// a content farm's footer), and reports, next to the same MinHash on the raw
// text, whether trace puts the true original first, the pairwise F1 of
// dedup, throughput, index size, peak memory and query latency on indexes
// of (by default) 100,000 documents. It backs 'unmask eval-trace'.
package traceeval

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/unmaskdev/unmask/dedup"
	"github.com/unmaskdev/unmask/fingerprint"
	"github.com/unmaskdev/unmask/index"
	"github.com/unmaskdev/unmask/restore"
)

// Config chooses what to measure.
type Config struct {
	Data    string   // bbc.jsonl
	Seed    uint64   // seeds the copies
	HoldOut float64  // share of originals left out of the index: their copies must find nothing
	Big     int      // documents in each latency index; 0 skips them
	BigKind []string // latency indexes to build: BigSynthetic, BigRealistic
	Queries int      // latency queries on each big index, timed Repeat times
	Repeat  int      // timings (throughput, latency) are taken this many times
	Sweep   bool     // run the parameter sweep
	Dir     string   // scratch directory for indexes; "" is a new temporary one, removed after
	Log     io.Writer
	// Params are the default fingerprint parameters; the report also runs
	// them with Restore and with Raw.
	Params fingerprint.Params
}

// The latency indexes.
const (
	BigSynthetic = "synthetic" // variants and composites of the BBC articles (adversarial)
	BigRealistic = "realistic" // the BBC articles and distinct chain articles
)

// DefaultConfig is what 'unmask eval-trace' runs.
func DefaultConfig() Config {
	return Config{Data: "../shared/data/news/bbc.jsonl", Seed: 1, HoldOut: 0.1, Big: 100000,
		BigKind: []string{BigSynthetic, BigRealistic}, Queries: 1000, Repeat: 2, Params: fingerprint.DefaultParams()}
}

type env struct {
	cfg      Config
	arts     []Article
	held     []bool // original left out of the index
	copies   []Copy
	restored []string // restore.String of each copy
	vocab    []string
	logw     io.Writer
	start    time.Time

	dedupCurve []dedupPoint
	lenient    []int // per original: cluster of originals at Jaccard ≥ 0.5
}

func (e *env) log(format string, a ...any) {
	if e.logw != nil {
		fmt.Fprintf(e.logw, "[%5.1fs] %s\n", time.Since(e.start).Seconds(), fmt.Sprintf(format, a...))
	}
}

// variant is one column of the main table.
type variant struct {
	name string
	p    fingerprint.Params
}

// Run measures and writes a Markdown report to w.
func Run(cfg Config, w io.Writer) error {
	if cfg.Repeat < 1 {
		cfg.Repeat = 1
	}
	e := &env{cfg: cfg, logw: cfg.Log, start: time.Now()}
	if cfg.Dir == "" {
		d, err := os.MkdirTemp("", "unmask-eval-trace-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		e.cfg.Dir = d
	}
	var err error
	if e.arts, err = LoadArticles(cfg.Data); err != nil {
		return err
	}
	e.vocab = vocabulary(e.arts)
	e.holdOut()
	if err := e.makeCopies(); err != nil {
		return err
	}
	groups := 0
	for _, a := range e.arts {
		groups = max(groups, a.Group+1)
	}
	nHeld := 0
	for _, h := range e.held {
		if h {
			nHeld++
		}
	}
	fmt.Fprintf(w, "# unmask eval-trace\n\n")
	fmt.Fprintf(w, "Machine: %s. Started %s.\n\n", machine(), time.Now().UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(w, "Corpus: %d BBC articles (%d distinct texts: %d articles repeat another's text and count as true duplicates of it). "+
		"%d copies: each article copied %d ways (%s), each copy disguised with one class of package attack at rate 0.3, the classes in rotation (%s). "+
		"Trace index: the %d articles not held out; the %d held-out articles' copies must match nothing. Seed %d.\n\n",
		len(e.arts), groups, len(e.arts)-groups, len(e.copies), len(Kinds), strings.Join(Kinds, ", "), classList(),
		len(e.arts)-nHeld, nHeld, cfg.Seed)

	def, restoring, raw := cfg.Params, cfg.Params, cfg.Params
	def.Restore, def.Raw = false, false
	restoring.Restore, restoring.Raw = true, false
	raw.Restore, raw.Raw = false, true
	variants := []variant{{"unmask (default: fold)", def}, {"restore + fold", restoring}, {"raw MinHash", raw}}
	var traces []*traceResult
	var dedups [][2]dedupScore
	for i, v := range variants {
		t, err := e.trace(v.p, index.QueryOptions{Limit: 5, MinSimilarity: 1e-9, MinContainment: -1}, e.copyTexts())
		if err != nil {
			return err
		}
		traces = append(traces, t)
		dedups = append(dedups, e.dedupEval(v.p, i == 0))
	}
	e.report(w, variants, traces, dedups)
	if err := e.excerpts(w, def, traces[0]); err != nil {
		return err
	}
	e.throughput(w, def, restoring)
	if cfg.Big > 0 {
		for _, kind := range cfg.BigKind {
			if err := e.big(w, def, kind); err != nil {
				return err
			}
		}
	}
	if cfg.Sweep {
		e.sweep(w)
	}
	fmt.Fprintf(w, "\nPeak memory (VmHWM) of the whole run: %s.\n", vmHWM())
	return nil
}

func classList() string {
	s := make([]string, len(disguiseClasses))
	for i, c := range disguiseClasses {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

// holdOut leaves out of the index HoldOut of the articles, from groups of one.
func (e *env) holdOut() {
	e.held = make([]bool, len(e.arts))
	size := map[int]int{}
	for _, a := range e.arts {
		size[a.Group]++
	}
	rng := rand.New(rand.NewPCG(e.cfg.Seed, 7))
	want := int(e.cfg.HoldOut * float64(len(e.arts)))
	for _, i := range rng.Perm(len(e.arts)) {
		if want == 0 {
			break
		}
		if size[e.arts[i].Group] == 1 {
			e.held[i] = true
			want--
		}
	}
}

func (e *env) makeCopies() error {
	e.copies = make([]Copy, len(e.arts)*len(Kinds))
	e.restored = make([]string, len(e.copies))
	err := parallel(len(e.copies), func(i int) error {
		src, k := i/len(Kinds), i%len(Kinds)
		class := disguiseClasses[i%len(disguiseClasses)]
		c, err := MakeCopy(e.arts[src], src, Kinds[k], class, e.vocab, e.cfg.Seed)
		e.copies[i] = c
		e.restored[i] = restore.String(c.Text)
		return err
	})
	e.log("made and restored %d copies", len(e.copies))
	return err
}

func (e *env) copyTexts() []string {
	t := make([]string, len(e.copies))
	for i, c := range e.copies {
		t[i] = c.Text
	}
	return t
}

// parallel runs fn(0..n-1) on every core and returns the first error.
func parallel(n int, fn func(i int) error) error {
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				if err := fn(i); err != nil && errs[w] == nil {
					errs[w] = err
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// hit is one reported match of a query (thresholds off).
type hit struct {
	src         int // article index, -1 if not an original
	sim, contai float64
}

// traceResult holds every query's candidate matches, best first.
type traceResult struct {
	params     fingerprint.Params
	hits       [][]hit
	candidates int
	verified   int
	// excerptCands counts the candidates found through sampled shingles.
	excerptCands int
	build        time.Duration
	queries      time.Duration
	fileBytes    int64
	docs         int
}

// trace indexes the originals not held out with p and queries each text,
// one at a time as the command does.
func (e *env) trace(p fingerprint.Params, opt index.QueryOptions, texts []string) (*traceResult, error) {
	dir := filepath.Join(e.cfg.Dir, fmt.Sprintf("trace-raw%v-restore%v", p.Raw, p.Restore))
	ix, err := index.Open(dir, &index.Options{Params: &p, NoSync: true})
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	byID := map[string]int{}
	var docs []index.Doc
	for i, a := range e.arts {
		byID[a.ID] = i
		if !e.held[i] {
			docs = append(docs, index.Doc{ID: a.ID, Text: a.Text})
		}
	}
	t0 := time.Now()
	if n, _ := ix.Len(); n == 0 {
		for lo := 0; lo < len(docs); lo += 2000 {
			if _, err := ix.Add(docs[lo:min(lo+2000, len(docs))]); err != nil {
				return nil, err
			}
		}
	}
	r := &traceResult{params: p, build: time.Since(t0), hits: make([][]hit, len(texts)), docs: len(docs)}
	st, err := ix.Stats()
	if err != nil {
		return nil, err
	}
	r.fileBytes = st.FileBytes
	t0 = time.Now()
	for i, text := range texts {
		res, err := ix.Query(text, opt)
		if err != nil {
			return nil, err
		}
		r.candidates += res.Candidates
		r.verified += res.Verified
		r.excerptCands += max(0, res.ExcerptCandidates)
		for _, m := range res.Matches {
			r.hits[i] = append(r.hits[i], hit{byID[m.ID], m.Similarity, m.Containment})
		}
	}
	r.queries = time.Since(t0)
	e.log("trace raw=%v restore=%v: %d queries in %v", p.Raw, p.Restore, len(texts), r.queries.Round(time.Millisecond))
	return r, nil
}

// traceScore is trace accuracy at given thresholds.
type traceScore struct {
	pos, correct, wrongFirst, missed int // copies whose original is indexed
	neg, falseMatch                  int // copies of held-out articles
	// falseMatch to an original of the same story (lenient truth), and
	// wrong firsts tied with the true original.
	falseSameStory int
}

func (s traceScore) recall() float64 { return ratio(s.correct, s.pos) }
func (s traceScore) precision() float64 {
	return ratio(s.correct, s.correct+s.wrongFirst+s.falseMatch)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// score applies thresholds to the hits of copies (whose originals are
// sources): the first hit reaching minSim or minCont is the answer. keep
// selects the copies scored; nil keeps all.
func (e *env) score(hits [][]hit, sources []int, minSim, minCont float64, keep func(i int) bool) traceScore {
	var s traceScore
	for i, src := range sources {
		if keep != nil && !keep(i) {
			continue
		}
		var first *hit
		for j := range hits[i] {
			h := &hits[i][j]
			if h.sim >= minSim || h.contai >= minCont {
				first = h
				break
			}
		}
		if e.held[src] {
			s.neg++
			if first != nil {
				s.falseMatch++
				if first.src >= 0 && e.lenient != nil && e.lenient[first.src] == e.lenient[src] {
					s.falseSameStory++
				}
			}
			continue
		}
		s.pos++
		switch {
		case first == nil:
			s.missed++
		case first.src >= 0 && e.arts[first.src].Group == e.arts[src].Group:
			s.correct++
		default:
			s.wrongFirst++
		}
	}
	return s
}

func (e *env) copySources() []int {
	s := make([]int, len(e.copies))
	for i, c := range e.copies {
		s[i] = c.Source
	}
	return s
}

// kindIs selects the copies of one kind.
func (e *env) kindIs(kind string) func(int) bool {
	return func(i int) bool { return e.copies[i].Kind == kind }
}

// dedupScore is pairwise clustering quality.
type dedupScore struct {
	precision, recall, f1 float64
	lenient               dedupPrecRec // against the lenient truth
	clusters              int
	// Pairs joined that the strict truth calls false, and how many of
	// them join copies of two originals in one lenient cluster.
	falsePairs, nearPairs int
}

type dedupPrecRec struct{ precision, recall, f1 float64 }

// dedupEval clusters originals and copies: all of them, and originals with
// the disguise-only copies. primary also computes the lenient truth and
// the threshold curve.
func (e *env) dedupEval(p fingerprint.Params, primary bool) [2]dedupScore {
	fp := fingerprint.MustNew(p)
	n := len(e.arts)
	items := make([]dedup.Item, n+len(e.copies))
	parallel(len(items), func(i int) error {
		var sk fingerprint.Sketch
		switch {
		case i < n:
			sk = fp.Sketch(e.arts[i].Text)
		case p.Restore && !p.Raw:
			sk = fp.SketchRestored(e.restored[i-n]) // restored once already
		default:
			sk = fp.Sketch(e.copies[i-n].Text)
		}
		items[i] = dedup.Item{Bands: fp.AppendBandKeys(nil, sk.Signature), Shingles: sk.Shingles, Len: sk.Words}
		return nil
	})
	if primary {
		// The lenient truth also joins distinct originals whose exact
		// Jaccard similarity is at least 0.5 (the BBC set has such pairs:
		// updated versions of one story).
		orig, _ := dedup.Cluster(items[:n], dedup.Options{MinSimilarity: 0.5, MinContainment: -1})
		e.lenient = make([]int, n)
		for i, a := range orig {
			e.lenient[i] = a.Cluster
		}
	}
	var out [2]dedupScore
	for k, only := range []string{"", KindDisguised} {
		var sub []dedup.Item
		var truth, lt []int
		for i := range items {
			src := i
			if i >= n {
				if only != "" && e.copies[i-n].Kind != only {
					continue
				}
				src = e.copies[i-n].Source
			}
			sub = append(sub, items[i])
			truth = append(truth, e.arts[src].Group)
			lt = append(lt, e.lenient[src])
		}
		assign, st := dedup.Cluster(sub, dedup.Options{})
		pred := make([]int, len(assign))
		for i, a := range assign {
			pred[i] = a.Cluster
		}
		out[k] = pairwise(pred, truth)
		out[k].clusters = st.Clusters
		l := pairwise(pred, lt)
		out[k].lenient = dedupPrecRec{l.precision, l.recall, l.f1}
		out[k].falsePairs, out[k].nearPairs = falsePairs(pred, truth, lt)
		if !primary {
			continue
		}
		for _, th := range dedupThresholds {
			mc := th[1]
			if mc == 0 {
				mc = -1 // off
			}
			assign, _ := dedup.Cluster(sub, dedup.Options{MinSimilarity: th[0], MinContainment: mc})
			for i, a := range assign {
				pred[i] = a.Cluster
			}
			s := pairwise(pred, truth)
			l := pairwise(pred, lt)
			s.lenient = dedupPrecRec{l.precision, l.recall, l.f1}
			e.dedupCurve = append(e.dedupCurve, dedupPoint{k, th, s})
		}
	}
	e.log("dedup raw=%v restore=%v done", p.Raw, p.Restore)
	return out
}

// falsePairs counts the pairs clustered together whose strict truths
// differ, and of those the ones whose lenient truths agree.
func falsePairs(pred, strict, lenient []int) (all, near int) {
	type key struct{ p, s, l int }
	cells := map[key]int{}
	for i := range pred {
		cells[key{pred[i], strict[i], lenient[i]}]++
	}
	// Pairs in one predicted cluster: all - same strict = false.
	byPred, byPS, byPL, byPSL := map[int]int{}, map[[2]int]int{}, map[[2]int]int{}, map[key]int{}
	for k, c := range cells {
		byPred[k.p] += c
		byPS[[2]int{k.p, k.s}] += c
		byPL[[2]int{k.p, k.l}] += c
		byPSL[k] += c
	}
	all = pairCount(byPred) - pairCount(byPS)
	near = pairCount(byPL) - pairCount(byPSL) // same cluster, same lenient, different strict
	return all, near
}

// pairCount is the number of pairs within the groups counted by m.
func pairCount[K comparable](m map[K]int) int {
	n := 0
	for _, c := range m {
		n += c * (c - 1) / 2
	}
	return n
}

// dedupThresholds are the (Jaccard, containment) pairs of the dedup curve.
var dedupThresholds = [][2]float64{{0.3, 0}, {0.4, 0}, {0.5, 0}, {0.6, 0}, {0.7, 0}, {0.8, 0}, {0.5, 0.7}, {0.5, 0.8}, {0.5, 0.9}, {0.6, 0.8}}

type dedupPoint struct {
	subset int
	th     [2]float64
	s      dedupScore
}

// pairwise scores a clustering against the truth over all pairs of items.
func pairwise(pred, truth []int) dedupScore {
	pairs := func(m map[[2]int]int) (n int) {
		for _, c := range m {
			n += c * (c - 1) / 2
		}
		return n
	}
	both, p, t := map[[2]int]int{}, map[[2]int]int{}, map[[2]int]int{}
	for i := range pred {
		both[[2]int{pred[i], truth[i]}]++
		p[[2]int{pred[i], 0}]++
		t[[2]int{truth[i], 0}]++
	}
	tp, pp, tt := pairs(both), pairs(p), pairs(t)
	s := dedupScore{precision: ratio(tp, pp), recall: ratio(tp, tt)}
	if s.precision+s.recall > 0 {
		s.f1 = 2 * s.precision * s.recall / (s.precision + s.recall)
	}
	return s
}

func (e *env) report(w io.Writer, variants []variant, traces []*traceResult, dedups [][2]dedupScore) {
	sources := e.copySources()
	var scores []traceScore
	for _, t := range traces {
		scores = append(scores, e.score(t.hits, sources, index.DefaultMinSimilarity, index.DefaultMinContainment, nil))
	}
	fmt.Fprintf(w, "## Trace and dedup: unmask vs restore + fold vs the same MinHash on raw text\n\n")
	fmt.Fprintf(w, "Parameters: %s. Trace reports a match at Jaccard ≥ %.2f or containment ≥ %.2f, verifying exactly the %d LSH candidates with the best MinHash estimates; "+
		"dedup joins at Jaccard ≥ %.2f or containment of the smaller ≥ %.2f. "+
		"unmask = fold only (the default: NFKD, marks and invisibles dropped, confusable prototype, lowercase); restore + fold = Params.Restore (restore.String first, 'unmask index add --restore'); "+
		"raw = Params.Raw (words of the text as it is).\n\n",
		paramString(traces[0].params), index.DefaultMinSimilarity, index.DefaultMinContainment, index.DefaultMaxVerify, dedup.DefaultMinSimilarity, dedup.DefaultMinContainment)
	fmt.Fprintf(w, "| measure | %s | %s | %s |\n|---|---:|---:|---:|\n", variants[0].name, variants[1].name, variants[2].name)
	row := func(name string, f func(i int) string) {
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", name, f(0), f(1), f(2))
	}
	row("trace: true original first (recall@1), all copies", func(i int) string { return pct(scores[i].recall()) })
	for _, k := range Kinds {
		row("&nbsp;&nbsp;"+k, func(i int) string {
			return pct(e.score(traces[i].hits, sources, index.DefaultMinSimilarity, index.DefaultMinContainment, e.kindIs(k)).recall())
		})
	}
	row("trace: precision of the first match", func(i int) string { return pct(scores[i].precision()) })
	row("trace: copies of indexed articles with no match / wrong first", func(i int) string {
		return fmt.Sprintf("%d / %d of %d", scores[i].missed, scores[i].wrongFirst, scores[i].pos)
	})
	row("trace: copies of held-out articles matched (false alarms)", func(i int) string {
		return fmt.Sprintf("%d of %d (%d to a version of the same story)", scores[i].falseMatch, scores[i].neg, scores[i].falseSameStory)
	})
	row("trace: LSH + excerpt candidates / verified exactly, per query", func(i int) string {
		n := float64(len(e.copies))
		return fmt.Sprintf("%.2f + %.2f / %.2f", float64(traces[i].candidates)/n, float64(traces[i].excerptCands)/n, float64(traces[i].verified)/n)
	})
	row("trace: queries/s, one goroutine (fingerprinting included)", func(i int) string {
		return fmt.Sprintf("%.0f", float64(len(e.copies))/traces[i].queries.Seconds())
	})
	row(fmt.Sprintf("trace index: bytes per document (%d documents)", traces[0].docs), func(i int) string {
		return fmt.Sprintf("%.0f", float64(traces[i].fileBytes)/float64(traces[i].docs))
	})
	for k, name := range []string{"disguise-only copies", "all copies"} {
		k = 1 - k
		row(fmt.Sprintf("dedup pairwise F1, originals + %s, strict truth (P / R)", name), func(i int) string {
			d := dedups[i][k]
			return fmt.Sprintf("%.4f (%.4f / %.4f)", d.f1, d.precision, d.recall)
		})
		row("&nbsp;&nbsp;same, lenient truth (P / R)", func(i int) string {
			d := dedups[i][k].lenient
			return fmt.Sprintf("%.4f (%.4f / %.4f)", d.f1, d.precision, d.recall)
		})
		row("&nbsp;&nbsp;pairs the strict truth calls false / of them between versions of one story", func(i int) string {
			d := dedups[i][k]
			return fmt.Sprintf("%d / %d", d.falsePairs, d.nearPairs)
		})
	}
	if e.lenient != nil {
		size := map[int]int{}
		for _, c := range e.lenient {
			size[c]++
		}
		groups := map[int]bool{}
		for _, a := range e.arts {
			groups[a.Group] = true
		}
		fmt.Fprintf(w, "\nTwo truths for dedup. The strict truth counts only identical body texts as duplicates (the %d articles that repeat another's text, "+
			"PROVENANCE.md of the data). The BBC set also holds distinct articles that are versions of one story (entertainment/102 and entertainment/341 have Jaccard 0.97); "+
			"clustering them together is right for a deduplicator, yet the strict truth scores each such pair, and every pair of their copies, as a false positive. "+
			"The lenient truth joins originals whose exact Jaccard similarity is at least 0.5 (clustering the originals alone), which merges %d of the %d distinct texts into others. "+
			"The row 'between versions of one story' counts the strict truth's false pairs that the lenient truth accepts. The thresholds were not tuned to either truth.\n",
			len(e.arts)-len(groups), len(groups)-len(size), len(groups))
	}

	// Where unmask misses: copies of indexed articles without the right first match, by kind and class.
	miss := map[string]int{}
	for i, c := range e.copies {
		if e.held[c.Source] {
			continue
		}
		ok := false
		for _, x := range traces[0].hits[i] {
			if x.sim >= index.DefaultMinSimilarity || x.contai >= index.DefaultMinContainment {
				ok = x.src >= 0 && e.arts[x.src].Group == e.arts[c.Source].Group
				break
			}
		}
		if !ok {
			miss[c.Kind+"/"+string(c.Class)]++
		}
	}
	keys := make([]string, 0, len(miss))
	for k := range miss {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return miss[keys[i]] > miss[keys[j]] || miss[keys[i]] == miss[keys[j]] && keys[i] < keys[j]
	})
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, miss[k]))
	}
	fmt.Fprintf(w, "\nunmask's misses and wrong firsts by kind/class: %s.\n", strings.Join(parts, ", "))
	ties, wrong, pairs := e.ties(traces[0].hits)
	fmt.Fprintf(w, "\nOf unmask's %d wrong firsts, %d are ties: the true original is listed too, with exactly the same similarity and containment, "+
		"and the first match's ID sorts before it; the copy holds nothing that tells the two originals apart. The originals tied (first match = true original): %s.\n",
		wrong, ties, strings.Join(pairs, ", "))

	fmt.Fprintf(w, "\n### Dedup thresholds (unmask): pairwise F1 (precision / recall), strict truth; F1 with the lenient truth\n\n")
	fmt.Fprintf(w, "| min Jaccard | min containment | originals + all copies | lenient | originals + disguise-only copies | lenient |\n|---:|---:|---:|---:|---:|---:|\n")
	for _, th := range dedupThresholds {
		cells := [4]string{}
		for _, pt := range e.dedupCurve {
			if pt.th == th {
				cells[2*pt.subset] = fmt.Sprintf("%.4f (%.4f / %.4f)", pt.s.f1, pt.s.precision, pt.s.recall)
				cells[2*pt.subset+1] = fmt.Sprintf("%.4f", pt.s.lenient.f1)
			}
		}
		mc := th[1]
		if mc == 0 {
			mc = 2
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", thr(th[0]), thr(mc), cells[0], cells[1], cells[2], cells[3])
	}

	fmt.Fprintf(w, "\n### Trace thresholds (unmask): precision and recall as the match thresholds move\n\n")
	fmt.Fprintf(w, "| min Jaccard | min containment | recall@1 | precision | false alarms (of %d) |\n|---:|---:|---:|---:|---:|\n", scores[0].neg)
	for _, th := range [][2]float64{{0.05, 2}, {0.1, 2}, {0.2, 2}, {0.3, 2}, {0.5, 2}, {0.7, 2}, {0.2, 0.3}, {0.2, 0.5}, {0.2, 0.7}, {0.3, 0.5}, {2, 0.5}} {
		s := e.score(traces[0].hits, sources, th[0], th[1], nil)
		fmt.Fprintf(w, "| %s | %s | %s | %s | %d |\n", thr(th[0]), thr(th[1]), pct(s.recall()), pct(s.precision()), s.falseMatch)
	}
}

// ties counts the copies whose first match (at the default thresholds) is
// wrong but scores exactly as the true original does, listed after it.
func (e *env) ties(hits [][]hit) (ties, wrong int, pairs []string) {
	seen := map[string]bool{}
	for i, c := range e.copies {
		if e.held[c.Source] {
			continue
		}
		var first *hit
		for j := range hits[i] {
			if h := &hits[i][j]; h.sim >= index.DefaultMinSimilarity || h.contai >= index.DefaultMinContainment {
				first = h
				break
			}
		}
		g := e.arts[c.Source].Group
		if first == nil || first.src >= 0 && e.arts[first.src].Group == g {
			continue
		}
		wrong++
		for _, h := range hits[i] {
			if h.src >= 0 && e.arts[h.src].Group == g && h.sim == first.sim && h.contai == first.contai {
				ties++
				if p := e.arts[first.src].ID + " = " + e.arts[h.src].ID; !seen[p] {
					seen[p] = true
					pairs = append(pairs, p)
				}
				break
			}
		}
	}
	slices.Sort(pairs)
	return ties, wrong, pairs
}

func thr(x float64) string {
	if x > 1 {
		return "off"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

func pct(x float64) string { return fmt.Sprintf("%.2f%%", 100*x) }

func paramString(p fingerprint.Params) string {
	return fmt.Sprintf("%d-word shingles, %d bands × %d rows = %d hashes", p.Shingle, p.Bands, p.Rows, p.NumHashes())
}

// throughput times fingerprinting on one goroutine, Repeat times.
func (e *env) throughput(w io.Writer, def, restoring fingerprint.Params) {
	fd, fr := fingerprint.MustNew(def), fingerprint.MustNew(restoring)
	var plain, disguised []string
	bytesPlain := 0
	for _, a := range e.arts {
		plain = append(plain, a.Text)
		bytesPlain += len(a.Text)
	}
	for _, c := range e.copies {
		if c.Kind == KindDisguised {
			disguised = append(disguised, c.Text)
		}
	}
	timeIt := func(f *fingerprint.Fingerprinter, texts []string) string {
		f.Sketch(texts[0])
		var out []string
		for r := 0; r < e.cfg.Repeat; r++ {
			runtime.GC()
			t0 := time.Now()
			for _, t := range texts {
				f.Sketch(t)
			}
			out = append(out, fmt.Sprintf("%.0f", float64(len(texts))/time.Since(t0).Seconds()))
		}
		return strings.Join(out, ", ")
	}
	fmt.Fprintf(w, "\n## Fingerprinting throughput (Sketch on one goroutine, %s; %d timings each)\n\n", paramString(def), e.cfg.Repeat)
	fmt.Fprintf(w, "Load average before: %s.\n\n", loadavg())
	fmt.Fprintf(w, "| input | unmask (default: fold), documents/s/core | restore + fold, documents/s/core |\n|---|---:|---:|\n")
	fmt.Fprintf(w, "| BBC originals (%d, mean %.0f bytes) | %s | %s |\n", len(plain), float64(bytesPlain)/float64(len(plain)), timeIt(fd, plain), timeIt(fr, plain))
	fmt.Fprintf(w, "| disguised copies (%d, all classes in rotation) | %s | %s |\n", len(disguised), timeIt(fd, disguised), timeIt(fr, disguised))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

// vmHWM reads the peak resident set size from /proc/self/status.
func vmHWM() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.Atoi(f[1])
				return fmt.Sprintf("%.0f MB", float64(kb)/1024)
			}
		}
	}
	return "unknown"
}

// machine describes the CPU: cores and model.
func machine() string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	return fmt.Sprintf("%d cores (GOMAXPROCS %d), %s, %s %s/%s", runtime.NumCPU(), runtime.GOMAXPROCS(0), model, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// loadavg is the 1, 5 and 15 minute load averages.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
