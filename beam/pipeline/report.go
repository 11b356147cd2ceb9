package pipeline

import (
	"fmt"
	"io"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
)

// Counters returns the pipeline's "unmask" counters by name.
func Counters(res beam.PipelineResult) map[string]int64 {
	m := map[string]int64{}
	if res == nil {
		return m
	}
	for _, c := range res.Metrics().AllMetrics().Counters() {
		if c.Key.Namespace == "unmask" {
			m[c.Key.Name] += c.Result()
		}
	}
	return m
}

// Report prints the counters and checks the pipeline's invariants: for
// dedup, documents in = kept + removed; connected components converged.
func Report(w io.Writer, res beam.PipelineResult) error {
	m := Counters(res)
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		fmt.Fprintf(w, "%s\t%d\n", k, m[k])
	}
	return Check(m)
}

// Check checks the invariants of a run's counters.
func Check(m map[string]int64) error {
	if n := m[MetricUnconverge]; n > 0 {
		return fmt.Errorf("connected components did not converge (%d nodes not in stars): raise --cc-rounds", n)
	}
	if _, ok := m[MetricKept]; ok && m[MetricIn] != m[MetricKept]+m[MetricRemoved] {
		return fmt.Errorf("%d documents in but %d kept + %d removed", m[MetricIn], m[MetricKept], m[MetricRemoved])
	}
	return nil
}
