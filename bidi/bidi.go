// Package bidi is the Unicode Bidirectional Algorithm (UAX #9) on the
// Unicode 17.0.0 data of package ucd: the embedding levels of a paragraph
// (rules P2–P3, X1–X10, W1–W7, N0–N2, I1–I2, L1) and the order in which a
// reader sees its characters (L2, with L3 and L4 for display).
//
// golang.org/x/text/unicode/bidi does not serve: it is Unicode 15, and its
// Paragraph API does not resolve isolates (UAX #9 rules X5a–X6a) or return
// the levels of explicit formatting characters. This implementation passes
// every line of the UAX #9 conformance files BidiTest.txt and
// BidiCharacterTest.txt (testdata/).
package bidi

import (
	"sort"

	"github.com/unmaskdev/unmask/ucd"
)

// Direction is the direction of a paragraph.
type Direction uint8

// Paragraph directions.
const (
	LTR  Direction = iota // left-to-right paragraph (embedding level 0)
	RTL                   // right-to-left paragraph (embedding level 1)
	Auto                  // the direction of the first strong character (rules P2–P3), LTR when none
)

func (d Direction) String() string {
	switch d {
	case RTL:
		return "rtl"
	case Auto:
		return "auto"
	}
	return "ltr"
}

type class = ucd.BidiClass

const (
	bcL   = ucd.BidiL
	bcR   = ucd.BidiR
	bcAL  = ucd.BidiAL
	bcEN  = ucd.BidiEN
	bcES  = ucd.BidiES
	bcET  = ucd.BidiET
	bcAN  = ucd.BidiAN
	bcCS  = ucd.BidiCS
	bcNSM = ucd.BidiNSM
	bcBN  = ucd.BidiBN
	bcB   = ucd.BidiB
	bcS   = ucd.BidiS
	bcWS  = ucd.BidiWS
	bcON  = ucd.BidiON
	bcLRE = ucd.BidiLRE
	bcLRO = ucd.BidiLRO
	bcRLE = ucd.BidiRLE
	bcRLO = ucd.BidiRLO
	bcPDF = ucd.BidiPDF
	bcLRI = ucd.BidiLRI
	bcRLI = ucd.BidiRLI
	bcFSI = ucd.BidiFSI
	bcPDI = ucd.BidiPDI
)

// canonBracket folds the two canonically equivalent bracket pairs (BD16).
func canonBracket(r rune) rune {
	switch r {
	case 0x2329:
		return 0x3008
	case 0x232A:
		return 0x3009
	}
	return r
}

func isIsolateInit(c class) bool { return c == bcLRI || c == bcRLI || c == bcFSI }

// RemovedByX9 reports the classes that rule X9 removes from the algorithm:
// embeddings, overrides, PDF and BN.
func RemovedByX9(c ucd.BidiClass) bool {
	return c == bcBN || (c >= bcLRE && c <= bcPDF)
}

// CanReorder reports whether a character of class c can make the display
// order of an LTR paragraph differ from its logical order: only these
// classes can raise a level to odd or reorder a run.
func CanReorder(c ucd.BidiClass) bool {
	switch c {
	case bcR, bcAL, bcAN:
		return true
	}
	return c >= bcLRE
}

// Reorder lays text out for display in paragraphs of direction dir,
// following UAX #9 for each paragraph (split after Bidi_Class B, rule P1)
// treated as one line: rules X1–X10, W1–W7, N0–N2, I1–I2, L1 and L2; then
// rule L3 keeps combining marks after their base in right-to-left runs, and
// rule L4 replaces characters at odd levels by their Bidi_Mirroring_Glyph.
// Every character of text is in the result, the explicit formatting
// characters too (a renderer draws them as nothing). This is the reordering
// that UTS #39's bidiSkeleton applies, and that ICU's
// uspoof_getBidiSkeleton performs with UBIDI_KEEP_BASE_COMBINING |
// UBIDI_DO_MIRRORING.
func Reorder(text []rune, dir Direction) []rune {
	out := make([]rune, 0, len(text))
	start := 0
	for i, r := range text {
		if ucd.BidiClassOf(r) == bcB {
			out = appendVisualParagraph(out, text[start:i+1], dir)
			start = i + 1
		}
	}
	if start < len(text) {
		out = appendVisualParagraph(out, text[start:], dir)
	}
	return out
}

