package uts39

import (
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
)

// Level is a restriction level of UTS #39 §5.2, from the most restrictive
// (ASCIIOnly) to the least (Unrestricted). A string "is at most" a level when
// its Level is less than or equal to it.
type Level uint8

// Restriction levels.
const (
	ASCIIOnly Level = iota + 1
	SingleScript
	HighlyRestrictive
	ModeratelyRestrictive
	MinimallyRestrictive
	Unrestricted
)

var levelNames = [...]string{"", "ASCII-Only", "Single Script", "Highly Restrictive",
	"Moderately Restrictive", "Minimally Restrictive", "Unrestricted"}

// String returns the level's name as UTS #39 writes it, such as "Highly Restrictive".
func (l Level) String() string {
	if int(l) < len(levelNames) && l != 0 {
		return levelNames[l]
	}
	return "Level(invalid)"
}

// recommendedScripts are the Recommended Scripts of UAX #31 (Table 7) as the
// 17.0.0 data has them: the scripts whose letters have
// Identifier_Type=Recommended. Bopomofo letters are Limited_Use in
// IdentifierType.txt 17.0.0, so Bopomofo is not listed. A test checks the list
// against IdentifierType.txt.
var recommendedScripts = func() ucd.ScriptSet {
	var s ucd.ScriptSet
	for _, sc := range []ucd.Script{ucd.Arabic, ucd.Armenian, ucd.Bengali, ucd.Cyrillic,
		ucd.Devanagari, ucd.Ethiopic, ucd.Georgian, ucd.Greek, ucd.Gujarati, ucd.Gurmukhi, ucd.Hangul,
		ucd.Han, ucd.Hebrew, ucd.Hiragana, ucd.Kannada, ucd.Katakana, ucd.Khmer, ucd.Lao, ucd.Latin,
		ucd.Malayalam, ucd.Myanmar, ucd.Oriya, ucd.Sinhala, ucd.Tamil, ucd.Telugu, ucd.Thaana, ucd.Thai,
		ucd.Tibetan} {
		s.Add(sc)
	}
	return s
}()

// RecommendedScripts returns the Recommended scripts that step 5 of §5.2
// uses (UAX #31 Table 7 as the 17.0.0 data has it; Common and Inherited not
// included).
func RecommendedScripts() ucd.ScriptSet { return recommendedScripts }

// moderateScripts are the scripts that may join Latin at Moderately
// Restrictive: the Recommended scripts other than Latin, Cyrillic and Greek.
var moderateScripts = func() ucd.ScriptSet {
	s := recommendedScripts
	s[ucd.Latin/64] &^= 1 << (ucd.Latin % 64)
	s[ucd.Cyrillic/64] &^= 1 << (ucd.Cyrillic % 64)
	s[ucd.Greek/64] &^= 1 << (ucd.Greek % 64)
	return s
}()

// RestrictionLevel returns the restriction level of s by the algorithm of
// UTS #39 §5.2, with the General Security Profile (Identifier_Status=Allowed,
// §3.1) as the identifier profile:
//
//  1. a character outside the profile: Unrestricted;
//  2. no character above U+007E: ASCII-Only;
//  3. a non-empty resolved script set (§5.1): Single Script;
//  4. covered by Latin + Han + Hiragana + Katakana, Latin + Han + Bopomofo or
//     Latin + Han + Hangul: Highly Restrictive;
//  5. covered by Latin and one other Recommended script except Cyrillic and
//     Greek: Moderately Restrictive;
//  6. otherwise Minimally Restrictive.
//
// Steps 4 and 5 use the resolved script set of the characters whose augmented
// script set does not contain Latin. Invalid UTF-8 counts as U+FFFD, which is
// not Allowed, so such a string is Unrestricted.
func RestrictionLevel(s string) Level { return restrictionLevel(s, true) }

// ScriptRestrictionLevel is RestrictionLevel without step 1: every code point
// counts as inside the identifier profile, as in ICU's SpoofChecker with its
// default allowed set. It never returns Unrestricted.
func ScriptRestrictionLevel(s string) Level { return restrictionLevel(s, false) }

func restrictionLevel(s string, profile bool) Level {
	ascii := true
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if profile && !infoOf(r).has(infoAllowed) {
			return Unrestricted
		}
		if r > 0x7E {
			ascii = false
		}
	}
	if ascii {
		return ASCIIOnly
	}
	if IsSingleScript(s) {
		return SingleScript
	}
	rest := ucd.AllScripts
	for _, r := range s {
		if ss := ScriptSetOf(r); !ss.Has(ucd.Latin) {
			rest = rest.And(ss)
		}
	}
	if rest.Has(ucd.HanWithBopomofo) || rest.Has(ucd.Japanese) || rest.Has(ucd.Korean) {
		return HighlyRestrictive
	}
	if !rest.And(moderateScripts).IsEmpty() {
		return ModeratelyRestrictive
	}
	return MinimallyRestrictive
}
