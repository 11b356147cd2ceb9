// Package attack disguises clean text the way spammers, scrapers and
// prompt smugglers do, and records exactly what it changed, so that the
// detector and the restorer can be scored against a known answer.
//
// Apply takes a clean text, one disguise Class, a rate and a seed. It returns
// the disguised text together with the ground truth: every edit as a byte
// range of the disguised text and the original string that stood there.
// Replacing each range by its original (Result.Undo) gives back the clean
// text byte for byte. The same arguments always give the same Result: the
// randomness is a math/rand/v2 PCG seeded from the seed and the class.
//
// The rate is the share of the class's eligible positions that are
// disguised (letters for the lookalike classes, words for whole-word, styled,
// bidi and heavy, gaps between letters for invisible, sentence ends for tag);
// at least one position is disguised when there is any. Text outside the
// chosen positions, including invalid UTF-8, is copied unchanged.
package attack

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// Class names one disguise technique.
type Class string

// The disguise classes. Each lookalike class draws from a fixed list of
// characters that look like an ASCII letter at reading size; the lists are
// in maps.go and every entry is checked against confusables.txt
// (ucd.Prototype) when the package loads.
const (
	// Greek replaces letters with Greek lookalikes: ο α ν ι ρ ϲ ϳ and the
	// capitals Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ Ϲ Ϳ (the seed case is ο for o).
	Greek Class = "greek"
	// Cyrillic replaces letters with Cyrillic lookalikes: а е о р с у х і ј
	// ѕ һ ԁ ԛ ԝ ӏ and the capitals А В Е К М Н О Р С Т Х Ѕ І Ј Ү Ԝ.
	Cyrillic Class = "cyrillic"
	// Armenian replaces letters with Armenian lookalikes: օ ս ո հ զ ց Օ Ս Տ.
	Armenian Class = "armenian"
	// Cherokee replaces capitals with Cherokee letters (Ꭺ Ᏼ Ꮯ Ꭰ Ꭼ Ꮐ Ꮋ Ꭻ Ꮶ
	// Ꮮ Ꮇ Ꮲ Ꭱ Ꮪ Ꭲ Ꮩ Ꮃ Ꭹ Ꮓ) and c s v w z i with ꮯ ꮪ ꮩ ꮃ ꮓ Ꭵ.
	Cherokee Class = "cherokee"
	// LatinExt replaces letters with IPA and Latin-extended lookalikes:
	// ɑ ɡ ı ɩ ǀ ᴄ ᴏ ᴠ ᴡ ᴢ ꜱ ꬵ ꭒ Ꞵ Ꭓ.
	LatinExt Class = "latin-ext"
	// Letterlike replaces letters with letterlike symbols and Roman
	// numerals: K (Kelvin) ℎ ℯ ℴ ⅰ ⅴ ⅹ ⅼ ⅽ ⅾ Ⅰ Ⅴ Ⅹ Ⅼ Ⅽ Ⅾ Ⅿ.
	Letterlike Class = "letterlike"
	// LatinInCyrillic plants Latin a e o p c y x i j s (and A B E K M H O P
	// C T X I J S) in place of their Cyrillic twins inside Cyrillic words.
	// It needs Cyrillic text (Russian, Ukrainian, Bulgarian…).
	LatinInCyrillic Class = "latin-in-cyrillic"
	// WholeWord writes whole English words that can be spelled entirely
	// with Cyrillic lookalikes ("cop", "ace", "pea", "say", "she") in
	// Cyrillic, so no word mixes scripts.
	WholeWord Class = "whole-word"
	// Styled writes runs of words in fullwidth, mathematical (bold, italic,
	// bold italic, script, bold script, fraktur, bold fraktur, double-struck,
	// sans, sans bold, sans italic, sans bold italic, monospace), circled or
	// small-capital letters; digits too where the style has them.
	Styled Class = "styled"
	// Invisible inserts a default-ignorable character between two letters
	// of a word: ZWSP, ZWNJ, ZWJ, word joiner, soft hyphen, BOM, Mongolian
	// vowel separator, invisible times/separator/plus, function application,
	// CGJ or a variation selector.
	Invisible Class = "invisible"
	// Bidi inserts bidirectional controls inside a word, at its edge, or as
	// an embedding/override/isolate pair around it (LRE PDF LRO LRI FSI PDI
	// LRM RLM ALM), none of which reorders what a reader sees.
	Bidi Class = "bidi"
	// Tag hides an ASCII payload as tag characters U+E0020–E007E after a
	// sentence, sometimes opened by U+E0001 LANGUAGE TAG and/or closed by
	// U+E007F CANCEL TAG. The payload is in Edit.Hidden and Result.Hidden.
	Tag Class = "tag"
	// Zalgo stacks 3–15 random combining marks from U+0300–036F on a letter.
	Zalgo Class = "zalgo"
	// Heavy replaces every letter of a word, each from a different source
	// than its neighbour: accented Latin, mathematical and other styles,
	// letterlike symbols, Greek, Cyrillic, Armenian, Cherokee, Coptic, IPA
	// and the other scripts that confusables.txt maps to one ASCII letter,
	// as off-the-shelf obfuscators do (ẩ𝗉𝐩𝛜åⲄɐᥒⲥɇ for "appearance").
	Heavy Class = "heavy"
	// Mixed disguises each chosen word with a class drawn at random from
	// all the others (and hides a tag payload in a tenth of the sentences).
	Mixed Class = "mixed"
)

