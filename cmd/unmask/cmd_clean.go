package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/unmaskdev/unmask/detect"
	"github.com/unmaskdev/unmask/jsonl"
	"github.com/unmaskdev/unmask/restore"
)

func init() {
	register(&command{
		name:    "clean",
		summary: "restore the text a reader sees (disguises undone, all else byte for byte)",
		usage: `unmask clean [flags] [FILE…]

Writes the restored text on stdout: lookalike letters put back, invisible
characters, stray bidi controls and smuggled tag text removed, restyled
letters made plain. Everything else, including legitimate Greek, Cyrillic,
emoji joiners and invalid UTF-8, is written byte for byte. Reads stdin when
no FILE is given; memory stays flat on text of any size (it is restored in
chunks; with --jsonl, see below). A file that cannot be read is reported
and the next one read. Exit status: 0 done, 2 error (then after reading
every file).

` + jsonlNote + ` A record whose text is unchanged is written byte for byte.

Examples:
  unmask clean scraped.txt > restored.txt
  unmask clean --diff scraped.txt
  unmask clean --jsonl --field body crawl.jsonl > clean.jsonl`,
		setup: func(fs *flag.FlagSet) func([]string, io.Reader, io.Writer, io.Writer) int {
			o := &cleanOpts{}
			fs.BoolVar(&o.diff, "diff", false, "show the changed lines (- before, + after) instead of the text")
			fs.BoolVar(&o.jsonl, "jsonl", false, "input is JSON Lines records; the text field of each is restored, other fields kept")
			jsonlFlags(fs, &o.field, &o.maxRecord)
			fs.StringVar(&o.color, "color", "auto", "with --diff: colour on a terminal: auto, always or never")
			fs.IntVar(&o.workers, "j", 0, "worker goroutines (default: every core)")
			return o.run
		},
	})
}

type cleanOpts struct {
	diff, jsonl  bool
	field, color string
	workers      int
	maxRecord    byteSize
}

func (o *cleanOpts) run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	color, err := useColor(o.color, stdout)
	if err != nil {
		return errorf(stderr, "clean", "%v", err)
	}
	bw := bufio.NewWriterSize(stdout, 1<<16)
	defer bw.Flush()
	bad := int64(0)
	failed := inputs("clean", args, stdin, stderr, func(name string, r io.Reader) error {
		switch {
		case o.jsonl:
			var b atomic.Int64
			_, err := jsonl.Map(r, bw, jsonl.Options{Workers: o.workers, MaxLine: int(o.maxRecord)}, func(line int, in []byte) ([]byte, error) {
				rec, text, err := parseRecord(in, o.field)
				if err != nil {
					return nil, err
				}
				restored := restore.String(text)
				if restored == text {
					return in, nil // as it was, escapes and all
				}
				if err := rec.Set(o.field, restored); err != nil {
					return nil, err
				}
				return rec.AppendTo(nil), nil
			}, func(e *jsonl.LineError) {
				b.Add(1)
				reportLine(stderr, name, e)
			})
			bad += b.Load()
			return err
		case o.diff:
			return writeDiff(bw, name, r, color)
		default:
			_, err := restore.Copy(bw, r, o.workers)
			return err
		}
	})
	if bad > 0 || failed > 0 {
		return exitError
	}
	return exitClean
}

// writeDiff prints each changed line as "-" before and "+" after, with its number.
func writeDiff(w io.Writer, name string, r io.Reader, color bool) error {
	// Lines are restored one chunk at a time so that context matches clean's output.
	n := 0
	flush := func(chunk []byte) {
		out := restore.Bytes(chunk)
		a, b := bytes.SplitAfter(chunk, []byte("\n")), bytes.SplitAfter(out, []byte("\n"))
		for i := range a {
			n++
			if i < len(b) && bytes.Equal(a[i], b[i]) || len(a[i]) == 0 {
				continue
			}
			after := []byte(nil)
			if i < len(b) {
				after = b[i]
			}
			minus, plus, reset := "-", "+", ""
			if color {
				minus, plus, reset = ansiRed+"-", ansiGreen+"+", ansiReset
			}
			fmt.Fprintf(w, "%s:%d:\n%s%s%s\n%s%s%s\n", name, n, minus, bytes.TrimRight(a[i], "\n"), reset, plus, bytes.TrimRight(after, "\n"), reset)
		}
		if len(a) > 0 && len(a[len(a)-1]) == 0 {
			n-- // SplitAfter's empty tail is not a line
		}
	}
	ch := detect.NewChunker(r)
	for {
		chunk, err := ch.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		flush(chunk)
	}
}
