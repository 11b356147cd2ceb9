package codescan

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

type want struct {
	rule      string
	line, col int
}

type trojanCase struct {
	name, path, src string
	want            []want
}

func scanOne(path, src string) []Finding {
	s := NewScanner(0)
	return append(s.File(path, []byte(src)), s.Package()...)
}

func places(fs []Finding) []want {
	var got []want
	for _, f := range fs {
		got = append(got, want{f.Rule.Name, f.Line, f.Column})
	}
	slices.SortFunc(got, func(a, b want) int {
		return strings.Compare(fmt.Sprint(a.line, a.col, a.rule), fmt.Sprint(b.line, b.col, b.rule))
	})
	return got
}

// TestTrojanSource: each attack of the Trojan Source paper, written anew
// from its published definition in several languages, is found at exactly
// the right places, and nothing else is.
func TestTrojanSource(t *testing.T) {
	for _, c := range trojanCases {
		t.Run(c.name, func(t *testing.T) {
			fs := scanOne(c.path, c.src)
			got := places(fs)
			exp := slices.Clone(c.want)
			slices.SortFunc(exp, func(a, b want) int {
				return strings.Compare(fmt.Sprint(a.line, a.col, a.rule), fmt.Sprint(b.line, b.col, b.rule))
			})
			if !slices.Equal(got, exp) {
				for _, f := range fs {
					t.Log(f)
				}
				t.Fatalf("got %v\nwant %v", got, exp)
			}
		})
	}
}

// TestContexts: the context reported with each bidi control.
func TestContexts(t *testing.T) {
	for _, c := range []struct{ path, src, ctx string }{
		{"a.go", "// x \u202e\n", "comment"},
		{"a.go", "x := \"\u202e\"\n", "string"},
		{"a.go", "x := `\n\u202e`\n", "string"},
		{"a.go", "x := 1 \u202e+ 2\n", "other"},
		{"a.rs", "/* a /* b */ \u202e */\n", "comment"}, // nested block comment
		{"a.rs", "fn f<'a>(x: &'a str) { \"\u2066\" }\n", "string"},
		{"a.py", "x = '''\n\u2067'''\n", "string"},
		{"a.sh", "echo $# \u202e\n", "other"}, // $# is no comment
		{"a.sh", "echo hi # \u202e\n", "comment"},
		{"a.rb", "=begin\n\u202e\n=end\n", "comment"},
		{"a.cs", "var s = @\"a\\\u202e\";\n", "string"},
		{"a.txt", "// \u202e\n", "other"}, // unknown type: no comments
		{"script", "#!/usr/bin/env python3\n# \u202e\n", "comment"},
		{"a.go", "x := a \u200f+ b\n", "other"},               // RLM between operands
		{"a.go", "x := \"abc\u200fdef\"\n", "string"},         // RLM with no right-to-left text around
		{"a.js", "let s = \"שלום \u202bhello\";\n", "string"}, // RLE left open, even in Hebrew text
		{"a.js", "let s = \"שלום \u202chello\";\n", "string"}, // PDF that closes nothing
	} {
		fs := scanOne(c.path, c.src)
		if len(fs) != 1 || fs[0].Context.String() != c.ctx || fs[0].Rule != RuleBidi {
			t.Errorf("%s %q: got %v, want one bidi-control in %s", c.path, c.src, fs, c.ctx)
		}
	}
}

