package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/unmaskdev/unmask/index"
	"github.com/unmaskdev/unmask/jsonl"
)

func init() {
	register(&command{
		name:    "trace",
		summary: "find the originals a (disguised) copy was taken from, in an index",
		usage: `unmask trace --db DIR [flags] [FILE…]

Looks each FILE (or stdin) up in the index built by 'unmask index add' and
lists the likely originals, best first, with their Jaccard similarity to the
copy (exact, and the MinHash estimate), how much of the copy each original
covers, how much of the original was copied, and the parts of the copy that
are not in the original (a content farm's footer, edited sentences), by line.
Both texts are compared as a reader sees them: case- and lookalike-folded,
styled letters and invisible characters folded away (and restored first, if
the index was made with 'unmask index add --restore').

An indexed document is reported when its similarity reaches
--min-similarity or it covers at least --min-containment of the copy.
Documents sharing an LSH band with the copy are ranked by the MinHash
estimate of their similarity; those that cannot reach either threshold are
dropped, and the best --verify of the rest (at least --top) are compared
exactly.

With --jsonl, each FILE is JSON Lines and every record is traced; one line
comes out per input line, in order:
  {"id": ID, "matches": [{"id": …, "similarity": …, "containment": …}, …]}
A malformed line gives {"line": N, "error": "…"} and is reported on stderr;
a line longer than 16 MiB is reported and written through unchanged.
A file that cannot be read is reported and the next one read.
Exit status: 0 no match, 1 a match found, 2 error (then after every file).

Examples:
  unmask trace --db originals.idx scraped.txt
  unmask trace --db originals.idx --json scraped.txt
  unmask trace --db originals.idx --jsonl --top 3 crawl.jsonl > traced.jsonl`,
		setup: func(fs *flag.FlagSet) func([]string, io.Reader, io.Writer, io.Writer) int {
			o := &traceOpts{}
			fs.StringVar(&o.db, "db", "", "index directory (required)")
			fs.BoolVar(&o.json, "json", false, "print one JSON object per FILE")
			fs.BoolVar(&o.jsonl, "jsonl", false, "FILEs are JSON Lines; print one JSON line per record")
			fs.StringVar(&o.idField, "id-field", "id", "with --jsonl: the field holding the record ID")
			fs.StringVar(&o.field, "field", "text", "with --jsonl: the field holding the text")
			fs.IntVar(&o.top, "top", 5, "most originals listed per copy")
			fs.Float64Var(&o.minSim, "min-similarity", index.DefaultMinSimilarity, "report originals with at least this Jaccard similarity")
			fs.Float64Var(&o.minCont, "min-containment", index.DefaultMinContainment, "… or covering at least this share of the copy (0 turns this test off)")
			fs.IntVar(&o.workers, "j", 0, "with --jsonl: worker goroutines (default: every core)")
			fs.IntVar(&o.verify, "verify", index.DefaultMaxVerify, "candidates compared exactly, best estimates first (0: every one that could match)")
			return o.run
		},
	})
}

type traceOpts struct {
	db, idField, field   string
	json, jsonl          bool
	top, workers, verify int
	minSim, minCont      float64
}

func (o *traceOpts) queryOptions(spans bool) index.QueryOptions {
	q := index.CommandOptions(o.top, o.minSim, o.minCont, o.verify)
	q.Spans = spans
	return q
}

