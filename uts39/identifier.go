package uts39

import (
	"strings"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
)

// Status is the Identifier_Status of a code point (UTS #39 §3.1).
type Status uint8

// Identifier_Status values.
const (
	Restricted Status = iota
	Allowed
)

func (s Status) String() string {
	if s == Allowed {
		return "Allowed"
	}
	return "Restricted"
}

// IdentifierStatus returns Allowed for the code points of the General
// Security Profile for identifiers (IdentifierStatus.txt) and Restricted for
// all others.
func IdentifierStatus(r rune) Status {
	if ucd.IdentifierAllowed(r) {
		return Allowed
	}
	return Restricted
}

// IdentifierTypes returns the Identifier_Type set of r (UTS #39 §3.1,
// IdentifierType.txt), which says why a code point is Restricted: for
// example Not_XID, Obsolete, Technical, Uncommon_Use or Default_Ignorable.
func IdentifierTypes(r rune) ucd.IdentifierType { return ucd.IdentifierTypes(r) }

// Char is one code point of a string that is not Allowed.
type Char struct {
	Offset  int                // byte offset in the string
	Rune    rune               // U+FFFD for an invalid byte
	Invalid bool               // the byte at Offset is not valid UTF-8
	Types   ucd.IdentifierType // why it is Restricted
}

// Code returns the code point as U+XXXX, or "invalid byte 0xNN".
func (c Char) Code() string {
	if c.Invalid {
		return "invalid UTF-8"
	}
	return codePoint(c.Rune)
}

// Name returns the Unicode name (or control alias) of the code point.
func (c Char) Name() string {
	if c.Invalid {
		return "invalid UTF-8 byte"
	}
	if n := ucd.Name(c.Rune); n != "" {
		return n
	}
	return "<unnamed " + codePoint(c.Rune) + ">"
}

// Reason says in words why the code point is not Allowed.
func (c Char) Reason() string {
	if c.Invalid {
		return "not valid UTF-8"
	}
	return "Identifier_Type " + strings.Join(c.Types.Names(), ", ")
}

func codePoint(r rune) string {
	const hex = "0123456789ABCDEF"
	var b [10]byte
	n := len(b)
	for v := uint32(r); n > len(b)-4 || v != 0; v >>= 4 {
		n--
		b[n] = hex[v&0xF]
	}
	return "U+" + string(b[n:])
}

// RestrictedChars lists the code points of s that are not Allowed, in order.
// Each invalid UTF-8 byte is listed as U+FFFD with Invalid set.
func RestrictedChars(s string) []Char {
	var out []Char
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !ucd.IdentifierAllowed(r) {
			out = append(out, Char{Offset: i, Rune: r, Invalid: r == utf8.RuneError && size == 1, Types: ucd.IdentifierTypes(r)})
		}
		i += size
	}
	return out
}

// Report collects the UTS #39 identifier checks of one string.
type Report struct {
	Scripts       ucd.ScriptSet // resolved script set (§5.1)
	Level         Level         // restriction level with the General Security Profile (§5.2)
	ScriptLevel   Level         // restriction level ignoring the profile (ScriptRestrictionLevel)
	Restricted    []Char        // characters that are not Allowed (§3.1)
	NumberSystems []rune        // ZEROs of the decimal systems used (§5.3)
	Findings      []Finding     // optional detections (§5.4)
	// When the script mix is beyond Highly Restrictive (ScriptLevel), the
	// script most characters can be written in, and the characters that
	// cannot: where the mix is at fault.
	MainScript  ucd.Script
	OtherScript []At
	// With MixedNumbers, the digits of a system other than the first one
	// used (§5.3).
	ForeignDigits []At
}

// At is one code point of a string and its byte offset.
type At struct {
	Offset int
	Rune   rune
}

// Allowed reports whether every character of the string is Allowed.
func (r *Report) Allowed() bool { return len(r.Restricted) == 0 }

// MixedNumbers reports digits from more than one decimal system (§5.3).
func (r *Report) MixedNumbers() bool { return len(r.NumberSystems) > 1 }

// CheckIdentifier runs the identifier checks of UTS #39 §3 and §5 on s.
func CheckIdentifier(s string) Report {
	r := Report{
		Scripts:       ResolvedScripts(s),
		Level:         RestrictionLevel(s),
		ScriptLevel:   ScriptRestrictionLevel(s),
		Restricted:    RestrictedChars(s),
		NumberSystems: NumberSystems(s),
		Findings:      OptionalChecks(s),
	}
	if r.ScriptLevel > HighlyRestrictive {
		r.MainScript, r.OtherScript = OutsideMainScript(s)
	}
	if r.MixedNumbers() {
		first := r.NumberSystems[0]
		for i, c := range s {
			if z := ucd.DigitZero(c); z >= 0 && z != first {
				r.ForeignDigits = append(r.ForeignDigits, At{i, c})
			}
		}
	}
	return r
}

// OutsideMainScript returns the main script of s, the one that the most of
// its characters can be written in (by their augmented script sets;
// characters of every script, Common and Inherited, do not count), and the
// characters that cannot be written in it. The first script in code order
// wins a tie; Unknown when no character counts.
func OutsideMainScript(s string) (main ucd.Script, out []At) {
	var count [ucd.NumScripts]int
	for _, r := range s {
		if set := ScriptSetOf(r); !set.IsAll() {
			for _, sc := range set.Scripts() {
				count[sc]++
			}
		}
	}
	main = ucd.Unknown
	for sc, n := range count {
		if n > count[main] {
			main = ucd.Script(sc)
		}
	}
	for i, r := range s {
		if set := ScriptSetOf(r); !set.IsAll() && !set.Has(main) {
			out = append(out, At{i, r})
		}
	}
	return main, out
}
