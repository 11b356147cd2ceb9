//go:build ignore

// gen.go writes data/<lang>.dic.gz and data/<lang>.aff.gz from the hunspell
// dictionaries in ../shared/data/lexicons/hunspell/, for the languages whose
// licence lets an Apache-2.0 program embed them (PROVENANCE.md says which and
// why the others are left out). What it changes: the files are converted to
// UTF-8 (the SET line says UTF-8 afterwards), morphological fields and
// comments are dropped, and the .dic is sorted; nothing else.
//
//	go run gen.go [-data ../../shared/data/lexicons/hunspell]
//
// With -golden it also writes testdata/<lang>.golden: words taken from the
// lexicon's own forms, from real text and from those words with one letter
// changed, each with hunspell's own judgement (Debian's hunspell 1.7.1 must
// be installed: apt-get install hunspell). The tests hold Lexicon.Has to it.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// langs maps the name used here to the hunspell file name.
// and the UDHR translation whose words the golden sample takes.
var langs = [][3]string{
	{"en", "en_US", "eng"},
	{"fr", "fr", "fra"},
	{"es", "es_ES", "spa"},
	{"pt", "pt_PT", "por_PT"},
	{"pt-BR", "pt_BR", "por_BR"},
	{"pl", "pl_PL", "pol"},
	{"nl", "nl", "nld"},
	{"ru", "ru_RU", "rus"},
	{"uk", "uk_UA", "ukr"},
}

func main() {
	data := flag.String("data", "../../shared/data/lexicons/hunspell", "folder of <name>.dic.gz and <name>.aff.gz")
	golden := flag.Bool("golden", false, "also write testdata/<lang>.golden with hunspell's judgements")
	text := flag.String("text", "../../shared/data/multilingual/udhr", "folder of the UDHR translations, for real words in the golden samples")
	flag.Parse()
	os.MkdirAll("data", 0o755)
	for _, l := range langs {
		origAff := readGz(filepath.Join(*data, l[1]+".aff.gz"))
		origDic := readGz(filepath.Join(*data, l[1]+".dic.gz"))
		enc := encodingOf(origAff)
		aff := cleanAff(utf8Of(origAff, enc))
		dic := utf8Of(origDic, enc)
		dic = cleanDic(dic)
		writeGz(filepath.Join("data", l[0]+".aff.gz"), aff)
		writeGz(filepath.Join("data", l[0]+".dic.gz"), dic)
		log.Printf("%s: %d stems", l[0], bytes.Count(dic, []byte{'\n'})-1)
		if *golden {
			writeGolden(l[0], origAff, origDic, aff, dic, enc, filepath.Join(*text, l[2]+".txt"))
		}
	}
}

func readGz(name string) []byte {
	f, err := os.Open(name)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		log.Fatalf("%s: %v", name, err)
	}
	var b bytes.Buffer
	if _, err := b.ReadFrom(zr); err != nil {
		log.Fatalf("%s: %v", name, err)
	}
	return b.Bytes()
}

// encodingOf reads the SET line of an .aff file; nil means UTF-8.
func encodingOf(aff []byte) *charmap.Charmap {
	for _, line := range strings.Split(string(aff), "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == "SET" {
			switch strings.ToUpper(f[1]) {
			case "UTF-8":
				return nil
			case "ISO8859-1":
				return charmap.ISO8859_1
			case "ISO8859-2":
				return charmap.ISO8859_2
			case "KOI8-R":
				return charmap.KOI8R
			case "KOI8-U":
				return charmap.KOI8U
			case "MICROSOFT-CP1251":
				return charmap.Windows1251
			default:
				log.Fatalf("unknown SET %s", f[1])
			}
		}
	}
	return nil
}

func utf8Of(b []byte, enc *charmap.Charmap) []byte {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	if enc == nil {
		if !utf8.Valid(b) {
			log.Fatal("not UTF-8 and no SET")
		}
		return b
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		log.Fatal(err)
	}
	return out
}

