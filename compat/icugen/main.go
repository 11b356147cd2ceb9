// Command icugen writes the strings on which compat/icu-agreement.sh compares
// unmask's UTS #39 implementation with ICU, one per line as KIND<TAB>TEXT:
//
//	source    every source code point of confusables.txt
//	target    every distinct target (prototype) string of confusables.txt
//	word:L    words of the UDHR translation L (several scripts)
//	mixed:L   a word of L with one or two letters swapped for confusables
//	          from other scripts (Cyrillic а for a, Greek ο for o, …)
//	char      every other code point that occurs in the words
//
// Texts never hold a tab, CR or LF, and each appears once.
//
//	go run ./compat/icugen -udhr ../shared/data/multilingual/udhr > list.tsv
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/unmaskdev/unmask/ucd"
	"github.com/unmaskdev/unmask/uts39"
)

// languages from UDHR (file names in index.tsv), chosen to cover many scripts.
var languages = []string{
	"eng", "fra", "deu_1996", "spa", "pol", "vie", "tur", "ces", // Latin
	"rus", "ukr", "bul", "bel", // Cyrillic
	"ell_monotonic", "ell_polytonic", // Greek
	"arb", "pes_1", "urd", "uig_arab", // Arabic
	"heb", "ydd", // Hebrew
	"hin", "mar", "ben", "tam", "tel", "kan", "mal", "guj", "pan", "sin", // Indic
	"tha", "lao", "khm", "mya", "bod", // Southeast Asian, Tibetan
	"kat", "hye", "amh", "div", "chr_cased", // Georgian, Armenian, Ethiopic, Thaana, Cherokee
	"cmn_hans", "cmn_hant", "jpn", "kor", // Han, Kana, Hangul
}

func main() {
	udhr := flag.String("udhr", "../shared/data/multilingual/udhr", "folder of the UDHR translations")
	perLang := flag.Int("words", 150, "distinct words to take from each language")
	mixedPerLang := flag.Int("mixed", 120, "mixed-script words to make from each language")
	seed := flag.Uint64("seed", 39, "random seed for the letter swaps")
	flag.Parse()
	rng := rand.New(rand.NewPCG(*seed, 0))

	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	seen := map[string]bool{}
	emit := func(kind, text string) {
		if text == "" || seen[text] || strings.ContainsAny(text, "\t\r\n") {
			return
		}
		seen[text] = true
		fmt.Fprintf(w, "%s\t%s\n", kind, text)
	}

	// Confusables that imitate a letter: prototype -> sources from other scripts.
	lookalikes := map[rune][]rune{}
	for i := 0; i < ucd.NumPrototypes(); i++ {
		src, p := ucd.PrototypeAt(i)
		emit("source", string(src))
		pr := []rune(p)
		if len(pr) == 1 && uts39.IdentifierStatus(src) == uts39.Allowed && ucd.ScriptOf(src) != ucd.ScriptOf(pr[0]) {
			lookalikes[pr[0]] = append(lookalikes[pr[0]], src)
		}
	}
	for i := 0; i < ucd.NumPrototypes(); i++ {
		_, p := ucd.PrototypeAt(i)
		emit("target", p)
	}

	chars := map[rune]bool{}
	for _, lang := range languages {
		words, err := readWords(filepath.Join(*udhr, lang+".txt"))
		if err != nil {
			log.Fatal(err)
		}
		n := 0
		for _, word := range words {
			if n == *perLang {
				break
			}
			if !seen[word] {
				emit("word:"+lang, word)
				n++
			}
			for _, r := range word {
				chars[r] = true
			}
		}
		// Mixed words: swap one or two letters that have a lookalike in another script.
		made := 0
		for tries := 0; made < *mixedPerLang && tries < 20*len(words); tries++ {
			word := []rune(words[rng.IntN(len(words))])
			var spots []int
			for i, r := range word {
				if len(lookalikes[r]) > 0 {
					spots = append(spots, i)
				}
			}
			if len(spots) == 0 {
				continue
			}
			rng.Shuffle(len(spots), func(a, b int) { spots[a], spots[b] = spots[b], spots[a] })
			for _, i := range spots[:min(len(spots), 1+rng.IntN(2))] {
				alts := lookalikes[word[i]]
				word[i] = alts[rng.IntN(len(alts))]
			}
			if s := string(word); !seen[s] {
				emit("mixed:"+lang, s)
				made++
			}
		}
	}
	for r := range chars {
		emit("char", string(r))
	}
}

// readWords returns the distinct words of a UDHR text in order: runs of
// letters, marks and digits (so CJK text gives whole phrases, cut at 12 code
// points), without the header lines.
func readWords(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	seen := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n")[1:] {
		for _, f := range strings.FieldsFunc(line, func(r rune) bool {
			return !(unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || r == 0x200C || r == 0x200D)
		}) {
			if r := []rune(f); len(r) > 12 {
				f = string(r[:12])
			}
			if !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	return out, nil
}
