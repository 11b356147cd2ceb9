package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/unmaskdev/unmask/detect"
	"github.com/unmaskdev/unmask/internal/jsonstring"
	"github.com/unmaskdev/unmask/jsonl"
)

func init() {
	register(&command{
		name:    "scan",
		summary: "report disguised characters: where, what, and what they imitate",
		usage: `unmask scan [flags] [FILE…]

Reports every disguised or suspicious character with its byte offset,
line:column, code point, Unicode name, script, the letter it imitates, the
word, and the kind of disguise, then a verdict per file (clean, suspicious,
disguised) with a score (share of words touched) and counts per kind.
Reads stdin when no FILE is given. Files of any size stream in chunks of
256 KiB. Exit status: 0 all clean, 1 something disguised or suspicious,
2 error.

Examples:
  unmask scan article.txt
  curl -s https://example.org/page.txt | unmask scan --json
  unmask scan --jsonl --field body crawl.jsonl > verdicts.jsonl`,
		setup: func(fs *flag.FlagSet) func([]string, io.Reader, io.Writer, io.Writer) int {
			o := &scanOpts{}
			fs.BoolVar(&o.json, "json", false, "JSON Lines like ripgrep: {\"type\":\"finding\",…} per finding and {\"type\":\"summary\",…} per file")
			fs.BoolVar(&o.jsonl, "jsonl", false, "input is JSON Lines records; each is written back with an \"unmask\" field holding its report")
			fs.StringVar(&o.field, "field", "text", "with --jsonl: the field holding the text")
			fs.StringVar(&o.color, "color", "auto", "highlight on a terminal: auto, always or never")
			fs.BoolVar(&o.quiet, "quiet", false, "print only the verdict lines (no finding is made: about twice as fast)")
			fs.IntVar(&o.workers, "j", 0, "with --jsonl: worker goroutines (default: every core)")
			return o.run
		},
	})
}

type scanOpts struct {
	json, jsonl, quiet bool
	field, color       string
	workers            int
}

func useColor(mode string, w io.Writer) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		f, ok := w.(*os.File)
		return ok && term.IsTerminal(int(f.Fd())) && os.Getenv("NO_COLOR") == "", nil
	}
	return false, fmt.Errorf("--color must be auto, always or never, not %q", mode)
}