// cleanAff keeps the lines the checker reads, with SET UTF-8 and no
// trailing comments or morphology.
func cleanAff(aff []byte) []byte {
	var out bytes.Buffer
	out.WriteString("SET UTF-8\n")
	if !bytes.Contains(aff, []byte("\nFLAG ")) && !bytes.HasPrefix(aff, []byte("FLAG ")) {
		// The default, one flag a byte, was one character of the old
		// encoding: one character a flag now.
		out.WriteString("FLAG UTF-8\n")
	}
	for _, line := range strings.Split(string(aff), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		switch f[0] {
		case "FLAG", "NEEDAFFIX", "FORBIDDENWORD", "ONLYINCOMPOUND", "KEEPCASE", "CIRCUMFIX",
			"FULLSTRIP", "IGNORE", "ICONV", "COMPLEXPREFIXES", "WORDCHARS", "BREAK":
			out.WriteString(strings.Join(f, " ") + "\n")
		case "PFX", "SFX":
			if len(f) > 5 {
				f = f[:5] // morphological fields
			}
			out.WriteString(strings.Join(f, " ") + "\n")
		}
	}
	return out.Bytes()
}

// cleanDic drops morphological fields and sorts the stems.
func cleanDic(dic []byte) []byte {
	lines := strings.Split(string(dic), "\n")
	var stems []string
	for _, line := range lines[1:] {
		line = strings.TrimRight(line, "\r")
		if line == "" || line[0] == '\t' || line[0] == '#' {
			continue
		}
		if i := strings.IndexAny(line, "\t "); i >= 0 {
			line = line[:i]
		}
		if line != "" {
			stems = append(stems, line)
		}
	}
	slices.Sort(stems)
	stems = slices.Compact(stems)
	return []byte(fmt.Sprintf("%d\n%s\n", len(stems), strings.Join(stems, "\n")))
}

func writeGz(name string, b []byte) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}

