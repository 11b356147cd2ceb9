package perturb

import (
	"fmt"
	"strings"
)

// Smuggling hides bytes after a visible character as code points that draw
// nothing, the way two published constructs define it (written from their
// definitions; no code copied):
//
//   - Selectors: Paul Butler, "Smuggling arbitrary data through an emoji"
//     (paulbutler.org, February 2025): each byte b as one variation
//     selector, U+FE00+b for b < 16 and U+E0100+(b−16) otherwise, all after
//     one base character. A reader sees the base character alone; a
//     language model's tokenizer sees the bytes.
//   - Tags: the "ASCII smuggling" of Riley Goodside (January 2024) and
//     Johann Rehberger's ASCII Smuggler: each ASCII character c as the tag
//     character U+E0000+c (the Tags block, deprecated for language tags).
type Smuggle string

// The two smuggling constructs.
const (
	Selectors Smuggle = "selectors"
	Tags      Smuggle = "tags"
)

// Smuggles lists the constructs.
var Smuggles = []Smuggle{Selectors, Tags}

// Hide returns payload encoded with construct s, to be written directly
// after a visible character. Tags encode printable ASCII only; another byte
// is an error.
func Hide(s Smuggle, payload []byte) (string, error) {
	var b strings.Builder
	for _, c := range payload {
		switch s {
		case Selectors:
			if c < 16 {
				b.WriteRune(0xFE00 + rune(c))
			} else {
				b.WriteRune(0xE0100 + rune(c) - 16)
			}
		case Tags:
			if c < 0x20 || c > 0x7E {
				return "", fmt.Errorf("perturb: tags carry printable ASCII, not byte %#x", c)
			}
			b.WriteRune(0xE0000 + rune(c))
		default:
			return "", fmt.Errorf("perturb: unknown smuggling %q (want %s or %s)", s, Selectors, Tags)
		}
	}
	return b.String(), nil
}

// Reveal decodes what Hide wrote; it is the test's inverse, and fails on
// any code point Hide does not write.
func Reveal(s Smuggle, hidden string) ([]byte, error) {
	var out []byte
	for _, r := range hidden {
		switch {
		case s == Selectors && r >= 0xFE00 && r <= 0xFE0F:
			out = append(out, byte(r-0xFE00))
		case s == Selectors && r >= 0xE0100 && r <= 0xE01EF:
			out = append(out, byte(r-0xE0100+16))
		case s == Tags && r >= 0xE0020 && r <= 0xE007E:
			out = append(out, byte(r-0xE0000))
		default:
			return nil, fmt.Errorf("perturb: %U is not %s smuggling", r, s)
		}
	}
	return out, nil
}
