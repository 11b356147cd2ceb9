package codescan

import (
	"bytes"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
)

// Context is where in the source a character is.
type Context uint8

// Contexts.
const (
	Other      Context = iota // code that is neither comment, string nor identifier, and unknown file types
	Comment                   // a line or block comment
	String                    // a string or character literal
	Identifier                // an identifier or keyword
)

var contextNames = [...]string{"other", "comment", "string", "identifier"}

func (c Context) String() string {
	if int(c) < len(contextNames) {
		return contextNames[c]
	}
	return "Context(invalid)"
}

// Token is a comment, string literal or identifier: the bytes src[Start:End].
type Token struct {
	Context    Context
	Start, End int
}

// Lex calls fn for each comment, string literal and identifier of src, in
// order and without overlap; the bytes between them are Other. It never
// fails: an unterminated comment or multi-line string runs to the end of
// src, an unterminated one-line string to the end of its line, and bytes
// that are not valid UTF-8 are Other (or inside the token that holds them).
// Identifiers take in Default_Ignorable code points, so an invisible
// character inside a name is seen as part of it, as an editor shows it.
func Lex(src []byte, syn *Syntax, fn func(Token)) {
	l := newLexer(src, syn)
	for t, ok := l.next(); ok; t, ok = l.next() {
		fn(t)
	}
}

// lexer yields the tokens of Lex one at a time, so that a scan needs no
// slice of them.
type lexer struct {
	src       []byte
	syn       *Syntax
	starts    *[256]bool
	i         int
	lineStart bool
}

func newLexer(src []byte, syn *Syntax) *lexer {
	l := &lexer{src: src, syn: syn, starts: syn.openers(), lineStart: true}
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		l.i = 3 // a byte order mark is no part of the first token
	}
	return l
}

// next returns the next token, or false at the end.
func (l *lexer) next() (Token, bool) {
	src, syn, i := l.src, l.syn, l.i
	for i < len(src) {
		c := src[i]
		if c == '\n' {
			i++
			l.lineStart = true
			continue
		}
		if l.starts[c] {
			if j, ok := lexAt(src, i, l.lineStart, syn); ok {
				ctx := Comment
				if j < 0 { // a string literal
					ctx, j = String, -j-1
				}
				l.lineStart = j > 0 && src[j-1] == '\n'
				l.i = j
				return Token{ctx, i, j}, true
			}
		}
		l.lineStart = false
		if c >= '0' && c <= '9' { // a number, with its letters (0x1F, 1e9, 10_000), is no identifier
			i++
			for i < len(src) && (src[i] == '.' || src[i] < utf8.RuneSelf && identContinue(rune(src[i]), syn)) {
				i++
			}
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(src[i:])
		}
		if identStart(r, syn) {
			j := i + size
			for j < len(src) {
				r, n := rune(src[j]), 1
				if r >= utf8.RuneSelf {
					r, n = utf8.DecodeRune(src[j:])
				}
				if !identContinue(r, syn) {
					break
				}
				j += n
			}
			l.i = j
			return Token{Identifier, i, j}, true
		}
		i += size
	}
	l.i = i
	return Token{}, false
}

// lexAt tries a comment or string at src[i]. It returns the end of a
// comment, or -end-1 for a string literal.
func lexAt(src []byte, i int, lineStart bool, syn *Syntax) (int, bool) {
	rest := src[i:]
	if lineStart {
		for _, d := range syn.LineStartBlocks {
			if bytes.HasPrefix(rest, []byte(d.Open)) {
				k := bytes.Index(rest, []byte("\n"+d.Close))
				if k < 0 {
					return len(src), true
				}
				return endOfLine(src, i+k+1), true
			}
		}
	}
	for _, d := range syn.BlockComments {
		if bytes.HasPrefix(rest, []byte(d.Open)) {
			return blockEnd(src, i, d, syn.Nested), true
		}
	}
	for _, lc := range syn.LineComments {
		if bytes.HasPrefix(rest, []byte(lc)) {
			if syn.CommentAfterSpace && i > 0 && !isSpace(src[i-1]) {
				break
			}
			return endOfLine(src, i), true
		}
	}
	for _, d := range syn.Strings {
		if bytes.HasPrefix(rest, []byte(d.Open)) {
			if j, ok := stringEnd(src, i, d); ok {
				return -j - 1, true
			}
		}
	}
	return 0, false
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == ';' }

// endOfLine is the index of the newline at or after i (the newline is not
// part of the comment), or len(src).
func endOfLine(src []byte, i int) int {
	if k := bytes.IndexByte(src[i:], '\n'); k >= 0 {
		return i + k
	}
	return len(src)
}

func blockEnd(src []byte, i int, d Delim, nested bool) int {
	depth := 0
	for j := i; j < len(src); {
		switch {
		case bytes.HasPrefix(src[j:], []byte(d.Open)) && (nested || depth == 0):
			depth++
			j += len(d.Open)
		case bytes.HasPrefix(src[j:], []byte(d.Close)):
			depth--
			j += len(d.Close)
			if depth == 0 {
				return j
			}
		default:
			j++
		}
	}
	return len(src)
}

// stringEnd returns the end of the literal opened at src[i], and false when
// d is a character literal that does not close where it must.
func stringEnd(src []byte, i int, d Delim) (int, bool) {
	j := i + len(d.Open)
	if d.Char {
		if j < len(src) && d.Escape != 0 && src[j] == d.Escape {
			k := bytes.Index(src[min(len(src), j+2):min(len(src), j+12)], []byte(d.Close))
			if k < 0 {
				return 0, false
			}
			return j + 2 + k + len(d.Close), true
		}
		_, n := utf8.DecodeRune(src[j:])
		if j+n < len(src) && bytes.HasPrefix(src[j+n:], []byte(d.Close)) && n > 0 && src[j] != '\n' {
			return j + n + len(d.Close), true
		}
		return 0, false
	}
	for j < len(src) {
		switch {
		case d.Escape != 0 && src[j] == d.Escape:
			j += 2
		case bytes.HasPrefix(src[j:], []byte(d.Close)):
			return j + len(d.Close), true
		case src[j] == '\n' && !d.Multiline:
			return j, true
		default:
			j++
		}
	}
	return len(src), true
}

func identStart(r rune, syn *Syntax) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r == '_' || syn.IdentExtra != "" && bytes.IndexByte([]byte(syn.IdentExtra), byte(r)) >= 0
	}
	if r == utf8.RuneError {
		return false
	}
	c := ucd.CategoryOf(r)
	if c.IsLetter() || c == ucd.Nl {
		return true
	}
	p := ucd.Props(r)
	return p.Has(ucd.DefaultIgnorable) && !p.Has(ucd.BidiControl)
}

func identContinue(r rune, syn *Syntax) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9' || identStart(r, syn)
	}
	if identStart(r, syn) {
		return true
	}
	c := ucd.CategoryOf(r)
	return c == ucd.Mn || c == ucd.Mc || c == ucd.Nd || c == ucd.Pc
}
