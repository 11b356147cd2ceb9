package detect

import (
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
	"github.com/unmaskdev/unmask/wordlist"
	"github.com/unmaskdev/unmask/words"
)

// Heavy disguise, as off-the-shelf obfuscators make it, takes every letter
// of a word from a different source: accented Latin (ẩ for a), letters of
// scripts with no lookalike data (ᥒ for n), beside the lookalikes and
// restyled letters the other rules already undo. What is left is decided
// with the English word list: an accent is dropped, or an unknown letter
// read as an ASCII one, only when that makes the word an English word and
// the word, or the document, is already proven disguised. Accents a
// language really uses (café, Zürich, était) stay: the word has no other
// disguise, and the document none, or the bare form is not a word.

// maxUnknown is how many letters of a word may be guessed from the word list.
const maxUnknown = 2

// heavy runs after every other rule; confident is the number of changes they made.
func (s *scanner) heavy(confident int) {
	if s.p.dominant != ucd.Latin {
		return // the word list is English
	}
	// fix holds, per rune, its replacement so far: 0 none, -1 removed.
	fix := grow(s.fix, len(s.runs))
	s.fix = fix
	// Most disguised text has no non-ASCII letter or mark left that no
	// rule fixed (every one was a lookalike): then heavyWord has nothing
	// to decide, and no word need be spelled out: counting the runes fixed
	// tells.
	fixed := 0
	for i := range s.marks {
		m := &s.marks[i]
		if m.action == doKeep || m.word < 0 {
			continue
		}
		if r := &s.runs[m.first]; fix[m.first] == 0 && r.R >= utf8.RuneSelf && (r.Class == words.Letter || r.Class == words.Mark) {
			fixed++
		}
		fix[m.first] = m.with // -1: removed
		if m.with >= 0 {
			for k := m.first + 1; k <= m.last; k++ {
				fix[k] = -1 // marks composed with the letter (composeMarks)
			}
		}
	}
	if fixed == s.p.wide {
		return
	}
	for wi := range s.words {
		w := &s.words[wi]
		if w.Letters < 2 {
			continue
		}
		if set := &s.p.sets[wi]; !isEmpty(set) && !has(set, ucd.Latin) && !s.p.genuine.And(*set).IsEmpty() {
			continue // a word of real text in another script ("своем" quoted in English)
		}
		s.heavyWord(wi, *w, fix, confident)
	}
}

type option struct {
	i    int
	base rune // 0: unknown, to be guessed
	mark bool // a combining mark to drop
}

func (s *scanner) heavyWord(wi int, w words.Word, fix []rune, confident int) {
	if w.ASCII {
		return
	}
	b := s.hbuf[:0]
	opts := s.opts[:0]
	defer func() { s.opts, s.hbuf = opts[:0], b[:0] }() // keep grown buffers, also on early returns
	fixed, unknown, plain := 0, 0, 0
	for i := w.First; i <= w.Last; i++ {
		r := &s.runs[i]
		if d := fix[i]; d != 0 {
			fixed++
			if d > 0 {
				b = utf8.AppendRune(b, d)
			}
			continue
		}
		switch {
		case r.Class == words.Format || r.Class == words.Digit || r.Class == words.Invalid:
			return
		case r.Class == words.Mark:
			opts = append(opts, option{i: i, mark: true})
			continue
		case r.R < 0x80:
			b = append(b, byte(r.R))
			plain++
			continue
		}
		if base := bareLetter(r.Plain); base > 0 {
			opts = append(opts, option{i: i, base: base})
			b = utf8.AppendRune(b, base)
			continue
		}
		if unknown == maxUnknown || !unknownOK(*r) {
			return
		}
		unknown++
		opts = append(opts, option{i: i})
		b = append(b, 0) // placeholder
	}
	if len(opts) == 0 || fixed == 0 && confident < 3 {
		return // nothing to decide, or no proof of disguise in word or document
	}
	word := b
	guess, ok := fromWordList(word, s.runs, opts)
	if !ok && !(unknown == 0 && plain == 0 && fixed > 0) {
		// Not an English word (a name, "Deutsche"), but when not one letter
		// of it was left plain, the accents are part of the disguise too.
		return
	}
	g := 0
	for _, o := range opts {
		switch {
		case o.mark:
			s.add(o.i, o.i, kHeavy, doRemove, -1, wi)
		case o.base > 0:
			s.add(o.i, o.i, kHeavy, doReplace, o.base, wi)
		default:
			s.add(o.i, o.i, kHeavy, doReplace, rune(guess[g]), wi)
			g++
		}
	}
}

// bareLetter returns the ASCII letter r is with its accents or stroke taken
// off (ẩ → a, ɇ → e, K (Kelvin) → K), or 0.
func bareLetter(r rune) rune {
	if d, ok := ucd.Decomposition(r); ok {
		if c := d[0]; c < 0x80 && isASCIILetter(c) {
			return rune(c)
		}
	}
	if p, ok := ucd.Prototype(r); ok && len(p) > 0 && p[0] < 0x80 && isASCIILetter(p[0]) {
		rest := []rune(p[1:])
		for _, m := range rest {
			if !ucd.CategoryOf(m).IsMark() {
				return 0
			}
		}
		return rune(p[0])
	}
	return 0
}

// unknownOK reports whether r may be guessed: a letter outside the scripts
// whose own text the document could be (those have their own rules).
func unknownOK(r words.Rune) bool {
	return r.Class == words.Letter && r.Script != ucd.Han && r.Script != ucd.Hiragana && r.Script != ucd.Katakana && r.Script != ucd.Hangul
}

// fromWordList fills the unknown letters of word (NUL bytes) so that it is
// an English word, and returns the letters chosen. With no unknown letter it
// only checks the word. It fails when no or more than one filling works.
func fromWordList(word []byte, runs []words.Rune, opts []option) ([]byte, bool) {
	var holes []int
	var upper []bool
	k := 0
	for i := 0; i < len(word); i++ {
		if word[i] == 0 {
			holes = append(holes, i)
		}
	}
	for _, o := range opts {
		if !o.mark && o.base == 0 {
			upper = append(upper, ucd.Props(runs[o.i].Plain).Has(ucd.Uppercase))
			k++
		}
	}
	if len(holes) == 0 {
		return nil, wordlist.EnglishBytes(word)
	}
	buf := word // filled in place: the caller's buffer is scratch
	var found []byte
	n := 0
	var try func(h int)
	try = func(h int) {
		if n > 1 {
			return
		}
		if h == len(holes) {
			if wordlist.EnglishBytes(buf) {
				n++
				found = found[:0]
				for _, p := range holes {
					found = append(found, buf[p])
				}
			}
			return
		}
		for c := byte('a'); c <= 'z'; c++ {
			buf[holes[h]] = c
			if upper[h] {
				buf[holes[h]] = c - 'a' + 'A'
			}
			try(h + 1)
		}
	}
	try(0)
	return found, n == 1
}
