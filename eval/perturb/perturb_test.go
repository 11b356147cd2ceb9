package perturb

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestApplyKeepsText undoes each class by its definition and gets the text
// back: the perturbations change what is stored, not what is read.
func TestApplyKeepsText(t *testing.T) {
	const text = "The quick brown fox jumps over the lazy dog: 0123456789 (one-two)."
	for _, k := range Kinds {
		for seed := range uint64(50) {
			r := rand.New(rand.NewPCG(seed, 7))
			n := 1 + int(seed%5)
			got, err := Apply(text, k, n, r)
			if err != nil {
				t.Fatal(err)
			}
			if !utf8.ValidString(got) {
				t.Fatalf("%s: invalid UTF-8", k)
			}
			switch k {
			case Invisible:
				if s := strings.NewReplacer("\u200b", "", "\u200c", "", "\u200d", "").Replace(got); s != text {
					t.Errorf("%s seed %d: without the invisibles %q, want %q", k, seed, s, text)
				}
				if utf8.RuneCountInString(got) != utf8.RuneCountInString(text)+n {
					t.Errorf("%s seed %d: %d runes, want %d", k, seed, utf8.RuneCountInString(got), utf8.RuneCountInString(text)+n)
				}
			case Homoglyph:
				g, w := []rune(got), []rune(text)
				if len(g) != len(w) || got == text {
					t.Errorf("%s seed %d: %q", k, seed, got)
				}
				for i := range w {
					if g[i] != w[i] && !contains(Homoglyphs(w[i]), g[i]) {
						t.Errorf("%s seed %d: %q for %q is no homoglyph", k, seed, g[i], w[i])
					}
				}
			case Reorder:
				if display(got) != text {
					t.Errorf("%s seed %d: displayed %q, want %q", k, seed, display(got), text)
				}
				if got == text {
					t.Errorf("%s seed %d: unchanged", k, seed)
				}
			case Delete:
				if s := erase(got); s != text {
					t.Errorf("%s seed %d: after the backspaces %q, want %q", k, seed, s, text)
				}
				if c := strings.Count(got, "\b"); c != n {
					t.Errorf("%s seed %d: %d backspaces, want %d", k, seed, c, n)
				}
			}
		}
	}
}

func contains(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// erase applies each backspace to the character before it.
func erase(s string) string {
	var out []rune
	for _, r := range s {
		if r == BKSP && len(out) > 0 {
			out = out[:len(out)-1]
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// display undoes the paper's nested swap: in LRO LRI RLO LRI x PDI LRI y PDI
// PDF PDI PDF the two isolates x and y are shown right to left, so y first.
// It parses only what reorder writes.
func display(s string) string {
	rs := []rune(s)
	var parse func(i int) (string, int)
	// parse reads one element at i: a character or a swap.
	parse = func(i int) (string, int) {
		if rs[i] != LRO {
			return string(rs[i]), i + 1
		}
		i += 4 // LRO LRI RLO LRI
		x, i := parseSeq(rs, i, parse)
		i += 2 // PDI LRI
		y, i := parseSeq(rs, i, parse)
		return y + x, i + 4 // PDI PDF PDI PDF
	}
	var b strings.Builder
	for i := 0; i < len(rs); {
		var e string
		e, i = parse(i)
		b.WriteString(e)
	}
	return b.String()
}

func parseSeq(rs []rune, i int, parse func(int) (string, int)) (string, int) {
	var b strings.Builder
	for rs[i] != PDI {
		var e string
		e, i = parse(i)
		b.WriteString(e)
	}
	return b.String(), i
}

func TestReorderForm(t *testing.T) {
	// One swap of "ab": stored b, a, as the paper writes it.
	r := rand.New(rand.NewPCG(1, 2))
	got, _ := Apply("ab", Reorder, 1, r)
	want := "\u202d\u2066\u202e\u2066b\u2069\u2066a\u2069\u202c\u2069\u202c"
	if got != want {
		t.Errorf("Apply(ab, Reorder, 1) = %+q, want %+q", got, want)
	}
}

func TestApplyEdges(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, k := range Kinds {
		if got, err := Apply("", k, 3, r); err != nil || got != "" {
			t.Errorf("Apply(\"\", %s) = %q, %v", k, got, err)
		}
	}
	if got, _ := Apply("x", Reorder, 3, r); got != "x" {
		t.Errorf("one character reordered: %q", got)
	}
	if got, _ := Apply("жжж", Homoglyph, 3, r); got != "жжж" {
		t.Errorf("no homoglyph: %q", got)
	}
	if _, err := Apply("x", "nope", 1, r); err == nil {
		t.Error("unknown class: no error")
	}
}

func ExampleApply() {
	r := rand.New(rand.NewPCG(1, 2))
	s, _ := Apply("fox", Delete, 1, r)
	fmt.Printf("%+q\n", s)
	s, _ = Apply("fox", Reorder, 1, r)
	fmt.Printf("%+q\n", s)
	// Output:
	// "foZ\bx"
	// "f\u202d\u2066\u202e\u2066x\u2069\u2066o\u2069\u202c\u2069\u202c"
}
