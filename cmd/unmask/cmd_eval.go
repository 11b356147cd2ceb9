package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/unmaskdev/unmask/attack"
	"github.com/unmaskdev/unmask/eval"
)

func init() {
	register(&command{
		name:    "eval",
		summary: "measure detection and restoration on disguised and clean corpora",
		usage: `unmask eval [flags]

Disguises news articles with every class of package attack (lookalike
letters of several scripts, whole Cyrillic words, styled letters, invisible
characters, bidi controls, tag smuggling, zalgo, heavy obfuscation, a mix) at
several rates, runs detect and restore on them, and scores the result against
the ground truth: share of documents restored byte for byte, precision and
recall of findings, share judged "disguised". Then it runs the same on clean
text (UDHR in 435 languages and the news originals), which must come back
unchanged and be judged clean, and on the seed article. Figures are printed
next to the project's targets; the exit status is 0 when all are met, 1 when
one is not, 2 on error.

--testdata DIR runs on the small samples in the repository's testdata/.
--peers scores the tools wrapped in bench/peers on the same documents.
--explain N lists up to N failed documents per class with what went wrong.
--thirdparty DIR also runs the third-party suite (eval/thirdparty/README.md):
the set in DIR (eval/testdata/thirdparty is committed; build.sh full makes
the whole one) and the Bad Characters perturbations of --badchars-n news
articles, reported per class apart from the own suite; --own=false skips
the own suite.

Examples:
  unmask eval --n 100
  unmask eval --testdata testdata --n 20 --explain 3
  unmask eval --classes greek,styled --rates 0.2 --explain 5
  unmask eval --all --peers --md > eval.md
  unmask eval --own=false --thirdparty eval/testdata/thirdparty --md`,
		setup: func(fs *flag.FlagSet) func(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
			news := fs.String("news", "/work/shared/data/news/bbc.jsonl", "news corpus, JSONL `FILE` of {\"id\",\"title\",\"text\"}")
			clean := fs.String("clean", "/work/shared/data/multilingual/udhr", "`DIR` of UDHR .txt files (the clean set; rus, ukr, bul also feed latin-in-cyrillic)")
			seedFile := fs.String("seed-article", "/work/shared/data/seed/scraped-article.txt", "seed case `FILE` (its restoration is beside it as NAME.restored.txt); empty to skip")
			testdata := fs.String("testdata", "", "use DIR/news-sample.jsonl, DIR/udhr and DIR/seed/ instead of the defaults of -news, -clean, -seed-article")
			n := fs.Int("n", 300, "originals per class and rate, sampled at random")
			all := fs.Bool("all", false, "use every original (overrides -n)")
			rates := fs.String("rates", "0.05,0.2,0.5,1", "comma-separated `RATES`: shares of eligible positions disguised")
			classes := fs.String("classes", "", "comma-separated `CLASSES` (default all: "+classList()+")")
			seed := fs.Uint64("seed", 1, "random seed")
			workers := fs.Int("workers", runtime.NumCPU(), "parallel workers")
			explain := fs.Int("explain", 0, "list up to `N` failed documents per class and clean set")
			peers := fs.Bool("peers", false, "also score the peer tools of -peers-dir")
			peersDir := fs.String("peers-dir", "bench/peers", "`DIR` of the peer wrappers")
			md := fs.Bool("md", false, "Markdown tables")
			jsonOut := fs.Bool("json", false, "JSON report")
			quiet := fs.Bool("quiet", false, "no progress on stderr")
			thirdparty := fs.String("thirdparty", "", "also run the third-party suite on the set in `DIR`")
			badcharsN := fs.Int("badchars-n", 100, "news articles the Bad Characters perturbations are applied to (0: all)")
			own := fs.Bool("own", true, "run the own suite (package attack)")
			return func(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
				if len(args) > 0 {
					return errorf(stderr, "eval", "takes no arguments (got %q)", args[0])
				}
				if *testdata != "" {
					if !flagSet(fs, "news") {
						*news = filepath.Join(*testdata, "news-sample.jsonl")
					}
					if !flagSet(fs, "clean") {
						*clean = filepath.Join(*testdata, "udhr")
					}
					if !flagSet(fs, "seed-article") {
						*seedFile = filepath.Join(*testdata, "seed", "scraped-article.txt")
					}
				}
				cfg := eval.Config{N: *n, RandSeed: *seed, Workers: *workers, Explain: *explain}
				if *all {
					cfg.N = 0
				}
				if *n < 0 || *explain < 0 {
					return errorf(stderr, "eval", "-n and -explain must not be negative")
				}
				var err error
				if cfg.Rates, err = parseRates(*rates); err != nil {
					return errorf(stderr, "eval", "%v", err)
				}
				if *classes != "" {
					for _, name := range strings.Split(*classes, ",") {
						c, err := attack.ParseClass(strings.TrimSpace(name))
						if err != nil {
							return errorf(stderr, "eval", "%v", err)
						}
						cfg.Classes = append(cfg.Classes, c)
					}
				}
				if cfg.News, err = eval.LoadNews(*news); err != nil {
					return errorf(stderr, "eval", "news corpus: %v", err)
				}
				udhr, err := eval.LoadUDHR(*clean)
				if err != nil {
					return errorf(stderr, "eval", "clean corpus: %v", err)
				}
				cfg.Cyrillic = eval.Chunks(udhr, eval.CyrillicCodes, 800)
				cfg.Clean = []eval.CleanSet{
					{Name: "UDHR", Docs: udhr},
					{Name: "news originals", Docs: cfg.News},
				}
				if *seedFile != "" {
					if cfg.Seed, err = eval.LoadSeed(*seedFile); err != nil {
						return errorf(stderr, "eval", "seed case: %v", err)
					}
				}
				if *peers {
					if _, err := os.Stat(*peersDir); err != nil {
						return errorf(stderr, "eval", "peers: %v (run from the repository root or set -peers-dir)", err)
					}
					cfg.Peers = eval.DefaultPeers(*peersDir)
				}
				if !*quiet {
					cfg.Progress = stderr
				}
				ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
				defer stop()
				if !*own && *thirdparty == "" {
					return errorf(stderr, "eval", "-own=false needs -thirdparty DIR")
				}
				var rep *eval.Report
				if *own {
					if rep, err = eval.Run(ctx, cfg); err != nil {
						return errorf(stderr, "eval", "%v", err)
					}
				}
				var tp *eval.SuiteReport
				if *thirdparty != "" {
					suite, err := eval.LoadThirdParty(*thirdparty, cfg.News, *badcharsN, *seed)
					if err != nil {
						return errorf(stderr, "eval", "%v", err)
					}
					tp, err = eval.RunSuite(ctx, eval.SuiteConfig{Cases: suite.Cases, Manifest: suite.Manifest,
						Peers: cfg.Peers, Workers: cfg.Workers, Explain: cfg.Explain, Progress: cfg.Progress})
					if err != nil {
						return errorf(stderr, "eval", "%v", err)
					}
				}
				if err := writeEval(stdout, rep, tp, *jsonOut, *md); err != nil {
					return errorf(stderr, "eval", "%v", err)
				}
				if rep != nil && !rep.Pass || tp != nil && !tp.Pass {
					return exitFound
				}
				return exitClean
			}
		},
	})
}

