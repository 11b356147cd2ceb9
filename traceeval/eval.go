// Package traceeval measures tracing and near-duplicate clustering of
// disguised copies: it builds a test corpus from the BBC News articles,
// disguises copies with package attack (some also trimmed, edited and given
// a content farm's footer), and reports, next to the same MinHash on the raw
// text, whether trace puts the true original first, the pairwise F1 of
// dedup, throughput, index size, peak memory and query latency on an index
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
	Data    string    // bbc.jsonl
	Seed    uint64    // seeds the copies
	HoldOut float64   // share of originals left out of the index: their copies must find nothing
	Big     int       // documents in the latency index; 0 skips it
	Queries int       // latency queries on the big index
	Sweep   bool      // run the parameter sweep
	Dir     string    // scratch directory for indexes; "" is a new temporary one, removed after
	Log     io.Writer // progress lines; nil for none
	Params  fingerprint.Params
}

// DefaultConfig is what 'unmask eval-trace' runs.
func DefaultConfig() Config {
	return Config{Data: "../shared/data/news/bbc.jsonl", Seed: 1, HoldOut: 0.1, Big: 100000, Queries: 1000, Params: fingerprint.DefaultParams()}
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

// Run measures and writes a Markdown report to w.
func Run(cfg Config, w io.Writer) error {
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
	fmt.Fprintf(w, "Corpus: %d BBC articles (%d distinct texts: %d articles repeat another's text and count as true duplicates of it). "+
		"%d copies: each article copied %d ways (%s), each copy disguised with one class of package attack at rate 0.3, the classes in rotation (%s). "+
		"Trace index: the %d articles not held out; the %d held-out articles' copies must match nothing. Seed %d.\n\n",
		len(e.arts), groups, len(e.arts)-groups, len(e.copies), len(Kinds), strings.Join(Kinds, ", "), classList(),
		len(e.arts)-nHeld, nHeld, cfg.Seed)

	folded, foldOnly, raw := cfg.Params, cfg.Params, cfg.Params
	foldOnly.NoRestore = true
	raw.Raw = true
	var traces []*traceResult
	var dedups [][2]dedupScore
	for _, p := range []fingerprint.Params{folded, foldOnly, raw} {
		t, err := e.trace(p)
		if err != nil {
			return err
		}
		traces = append(traces, t)
		dedups = append(dedups, e.dedupEval(p))
	}
	e.report(w, traces, dedups)
	e.throughput(w, folded)
	if cfg.Big > 0 {
		if err := e.big(w, folded); err != nil {
			return err
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

// traceResult holds every copy's candidate matches, best first.
type traceResult struct {
	params     fingerprint.Params
	hits       [][]hit
	candidates int
	build      time.Duration
	queries    time.Duration
	fileBytes  int64
	docs       int
}

func (e *env) trace(p fingerprint.Params) (*traceResult, error) {
	dir := filepath.Join(e.cfg.Dir, fmt.Sprintf("trace-raw%v-norestore%v", p.Raw, p.NoRestore))
	ix, err := index.Open(dir, &index.Options{Params: &p})
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
	for lo := 0; lo < len(docs); lo += 2000 {
		if _, err := ix.Add(docs[lo:min(lo+2000, len(docs))]); err != nil {
			return nil, err
		}
	}
	r := &traceResult{params: p, build: time.Since(t0), hits: make([][]hit, len(e.copies)), docs: len(docs)}
	st, err := ix.Stats()
	if err != nil {
		return nil, err
	}
	r.fileBytes = st.FileBytes
	// Queries one at a time, as the command runs them, restore included.
	t0 = time.Now()
	for i, c := range e.copies {
		res, err := ix.Query(c.Text, index.QueryOptions{Limit: 5, MinSimilarity: 1e-9, MinContainment: -1})
		if err != nil {
			return nil, err
		}
		r.candidates += res.Candidates
		for _, m := range res.Matches {
			r.hits[i] = append(r.hits[i], hit{byID[m.ID], m.Similarity, m.Containment})
		}
	}
	r.queries = time.Since(t0)
	e.log("trace raw=%v norestore=%v: %d queries in %v", p.Raw, p.NoRestore, len(e.copies), r.queries.Round(time.Millisecond))
	return r, nil
}

// traceScore is trace accuracy at given thresholds.
type traceScore struct {
	pos, correct, wrongFirst, missed int // copies whose original is indexed
	neg, falseMatch                  int // copies of held-out articles
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

// score applies thresholds: the first hit reaching minSim or minCont is the answer.
func (e *env) score(hits [][]hit, minSim, minCont float64, kind string) traceScore {
	var s traceScore
	for i, c := range e.copies {
		if kind != "" && c.Kind != kind {
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
		if e.held[c.Source] {
			s.neg++
			if first != nil {
				s.falseMatch++
			}
			continue
		}
		s.pos++
		switch {
		case first == nil:
			s.missed++
		case first.src >= 0 && e.arts[first.src].Group == e.arts[c.Source].Group:
			s.correct++
		default:
			s.wrongFirst++
		}
	}
	return s
}

// dedupScore is pairwise clustering quality.
type dedupScore struct {
	precision, recall, f1 float64
	lenient               float64 // F1 against the lenient truth
	clusters              int
	took                  time.Duration
}

// dedupEval clusters originals and copies: all of them, and originals with
// the disguise-only copies.
func (e *env) dedupEval(p fingerprint.Params) [2]dedupScore {
	fp := fingerprint.MustNew(p)
	n := len(e.arts)
	items := make([]dedup.Item, n+len(e.copies))
	t0 := time.Now()
	parallel(len(items), func(i int) error {
		var sk fingerprint.Sketch
		switch {
		case i < n:
			sk = fp.Sketch(e.arts[i].Text)
		case p.Raw || p.NoRestore:
			sk = fp.Sketch(e.copies[i-n].Text)
		default:
			sk = fp.SketchRestored(e.restored[i-n])
		}
		items[i] = dedup.Item{Bands: fp.AppendBandKeys(nil, sk.Signature), Shingles: sk.Shingles, Len: sk.Words}
		return nil
	})
	var out [2]dedupScore
	curve := !p.Raw && !p.NoRestore
	if curve {
		// The lenient truth also joins distinct originals whose exact
		// Jaccard similarity is at least 0.5 (the BBC set has such pairs:
		// updated versions of one story).
		orig, _ := dedup.Cluster(items[:n], dedup.Options{MinSimilarity: 0.5})
		e.lenient = make([]int, n)
		for i, a := range orig {
			e.lenient[i] = a.Cluster
		}
	}
	for k, only := range []string{"", KindDisguised} {
		var sub []dedup.Item
		var truth []int
		for i := range items {
			if i >= n && only != "" && e.copies[i-n].Kind != only {
				continue
			}
			sub = append(sub, items[i])
			if i < n {
				truth = append(truth, e.arts[i].Group)
			} else {
				truth = append(truth, e.arts[e.copies[i-n].Source].Group)
			}
		}
		assign, st := dedup.Cluster(sub, dedup.Options{})
		pred := make([]int, len(assign))
		for i, a := range assign {
			pred[i] = a.Cluster
		}
		out[k] = pairwise(pred, truth)
		out[k].clusters = st.Clusters
		out[k].took = time.Since(t0)
		if e.lenient != nil {
			var lt []int
			for i := range items {
				if i >= n && only != "" && e.copies[i-n].Kind != only {
					continue
				}
				if i < n {
					lt = append(lt, e.lenient[i])
				} else {
					lt = append(lt, e.lenient[e.copies[i-n].Source])
				}
			}
			out[k].lenient = pairwise(pred, lt).f1
		}
		if !curve {
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
			e.dedupCurve = append(e.dedupCurve, dedupPoint{k, th, pairwise(pred, truth)})
		}
	}
	e.log("dedup raw=%v norestore=%v done", p.Raw, p.NoRestore)
	return out
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

func (e *env) report(w io.Writer, traces []*traceResult, dedups [][2]dedupScore) {
	var scores []traceScore
	for _, t := range traces {
		scores = append(scores, e.score(t.hits, index.DefaultMinSimilarity, index.DefaultMinContainment, ""))
	}
	fmt.Fprintf(w, "## Trace and dedup: unmask vs fold without restore vs the same MinHash on raw text\n\n")
	fmt.Fprintf(w, "Parameters: %s. Trace reports a match at Jaccard ≥ %.2f or containment ≥ %.2f; dedup joins at Jaccard ≥ %.2f or containment of the smaller ≥ %.2f. "+
		"unmask = restore.String then fold (the default); fold only = Params.NoRestore; raw = Params.Raw (words of the text as it is).\n\n",
		paramString(traces[0].params), index.DefaultMinSimilarity, index.DefaultMinContainment, dedup.DefaultMinSimilarity, dedup.DefaultMinContainment)
	fmt.Fprintf(w, "| measure | unmask | fold only | raw MinHash |\n|---|---:|---:|---:|\n")
	row := func(name string, f func(i int) string) {
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", name, f(0), f(1), f(2))
	}
	row("trace: true original first (recall@1), all copies", func(i int) string { return pct(scores[i].recall()) })
	for _, k := range Kinds {
		row("&nbsp;&nbsp;"+k, func(i int) string {
			return pct(e.score(traces[i].hits, index.DefaultMinSimilarity, index.DefaultMinContainment, k).recall())
		})
	}
	row("trace: precision of the first match", func(i int) string { return pct(scores[i].precision()) })
	row("trace: copies of indexed articles with no match / wrong first", func(i int) string {
		return fmt.Sprintf("%d / %d of %d", scores[i].missed, scores[i].wrongFirst, scores[i].pos)
	})
	row("trace: copies of held-out articles matched (false alarms)", func(i int) string {
		return fmt.Sprintf("%d of %d", scores[i].falseMatch, scores[i].neg)
	})
	row("trace: LSH candidates per query", func(i int) string {
		return fmt.Sprintf("%.2f", float64(traces[i].candidates)/float64(len(e.copies)))
	})
	row("trace: queries/s, one goroutine", func(i int) string {
		return fmt.Sprintf("%.0f", float64(len(e.copies))/traces[i].queries.Seconds())
	})
	row(fmt.Sprintf("trace index: bytes per document (%d documents)", traces[0].docs), func(i int) string {
		return fmt.Sprintf("%.0f", float64(traces[i].fileBytes)/float64(traces[i].docs))
	})
	for k, name := range []string{"all copies", "disguise-only copies"} {
		row(fmt.Sprintf("dedup pairwise F1, originals + %s (P / R)", name), func(i int) string {
			d := dedups[i][k]
			return fmt.Sprintf("%.4f (%.4f / %.4f)", d.f1, d.precision, d.recall)
		})
		row(fmt.Sprintf("&nbsp;&nbsp;same, lenient truth (near-identical originals joined)"), func(i int) string {
			return fmt.Sprintf("%.4f", dedups[i][k].lenient)
		})
	}
	if e.lenient != nil {
		joined := 0
		size := map[int]int{}
		for _, c := range e.lenient {
			size[c]++
		}
		groups := map[int]bool{}
		for _, a := range e.arts {
			groups[a.Group] = true
		}
		joined = len(groups) - len(size)
		fmt.Fprintf(w, "\nThe strict truth counts only identical texts as duplicates. The BBC set also holds distinct articles that are versions of one story "+
			"(entertainment/102 and entertainment/341 have Jaccard 0.97): the lenient truth joins originals at exact Jaccard ≥ 0.5 (clustering the originals alone), "+
			"which merges %d of the %d distinct texts into others.\n", joined, len(groups))
	}

	// Where unmask misses: copies of indexed articles without the right first match, by kind and class.
	miss := map[string]int{}
	for i, c := range e.copies {
		if e.held[c.Source] {
			continue
		}
		h := traces[0].hits[i]
		ok := false
		for _, x := range h {
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

	fmt.Fprintf(w, "\n### Dedup thresholds (unmask): pairwise F1 (precision / recall)\n\n")
	fmt.Fprintf(w, "| min Jaccard | min containment | originals + all copies | originals + disguise-only copies |\n|---:|---:|---:|---:|\n")
	for _, th := range dedupThresholds {
		cells := [2]string{}
		for _, pt := range e.dedupCurve {
			if pt.th == th {
				cells[pt.subset] = fmt.Sprintf("%.4f (%.4f / %.4f)", pt.s.f1, pt.s.precision, pt.s.recall)
			}
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", thr(th[0]), thr(map[bool]float64{true: 2, false: th[1]}[th[1] == 0]), cells[0], cells[1])
	}

	fmt.Fprintf(w, "\n### Trace thresholds (unmask): precision and recall as the match thresholds move\n\n")
	fmt.Fprintf(w, "| min Jaccard | min containment | recall@1 | precision | false alarms (of %d) |\n|---:|---:|---:|---:|---:|\n", scores[0].neg)
	for _, th := range [][2]float64{{0.05, 2}, {0.1, 2}, {0.2, 2}, {0.3, 2}, {0.5, 2}, {0.7, 2}, {0.2, 0.3}, {0.2, 0.5}, {0.2, 0.7}, {0.3, 0.5}, {2, 0.5}} {
		s := e.score(traces[0].hits, th[0], th[1], "")
		fmt.Fprintf(w, "| %s | %s | %s | %s | %d |\n", thr(th[0]), thr(th[1]), pct(s.recall()), pct(s.precision()), s.falseMatch)
	}
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

// throughput times fingerprinting on one goroutine.
func (e *env) throughput(w io.Writer, p fingerprint.Params) {
	fp := fingerprint.MustNew(p)
	var plain, disguised, restoredOnly []string
	bytesPlain := 0
	for _, a := range e.arts {
		plain = append(plain, a.Text)
		bytesPlain += len(a.Text)
	}
	for i, c := range e.copies {
		if c.Kind == KindDisguised {
			disguised = append(disguised, c.Text)
			restoredOnly = append(restoredOnly, e.restored[i])
		}
	}
	timeIt := func(texts []string, fn func(string)) float64 {
		fn(texts[0])
		t0 := time.Now()
		for _, t := range texts {
			fn(t)
		}
		return float64(len(texts)) / time.Since(t0).Seconds()
	}
	fmt.Fprintf(w, "\n## Fingerprinting throughput (one goroutine, %s)\n\n", paramString(p))
	fmt.Fprintf(w, "| input | documents/s/core |\n|---|---:|\n")
	fmt.Fprintf(w, "| BBC originals (%d, mean %.0f bytes), Sketch (restore + fold + MinHash) | %.0f |\n", len(plain), float64(bytesPlain)/float64(len(plain)), timeIt(plain, func(s string) { fp.Sketch(s) }))
	fmt.Fprintf(w, "| BBC originals, fold + MinHash only (SketchRestored) | %.0f |\n", timeIt(plain, func(s string) { fp.SketchRestored(s) }))
	fmt.Fprintf(w, "| disguised copies (%d), Sketch (restore + fold + MinHash) | %.0f |\n", len(disguised), timeIt(disguised, func(s string) { fp.Sketch(s) }))
	fmt.Fprintf(w, "| disguised copies, fold + MinHash only (SketchRestored on restored text) | %.0f |\n", timeIt(restoredOnly, func(s string) { fp.SketchRestored(s) }))
	fmt.Fprintf(w, "| disguised copies, fold + MinHash of the unrestored text (SketchRestored on the copy) | %.0f |\n", timeIt(disguised, func(s string) { fp.SketchRestored(s) }))
}

// big builds an index of cfg.Big documents and measures query latency on it.
func (e *env) big(w io.Writer, p fingerprint.Params) error {
	dir := filepath.Join(e.cfg.Dir, "big")
	ix, err := index.Open(dir, &index.Options{Params: &p})
	if err != nil {
		return err
	}
	defer ix.Close()
	n := len(e.arts)
	const batch = 2000
	var buildTime time.Duration
	kinds := []string{KindTrimmed, KindEdited}
	for lo := 0; lo < e.cfg.Big; lo += batch {
		docs := make([]index.Doc, min(batch, e.cfg.Big-lo))
		err := parallel(len(docs), func(j int) error {
			i := lo + j
			switch {
			case i < n:
				docs[j] = index.Doc{ID: e.arts[i].ID, Text: e.arts[i].Text}
			case i%2 == 0:
				src := (i / 2) % n
				c, err := MakeCopy(e.arts[src], src, kinds[(i/2/n)%2], disguiseClasses[(i/2)%len(disguiseClasses)], e.vocab, 1000+uint64(i))
				docs[j] = index.Doc{ID: fmt.Sprintf("variant:%d:%s", i, e.arts[src].ID), Text: c.Text}
				return err
			default:
				rng := rand.New(rand.NewPCG(uint64(i), 99))
				docs[j] = index.Doc{ID: fmt.Sprintf("composite:%d", i), Text: composite(e.arts, rng)}
			}
			return nil
		})
		if err != nil {
			return err
		}
		t0 := time.Now()
		if _, err := ix.Add(docs); err != nil {
			return err
		}
		buildTime += time.Since(t0)
		if lo/batch%10 == 9 {
			e.log("big index: %d documents", lo+len(docs))
		}
	}
	st, err := ix.Stats()
	if err != nil {
		return err
	}
	// Queries: fresh disguised copies with a footer, of random originals.
	rng := rand.New(rand.NewPCG(e.cfg.Seed, 4242))
	var lat []time.Duration
	correct, cands := 0, 0
	for q := 0; q < e.cfg.Queries; q++ {
		src := rng.IntN(n)
		c, err := MakeCopy(e.arts[src], src, KindFooter, disguiseClasses[q%len(disguiseClasses)], e.vocab, 5000+uint64(q))
		if err != nil {
			return err
		}
		t0 := time.Now()
		res, err := ix.Query(c.Text, index.QueryOptions{})
		lat = append(lat, time.Since(t0))
		if err != nil {
			return err
		}
		cands += res.Candidates
		if len(res.Matches) > 0 {
			if i := slices.IndexFunc(e.arts, func(a Article) bool { return a.ID == res.Matches[0].ID }); i >= 0 && e.arts[i].Group == e.arts[src].Group {
				correct++
			}
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	q := func(f float64) time.Duration { return lat[min(len(lat)-1, int(f*float64(len(lat))))] }
	// The same queries without the restore step, which is package restore's cost.
	fmt.Fprintf(w, "\n## Query latency on an index of %d documents\n\n", st.Docs)
	fmt.Fprintf(w, "How the %d were made: the %d BBC originals; %d variants (even positions: a BBC article, trimmed+footer or edited+footer in turn, "+
		"disguised with the attack classes in rotation, new seeds); %d composites (odd positions: 12–25 sentences drawn from random articles, so same domain "+
		"but no single source). Every original thus has about %d near-duplicate variants in the index, all of which pass LSH and are verified for each query.\n\n",
		st.Docs, n, (e.cfg.Big-n+1)/2, (e.cfg.Big-n)/2, (e.cfg.Big-n)/2/n)
	fmt.Fprintf(w, "| measure | value |\n|---|---:|\n")
	fmt.Fprintf(w, "| build: Add in batches of %d, fsync per batch, sketching on %d cores | %.1f s (%.0f documents/s) |\n", batch, runtime.GOMAXPROCS(0), buildTime.Seconds(), float64(st.Docs)/buildTime.Seconds())
	fmt.Fprintf(w, "| index file | %.1f MB, %.0f bytes per document (text %.0f bytes per document) |\n", float64(st.FileBytes)/1e6, st.BytesPerDoc, float64(st.TextBytes)/float64(st.Docs))
	fmt.Fprintf(w, "| queries: fresh disguised copies + footer of random originals | %d |\n", len(lat))
	fmt.Fprintf(w, "| true original first | %s |\n", pct(ratio(correct, len(lat))))
	fmt.Fprintf(w, "| LSH candidates verified per query | %.1f |\n", float64(cands)/float64(len(lat)))
	fmt.Fprintf(w, "| latency p50 / p99 / max (restore + fold + MinHash + LSH + verify) | %s / %s / %s |\n", ms(q(0.5)), ms(q(0.99)), ms(lat[len(lat)-1]))
	return nil
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
