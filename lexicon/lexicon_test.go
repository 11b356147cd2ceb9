package lexicon

import (
	"bufio"
	"compress/gzip"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// golden reads testdata/<lang>.golden.gz: words with hunspell's judgement.
func golden(t *testing.T, lang string) (words []string, want []bool) {
	t.Helper()
	f, err := os.Open("testdata/" + lang + ".golden.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		w, j, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("bad golden line %q", line)
		}
		words = append(words, w)
		want = append(want, j == "1")
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return words, want
}

// minAgreement is the share of hunspell's judgements Has must agree with,
// per language. Compounding is not done, so Dutch compounds that hunspell
// accepts are not words here.
var minAgreement = map[string]float64{"nl": 0.997}

// TestHunspellAgreement holds Has to hunspell's own answers on words of
// real text (UDHR), stems, forms the affix rules make and misspellings.
func TestHunspellAgreement(t *testing.T) {
	for _, lang := range Languages() {
		t.Run(lang, func(t *testing.T) {
			l := Get(lang)
			if l == nil {
				t.Fatal("no lexicon")
			}
			words, want := golden(t, lang)
			agree, yes, falsePos, falseNeg := 0, 0, 0, 0
			var bad []string
			for i, w := range words {
				got := l.Has(w)
				if want[i] {
					yes++
				}
				switch {
				case got == want[i]:
					agree++
				case got:
					falsePos++
					bad = append(bad, "+"+w)
				default:
					falseNeg++
					bad = append(bad, "-"+w)
				}
			}
			share := float64(agree) / float64(len(words))
			min := 0.995
			if m, ok := minAgreement[lang]; ok {
				min = m
			}
			t.Logf("%s: %d words (%d correct by hunspell), agreement %.4f, accepted wrongly %d, rejected wrongly %d; %d stems, %.1f MB",
				lang, len(words), yes, share, falsePos, falseNeg, l.Stems(), float64(l.Size())/1e6)
			if share < min || yes < 1000 {
				if len(bad) > 30 {
					bad = bad[:30]
				}
				t.Errorf("agreement %.4f < %.3f: %v", share, min, bad)
			}
		})
	}
}

func TestHas(t *testing.T) {
	tests := []struct {
		lang, word string
		want       bool
	}{
		{"en", "commander", true},
		{"en", "commanders", true},
		{"en", "Commander", true},
		{"en", "COMMANDER", true},
		{"en", "cοmmander", false}, // Greek omicron
		{"en", "cOMMANDER", false}, // mixed case: hunspell does not recase it
		{"en", "commandER", false},
		{"en", "CoMMANDER", false},
		{"en", "CommandeR", false},
		{"en", "NASA's", true},
		{"en", "McDonald", true},
		{"en", "Mcdonald", false},
		{"en", "MCDONALD", true}, // hunspell's hidden capitalised stem
		{"en", "MCDONALD'S", true},
		{"en", "IPOD", true},
		{"en", "Ipod", false},
		{"en", "unhappiness", true},
		{"en", "xqzt", false},
		{"ru", "сервер", true},
		{"ru", "серверы", true},
		{"ru", "cервер", false}, // Latin c
		{"fr", "déclaration", true},
		{"fr", "l'homme", true},
		{"fr", "kiloampères", true}, // PFX Um kilo/S.: the prefix lets the suffix follow
		{"fr", "kiloampère", true},
		{"fr", "ampères", true},
		{"fr", "d'ampère", true},
		{"fr", "l'ampères", false},
		{"uk", "людини", true},
		{"pl", "człowieka", true},
		{"es", "derechos", true},
		{"nl", "rechten", true},
		{"nl", "hervorming", true},
		{"nl", "hervormings", false},     // SFX Ch s/…Cx: the s only joins compounds
		{"nl", "rechten0rechten", false}, // BREAK 0 is the count: no breaking
		{"nl", "rechten-rechten", false},
		{"pt", "bom-bom", true},     // no BREAK: hunspell's default, at -
		{"pt-BR", "ex-aluno", true}, // BREAK ^ex-
	}
	for _, tt := range tests {
		if got := Get(tt.lang).Has(tt.word); got != tt.want {
			t.Errorf("%s: Has(%q) = %v, want %v", tt.lang, tt.word, got, tt.want)
		}
	}
	if Get("xx") != nil {
		t.Error("Get of an unknown language is not nil")
	}
	var none *Lexicon
	if none.Has("a") {
		t.Error("nil lexicon has a word")
	}
}

func FuzzHas(f *testing.F) {
	for _, s := range []string{"commander", "l'homme", "серверы", "\xff", ""} {
		f.Add(s)
	}
	en, ru := Get("en"), Get("ru")
	f.Fuzz(func(t *testing.T, w string) {
		en.Has(w)
		ru.Has(w)
	})
}

func BenchmarkHas(b *testing.B) {
	for _, lang := range []string{"en", "es", "uk", "pt-BR"} {
		words, _ := golden(&testing.T{}, lang)
		l := Get(lang)
		b.Run(lang, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				l.Has(words[i%len(words)])
			}
		})
	}
}

// TestLongWord: hunspell refuses a word of 300 bytes or more (counted
// before IGNORE), however valid its letters; Has did too much work on them.
func TestLongWord(t *testing.T) {
	uk := Get("uk")
	for _, tt := range []struct {
		accents int
		want    bool
	}{{0, true}, {143, true}, {144, false}} { // людини is 12 bytes, U+0301 2
		w := "людини" + strings.Repeat("\u0301", tt.accents)
		if got := uk.Has(w); got != tt.want {
			t.Errorf("Has(людини + %d × U+0301, %d bytes) = %v, want %v", tt.accents, len(w), got, tt.want)
		}
	}
	if Get("en").Has(strings.Repeat("-a", 20000)) {
		t.Error("a 40,000-byte word is a word")
	}
}

// TestConcurrent loads and uses lexicons from many goroutines at once
// (run with -race), and asks for languages there are none of.
func TestConcurrent(t *testing.T) {
	words := []string{"commander", "Commanders", "серверы", "людини", "cOMMANDER", "\xff", ""}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				lang := []string{"en", "ru", "uk", "xx", "en-" + strconv.Itoa(g*1000+i)}[(g+i)%5]
				l := Get(lang)
				if (l == nil) != (lang != "en" && lang != "ru" && lang != "uk") {
					t.Errorf("Get(%q) = %v", lang, l)
					return
				}
				for _, w := range words {
					l.Has(w)
				}
			}
		}()
	}
	wg.Wait()
	if !Get("en").Has("Commanders") || !Get("ru").Has("серверы") {
		t.Error("a word is missing after concurrent use")
	}
}
