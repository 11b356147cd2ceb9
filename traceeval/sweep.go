package traceeval

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"time"

	"github.com/unmaskdev/unmask/dedup"
	"github.com/unmaskdev/unmask/fingerprint"
	"github.com/unmaskdev/unmask/index"
)

// sweepPoint is one parameter set's scores.
type sweepPoint struct {
	p                          fingerprint.Params
	recall, precision, candRec float64
	cands                      float64
	f1                         float64
	sigMicros                  float64
}

// sweep tries shingle sizes and band × row layouts in memory (same scoring
// as the bbolt runs, without the disk, every candidate verified), with the
// default fold-only fingerprints.
func (e *env) sweep(w io.Writer) {
	type layout struct{ bands, rows int }
	layouts := []layout{{32, 2}, {16, 4}, {8, 8}, {64, 2}, {32, 4}, {16, 8}, {128, 2}, {64, 4}, {32, 8}}
	n := len(e.arts)
	var points []sweepPoint
	for _, sh := range []int{2, 3, 4, 5} {
		base := fingerprint.Params{Shingle: sh, Bands: 1, Rows: 1, Seed: e.cfg.Params.Seed}
		fp := fingerprint.MustNew(base)
		sets := make([][]uint32, n+len(e.copies))
		parallel(len(sets), func(i int) error {
			if i < n {
				sets[i] = fp.Sketch(e.arts[i].Text).Shingles
			} else {
				sets[i] = fp.Sketch(e.copies[i-n].Text).Shingles
			}
			return nil
		})
		for _, l := range layouts {
			p := base
			p.Bands, p.Rows = l.bands, l.rows
			fpl := fingerprint.MustNew(p)
			bands := make([][]uint64, len(sets))
			t0 := time.Now()
			parallel(len(sets), func(i int) error {
				bands[i] = fpl.AppendBandKeys(nil, fpl.SignatureOf(sets[i]))
				return nil
			})
			sig := time.Since(t0)
			pt := e.sweepTrace(sets, bands)
			pt.p = p
			pt.sigMicros = float64(sig.Microseconds()) * float64(runtime.GOMAXPROCS(0)) / float64(len(sets))
			items := make([]dedup.Item, len(sets))
			for i := range sets {
				items[i] = dedup.Item{Bands: bands[i], Shingles: sets[i]}
			}
			assign, _ := dedup.Cluster(items, dedup.Options{})
			pred, truth := make([]int, len(items)), make([]int, len(items))
			for i, a := range assign {
				pred[i] = a.Cluster
				if i < n {
					truth[i] = e.arts[i].Group
				} else {
					truth[i] = e.arts[e.copies[i-n].Source].Group
				}
			}
			pt.f1 = pairwise(pred, truth).f1
			points = append(points, pt)
			e.log("sweep %s: recall %.4f f1 %.4f", paramString(p), pt.recall, pt.f1)
		}
	}
	fmt.Fprintf(w, "\n## Parameter sweep (in memory, fold only, default thresholds)\n\n")
	fmt.Fprintf(w, "Candidate recall: share of copies of indexed articles whose original shares a band with them. Signature cost: MinHash alone, per document, one core.\n\n")
	fmt.Fprintf(w, "| shingle | bands × rows | hashes | LSH threshold | trace recall@1 | trace precision | candidate recall | candidates/query | dedup F1 | signature µs/doc |\n")
	fmt.Fprintf(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, pt := range points {
		fmt.Fprintf(w, "| %d | %d × %d | %d | %.2f | %s | %s | %s | %.2f | %.4f | %.1f |\n",
			pt.p.Shingle, pt.p.Bands, pt.p.Rows, pt.p.NumHashes(), pt.p.Threshold(), pct(pt.recall), pct(pt.precision), pct(pt.candRec), pt.cands, pt.f1, pt.sigMicros)
	}
}

// sweepTrace scores trace with an in-memory LSH table of the indexed originals.
func (e *env) sweepTrace(sets [][]uint32, bands [][]uint64) sweepPoint {
	n := len(e.arts)
	table := map[uint64][]int32{}
	for i := 0; i < n; i++ {
		if e.held[i] || len(sets[i]) == 0 {
			continue
		}
		for _, k := range bands[i] {
			table[k] = append(table[k], int32(i))
		}
	}
	hits := make([][]hit, len(e.copies))
	candFound, totalCands := 0, 0
	for ci, c := range e.copies {
		q := n + ci
		var cands []int32
		for _, k := range bands[q] {
			cands = append(cands, table[k]...)
		}
		slices.Sort(cands)
		cands = slices.Compact(cands)
		totalCands += len(cands)
		for _, a := range cands {
			if e.arts[a].Group == e.arts[c.Source].Group {
				candFound++
				break
			}
		}
		for _, a := range cands {
			inter := fingerprint.Intersection(sets[q], sets[a])
			sim := float64(inter) / float64(len(sets[q])+len(sets[a])-inter)
			hits[ci] = append(hits[ci], hit{int(a), sim, float64(inter) / float64(max(1, len(sets[q])))})
		}
		slices.SortFunc(hits[ci], func(x, y hit) int {
			switch {
			case x.sim != y.sim:
				if x.sim > y.sim {
					return -1
				}
				return 1
			case x.contai != y.contai:
				if x.contai > y.contai {
					return -1
				}
				return 1
			}
			return x.src - y.src
		})
	}
	s := e.score(hits, e.copySources(), index.DefaultMinSimilarity, index.DefaultMinContainment, nil)
	pos := 0
	for _, c := range e.copies {
		if !e.held[c.Source] {
			pos++
		}
	}
	return sweepPoint{recall: s.recall(), precision: s.precision(), candRec: ratio(candFound, pos), cands: float64(totalCands) / float64(len(e.copies))}
}