func appendVisualParagraph(out []rune, text []rune, dir Direction) []rune {
	levels, _ := Levels(text, dir)
	order := VisualOrder(levels)
	// L3: in the reversed runs, marks now precede their base; put them back after it.
	for j := 0; j < len(order); {
		if levels[order[j]]&1 == 0 || !ucd.CategoryOf(text[order[j]]).IsMark() {
			j++
			continue
		}
		k := j
		for k < len(order) && levels[order[k]]&1 == 1 && ucd.CategoryOf(text[order[k]]).IsMark() {
			k++
		}
		if k < len(order) && levels[order[k]]&1 == 1 {
			reverseInts(order[j : k+1])
			k++
		}
		j = k
	}
	for _, i := range order {
		r := text[i]
		if levels[i]&1 == 1 { // L4
			r, _ = ucd.BidiMirror(r)
		}
		out = append(out, r)
	}
	return out
}

func reverseInts(a []int) {
	for i, j := 0, len(a)-1; i < j; i, j = i+1, j-1 {
		a[i], a[j] = a[j], a[i]
	}
}

// VisualOrder applies rule L2 to the levels of one line: from the highest
// level down to the lowest odd level, it reverses every maximal run of
// characters at that level or higher. It returns the logical index of the
// character shown at each visual position, left to right.
func VisualOrder(levels []uint8) []int {
	order := make([]int, len(levels))
	maxL, minOdd := uint8(0), uint8(0xFF)
	for i, l := range levels {
		order[i] = i
		if l > maxL {
			maxL = l
		}
		if l&1 == 1 && l < minOdd {
			minOdd = l
		}
	}
	for lev := maxL; lev >= minOdd; lev-- {
		for j := 0; j < len(order); {
			if levels[order[j]] < lev {
				j++
				continue
			}
			k := j
			for k < len(order) && levels[order[k]] >= lev {
				k++
			}
			reverseInts(order[j:k])
			j = k
		}
	}
	return order
}

type dirStatus struct {
	level    uint8
	override class // bcON for neutral, else bcL or bcR
	isolate  bool
}

const maxDepth = 125

// Levels resolves the embedding level of every character of one paragraph
// of direction dir (UAX #9 rules P2–P3 for Auto, X1–X10, W1–W7, N0–N2,
// I1–I2 and L1, the paragraph taken as one line). Characters removed by X9
// get the level of the character before them (UAX #9 §5.2). It also
// returns the paragraph's embedding level.
func Levels(text []rune, dir Direction) ([]uint8, uint8) {
	cls := make([]class, len(text))
	for i, r := range text {
		cls[i] = ucd.BidiClassOf(r)
	}
	return resolve(text, cls, dir)
}

// ClassLevels is Levels for a paragraph given by its characters' classes
// only, as BidiTest.txt gives them: no bracket pairs (rule N0) are found.
func ClassLevels(classes []ucd.BidiClass, dir Direction) ([]uint8, uint8) {
	return resolve(nil, classes, dir)
}

