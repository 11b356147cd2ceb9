package uts39

import (
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
)

// ScriptSetOf returns the augmented script set of r that UTS #39 §5.1 uses:
// its Script_Extensions, with Han adding Hanb, Jpan and Kore, Hiragana and
// Katakana adding Jpan, Hangul adding Kore and Bopomofo adding Hanb; a code
// point whose Script_Extensions is Common or Inherited gets ALL
// (ucd.AllScripts). An unassigned code point has {Zzzz}.
func ScriptSetOf(r rune) ucd.ScriptSet {
	if uint32(r) < 0x10000 {
		bmpOnce.Do(loadBMP)
		return scriptSets[bmpScripts[r]]
	}
	return scriptSetOfSlow(r)
}

func scriptSetOfSlow(r rune) ucd.ScriptSet {
	s := ucd.Extensions(r)
	if s.Has(ucd.Common) || s.Has(ucd.Inherited) {
		return ucd.AllScripts
	}
	return s.Augmented()
}

// ResolvedScripts returns the resolved script set of s (UTS #39 §5.1): the
// intersection of the augmented script sets of its code points. It is ALL for
// a string of only Common and Inherited characters (and for ""), and empty for
// a mixed-script string. Invalid UTF-8 bytes count as U+FFFD (Common).
func ResolvedScripts(s string) ucd.ScriptSet {
	acc := ucd.AllScripts
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		acc = acc.And(ScriptSetOf(r))
		if acc.IsEmpty() {
			break // an empty intersection stays empty
		}
	}
	return acc
}

// IsSingleScript reports whether s is single-script: its resolved script set
// is not empty (UTS #39 §5.1).
func IsSingleScript(s string) bool { return !ResolvedScripts(s).IsEmpty() }

// IsMixedScript reports whether s is mixed-script: its resolved script set is
// empty (UTS #39 §5.1).
func IsMixedScript(s string) bool { return ResolvedScripts(s).IsEmpty() }
