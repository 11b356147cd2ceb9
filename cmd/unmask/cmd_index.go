package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/unmaskdev/unmask/corpus"
	"github.com/unmaskdev/unmask/fingerprint"
	"github.com/unmaskdev/unmask/index"
)

func init() {
	register(&command{
		name:    "index",
		summary: "build and inspect a persistent index of originals for 'unmask trace'",
		usage: `unmask index add --db DIR [flags] FILE…
unmask index stats --db DIR [--json]
unmask index check --db DIR

add fingerprints documents and stores them in the index in directory DIR
(created if missing). FILE may be plain text (the whole file is one document,
its ID the file name), JSON Lines (one record per line; --id-field and
--field name the ID and text fields; a record without an ID gets FILE:LINE),
or WARC/WET (conversion, text/plain resource and text/plain response
records; the ID is WARC-Target-URI), each optionally gzip-compressed; "-" is
stdin. The format is sniffed from the content (--format forces it).
Re-adding an ID replaces that document.

A new index fingerprints text folded as a reader sees it (lookalike letters,
styled letters, case and invisible characters folded away). --restore also
runs the restorer first: 4 to 5 times slower on disguised text, and no
more copies traced in the evaluation (unmask eval-trace); an index keeps
the choice it was made with.

Documents are committed in transactions of --batch documents (default
100,000: a bulk load), each written in one pass of sorted blocks: if the
process is killed or the disk fills, every transaction committed before
stays and the index opens again as it was; the one in flight is lost whole.
A smaller --batch commits more often and needs less memory (about 11 KB per
document of a transaction: 1.1 GB at 100,000 news articles). A malformed JSONL line is reported with its
line number and skipped; the exit status is then 2.

stats prints what the index holds; check verifies the file and that IDs,
documents and LSH entries agree.
Exit status: 0 done, 2 error.

Examples:
  unmask index add --db originals.idx articles/*.txt
  unmask index add --db originals.idx --id-field url --field body crawl.jsonl.gz
  unmask index add --db originals.idx CC-MAIN-*.warc.wet.gz
  unmask index stats --db originals.idx`,
		setup: func(fs *flag.FlagSet) func([]string, io.Reader, io.Writer, io.Writer) int {
			o := &indexOpts{}
			fs.StringVar(&o.db, "db", "", "index directory (required)")
			fs.StringVar(&o.format, "format", "auto", "input format: auto, text, jsonl or warc")
			fs.StringVar(&o.idField, "id-field", "id", "JSONL field holding the document ID")
			fs.StringVar(&o.field, "field", "text", "JSONL field holding the text")
			fs.IntVar(&o.batch, "batch", 100000, "documents per committed transaction")
			fs.BoolVar(&o.json, "json", false, "stats: print JSON")
			fs.BoolVar(&o.restore, "restore", false, "add: a new index restores text before folding (slower; see above)")
			o.fs = fs
			return o.run
		},
	})
}

type indexOpts struct {
	db, format, idField, field string
	batch                      int
	json, restore              bool
	fs                         *flag.FlagSet
}

func (o *indexOpts) run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return errorf(stderr, "index", "missing subcommand: add, stats or check")
	}
	sub := args[0]
	// Flags may follow the subcommand: unmask index add --db DIR FILE.
	if err := o.fs.Parse(args[1:]); err != nil {
		return exitError
	}
	args = o.fs.Args()
	if o.db == "" {
		return errorf(stderr, "index", "--db DIR is required")
	}
	switch sub {
	case "add":
		return o.add(args, stdin, stdout, stderr)
	case "stats", "check":
		if len(args) > 0 {
			return errorf(stderr, "index", "%s takes no arguments", sub)
		}
		ix, err := index.Open(o.db, &index.Options{ReadOnly: true})
		if err != nil {
			return errorf(stderr, "index", "%v", err)
		}
		defer ix.Close()
		if sub == "check" {
			if err := ix.Check(); err != nil {
				return errorf(stderr, "index", "%s: %v", o.db, err)
			}
			fmt.Fprintf(stdout, "%s: ok\n", o.db)
			return exitClean
		}
		st, err := ix.Stats()
		if err != nil {
			return errorf(stderr, "index", "%v", err)
		}
		if o.json {
			b, _ := json.MarshalIndent(st, "", "  ")
			fmt.Fprintf(stdout, "%s\n", b)
			return exitClean
		}
		p := st.Params
		fmt.Fprintf(stdout, "index      %s\ndocuments  %d (%.1f MB of text)\nfile       %.1f MB, %.0f bytes per document\nshingles   %d stored, %.0f per document\nband keys  %d\nparameters %d-word shingles, %d bands × %d rows = %d hashes (LSH threshold ≈ %.2f)%s\n",
			st.Dir, st.Docs, float64(st.TextBytes)/1e6, float64(st.FileBytes)/1e6, st.BytesPerDoc,
			st.Shingles, float64(st.Shingles)/float64(max(st.Docs, 1)), st.BandKeys,
			p.Shingle, p.Bands, p.Rows, p.NumHashes(), st.Threshold, map[bool]string{true: ", raw (no folding)"}[p.Raw]+map[bool]string{true: ", restored before folding"}[p.Restore])
		return exitClean
	}
	return errorf(stderr, "index", "unknown subcommand %q: want add, stats or check", sub)
}

