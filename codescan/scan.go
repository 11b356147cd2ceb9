package codescan

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
	"github.com/unmaskdev/unmask/uts39"
)

// Finding is one problem at one place.
type Finding struct {
	Rule   *Rule
	Path   string
	Line   int // 1-based
	Column int // 1-based, in code points
	EndCol int // one past the last column of the problem, in code points
	// Col16 and EndCol16 are Column and EndCol in UTF-16 code units, as
	// SARIF counts by default and code-scanning dashboards and editors do.
	Col16, EndCol16 int
	Offset          int // byte offset in the file
	Context         Context
	Rune            rune   // the character at fault, or -1
	Ident           string // the identifier at fault, or ""
	Message         string
	// Fingerprint identifies the finding across edits elsewhere in the file:
	// a hash of the rule, the path, the trimmed line and what is at fault.
	Fingerprint string
}

// String formats the finding as ripgrep does a match: path:line:col: rule message.
func (f Finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s", f.Path, f.Line, f.Column, f.Rule.Name, f.Message)
}

// DefaultLevel is the least restrictive UTS #39 restriction level an
// identifier's words may have by default: Moderately Restrictive allows
// Latin with one other Recommended script except Cyrillic and Greek, and the
// Han-based mixes of Japanese, Chinese and Korean.
const DefaultLevel = uts39.ModeratelyRestrictive

// Level is a UTS #39 restriction level (uts39.Level).
type Level = uts39.Level

// Scanner checks files and, across the files of one package (one directory),
// identifiers whose skeletons collide. The zero value is not ready: use
// NewScanner. A Scanner is not safe for concurrent use.
type Scanner struct {
	level    Level
	idents   map[string]identAt // first place of each distinct identifier in the package
	nonASCII bool               // some identifier of the package is not ASCII
	// design holds the scripts the package's identifiers use by design:
	// those with a letter that imitates no Latin letter (Greek λ beside ρ).
	design ucd.ScriptSet
	mixed  []mixedAt // mixed-script words, reported unless their lookalikes are of design scripts
}

type mixedAt struct {
	f       Finding
	scripts []ucd.Script
}

type identAt struct {
	path           string
	line, col, end int
	col16, end16   int // in UTF-16 code units
	offset         int
	ascii          bool
	lineText       string
}

// NewScanner returns a Scanner that allows identifiers' words up to the
// restriction level (DefaultLevel when 0).
func NewScanner(level Level) *Scanner {
	if level == 0 {
		level = DefaultLevel
	}
	return &Scanner{level: level, idents: map[string]identAt{}}
}

// IsBinary reports whether src looks like a binary file: a NUL byte
// anywhere (git looks at the first 8,000 bytes only; a PDF-based .ai file
// has its first NUL later), or more than a tenth of its first 8,000 bytes
// not valid UTF-8 (compressed data; a Latin-1 text has far fewer, and is
// scanned).
func IsBinary(src []byte) bool {
	if bytes.IndexByte(src, 0) >= 0 {
		return true
	}
	head := src[:min(len(src), 8000)]
	bad := 0
	for i := 0; i < len(head); {
		if head[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && n == 1 && len(head)-i >= utf8.UTFMax {
			bad++
		}
		i += n
	}
	return bad*10 > len(head)
}

// File returns the findings of one file, in order of place, and remembers
// its identifiers for Package. Binary files give nothing (test with IsBinary
// to tell them apart). The syntax comes from the name (or a "#!" line).
func (s *Scanner) File(path string, src []byte) []Finding {
	if IsBinary(src) {
		return nil
	}
	syn := SyntaxFor(path)
	if syn == SyntaxOther {
		if sb := SyntaxForShebang(src); sb != nil {
			syn = sb
		}
	}
	fs := &fileScan{s: s, path: path, src: src, generated: IsGenerated(src)}
	var lex *lexer
	if syn != SyntaxOther {
		lex = newLexer(src, syn)
	}
	fs.walk(lex)
	sort.SliceStable(fs.out, func(i, j int) bool { return fs.out[i].Offset < fs.out[j].Offset })
	return fs.out
}

type fileScan struct {
	s    *Scanner
	path string
	src  []byte
	out  []Finding
	// line bookkeeping
	line, lineStart int
	// the comment or string being walked: whether it holds a letter of a
	// right-to-left script, and the offsets of its unbalanced bidi controls
	tokRTL     bool
	unbalanced map[int]bool
	seen       map[string]bool // identifiers already checked in this file
	generated  bool            // the file says it is generated: its names are not judged
}

var generatedRE = regexp.MustCompile(`(?m)^(//|#) Code generated .* DO NOT EDIT\.$`)

// IsGenerated reports whether src has the line "// Code generated … DO NOT
// EDIT." (or with "#"), the convention of Go and other tools for generated
// files. Their non-ASCII identifiers are not judged: a generator picks
// lookalikes on purpose (Apache Beam's starcgen writes U+06F0 for "." and
// Cyrillic Г for "→" in names). Their bidi controls and invisible characters
// still are.
func IsGenerated(src []byte) bool {
	return generatedRE.Match(src[:min(len(src), 16<<10)])
}

// utf16Len is the length of b in UTF-16 code units (an invalid byte counts one).
func utf16Len(b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r >= 0x10000 {
			n++
		}
		n++
		i += size
	}
	return n
}

