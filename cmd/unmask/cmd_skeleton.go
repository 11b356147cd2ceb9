package main

import (
	"bufio"
	"bytes"
	"encoding/json"
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
look alike only after bidi reordering match too. The lines of stdin are
worked on every core (-j) and written in order. Exit status: 0, or 2 on error.

Examples:
  unmask skeleton paypal pаypаl 𝔭𝒶ỿ𝕡𝕒ℓ
  unmask skeleton --json < usernames.txt
  unmask skeleton --bidi rtl 'A1א'`,
		setup: func(fs *flag.FlagSet) func([]string, io.Reader, io.Writer, io.Writer) int {
			jsonOut := fs.Bool("json", false, "one JSON object per input: {\"text\",\"skeleton\"}")
			bidi := fs.String("bidi", "", "paragraph direction for bidiSkeleton: ltr or rtl (default: plain skeleton)")
			workers := fs.Int("j", 0, "worker goroutines for stdin (default: every core)")
			return func(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
				dir, useBidi, err := parseBidiFlag(*bidi)
				if err != nil {
					return errorf(stderr, "skeleton", "%v", err)
				}
				bw := bufio.NewWriter(stdout)
				defer bw.Flush()
				// line appends the output for one text to dst.
				line := func(text string, dst []byte) []byte {
					if !*jsonOut {
						if useBidi {
							dst = append(dst, uts39.BidiSkeleton(dir, text)...)
						} else {
							dst = uts39.AppendSkeleton(dst, text)
						}
						return append(dst, '\n')
					}
					rec := skeletonRecord{Text: text, InvalidUTF8: !utf8.ValidString(text)}
					if useBidi {
						rec.Skeleton, rec.Bidi = uts39.BidiSkeleton(dir, text), dir.String()
					} else {
						rec.Skeleton = uts39.Skeleton(text)
					}
					return appendRecord(dst, rec)
				}
				if err := eachInput("skeleton", args, stdin, bw, stderr, *workers, line); err != nil {
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

// parseBidiFlag reads --bidi: "" for the plain skeleton, else a direction
// (uts39.ParseDirection).
func parseBidiFlag(s string) (uts39.Direction, bool, error) {
	if s == "" {
		return uts39.LTR, false, nil
	}
	dir, err := uts39.ParseDirection(s)
	if err != nil {
		return dir, false, fmt.Errorf("--bidi: %v", err)
	}
	return dir, true, nil
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

// appendRecord appends v to dst as writeRecord writes it.
func appendRecord(dst []byte, v any) []byte {
	b := bytes.NewBuffer(dst)
	writeRecord(b, v) // a bytes.Buffer does not fail, and the records are plain values
	return b.Bytes()
}
