package perturb

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
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

// FuzzApply checks on any valid UTF-8 line that each class can be undone
// by its definition.
func FuzzApply(f *testing.F) {
	f.Add("The quick brown fox", uint64(1), 3)
	f.Add("", uint64(2), 1)
	f.Add("ab", uint64(3), 5)
	f.Fuzz(func(t *testing.T, text string, seed uint64, n int) {
		if !utf8.ValidString(text) || strings.ContainsAny(text, "\b\u200b\u200c\u200d\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") {
			return
		}
		n = 1 + (n&0x7fffffff)%8
		for _, k := range Kinds {
			got, err := Apply(text, k, n, rand.New(rand.NewPCG(seed, 9)))
			if err != nil {
				t.Fatal(err)
			}
			var back string
			switch k {
			case Invisible:
				back = strings.NewReplacer("\u200b", "", "\u200c", "", "\u200d", "").Replace(got)
			case Homoglyph:
				back = text // checked rune by rune below
				g, w := []rune(got), []rune(text)
				if len(g) != len(w) {
					t.Fatalf("homoglyph changed the length: %q", got)
				}
				for i := range w {
					if g[i] != w[i] && !contains(Homoglyphs(w[i]), g[i]) {
						t.Fatalf("%q for %q is no homoglyph", g[i], w[i])
					}
				}
			case Reorder:
				if text == "" {
					back = got
				} else {
					back = display(got)
				}
			case Delete:
				back = erase(got)
			}
			if back != text {
				t.Fatalf("%s of %q: undone %q", k, text, back)
			}
		}
	})
}

// TestHomoglyphsComplete compares Homoglyphs with a search of every pair of
// a Latin-1 or Latin Extended character and a character of the first two
// planes.
func TestHomoglyphsComplete(t *testing.T) {
	if testing.Short() {
		t.Skip("searches 40 million pairs")
	}
	n := 0
	for a := rune(0x20); a < 0x250; a++ {
		var want []rune
		for b := rune(0); b < 0x20000; b++ {
			if b != a && ucd.Intentional(a, b) {
				want = append(want, b)
			}
		}
		if got := Homoglyphs(a); !slices.Equal(got, want) {
			t.Errorf("Homoglyphs(%q) = %q, want %q", a, got, want)
		}
		n += len(want)
	}
	if n < 40 {
		t.Errorf("only %d homoglyph pairs", n)
	}
}

// TestHide: the published encodings, checked on their boundary bytes, and
// Reveal as their inverse.
func TestHide(t *testing.T) {
	for _, c := range []struct {
		s       Smuggle
		payload []byte
		want    string
	}{
		{Selectors, []byte{0, 15, 16, 255}, "\uFE00\uFE0F\U000E0100\U000E01EF"},
		{Selectors, []byte("hi"), "\U000E0158\U000E0159"}, // 'h' = 0x68 → U+E0100 + 0x58
		{Tags, []byte("Hi!"), "\U000E0048\U000E0069\U000E0021"},
	} {
		got, err := Hide(c.s, c.payload)
		if err != nil || got != c.want {
			t.Errorf("Hide(%s, %q) = %+q, %v; want %+q", c.s, c.payload, got, err, c.want)
		}
		back, err := Reveal(c.s, got)
		if err != nil || string(back) != string(c.payload) {
			t.Errorf("Reveal(%s, Hide(%q)) = %q, %v", c.s, c.payload, back, err)
		}
	}
	if _, err := Hide(Tags, []byte{'\n'}); err == nil {
		t.Error("Hide(Tags, newline): want an error (tags carry printable ASCII)")
	}
	if _, err := Reveal(Selectors, "a"); err == nil {
		t.Error("Reveal(Selectors, \"a\"): want an error")
	}
}