// writeEval writes the own suite's report and the third-party one (either
// may be nil); as JSON, both in one object when both ran.
func writeEval(w io.Writer, rep *eval.Report, tp *eval.SuiteReport, jsonOut, md bool) error {
	if jsonOut {
		switch {
		case tp == nil:
			return rep.WriteJSON(w)
		case rep == nil:
			return tp.WriteJSON(w)
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Own        *eval.Report      `json:"own"`
			ThirdParty *eval.SuiteReport `json:"thirdparty"`
		}{rep, tp})
	}
	if rep != nil {
		var err error
		if md {
			err = rep.WriteMarkdown(w)
		} else {
			err = rep.WriteText(w)
		}
		if err != nil || tp == nil {
			return err
		}
		fmt.Fprintln(w)
	}
	if md {
		return tp.WriteMarkdown(w)
	}
	return tp.WriteText(w)
}

func classList() string {
	s := make([]string, len(attack.Classes))
	for i, c := range attack.Classes {
		s[i] = string(c)
	}
	return strings.Join(s, ",")
}

func parseRates(s string) ([]float64, error) {
	var out []float64
	for _, f := range strings.Split(s, ",") {
		x, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || !(x > 0 && x <= 1) {
			return nil, fmt.Errorf("rate %q: want a number in (0, 1]", f)
		}
		out = append(out, x)
	}
	return out, nil
}