// col returns the column, in code points, of byte offset off on the current line.
func (f *fileScan) col(off int) int {
	return utf8.RuneCount(f.src[f.lineStart:off]) + 1
}

func (f *fileScan) lineText() string {
	end := bytes.IndexByte(f.src[f.lineStart:], '\n')
	if end < 0 {
		end = len(f.src) - f.lineStart
	}
	return string(bytes.TrimSpace(f.src[f.lineStart : f.lineStart+end]))
}

func (f *fileScan) add(rule *Rule, off, size int, ctx Context, r rune, ident, msg string) {
	c, c16 := f.col(off), utf16Len(f.src[f.lineStart:off])+1
	nth := 0 // the same character found before on this line: part of the fingerprint
	for k := len(f.out) - 1; k >= 0 && f.out[k].Line == f.line; k-- {
		if f.out[k].Rule == rule && f.out[k].Rune == r && f.out[k].Ident == ident {
			nth++
		}
	}
	f.out = append(f.out, Finding{Rule: rule, Path: f.path, Line: f.line, Column: c,
		EndCol: c + utf8.RuneCount(f.src[off:off+size]), Col16: c16, EndCol16: c16 + utf16Len(f.src[off:off+size]), Offset: off, Context: ctx, Rune: r, Ident: ident,
		Message: msg, Fingerprint: fingerprint(rule, f.path, f.lineText(), r, fmt.Sprint(ident, "\x00", nth))})
}

