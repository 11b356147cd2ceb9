package words

import (
	"os"
	"slices"
	"testing"
	"unicode/utf8"
)

// checkSparse checks DecodeSparse's invariants (see Sparse) against the full decoding.
func checkSparse(t *testing.T, text []byte) {
	t.Helper()
	var sp Sparse
	DecodeSparse(text, &sp)
	all := Decode(text, nil)
	if got := sp.Dense(text, nil); !slices.Equal(got, all) {
		t.Fatalf("%q: Dense differs from Decode", text)
	}
	var ascii [128]int
	for _, c := range text {
		if c < utf8.RuneSelf {
			ascii[c]++
		}
	}
	if ascii != sp.ASCII {
		t.Fatalf("%q: ASCII counts differ", text)
	}
	// Regions: ordered, disjoint, their runes contiguous, edges at separators.
	inRegion := make([]bool, len(text)+1)
	sep := func(r Rune) bool { return r.Class == Other }
	for k, g := range sp.Regions {
		last := len(sp.Runes)
		if k+1 < len(sp.Regions) {
			last = sp.Regions[k+1].First
			if sp.Regions[k+1].Start < g.End {
				t.Fatalf("%q: regions %d and %d overlap", text, k, k+1)
			}
		}
		rs := sp.Runes[g.First:last]
		if len(rs) == 0 || int(rs[0].Off) != g.Start || rs[len(rs)-1].End() != g.End {
			t.Fatalf("%q: region %d %d-%d holds %v", text, k, g.Start, g.End, rs)
		}
		for j := 1; j < len(rs); j++ {
			if int(rs[j].Off) != rs[j-1].End() {
				t.Fatalf("%q: region %d has a hole at %d", text, k, rs[j].Off)
			}
		}
		if g.Start > 0 && !sep(rs[0]) || g.End < len(text) && !sep(rs[len(rs)-1]) {
			t.Fatalf("%q: region %d %d-%d does not begin and end at separators", text, k, g.Start, g.End)
		}
		for b := g.Start; b < g.End; b++ {
			inRegion[b] = true
		}
	}
	// Words: the regions' words are the full split's words inside regions;
	// the others are ASCII and GapWords counts them.
	sparseWords := Split(sp.Runes, nil)
	var inside, gap []Word
	for _, w := range Split(all, nil) {
		if inRegion[w.Start] {
			inside = append(inside, w)
			continue
		}
		if !w.ASCII {
			t.Fatalf("%q: non-ASCII word %q outside the regions", text, text[w.Start:w.End])
		}
		gap = append(gap, w)
	}
	if len(sp.Regions) == 0 && CountWords(text) != len(gap) {
		t.Fatalf("%q: CountWords %d, want %d", text, CountWords(text), len(gap))
	}
	if len(gap) != sp.GapWords {
		t.Fatalf("%q: GapWords %d, want %d", text, sp.GapWords, len(gap))
	}
	if len(inside) != len(sparseWords) {
		t.Fatalf("%q: %d words in regions, want %d", text, len(sparseWords), len(inside))
	}
	for k := range inside {
		a, b := inside[k], sparseWords[k]
		if a.Start != b.Start || a.End != b.End || a.Letters != b.Letters || a.ASCII != b.ASCII {
			t.Fatalf("%q: word %d is %+v in regions, %+v in full", text, k, b, a)
		}
	}
	// Anchors and their neighbours (nearest rune that is not a mark or format character).
	at := map[int32]int{}
	for k, r := range sp.Runes {
		at[r.Off] = k
	}
	base := func(r Rune) bool { return r.Class != Mark && r.Class != Format }
	for i, r := range all {
		if r.R < utf8.RuneSelf || r.Class == Other {
			continue
		}
		k, ok := at[r.Off]
		if !ok {
			t.Fatalf("%q: anchor %U at %d missing", text, r.R, r.Off)
		}
		p, q := i-1, k-1
		for p >= 0 && !base(all[p]) {
			p--
		}
		for q >= 0 && !base(sp.Runes[q]) {
			q--
		}
		if (p >= 0) != (q >= 0) || p >= 0 && all[p] != sp.Runes[q] {
			t.Fatalf("%q: rune before %U at %d differs", text, r.R, r.Off)
		}
		p, q = i+1, k+1
		for p < len(all) && !base(all[p]) {
			p++
		}
		for q < len(sp.Runes) && !base(sp.Runes[q]) {
			q++
		}
		if (p < len(all)) != (q < len(sp.Runes)) || p < len(all) && all[p] != sp.Runes[q] {
			t.Fatalf("%q: rune after %U at %d differs", text, r.R, r.Off)
		}
	}
}

func TestSparse(t *testing.T) {
	for _, s := range []string{
		"",
		"plain ASCII text, nothing to see",
		"frοm here",
		"frοm",
		"ο",
		"ab ο cd",
		"ab\u200bcd ef",
		"ab \u200b cd",
		"end\u200b next",
		"don’t stop — now",
		"£5 and café au lait",
		"a\xffb c\xff",
		"🏴\U000E0067\U000E0062\U000E007F flag",
		"x y\u0301\u0302\u0303 z",
		"ο  ο ο",
		"ab’ ο",
		"one\u2029two \u202eevil",
		"🙂\u200d🙂 #\ufe0f",
		"HTTP-сервер и ФАЙЛ_WAL",
		"𝐟𝐨𝐨 ｂａｒ",
	} {
		checkSparse(t, []byte(s))
	}
	for _, name := range []string{"../testdata/seed/scraped-article.txt", "../testdata/udhr/rus.txt", "../testdata/udhr/pes_1.txt", "../testdata/udhr/fra.txt", "../testdata/udhr/vie.txt"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		checkSparse(t, b)
	}
}

func FuzzSparse(f *testing.F) {
	f.Add([]byte("frοm ab\u200bcd don’t ΕΠΙΛΟΓH"))
	f.Add([]byte("a\xffb ο  ο 🏴\U000E0067\U000E007F"))
	f.Fuzz(func(t *testing.T, b []byte) { checkSparse(t, b) })
}
