package uts39

import (
	"slices"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
)

// FindingKind names an optional detection of UTS #39 §5.4.
type FindingKind uint8

// Kinds of findings.
const (
	// RepeatedMark: the same nonspacing mark (gc=Mn) twice in one sequence of
	// nonspacing marks, which draws it once on top of itself (§5.4 "forbid
	// sequences of the same nonspacing mark"; ICU's INVISIBLE check).
	RepeatedMark FindingKind = iota + 1
	// ExcessMarks: more than MaxMarks nonspacing marks (gc=Mn or Me) in a row (§5.4).
	ExcessMarks
	// HiddenOverlay: a nonspacing mark that the base character hides: U+0307
	// COMBINING DOT ABOVE as the first above mark on a Soft_Dotted letter
	// such as i or j (§5.4, base + nonspacing mark that looks the same as the
	// base alone).
	HiddenOverlay
	// DefaultIgnorable: an invisible Default_Ignorable_Code_Point. Not one of
	// the §5.4 items, but such characters are Restricted (§3.1) and dropped
	// from skeletons (§4), so they can hide differences.
	DefaultIgnorable
)

// MaxMarks is the longest run of nonspacing marks §5.4 accepts.
const MaxMarks = 4

var findingNames = [...]string{"", "repeated-mark", "excess-marks", "hidden-overlay", "default-ignorable"}

func (k FindingKind) String() string {
	if int(k) < len(findingNames) && k != 0 {
		return findingNames[k]
	}
	return "unknown"
}

// Finding is one optional detection: the code point at byte offset Offset
// (for a decomposed character, the component that triggered it).
type Finding struct {
	Kind   FindingKind
	Offset int
	Rune   rune
}

// Describe explains the finding in a few words.
func (f Finding) Describe() string {
	switch f.Kind {
	case RepeatedMark:
		return "the same nonspacing mark twice on one base"
	case ExcessMarks:
		return "more than 4 nonspacing marks in a row"
	case HiddenOverlay:
		return "dot above hidden by the dot of a soft-dotted letter"
	case DefaultIgnorable:
		return "invisible default-ignorable code point"
	}
	return ""
}

func isSoftDotted(r rune) bool { return ucd.Props(r).Has(ucd.SoftDotted) }

// OptionalChecks runs the optional detections of UTS #39 §5.4 that need no
// language information, on the canonical decomposition of s: repeated
// nonspacing marks, more than MaxMarks nonspacing marks in a row, a dot above
// hidden by a soft-dotted base, and (beyond §5.4) default-ignorable code
// points. Each run of marks yields at most one finding of each kind. Not
// done: the Chinese simplified/traditional test (needs Unihan data) and the
// CLDR exemplar-character test.
func OptionalChecks(s string) []Finding {
	var out []Finding
	var (
		count           int
		seen            []rune
		seenSet         map[rune]bool
		repeated, many  bool
		softBase, above bool
	)
	var buf [maxDecomp]rune
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		off := i
		i += size
		if r >= 0x80 && infoOf(r).has(infoDI) {
			out = append(out, Finding{DefaultIgnorable, off, r})
		}
		for _, c := range decompose(r, &buf) {
			info := infoOf(c)
			gc := info.category()
			if gc != ucd.Mn && gc != ucd.Me {
				count, seen, seenSet = 0, seen[:0], nil
				repeated, many, above = false, false, false
				softBase = isSoftDotted(c)
				continue
			}
			count++
			if count > MaxMarks && !many {
				many = true
				out = append(out, Finding{ExcessMarks, off, c})
			}
			if gc == ucd.Mn && !repeated { // one finding per run: stop looking after it
				dup := false
				if seenSet != nil {
					dup = seenSet[c]
					seenSet[c] = true
				} else {
					dup = slices.Contains(seen, c)
					seen = append(seen, c)
					if len(seen) > 16 { // long runs: switch to a set
						seenSet = make(map[rune]bool, 64)
						for _, x := range seen {
							seenSet[x] = true
						}
					}
				}
				if dup && !repeated {
					repeated = true
					out = append(out, Finding{RepeatedMark, off, c})
				}
			}
			if softBase && c == 0x0307 && !above {
				out = append(out, Finding{HiddenOverlay, off, c})
			}
			if info.ccc() == 230 {
				above = true
			}
		}
	}
	return out
}
