// Package codescan finds the Unicode tricks that make source code read
// differently from what it does:
//
//   - bidi controls (U+202A–U+202E, U+2066–U+2069, LRM, RLM, ALM) anywhere in
//     code, with their context; in a comment or string literal, one left open
//     at the end of the literal or line reorders the code after it as it is
//     displayed (Trojan Source, CVE-2021-42574);
//   - invisible characters (ZWSP, ZWJ/ZWNJ outside scripts that need them,
//     WORD JOINER, U+FEFF after the start, tag characters, variation
//     selectors, Hangul fillers) in identifiers, strings and code;
//   - identifiers of one package whose UTS #39 skeletons collide (rustc's
//     confusable_idents; CVE-2021-42694), words of identifiers that mix
//     scripts beyond a restriction level and hold a lookalike (rustc's
//     mixed_script_confusables), and variant characters UTS #39 does not
//     allow in identifiers (uncommon_codepoints).
//
// Skeletons, restriction levels and identifier status come from package
// uts39 (Unicode 17.0.0).
//
// The lexer (Lex) is a table per language family (Syntax): C-like (C, C++,
// Go, Rust, Java, JavaScript/TypeScript, C#, Swift, Kotlin), Python, shell
// and Ruby. It knows comments, string literals and identifiers and nothing
// more; other files are all "other" and still checked for bidi controls and
// invisible characters.
//
// Invariants:
//   - Lex never fails: tokens come in order, never overlap and never are
//     empty; unterminated literals end at the end of the file (or of the
//     line, for one-line strings). Invalid UTF-8 is never an error: the
//     first invalid byte of a file is a finding and the rest reads as U+FFFD.
//   - Lines and columns are 1-based; columns count code points (Column,
//     EndCol) and UTF-16 code units (Col16, EndCol16, used in SARIF).
//   - Real text is not a finding: right-to-left messages with marks and
//     balanced controls, ZWSP in Khmer or Thai, ZWNJ in Persian, ZWJ in
//     Indic scripts and emoji, variation selectors after emoji and CJK, emoji
//     tag sequences, and identifiers in a script the package uses by design
//     (a letter of it imitates no Latin letter: Greek λ beside ρ).
//   - A package is a directory: Scanner.File remembers identifiers,
//     Scanner.Package reports the collisions and forgets them.
package codescan
