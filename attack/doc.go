package attack

import (
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
)

// doc is a text split into words: maximal runs of letters and the marks
// that follow them.
type doc struct {
	text  string
	words []span
}

func newDoc(text string) *doc {
	d := &doc{text: text}
	start := -1
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		c := ucd.CategoryOf(r)
		inWord := c.IsLetter() || (start >= 0 && c.IsMark())
		if r == utf8.RuneError && n == 1 {
			inWord = false
		}
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			d.words = append(d.words, span{start, i})
			start = -1
		}
		i += n
	}
	if start >= 0 {
		d.words = append(d.words, span{start, len(text)})
	}
	return d
}

// sub is the doc of one span of d, with offsets relative to it.
func (d *doc) sub(s span) *doc { return newDoc(d.text[s.lo:s.hi]) }

func isASCIILetter(r rune) bool { return r < utf8.RuneSelf && (r|0x20 >= 'a' && r|0x20 <= 'z') }

func isCyrillicLetter(r rune) bool {
	return ucd.ScriptOf(r) == ucd.Cyrillic && ucd.CategoryOf(r).IsLetter()
}

// letters returns the runes of word w that satisfy ok, as spans, if the
// word has at least two letters that do.
func (d *doc) letters(w span, ok func(rune) bool) []span {
	var out []span
	for i := w.lo; i < w.hi; {
		r, n := utf8.DecodeRuneInString(d.text[i:])
		if ok(r) {
			out = append(out, span{i, i + n})
		}
		i += n
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// asciiWords are the words with at least two ASCII letters and nothing but
// ASCII letters: the words an English-text class can disguise whole.
func asciiWords(d *doc) []span {
	var out []span
	for _, w := range d.words {
		if w.hi-w.lo >= 2 && allASCIILetters(d.text[w.lo:w.hi]) {
			out = append(out, w)
		}
	}
	return out
}

func allASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIILetter(rune(s[i])) {
			return false
		}
	}
	return true
}

// gapsInWords are the points between two ASCII letters of a word (as empty spans).
func gapsInWords(d *doc) []span {
	var out []span
	for _, w := range asciiWords(d) {
		for i := w.lo + 1; i < w.hi; i++ {
			out = append(out, span{i, i})
		}
	}
	return out
}

// sentenceEnds are the points after sentence-final punctuation followed by
// white space, and the end of the text.
func sentenceEnds(d *doc) []span {
	var out []span
	t := d.text
	for i := 0; i+1 < len(t); i++ {
		if (t[i] == '.' || t[i] == '!' || t[i] == '?') && (t[i+1] == ' ' || t[i+1] == '\n') {
			out = append(out, span{i + 1, i + 1})
		}
	}
	if len(t) > 0 {
		out = append(out, span{len(t), len(t)})
	}
	return out
}
