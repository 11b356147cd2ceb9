// Command mkinput writes the inputs of bench/run.sh: a sample repeated to a
// size, optionally disguised, and the text unmask should restore it to.
//
//	mkinput -kind seed  -in scraped-article.txt -restored scraped-article.restored.txt -size 20M -o seed.txt -expect seed.expected.txt
//	mkinput -kind news  -in bbc.jsonl -size 20M -o english.txt
//	mkinput -kind heavy -in bbc.jsonl -size 20M -o heavy.txt -expect heavy.expected.txt
//	mkinput -kind seed  -in scraped-article.txt -size 200M | unmask clean > /dev/null
//	mkinput -kind seed  -in scraped-article.txt -size 120M -record | unmask clean --jsonl > /dev/null
//
// Sizes are decimal (20M = 20,000,000 bytes) and rounded up to whole copies
// of the sample, each ending in a newline.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/unmaskdev/unmask/bench/benchtext"
	"github.com/unmaskdev/unmask/internal/jsonstring"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "mkinput:", err)
		os.Exit(2)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("mkinput", flag.ContinueOnError)
	kind := fs.String("kind", "seed", "seed (a text file repeated), news (JSON Lines title+text, repeated) or heavy (news, disguised)")
	in := fs.String("in", "", "the sample: a text file for seed, JSON Lines for news and heavy")
	restored := fs.String("restored", "", "with -kind seed: the sample restored, for -expect")
	size := fs.String("size", "20M", "at least this many bytes (K, M, G suffixes are decimal)")
	out := fs.String("o", "", "output file (default stdout)")
	expect := fs.String("expect", "", "also write the text a perfect restore gives here (seed needs -restored; news is its own)")
	record := fs.Bool("record", false, `write the text as one JSON Lines record, {"text":"…"} (for the memory of a huge record)`)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *in == "" || fs.NArg() > 0 {
		return fmt.Errorf("usage: mkinput -kind seed|news|heavy -in FILE [-restored FILE] [-size N] [-o FILE] [-expect FILE]")
	}
	n, err := parseSize(*size)
	if err != nil {
		return err
	}
	src, err := os.ReadFile(*in)
	if err != nil {
		return err
	}
	var sample, want []byte
	switch *kind {
	case "seed":
		sample = src
		if *expect != "" {
			if *restored == "" {
				return fmt.Errorf("-expect with -kind seed needs -restored")
			}
			if want, err = os.ReadFile(*restored); err != nil {
				return err
			}
		}
	case "news", "heavy":
		text, err := benchtext.NewsText(src)
		if err != nil {
			return fmt.Errorf("%s: %w", *in, err)
		}
		sample, want = text, text
		if *kind == "heavy" {
			sample = benchtext.Heavy(text)
		}
	default:
		return fmt.Errorf("-kind must be seed, news or heavy, not %q", *kind)
	}
	copies := benchtext.Copies(sample, n)
	var text io.Reader = benchtext.Repeat(sample, copies)
	if *record {
		// Each copy ends in a newline, so the escaped copies escape the
		// whole text: it is written as it is made, never held.
		esc := jsonstring.Append(nil, benchtext.Unit(sample))
		pr, pw := io.Pipe()
		go func() {
			_, err := io.WriteString(pw, `{"text":"`)
			for i := 0; i < copies && err == nil; i++ {
				_, err = pw.Write(esc[1 : len(esc)-1])
			}
			if err == nil {
				_, err = io.WriteString(pw, "\"}\n")
			}
			pw.CloseWithError(err)
		}()
		text = pr
	}
	if err := write(*out, stdout, text); err != nil {
		return err
	}
	if *expect != "" {
		return write(*expect, nil, benchtext.Repeat(want, copies))
	}
	return nil
}

// write copies r to the named file, or to stdout when name is "".
func write(name string, stdout io.Writer, r io.Reader) error {
	if name == "" {
		bw := bufio.NewWriterSize(stdout, 1<<16)
		if _, err := io.Copy(bw, r); err != nil {
			return err
		}
		return bw.Flush()
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1e3, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1e6, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "G"):
		mult, s = 1e9, strings.TrimSuffix(s, "G")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("bad -size %q: want a number of bytes, with K, M or G", s)
	}
	return n * mult, nil
}