// Classes lists every class in a stable order.
var Classes = []Class{
	Greek, Cyrillic, Armenian, Cherokee, LatinExt, Letterlike, LatinInCyrillic,
	WholeWord, Styled, Invisible, Bidi, Tag, Zalgo, Heavy, Mixed,
}

// NeedsCyrillic reports whether the class disguises Cyrillic originals
// rather than English ones.
func (c Class) NeedsCyrillic() bool { return c == LatinInCyrillic }

// ParseClass finds a class by name.
func ParseClass(name string) (Class, error) {
	for _, c := range Classes {
		if string(c) == name {
			return c, nil
		}
	}
	return "", fmt.Errorf("attack: no class %q (have %s)", name, classNames())
}

func classNames() string {
	s := make([]string, len(Classes))
	for i, c := range Classes {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

// Edit is one change, located in the disguised text.
type Edit struct {
	Offset   int    `json:"offset"`           // byte offset in the disguised text
	Len      int    `json:"len"`              // bytes in the disguised text; always > 0
	Original string `json:"original"`         // what stood there in the original; "" for an insertion
	Class    Class  `json:"class"`            // the class that made it (useful for Mixed)
	Hidden   string `json:"hidden,omitempty"` // Tag: the decoded payload
}

// Result is a disguised text and its ground truth.
type Result struct {
	Original string   `json:"original"`
	Text     string   `json:"text"`  // the disguised text
	Edits    []Edit   `json:"edits"` // sorted by Offset, not overlapping
	Hidden   []string `json:"hidden,omitempty"`
	Eligible int      `json:"eligible"` // positions the class could have used
}

// Undo replaces every edit's range of Text by its Original. For a Result
// made by Apply it returns Original.
func (r Result) Undo() (string, error) {
	var b strings.Builder
	b.Grow(len(r.Original))
	at := 0
	for i, e := range r.Edits {
		if e.Offset < at || e.Len <= 0 || e.Offset+e.Len > len(r.Text) {
			return "", fmt.Errorf("attack: edit %d (offset %d, len %d) out of order or out of range", i, e.Offset, e.Len)
		}
		b.WriteString(r.Text[at:e.Offset])
		b.WriteString(e.Original)
		at = e.Offset + e.Len
	}
	b.WriteString(r.Text[at:])
	return b.String(), nil
}

// ErrRate is returned for a rate outside (0, 1].
var ErrRate = errors.New("attack: rate must be in (0, 1]")

// Apply disguises text with class c at the given rate, deterministically for
// a given seed.
func Apply(text string, c Class, rate float64, seed uint64) (Result, error) {
	if !(rate > 0 && rate <= 1) {
		return Result{}, ErrRate
	}
	p, ok := planners[c]
	if !ok && c != Mixed {
		return Result{}, fmt.Errorf("attack: no class %q (have %s)", c, classNames())
	}
	h := fnv.New64a()
	h.Write([]byte(c))
	rng := rand.New(rand.NewPCG(seed, h.Sum64()))
	d := newDoc(text)
	var ops []op
	var eligible int
	if c == Mixed {
		ops, eligible = planMixed(rng, d, rate)
	} else {
		pos := p.eligible(d)
		eligible = len(pos)
		pick := choose
		if p.choose != nil {
			pick = p.choose
		}
		ops = p.plan(rng, d, pick(rng, pos, rate))
	}
	res := build(text, ops)
	res.Eligible = eligible
	return res, nil
}

// span is a byte range of the original text.
type span struct{ lo, hi int }

// op is one planned change of the original: text[lo:hi] becomes repl.
// lo == hi is an insertion.
type op struct {
	lo, hi int
	repl   string
	class  Class
	hidden string
}

// planner is one class: where it can act, and what it does there.
type planner struct {
	eligible func(d *doc) []span
	plan     func(r *rand.Rand, d *doc, chosen []span) []op
	choose   func(r *rand.Rand, pos []span, rate float64) []span // nil: choose
}

// choose picks ceil(rate·len(pos)) positions at random, in text order.
func choose(r *rand.Rand, pos []span, rate float64) []span {
	k := int(math.Ceil(rate * float64(len(pos))))
	if k >= len(pos) {
		return pos
	}
	idx := r.Perm(len(pos))[:k]
	slices.Sort(idx)
	out := make([]span, k)
	for i, j := range idx {
		out[i] = pos[j]
	}
	return out
}

// build applies ops (non-overlapping; insertions may share a point) to text.
func build(text string, ops []op) Result {
	slices.SortStableFunc(ops, func(a, b op) int {
		if a.lo != b.lo {
			return a.lo - b.lo
		}
		return a.hi - b.hi // an insertion before a replacement that starts there
	})
	var b strings.Builder
	b.Grow(len(text) + len(text)/4)
	res := Result{Original: text}
	at := 0
	for _, o := range ops {
		if o.lo < at || o.repl == o.orig(text) {
			continue // overlapping or no-op: planners should not make these
		}
		b.WriteString(text[at:o.lo])
		res.Edits = append(res.Edits, Edit{Offset: b.Len(), Len: len(o.repl), Original: text[o.lo:o.hi], Class: o.class, Hidden: o.hidden})
		if o.hidden != "" {
			res.Hidden = append(res.Hidden, o.hidden)
		}
		b.WriteString(o.repl)
		at = o.hi
	}
	b.WriteString(text[at:])
	res.Text = b.String()
	return res
}

func (o op) orig(text string) string { return text[o.lo:o.hi] }

var planners = map[Class]planner{}

// registerPlanners runs from maps.go's init, once the letter maps are built.
func registerPlanners() {
	for c, m := range lookalikeMaps {
		planners[c] = letterPlanner(c, m, isASCIILetter)
	}
	planners[LatinInCyrillic] = letterPlanner(LatinInCyrillic, latinForCyrillic, isCyrillicLetter)
	planners[WholeWord] = planner{eligible: wholeWordEligible, plan: wholeWordPlan}
	planners[Styled] = planner{eligible: styledEligible, plan: styledPlan, choose: styledChoose}
	planners[Invisible] = planner{eligible: gapsInWords, plan: invisiblePlan}
	planners[Bidi] = planner{eligible: asciiWords, plan: bidiPlan}
	planners[Tag] = planner{eligible: sentenceEnds, plan: tagPlan}
	planners[Zalgo] = planner{eligible: zalgoEligible, plan: zalgoPlan}
	planners[Heavy] = planner{eligible: asciiWords, plan: heavyPlan}
}

// planMixed gives each chosen word to a class drawn from those that can act
// on it, and hides a tag payload after some sentences.
func planMixed(r *rand.Rand, d *doc, rate float64) ([]op, int) {
	words := asciiWords(d)
	var ops []op
	for _, w := range choose(r, words, rate) {
		wd := d.sub(w)
		var fits []Class
		var fitPos [][]span
		for _, c := range Classes {
			p, ok := planners[c]
			if !ok || c == Tag || c.NeedsCyrillic() {
				continue
			}
			if pos := p.eligible(wd); len(pos) > 0 {
				fits = append(fits, c)
				fitPos = append(fitPos, pos)
			}
		}
		if len(fits) == 0 {
			continue
		}
		i := r.IntN(len(fits))
		pos := choose(r, fitPos[i], 0.5)
		for _, o := range planners[fits[i]].plan(r, wd, pos) {
			o.lo += w.lo
			o.hi += w.lo
			ops = append(ops, o)
		}
	}
	ends := sentenceEnds(d)
	ops = append(ops, tagPlan(r, d, choose(r, ends, rate/10))...)
	return ops, len(words)
}
