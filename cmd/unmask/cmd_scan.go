package main

import (
	"bufio"
	"encoding/json"
	"errors"
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
256 KiB. A file that cannot be read is reported and the next one read.
Exit status: 0 all clean, 1 something disguised or suspicious, 2 error
(then after reading every file).

` + jsonlNote + `

Examples:
  unmask scan article.txt
  curl -s https://example.org/page.txt | unmask scan --json
  unmask scan --jsonl --field body crawl.jsonl > verdicts.jsonl`,
		setup: func(fs *flag.FlagSet) func([]string, io.Reader, io.Writer, io.Writer) int {
			o := &scanOpts{}
			fs.BoolVar(&o.json, "json", false, "JSON Lines like ripgrep: {\"type\":\"finding\",…} per finding and {\"type\":\"summary\",…} per file")
			fs.BoolVar(&o.jsonl, "jsonl", false, "input is JSON Lines records; each is written back with an \"unmask\" field holding its report")
			jsonlFlags(fs, &o.field, &o.maxRecord)
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
	maxRecord          byteSize
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

// inputs calls fn for each named file, or stdin as "-" when none. A file
// that cannot be opened or read (fn's error) is reported on stderr as
// "unmask CMD: error" and the next file is read, as grep and ripgrep do:
// inputs returns how many failed, for the command to exit 2 at the end.
func inputs(cmd string, args []string, stdin io.Reader, stderr io.Writer, fn func(name string, r io.Reader) error) (failed int) {
	if len(args) == 0 {
		args = []string{"-"}
	}
	for _, name := range args {
		var err error
		if name == "-" {
			err = fn("-", stdin)
		} else if f, oerr := os.Open(name); oerr != nil {
			err = oerr
		} else {
			err = fn(name, f)
			f.Close()
		}
		if err != nil {
			failed++
			errorf(stderr, cmd, "%v", err)
		}
	}
	return failed
}

// jsonlFlags defines the flags of a command reading JSON Lines records.
func jsonlFlags(fs *flag.FlagSet, field *string, maxRecord *byteSize) {
	fs.StringVar(field, "field", "text", "with --jsonl: the field holding the text")
	*maxRecord = jsonl.DefaultMaxLine
	fs.Var(maxRecord, "max-record", "with --jsonl: longest record held in memory (KiB, MiB, GiB); a longer one is reported and written through unchanged")
}

// jsonlNote is what the help of a command reading JSON Lines says of bad records.
const jsonlNote = `With --jsonl, a line that is not a JSON object with a string field
--field, or whose object repeats a key (RFC 7493: readers disagree on which
value counts), or that is longer than --max-record, is reported on stderr
with its line number and written through unchanged; nothing after it is
lost and the exit status is 2. Memory is bounded by --max-record, not by
the input: a record is held several times over while it is worked on
(line, text, result), so plan on about 10 times --max-record per worker
(-j) for records near the limit. Invalid UTF-8 and lone surrogates
(\ud800) in the text are never read as U+FFFD: scan reports them as
invalid-utf8 findings (verdict at least suspicious), clean writes them
back as they came.`

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
		failed := inputs("scan", args, stdin, stderr, func(name string, r io.Reader) error {
			f, b, err := scanJSONL(r, bw, o.field, jsonl.Options{Workers: o.workers, MaxLine: int(o.maxRecord)}, name, stderr)
			found = found || f
			bad += b
			return err
		})
		switch {
		case bad > 0 || failed > 0:
			return exitError
		case found:
			return exitFound
		}
		return exitClean
	}
	failed := inputs("scan", args, stdin, stderr, func(name string, r io.Reader) error {
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
	switch {
	case failed > 0:
		return exitError
	case found:
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
// "unmask" field. Returns whether any was not clean, and bad lines.
func scanJSONL(r io.Reader, w io.Writer, field string, opt jsonl.Options, name string, stderr io.Writer) (bool, int, error) {
	var found, bad atomic.Int64
	_, err := jsonl.Map(r, w, opt, func(line int, b []byte) ([]byte, error) {
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
		reportLine(stderr, name, e)
	})
	return found.Load() > 0, int(bad.Load()), err
}

// reportLine reports a record of JSON Lines written through unchanged.
func reportLine(stderr io.Writer, name string, e *jsonl.LineError) {
	hint := ""
	if errors.Is(e, jsonl.ErrTooLong) {
		hint = "; --max-record raises the limit"
	}
	fmt.Fprintf(stderr, "unmask: %s:%v (written unchanged%s)\n", name, e, hint)
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
