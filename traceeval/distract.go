package traceeval

import (
	"math/rand/v2"
	"strings"
)

// Distractors fill the latency index up to its size. Two kinds:
//
// Composites (the synthetic index, adversarial) are 12–25 sentences drawn
// from random BBC articles: each shares whole sentences with about a
// hundred others and, through them, with the queries' originals.
//
// Chain articles (the realistic index) are random walks on the BBC
// articles' words: each next word follows the two before it as some
// article has it with probability chainOrder2, else follows the word before
// alone. They share three-word phrases with real articles about as real
// articles share them with each other; the report prints both rates.

// composite makes an article-like text of sentences from many random
// articles: unrelated to every single original, but from the same domain.
func composite(arts []Article, rng *rand.Rand) string {
	var b strings.Builder
	n := 12 + rng.IntN(14)
	for i := 0; i < n; i++ {
		a := arts[rng.IntN(len(arts))].Text
		sents := strings.Split(a, ". ")
		s := sents[rng.IntN(len(sents))]
		b.WriteString(strings.TrimSpace(s))
		b.WriteString(". ")
		if i%4 == 3 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// chainOrder2 sets how often a chain article follows two words of context
// rather than one. 0.6 makes chain articles share a little more (0.62 vs
// 0.52 shingles per pair, and 1.0e-4 vs 1.3e-4 LSH candidates per pair in a
// run of the calibration the report repeats) with the originals than
// distinct originals share with each other: a match for news, not a
// flattering one.
const chainOrder2 = 0.6

// chain is a word model of the articles.
type chain struct {
	words  []string
	next   [][]int32          // word → the words that follow it, with repeats
	next2  map[uint64][]int32 // pair of words → the words that follow the pair
	starts []int32            // first words of articles
	lens   []int              // article lengths in words
}

func newChain(arts []Article) *chain {
	c := &chain{next2: map[uint64][]int32{}}
	ids := map[string]int32{}
	for _, a := range arts {
		toks := strings.Fields(a.Text)
		if len(toks) == 0 {
			continue
		}
		c.lens = append(c.lens, len(toks))
		var prev2, prev int32 = -1, -1
		for _, t := range toks {
			id, ok := ids[t]
			if !ok {
				id = int32(len(c.words))
				ids[t] = id
				c.words = append(c.words, t)
				c.next = append(c.next, nil)
			}
			switch {
			case prev < 0:
				c.starts = append(c.starts, id)
			default:
				c.next[prev] = append(c.next[prev], id)
				if prev2 >= 0 {
					k := pairKey(prev2, prev)
					c.next2[k] = append(c.next2[k], id)
				}
			}
			prev2, prev = prev, id
		}
	}
	return c
}

func pairKey(a, b int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

// article walks the chain for as many words as a random article has, with
// a paragraph break after every third sentence.
func (c *chain) article(rng *rand.Rand) string {
	n := c.lens[rng.IntN(len(c.lens))]
	var b strings.Builder
	prev2, prev := int32(-1), c.starts[rng.IntN(len(c.starts))]
	b.WriteString(c.words[prev])
	sentences := 0
	for i := 1; i < n; i++ {
		var next int32
		if s := c.next2[pairKey(prev2, prev)]; prev2 >= 0 && len(s) > 0 && rng.Float64() < chainOrder2 {
			next = s[rng.IntN(len(s))]
		} else if s := c.next[prev]; len(s) > 0 {
			next = s[rng.IntN(len(s))]
		} else {
			next = c.starts[rng.IntN(len(c.starts))]
		}
		sep := " "
		if w := c.words[prev]; strings.HasSuffix(w, ".") {
			if sentences++; sentences%3 == 0 {
				sep = "\n\n"
			}
		}
		b.WriteString(sep)
		b.WriteString(c.words[next])
		prev2, prev = prev, next
	}
	return b.String()
}
