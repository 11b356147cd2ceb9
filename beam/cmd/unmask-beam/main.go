// Command unmask-beam runs unmask's dedup and trace as Apache Beam
// pipelines: on the embedded Prism runner by default, on Flink, Spark or
// Dataflow with --runner and that runner's flags.
//
//	unmask-beam dedup --input=GLOB --output=PREFIX [flags]
//	unmask-beam trace --originals=GLOB --input=GLOB --output=PREFIX [flags]
//
// See beam/README.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/unmaskdev/unmask/beam/pipeline"
	"github.com/unmaskdev/unmask/dedup"
	"github.com/unmaskdev/unmask/index"
)

var (
	input     = flag.String("input", "", "input files (glob): JSON Lines, or WARC/WET by name (.warc, .wet, optionally .gz)")
	originals = flag.String("originals", "", "trace: the originals (glob), read as unmask index add reads them")
	output    = flag.String("output", "", "output prefix: PREFIX-clusters-*, PREFIX-kept-* (dedup) or PREFIX-traced-* (trace), PREFIX-deadletter-*")
	format    = flag.String("format", "auto", "dedup: input format: auto (by file name), jsonl or warc")
	field     = flag.String("field", "text", "field holding the text")
	idField   = flag.String("id-field", "id", "trace: field holding the record ID")
	shards    = flag.Int("shards", 4, "output files per output")
	restore   = flag.Bool("restore", false, "restore text before folding (as unmask dedup --restore / unmask index add --restore)")

	keep         = flag.String("keep", "first", "dedup: representative: first, longest or cleanest")
	clusterField = flag.String("cluster-field", "cluster", "dedup: output field for the cluster")
	keptField    = flag.String("kept-field", "kept", "dedup: output field for whether the record is kept")
	minSim       = flag.Float64("min-similarity", -1, "Jaccard similarity that makes a match (default: unmask dedup's 0.5, unmask trace's 0.2)")
	minCont      = flag.Float64("min-containment", -1, "containment that makes a match (default: unmask dedup's 0.9, unmask trace's 0.5; 0: off)")
	maxBucket    = flag.Int("max-bucket", dedup.DefaultMaxBucket, "dedup: an LSH bucket's records are compared with its first max-bucket only")
	rounds       = flag.Int("cc-rounds", 10, "dedup: connected-components rounds (large-star + small-star), each checked for convergence")

	top    = flag.Int("top", 5, "trace: most originals listed per copy")
	verify = flag.Int("verify", index.DefaultMaxVerify, "trace: candidates compared exactly (0: every one that could match)")
)

func main() {
	if len(os.Args) < 2 || os.Args[1] != "dedup" && os.Args[1] != "trace" {
		fmt.Fprintln(os.Stderr, "usage: unmask-beam dedup|trace [flags]; unmask-beam dedup --help")
		os.Exit(2)
	}
	cmd := os.Args[1]
	os.Args = append(os.Args[:1], os.Args[2:]...)
	flag.Parse()
	beam.Init()
	if err := run(context.Background(), cmd); err != nil {
		fmt.Fprintf(os.Stderr, "unmask-beam %s: %v\n", cmd, err)
		os.Exit(2)
	}
}

func run(ctx context.Context, cmd string) error {
	if *input == "" || *output == "" {
		return fmt.Errorf("--input and --output are required")
	}
	files, err := pipeline.Files(ctx, *input)
	if err != nil {
		return err
	}
	p, s := beam.NewPipelineWithRoot()
	switch cmd {
	case "dedup":
		o := pipeline.DedupOptions{
			Files: files, Output: *output, Format: *format, Field: *field, ClusterField: *clusterField, KeptField: *keptField,
			Keep: dedup.Keep(*keep), MinSimilarity: def(*minSim, dedup.DefaultMinSimilarity), MinContainment: def(*minCont, dedup.DefaultMinContainment),
			MaxBucket: *maxBucket, Restore: *restore, Rounds: *rounds, Shards: *shards,
		}
		if err := o.Validate(); err != nil {
			return err
		}
		pipeline.Dedup(s, o)
	case "trace":
		if *originals == "" {
			return fmt.Errorf("--originals is required")
		}
		orig, err := pipeline.Files(ctx, *originals)
		if err != nil {
			return err
		}
		o := pipeline.TraceOptions{
			Originals: orig, Files: files, Output: *output, Field: *field, IDField: *idField, Restore: *restore, Shards: *shards,
			Query: index.CommandOptions(*top, def(*minSim, index.DefaultMinSimilarity), def(*minCont, index.DefaultMinContainment), *verify),
		}
		pipeline.Trace(s, o)
	}
	res, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		return err
	}
	return pipeline.Report(os.Stderr, res)
}

func def(v, d float64) float64 {
	if v < 0 {
		return d
	}
	return v
}