func (o *traceOpts) run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if o.db == "" {
		return errorf(stderr, "trace", "--db DIR is required")
	}
	if o.top < 1 {
		return errorf(stderr, "trace", "--top must be at least 1")
	}
	ix, err := index.Open(o.db, &index.Options{ReadOnly: true})
	if err != nil {
		return errorf(stderr, "trace", "%v", err)
	}
	defer ix.Close()
	bw := bufio.NewWriterSize(stdout, 1<<16)
	defer bw.Flush()
	found, bad := false, false
	failed := inputs("trace", args, stdin, stderr, func(name string, r io.Reader) error {
		if o.jsonl {
			f, b, err := o.traceJSONL(ix, name, r, bw, stderr)
			found, bad = found || f, bad || b
			return err
		}
		text, err := io.ReadAll(r)
		if err != nil {
			return err
		}
		res, err := ix.Query(string(text), o.queryOptions(true))
		if err != nil {
			return err
		}
		found = found || len(res.Matches) > 0
		if o.json {
			return writeJSONLine(bw, struct {
				File string `json:"file"`
				*index.Result
			}{name, res})
		}
		printTrace(bw, name, res)
		return nil
	})
	switch {
	case bad || failed > 0:
		return exitError
	case found:
		return exitFound
	}
	return exitClean
}

func writeJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func (o *traceOpts) traceJSONL(ix *index.Index, name string, r io.Reader, w io.Writer, stderr io.Writer) (found, bad bool, err error) {
	var nFound, nBad atomic.Int64
	var mu sync.Mutex // keeps stderr lines whole
	_, err = jsonl.Map(r, w, jsonl.Options{Workers: o.workers}, func(line int, b []byte) ([]byte, error) {
		rec, text, err := parseRecord(b, o.field)
		if err == nil {
			var res *index.Result
			if res, err = ix.Query(text, o.queryOptions(false)); err == nil {
				out := index.NewTraceLine(index.RecordID(rec, o.idField, name, line), res)
				if len(out.Matches) > 0 {
					nFound.Add(1)
				}
				return json.Marshal(out)
			}
		}
		nBad.Add(1)
		mu.Lock()
		fmt.Fprintf(stderr, "unmask trace: %s:%d: %v\n", name, line, err)
		mu.Unlock()
		return json.Marshal(index.TraceError{Line: line, Error: err.Error()})
	}, func(e *jsonl.LineError) { // a line too long to hold, written unchanged
		nBad.Add(1)
		mu.Lock()
		fmt.Fprintf(stderr, "unmask trace: %s:%d: %v (written unchanged)\n", name, e.Line, e.Err)
		mu.Unlock()
	})
	return nFound.Load() > 0, nBad.Load() > 0, err
}

func printTrace(w io.Writer, name string, res *index.Result) {
	switch len(res.Matches) {
	case 0:
		fmt.Fprintf(w, "%s: %d words, no original found (%d candidates checked)\n", name, res.Words, res.Candidates)
		return
	case 1:
		fmt.Fprintf(w, "%s: %d words, 1 likely original\n", name, res.Words)
	default:
		fmt.Fprintf(w, "%s: %d words, %d likely originals, best first\n", name, res.Words, len(res.Matches))
	}
	for i, m := range res.Matches {
		fmt.Fprintf(w, "%3d. %s\n     similarity %.3f (estimate %.3f); covers %.0f%% of the copy; %.0f%% of it was copied\n",
			i+1, m.ID, m.Similarity, m.Estimate, 100*m.Containment, 100*m.Coverage)
		if len(m.Uncovered) == 0 {
			continue
		}
		words := 0
		for _, s := range m.Uncovered {
			words += s.Words
		}
		places := "1 place"
		if len(m.Uncovered) > 1 {
			places = fmt.Sprintf("%d places", len(m.Uncovered))
		}
		fmt.Fprintf(w, "     not in the original: %d words in %s\n", words, places)
		for j, s := range m.Uncovered {
			if j == 8 {
				fmt.Fprintf(w, "       … %d more\n", len(m.Uncovered)-j)
				break
			}
			lines := fmt.Sprintf("line %d", s.Line)
			if s.EndLine > s.Line {
				lines = fmt.Sprintf("lines %d-%d", s.Line, s.EndLine)
			}
			fmt.Fprintf(w, "       %s (%d words): %s\n", lines, s.Words, excerpt(s.Text, 72))
		}
	}
}

// excerpt quotes s on one line, cut to about n characters.
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		s = string(r[:n/2-1]) + " … " + string(r[len(r)-n/2+2:])
	}
	return fmt.Sprintf("%q", s)
}
