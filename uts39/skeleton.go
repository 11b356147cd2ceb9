package uts39

import (
	"bytes"
	"unicode/utf8"
	"unsafe"

	"github.com/unmaskdev/unmask/bidi"
	"github.com/unmaskdev/unmask/ucd"
)

// asciiProto holds the confusables.txt prototype of each ASCII character
// that has one (such as '0' → "O", '1' → "l", 'm' → "rn", '%' → "º/₀").
var asciiProto [utf8.RuneSelf]string

// asciiMapped marks the ASCII characters that are not their own skeleton.
var asciiMapped [utf8.RuneSelf]bool

// asciiSimple is true when every ASCII prototype is NFD and made only of
// starters, so that the skeleton of an ASCII string is the concatenation of
// the prototypes of its characters (always so for the 17.0.0 data).
var asciiSimple = true

func init() {
	for b := 0; b < utf8.RuneSelf; b++ {
		r := rune(b)
		if ucd.Props(r).Has(ucd.DefaultIgnorable) {
			asciiSimple = false
		}
		p, ok := ucd.Prototype(r)
		if !ok {
			continue
		}
		asciiProto[b], asciiMapped[b] = p, true
		for _, c := range p {
			if hasDecompositionSlow(c) || ucd.CombiningClass(c) != 0 || ucd.Props(c).Has(ucd.DefaultIgnorable) {
				asciiSimple = false
			}
		}
	}
}

// Skeleton returns the skeleton of s that UTS #39 §4 (revision 32) calls
// internalSkeleton:
//
//  1. convert s to NFD;
//  2. remove every Default_Ignorable_Code_Point;
//  3. replace each code point by its prototype in confusables.txt;
//  4. convert the result to NFD again.
//
// Two strings whose skeletons are equal are confusable. A skeleton is a key
// for comparison, not text to show. The skeleton does not depend on the
// paragraph direction the text is shown in; BidiSkeleton does, and equals
// Skeleton for text without right-to-left characters or bidi controls in an
// LTR paragraph.
//
// Each byte of s that is not part of valid UTF-8 (including the three bytes
// of a WTF-8 encoded surrogate) becomes U+FFFD, which is its own prototype.
//
// Skeleton(Skeleton(s)) == Skeleton(s) does not hold in general: the NFD of
// a prototype can hold a code point that is itself mapped (U+01C4 Ǆ → "DŽ",
// whose NFD has U+030C, which maps to U+0306; 13 sources of the 17.0.0 data
// are like this, and ICU 72 behaves the same). It holds for ASCII s.
//
// When s is ASCII and no character of it has a prototype, Skeleton returns s
// without allocating.
func Skeleton(s string) string {
	if asciiUnmapped(s) {
		return s
	}
	if len(s) <= 200 {
		var buf [256]byte
		return string(AppendSkeleton(buf[:0], s))
	}
	b := AppendSkeleton(make([]byte, 0, len(s)+len(s)/8+16), s)
	// b is fresh and never written again, as in strings.Builder.String.
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// asciiUnmapped reports whether s is ASCII and is its own skeleton.
func asciiUnmapped(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b >= utf8.RuneSelf || asciiMapped[b] {
			return false
		}
	}
	return true
}

// AppendSkeleton appends the skeleton of s to dst. It allocates only to grow
// dst, or for runs of more than 32 combining marks.
func AppendSkeleton(dst []byte, s string) []byte {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf && !asciiMapped[s[i]] {
		i++
	}
	if i == len(s) {
		return append(dst, s...)
	}
	if !asciiSimple {
		return appendSkeletonSlow(dst, s)
	}
	dst = append(dst, s[:i]...)
	// ASCII characters are starters with starter prototypes: map them
	// directly, up to the first non-ASCII byte.
	for ; i < len(s) && s[i] < utf8.RuneSelf; i++ {
		if b := s[i]; asciiMapped[b] {
			dst = append(dst, asciiProto[b]...)
		} else {
			dst = append(dst, b)
		}
	}
	if i == len(s) {
		return dst
	}
	return appendSkeletonSlow(dst, s[i:])
}

// appendSkeletonSlow runs the four steps of Skeleton as one pass. Stage one
// decomposes the input and holds each run of non-starters until it is
// complete, to put it in canonical order; a starter is mapped at once, since
// it precedes the marks that follow it in any order. Mapping drops default
// ignorables and replaces each code point by its prototype, which stage two
// normalizes again into out.
func appendSkeletonSlow(dst []byte, s string) []byte {
	bmpOnce.Do(loadBMP)
	var m1, m2 [32]uint32
	marks, out, outMarks := m1[:0], dst, m2[:0]
	var buf [maxDecomp]rune
	for i := 0; i < len(s); {
		if asciiSimple && s[i] < utf8.RuneSelf {
			// A run of ASCII, mapped byte by byte as AppendSkeleton's start
			// is: each is a starter, so what waits before it goes out first.
			if len(marks) > 0 {
				out, outMarks = mapMarks(out, outMarks, marks)
				marks = marks[:0]
			}
			if len(outMarks) > 0 {
				out, outMarks = flushMarks(out, outMarks), outMarks[:0]
			}
			for ; i < len(s) && s[i] < utf8.RuneSelf; i++ {
				if b := s[i]; asciiMapped[b] {
					out = append(out, asciiProto[b]...)
				} else {
					out = append(out, b)
				}
			}
			continue
		}
		var r rune
		var size int
		if c := s[i]; c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			// Two bytes (Greek, Cyrillic, accented Latin), decoded here:
			// DecodeRuneInString inlines only ASCII.
			r, size = rune(c&0x1F)<<6|rune(s[i+1]&0x3F), 2
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		info := loadedInfo(r)
		if !info.has(infoDecomp) {
			if cc := info.ccc(); cc != 0 {
				marks = append(marks, packMark(cc, r))
				continue
			}
			if len(marks) > 0 {
				out, outMarks = mapMarks(out, outMarks, marks)
				marks = marks[:0]
			}
			out, outMarks = mapRune(out, outMarks, r, info)
			continue
		}
		for _, c := range decompose(r, &buf) {
			ci := loadedInfo(c)
			if cc := ci.ccc(); cc != 0 {
				marks = append(marks, packMark(cc, c))
				continue
			}
			if len(marks) > 0 {
				out, outMarks = mapMarks(out, outMarks, marks)
				marks = marks[:0]
			}
			out, outMarks = mapRune(out, outMarks, c, ci)
		}
	}
	if len(marks) > 0 {
		out, outMarks = mapMarks(out, outMarks, marks)
	}
	return flushMarks(out, outMarks)
}

