package codescan

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// FuzzLex checks the lexer's invariants on any bytes and every syntax:
// tokens in order, not overlapping, not empty, inside src, starting on a
// rune boundary; and that File never panics and places every finding on a
// real line and column.
func FuzzLex(f *testing.F) {
	for _, c := range trojanCases {
		f.Add([]byte(c.src), uint8(0))
	}
	f.Add([]byte("/* unterminated \u202e"), uint8(1))
	f.Add([]byte("'\\''a'b"), uint8(2))
	f.Add([]byte("r#\"raw\"# 'a' \"x\\\"\""), uint8(3))
	f.Add([]byte("=begin\nx\n=end\n# c\n"), uint8(9))
	f.Add([]byte("\xff\xfe\u200b\u2066"), uint8(4))
	syntaxes := []*Syntax{SyntaxC, SyntaxGo, SyntaxRust, SyntaxJava, SyntaxJS, SyntaxCSharp, SyntaxSwift,
		SyntaxKotlin, SyntaxPython, SyntaxShell, SyntaxRuby, SyntaxOther}
	names := []string{"a.c", "a.go", "a.rs", "a.java", "a.js", "a.cs", "a.swift", "a.kt", "a.py", "a.sh", "a.rb", "a.txt"}
	f.Fuzz(func(t *testing.T, src []byte, which uint8) {
		k := int(which) % len(syntaxes)
		prev := 0
		Lex(src, syntaxes[k], func(tok Token) {
			if tok.Start < prev || tok.End <= tok.Start || tok.End > len(src) {
				t.Fatalf("token %+v after %d in %d bytes", tok, prev, len(src))
			}
			if tok.Start > 0 && !utf8.RuneStart(src[tok.Start]) {
				t.Fatalf("token %+v starts inside a rune", tok)
			}
			prev = tok.End
		})
		lines := bytes.Count(src, []byte("\n")) + 1
		s := NewScanner(0)
		all := append(s.File(names[k], src), s.Package()...)
		for _, fd := range all {
			if fd.Line < 1 || fd.Line > lines || fd.Column < 1 || fd.EndCol <= fd.Column || fd.Offset < 0 || fd.Offset >= len(src) {
				t.Fatalf("finding out of place: %+v (%d lines, %d bytes)", fd, lines, len(src))
			}
			if fd.Rule == nil || fd.Message == "" || fd.Fingerprint == "" {
				t.Fatalf("incomplete finding %+v", fd)
			}
		}
	})
}
