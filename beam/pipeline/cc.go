package pipeline

import (
	"context"
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

// Components labels every node of an undirected graph (edges as KV<a, b>)
// with the smallest node of its connected component, by alternating the
// large-star and small-star operations of Kiveris, Lattanzi, Mirrokni,
// Rastogi and Vassilvitskii, "Connected Components in MapReduce and
// Beyond" (SoCC 2014): each round is two GroupByKeys over the edges, and
// at convergence every component is a star whose centre is its smallest
// node. The paper bounds the rounds by O(log² n) and measures a handful on
// graphs of billions of edges.
//
// The pipeline runs rounds rounds and checks, after each, whether the
// edges form stars (every node has one parent, and no parent has one):
// the counter cc_unconverged_round_NN counts the nodes that do not, and
// cc_unconverged those left after the last round. Rounds after
// convergence change nothing and cost one shuffle of the (few) edges.
// Nodes without edges are not in the output: each is its own component.
func Components(s beam.Scope, edges beam.PCollection, rounds int) beam.PCollection {
	s = s.Scope("components")
	for r := 1; r <= rounds; r++ {
		edges = beam.ParDo(s, largeStarFn, beam.GroupByKey(s, beam.ParDo(s, bothWaysFn, edges)))
		edges = beam.ParDo(s, smallStarFn, beam.GroupByKey(s, beam.ParDo(s, downFn, edges)))
		beam.ParDo0(s, &checkFn{Counter: fmt.Sprintf("%s_round_%02d", MetricUnconverge, r), Last: r == rounds},
			beam.GroupByKey(s, beam.ParDo(s, checkEmitFn, edges)))
	}
	return beam.ParDo(s, labelFn, edges)
}

func init() {
	register.Function3x0(bothWaysFn)
	register.Function3x0(downFn)
	register.Function3x0(largeStarFn)
	register.Function3x0(smallStarFn)
	register.Function3x0(checkEmitFn)
	register.DoFn3x0[context.Context, int64, func(*int64) bool](&checkFn{})
	register.Function3x0(labelFn)
}

func bothWaysFn(a, b int64, emit func(int64, int64)) {
	if a != b {
		emit(a, b)
		emit(b, a)
	}
}

// downFn orients an edge from the larger node to the smaller.
func downFn(a, b int64, emit func(int64, int64)) {
	switch {
	case a > b:
		emit(a, b)
	case b > a:
		emit(b, a)
	}
}

func neighbours(iter func(*int64) bool) []int64 {
	var ns []int64
	var v int64
	for iter(&v) {
		ns = append(ns, v)
	}
	slices.Sort(ns)
	return slices.Compact(ns)
}

// largeStarFn: with m the smallest of u and its neighbours, connect every
// neighbour larger than u to m.
func largeStarFn(u int64, iter func(*int64) bool, emit func(int64, int64)) {
	ns := neighbours(iter)
	m := min(u, ns[0])
	for _, v := range ns {
		if v > u {
			emit(v, m)
		}
	}
}

// smallStarFn: with N the neighbours not larger than u and m the smallest
// of N and u, connect u and every node of N to m.
func smallStarFn(u int64, iter func(*int64) bool, emit func(int64, int64)) {
	ns := neighbours(iter) // all smaller than u (downFn)
	m := min(u, ns[0])
	if u != m {
		emit(u, m)
	}
	for _, v := range ns {
		if v != m {
			emit(v, m)
		}
	}
}

// checkEmitFn: an edge (child, parent), child > parent after small-star.
func checkEmitFn(a, b int64, emit func(int64, int64)) {
	c, p := max(a, b), min(a, b)
	emit(c, p)
	emit(p, -1) // p is a parent
}

type checkFn struct {
	Counter string
	Last    bool
}

func (f *checkFn) ProcessElement(ctx context.Context, node int64, iter func(*int64) bool) {
	parents, isParent := 0, false
	for _, v := range neighbours(iter) {
		if v < 0 {
			isParent = true
		} else {
			parents++
		}
	}
	if parents > 1 || parents == 1 && isParent {
		beam.NewCounter("unmask", f.Counter).Inc(ctx, 1)
		if f.Last {
			beam.NewCounter("unmask", MetricUnconverge).Inc(ctx, 1)
		}
	}
}

// labelFn gives both ends of a star edge the centre's label.
func labelFn(a, b int64, emit func(int64, int64)) {
	m := min(a, b)
	emit(max(a, b), m)
	emit(m, m)
}
