package attack

import (
	"math"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
	"golang.org/x/text/unicode/norm"
)

const english = "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three " +
	"months to December, from $639m year-earlier.\n\nThe firm, which is now one of the biggest investors in " +
	"Google, benefited from sales of high-speed internet connections and higher advert sales. " +
	"Is it a cop? Say yes! She has a pea, an ace and a café."

const russian = "Принимая во внимание, что признание достоинства, присущего всем членам человеческой семьи, " +
	"и равных и неотъемлемых прав их является основой свободы, справедливости и всеобщего мира. ОРГАНИЗАЦИЯ ХОРОША."

func original(c Class) string {
	if c.NeedsCyrillic() {
		return russian
	}
	return english
}

var rates = []float64{0.05, 0.2, 0.5, 1}

func TestDeterministic(t *testing.T) {
	for _, c := range Classes {
		for _, rate := range rates {
			a, err := Apply(original(c), c, rate, 42)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := Apply(original(c), c, rate, 42)
			if a.Text != b.Text || len(a.Edits) != len(b.Edits) {
				t.Errorf("%s %.2f: two runs with seed 42 differ:\n%q\n%q", c, rate, a.Text, b.Text)
			}
		}
		a, _ := Apply(original(c), c, 0.5, 1)
		b, _ := Apply(original(c), c, 0.5, 2)
		if a.Text == b.Text {
			t.Errorf("%s: seeds 1 and 2 gave the same text %q", c, a.Text)
		}
	}
}

// checkResult checks the ground truth of res: edits in order, in range, not
// empty, each a real change, and undoing them gives the original.
func checkResult(t *testing.T, name string, res Result) {
	t.Helper()
	at := 0
	for i, e := range res.Edits {
		if e.Offset < at || e.Len <= 0 || e.Offset+e.Len > len(res.Text) {
			t.Fatalf("%s: edit %d %+v out of order or range (text %d bytes)", name, i, e, len(res.Text))
		}
		if res.Text[e.Offset:e.Offset+e.Len] == e.Original {
			t.Errorf("%s: edit %d %+v changes nothing", name, i, e)
		}
		at = e.Offset + e.Len
	}
	got, err := res.Undo()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if got != res.Original {
		t.Errorf("%s: undo gives\n%q\nwant\n%q", name, got, res.Original)
	}
}

func TestGroundTruthUndoes(t *testing.T) {
	for _, c := range Classes {
		for _, rate := range rates {
			for seed := uint64(0); seed < 20; seed++ {
				res, err := Apply(original(c), c, rate, seed)
				if err != nil {
					t.Fatal(err)
				}
				checkResult(t, string(c), res)
			}
		}
	}
}

func TestEveryClassChangesAtRateOne(t *testing.T) {
	for _, c := range Classes {
		res, _ := Apply(original(c), c, 1, 7)
		if res.Text == res.Original || len(res.Edits) == 0 || res.Eligible == 0 {
			t.Errorf("%s at rate 1 changed nothing (%d eligible)", c, res.Eligible)
		}
	}
}

func TestRateIsShareOfEligible(t *testing.T) {
	for _, c := range []Class{Greek, Cyrillic, Armenian, Cherokee, LatinExt, Letterlike, LatinInCyrillic, Invisible, Zalgo, Tag} {
		for _, rate := range rates {
			res, _ := Apply(original(c), c, rate, 3)
			want := int(math.Ceil(rate * float64(res.Eligible)))
			if len(res.Edits) != want {
				t.Errorf("%s %.2f: %d edits, want ceil(rate × %d eligible) = %d", c, rate, len(res.Edits), res.Eligible, want)
			}
		}
	}
}

// TestLookalikeEdits checks that each letter-class edit swaps one letter for
// a character confusables.txt says looks like it, from the class's source.
func TestLookalikeEdits(t *testing.T) {
	script := map[Class]ucd.Script{Greek: ucd.Greek, Cyrillic: ucd.Cyrillic, Armenian: ucd.Armenian, Cherokee: ucd.Cherokee, LatinExt: ucd.Latin}
	for _, c := range []Class{Greek, Cyrillic, Armenian, Cherokee, LatinExt, Letterlike, LatinInCyrillic, WholeWord} {
		res, _ := Apply(original(c), c, 1, 5)
		for _, e := range res.Edits {
			got := res.Text[e.Offset : e.Offset+e.Len]
			from, to := e.Original, got
			if c == LatinInCyrillic {
				from, to = got, e.Original
			}
			r, _ := utf8.DecodeRuneInString(to)
			if l, ok := protoLetter(r); !ok || string(l) != from || utf8.RuneCountInString(to) != 1 {
				t.Errorf("%s: %q (U+%04X) stands for %q, want %q", c, to, r, string(l), from)
			}
			if sc, ok := script[c]; ok && ucd.ScriptOf(r) != sc {
				t.Errorf("%s: %q is %s", c, to, ucd.ScriptOf(r))
			}
			if c == Letterlike && !(r == 0x212A || r >= 0x2100 && r <= 0x218F) {
				t.Errorf("letterlike: %q (U+%04X) is outside Letterlike Symbols and Number Forms", to, r)
			}
		}
	}
	if len(rejected) > 0 {
		t.Errorf("list entries without a one-letter prototype: %q", string(rejected))
	}
}

