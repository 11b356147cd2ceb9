// Package eval measures how well detect and restore undo the disguises of
// package attack, and how much they disturb clean text.
//
// For each disguise class and rate it disguises a sample of news articles
// (Russian, Ukrainian and Bulgarian UDHR text for latin-in-cyrillic), runs
// the detector and the restorer, and scores them against the ground truth:
// the share of documents restored byte for byte, the precision and recall
// of findings (a finding is right when its byte range overlaps an edit), and
// whether the verdict is "disguised". Clean texts (UDHR in 435 languages and
// the news originals) must come back unchanged and be judged clean. The
// project's seed article must be restored exactly with one finding per
// disguised letter. Peer tools can be scored on the same documents.
package eval

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/unmaskdev/unmask/attack"
	"github.com/unmaskdev/unmask/detect"
	"github.com/unmaskdev/unmask/restore"
)

// System is what is evaluated: a detector and a restorer.
type System struct {
	Scan    func(text string) detect.Report
	Restore func(text string) string
}

// Unmask is this project's detector and restorer.
func Unmask() System { return System{Scan: detect.ScanString, Restore: restore.String} }

// Default rates and targets.
var (
	DefaultRates = []float64{0.05, 0.2, 0.5, 1}
)

// Targets the figures are held to.
const (
	TargetExact      = 0.99  // exact-document restore, per class
	TargetExactHeavy = 0.90  // the same for Heavy
	TargetClean      = 0.999 // clean documents left byte-identical
	TargetVerdict    = 0.99  // documents with the right verdict
)

// Config says what to evaluate.
type Config struct {
	News     []Doc // English originals
	Cyrillic []Doc // originals for LatinInCyrillic (see Chunks)
	Clean    []CleanSet
	Seed     *Seed
	Classes  []attack.Class // nil: all
	Rates    []float64      // nil: DefaultRates
	N        int            // originals per class and rate; 0: all
	RandSeed uint64
	Workers  int // 0: runtime.NumCPU()
	Explain  int // failures kept per class and per clean set
	System   System
	Peers    []Peer
	Progress io.Writer // nil: silent
}

// CleanSet is a named set of clean documents.
type CleanSet struct {
	Name string
	Docs []Doc
}

// Counts are the tallies for a group of disguised documents.
type Counts struct {
	Docs         int `json:"docs"`
	Exact        int `json:"exact"`         // restored byte for byte
	Edits        int `json:"edits"`         // ground-truth edits
	EditsFound   int `json:"edits_found"`   // edits overlapped by a finding
	Findings     int `json:"findings"`      // all findings
	FindingsTrue int `json:"findings_true"` // findings overlapping an edit
	VerdictRight int `json:"verdict_right"` // verdict "disguised"
	Suspicious   int `json:"suspicious"`    // verdict "suspicious"
	Skipped      int `json:"skipped"`       // originals with no eligible position
	Payloads     int `json:"payloads"`      // tag-smuggled payloads
	PayloadsRead int `json:"payloads_read"` // payloads in Report.Hidden, decoded right
}

func (c *Counts) add(o Counts) {
	c.Docs += o.Docs
	c.Exact += o.Exact
	c.Edits += o.Edits
	c.EditsFound += o.EditsFound
	c.Findings += o.Findings
	c.FindingsTrue += o.FindingsTrue
	c.VerdictRight += o.VerdictRight
	c.Suspicious += o.Suspicious
	c.Skipped += o.Skipped
	c.Payloads += o.Payloads
	c.PayloadsRead += o.PayloadsRead
}

// Precision is FindingsTrue/Findings, -1 when there are no findings.
func (c Counts) Precision() float64 { return ratio(c.FindingsTrue, c.Findings) }

// Recall is EditsFound/Edits, -1 when there are no edits.
func (c Counts) Recall() float64 { return ratio(c.EditsFound, c.Edits) }

// ExactRate is Exact/Docs, -1 when there are no documents.
func (c Counts) ExactRate() float64 { return ratio(c.Exact, c.Docs) }

// VerdictRate is VerdictRight/Docs, -1 when there are no documents.
func (c Counts) VerdictRate() float64 { return ratio(c.VerdictRight, c.Docs) }

func ratio(a, b int) float64 {
	if b == 0 {
		return -1
	}
	return float64(a) / float64(b)
}

