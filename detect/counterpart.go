package detect

import (
	"sort"
	"sync"
	"sync/atomic"

	"github.com/unmaskdev/unmask/ucd"
)

// Two characters are lookalikes when confusables.txt gives them the same
// prototype (a character not listed is its own prototype). byProto groups
// the characters by prototype so that the lookalike of c in a given script
// is found without scanning the table.
var (
	protoOnce sync.Once
	byProto   map[string][]rune
)

func protoKey(r rune) string {
	if p, ok := ucd.Prototype(r); ok {
		return p
	}
	return string(r)
}

func buildProto() {
	byProto = make(map[string][]rune, ucd.NumPrototypes())
	for i := 0; i < ucd.NumPrototypes(); i++ {
		r, p := ucd.PrototypeAt(i)
		byProto[p] = append(byProto[p], r)
	}
	for p, rs := range byProto {
		// The prototype is a lookalike of its sources too, when it is one character.
		if pr := []rune(p); len(pr) == 1 {
			rs = append(rs, pr[0])
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
		byProto[p] = rs
	}
}

// cpCache remembers counterpart's answers, shared by all goroutines without
// locks: a direct-mapped table of words packing a valid bit, the key (rune
// and script, 30 bits) and the answer plus one (22 bits). A collision only
// costs working the answer out again.
var cpCache [1 << 13]atomic.Uint64

// The key has 9 bits for the script.
const _ = uint(511 - ucd.NumScripts)

// counterpart returns the letter of script sc that r looks like, or -1.
// Among several it prefers the same case, then ASCII, then a letter that
// UTS #39 recommends for identifiers or the prototype itself, then no
// decomposition.
func counterpart(r rune, sc ucd.Script) rune {
	if r < 0 || r > 0x10FFFF {
		return -1
	}
	key := uint64(r) | uint64(sc)<<21
	slot := &cpCache[(key*0x9E3779B97F4A7C15)>>(64-13)]
	if e := slot.Load(); e>>63 == 1 && (e>>22)&(1<<30-1) == key {
		return rune(e&(1<<22-1)) - 1
	}
	d := findCounterpart(r, sc)
	slot.Store(1<<63 | key<<22 | uint64(d+1))
	return d
}

func findCounterpart(r rune, sc ucd.Script) rune {
	protoOnce.Do(buildProto)
	caseOf := ucd.Props(r) & (ucd.Lowercase | ucd.Uppercase)
	best, bestScore := rune(-1), -1
	key := protoKey(r)
	for _, d := range byProto[key] {
		if d == r || ucd.ScriptOf(d) != sc || !ucd.CategoryOf(d).IsLetter() {
			continue
		}
		if _, st := ucd.Styled(d); st != ucd.StyleNone {
			continue // a small capital is itself a disguise, not what a reader sees
		}
		score := 0
		if caseOf != 0 && ucd.Props(d)&(ucd.Lowercase|ucd.Uppercase) == caseOf {
			score += 8
		}
		if d < 0x80 {
			score += 4
		}
		if ucd.IdentifierTypes(d)&ucd.TypeRecommended != 0 {
			score += 2
		}
		if string(d) == key {
			score += 2 // the prototype itself: l rather than I for a caseless stroke
		}
		if _, dec := ucd.Decomposition(d); !dec {
			score++
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

// lookBlocks caches lookalikeScripts per block of 256 code points.
var lookBlocks [(0x10FFFF >> 8) + 1]atomic.Pointer[[256]ucd.ScriptSet]

// lookalikeScripts returns the scripts, other than r's own, that have a
// letter r looks like: sc is in the set exactly when counterpart(r, sc) >= 0.
func lookalikeScripts(r rune) ucd.ScriptSet {
	if r >= 0 && r < 0x80 {
		if b := lookBlocks[0].Load(); b != nil {
			return b[r]
		}
	}
	if r < 0 || r > 0x10FFFF {
		return ucd.ScriptSet{}
	}
	b := lookBlocks[r>>8].Load()
	if b == nil {
		protoOnce.Do(buildProto)
		b = new([256]ucd.ScriptSet)
		base := r &^ 0xFF
		for i := range b {
			c := base + rune(i)
			for _, d := range byProto[protoKey(c)] {
				if d == c || !ucd.CategoryOf(d).IsLetter() {
					continue
				}
				if _, st := ucd.Styled(d); st != ucd.StyleNone {
					continue
				}
				b[i].Add(ucd.ScriptOf(d))
			}
		}
		lookBlocks[r>>8].Store(b)
	}
	return b[r&0xFF]
}
