package traceeval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"

	"github.com/unmaskdev/unmask/attack"
)

// Article is one original.
type Article struct {
	ID    string
	Text  string
	Group int // articles with identical text share a group: true duplicates
}

// Copy is a disguised copy of an original.
type Copy struct {
	ID     string
	Source int // index of the original in the article list
	Kind   string
	Class  attack.Class
	Text   string
	Kept   float64 // share of the original's words kept (before edits and disguise)
}

// The kinds of copy: how much the content farm changed besides the disguise.
const (
	KindDisguised = "disguised"        // disguise only
	KindFooter    = "disguised+footer" // and the farm's footer
	KindTrimmed   = "trimmed+footer"   // 50–90% of the paragraphs kept, footer
	KindEdited    = "edited+footer"    // ~5% of words replaced, deleted or inserted, footer

	// KindExcerpt is measured apart from Kinds: a run of 15–35% of the
	// article's words, from the start of a random paragraph, and a footer.
	// Most of such a copy's shingles may be the footer's.
	KindExcerpt = "excerpt+footer"
)

// Kinds lists the kinds of copy in report order.
var Kinds = []string{KindDisguised, KindFooter, KindTrimmed, KindEdited}

// disguiseClasses are the attack classes copies rotate through: every class
// that disguises English text.
var disguiseClasses = func() []attack.Class {
	var cs []attack.Class
	for _, c := range attack.Classes {
		if !c.NeedsCyrillic() {
			cs = append(cs, c)
		}
	}
	return cs
}()

// LoadArticles reads bbc.jsonl and groups identical texts.
func LoadArticles(path string) ([]Article, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	var arts []Article
	groups := map[string]int{}
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 16<<20)
	for line := 1; sc.Scan(); line++ {
		var rec struct{ ID, Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, line, err)
		}
		g, ok := groups[rec.Text]
		if !ok {
			g = len(groups)
			groups[rec.Text] = g
		}
		arts = append(arts, Article{ID: rec.ID, Text: rec.Text, Group: g})
	}
	return arts, sc.Err()
}

var sites = []string{"NewsFarm Daily", "TopStory24", "The Viral Post", "InfoHub Now", "DailyBuzz Online", "WorldNewsWire", "Trending Today", "HeadlineHQ"}

var footers = []string{
	"Read more great stories at %s. Subscribe today for free updates and never miss a story again!",
	"This article first appeared on %s. All rights reserved. Reproduction without permission is prohibited.",
	"Follow %s on Facebook and Twitter for the latest breaking news. Share this story with your friends and family.",
	"Sponsored content from %s: doctors hate this one weird trick that melts belly fat overnight. Click here to find out more.",
	"Copyright %s Media Group. Contact our editors for reprint permissions, licensing and advertising opportunities.",
	"Like this story? %s brings you the news that matters, every day, for free. Sign up for our newsletter now.",
}

func footer(rng *rand.Rand) string {
	site := sites[rng.IntN(len(sites))]
	f := fmt.Sprintf(footers[rng.IntN(len(footers))], site)
	if rng.IntN(2) == 0 {
		f += " " + fmt.Sprintf(footers[rng.IntN(len(footers))], site)
	}
	return "\n\n" + f
}

// trim keeps a run of 50–90% of the paragraphs (rounded up): the tail is
// cut, and the first paragraph dropped a third of the time.
//
// Rounding down, as this did first, kept one paragraph of three, which in
// a BBC article is often the one-sentence lede alone: a copy of a few
// words and a longer footer. Such excerpts are measured separately
// (KindExcerpt), not as trimmed copies.
func trim(text string, rng *rand.Rand) string {
	paras := strings.Split(text, "\n\n")
	if len(paras) < 3 {
		words := strings.Fields(text)
		return strings.Join(words[:max(1, (len(words)*(50+rng.IntN(41))+99)/100)], " ")
	}
	n := len(paras)
	lo := (n + 1) / 2
	keep := min(max((n*(50+rng.IntN(41))+99)/100, lo), max(lo, n*9/10))
	start := 0
	if rng.IntN(3) == 0 && keep < len(paras) {
		start = 1
	}
	return strings.Join(paras[start:start+keep], "\n\n")
}

// excerpt keeps 15–35% of the words of text, in a run that starts at a
// paragraph (a random one among those leaving room), keeping line breaks.
func excerpt(text string, rng *rand.Rand) string {
	total := len(strings.Fields(text))
	want := max(1, total*(15+rng.IntN(21))/100)
	paras := strings.Split(text, "\n\n")
	starts := []int{0} // paragraphs with at least want words from them on
	left := total
	for i, p := range paras {
		if i > 0 && left >= want {
			starts = append(starts, i)
		}
		left -= len(strings.Fields(p))
	}
	var out []string
	n := 0
	for _, p := range paras[starts[rng.IntN(len(starts))]:] {
		words := strings.Fields(p)
		if n+len(words) > want {
			words = words[:want-n]
		}
		out = append(out, strings.Join(words, " "))
		if n += len(words); n == want {
			break
		}
	}
	return strings.Join(out, "\n\n")
}

// edit replaces, deletes or inserts about rate of the words, drawing new
// words from vocab, keeping line breaks.
func edit(text string, rate float64, vocab []string, rng *rand.Rand) string {
	var b strings.Builder
	for li, line := range strings.Split(text, "\n") {
		if li > 0 {
			b.WriteByte('\n')
		}
		first := true
		put := func(w string) {
			if !first {
				b.WriteByte(' ')
			}
			first = false
			b.WriteString(w)
		}
		for _, w := range strings.Fields(line) {
			if rng.Float64() >= rate {
				put(w)
				continue
			}
			switch rng.IntN(3) {
			case 0: // replace
				put(vocab[rng.IntN(len(vocab))])
			case 1: // delete
			case 2: // insert
				put(w)
				put(vocab[rng.IntN(len(vocab))])
			}
		}
	}
	return b.String()
}

// MakeCopy builds one copy of art of the given kind, deterministically for seed.
func MakeCopy(art Article, src int, kind string, class attack.Class, vocab []string, seed uint64) (Copy, error) {
	rng := rand.New(rand.NewPCG(seed, uint64(src)))
	text := art.Text
	switch kind {
	case KindTrimmed:
		text = trim(text, rng)
	case KindEdited:
		text = edit(text, 0.05, vocab, rng)
	case KindExcerpt:
		text = excerpt(text, rng)
	}
	kept := float64(len(strings.Fields(text))) / float64(max(1, len(strings.Fields(art.Text))))
	res, err := attack.Apply(text, class, 0.3, seed^uint64(src)<<20)
	if err != nil {
		return Copy{}, fmt.Errorf("disguising %s with %s: %w", art.ID, class, err)
	}
	text = res.Text
	if kind != KindDisguised {
		text += footer(rng)
	}
	return Copy{ID: fmt.Sprintf("copy:%s:%s:%d", art.ID, kind, seed), Source: src, Kind: kind, Class: class, Text: text, Kept: kept}, nil
}

// vocabulary lists the distinct words of the articles, for edits.
func vocabulary(arts []Article) []string {
	seen := map[string]bool{}
	var v []string
	for _, a := range arts {
		for _, w := range strings.Fields(a.Text) {
			if !seen[w] {
				seen[w] = true
				v = append(v, w)
			}
		}
	}
	return v
}
