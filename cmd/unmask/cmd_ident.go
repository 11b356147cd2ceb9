package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"sync/atomic"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
	"github.com/unmaskdev/unmask/uts39"
)

func init() {
	register(&command{
		name:    "ident",
		summary: "check identifiers by UTS #39: scripts, restriction level, status, problem characters",
		usage: `unmask ident [--json] [TEXT…]

Checks each TEXT argument, or each line of stdin when no TEXT is given, as an
identifier by UTS #39 (Unicode 17.0.0): its resolved script set (§5.1), its
restriction level (§5.2: ASCII-Only, Single Script, Highly Restrictive,
Moderately Restrictive, Minimally Restrictive, Unrestricted), whether every
character is Allowed by the General Security Profile (§3.1), and then the
characters that are the problem, each with its byte offset, U+XXXX, name and
why: not Allowed (with its Identifier_Type), from another script than the rest
of the string, digits from a second number system (§5.3), or marks that
repeat, pile up or hide (§5.4). The lines of stdin are checked on every core
(-j) and written in order. Exit status: 0 if every input is at most Highly
Restrictive (so also all Allowed), 1 otherwise, 2 on error.

Examples:
  unmask ident paypal pаypаl
  unmask ident --json < usernames.txt
  unmask ident 'Ελληνικά' 'abc漢字'`,
		setup: func(fs *flag.FlagSet) func([]string, io.Reader, io.Writer, io.Writer) int {
			jsonOut := fs.Bool("json", false, "one JSON object per input (JSON Lines)")
			workers := fs.Int("j", 0, "worker goroutines for stdin (default: every core)")
			return func(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
				bw := bufio.NewWriter(stdout)
				defer bw.Flush()
				var failed atomic.Bool // some input is beyond Highly Restrictive
				// line appends the report on one text to dst.
				line := func(text string, dst []byte) []byte {
					rec := identify(text)
					if !rec.OK {
						failed.Store(true)
					}
					if *jsonOut {
						return appendRecord(dst, rec)
					}
					b := bytes.NewBuffer(dst)
					printIdent(b, rec)
					return b.Bytes()
				}
				if err := eachInput("ident", args, stdin, bw, stderr, *workers, line); err != nil {
					return errorf(stderr, "ident", "%v", err)
				}
				if failed.Load() {
					return exitFound
				}
				return exitClean
			}
		},
	})
}

type identRecord struct {
	Text             string     `json:"text"`
	ResolvedScripts  string     `json:"resolved_scripts"` // ISO 15924 codes, "ALL" or "∅"
	SingleScript     bool       `json:"single_script"`
	RestrictionLevel string     `json:"restriction_level"`
	ScriptLevel      string     `json:"script_level"` // the level if every character were Allowed (as ICU computes by default)
	Status           string     `json:"status"`       // Allowed when every character is, else Restricted
	Restricted       []runeJSON `json:"restricted"`   // characters that are not Allowed
	OtherScript      []runeJSON `json:"other_script"` // when the script mix is beyond Highly Restrictive: characters outside the main script
	NumberSystems    []string   `json:"number_systems"`
	MixedNumbers     bool       `json:"mixed_numbers"`
	Findings         []runeJSON `json:"findings"` // §5.4 detections; Why starts with the kind
	OK               bool       `json:"ok"`       // at most Highly Restrictive
	InvalidUTF8      bool       `json:"invalid_utf8,omitempty"`
}

func describeRune(off int, r rune, why string) runeJSON {
	name := ucd.Name(r)
	if name == "" {
		name = "<unnamed>"
	}
	return runeJSON{Offset: off, Code: fmt.Sprintf("U+%04X", r), Char: string(r), Name: name, Why: why}
}

func identify(text string) identRecord {
	rep := uts39.CheckIdentifier(text)
	rec := identRecord{
		Text:             text,
		ResolvedScripts:  rep.Scripts.String(),
		SingleScript:     !rep.Scripts.IsEmpty(),
		RestrictionLevel: rep.Level.String(),
		ScriptLevel:      rep.ScriptLevel.String(),
		Status:           uts39.Allowed.String(),
		Restricted:       []runeJSON{},
		OtherScript:      []runeJSON{},
		NumberSystems:    []string{},
		MixedNumbers:     rep.MixedNumbers(),
		Findings:         []runeJSON{},
		OK:               rep.Level <= uts39.HighlyRestrictive,
		InvalidUTF8:      !utf8.ValidString(text),
	}
	if !rep.Allowed() {
		rec.Status = uts39.Restricted.String()
	}
	for _, c := range rep.Restricted {
		d := describeRune(c.Offset, c.Rune, "Restricted: "+c.Reason())
		if c.Invalid {
			d = runeJSON{Offset: c.Offset, Code: fmt.Sprintf("byte 0x%02X", text[c.Offset]), Char: "\uFFFD", Name: c.Name(), Why: c.Reason()}
		}
		rec.Restricted = append(rec.Restricted, d)
	}
	for _, c := range rep.OtherScript {
		rec.OtherScript = append(rec.OtherScript, describeRune(c.Offset, c.Rune, fmt.Sprintf("%s in a %s string", ucd.ScriptOf(c.Rune), rep.MainScript)))
	}
	for _, z := range rep.NumberSystems {
		rec.NumberSystems = append(rec.NumberSystems, fmt.Sprintf("U+%04X", z))
	}
	for _, c := range rep.ForeignDigits {
		rec.Findings = append(rec.Findings, describeRune(c.Offset, c.Rune,
			fmt.Sprintf("mixed-numbers: a digit of the system of U+%04X after digits of U+%04X", ucd.DigitZero(c.Rune), rep.NumberSystems[0])))
	}
	for _, f := range rep.Findings {
		rec.Findings = append(rec.Findings, describeRune(f.Offset, f.Rune, f.Kind.String()+": "+f.Describe()))
	}
	return rec
}

func printIdent(w io.Writer, rec identRecord) {
	scripts := rec.ResolvedScripts
	if !rec.SingleScript {
		scripts += " (mixed-script)"
	}
	fmt.Fprintf(w, "%q\n  scripts      %s\n  restriction  %s\n  status       %s\n", rec.Text, scripts, rec.RestrictionLevel, rec.Status)
	if len(rec.NumberSystems) > 1 {
		fmt.Fprintf(w, "  numbers      mixed: %v\n", rec.NumberSystems)
	}
	for _, list := range [][]runeJSON{rec.Restricted, rec.OtherScript, rec.Findings} {
		for _, c := range list {
			fmt.Fprintf(w, "  %-4d %-8s %-6q %s: %s\n", c.Offset, c.Code, c.Char, c.Name, c.Why)
		}
	}
}