// PeerCounts are a peer's tallies for a group of documents.
type PeerCounts struct {
	Docs    int `json:"docs"`
	Exact   int `json:"exact"`   // restored byte for byte (unchanged, for clean text)
	Flagged int `json:"flagged"` // flag = 1
	Flags   int `json:"flags"`   // documents the peer flagged or not (0 when it cannot flag)
	Errors  int `json:"errors"`  // documents the peer failed on
}

// RateResult is one class at one rate.
type RateResult struct {
	Rate   float64               `json:"rate"`
	Counts Counts                `json:"counts"`
	Peers  map[string]PeerCounts `json:"peers,omitempty"`
}

// ClassResult is one class over all rates.
type ClassResult struct {
	Class    attack.Class          `json:"class"`
	Rates    []RateResult          `json:"rates"`
	Total    Counts                `json:"total"`
	Peers    map[string]PeerCounts `json:"peers,omitempty"`
	Target   float64               `json:"target"` // exact-restore target
	Pass     bool                  `json:"pass"`
	Failures []Failure             `json:"failures,omitempty"`
}

// CleanResult is one clean set.
type CleanResult struct {
	Set          string                `json:"set"`
	Docs         int                   `json:"docs"`
	Changed      int                   `json:"changed"`       // documents restore changed
	Runes        int                   `json:"runes"`         // runes in all documents
	RunesChanged int                   `json:"runes_changed"` // runes restore changed (rune diff)
	Approximate  bool                  `json:"approximate"`   // RunesChanged is an upper bound for some document
	Flagged      int                   `json:"flagged"`       // verdict not clean
	Findings     int                   `json:"findings"`      // all false
	Peers        map[string]PeerCounts `json:"peers,omitempty"`
	Pass         bool                  `json:"pass"`
	Failures     []Failure             `json:"failures,omitempty"`
}

// SeedResult is the seed case.
type SeedResult struct {
	Name         string    `json:"name"`
	Exact        bool      `json:"exact"`
	Want         int       `json:"want"`          // disguised characters (from the diff of the two files)
	Findings     int       `json:"findings"`      // findings reported
	FindingsTrue int       `json:"findings_true"` // findings on a disguised character
	EditsFound   int       `json:"edits_found"`
	Verdict      string    `json:"verdict"`
	Pass         bool      `json:"pass"`
	Failure      *Failure  `json:"failure,omitempty"`
	Peers        []string  `json:"peers_exact,omitempty"` // peers that restore it exactly
	Edits        []seedHit `json:"-"`
}

type seedHit struct{ lo, hi int }

// Failure explains one document the system got wrong.
type Failure struct {
	Doc      string   `json:"doc"`
	Rate     float64  `json:"rate,omitempty"`
	Problems []string `json:"problems"`
}

// Report is the outcome of Run.
type Report struct {
	Rates    []float64     `json:"rates"`
	N        int           `json:"n"`
	RandSeed uint64        `json:"seed"`
	Seed     *SeedResult   `json:"seed_case,omitempty"`
	Classes  []ClassResult `json:"classes"`
	Total    Counts        `json:"total"`
	Clean    []CleanResult `json:"clean"`
	Verdict  struct {
		Docs  int     `json:"docs"`
		Right int     `json:"right"`
		Rate  float64 `json:"rate"`
		Pass  bool    `json:"pass"`
	} `json:"verdict"`
	Peers        []string      `json:"peers,omitempty"`
	RestorePeers []string      `json:"restore_peers,omitempty"`
	FlagPeers    []string      `json:"flag_peers,omitempty"`
	Pass         bool          `json:"pass"`
	Elapsed      time.Duration `json:"elapsed_ns"`
}

// docResult is the outcome for one disguised document.
type docResult struct {
	counts  Counts
	failed  bool
	failure *Failure // when asked to explain
}

// job is one disguised document to score.
type job struct {
	class   int // index in Report.Classes
	rate    int
	doc     Doc
	res     attack.Result
	outcome docResult
}

