// Package perturb applies the four imperceptible perturbations of "Bad
// Characters: Imperceptible NLP Attacks" (Boucher, Shumailov, Anderson and
// Papernot, IEEE S&P 2022) to a text, as the paper defines them (§III and
// §IV-A) and as its experiment code builds its candidates
// (experiments/experiment.py of github.com/nickboucher/imperceptible:
// InvisibleCharacterObjective, HomoglyphObjective, ReorderObjective and
// DeletionObjective, method candidate). This is an implementation written
// from those definitions, not a copy of the code.
//
// Each perturbation leaves what a reader sees unchanged, so the ground truth
// of a perturbed text is the text before it:
//
//   - Invisible: a ZERO WIDTH JOINER, ZERO WIDTH SPACE or ZERO WIDTH
//     NON-JOINER inserted before a character.
//   - Homoglyph: a character replaced by one that intentional.txt (UTS #39)
//     lists as identical to it by design.
//   - Reorder: two adjacent characters stored swapped and displayed in their
//     first order by the paper's nested override
//     LRO LRI RLO LRI b PDI LRI a PDI PDF PDI PDF; a swap may enclose an
//     earlier one, as in the paper.
//   - Delete: a printable ASCII character followed by BACKSPACE U+0008,
//     which erases it for the reader.
package perturb

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"

	"github.com/unmaskdev/unmask/ucd"
)

// Kind is one of the paper's four perturbation classes.
type Kind string

// The four classes.
const (
	Invisible Kind = "invisible"
	Homoglyph Kind = "homoglyph"
	Reorder   Kind = "reorder"
	Delete    Kind = "delete"
)

// Kinds lists the classes in the paper's order.
var Kinds = []Kind{Invisible, Homoglyph, Reorder, Delete}

// Control characters the perturbations use (names as in the paper's code).
const (
	ZWSP = '\u200B'
	ZWNJ = '\u200C'
	ZWJ  = '\u200D'
	LRO  = '\u202D'
	RLO  = '\u202E'
	PDF  = '\u202C'
	LRI  = '\u2066'
	PDI  = '\u2069'
	BKSP = '\u0008'
)

// invisibles are the characters of InvisibleCharacterObjective, in its order.
var invisibles = []rune{ZWJ, ZWSP, ZWNJ}

// Apply perturbs text n times with class k, choosing positions and
// characters with r, and returns the perturbed text. Like the paper, which
// perturbs one sentence at a time, it works on one line: to perturb a
// document, call it on each line. A text with nothing to perturb (no
// character with a homoglyph, fewer than two characters to swap) comes back
// as it is.
func Apply(text string, k Kind, n int, r *rand.Rand) (string, error) {
	in := []rune(text)
	switch k {
	case Invisible:
		return invisible(in, n, r), nil
	case Homoglyph:
		return homoglyph(in, n, r), nil
	case Reorder:
		return reorder(in, n, r), nil
	case Delete:
		return deletion(in, n, r), nil
	}
	return "", fmt.Errorf("perturb: unknown class %q (want %s, %s, %s or %s)", k, Invisible, Homoglyph, Reorder, Delete)
}

// invisible inserts n invisible characters, each before a position chosen
// among the characters of the text as it is so far
// (InvisibleCharacterObjective.candidate).
func invisible(c []rune, n int, r *rand.Rand) string {
	if len(c) == 0 {
		return ""
	}
	for range n {
		i := r.IntN(len(c))
		c = append(c[:i], append([]rune{invisibles[r.IntN(len(invisibles))]}, c[i:]...)...)
	}
	return string(c)
}

// homoglyph replaces n times one (position, homoglyph) pair chosen among all
// pairs the text allows (HomoglyphObjective: glyph_map lists, for each
// position, every intentional homoglyph of its character; a later choice at
// the same position overrides an earlier one).
func homoglyph(c []rune, n int, r *rand.Rand) string {
	type pair struct {
		i int
		g rune
	}
	var pairs []pair
	for i, ch := range c {
		for _, g := range Homoglyphs(ch) {
			pairs = append(pairs, pair{i, g})
		}
	}
	if len(pairs) == 0 {
		return string(c)
	}
	for range n {
		p := pairs[r.IntN(len(pairs))]
		c[p.i] = p.g
	}
	return string(c)
}

// elem is a character or a swap of two elements (ReorderObjective's Swap).
type elem struct {
	ch       rune
	one, two *elem // a swap when non-nil
}

// reorder swaps n times two adjacent elements of the text, an element being
// a character or an earlier swap, and writes each swap with the paper's
// nested override (ReorderObjective.candidate).
func reorder(c []rune, n int, r *rand.Rand) string {
	els := make([]*elem, len(c))
	for i, ch := range c {
		els[i] = &elem{ch: ch}
	}
	for range n {
		if len(els) < 2 {
			break
		}
		i := min(r.IntN(len(els)), len(els)-2)
		s := &elem{one: els[i+1], two: els[i]}
		els = append(els[:i], append([]*elem{s}, els[i+2:]...)...)
	}
	var b strings.Builder
	for _, e := range els {
		writeElem(&b, e)
	}
	return b.String()
}

func writeElem(b *strings.Builder, e *elem) {
	if e.one == nil {
		b.WriteRune(e.ch)
		return
	}
	b.WriteRune(LRO)
	b.WriteRune(LRI)
	b.WriteRune(RLO)
	b.WriteRune(LRI)
	writeElem(b, e.one)
	b.WriteRune(PDI)
	b.WriteRune(LRI)
	writeElem(b, e.two)
	b.WriteRune(PDI)
	b.WriteRune(PDF)
	b.WriteRune(PDI)
	b.WriteRune(PDF)
}

// deletion inserts n times a printable ASCII character ('!'..'~') and a
// BACKSPACE before a position chosen among the characters of the text as it
// is so far (DeletionObjective.candidate).
func deletion(c []rune, n int, r *rand.Rand) string {
	if len(c) == 0 {
		return ""
	}
	for range n {
		i := r.IntN(len(c))
		ch := rune('!' + r.IntN('~'-'!'+1))
		c = append(c[:i], append([]rune{ch, BKSP}, c[i:]...)...)
	}
	return string(c)
}

var (
	glyphsOnce sync.Once
	glyphs     map[rune][]rune
)

// Homoglyphs returns the characters intentional.txt lists as identical to
// ch, in code point order (the paper's intentionals map). Only characters
// of the Basic Multilingual and Supplementary Multilingual planes are
// searched, where every listed pair lies.
func Homoglyphs(ch rune) []rune {
	glyphsOnce.Do(func() {
		glyphs = map[rune][]rune{}
		// The sources the paper perturbs are the printable ASCII characters
		// of its English inputs; Latin-1 letters are added for other
		// languages' text.
		for a := rune(0x20); a < 0x250; a++ {
			for b := rune(0); b < 0x20000; b++ {
				if b != a && ucd.Intentional(a, b) {
					glyphs[a] = append(glyphs[a], b)
				}
			}
		}
	})
	return glyphs[ch]
}
