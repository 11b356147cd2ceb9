package ucd

import (
	"math/bits"
	"strings"
)

// ScriptSet is a set of scripts, as used by UTS #39's resolved script sets.
// The zero value is the empty set. AllScripts stands for the set of every
// script ("ALL" in UTS #39 §5.1), which Common and Inherited resolve to.
type ScriptSet [3]uint64

// AllScripts is the set of every real script (Common, Inherited and Unknown excluded).
var AllScripts = func() ScriptSet {
	var s ScriptSet
	for i := Script(0); i < numScripts; i++ {
		if i != Unknown && i != Common && i != Inherited {
			s.Add(i)
		}
	}
	return s
}()

// NumScripts is the number of Script values.
const NumScripts = numScripts

// Add puts sc into the set.
func (s *ScriptSet) Add(sc Script) { s[sc/64] |= 1 << (sc % 64) }

// Has reports whether sc is in the set.
func (s ScriptSet) Has(sc Script) bool { return s[sc/64]&(1<<(sc%64)) != 0 }

// And returns the intersection.
func (s ScriptSet) And(t ScriptSet) ScriptSet {
	return ScriptSet{s[0] & t[0], s[1] & t[1], s[2] & t[2]}
}

// Or returns the union.
func (s ScriptSet) Or(t ScriptSet) ScriptSet { return ScriptSet{s[0] | t[0], s[1] | t[1], s[2] | t[2]} }

// IsEmpty reports whether the set is empty.
func (s ScriptSet) IsEmpty() bool { return s[0]|s[1]|s[2] == 0 }

// IsAll reports whether the set is AllScripts.
func (s ScriptSet) IsAll() bool { return s == AllScripts }

// Len is the number of scripts in the set.
func (s ScriptSet) Len() int {
	return bits.OnesCount64(s[0]) + bits.OnesCount64(s[1]) + bits.OnesCount64(s[2])
}

// Scripts lists the set's members in Script order.
func (s ScriptSet) Scripts() []Script {
	var out []Script
	for i := Script(0); i < numScripts; i++ {
		if s.Has(i) {
			out = append(out, i)
		}
	}
	return out
}

// String lists the members' ISO 15924 codes, or "ALL" / "∅".
func (s ScriptSet) String() string {
	switch {
	case s.IsAll():
		return "ALL"
	case s.IsEmpty():
		return "∅"
	}
	var b strings.Builder
	for i, sc := range s.Scripts() {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(sc.Short())
	}
	return b.String()
}

// Augmented returns the set with the UTS #39 §5.1 augmentation: Han adds
// Hanb, Jpan and Kore; Hiragana and Katakana add Jpan; Hangul adds Kore;
// Bopomofo adds Hanb.
func (s ScriptSet) Augmented() ScriptSet {
	if s.Has(Han) {
		s.Add(HanWithBopomofo)
		s.Add(Japanese)
		s.Add(Korean)
	}
	if s.Has(Hiragana) || s.Has(Katakana) {
		s.Add(Japanese)
	}
	if s.Has(Hangul) {
		s.Add(Korean)
	}
	if s.Has(Bopomofo) {
		s.Add(HanWithBopomofo)
	}
	return s
}
