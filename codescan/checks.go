package codescan

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
	"github.com/unmaskdev/unmask/uts39"
)

func codePoint(r rune) string { return fmt.Sprintf("U+%04X", r) }

// Bidi controls: the explicit embeddings, overrides and isolates, their
// terminators, and the implicit marks.
const (
	lre, rle, pdf, lro, rlo = 0x202A, 0x202B, 0x202C, 0x202D, 0x202E
	lri, rli, fsi, pdi      = 0x2066, 0x2067, 0x2068, 0x2069
	lrm, rlm, alm           = 0x200E, 0x200F, 0x061C
)

var bidiAbbrev = map[rune]string{lre: "LRE", rle: "RLE", pdf: "PDF", lro: "LRO", rlo: "RLO",
	lri: "LRI", rli: "RLI", fsi: "FSI", pdi: "PDI", lrm: "LRM", rlm: "RLM", alm: "ALM"}

func isMark(r rune) bool { return r == lrm || r == rlm || r == alm }

var rtlScripts ucd.ScriptSet

func init() {
	for _, n := range []string{"Arabic", "Hebrew", "Syriac", "Thaana", "Nko", "Samaritan", "Mandaic",
		"Adlam", "Hanifi_Rohingya", "Yezidi", "Old_Hungarian", "Mende_Kikakui", "Garay"} {
		if sc, ok := ucd.ScriptByName(n); ok {
			rtlScripts.Add(sc)
		}
	}
}

// bidiToken looks at the bidi controls of one comment or string literal
// before its characters are walked: which of them are left open at the end
// of a line or of the literal, or close nothing. An open one reorders the
// code after the literal as displayed: that is Trojan Source.
func (f *fileScan) bidiToken(t Token) {
	f.tokRTL = false
	clear(f.unbalanced)
	type open struct {
		off     int
		isolate bool
	}
	var stack []open
	flush := func() {
		for _, o := range stack {
			f.mark(o.off)
		}
		stack = stack[:0]
	}
	for i := t.Start; i < t.End; {
		r, size := utf8.DecodeRune(f.src[i:])
		switch r {
		case '\n':
			flush()
		case lre, rle, lro, rlo:
			stack = append(stack, open{i, false})
		case lri, rli, fsi:
			stack = append(stack, open{i, true})
		case pdf:
			if n := len(stack); n > 0 && !stack[n-1].isolate {
				stack = stack[:n-1]
			} else {
				f.mark(i)
			}
		case pdi:
			k := len(stack) - 1
			for k >= 0 && !stack[k].isolate {
				k--
			}
			if k < 0 {
				f.mark(i)
			} else {
				for _, o := range stack[k+1:] { // embeddings inside the isolate end with it
					f.mark(o.off)
				}
				stack = stack[:k]
			}
		default:
			if r >= 0x590 && rtlScripts.Has(ucd.ScriptOf(r)) {
				f.tokRTL = true
			}
		}
		i += size
	}
	flush()
}

func (f *fileScan) mark(off int) {
	if f.unbalanced == nil {
		f.unbalanced = map[int]bool{}
	}
	f.unbalanced[off] = true
}

// bidiOKInToken says whether bidi control r in the current comment or string
// is ordinary right-to-left text: a mark (LRM, RLM, ALM), or a balanced
// control, in a literal that holds letters of a right-to-left script, as
// Hebrew and Arabic messages do around Latin words and placeholders.
func (f *fileScan) bidiOKInToken(r rune) bool {
	if !f.tokRTL {
		return false
	}
	if isMark(r) {
		return true
	}
	return len(f.unbalanced) == 0
}

func bidiMessage(r rune, ctx Context, unbalanced bool) string {
	name := bidiAbbrev[r] + " " + ucd.Name(r)
	switch {
	case unbalanced && (r == pdf || r == pdi):
		return fmt.Sprintf("%s %s in %s closes nothing", codePoint(r), name, ctx)
	case unbalanced:
		return fmt.Sprintf("%s %s in %s is not closed before the %s ends: the code after it is displayed reordered (Trojan Source, CVE-2021-42574)", codePoint(r), name, ctx, ctx)
	case ctx == Comment || ctx == String:
		return fmt.Sprintf("%s %s in %s: displayed text differs from the bytes (Trojan Source, CVE-2021-42574)", codePoint(r), name, ctx)
	}
	return fmt.Sprintf("%s %s in code (%s): it reorders how the code is displayed (Trojan Source, CVE-2021-42574)", codePoint(r), name, ctx)
}