// TestNoFalseAlarm: identifiers and text that are non-Latin by design give
// nothing. The inputs imitate real code found in public repositories and in
// Go's and Python's own trees (see README: Greek letters of crypto/mldsa and
// strconv, pyparsing's unicode.py, Japanese Swift, Russian Python).
func TestNoFalseAlarm(t *testing.T) {
	for _, c := range []struct{ name, path, src string }{
		{"greek-math", "m.go", "package m\n\n// ρ and p are both used, as in FIPS 204.\nfunc f(α, β, p float64) float64 {\n\tλ := α * β\n\tρ := p * λ\n\tvar maxγ1, ρs = 1.0, ρ\n\treturn λ + ρ + maxγ1 + ρs\n}\n"},
		{"greek-delta", "d.go", "package d\n\nvar Δx, Δy = 1, 2\n"},
		{"japanese", "v.swift", "func 計算(アクセル: Float, ハンドル: Float) {\n    var ベース = アクセル\n    self.左MaBeee出力.text = \"接続なし\"\n}\n"},
		{"chinese", "c.go", "package c\n\nfunc 計算する(値 int) int {\n\t結果 := 値 * 2\n\treturn 結果\n}\n"},
		{"russian", "r.py", "ГОРОДА = []\nФАЙЛ_WAL = 'wal'\n\ndef получить_города():\n    return ГОРОДА\n\nclass ОтступникПитона(Отступник):\n    NL_type = '_NEWLINE'\n"},
		{"korean-thai-hindi", "u.py", "pyparsing_unicode.한국어 = 1\npyparsing_unicode.ไทย = 2\npyparsing_unicode.देवनागरी = 3\n"},
		{"persian-zwnj", "p.py", "می\u200cخواهم = 1\nprint('می\u200cخواهم')\n"},
		{"hindi-zwj", "h.py", "क्\u200dष = 1\n"},
		{"hebrew-messages", "i18n.go", "package i18n\n\nvar msg = \"\u200fשלום \u202bhello %s\u202c עולם\"\nvar msg2 = \"\u2067שלום\u2069 world\"\n"},
		{"arabic-alm", "ar.js", "const s = \"\u061cمرحبا 42\";\n"},
		{"khmer-zwsp", "k.py", "TEXT = 'ភាសា\u200bខ្មែរ\u200bគឺ'\n"},
		{"emoji", "e.js", "const family = \"👨\u200d👩\u200d👧\";\nconst key = \"#\ufe0f\u20e3\";\nconst heart = \"❤\ufe0f\";\nconst flag = \"🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F\";\n"},
		{"bom", "b.go", "\ufeffpackage b\n"},
		{"comment-zwsp", "z.go", "package z\n\n// copied from a web page:\u200b\u200bhttps://example.com\n"},
		{"rust-lifetimes", "l.rs", "fn f<'a>(x: &'a str) -> char { let _ = x; 'λ' }\n"},
		{"latin-accents", "fr.py", "def réserver(durée):\n    return durée\n"},
	} {
		if fs := scanOne(c.path, c.src); len(fs) != 0 {
			t.Errorf("%s: false alarm:\n%v", c.name, fs)
		}
	}
}

// TestPackageCollisions: identifiers collide across the files of a package,
// not across packages.
func TestPackageCollisions(t *testing.T) {
	s := NewScanner(0)
	if fs := s.File("p/a.go", []byte("package p\n\nvar admin = 1\n")); len(fs) != 0 {
		t.Fatal(fs)
	}
	s.File("p/b.go", []byte("package p\n\nvar аdmin = 2\n")) // Cyrillic а
	fs := s.Package()
	if len(fs) != 2 || fs[0].Rule != RuleMixedScript || fs[1].Rule != RuleConfusable || fs[1].Path != "p/b.go" ||
		fs[1].Line != 3 || fs[1].Column != 5 || !strings.Contains(fs[1].Message, "p/a.go:3:5") {
		t.Fatalf("got %v", fs)
	}
	s.File("q/a.go", []byte("package q\n\nvar admin = 1\n"))
	s.Package()
	s.File("r/b.go", []byte("package r\n\nvar аdmin = 2\n"))
	if fs := s.Package(); len(fs) != 1 || fs[0].Rule != RuleMixedScript {
		t.Fatalf("other package: got %v", fs)
	}
}

// TestLevel: --level decides which script mixes are reported.
func TestLevel(t *testing.T) {
	src := []byte("package p\n\nvar sayНello = 1\n") // Latin + Cyrillic: Minimally Restrictive
	for _, c := range []struct {
		level Level
		n     int
	}{{DefaultLevel, 1}, {Level(5), 0}} {
		s := NewScanner(c.level)
		fs := append(s.File("p.go", src), s.Package()...)
		if len(fs) != c.n {
			t.Errorf("level %v: got %v", c.level, fs)
		}
	}
}

func TestInvalidUTF8AndBinary(t *testing.T) {
	fs := scanOne("l1.py", "# caf\xe9\nx = 1\n")
	if len(fs) != 1 || fs[0].Rule != RuleInvalidUTF8 || fs[0].Line != 1 || fs[0].Column != 6 {
		t.Fatalf("got %v", fs)
	}
	if !IsBinary([]byte("ab\x00\u202e")) || scanOne("x.bin", "ab\x00\u202e") != nil {
		t.Fatal("a NUL byte makes a file binary, and binary files give nothing")
	}
	if IsBinary([]byte("caf\xe9 au lait, cr\xe8me br\xfbl\xe9e, and a long enough line of text")) {
		t.Fatal("Latin-1 text is not binary")
	}
}

// TestColumns: columns count code points; Col16 counts UTF-16 code units,
// where a letter outside the BMP takes two.
func TestColumns(t *testing.T) {
	fs := scanOne("a.py", "x = '\U0001D41F \u202e'\n")
	if len(fs) != 1 || fs[0].Column != 8 || fs[0].EndCol != 9 || fs[0].Col16 != 9 || fs[0].EndCol16 != 10 {
		t.Fatalf("got %+v", fs)
	}
}