// mapMarks puts a complete run of non-starters of the input in canonical
// order and maps each.
func mapMarks(out []byte, outMarks []uint32, marks []uint32) ([]byte, []uint32) {
	sortMarks(marks)
	for _, k := range marks {
		r := markRune(k)
		out, outMarks = mapRune(out, outMarks, r, loadedInfo(r))
	}
	return out, outMarks
}

// mapRune does steps 2 and 3 for one code point of the NFD input and passes
// the result to stage two.
func mapRune(out []byte, outMarks []uint32, r rune, info runeInfo) ([]byte, []uint32) {
	if r < utf8.RuneSelf && !asciiMapped[r] {
		if len(outMarks) > 0 {
			out, outMarks = flushMarks(out, outMarks), outMarks[:0]
		}
		return append(out, byte(r)), outMarks
	}
	if info.has(infoDI) {
		return out, outMarks
	}
	if p, ok := prototypeOf(info); ok {
		if info.has(infoProtoSimple) {
			if len(outMarks) > 0 {
				out, outMarks = flushMarks(out, outMarks), outMarks[:0]
			}
			return append(out, p...), outMarks
		}
		for _, c := range p {
			out, outMarks = push(out, outMarks, c)
		}
		return out, outMarks
	}
	if cc := info.ccc(); cc != 0 {
		return out, append(outMarks, packMark(cc, r))
	}
	if len(outMarks) > 0 {
		out, outMarks = flushMarks(out, outMarks), outMarks[:0]
	}
	return utf8.AppendRune(out, r), outMarks
}

// Confusable reports whether a and b have the same skeleton (UTS #39 §4:
// X ≅ Y). It does not allocate for short strings.
func Confusable(a, b string) bool {
	if a == b {
		return true
	}
	var ba, bb [256]byte
	return bytes.Equal(AppendSkeleton(ba[:0], a), AppendSkeleton(bb[:0], b))
}

// BidiSkeleton returns bidiSkeleton(dir, s) of UTS #39 §4: the skeleton of s
// as displayed in a paragraph of direction dir. The string is first put in
// visual order by the Unicode Bidirectional Algorithm (UAX #9) for that
// paragraph direction, as a single line, keeping combining marks after their
// base (rule L3) and mirroring characters at odd levels (rule L4); then
// Skeleton is applied. Strings that differ in memory but look the same on
// screen, such as "A1א" and "Aא1" in an LTR paragraph, or a right-to-left
// override of "elgoog" and "google", get the same bidi skeleton.
//
// The Bidi_Class data is Unicode 17.0.0 (unassigned code points take the
// defaults of DerivedBidiClass.txt); Bidi_Mirroring_Glyph and
// Bidi_Paired_Bracket are Unicode 15.0.0 data (see tables.go).
func BidiSkeleton(dir Direction, s string) string {
	if dir == LTR && !hasBidi(s) {
		return Skeleton(s)
	}
	return string(AppendBidiSkeleton(nil, dir, s))
}

// AppendBidiSkeleton appends BidiSkeleton(dir, s) to dst.
func AppendBidiSkeleton(dst []byte, dir Direction, s string) []byte {
	if dir == LTR && !hasBidi(s) {
		return AppendSkeleton(dst, s)
	}
	runes := make([]rune, 0, len(s))
	for _, r := range s {
		runes = append(runes, r) // invalid bytes come out as U+FFFD
	}
	return AppendSkeleton(dst, string(bidi.Reorder(runes, dir)))
}

// hasBidi reports whether s has a character that can make its display order
// in an LTR paragraph differ from its logical order.
func hasBidi(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			if bidi.CanReorder(ucd.BidiClassOf(rune(s[i]))) {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if bidi.CanReorder(ucd.BidiClassOf(r)) {
			return true
		}
	}
	return false
}

// BidiConfusable reports whether a and b are confusable when displayed in a
// paragraph of direction dir: LTR-confusable or RTL-confusable in UTS #39 §4.
func BidiConfusable(dir Direction, a, b string) bool {
	if a == b {
		return true
	}
	var ba, bb [256]byte
	return bytes.Equal(AppendBidiSkeleton(ba[:0], dir, a), AppendBidiSkeleton(bb[:0], dir, b))
}
