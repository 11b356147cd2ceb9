package uts39

import (
	"sync"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
)

// ConfusableKind is the type of a confusable pair (UTS #39 §4).
type ConfusableKind uint8

// Kinds of confusable pairs. A whole-script pair is also a mixed-script pair;
// KindWholeScript is reported when both hold.
const (
	KindNone         ConfusableKind = iota // the skeletons differ
	KindSingleScript                       // confusable; the resolved script sets share a script
	KindMixedScript                        // confusable; the resolved script sets share none
	KindWholeScript                        // mixed-script, and each string is single-script
)

var kindNames = [...]string{"not confusable", "single-script", "mixed-script", "whole-script"}

func (k ConfusableKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// classify returns the kind of a pair already known to be confusable.
func classify(a, b string) ConfusableKind {
	ra, rb := ResolvedScripts(a), ResolvedScripts(b)
	switch {
	case !ra.And(rb).IsEmpty():
		return KindSingleScript
	case !ra.IsEmpty() && !rb.IsEmpty():
		return KindWholeScript
	}
	return KindMixedScript
}

// ClassifyConfusable tells whether a and b are confusable and of which kind
// (UTS #39 §4): single-script confusables have skeletons that are equal and
// resolved script sets that intersect, such as "ǉeto" and "ljeto"; mixed-script
// confusables have equal skeletons and disjoint resolved script sets, such as
// "paypal" and "pаypаl" with Cyrillic а; whole-script confusables are
// mixed-script confusables that are each single-script, such as Latin "scope"
// and Cyrillic "ѕсоре".
func ClassifyConfusable(a, b string) ConfusableKind {
	if !Confusable(a, b) {
		return KindNone
	}
	return classify(a, b)
}

// ClassifyBidiConfusable is ClassifyConfusable for strings displayed in a
// paragraph of direction dir (bidiSkeleton instead of skeleton).
func ClassifyBidiConfusable(dir Direction, a, b string) ConfusableKind {
	if !BidiConfusable(dir, a, b) {
		return KindNone
	}
	return classify(a, b)
}

// SingleScriptConfusable reports whether a and b are single-script confusables.
func SingleScriptConfusable(a, b string) bool { return ClassifyConfusable(a, b) == KindSingleScript }

// MixedScriptConfusable reports whether a and b are mixed-script confusables
// (which whole-script confusables also are).
func MixedScriptConfusable(a, b string) bool {
	k := ClassifyConfusable(a, b)
	return k == KindMixedScript || k == KindWholeScript
}

// WholeScriptConfusable reports whether a and b are whole-script confusables.
func WholeScriptConfusable(a, b string) bool { return ClassifyConfusable(a, b) == KindWholeScript }

var (
	protoScriptsOnce sync.Once
	protoScripts     map[string]ucd.ScriptSet // prototype -> scripts of everything mapping to it
)

func loadProtoScripts() {
	protoScripts = make(map[string]ucd.ScriptSet, ucd.NumPrototypes())
	add := func(p string, set ucd.ScriptSet) {
		if !set.IsAll() { // Common and Inherited fit every script: no evidence for one
			protoScripts[p] = protoScripts[p].Or(set)
		}
	}
	for i := 0; i < ucd.NumPrototypes(); i++ {
		src, p := ucd.PrototypeAt(i)
		if _, ok := protoScripts[p]; !ok {
			add(p, ResolvedScripts(p)) // the prototype itself
		}
		add(p, ScriptSetOf(src))
	}
}

// WholeScriptConfusableScripts returns the scripts, other than those of s,
// in which some single-script string confusable with s can be written: the
// test "does X have a whole-script confusable?" of UTS #39 §4, decided one
// code point at a time. For each code point of s (NFD, default ignorables
// removed) that is not Common or Inherited, it takes the union of the
// augmented script sets of the code points with the same prototype (leaving
// out Common and Inherited ones, which would fit any script), intersects
// these over s, and removes the resolved script set of s. It is empty for a
// mixed-script s and for one of only Common and Inherited characters.
// Confusables that need a different number of code points (like "rn" for
// "m") are only found when confusables.txt maps one code point to the
// sequence. Latin "scope" gives a set with Cyrillic ("ѕсоре").
func WholeScriptConfusableScripts(s string) ucd.ScriptSet {
	own := ResolvedScripts(s)
	if own.IsEmpty() || own.IsAll() {
		return ucd.ScriptSet{}
	}
	protoScriptsOnce.Do(loadProtoScripts)
	acc := ucd.AllScripts
	d := NFD(s)
	for i := 0; i < len(d); {
		r, size := utf8.DecodeRuneInString(d[i:])
		i += size
		self := ScriptSetOf(r)
		if self.IsAll() || ucd.Props(r).Has(ucd.DefaultIgnorable) {
			continue
		}
		p, ok := ucd.Prototype(r)
		if !ok {
			p = d[i-size : i]
		}
		set, ok := protoScripts[p]
		if !ok {
			set = self
		}
		acc = acc.And(set)
		if acc.IsEmpty() {
			return acc
		}
	}
	for k := range acc {
		acc[k] &^= own[k]
	}
	return acc
}
