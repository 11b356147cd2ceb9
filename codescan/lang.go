package codescan

import (
	"path/filepath"
	"strings"
	"sync"
)

// Syntax says where a language's comments and string literals are. It is a
// table, not a grammar: enough to tell comment, string and identifier apart
// for the security checks, which is all this package needs.
type Syntax struct {
	Name string
	// LineComments start a comment that runs to the end of the line.
	LineComments []string
	// CommentAfterSpace: a line comment only starts at the beginning of a
	// line or after white space (shell's "#", not "$#" or "a#b").
	CommentAfterSpace bool
	// BlockComments are open/close pairs; Nested when they nest (Rust, Swift, Kotlin).
	BlockComments []Delim
	Nested        bool
	// LineStartBlocks are block comments whose delimiters must start a line
	// (Ruby's =begin … =end).
	LineStartBlocks []Delim
	// Strings are tried in order, so longer openers come first.
	Strings []Delim
	// IdentExtra are ASCII characters that may appear in identifiers besides
	// letters, digits and '_' (JavaScript's '$').
	IdentExtra string

	once   sync.Once
	starts [256]bool // first bytes of every opener
}

// openers returns the table of bytes that can start a comment or string.
func (s *Syntax) openers() *[256]bool {
	s.once.Do(func() {
		for _, lc := range s.LineComments {
			s.starts[lc[0]] = true
		}
		for _, ds := range [][]Delim{s.BlockComments, s.LineStartBlocks, s.Strings} {
			for _, d := range ds {
				s.starts[d.Open[0]] = true
			}
		}
	})
	return &s.starts
}

// Delim is one kind of comment or string literal.
type Delim struct {
	Open, Close string
	Escape      byte // the escape character inside, 0 for none
	Multiline   bool // may span lines; otherwise an unclosed one ends at the newline
	// Char: a character literal, which holds one character or one escape;
	// when the Close does not follow, the opener is not a literal (Rust's
	// lifetimes 'a).
	Char bool
}

var (
	cBlock    = []Delim{{Open: "/*", Close: "*/", Multiline: true}}
	cLine     = []string{"//"}
	dq        = Delim{Open: `"`, Close: `"`, Escape: '\\'}
	sq        = Delim{Open: `'`, Close: `'`, Escape: '\\'}
	tripleDQ  = Delim{Open: `"""`, Close: `"""`, Escape: '\\', Multiline: true}
	tripleSQ  = Delim{Open: `'''`, Close: `'''`, Escape: '\\', Multiline: true}
	backquote = Delim{Open: "`", Close: "`", Multiline: true}
)