// resolve is Levels on the classes orig of text; text is nil for none.
func resolve(text []rune, orig []class, dir Direction) ([]uint8, uint8) {
	n := len(orig)
	// BD9: matching PDIs.
	match := make([]int, n) // isolate initiator -> its PDI, PDI -> its initiator, else -1
	var open []int
	for i, c := range orig {
		match[i] = -1
		switch {
		case isIsolateInit(c):
			open = append(open, i)
		case c == bcPDI && len(open) > 0:
			j := open[len(open)-1]
			open = open[:len(open)-1]
			match[j], match[i] = i, j
		case c == bcB:
			open = open[:0]
		}
	}
	para := uint8(dir & 1)
	if dir == Auto {
		para = 0
		if firstStrong(orig, match, 0, n) == bcR {
			para = 1
		}
	}

	cls := make([]class, n)
	copy(cls, orig)
	lvl := make([]uint8, n)

	// X1–X8.
	stack := make([]dirStatus, 1, 8)
	stack[0] = dirStatus{level: para, override: bcON}
	overflowIsolate, overflowEmbedding, validIsolate := 0, 0, 0
	for i, c := range orig {
		top := stack[len(stack)-1]
		switch c {
		case bcRLE, bcLRE, bcRLO, bcLRO:
			next := (top.level + 2) &^ 1
			if c == bcRLE || c == bcRLO {
				next = (top.level + 1) | 1
			}
			if next <= maxDepth && overflowIsolate == 0 && overflowEmbedding == 0 {
				ov := bcON
				if c == bcRLO {
					ov = bcR
				} else if c == bcLRO {
					ov = bcL
				}
				stack = append(stack, dirStatus{level: next, override: ov})
			} else if overflowIsolate == 0 {
				overflowEmbedding++
			}
			lvl[i] = top.level
		case bcRLI, bcLRI, bcFSI:
			lvl[i] = top.level
			if top.override != bcON {
				cls[i] = top.override
			}
			rtl := c == bcRLI
			if c == bcFSI {
				end := n
				if match[i] >= 0 {
					end = match[i]
				}
				rtl = firstStrong(orig, match, i+1, end) == bcR
			}
			next := (top.level + 2) &^ 1
			if rtl {
				next = (top.level + 1) | 1
			}
			if next <= maxDepth && overflowIsolate == 0 && overflowEmbedding == 0 {
				validIsolate++
				stack = append(stack, dirStatus{level: next, override: bcON, isolate: true})
			} else {
				overflowIsolate++
			}
		case bcPDI:
			if overflowIsolate > 0 {
				overflowIsolate--
			} else if validIsolate > 0 {
				overflowEmbedding = 0
				for !stack[len(stack)-1].isolate {
					stack = stack[:len(stack)-1]
				}
				stack = stack[:len(stack)-1]
				validIsolate--
			}
			top = stack[len(stack)-1]
			lvl[i] = top.level
			if top.override != bcON {
				cls[i] = top.override
			}
		case bcPDF:
			if overflowIsolate > 0 {
			} else if overflowEmbedding > 0 {
				overflowEmbedding--
			} else if !top.isolate && len(stack) >= 2 {
				stack = stack[:len(stack)-1]
			}
			lvl[i] = stack[len(stack)-1].level
		case bcB:
			lvl[i] = para
		case bcBN:
			lvl[i] = top.level
		default:
			lvl[i] = top.level
			if top.override != bcON {
				cls[i] = top.override
			}
		}
	}

	// X9, X10: level runs over the characters that remain, chained into
	// isolating run sequences through matching isolate initiators and PDIs.
	kept := make([]int, 0, n)
	for i, c := range orig {
		if !RemovedByX9(c) {
			kept = append(kept, i)
		}
	}
	type levelRun struct{ from, to int } // half-open range of kept
	var runs []levelRun
	runAt := map[int]int{} // char index of a run's first character -> run
	for p := 0; p < len(kept); {
		q := p + 1
		for q < len(kept) && lvl[kept[q]] == lvl[kept[p]] {
			q++
		}
		runAt[kept[p]] = len(runs)
		runs = append(runs, levelRun{p, q})
		p = q
	}
	// sos and eos compare explicit embedding levels, before I1–I2 change them.
	embed := make([]uint8, n)
	copy(embed, lvl)
	seq := make([]int, 0, 16)
	for _, run := range runs {
		first := kept[run.from]
		if orig[first] == bcPDI && match[first] >= 0 {
			continue // continues the sequence of its isolate initiator
		}
		seq = seq[:0]
		for r := run; ; {
			seq = append(seq, kept[r.from:r.to]...)
			last := kept[r.to-1]
			if !isIsolateInit(orig[last]) || match[last] < 0 {
				break
			}
			next, ok := runAt[match[last]]
			if !ok {
				break
			}
			r = runs[next]
		}
		resolveSequence(text, orig, cls, lvl, embed, seq, kept, para)
	}

	// Characters removed by X9 take the level of the character before them.
	for i, c := range orig {
		if RemovedByX9(c) {
			if i == 0 {
				lvl[i] = para
			} else {
				lvl[i] = lvl[i-1]
			}
		}
	}
	// L1, with the X9-removed characters counted among the whitespace.
	reset := true
	for i := n - 1; i >= 0; i-- {
		switch c := orig[i]; {
		case c == bcS || c == bcB:
			lvl[i] = para
			reset = true
		case c == bcWS || isIsolateInit(c) || c == bcPDI || RemovedByX9(c):
			if reset {
				lvl[i] = para
			}
		default:
			reset = false
		}
	}
	return lvl, para
}

