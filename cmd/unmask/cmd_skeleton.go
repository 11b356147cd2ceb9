package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/uts39"
)

func init() {
	register(&command{
		name:    "skeleton",
		summary: "print the UTS #39 skeleton of each text (equal skeletons = confusable)",
		usage: `unmask skeleton [--json] [--bidi ltr|rtl] [TEXT…]

Prints the UTS #39 skeleton of each TEXT argument, one per line, or of each
line of stdin when no TEXT is given (lines end at "\n" only; a "\r" stays in
the text). Two strings are confusable when their skeletons are equal. The
skeleton is NFD, without default-ignorable code points, with each code point
replaced by its prototype from confusables.txt, NFD again (Unicode 17.0.0).
It is a comparison key, not text to show. Bytes that are not valid UTF-8
become U+FFFD (with a warning on stderr). With --bidi the text is first laid out for display in a
left-to-right or right-to-left paragraph (bidiSkeleton), so that strings that
look alike only after bidi reordering match too. Exit status: 0, or 2 on error.

Examples:
  unmask skeleton paypal pаypаl 𝔭𝒶ỿ𝕡𝕒ℓ
  unmask skeleton --json < usernames.txt
  unmask skeleton --bidi rtl 'A1א'`,
		setup: func(fs *flag.FlagSet) func([]string, io.Reader, io.Writer, io.Writer) int {
			jsonOut := fs.Bool("json", false, "one JSON object per input: {\"text\",\"skeleton\"}")
			bidi := fs.String("bidi", "", "paragraph direction for bidiSkeleton: ltr or rtl (default: plain skeleton)")
			return func(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
				dir, useBidi, err := parseBidiFlag(*bidi)
				if err != nil {
					return errorf(stderr, "skeleton", "%v", err)
				}
				bw := bufio.NewWriter(stdout)
				defer bw.Flush()
				n := 0
				err = eachText(args, stdin, func(text string) error {
					n++
					warnInvalid(stderr, "skeleton", n, len(args) > 0, text)
					sk := ""
					if useBidi {
						sk = uts39.BidiSkeleton(dir, text)
					} else {
						sk = uts39.Skeleton(text)
					}
					if !*jsonOut {
						bw.WriteString(sk)
						return bw.WriteByte('\n')
					}
					rec := skeletonRecord{Text: text, Skeleton: sk, InvalidUTF8: !utf8.ValidString(text)}
					if useBidi {
						rec.Bidi = dir.String()
					}
					return writeRecord(bw, rec)
				})
				if err != nil {
					return errorf(stderr, "skeleton", "%v", err)
				}
				return exitClean
			}
		},
	})
}

type skeletonRecord struct {
	Text        string `json:"text"`
	Skeleton    string `json:"skeleton"`
	Bidi        string `json:"bidi,omitempty"`
	InvalidUTF8 bool   `json:"invalid_utf8,omitempty"` // text had bytes that are not UTF-8 (shown as U+FFFD)
}

// parseBidiFlag reads --bidi: "" for the plain skeleton, else ltr or rtl.
func parseBidiFlag(s string) (uts39.Direction, bool, error) {
	switch s {
	case "":
		return uts39.LTR, false, nil
	case "ltr", "LTR":
		return uts39.LTR, true, nil
	case "rtl", "RTL":
		return uts39.RTL, true, nil
	}
	return uts39.LTR, false, fmt.Errorf("--bidi must be ltr or rtl, not %q", s)
}

// warnInvalid tells on stderr that input n (an argument or a line of stdin)
// is not valid UTF-8, so that its bytes were read as U+FFFD.
func warnInvalid(stderr io.Writer, cmd string, n int, arg bool, text string) {
	if utf8.ValidString(text) {
		return
	}
	what := "line"
	if arg {
		what = "argument"
	}
	fmt.Fprintf(stderr, "unmask %s: %s %d: invalid UTF-8, each bad byte read as U+FFFD\n", cmd, what, n)
}

// eachText calls fn with each argument, or with each line of stdin (without
// its "\n") when there are none. Lines of any length are read whole.
func eachText(args []string, stdin io.Reader, fn func(string) error) error {
	if len(args) > 0 {
		for _, a := range args {
			if err := fn(a); err != nil {
				return err
			}
		}
		return nil
	}
	br := bufio.NewReaderSize(stdin, 64<<10)
	for {
		line, err := br.ReadString('\n')
		if len(line) > 0 {
			if line[len(line)-1] == '\n' {
				line = line[:len(line)-1]
			}
			if ferr := fn(line); ferr != nil {
				return ferr
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// runeJSON describes one code point of an input for --json output.
type runeJSON struct {
	Offset int    `json:"offset"`
	Code   string `json:"code"`
	Char   string `json:"char"`
	Name   string `json:"name"`
	Why    string `json:"why"`
}

// writeRecord writes v as one line of JSON, without HTML escaping.
func writeRecord(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