func fingerprint(rule *Rule, path, line string, r rune, ident string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%d\x00%s", rule.ID, path, line, r, ident)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// walk goes through the file once, rune by rune, with the tokens of lex
// (nil: none) beside.
func (f *fileScan) walk(lex *lexer) {
	src := f.src
	f.line = 1
	var tok Token // the token at or after i
	more := lex != nil
	if more {
		tok, more = lex.next()
	}
	var prev rune = -1
	invalidSeen := false
	for i := 0; i < len(src); {
		for more && tok.End <= i {
			tok, more = lex.next()
		}
		ctx := Other
		if more && tok.Start <= i {
			ctx = tok.Context
			if tok.Start == i {
				switch ctx {
				case Identifier:
					f.identifier(tok)
				case Comment, String:
					f.bidiToken(tok)
				}
			}
		}
		c := src[i]
		if c < utf8.RuneSelf {
			if c == '\n' {
				f.line++
				f.lineStart = i + 1
			}
			prev = rune(c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			if !invalidSeen {
				invalidSeen = true
				f.add(RuleInvalidUTF8, i, 1, ctx, -1, "", fmt.Sprintf("byte 0x%02X is not valid UTF-8 (the first in this file); the file is checked as if it were U+FFFD", c))
			}
			prev = r
			i++
			continue
		}
		p := ucd.Props(r)
		switch {
		case p.Has(ucd.BidiControl):
			if ctx == Identifier || ctx == Other || !f.bidiOKInToken(r) {
				f.add(RuleBidi, i, size, ctx, r, "", bidiMessage(r, ctx, f.unbalanced[i]))
			}
		case p.Has(ucd.DefaultIgnorable) || r == 0x3164 || r == 0xFFA0:
			var next rune = -1
			if i+size < len(src) {
				next, _ = utf8.DecodeRune(src[i+size:])
			}
			if isTag(r) && !(ctx == Comment || ctx == String || ctx == Other) || isTag(r) && prev != 0x1F3F4 && !isTag(prev) {
				// a run of tag characters that is no emoji tag sequence: hidden text, one finding
				end, hidden := tagRun(src, i)
				f.add(RuleInvisible, i, end-i, ctx, r, "", fmt.Sprintf("%d invisible tag characters (%s…) in %s hide the text %q", utf8.RuneCount(src[i:end]), codePoint(r), ctx, hidden))
				prev, i = 0xE0000, end
				continue
			}
			if !(r == 0xFEFF && i == 0) && !invisibleOK(ctx, prev, r, next) {
				f.add(RuleInvisible, i, size, ctx, r, "", fmt.Sprintf("invisible %s %s in %s", codePoint(r), ucd.Name(r), ctx))
			}
		}
		prev = r
		i += size
	}
}

// Package returns the identifiers of the files given to File since the last
// call that collide with another: two distinct identifiers with the same
// UTS #39 skeleton, at least one of them not ASCII. Each non-ASCII member of
// a colliding group is reported at its first place, naming another member
// (an ASCII one when there is one). Then the Scanner forgets the package.
func (s *Scanner) Package() []Finding {
	defer func() {
		clear(s.idents)
		s.nonASCII = false
		s.design = ucd.ScriptSet{}
		s.mixed = s.mixed[:0]
	}()
	if !s.nonASCII {
		return nil
	}
	var out []Finding
	for _, m := range s.mixed {
		if !s.byDesign(m.scripts) {
			out = append(out, m.f)
		}
	}
	groups := map[string][]string{}
	for id := range s.idents {
		sk := uts39.Skeleton(id)
		groups[sk] = append(groups[sk], id)
	}
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		sort.Slice(g, func(i, j int) bool { // ASCII first, then by place
			a, b := s.idents[g[i]], s.idents[g[j]]
			if a.ascii != b.ascii {
				return a.ascii
			}
			if a.path != b.path {
				return a.path < b.path
			}
			return a.offset < b.offset
		})
		for k, id := range g {
			at := s.idents[id]
			if at.ascii || uts39.IsSingleScript(id) && s.byDesign(scriptsOf(id)) {
				continue // a name in a script the package uses by design
			}
			other := g[0]
			if k == 0 {
				other = g[1]
			}
			o := s.idents[other]
			where := fmt.Sprintf("%s:%d:%d", o.path, o.line, o.col)
			if o.path == at.path {
				where = fmt.Sprintf("line %d:%d", o.line, o.col)
			}
			out = append(out, Finding{Rule: RuleConfusable, Path: at.path, Line: at.line, Column: at.col, EndCol: at.end, Col16: at.col16, EndCol16: at.end16,
				Offset: at.offset, Context: Identifier, Rune: -1, Ident: id,
				Message:     fmt.Sprintf("identifier %q looks like %q (%s): same UTS #39 skeleton %q", id, other, where, strings.ToValidUTF8(uts39.Skeleton(id), "\uFFFD")),
				Fingerprint: fingerprint(RuleConfusable, at.path, at.lineText, -1, id+"\x00"+other)})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Offset < out[j].Offset
	})
	return out
}

// byDesign reports whether every script of scs is used by design in the
// package: it has a letter there that imitates no Latin letter. rustc's
// mixed_script_confusables reasons the same way: a script is suspicious in a
// crate when all of its characters there are confusables.
func (s *Scanner) byDesign(scs []ucd.Script) bool {
	if len(scs) == 0 {
		return false
	}
	for _, sc := range scs {
		if !s.design.Has(sc) {
			return false
		}
	}
	return true
}

// scriptsOf lists the scripts of the non-ASCII letters of id other than
// Latin, Common and Inherited.
func scriptsOf(id string) []ucd.Script {
	var out []ucd.Script
	for _, r := range id {
		if r < utf8.RuneSelf {
			continue
		}
		if sc := ucd.ScriptOf(r); sc != ucd.Latin && sc != ucd.Common && sc != ucd.Inherited && sc != ucd.Unknown {
			out = append(out, sc)
		}
	}
	return out
}

// tagRun returns the end of the run of tag characters at src[i] and the
// ASCII text they spell.
func tagRun(src []byte, i int) (int, string) {
	var b strings.Builder
	for i < len(src) {
		r, n := utf8.DecodeRune(src[i:])
		if !isTag(r) {
			break
		}
		if r >= 0xE0020 && r <= 0xE007E {
			b.WriteByte(byte(r - 0xE0000))
		}
		i += n
	}
	return i, b.String()
}