// firstStrong applies P2 to orig[from:to]: the first L, R or AL, skipping
// characters between an isolate initiator and its matching PDI. It returns
// bcL, bcR (for R and AL) or bcON when there is none.
func firstStrong(orig []class, match []int, from, to int) class {
	for k := from; k < to; k++ {
		switch c := orig[k]; {
		case c == bcL:
			return bcL
		case c == bcR || c == bcAL:
			return bcR
		case isIsolateInit(c):
			if match[k] < 0 {
				return bcON
			}
			k = match[k]
		case c == bcB:
			return bcON
		}
	}
	return bcON
}

// strongDir maps a resolved class to its direction for N0–N2 (EN and AN count as R).
func strongDir(c class) class {
	switch c {
	case bcL:
		return bcL
	case bcR, bcAL, bcEN, bcAN:
		return bcR
	}
	return bcON
}

func isNI(c class) bool {
	switch c {
	case bcB, bcS, bcWS, bcON, bcLRI, bcRLI, bcFSI, bcPDI:
		return true
	}
	return false
}

// resolveSequence applies W1–W7, N0–N2 and I1–I2 to one isolating run sequence.
func resolveSequence(text []rune, orig, cls []class, lvl, embed []uint8, seq, kept []int, para uint8) {
	m := len(seq)
	level := embed[seq[0]]
	// sos and eos (X10): the higher of the levels on either side of the boundary.
	pos := sort.SearchInts(kept, seq[0])
	before := para
	if pos > 0 {
		before = embed[kept[pos-1]]
	}
	sos := bcL
	if max(level, before)&1 == 1 {
		sos = bcR
	}
	last := seq[m-1]
	after := para
	if !(isIsolateInit(orig[last])) {
		if p := sort.SearchInts(kept, last); p+1 < len(kept) {
			after = embed[kept[p+1]]
		}
	}
	eos := bcL
	if max(embed[last], after)&1 == 1 {
		eos = bcR
	}
	t := make([]class, m)
	for k, i := range seq {
		t[k] = cls[i]
	}
	wasNSM := make([]bool, m)
	// W1.
	for k := range t {
		if t[k] != bcNSM {
			continue
		}
		wasNSM[k] = true
		switch {
		case k == 0:
			t[k] = sos
		case isIsolateInit(t[k-1]) || t[k-1] == bcPDI:
			t[k] = bcON
		default:
			t[k] = t[k-1]
		}
	}
	// W2, W3.
	lastStrong := sos
	for k, c := range t {
		switch c {
		case bcL, bcR:
			lastStrong = c
		case bcAL:
			lastStrong = bcAL
			t[k] = bcR
		case bcEN:
			if lastStrong == bcAL {
				t[k] = bcAN
			}
		}
	}
	// W4.
	for k := 1; k+1 < m; k++ {
		switch t[k] {
		case bcES:
			if t[k-1] == bcEN && t[k+1] == bcEN {
				t[k] = bcEN
			}
		case bcCS:
			if t[k-1] == bcEN && t[k+1] == bcEN {
				t[k] = bcEN
			} else if t[k-1] == bcAN && t[k+1] == bcAN {
				t[k] = bcAN
			}
		}
	}
	// W5.
	for k := 0; k < m; {
		if t[k] != bcET {
			k++
			continue
		}
		j := k
		for j < m && t[j] == bcET {
			j++
		}
		if (k > 0 && t[k-1] == bcEN) || (j < m && t[j] == bcEN) {
			for x := k; x < j; x++ {
				t[x] = bcEN
			}
		}
		k = j
	}
	// W6, W7.
	lastStrong = sos
	for k, c := range t {
		switch c {
		case bcES, bcET, bcCS:
			t[k] = bcON
		case bcL, bcR:
			lastStrong = c
		case bcEN:
			if lastStrong == bcL {
				t[k] = bcL
			}
		}
	}
	e := bcL
	if level&1 == 1 {
		e = bcR
	}
	// N0: paired brackets (BD16), in the order of their opening brackets.
	type openEntry struct {
		closer rune
		k      int
	}
	var stack []openEntry
	var pairs [][2]int
scan:
	for k, i := range seq {
		if t[k] != bcON || text == nil {
			continue
		}
		pair, isOpen, ok := ucd.BidiBracket(text[i])
		if !ok {
			continue
		}
		if isOpen {
			if len(stack) == 63 {
				break scan
			}
			stack = append(stack, openEntry{canonBracket(pair), k})
			continue
		}
		c := canonBracket(text[i])
		for j := len(stack) - 1; j >= 0; j-- {
			if stack[j].closer == c {
				pairs = append(pairs, [2]int{stack[j].k, k})
				stack = stack[:j]
				break
			}
		}
	}
	sort.Slice(pairs, func(a, b int) bool { return pairs[a][0] < pairs[b][0] })
	for _, p := range pairs {
		foundE, foundOpp := false, false
		for k := p[0] + 1; k < p[1]; k++ {
			switch d := strongDir(t[k]); {
			case d == e:
				foundE = true
			case d != bcON:
				foundOpp = true
			}
			if foundE {
				break
			}
		}
		var d class
		switch {
		case foundE:
			d = e
		case foundOpp:
			ctx := sos
			for k := p[0] - 1; k >= 0; k-- {
				if sd := strongDir(t[k]); sd != bcON {
					ctx = sd
					break
				}
			}
			d = e
			if ctx != e {
				d = ctx
			}
		default:
			continue
		}
		for _, b := range p {
			t[b] = d
			for k := b + 1; k < m && wasNSM[k]; k++ {
				t[k] = d
			}
		}
	}
	// N1, N2.
	for k := 0; k < m; {
		if !isNI(t[k]) {
			k++
			continue
		}
		j := k
		for j < m && isNI(t[j]) {
			j++
		}
		lead := sos
		if k > 0 {
			lead = strongDir(t[k-1])
		}
		trail := eos
		if j < m {
			trail = strongDir(t[j])
		}
		d := e
		if lead == trail && lead != bcON {
			d = lead
		}
		for x := k; x < j; x++ {
			t[x] = d
		}
		k = j
	}
	// I1, I2.
	for k, i := range seq {
		l := lvl[i]
		switch c := t[k]; {
		case l&1 == 0 && c == bcR:
			l++
		case l&1 == 0 && (c == bcAN || c == bcEN):
			l += 2
		case l&1 == 1 && (c == bcL || c == bcEN || c == bcAN):
			l++
		}
		lvl[i] = l
	}
}