// The language families. Unknown files have no comments or strings: every
// character is "other", and bidi controls and invisible characters are still
// reported.
var (
	SyntaxC = &Syntax{Name: "C", LineComments: cLine, BlockComments: cBlock,
		Strings: []Delim{{Open: `R"(`, Close: `)"`, Multiline: true}, dq, sq}}
	SyntaxGo = &Syntax{Name: "Go", LineComments: cLine, BlockComments: cBlock,
		Strings: []Delim{backquote, dq, sq}}
	SyntaxRust = &Syntax{Name: "Rust", LineComments: cLine, BlockComments: cBlock, Nested: true,
		Strings: []Delim{
			{Open: `r##"`, Close: `"##`, Multiline: true}, {Open: `r#"`, Close: `"#`, Multiline: true},
			{Open: `r"`, Close: `"`, Multiline: true},
			{Open: `"`, Close: `"`, Escape: '\\', Multiline: true},
			{Open: `'`, Close: `'`, Escape: '\\', Char: true}}}
	SyntaxJava = &Syntax{Name: "Java", LineComments: cLine, BlockComments: cBlock,
		Strings: []Delim{tripleDQ, dq, sq}, IdentExtra: "$"}
	SyntaxJS = &Syntax{Name: "JavaScript", LineComments: cLine, BlockComments: cBlock,
		Strings: []Delim{{Open: "`", Close: "`", Escape: '\\', Multiline: true}, dq, sq}, IdentExtra: "$"}
	SyntaxCSharp = &Syntax{Name: "C#", LineComments: cLine, BlockComments: cBlock,
		Strings: []Delim{{Open: `"""`, Close: `"""`, Multiline: true}, {Open: `@"`, Close: `"`, Multiline: true}, dq, sq}}
	SyntaxSwift = &Syntax{Name: "Swift", LineComments: cLine, BlockComments: cBlock, Nested: true,
		Strings: []Delim{tripleDQ, {Open: `#"`, Close: `"#`}, dq}}
	SyntaxKotlin = &Syntax{Name: "Kotlin", LineComments: cLine, BlockComments: cBlock, Nested: true,
		Strings: []Delim{{Open: `"""`, Close: `"""`, Multiline: true}, dq, sq}, IdentExtra: "$"}
	SyntaxPython = &Syntax{Name: "Python", LineComments: []string{"#"},
		Strings: []Delim{tripleDQ, tripleSQ, dq, sq}}
	SyntaxShell = &Syntax{Name: "shell", LineComments: []string{"#"}, CommentAfterSpace: true,
		Strings: []Delim{{Open: `'`, Close: `'`, Multiline: true}, {Open: `"`, Close: `"`, Escape: '\\', Multiline: true}}}
	SyntaxRuby = &Syntax{Name: "Ruby", LineComments: []string{"#"},
		LineStartBlocks: []Delim{{Open: "=begin", Close: "=end", Multiline: true}},
		Strings:         []Delim{{Open: `"`, Close: `"`, Escape: '\\', Multiline: true}, {Open: `'`, Close: `'`, Escape: '\\', Multiline: true}, backquote}}
	// SyntaxOther is for files of unknown type: no comments, no strings.
	SyntaxOther = &Syntax{Name: "other"}
)

var byExt = map[string]*Syntax{}

func init() {
	for s, exts := range map[*Syntax]string{
		SyntaxC:      ".c .h .cc .cpp .cxx .hpp .hh .hxx .m .mm",
		SyntaxGo:     ".go",
		SyntaxRust:   ".rs",
		SyntaxJava:   ".java .scala .groovy .gradle .dart",
		SyntaxJS:     ".js .mjs .cjs .jsx .ts .tsx .mts .cts",
		SyntaxCSharp: ".cs .csx",
		SyntaxSwift:  ".swift",
		SyntaxKotlin: ".kt .kts",
		SyntaxPython: ".py .pyi .pyw",
		SyntaxShell:  ".sh .bash .zsh .ksh",
		SyntaxRuby:   ".rb .rake .gemspec",
	} {
		for _, e := range strings.Fields(exts) {
			byExt[e] = s
		}
	}
}

// SyntaxFor returns the syntax of a file by its name, or SyntaxOther.
func SyntaxFor(name string) *Syntax {
	if s, ok := byExt[strings.ToLower(filepath.Ext(name))]; ok {
		return s
	}
	switch filepath.Base(name) {
	case "Rakefile", "Gemfile":
		return SyntaxRuby
	case ".bashrc", ".profile", ".zshrc":
		return SyntaxShell
	}
	return SyntaxOther
}

// SyntaxForShebang returns the syntax named by a "#!" first line, or nil.
func SyntaxForShebang(src []byte) *Syntax {
	if len(src) < 2 || src[0] != '#' || src[1] != '!' {
		return nil
	}
	line := src
	if i := strings.IndexByte(string(src[:min(len(src), 200)]), '\n'); i >= 0 {
		line = src[:i]
	}
	l := string(line)
	switch {
	case strings.Contains(l, "python"):
		return SyntaxPython
	case strings.Contains(l, "node") || strings.Contains(l, "deno"):
		return SyntaxJS
	case strings.Contains(l, "ruby"):
		return SyntaxRuby
	case strings.Contains(l, "sh"):
		return SyntaxShell
	}
	return nil
}
