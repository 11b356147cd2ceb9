package main

import (
	"flag"
	"io"
	"strings"

	"github.com/unmaskdev/unmask/fingerprint"
	"github.com/unmaskdev/unmask/traceeval"
)

func init() {
	register(&command{
		name:    "eval-trace",
		summary: "measure trace and dedup on disguised copies of news articles (slow)",
		usage: `unmask eval-trace [flags]

Builds a test corpus from the BBC News articles: every article copied four
ways (disguised; disguised + footer; trimmed to 50-90% of its paragraphs +
footer; ~5% of words edited + footer), each copy disguised with one class of
package attack at rate 0.3. Indexes the articles (10% held out: their copies
must match nothing), traces every copy, clusters originals and copies, and
prints a Markdown report: trace recall@1 and precision, dedup pairwise F1
(against two truths, see the report), for unmask's default (fold only), with
restore first, and for the same MinHash on the raw text; threshold curves;
short copies and excerpts with each excerpt mode; fingerprinting throughput;
index size; and query latency p50/p99 on indexes of --big documents of each
--big-kind: synthetic (variants and composites of the articles, adversarial)
and realistic (the articles and distinct generated ones), as the report
says. Timings are taken --repeat times. --sweep adds the parameter sweep the
defaults were chosen from.
Takes minutes: about 4 with the defaults on 2 cores (two 100,000-document
indexes, 2.3 GB of scratch disk), 1 more with --sweep. Exit status: 0 done, 2 error.

Examples:
  unmask eval-trace > trace-eval.md
  unmask eval-trace --sweep --big 0 --data ../shared/data/news/bbc.jsonl
  unmask eval-trace --big-kind realistic --queries 5000`,
		setup: func(fs *flag.FlagSet) func([]string, io.Reader, io.Writer, io.Writer) int {
			cfg := traceeval.DefaultConfig()
			fs.StringVar(&cfg.Data, "data", cfg.Data, "BBC articles, JSON Lines with id and text")
			fs.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "seed for the copies")
			fs.Float64Var(&cfg.HoldOut, "hold-out", cfg.HoldOut, "share of articles left out of the index")
			fs.IntVar(&cfg.Big, "big", cfg.Big, "documents in the latency index (0 skips it)")
			fs.IntVar(&cfg.Queries, "queries", cfg.Queries, "latency queries")
			fs.BoolVar(&cfg.Sweep, "sweep", false, "also run the parameter sweep")
			fs.IntVar(&cfg.Repeat, "repeat", cfg.Repeat, "times each timing is taken")
			bigKind := fs.String("big-kind", strings.Join(cfg.BigKind, ","), "latency indexes to build: synthetic, realistic or both, comma-separated")
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
				cfg.BigKind = nil
				for _, k := range strings.Split(*bigKind, ",") {
					switch k = strings.TrimSpace(k); k {
					case traceeval.BigSynthetic, traceeval.BigRealistic:
						cfg.BigKind = append(cfg.BigKind, k)
					case "":
					default:
						return errorf(stderr, "eval-trace", "--big-kind %q: want synthetic or realistic", k)
					}
				}
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