// noSpaceScripts are written without spaces between words; U+200B ZERO
// WIDTH SPACE and U+2060 WORD JOINER mark word breaks in them.
var noSpaceScripts ucd.ScriptSet

func init() {
	for _, n := range []string{"Thai", "Lao", "Khmer", "Myanmar", "Tibetan", "Han", "Hiragana", "Katakana",
		"Balinese", "Javanese", "Tai_Tham", "New_Tai_Lue", "Tai_Le", "Buginese"} {
		if sc, ok := ucd.ScriptByName(n); ok {
			noSpaceScripts.Add(sc)
		}
	}
}

// realScript reports whether r is a letter or mark of a script other than
// Latin, Common and Inherited.
func realScript(r rune, set ucd.ScriptSet, any bool) bool {
	if r < 0x80 {
		return false
	}
	sc := ucd.ScriptOf(r)
	if sc == ucd.Common || sc == ucd.Inherited || sc == ucd.Unknown {
		return false
	}
	if any {
		return sc != ucd.Latin
	}
	return set.Has(sc)
}

func isVS(r rune) bool {
	return r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF || r >= 0x180B && r <= 0x180F
}

func isTag(r rune) bool { return r >= 0xE0000 && r <= 0xE007F }

// invisibleOK says whether invisible character r, between prev and next
// (-1 at either end of the file), is one that real text needs: ZWJ and ZWNJ
// after letters of scripts that join (Indic, Arabic, Persian) and in emoji
// sequences, ZWSP and WORD JOINER in scripts without spaces, a variation
// selector after a character that takes one, tag characters in an emoji tag
// sequence. Anything else, and any of them in an identifier where the
// script does not need it, is not.
func invisibleOK(ctx Context, prev, r, next rune) bool {
	text := ctx == Comment || ctx == String || ctx == Other
	switch {
	case ctx == Comment:
		return !isTag(r) && r != 0x3164 && r != 0xFFA0 // harmless in a comment, but for hidden text and fillers
	case r == 0x200C || r == 0x200D: // ZWNJ, ZWJ
		if realScript(prev, ucd.ScriptSet{}, true) {
			return true
		}
		return text && (isEmoji(prev) || isVS(prev)) && isEmoji(next)
	case r == 0x200B || r == 0x2060:
		return text && (realScript(prev, noSpaceScripts, false) || realScript(next, noSpaceScripts, false))
	case isVS(r):
		if r >= 0x180B && r <= 0x180F {
			return realScript(prev, ucd.ScriptSet{}, true) // Mongolian free variation selectors
		}
		if ctx == Identifier {
			return r >= 0xE0100 && ucd.ScriptOf(prev) == ucd.Han // ideographic variation sequences
		}
		if next == 0x20E3 { // emoji keycap: [0-9#*] U+FE0F U+20E3
			return prev == '#' || prev == '*' || prev >= '0' && prev <= '9'
		}
		return prev >= 0x80 && !isVS(prev) && prev != utf8.RuneError
	case isTag(r):
		return text && (prev == 0x1F3F4 || isTag(prev))
	case r == 0x00AD || r == 0x034F: // SOFT HYPHEN, COMBINING GRAPHEME JOINER
		return ctx == Comment || ctx == String
	case r == 0x115F || r == 0x1160: // Hangul choseong/jungseong fillers in old Hangul syllables
		return text && (next >= 0x1100 && next <= 0x11FF || prev >= 0x1100 && prev <= 0x11FF)
	case r == 0x17B4 || r == 0x17B5: // Khmer inherent vowels
		return text && realScript(prev, ucd.ScriptSet{}, true)
	}
	return false
}

func isEmoji(r rune) bool {
	if r < 0x2000 {
		return false
	}
	c := ucd.CategoryOf(r)
	return c == ucd.So || c == ucd.Sk || r >= 0x1F3FB && r <= 0x1F3FF
}

// words splits an identifier into the words it is made of: at '_', '$',
// ASCII digits and where a lowercase letter is followed by an uppercase one
// (camelCase). Default_Ignorable code points are dropped: they are reported
// on their own.
func words(id string) []string {
	var out []string
	var b strings.Builder
	var prev rune
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range id {
		switch {
		case r == '_' || r == '$' || r >= '0' && r <= '9':
			flush()
			prev = r
			continue
		case ucd.Props(r).Has(ucd.DefaultIgnorable):
			continue
		case ucd.Props(prev).Has(ucd.Lowercase) && ucd.Props(r).Has(ucd.Uppercase):
			flush()
		}
		b.WriteRune(r)
		prev = r
	}
	flush()
	return out
}

