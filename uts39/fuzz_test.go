package uts39

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/bidi"
	"github.com/unmaskdev/unmask/ucd"
)

var fuzzSeeds = []string{
	"", "paypal", "pаypаl", "ѕсоре", "𝔭𝒶ỿ𝕡𝕒ℓ", "100%", "a\u0301\u0316\u0301", "한국어", "ウィキペディア",
	"\xed\xa0\x80", "\xff\xfe", "A1\u05D0", "\u202Eelgoog\u202C", "\u2067\u05D0(\u05D1]\u2069", "ǅ\u0345\u0313",
	"i\u0307\u0307\u0307\u0307\u0307", "8\u09EA", "\u3164\u115F", "ﷺ", "\u0F73\u0F75\u0F81",
}

// skeletonSteps is Skeleton done as UTS #39 §4 writes it, one step at a
// time over the whole string: NFD, default ignorables removed, each code
// point replaced by its prototype, NFD again.
func skeletonSteps(s string) string {
	var b strings.Builder
	for _, r := range NFD(s) {
		if ucd.Props(r).Has(ucd.DefaultIgnorable) {
			continue
		}
		if p, ok := ucd.Prototype(r); ok {
			b.WriteString(p)
		} else {
			b.WriteRune(r)
		}
	}
	return NFD(b.String())
}

// FuzzSkeleton: no panic; Skeleton equals the four steps done one by one
// (skeletonSteps); the skeleton is valid NFD; Skeleton and
// AppendSkeleton agree; canonically equivalent inputs (x and NFD(x)) have the
// same skeleton; for ASCII input Skeleton is idempotent. (It is not idempotent
// in general: see TestSkeletonIdempotence.)
func FuzzSkeleton(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sk := Skeleton(s)
		if !utf8.ValidString(sk) || !IsNFD(sk) {
			t.Fatalf("Skeleton(%+q) = %+q is not valid NFD", s, sk)
		}
		if got := string(AppendSkeleton([]byte("x"), s)); got != "x"+sk {
			t.Fatalf("AppendSkeleton(%+q) = %+q, Skeleton = %+q", s, got, sk)
		}
		if want := skeletonSteps(s); sk != want {
			t.Fatalf("Skeleton(%+q) = %+q, the four steps give %+q", s, sk, want)
		}
		if got := Skeleton(NFD(s)); got != sk {
			t.Fatalf("Skeleton(NFD(%+q)) = %+q, Skeleton = %+q", s, got, sk)
		}
		if !Confusable(s, s) || !Confusable(s, NFD(s)) {
			t.Fatalf("%+q not confusable with itself or its NFD", s)
		}
		ascii := true
		for i := 0; i < len(s); i++ {
			ascii = ascii && s[i] < utf8.RuneSelf
		}
		if ascii && Skeleton(sk) != sk {
			t.Fatalf("ASCII %+q: Skeleton not idempotent: %+q -> %+q", s, sk, Skeleton(sk))
		}
	})
}

// FuzzBidiSkeleton: no panic; valid NFD output; in an LTR paragraph, text
// without right-to-left characters or bidi controls has its plain skeleton;
// reordering keeps every code point (same multiset before the skeleton).
func FuzzBidiSkeleton(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, rtl bool) {
		dir := LTR
		if rtl {
			dir = RTL
		}
		sk := BidiSkeleton(dir, s)
		if !utf8.ValidString(sk) || !IsNFD(sk) {
			t.Fatalf("BidiSkeleton(%v, %+q) = %+q is not valid NFD", dir, s, sk)
		}
		if dir == LTR && !hasBidi(s) && sk != Skeleton(s) {
			t.Fatalf("BidiSkeleton(LTR, %+q) = %+q, Skeleton = %+q", s, sk, Skeleton(s))
		}
		in := []rune(s) // invalid bytes become U+FFFD, as in BidiSkeleton
		out := bidi.Reorder(in, dir)
		if len(out) != len(in) {
			t.Fatalf("bidi.Reorder(%+q) has %d code points, want %d", s, len(out), len(in))
		}
	})
}

// FuzzNFD: no panic; NFD is idempotent, valid UTF-8, and IsNFD agrees;
// AppendNFD matches.
func FuzzNFD(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := NFD(s)
		if !utf8.ValidString(d) || !IsNFD(d) {
			t.Fatalf("NFD(%+q) = %+q is not valid NFD", s, d)
		}
		if NFD(d) != d {
			t.Fatalf("NFD not idempotent on %+q", s)
		}
		if IsNFD(s) != (s == d) {
			t.Fatalf("IsNFD(%+q) = %v but NFD differs: %v", s, IsNFD(s), s != d)
		}
		if got := string(AppendNFD(nil, s)); got != d {
			t.Fatalf("AppendNFD(%+q) = %+q, NFD = %+q", s, got, d)
		}
	})
}

// FuzzRestriction: no panic in the §5 checks, and their results agree with
// each other: the level is a defined value; without the profile step it is
// the same unless the profile made it Unrestricted; single-script strings are
// at most Single Script; a string with non-Allowed characters is Unrestricted.
func FuzzRestriction(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rep := CheckIdentifier(s)
		if rep.Level < ASCIIOnly || rep.Level > Unrestricted || rep.ScriptLevel < ASCIIOnly || rep.ScriptLevel > MinimallyRestrictive {
			t.Fatalf("%+q: levels %d, %d out of range", s, rep.Level, rep.ScriptLevel)
		}
		if rep.Level != Unrestricted && rep.Level != rep.ScriptLevel {
			t.Fatalf("%+q: Level %v, ScriptLevel %v", s, rep.Level, rep.ScriptLevel)
		}
		if (rep.Level == Unrestricted) != !rep.Allowed() {
			t.Fatalf("%+q: level %v with %d restricted characters", s, rep.Level, len(rep.Restricted))
		}
		if !rep.Scripts.IsEmpty() && rep.ScriptLevel > SingleScript {
			t.Fatalf("%+q: single-script (%v) but level %v", s, rep.Scripts, rep.ScriptLevel)
		}
		if IsMixedScript(s) == IsSingleScript(s) {
			t.Fatalf("%+q: mixed and single script disagree", s)
		}
		for _, c := range rep.Restricted {
			if c.Offset < 0 || c.Offset >= len(s) || c.Name() == "" {
				t.Fatalf("%+q: bad restricted entry %+v", s, c)
			}
		}
		for _, f := range rep.Findings {
			if f.Offset < 0 || f.Offset >= len(s) {
				t.Fatalf("%+q: finding offset %d", s, f.Offset)
			}
		}
		_ = WholeScriptConfusableScripts(s)
		_ = ClassifyConfusable(s, "paypal")
	})
}
