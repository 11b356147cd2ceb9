package main

import (
	"flag"
	"io"

	"github.com/unmaskdev/unmask/fingerprint"
	"github.com/unmaskdev/unmask/traceeval"
)

func init() {
	register(&command{
		name:    "eval-trace",
		summary: "measure trace and dedup on disguised copies of news articles (slow)",
		usage: `unmask eval-trace [flags]

Builds a test corpus from the BBC News articles: every article copied four
ways (disguised; disguised + footer; trimmed to 50-90% + footer; ~5% of
words edited + footer), each copy disguised with one class of package attack
at rate 0.3. Indexes the articles (10% held out: their copies must match
nothing), traces every copy, clusters originals and copies, and prints a
Markdown report: trace recall@1 and precision, dedup pairwise F1, for unmask
and for the same MinHash on the raw text; a threshold curve; fingerprinting
throughput; index size; and query latency p50/p99 on an index of --big
documents (built from variants and composites of the articles, as the report
says). --sweep adds the parameter sweep the defaults were chosen from.
Takes minutes: about 4 with the defaults, 8 with --sweep, on 2 cores.
Exit status: 0 done, 2 error.

Examples:
  unmask eval-trace > trace-eval.md
  unmask eval-trace --sweep --big 0 --data ../shared/data/news/bbc.jsonl`,
		setup: func(fs *flag.FlagSet) func([]string, io.Reader, io.Writer, io.Writer) int {
			cfg := traceeval.DefaultConfig()
			fs.StringVar(&cfg.Data, "data", cfg.Data, "BBC articles, JSON Lines with id and text")
			fs.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "seed for the copies")
			fs.Float64Var(&cfg.HoldOut, "hold-out", cfg.HoldOut, "share of articles left out of the index")
			fs.IntVar(&cfg.Big, "big", cfg.Big, "documents in the latency index (0 skips it)")
			fs.IntVar(&cfg.Queries, "queries", cfg.Queries, "latency queries")
			fs.BoolVar(&cfg.Sweep, "sweep", false, "also run the parameter sweep")
			fs.StringVar(&cfg.Dir, "dir", "", "keep the indexes in this directory (default: a temporary one, removed)")
			shingle := fs.Int("shingle", cfg.Params.Shingle, "words per shingle")
			bands := fs.Int("bands", cfg.Params.Bands, "LSH bands")
			rows := fs.Int("rows", cfg.Params.Rows, "rows per band")
			quiet := fs.Bool("quiet", false, "no progress lines on stderr")
			return func(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
				if len(args) > 0 {
					return errorf(stderr, "eval-trace", "takes no arguments")
				}
				cfg.Params = fingerprint.Params{Shingle: *shingle, Bands: *bands, Rows: *rows, Seed: cfg.Params.Seed}
				if err := cfg.Params.Validate(); err != nil {
					return errorf(stderr, "eval-trace", "%v", err)
				}
				if !*quiet {
					cfg.Log = stderr
				}
				if err := traceeval.Run(cfg, stdout); err != nil {
					return errorf(stderr, "eval-trace", "%v", err)
				}
				return exitClean
			}
		},
	})
}
