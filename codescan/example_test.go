package codescan_test

import (
	"fmt"
	"os"

	"github.com/unmaskdev/unmask/codescan"
)

// A comment that leaves a right-to-left override open reorders the code
// after it on screen (Trojan Source, CVE-2021-42574).
func ExampleScanner_File() {
	src := "package main\n\nfunc main() {\n\t/*\u202e } \u2066if isAdmin\u2069 \u2066 begin admins only */\n}\n"
	s := codescan.NewScanner(codescan.DefaultLevel)
	for _, f := range s.File("main.go", []byte(src)) {
		fmt.Printf("%d:%d %s in %s: U+%04X\n", f.Line, f.Column, f.Rule.Name, f.Context, f.Rune)
	}
	// Output:
	// 4:4 bidi-control in comment: U+202E
	// 4:8 bidi-control in comment: U+2066
	// 4:19 bidi-control in comment: U+2069
	// 4:21 bidi-control in comment: U+2066
}

// Two names that look the same in one package: the second has a Cyrillic Н.
func ExampleScanner_Package() {
	s := codescan.NewScanner(codescan.DefaultLevel)
	s.File("greet/a.py", []byte("def sayHello():\n    pass\n"))
	s.File("greet/b.py", []byte("def sayНello():\n    pass\n"))
	for _, f := range s.Package() {
		fmt.Println(f)
	}
	// Output:
	// greet/b.py:1:5: mixed-script-identifier: identifier "sayНello" mixes scripts (Cyrillic+Latin in "Нello"): Minimally Restrictive, beyond Moderately Restrictive
	// greet/b.py:1:5: confusable-identifiers: identifier "sayНello" looks like "sayHello" (greet/a.py:1:5): same UTS #39 skeleton "sayHello"
}

// The lexer tells comments, strings and identifiers apart.
func ExampleLex() {
	src := []byte(`x := "a" + 0x1F // b`)
	codescan.Lex(src, codescan.SyntaxFor("x.go"), func(t codescan.Token) {
		fmt.Printf("%s %q\n", t.Context, src[t.Start:t.End])
	})
	// Output:
	// identifier "x"
	// string "\"a\""
	// comment "// b"
}

func ExampleWriteSARIF() {
	s := codescan.NewScanner(0)
	fs := s.File("a.js", []byte("let s = \"user\u202e\";\n"))
	if err := codescan.WriteSARIF(os.Stdout, fs, "example"); err != nil {
		fmt.Println(err)
	}
}
