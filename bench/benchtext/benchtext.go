// Package benchtext builds the texts that unmask's benchmarks measure: news
// text out of JSON Lines, a heavily disguised copy of a text, and an
// io.Reader that repeats a sample to any size without storing it.
//
// The disguise here is deliberately fixed (its own lookalike lists and a
// fixed random seed) rather than taken from package attack: a benchmark
// input must stay byte for byte the same from one commit to the next, or
// benchstat would compare different work.
package benchtext

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"unicode/utf8"
)

// NewsText joins the "title" and "text" fields of JSON Lines records (as in
// BBC news: {"id","title","text","category"}) into one plain text, a blank
// line between articles. Blank lines of the input are skipped.
func NewsText(jsonl []byte) ([]byte, error) {
	var out []byte
	sc := bufio.NewScanner(bytes.NewReader(jsonl))
	sc.Buffer(nil, 16<<20)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var rec struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if len(out) > 0 {
			out = append(out, "\n\n"...)
		}
		out = append(out, rec.Title...)
		out = append(out, "\n\n"...)
		out = append(out, rec.Text...)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// Lookalikes of ASCII letters, each with the same confusables.txt prototype
// as the letter it replaces (checked by the tests).
var (
	cyrillic = map[byte]rune{
		'a': 'а', 'c': 'с', 'e': 'е', 'o': 'о', 'p': 'р', 'x': 'х', 'y': 'у',
		'i': 'і', 'j': 'ј', 's': 'ѕ', 'h': 'һ', 'd': 'ԁ', 'q': 'ԛ', 'w': 'ԝ',
		'A': 'А', 'B': 'В', 'C': 'С', 'E': 'Е', 'H': 'Н', 'K': 'К', 'M': 'М',
		'O': 'О', 'P': 'Р', 'T': 'Т', 'X': 'Х', 'I': 'І', 'J': 'Ј', 'S': 'Ѕ',
	}
	greek = map[byte]rune{
		'o': 'ο', 'v': 'ν', 'i': 'ι', 'p': 'ρ', 'y': 'γ', 'a': 'α',
		'A': 'Α', 'B': 'Β', 'E': 'Ε', 'Z': 'Ζ', 'H': 'Η', 'I': 'Ι', 'K': 'Κ',
		'M': 'Μ', 'N': 'Ν', 'O': 'Ο', 'P': 'Ρ', 'T': 'Τ', 'Y': 'Υ', 'X': 'Χ',
	}
	// Invisible characters a disguise puts between letters.
	invisibles = []rune{0x200B, 0x200C, 0x2060, 0xFEFF}
)

// Styles of whole words: mathematical bold and fullwidth.
const (
	boldUpper = 0x1D400
	boldLower = 0x1D41A
	wideUpper = 0xFF21
	wideLower = 0xFF41
)

// Heavy returns text with every other word or so disguised, mixing the
// techniques found in scraped and spam text: Cyrillic or Greek lookalikes for
// some of a word's letters, an invisible character inside the word, or the
// whole word in mathematical bold or fullwidth letters. Only words of two or
// more ASCII letters are touched, so restoring the result exactly gives text
// back. The output depends only on text.
func Heavy(text []byte) []byte {
	rng := rand.New(rand.NewPCG(39, 17))
	out := make([]byte, 0, len(text)*3/2)
	for i := 0; i < len(text); {
		j := i
		for j < len(text) && isLetter(text[j]) {
			j++
		}
		if j == i {
			out = append(out, text[i])
			i++
			continue
		}
		if i > 0 && text[i-1] >= utf8.RuneSelf || j < len(text) && text[j] >= utf8.RuneSelf {
			out = append(out, text[i:j]...) // part of a word with non-ASCII letters (café)
		} else {
			out = disguise(out, text[i:j], rng)
		}
		i = j
	}
	return out
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// disguise appends word, an ASCII word, disguised or not.
func disguise(out, word []byte, rng *rand.Rand) []byte {
	if len(word) < 2 {
		return append(out, word...)
	}
	switch n := rng.IntN(100); {
	case n < 50:
		return append(out, word...)
	case n < 65:
		return lookalikes(out, word, cyrillic, rng)
	case n < 75:
		return lookalikes(out, word, greek, rng)
	case n < 85:
		at := 1 + rng.IntN(len(word)-1)
		out = append(out, word[:at]...)
		out = utf8.AppendRune(out, invisibles[rng.IntN(len(invisibles))])
		return append(out, word[at:]...)
	case n < 93:
		return restyle(out, word, boldUpper, boldLower)
	default:
		return restyle(out, word, wideUpper, wideLower)
	}
}

// lookalikes replaces about half the letters of word that m has a
// lookalike for, and at least one.
func lookalikes(out, word []byte, m map[byte]rune, rng *rand.Rand) []byte {
	first := -1
	for k, c := range word {
		if _, ok := m[c]; ok {
			first = k
			break
		}
	}
	if first < 0 {
		return append(out, word...)
	}
	for k, c := range word {
		if r, ok := m[c]; ok && (k == first || rng.IntN(2) == 0) {
			out = utf8.AppendRune(out, r)
		} else {
			out = append(out, c)
		}
	}
	return out
}

func restyle(out, word []byte, upper, lower rune) []byte {
	for _, c := range word {
		if c <= 'Z' {
			out = utf8.AppendRune(out, upper+rune(c-'A'))
		} else {
			out = utf8.AppendRune(out, lower+rune(c-'a'))
		}
	}
	return out
}

// Unit returns sample as one copy for Repeat: with a final newline added
// when it has none, so that copies do not run together on one line.
func Unit(sample []byte) []byte {
	if len(sample) > 0 && sample[len(sample)-1] != '\n' {
		return append(sample[:len(sample):len(sample)], '\n')
	}
	return sample
}

// Copies returns how many copies of Unit(sample) make at least size bytes.
func Copies(sample []byte, size int64) int {
	u := int64(len(Unit(sample)))
	if u == 0 {
		return 0
	}
	return int((size + u - 1) / u)
}

// Repeater reads n copies of Unit(sample) without holding more than one.
type Repeater struct {
	unit []byte
	left int // copies not started
	pos  int // offset in the current copy
	cur  bool
}

// Repeat returns a reader of n copies of Unit(sample).
func Repeat(sample []byte, n int) *Repeater {
	return &Repeater{unit: Unit(sample), left: n}
}

// Size returns the bytes in n copies of Unit(sample).
func Size(sample []byte, n int) int64 { return int64(len(Unit(sample))) * int64(n) }

// Read implements io.Reader.
func (r *Repeater) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if !r.cur || r.pos == len(r.unit) {
			if r.left == 0 || len(r.unit) == 0 {
				if n == 0 {
					return 0, io.EOF
				}
				return n, nil
			}
			r.left--
			r.pos, r.cur = 0, true
		}
		k := copy(p[n:], r.unit[r.pos:])
		r.pos += k
		n += k
	}
	return n, nil
}

// WriteTo implements io.WriterTo, so io.Copy writes whole copies at once.
func (r *Repeater) WriteTo(w io.Writer) (int64, error) {
	var total int64
	if r.cur && r.pos < len(r.unit) {
		k, err := w.Write(r.unit[r.pos:])
		total += int64(k)
		r.pos += k
		if err != nil {
			return total, err
		}
	}
	for ; r.left > 0 && len(r.unit) > 0; r.left-- {
		k, err := w.Write(r.unit)
		total += int64(k)
		if err != nil {
			r.left--
			r.pos, r.cur = k, true
			return total, err
		}
	}
	r.pos, r.cur = len(r.unit), true
	return total, nil
}
