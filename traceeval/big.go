package traceeval

import (
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/unmaskdev/unmask/fingerprint"
	"github.com/unmaskdev/unmask/index"
)

// big builds an index of cfg.Big documents of the given kind and measures
// query latency on it.
func (e *env) big(w io.Writer, p fingerprint.Params, kind string) error {
	dir := filepath.Join(e.cfg.Dir, "big-"+kind)
	ix, err := index.Open(dir, &index.Options{Params: &p})
	if err != nil {
		return err
	}
	defer ix.Close()
	n := len(e.arts)
	var ch *chain
	var calibration string
	switch kind {
	case BigSynthetic:
	case BigRealistic:
		ch = newChain(e.arts)
		calibration = e.calibrate(ch, p)
	default:
		return fmt.Errorf("unknown latency index %q: want %s or %s", kind, BigSynthetic, BigRealistic)
	}
	const batch = 2000
	var buildTime time.Duration
	variantKinds := []string{KindTrimmed, KindEdited}
	start := 0
	if have, err := ix.Len(); err == nil && have == e.cfg.Big {
		start = e.cfg.Big // made by an earlier run with --dir: reuse it, untimed
	}
	for lo := start; lo < e.cfg.Big; lo += batch {
		docs := make([]index.Doc, min(batch, e.cfg.Big-lo))
		err := parallel(len(docs), func(j int) error {
			i := lo + j
			switch {
			case i < n:
				docs[j] = index.Doc{ID: e.arts[i].ID, Text: e.arts[i].Text}
			case ch != nil:
				rng := rand.New(rand.NewPCG(uint64(i), 98))
				docs[j] = index.Doc{ID: fmt.Sprintf("chain:%d", i), Text: ch.article(rng)}
			case i%2 == 0:
				src := (i / 2) % n
				c, err := MakeCopy(e.arts[src], src, variantKinds[(i/2/n)%2], disguiseClasses[(i/2)%len(disguiseClasses)], e.vocab, 1000+uint64(i))
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
			e.log("%s index: %d documents", kind, lo+len(docs))
		}
	}
	st, err := ix.Stats()
	if err != nil {
		return err
	}
	// Queries: fresh disguised copies with a footer, of random originals.
	rng := rand.New(rand.NewPCG(e.cfg.Seed, 4242))
	queries := make([]string, e.cfg.Queries)
	srcs := make([]int, e.cfg.Queries)
	for q := range queries {
		srcs[q] = rng.IntN(n)
		c, err := MakeCopy(e.arts[srcs[q]], srcs[q], KindFooter, disguiseClasses[q%len(disguiseClasses)], e.vocab, 5000+uint64(q))
		if err != nil {
			return err
		}
		queries[q] = c.Text
	}
	type pass struct {
		name                           string
		lat                            []time.Duration
		correct, family, cands, verify int
		excerptCands                   int
		load                           string
	}
	run := func(name string, opt index.QueryOptions) (pass, error) {
		runtime.GC()
		ps := pass{name: name, load: loadavg()}
		for q, text := range queries {
			t0 := time.Now()
			res, err := ix.Query(text, opt)
			ps.lat = append(ps.lat, time.Since(t0))
			if err != nil {
				return ps, err
			}
			ps.cands += res.Candidates
			ps.verify += res.Verified
			ps.excerptCands += max(0, res.ExcerptCandidates)
			if len(res.Matches) > 0 {
				id := res.Matches[0].ID
				if i := slices.IndexFunc(e.arts, func(a Article) bool { return a.ID == id }); i >= 0 && e.arts[i].Group == e.arts[srcs[q]].Group {
					ps.correct++
					ps.family++
				} else if strings.HasPrefix(id, "variant:") {
					// A variant of the same original: right story, not the original.
					_, orig, _ := strings.Cut(strings.TrimPrefix(id, "variant:"), ":")
					if i := slices.IndexFunc(e.arts, func(a Article) bool { return a.ID == orig }); i >= 0 && e.arts[i].Group == e.arts[srcs[q]].Group {
						ps.family++
					}
				}
			}
		}
		slices.Sort(ps.lat)
		return ps, nil
	}
	var passes []pass
	for r := 0; r < e.cfg.Repeat; r++ {
		ps, err := run(fmt.Sprintf("default (best %d verified, excerpt lookup auto), timing %d", index.DefaultMaxVerify, r+1), index.QueryOptions{})
		if err != nil {
			return err
		}
		passes = append(passes, ps)
	}
	for _, x := range []struct {
		name string
		opt  index.QueryOptions
	}{
		{"every plausible candidate verified (MaxVerify -1)", index.QueryOptions{MaxVerify: -1}},
		{"excerpt lookup off", index.QueryOptions{Excerpts: index.ExcerptsOff}},
		{"excerpt lookup always", index.QueryOptions{Excerpts: index.ExcerptsAlways}},
	} {
		ps, err := run(x.name, x.opt)
		if err != nil {
			return err
		}
		passes = append(passes, ps)
	}
	e.log("%s index: %d queries × %d passes", kind, len(queries), len(passes))

	fmt.Fprintf(w, "\n## Query latency on an index of %d documents: %s\n\n", st.Docs, kind)
	switch kind {
	case BigSynthetic:
		fmt.Fprintf(w, "How the %d were made (adversarial): the %d BBC originals; %d variants (even positions: a BBC article, trimmed+footer or edited+footer in turn, "+
			"disguised with the attack classes in rotation, new seeds); %d composites (odd positions: 12–25 sentences drawn from random articles). "+
			"Every original thus has about %d near-duplicate variants in the index, every composite shares whole sentences with about a hundred others, "+
			"and every variant carries one of the same few footers as the queries: a query's LSH candidates are many, most of them sharing the footer or a sentence.\n\n",
			st.Docs, n, (e.cfg.Big-n+1)/2, (e.cfg.Big-n)/2, (e.cfg.Big-n)/2/n)
	case BigRealistic:
		fmt.Fprintf(w, "How the %d were made (an index of distinct originals): the %d BBC originals and %d chain articles, random walks on the BBC articles' words "+
			"(next word drawn after the two words before with probability %.1f, else after one; lengths drawn from the BBC articles). "+
			"Each is a distinct text from the same domain and vocabulary. Calibration, against the BBC originals: %s\n\n",
			st.Docs, n, e.cfg.Big-n, chainOrder2, calibration)
	}
	fmt.Fprintf(w, "| measure | value |\n|---|---:|\n")
	if start == 0 {
		fmt.Fprintf(w, "| build: Add in batches of %d, fsync per batch, sketching on %d cores | %.1f s (%.0f documents/s) |\n", batch, runtime.GOMAXPROCS(0), buildTime.Seconds(), float64(st.Docs)/buildTime.Seconds())
	} else {
		fmt.Fprintf(w, "| build | not timed: index reused from an earlier run (--dir) |\n")
	}
	fmt.Fprintf(w, "| index file | %.1f MB, %.0f bytes per document (text %.0f bytes per document; %.1f band and %.1f sampled-shingle entries per document) |\n",
		float64(st.FileBytes)/1e6, st.BytesPerDoc, float64(st.TextBytes)/float64(st.Docs), float64(st.BandKeys)/float64(st.Docs), float64(st.ShingleKeys)/float64(st.Docs))
	fmt.Fprintf(w, "| queries: fresh disguised copies + footer of random originals, one goroutine | %d per pass |\n", len(queries))
	fmt.Fprintf(w, "\n| pass | load avg before | true original first | original or a variant of it first | LSH + excerpt candidates / verified per query | p50 | p99 | max |\n|---|---|---:|---:|---:|---:|---:|---:|\n")
	for _, ps := range passes {
		q := func(f float64) time.Duration { return ps.lat[min(len(ps.lat)-1, int(f*float64(len(ps.lat))))] }
		nq := float64(len(queries))
		fmt.Fprintf(w, "| %s | %s | %s | %s | %.1f + %.1f / %.1f | %s | %s | %s |\n", ps.name, ps.load, pct(ratio(ps.correct, len(queries))), pct(ratio(ps.family, len(queries))),
			float64(ps.cands)/nq, float64(ps.excerptCands)/nq, float64(ps.verify)/nq, ms(q(0.5)), ms(q(0.99)), ms(ps.lat[len(ps.lat)-1]))
	}
	fmt.Fprintf(w, "\nLatency is the whole of Index.Query: fingerprinting the query, LSH lookups, estimates and exact verification, in one bbolt read transaction.\n")
	return nil
}

// calibrate compares chain articles with the BBC originals the way
// distinct originals compare with each other: LSH candidates per pair and
// shingles shared per pair.
func (e *env) calibrate(ch *chain, p fingerprint.Params) string {
	fp := fingerprint.MustNew(p)
	n := len(e.arts)
	sk := make([]fingerprint.Sketch, n)
	parallel(n, func(i int) error { sk[i] = fp.Sketch(e.arts[i].Text); return nil })
	bands := map[uint64][]int{}
	for i := range sk {
		for _, k := range fp.AppendBandKeys(nil, sk[i].Signature) {
			bands[k] = append(bands[k], i)
		}
	}
	rng := rand.New(rand.NewPCG(e.cfg.Seed, 77))
	// Originals among themselves: other stories only (different group,
	// Jaccard below 0.5).
	cands, shared, pairs := 0, 0, 0
	for i := range sk {
		seen := map[int]bool{}
		for _, k := range fp.AppendBandKeys(nil, sk[i].Signature) {
			for _, j := range bands[k] {
				if j != i && e.arts[j].Group != e.arts[i].Group && fingerprint.Jaccard(sk[i].Shingles, sk[j].Shingles) < 0.5 {
					seen[j] = true
				}
			}
		}
		cands += len(seen)
		for t := 0; t < 10; t++ {
			if j := rng.IntN(n); e.arts[j].Group != e.arts[i].Group {
				shared += fingerprint.Intersection(sk[i].Shingles, sk[j].Shingles)
				pairs++
			}
		}
	}
	origRate, origShared := float64(cands)/float64(n)/float64(n-1), float64(shared)/float64(pairs)
	const m = 3000
	cands, shared, pairs = 0, 0, 0
	for d := 0; d < m; d++ {
		s := fp.Sketch(ch.article(rand.New(rand.NewPCG(uint64(d), 97))))
		seen := map[int]bool{}
		for _, k := range fp.AppendBandKeys(nil, s.Signature) {
			for _, j := range bands[k] {
				seen[j] = true
			}
		}
		cands += len(seen)
		for t := 0; t < 10; t++ {
			shared += fingerprint.Intersection(s.Shingles, sk[rng.IntN(n)].Shingles)
			pairs++
		}
	}
	chainRate, chainShared := float64(cands)/m/float64(n), float64(shared)/float64(pairs)
	return fmt.Sprintf("a chain article and an original share %.2f shingles on average and are LSH candidates with probability %.1e; "+
		"two originals of different stories share %.2f and are candidates with probability %.1e (%d chain articles, all %d originals).",
		chainShared, chainRate, origShared, origRate, m, n)
}

// excerpts measures trace on trimmed copies by the share of the article
// they keep, and on excerpt+footer copies (15–35% of the words).
func (e *env) excerpts(w io.Writer, p fingerprint.Params, main *traceResult) error {
	sources := e.copySources()
	fmt.Fprintf(w, "\n## Short copies\n\n")
	fmt.Fprintf(w, "Trimmed copies (default parameters) by the share of the article's words they keep:\n\n")
	fmt.Fprintf(w, "| words kept | copies | recall@1 |\n|---|---:|---:|\n")
	for _, b := range [][2]float64{{0, 0.5}, {0.5, 0.75}, {0.75, 2}} {
		keep := func(i int) bool {
			return e.copies[i].Kind == KindTrimmed && e.copies[i].Kept >= b[0] && e.copies[i].Kept < b[1]
		}
		s := e.score(main.hits, sources, index.DefaultMinSimilarity, index.DefaultMinContainment, keep)
		label := fmt.Sprintf("%.0f–%.0f%%", 100*b[0], 100*b[1])
		if b[1] > 1 {
			label = fmt.Sprintf("%.0f%% or more", 100*b[0])
		}
		fmt.Fprintf(w, "| %s | %d | %s |\n", label, s.pos, pct(s.recall()))
	}

	// Excerpts: one per article, classes in rotation.
	texts := make([]string, len(e.arts))
	srcs := make([]int, len(e.arts))
	err := parallel(len(e.arts), func(i int) error {
		c, err := MakeCopy(e.arts[i], i, KindExcerpt, disguiseClasses[i%len(disguiseClasses)], e.vocab, e.cfg.Seed+100)
		texts[i], srcs[i] = c.Text, i
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nExcerpt copies (%s: 15–35%% of an article's words from a paragraph start, disguised, and a footer; one per article, %d of them of held-out articles) "+
		"and all copies, traced at the default thresholds with each excerpt mode (index.QueryOptions.Excerpts; auto is the default: "+
		"sampled shingles are looked up when no LSH match covers %.0f%% of the query):\n\n", KindExcerpt, count(e.held), 100*index.ExcerptCover)
	fmt.Fprintf(w, "| excerpt lookup | recall@1 all copies | trimmed+footer | excerpts | precision all copies / excerpts | false alarms all copies / excerpts | "+
		"LSH + excerpt candidates per query (all copies) | queries/s (all copies) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
	copies := e.copyTexts()
	for _, mode := range []struct {
		name string
		m    index.ExcerptMode
	}{{"off", index.ExcerptsOff}, {"auto (default)", index.ExcerptsAuto}, {"always", index.ExcerptsAlways}} {
		opt := index.QueryOptions{Limit: 5, Excerpts: mode.m}
		all, err := e.trace(p, opt, copies)
		if err != nil {
			return err
		}
		ex, err := e.trace(p, opt, texts)
		if err != nil {
			return err
		}
		sa := e.score(all.hits, sources, index.DefaultMinSimilarity, index.DefaultMinContainment, nil)
		st := e.score(all.hits, sources, index.DefaultMinSimilarity, index.DefaultMinContainment, e.kindIs(KindTrimmed))
		se := e.score(ex.hits, srcs, index.DefaultMinSimilarity, index.DefaultMinContainment, nil)
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s / %s | %d / %d | %.2f + %.2f | %.0f |\n", mode.name,
			pct(sa.recall()), pct(st.recall()), pct(se.recall()), pct(sa.precision()), pct(se.precision()), sa.falseMatch, se.falseMatch,
			float64(all.candidates)/float64(len(copies)), float64(all.excerptCands)/float64(len(copies)), float64(len(copies))/all.queries.Seconds())
	}
	return nil
}

func count(b []bool) int {
	n := 0
	for _, x := range b {
		if x {
			n++
		}
	}
	return n
}