// inputs calls fn for each named file, or stdin as "-" when none.
func inputs(args []string, stdin io.Reader, fn func(name string, r io.Reader) error) error {
	if len(args) == 0 {
		return fn("-", stdin)
	}
	for _, name := range args {
		if name == "-" {
			if err := fn("-", stdin); err != nil {
				return err
			}
			continue
		}
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		err = fn(name, f)
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func (o *scanOpts) run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	color, err := useColor(o.color, stdout)
	if err != nil {
		return errorf(stderr, "scan", "%v", err)
	}
	found := false
	bw := bufio.NewWriter(stdout)
	defer bw.Flush()
	if o.jsonl {
		bad := 0
		err := inputs(args, stdin, func(name string, r io.Reader) error {
			n, f, b, err := scanJSONL(r, bw, o.field, o.workers, name, stderr)
			_ = n
			found = found || f
			bad += b
			return err
		})
		if err != nil {
			return errorf(stderr, "scan", "%v", err)
		}
		if bad > 0 {
			return exitError
		}
		if found {
			return exitFound
		}
		return exitClean
	}
	err = inputs(args, stdin, func(name string, r io.Reader) error {
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		var line []byte
		each := func(f detect.Finding) {
			if o.json {
				line = appendFindingLine(line[:0], name, &f)
			} else {
				line = appendFindingText(line[:0], name, &f, color)
			}
			bw.Write(line)
		}
		if o.quiet {
			each = nil // verdicts only: no finding is made
		}
		sum, err := detect.ScanReader(r, each)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if sum.Verdict != detect.Clean {
			found = true
		}
		if o.json {
			return enc.Encode(map[string]any{"type": "summary", "file": name, "data": sum})
		}
		printSummary(bw, name, sum, color)
		return nil
	})
	if err != nil {
		bw.Flush()
		return errorf(stderr, "scan", "%v", err)
	}
	if found {
		return exitFound
	}
	return exitClean
}

const (
	ansiReset = "\x1b[0m"
	ansiRed   = "\x1b[1;31m"
	ansiYel   = "\x1b[1;33m"
	ansiGreen = "\x1b[1;32m"
	ansiDim   = "\x1b[2m"
)

func printFinding(w io.Writer, name string, f detect.Finding, color bool) {
	w.Write(appendFindingText(nil, name, &f, color))
}

// appendFindingText appends the line scan prints for a finding:
//
//	name:line:col: kind code NAME (Script) imitates "x" in w[o]rd [action, byte N]
//
// Written with appends, not fmt: a heavily disguised file has millions.
func appendFindingText(dst []byte, name string, f *detect.Finding, color bool) []byte {
	dst = append(dst, name...)
	dst = append(dst, ':')
	dst = strconv.AppendInt(dst, int64(f.Line), 10)
	dst = append(dst, ':')
	dst = strconv.AppendInt(dst, int64(f.Col), 10)
	dst = append(dst, ": "...)
	dst = append(dst, f.Kind...)
	dst = append(dst, ' ')
	dst = append(dst, f.Code...)
	dst = append(dst, ' ')
	dst = append(dst, f.Name...)
	if f.Script != "" {
		dst = append(dst, " ("...)
		dst = append(dst, f.Script...)
		dst = append(dst, ')')
	}
	switch {
	case f.Hidden != "":
		dst = append(dst, " hides "...)
		dst = strconv.AppendQuote(dst, f.Hidden)
	case f.Imitates != "":
		dst = append(dst, " imitates "...)
		dst = strconv.AppendQuote(dst, f.Imitates)
	}
	if word := f.Word; word != "" {
		dst = append(dst, " in "...)
		if at := f.Offset - f.WordAt; at >= 0 && at+f.Len <= len(word) {
			open, shut := "[", "]"
			if color {
				open, shut = ansiRed, ansiReset
			}
			dst = append(dst, word[:at]...)
			dst = append(dst, open...)
			dst = appendVisible(dst, f.Char)
			dst = append(dst, shut...)
			dst = append(dst, word[at+f.Len:]...)
		} else {
			dst = append(dst, word...)
		}
	}
	dst = append(dst, " ["...)
	dst = append(dst, f.Action...)
	dst = append(dst, ", byte "...)
	dst = strconv.AppendInt(dst, int64(f.Offset), 10)
	return append(dst, "]\n"...)
}

// appendVisible appends s, showing invisible characters as their code points.
func appendVisible(dst []byte, s string) []byte {
	for _, r := range s {
		if r < 0x20 || r >= 0x7F && r < 0xA0 || isInvisible(r) {
			dst = fmt.Appendf(dst, "<U+%04X>", r)
		} else {
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

func isInvisible(r rune) bool {
	return r == 0xFFFD || r == 0xAD || r >= 0x200B && r <= 0x200F || r >= 0x202A && r <= 0x202E ||
		r >= 0x2060 && r <= 0x206F || r == 0xFEFF || r >= 0xE0000 && r <= 0xE0FFF || r >= 0xFE00 && r <= 0xFE0F ||
		r == 0x180E || r == 0x034F || r == 0x061C || r >= 0x0300 && r <= 0x036F
}

func printSummary(w io.Writer, name string, s detect.Summary, color bool) {
	v := string(s.Verdict)
	if color {
		c := ansiGreen
		switch s.Verdict {
		case detect.Disguised:
			c = ansiRed
		case detect.Suspicious:
			c = ansiYel
		}
		v = c + v + ansiReset
	}
	var parts []string
	for _, k := range kindOrder {
		if n := s.Counts[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, n))
		}
	}
	counts := ""
	if len(parts) > 0 {
		counts = ": " + strings.Join(parts, ", ")
	}
	fmt.Fprintf(w, "%s: %s (score %.3f, %d words)%s\n", name, v, s.Score, s.Words, counts)
	for _, h := range s.Hidden {
		fmt.Fprintf(w, "%s: hidden text: %q\n", name, h)
	}
}

var kindOrder = []detect.Kind{detect.Lookalike, detect.WholeWord, detect.Styled, detect.Heavy, detect.Invisible,
	detect.Bidi, detect.Tag, detect.Zalgo, detect.BadUTF8}

// scanJSONL scans each record's field and writes the record back with an
// "unmask" field. Returns records, whether any was not clean, and bad lines.
func scanJSONL(r io.Reader, w io.Writer, field string, workers int, name string, stderr io.Writer) (int, bool, int, error) {
	var found, bad atomic.Int64
	n, err := jsonl.Map(r, w, workers, func(line int, b []byte) ([]byte, error) {
		rec, text, err := parseRecord(b, field)
		if err != nil {
			return nil, err
		}
		rep := detect.ScanString(text)
		if rep.Verdict != detect.Clean {
			found.Add(1)
		}
		if err := rec.Set("unmask", rep); err != nil {
			return nil, err
		}
		return rec.AppendTo(nil), nil
	}, func(e *jsonl.LineError) {
		bad.Add(1)
		fmt.Fprintf(stderr, "unmask: %s:%v (written unchanged)\n", name, e)
	})
	return n, found.Load() > 0, int(bad.Load()), err
}

// appendFindingLine appends the --json line of a finding: what
// enc.Encode(map[string]any{"type": "finding", "file": name, "data": f})
// writes (keys sorted, a newline), without encoding/json's reflection,
// which took longer than the scan on text with millions of findings.
func appendFindingLine(dst []byte, name string, f *detect.Finding) []byte {
	dst = append(dst, `{"data":`...)
	dst = f.AppendJSON(dst)
	dst = append(dst, `,"file":`...)
	dst = jsonstring.Append(dst, name)
	return append(dst, `,"type":"finding"}`+"\n"...)
}

func parseRecord(b []byte, field string) (*jsonl.Record, string, error) {
	return jsonl.ParseText(b, field)
}