func (o *indexOpts) add(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return errorf(stderr, "index", "add: no FILE (use - for stdin)")
	}
	if o.batch < 1 {
		return errorf(stderr, "index", "--batch must be at least 1")
	}
	var iopt *index.Options
	if o.restore {
		p := fingerprint.DefaultParams()
		p.Restore = true
		iopt = &index.Options{Params: &p}
	}
	ix, err := index.Open(o.db, iopt)
	if err != nil {
		return errorf(stderr, "index", "%v", err)
	}
	defer ix.Close()
	opt := corpus.Options{Format: corpus.Format(o.format), IDField: o.idField, TextField: o.field}
	var bar *progressbar.ProgressBar
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		bar = progressbar.NewOptions(-1, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("indexing"),
			progressbar.OptionShowCount(), progressbar.OptionSetItsString("docs"), progressbar.OptionShowIts(),
			progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
	}
	start := time.Now()
	added, replaced, bad := 0, 0, 0
	// Three stages run at once: this goroutine reads documents into chunks;
	// a second fingerprints each chunk on every core; a third stores the
	// records in the open transaction (one writer, bbolt's), and commits
	// every --batch documents, where the band and shingle entries, kept in
	// memory, are sorted and written as blocks.
	const chunkSize = 1000
	chunks := make(chan []index.Doc, 2)
	sketched := make(chan []index.Entry, 2)
	var commitErr error // the committer's; read after committed is closed
	var failed atomic.Bool
	committed := make(chan struct{})
	go func() {
		defer close(sketched)
		for docs := range chunks {
			sketched <- index.Sketch(ix.Fingerprinter(), docs)
		}
	}()
	go func() {
		defer close(committed)
		var bulk *index.Bulk
		inTx := 0 // documents in the open transaction
		commit := func() error {
			if bulk == nil {
				return nil
			}
			err := bulk.Commit()
			bulk = nil
			if err != nil {
				return fmt.Errorf("committing %d documents: %w (the %d documents committed before are safe)", inTx, err, added)
			}
			added += inTx
			inTx = 0
			return nil
		}
		for entries := range sketched {
			if commitErr != nil {
				continue // drain: nothing more is committed after a failure
			}
			for len(entries) > 0 && commitErr == nil {
				if bulk == nil {
					if bulk, commitErr = ix.Bulk(); commitErr != nil {
						break
					}
				}
				part := entries[:min(len(entries), o.batch-inTx)]
				entries = entries[len(part):]
				r, err := bulk.Add(part)
				if err != nil {
					bulk.Rollback()
					bulk = nil
					commitErr = fmt.Errorf("committing %d documents: %w (the %d documents committed before are safe)", inTx+len(part), err, added)
					break
				}
				inTx += len(part)
				replaced += r
				if bar != nil {
					bar.Add(len(part))
				}
				if inTx == o.batch {
					commitErr = commit()
				}
			}
			if commitErr != nil {
				failed.Store(true)
			}
		}
		if commitErr == nil {
			commitErr = commit()
		} else if bulk != nil {
			bulk.Rollback()
		}
	}()
	batch := make([]index.Doc, 0, chunkSize)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if failed.Load() {
			return errors.New("a commit failed") // finish tells which
		}
		chunks <- batch
		batch = make([]index.Doc, 0, chunkSize)
		return nil
	}
	// finish waits for the commits in flight and returns the first error.
	finish := func() error {
		close(chunks)
		<-committed
		return commitErr
	}
	// readFile adds one input's documents; the error is fatal.
	readFile := func(name string) error {
		var r corpus.Reader
		if name == "-" {
			r, err = corpus.NewReader(stdin, "-", opt)
		} else {
			var f *corpus.File
			if f, err = corpus.Open(name, opt); err == nil {
				defer f.Close()
				r = f
			}
		}
		if err != nil {
			return err
		}
		for {
			d, err := r.Next()
			if err == io.EOF {
				return nil
			}
			var le *corpus.LineError
			if errors.As(err, &le) {
				bad++
				fmt.Fprintf(stderr, "unmask index: %v (skipped)\n", le)
				continue
			}
			if err != nil {
				return err
			}
			batch = append(batch, index.Doc{ID: d.ID, Text: d.Text})
			if len(batch) == chunkSize {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	for _, name := range args {
		if err := readFile(name); err != nil {
			flush()
			if ferr := finish(); ferr != nil {
				fmt.Fprintf(stderr, "unmask index: %v\n", ferr)
			}
			return errorf(stderr, "index", "%v", err)
		}
	}
	flush()
	if err := finish(); err != nil {
		return errorf(stderr, "index", "%v", err)
	}
	if bar != nil {
		bar.Finish()
	}
	el := time.Since(start)
	fmt.Fprintf(stdout, "added %d documents (%d replaced) to %s in %.1fs (%.0f documents/s)\n",
		added, replaced, o.db, el.Seconds(), float64(added)/el.Seconds())
	if bad > 0 {
		fmt.Fprintf(stderr, "unmask index: %d records skipped\n", bad)
		return exitError
	}
	return exitClean
}