// Run evaluates cfg.System (and cfg.Peers) and returns the report.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	start := time.Now()
	if cfg.Classes == nil {
		cfg.Classes = attack.Classes
	}
	if cfg.Rates == nil {
		cfg.Rates = DefaultRates
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.NumCPU()
	}
	if cfg.System.Scan == nil || cfg.System.Restore == nil {
		cfg.System = Unmask()
	}
	rep := &Report{Rates: cfg.Rates, N: cfg.N, RandSeed: cfg.RandSeed}
	for _, p := range cfg.Peers {
		rep.Peers = append(rep.Peers, p.Name)
		if p.Restore != nil {
			rep.RestorePeers = append(rep.RestorePeers, p.Name)
		}
		if p.Flag != nil {
			rep.FlagPeers = append(rep.FlagPeers, p.Name)
		}
	}
	news := sample(cfg.News, cfg.N, cfg.RandSeed)
	cyr := sample(cfg.Cyrillic, cfg.N, cfg.RandSeed)

	// Disguise and score every document, in parallel, results kept in order.
	var jobs []*job
	for ci, c := range cfg.Classes {
		rep.Classes = append(rep.Classes, ClassResult{Class: c, Target: TargetExact})
		if c == attack.Heavy {
			rep.Classes[ci].Target = TargetExactHeavy
		}
		docs := news
		if c.NeedsCyrillic() {
			docs = cyr
		}
		for ri := range cfg.Rates {
			rep.Classes[ci].Rates = append(rep.Classes[ci].Rates, RateResult{Rate: cfg.Rates[ri]})
			for _, d := range docs {
				jobs = append(jobs, &job{class: ci, rate: ri, doc: d})
			}
		}
	}
	progress(cfg.Progress, "eval: disguising and scoring %d documents (%d classes × %d rates) on %d workers",
		len(jobs), len(cfg.Classes), len(cfg.Rates), cfg.Workers)
	err := parallel(ctx, len(jobs), cfg.Workers, func(i int) error {
		j := jobs[i]
		c := cfg.Classes[j.class]
		res, err := attack.Apply(j.doc.Text, c, cfg.Rates[j.rate], docSeed(cfg.RandSeed, c, cfg.Rates[j.rate], j.doc.ID))
		if err != nil {
			return err
		}
		j.res = res
		if len(res.Edits) == 0 {
			j.outcome.counts.Skipped = 1
			return nil
		}
		j.outcome = scoreDisguised(cfg.System, res, false)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Explain the first failures of each class, in corpus order: scoring
	// again is cheaper than keeping every report until the end.
	var explain []*job
	kept := make([]int, len(rep.Classes))
	for _, j := range jobs {
		cr := &rep.Classes[j.class]
		cr.Rates[j.rate].Counts.add(j.outcome.counts)
		cr.Total.add(j.outcome.counts)
		if j.outcome.failed && kept[j.class] < cfg.Explain {
			kept[j.class]++
			explain = append(explain, j)
		}
	}
	err = parallel(ctx, len(explain), cfg.Workers, func(i int) error {
		j := explain[i]
		j.outcome = scoreDisguised(cfg.System, j.res, true)
		if f := j.outcome.failure; f != nil {
			f.Doc, f.Rate = j.doc.ID, cfg.Rates[j.rate]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, j := range explain {
		if f := j.outcome.failure; f != nil {
			cr := &rep.Classes[j.class]
			cr.Failures = append(cr.Failures, *f)
		}
	}
	for i := range rep.Classes {
		cr := &rep.Classes[i]
		rep.Total.add(cr.Total)
		cr.Pass = cr.Total.Docs > 0 && cr.Total.ExactRate() >= cr.Target
	}

	// Clean sets.
	for _, set := range cfg.Clean {
		progress(cfg.Progress, "eval: %d clean documents of %s", len(set.Docs), set.Name)
		cr, err := scoreClean(ctx, cfg, set)
		if err != nil {
			return nil, err
		}
		rep.Clean = append(rep.Clean, cr)
	}

	if cfg.Seed != nil {
		rep.Seed = scoreSeed(cfg.System, cfg.Seed, cfg.Explain > 0)
	}

	if len(cfg.Peers) > 0 {
		if err := runPeers(ctx, cfg, rep, jobs); err != nil {
			return nil, err
		}
	}

	// Overall verdict accuracy: disguised documents and clean ones.
	v := &rep.Verdict
	v.Docs, v.Right = rep.Total.Docs, rep.Total.VerdictRight
	for _, c := range rep.Clean {
		v.Docs += c.Docs
		v.Right += c.Docs - c.Flagged
	}
	v.Rate = ratio(v.Right, v.Docs)
	v.Pass = v.Docs > 0 && v.Rate >= TargetVerdict
	rep.Pass = v.Pass && (rep.Seed == nil || rep.Seed.Pass)
	for _, c := range rep.Classes {
		rep.Pass = rep.Pass && c.Pass
	}
	for _, c := range rep.Clean {
		rep.Pass = rep.Pass && c.Pass
	}
	rep.Elapsed = time.Since(start)
	return rep, nil
}

// scoreDisguised runs sys on one disguised document and scores it against
// the ground truth.
func scoreDisguised(sys System, res attack.Result, explain bool) docResult {
	rep := sys.Scan(res.Text)
	restored := sys.Restore(res.Text)
	var c Counts
	c.Docs = 1
	c.Edits = len(res.Edits)
	if restored == res.Original {
		c.Exact = 1
	}
	edits := make([]span, len(res.Edits))
	for i, e := range res.Edits {
		edits[i] = span{e.Offset, e.Offset + e.Len}
	}
	hit, found := match(edits, rep.Findings)
	c.Findings = len(rep.Findings)
	c.FindingsTrue = hit
	for _, f := range found {
		if f {
			c.EditsFound++
		}
	}
	c.Payloads = len(res.Hidden)
	c.PayloadsRead = payloadsRead(res.Hidden, rep.Hidden)
	switch rep.Verdict {
	case detect.Disguised:
		c.VerdictRight = 1
	case detect.Suspicious:
		c.Suspicious = 1
	}
	out := docResult{counts: c}
	out.failed = c.Exact == 0 || c.EditsFound < c.Edits || c.FindingsTrue < c.Findings || c.VerdictRight == 0 ||
		c.PayloadsRead < c.Payloads
	if explain && out.failed {
		out.failure = explainDisguised(res, rep, restored, edits, found)
	}
	return out
}

type span struct{ lo, hi int }

// payloadsRead counts the smuggled payloads that the report's Hidden list
// holds, each matched once.
func payloadsRead(want, got []string) int {
	left := map[string]int{}
	for _, g := range got {
		left[g]++
	}
	n := 0
	for _, w := range want {
		if left[w] > 0 {
			left[w]--
			n++
		}
	}
	return n
}

// match says how many findings overlap an edit, and for each edit whether a
// finding overlaps it. Edits are sorted and disjoint; a finding of length 0
// counts as length 1.
func match(edits []span, findings []detect.Finding) (int, []bool) {
	found := make([]bool, len(edits))
	hit := 0
	for _, f := range findings {
		lo, hi := f.Offset, f.Offset+max(f.Len, 1)
		// the first edit that ends after lo
		i := sort.Search(len(edits), func(i int) bool { return edits[i].hi > lo })
		overlaps := false
		for ; i < len(edits) && edits[i].lo < hi; i++ {
			found[i] = true
			overlaps = true
		}
		if overlaps {
			hit++
		}
	}
	return hit, found
}

// scoreClean runs sys on every document of a clean set.
func scoreClean(ctx context.Context, cfg Config, set CleanSet) (CleanResult, error) {
	type out struct {
		changed, flagged, findings, runes, runesChanged int
		approx, failed                                  bool
		failure                                         *Failure
	}
	outs := make([]out, len(set.Docs))
	err := parallel(ctx, len(set.Docs), cfg.Workers, func(i int) error {
		d := set.Docs[i]
		rep := cfg.System.Scan(d.Text)
		restored := cfg.System.Restore(d.Text)
		o := &outs[i]
		o.runes = len([]rune(d.Text))
		o.findings = len(rep.Findings)
		if rep.Verdict != detect.Clean {
			o.flagged = 1
		}
		if restored != d.Text {
			o.changed = 1
			n, exact := runesChanged(d.Text, restored, 2000)
			o.runesChanged, o.approx = n, !exact
		}
		o.failed = o.changed == 1 || o.flagged == 1 || o.findings > 0
		return nil
	})
	if err != nil {
		return CleanResult{}, err
	}
	var explain []int
	for i := range outs {
		if outs[i].failed && len(explain) < cfg.Explain {
			explain = append(explain, i)
		}
	}
	err = parallel(ctx, len(explain), cfg.Workers, func(k int) error {
		d := set.Docs[explain[k]]
		outs[explain[k]].failure = explainClean(d, cfg.System.Scan(d.Text), cfg.System.Restore(d.Text))
		return nil
	})
	if err != nil {
		return CleanResult{}, err
	}
	cr := CleanResult{Set: set.Name, Docs: len(set.Docs)}
	for _, o := range outs {
		cr.Changed += o.changed
		cr.Flagged += o.flagged
		cr.Findings += o.findings
		cr.Runes += o.runes
		cr.RunesChanged += o.runesChanged
		cr.Approximate = cr.Approximate || o.approx
		if o.failure != nil {
			cr.Failures = append(cr.Failures, *o.failure)
		}
	}
	cr.Pass = cr.Docs > 0 && ratio(cr.Docs-cr.Changed, cr.Docs) >= TargetClean
	return cr, nil
}

// scoreSeed checks the seed article: restored exactly, one finding on each
// disguised character and none elsewhere.
func scoreSeed(sys System, s *Seed, explain bool) *SeedResult {
	r := &SeedResult{Name: s.Name}
	// The ground truth is the diff of the two files.
	a, b, p := trim(s.Disguised, s.Restored)
	ra, oa := runesOf(a)
	rb, ob := runesOf(b)
	hs, _ := hunks(ra, rb, 5000)
	var edits []span
	var originals []string
	for _, h := range hs {
		// one edit per disguised rune, as the seed disguises single letters
		for i := h.aLo; i < h.aHi; i++ {
			edits = append(edits, span{p + oa[i], p + oa[i+1]})
			orig := "?"
			if h.aHi-h.aLo == h.bHi-h.bLo {
				j := h.bLo + i - h.aLo
				orig = b[ob[j]:ob[j+1]]
			}
			originals = append(originals, orig)
		}
	}
	r.Want = len(edits)
	rep := sys.Scan(s.Disguised)
	restored := sys.Restore(s.Disguised)
	r.Exact = restored == s.Restored
	r.Findings = len(rep.Findings)
	var found []bool
	r.FindingsTrue, found = match(edits, rep.Findings)
	for _, f := range found {
		if f {
			r.EditsFound++
		}
	}
	r.Verdict = string(rep.Verdict)
	r.Pass = r.Exact && r.Findings == r.Want && r.FindingsTrue == r.Findings && r.EditsFound == r.Want
	if explain && !r.Pass {
		res := attack.Result{Original: s.Restored, Text: s.Disguised}
		for i, e := range edits {
			res.Edits = append(res.Edits, attack.Edit{Offset: e.lo, Len: e.hi - e.lo, Original: originals[i]})
		}
		r.Failure = explainDisguised(res, rep, restored, edits, found)
		r.Failure.Doc = s.Name
	}
	return r
}

// sample picks n documents at random (all when n is 0 or too large), in
// corpus order.
func sample(docs []Doc, n int, seed uint64) []Doc {
	if n <= 0 || n >= len(docs) {
		return docs
	}
	r := rand.New(rand.NewPCG(seed, 0x5A3B1E))
	idx := r.Perm(len(docs))[:n]
	slices.Sort(idx)
	out := make([]Doc, n)
	for i, j := range idx {
		out[i] = docs[j]
	}
	return out
}

// docSeed gives each (class, rate, document) its own seed, so a document is
// disguised the same way whatever the sample or the worker count.
func docSeed(seed uint64, c attack.Class, rate float64, id string) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d\x00%s\x00%g\x00%s", seed, c, rate, id)
	return h.Sum64()
}

// parallel calls fn(0..n-1) on up to workers goroutines; the first error stops it.
func parallel(ctx context.Context, n, workers int, fn func(i int) error) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	for w := 0; w < min(workers, n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				if err := fn(i); err != nil {
					once.Do(func() { first = err })
					next.Store(int64(n))
					return
				}
			}
		}()
	}
	wg.Wait()
	if first != nil {
		return first
	}
	return ctx.Err()
}

func progress(w io.Writer, format string, a ...any) {
	if w != nil {
		fmt.Fprintf(w, format+"\n", a...)
	}
}
