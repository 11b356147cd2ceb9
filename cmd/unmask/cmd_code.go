package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/unmaskdev/unmask/codescan"
	"github.com/unmaskdev/unmask/ucd"
	"github.com/unmaskdev/unmask/uts39"
)

var codeLevels = map[string]uts39.Level{
	"single": uts39.SingleScript, "highly": uts39.HighlyRestrictive, "moderately": uts39.ModeratelyRestrictive,
	"minimally": uts39.MinimallyRestrictive,
}

func init() {
	register(&command{
		name:    "code",
		summary: "scan source code for Trojan Source bidi controls, invisible characters and lookalike identifiers",
		usage: `unmask code [--json | --sarif] [--level L] [PATH…]

Scans the files under each PATH (default: the current directory) for the
Unicode tricks that make source code read differently from what it does:
  bidi-control              bidi controls (U+202A–U+202E, U+2066–U+2069; LRM,
                            RLM, ALM) anywhere in code, with their context
                            (comment, string, identifier, other); in a comment
                            or string one that is left open reorders the code
                            after it (Trojan Source, CVE-2021-42574)
  invisible-character       ZWSP, ZWJ/ZWNJ outside scripts that need them, WORD
                            JOINER, U+FEFF after the start, tag characters,
                            variation selectors, Hangul fillers
  confusable-identifiers    two distinct identifiers of one directory with the
                            same UTS #39 skeleton, one of them not ASCII
                            (CVE-2021-42694; rustc's confusable_idents)
  mixed-script-identifier   a word of an identifier that mixes scripts beyond
                            --level and holds a lookalike (sayНello)
  uncommon-codepoint        a character UTS #39 does not allow in identifiers
  invalid-utf8              the first byte of a file that is not UTF-8
Comments and strings are told apart for C, C++, Go, Rust, Java, JavaScript,
TypeScript, C#, Swift, Kotlin, Python, shell and Ruby (by extension or #!);
in other files everything is "other" and bidi controls and invisible
characters are still reported. Binary files (a NUL byte) are skipped, and so
is what .gitignore and .git/info/exclude ignore, and .git itself; a PATH that
names a file is scanned even if ignored. Columns count code points (UTF-16
code units in --sarif, as dashboards and editors count).

Output: path:line:col: rule: message (like ripgrep), --json one object per
finding (JSON Lines), --sarif one SARIF 2.1.0 log on stdout for code-scanning
dashboards. A file that cannot be read is reported on stderr and the scan
goes on. Exit status: 0 nothing found, 1 found, 2 an error (even with
findings).

Examples:
  unmask code .
  unmask code --sarif src > unmask.sarif
  unmask code --level highly main.go`,
		setup: func(fs *flag.FlagSet) func([]string, io.Reader, io.Writer, io.Writer) int {
			jsonOut := fs.Bool("json", false, "one JSON object per finding (JSON Lines)")
			sarifOut := fs.Bool("sarif", false, "a SARIF 2.1.0 log on stdout")
			level := fs.String("level", "moderately", "the least restrictive UTS #39 restriction level an identifier's words may have: single, highly, moderately, minimally")
			stats := fs.Bool("stats", false, "print files, bytes and findings scanned on stderr")
			return func(args []string, _ io.Reader, stdout, stderr io.Writer) int {
				lvl, ok := codeLevels[*level]
				if !ok {
					return errorf(stderr, "code", "--level %q: want single, highly, moderately or minimally", *level)
				}
				if *jsonOut && *sarifOut {
					return errorf(stderr, "code", "--json and --sarif: choose one")
				}
				if len(args) == 0 {
					args = []string{"."}
				}
				bw := bufio.NewWriter(stdout)
				defer bw.Flush()
				failed := false
				var all []codescan.Finding
				found := func(f codescan.Finding) {
					switch {
					case *sarifOut:
						all = append(all, f)
					case *jsonOut:
						writeCodeJSON(bw, f)
					default:
						fmt.Fprintln(bw, f)
					}
				}
				fail := func(err error) {
					failed = true
					bw.Flush()
					fmt.Fprintf(stderr, "unmask code: %v\n", err)
				}
				st := codescan.ScanPaths(args, lvl, found, fail)
				if *sarifOut {
					if err := codescan.WriteSARIF(bw, all, strings.TrimPrefix(versionString(), "unmask ")); err != nil {
						fail(err)
					}
				}
				if err := bw.Flush(); err != nil {
					return errorf(stderr, "code", "%v", err)
				}
				if *stats {
					fmt.Fprintf(stderr, "unmask code: %d files (%d bytes), %d binary skipped, %d findings\n", st.Files, st.Bytes, st.Binary, st.Findings)
				}
				switch {
				case failed:
					return exitError
				case st.Findings > 0:
					return exitFound
				}
				return exitClean
			}
		},
	})
}

type codeRecord struct {
	Path        string `json:"path"`
	Line        int    `json:"line"`
	Column      int    `json:"column"`
	EndColumn   int    `json:"end_column"`
	Offset      int    `json:"offset"`
	Rule        string `json:"rule"`
	RuleID      string `json:"rule_id"`
	Level       string `json:"level"`
	Context     string `json:"context"`
	Code        string `json:"code,omitempty"`
	Name        string `json:"name,omitempty"`
	Identifier  string `json:"identifier,omitempty"`
	Message     string `json:"message"`
	Fingerprint string `json:"fingerprint"`
}

func writeCodeJSON(w io.Writer, f codescan.Finding) {
	rec := codeRecord{Path: f.Path, Line: f.Line, Column: f.Column, EndColumn: f.EndCol, Offset: f.Offset,
		Rule: f.Rule.Name, RuleID: f.Rule.ID, Level: f.Rule.Level, Context: f.Context.String(),
		Identifier: f.Ident, Message: f.Message, Fingerprint: f.Fingerprint}
	if f.Rune >= 0 {
		rec.Code, rec.Name = fmt.Sprintf("U+%04X", f.Rune), ucd.Name(f.Rune)
	}
	b, _ := json.Marshal(rec)
	w.Write(append(b, '\n'))
}