func isASCII[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lookalikeTypes are the Identifier_Types of UTS #39 that make a
// character a variant of another one (fullwidth and mathematical letters,
// MICRO SIGN: NFKC folds them) or no identifier character at all. Obsolete,
// Technical, Uncommon_Use, Limited_Use and Exclusion only say a script or
// letter is rare (Hebrew points, Coptic): real names in those are not
// reported.
const lookalikeTypes = ucd.TypeNotNFKC | ucd.TypeDeprecated | ucd.TypeNotXID | ucd.TypeNotCharacter

// identifier checks one identifier where it starts and remembers it for
// the package.
func (f *fileScan) identifier(t Token) {
	b := f.src[t.Start:t.End]
	s := f.s
	ascii := isASCII(b)
	if f.generated && !ascii {
		return
	}
	if _, ok := s.idents[string(b)]; !ok {
		c := f.col(t.Start)
		c16 := utf16Len(f.src[f.lineStart:t.Start]) + 1
		at := identAt{path: f.path, line: f.line, col: c, end: c + utf8.RuneCount(b),
			col16: c16, end16: c16 + utf16Len(b), offset: t.Start, ascii: ascii}
		if !ascii { // only these are reported, with a fingerprint of their line
			at.lineText = f.lineText()
		}
		s.idents[string(b)] = at
	}
	if ascii || f.seen[string(b)] {
		return
	}
	id := string(b)
	s.nonASCII = true
	if f.seen == nil {
		f.seen = map[string]bool{}
	}
	f.seen[id] = true
	var look []ucd.Script // scripts of the Latin lookalikes in id
	for _, r := range id {
		sc := ucd.ScriptOf(r)
		if r < utf8.RuneSelf || sc == ucd.Latin || sc == ucd.Common || sc == ucd.Inherited || sc == ucd.Unknown {
			continue
		}
		if latinLookalike(r) {
			look = append(look, sc)
		} else if ucd.CategoryOf(r).IsLetter() {
			s.design.Add(sc)
		}
	}
	for _, w := range words(id) {
		if lvl := uts39.ScriptRestrictionLevel(w); lvl > s.level && hasLookalike(w) {
			f.add(RuleMixedScript, t.Start, t.End-t.Start, Identifier, -1, id,
				fmt.Sprintf("identifier %q mixes scripts (%s in %q): %s, beyond %s", id, scriptList(w), w, lvl, s.level))
			s.mixed = append(s.mixed, mixedAt{f.out[len(f.out)-1], look})
			f.out = f.out[:len(f.out)-1] // decided when the package is done
			break
		}
	}
	var bad []uts39.Char
	for _, c := range uts39.RestrictedChars(id) {
		if !c.Invalid && c.Types&lookalikeTypes != 0 && !ucd.Props(c.Rune).Has(ucd.DefaultIgnorable) && c.Rune != 0x3164 && c.Rune != 0xFFA0 {
			bad = append(bad, c) // the others are reported as invalid UTF-8 or as invisible
		}
	}
	if len(bad) > 0 {
		c := bad[0]
		more := ""
		if len(bad) > 1 {
			more = fmt.Sprintf(" and %d more", len(bad)-1)
		}
		f.add(RuleUncommon, t.Start+c.Offset, utf8.RuneLen(c.Rune), Identifier, c.Rune, id,
			fmt.Sprintf("identifier %q has %s %s%s, not allowed in identifiers by UTS #39 (%s)", id, c.Code(), c.Name(), more, c.Reason()))
	}
}

// latinLookalike reports whether r, not ASCII, has a UTS #39 skeleton of
// ASCII letters and digits: it can stand for a Latin letter (Cyrillic а,
// Greek ο, ρ), unlike Greek λ or Cyrillic ж.
func latinLookalike(r rune) bool {
	if r < utf8.RuneSelf {
		return false
	}
	sk := uts39.Skeleton(string(r))
	return sk != string(r) && isASCII(sk)
}

func hasLookalike(w string) bool {
	for _, r := range w {
		if latinLookalike(r) {
			return true
		}
	}
	return false
}

// scriptList names the scripts of w's letters, such as "Latin+Cyrillic".
func scriptList(w string) string {
	var seen []string
	for _, r := range w {
		sc := ucd.ScriptOf(r)
		if sc == ucd.Common || sc == ucd.Inherited {
			continue
		}
		n := sc.String()
		found := false
		for _, x := range seen {
			found = found || x == n
		}
		if !found {
			seen = append(seen, n)
		}
	}
	return strings.Join(seen, "+")
}