func TestWholeWordIsAllCyrillic(t *testing.T) {
	res, _ := Apply(english, WholeWord, 1, 1)
	d := newDoc(res.Text)
	n := 0
	for _, w := range d.words {
		word := res.Text[w.lo:w.hi]
		cyr := 0
		for _, r := range word {
			if ucd.ScriptOf(r) == ucd.Cyrillic {
				cyr++
			}
		}
		if cyr > 0 && cyr != utf8.RuneCountInString(word) {
			t.Errorf("whole-word left %q mixed", word)
		}
		if cyr > 0 {
			n++
		}
	}
	if n < 5 { // cop, Say, yes, She, has, pea, ace, …
		t.Errorf("only %d whole Cyrillic words in %q", n, res.Text)
	}
}

func TestStylesStandForTheirLetter(t *testing.T) {
	for _, s := range styles {
		for _, r := range "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" {
			st, ok := s.apply(r)
			if !ok {
				continue
			}
			if s.small != nil {
				if name := ucd.Name(st); !strings.Contains(name, "SMALL CAPITAL "+strings.ToUpper(string(r))) {
					t.Errorf("%s %c → %c %s", s.name, r, st, name)
				}
				continue
			}
			if got := norm.NFKC.String(string(st)); got != string(r) {
				t.Errorf("%s %c → %c (U+%04X), whose NFKC is %q", s.name, r, st, st, got)
			}
		}
	}
}

func TestTagCarriesPayload(t *testing.T) {
	res, _ := Apply(english, Tag, 1, 9)
	if len(res.Hidden) != len(res.Edits) || len(res.Hidden) == 0 {
		t.Fatalf("%d payloads for %d edits", len(res.Hidden), len(res.Edits))
	}
	for i, e := range res.Edits {
		var dec strings.Builder
		for _, r := range res.Text[e.Offset : e.Offset+e.Len] {
			switch {
			case r >= 0xE0020 && r <= 0xE007E:
				dec.WriteRune(r - 0xE0000)
			case r == 0xE0001 || r == 0xE007F:
			default:
				t.Fatalf("tag edit holds U+%04X", r)
			}
		}
		if dec.String() != e.Hidden || e.Hidden != res.Hidden[i] || e.Hidden == "" {
			t.Errorf("payload %q decodes to %q (Hidden %q)", e.Hidden, dec.String(), res.Hidden[i])
		}
	}
}

func TestZalgoStacks(t *testing.T) {
	res, _ := Apply(english, Zalgo, 1, 4)
	for _, e := range res.Edits {
		n := 0
		for _, r := range res.Text[e.Offset : e.Offset+e.Len] {
			if r < 0x300 || r > 0x36F || r == 0x34F {
				t.Errorf("zalgo mark U+%04X", r)
			}
			n++
		}
		if n < 3 || n > 15 {
			t.Errorf("zalgo stack of %d marks", n)
		}
	}
}

func TestHeavyChangesEveryLetter(t *testing.T) {
	res, _ := Apply("appearance", Heavy, 1, 11)
	if len(res.Edits) != len("appearance") {
		t.Fatalf("heavy made %d edits in %q → %q", len(res.Edits), res.Original, res.Text)
	}
	for _, r := range res.Text {
		if r < utf8.RuneSelf {
			t.Errorf("heavy left ASCII %q in %q", r, res.Text)
		}
	}
}

func TestInvalidUTF8PassesThrough(t *testing.T) {
	in := "bad \xff\xfe bytes in a sentence. And more text\xc3"
	for _, c := range Classes {
		res, err := Apply(in, c, 1, 1)
		if err != nil {
			t.Fatal(err)
		}
		checkResult(t, string(c), res)
	}
}

func TestErrors(t *testing.T) {
	for _, rate := range []float64{0, -1, 1.01, math.NaN()} {
		if _, err := Apply(english, Greek, rate, 1); err == nil {
			t.Errorf("rate %v accepted", rate)
		}
	}
	if _, err := Apply(english, "klingon", 0.5, 1); err == nil {
		t.Error("unknown class accepted")
	}
	if _, err := ParseClass("klingon"); err == nil {
		t.Error("ParseClass accepted klingon")
	}
	for _, c := range Classes {
		if got, err := ParseClass(string(c)); err != nil || got != c {
			t.Errorf("ParseClass(%q) = %q, %v", c, got, err)
		}
	}
}

func TestNoEligiblePositions(t *testing.T) {
	res, err := Apply("12 34 — !", Greek, 1, 1)
	if err != nil || len(res.Edits) != 0 || res.Text != res.Original || res.Eligible != 0 {
		t.Errorf("text without letters: %+v, %v", res, err)
	}
}

func FuzzApply(f *testing.F) {
	f.Add(english, uint8(0), 0.3, uint64(1))
	f.Add(russian, uint8(6), 1.0, uint64(2))
	if b, err := os.ReadFile("../testdata/seed/scraped-article.restored.txt"); err == nil {
		f.Add(string(b), uint8(14), 0.5, uint64(3))
	}
	f.Fuzz(func(t *testing.T, text string, class uint8, rate float64, seed uint64) {
		c := Classes[int(class)%len(Classes)]
		rate = math.Abs(rate)
		if rate > 1 || rate == 0 || math.IsNaN(rate) {
			rate = 0.5
		}
		res, err := Apply(text, c, rate, seed)
		if err != nil {
			t.Fatal(err)
		}
		checkResult(t, string(c), res)
		again, _ := Apply(text, c, rate, seed)
		if again.Text != res.Text {
			t.Fatal("not deterministic")
		}
	})
}