// writeGolden asks hunspell about a sample of words: stems, words of real
// text in any language (mostly wrong for this one), and both with one
// letter changed.
func writeGolden(lang string, aff, dic, aff8, dic8 []byte, enc *charmap.Charmap, textFile string) {
	dir, err := os.MkdirTemp("", "lexgold")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "x.aff"), aff, 0o644)
	os.WriteFile(filepath.Join(dir, "x.dic"), dic, 0o644)

	rng := rand.New(rand.NewPCG(1, uint64(len(lang))))
	seen := map[string]bool{}
	var words []string
	// Only words that hunspell's tokenizer keeps whole (letters, marks and
	// WORDCHARS) and that the dictionary's encoding can write: hunspell
	// judges the pieces of the others.
	wordChars := ""
	for _, line := range strings.Split(string(aff8), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "WORDCHARS" {
			wordChars = f[1]
		}
	}
	whole := func(w string) bool {
		for _, r := range w {
			if !unicode.IsLetter(r) && !unicode.IsMark(r) && !strings.ContainsRune(wordChars, r) {
				return false
			}
		}
		if enc != nil {
			if _, err := enc.NewEncoder().String(w); err != nil {
				return false
			}
		}
		return true
	}
	add := func(w string) {
		if w != "" && !seen[w] && utf8.ValidString(w) && whole(w) {
			seen[w] = true
			words = append(words, w)
		}
	}
	stems := strings.Split(strings.TrimSpace(string(dic8)), "\n")[1:]
	for i := 0; i < 3000; i++ {
		s := stems[rng.IntN(len(stems)-1)]
		if j := strings.IndexByte(s, '/'); j >= 0 {
			s = s[:j]
		}
		add(s)
	}
	// Words of real text in the language.
	text, err := os.ReadFile(textFile)
	if err != nil {
		log.Fatal(err)
	}
	for _, w := range strings.FieldsFunc(string(text), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '-' }) {
		add(w)
	}
	// Forms the affix rules make: a rule of one of a stem's flags applied,
	// condition or not (hunspell judges), and on some a second suffix.
	rules := affixRules(aff8)
	for i := 0; i < 6000; i++ {
		line := stems[rng.IntN(len(stems)-1)]
		j := strings.IndexByte(line, '/')
		if j < 0 {
			continue
		}
		stem, fl := line[:j], splitFlags(aff8, line[j+1:])
		if len(fl) == 0 {
			continue
		}
		rs := rules[fl[rng.IntN(len(fl))]]
		if len(rs) == 0 {
			continue
		}
		r := rs[rng.IntN(len(rs))]
		form := r.apply(stem)
		add(form)
		if len(r.cont) > 0 && !r.prefix {
			if rs2 := rules[r.cont[rng.IntN(len(r.cont))]]; len(rs2) > 0 {
				add(rs2[rng.IntN(len(rs2))].apply(form))
			}
		}
	}
	// The same words with one letter changed: mostly not words.
	n := len(words)
	for i := 0; i < n; i++ {
		r := []rune(words[i])
		if len(r) > 2 {
			k := rng.IntN(len(r))
			r[k] = []rune("aeiosnrtlmąéиоа")[rng.IntN(15)]
			add(string(r))
		}
	}
	cmd := exec.Command("hunspell", "-i", "UTF-8", "-d", filepath.Join(dir, "x"), "-G")
	cmd.Stdin = strings.NewReader(strings.Join(words, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		log.Fatalf("hunspell: %v", err)
	}
	good := map[string]bool{}
	for _, w := range strings.Split(string(out), "\n") {
		good[w] = true
	}
	var b bytes.Buffer
	v, _ := exec.Command("hunspell", "-v").Output()
	fmt.Fprintf(&b, "# %s: hunspell's judgement (%s), from gen.go -golden; 1 = correct\n", lang, strings.TrimSpace(strings.SplitN(string(v), "\n", 2)[0]))
	ok := 0
	for _, w := range words {
		j := 0
		if good[w] {
			j = 1
			ok++
		}
		fmt.Fprintf(&b, "%s\t%d\n", w, j)
	}
	os.MkdirAll("testdata", 0o755)
	writeGz(filepath.Join("testdata", lang+".golden.gz"), b.Bytes())
	log.Printf("%s: golden %d words, %d correct", lang, len(words), ok)
}

type rule struct {
	prefix     bool
	strip, add string
	cont       []string
}

func (r rule) apply(stem string) string {
	if r.prefix {
		return r.add + strings.TrimPrefix(stem, r.strip)
	}
	return strings.TrimSuffix(stem, r.strip) + r.add
}

// affixRules reads the PFX and SFX rules of a cleaned .aff, by flag.
func affixRules(aff []byte) map[string][]rule {
	out := map[string][]rule{}
	seen := map[string]bool{}
	for _, line := range strings.Split(string(aff), "\n") {
		f := strings.Fields(line)
		if len(f) < 4 || f[0] != "PFX" && f[0] != "SFX" {
			continue
		}
		if !seen[f[0]+f[1]] {
			seen[f[0]+f[1]] = true // the header
			continue
		}
		r := rule{prefix: f[0] == "PFX"}
		if f[2] != "0" {
			r.strip = f[2]
		}
		add := f[3]
		if i := strings.IndexByte(add, '/'); i >= 0 {
			r.cont = splitFlags(aff, add[i+1:])
			add = add[:i]
		}
		if add != "0" {
			r.add = add
		}
		out[f[1]] = append(out[f[1]], r)
	}
	return out
}

// splitFlags splits a flag field by the FLAG line of a cleaned .aff.
func splitFlags(aff []byte, s string) []string {
	mode := ""
	for _, line := range strings.Split(string(aff), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "FLAG" {
			mode = f[1]
		}
	}
	var out []string
	switch mode {
	case "long":
		rs := []rune(s)
		for i := 0; i+1 < len(rs); i += 2 {
			out = append(out, string(rs[i:i+2]))
		}
	case "num":
		out = strings.Split(s, ",")
	default:
		for _, r := range s {
			out = append(out, string(r))
		}
	}
	return out
}
