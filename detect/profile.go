package detect

import (
	"math/bits"
	"sync/atomic"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
	"github.com/unmaskdev/unmask/words"
)

// profile is what the whole document says about its scripts.
type profile struct {
	letters  [ucd.NumScripts]int // letters per script
	dominant ucd.Script          // the script with most letters
	rtl      bool                // has right-to-left letters
	cjk      bool                // dominant script is Han, Hiragana, Katakana or Hangul
	// native counts letters met in words written in one script: the
	// letters the document's writers really use. Built on first use (nativeCount).
	native map[rune]int
	// genuine marks scripts that have a one-script word with a letter
	// that has no Latin lookalike: real text in that script.
	genuine ucd.ScriptSet
	// latinExt counts words written with non-ASCII Latin letters that are
	// not lookalikes of an ASCII letter (é, ş, ø): a sign that the language
	// is not English. See realLatinExt.
	latinExt int
	// formats, marks and invalid count runes of those classes, and bidi
	// the bidirectional controls among the formats: the passes that look
	// for them are skipped when there are none.
	formats, bidi, marks, invalid int
	// fmts holds the indexes of the format characters in the runes, in
	// order, for the passes that look at them only (see formatsIn).
	fmts []int32
	// wide counts the non-ASCII letters and marks, latinWide the Latin
	// letters that are not ASCII once unstyled (é, ı, ɑ).
	wide, latinWide int
	// styled counts restyled runes and numerals letter-shaped numbers
	// (Roman numerals): the rules for them are skipped when there are none.
	styled, numerals int
	// digits counts decimal digits that are not ASCII (०, ০, ٣): the
	// numbering-system rule (digits.go) is skipped when there are none.
	digits int
	// sets holds each word's resolved script set (wordScripts).
	sets []ucd.ScriptSet
}

// build counts the letters of each script, ASCII ones from ascii (counts
// of each byte) and the others from runs, and finds the dominant script.
func (p *profile) build(runs []words.Rune, ascii *[128]int) {
	*p = profile{sets: p.sets, fmts: p.fmts[:0]}
	// present holds the scripts with letters (Common and Inherited aside).
	var present ucd.ScriptSet
	for c := 'A'; c <= 'z'; c++ {
		if isASCIILetter(byte(c)) {
			p.letters[ucd.Latin] += ascii[c]
		}
	}
	if p.letters[ucd.Latin] > 0 {
		present.Add(ucd.Latin)
	}
	// Letters come in runs of one script: count the current run in a
	// local, and add it up when the script changes (incrementing the
	// table waited on the same count's last store, letter after letter).
	cur, n, wide := ucd.Common, 0, 0
	for k := range runs {
		r := &runs[k]
		if r.R < utf8.RuneSelf {
			continue // counted in ascii
		}
		if r.Style != ucd.StyleNone {
			p.styled++
		}
		switch r.Class {
		case words.Digit:
			switch ucd.CategoryOf(r.R) {
			case ucd.Nl:
				p.numerals++
			case ucd.Nd:
				p.digits++
			}
		case words.Letter:
			if r.Script != cur {
				p.letters[cur] += n
				cur, n = r.Script, 0
				if cur != ucd.Common && cur != ucd.Inherited {
					present.Add(cur)
				}
			}
			n++
			wide++
			if cur == ucd.Latin && r.Plain >= utf8.RuneSelf {
				p.latinWide++
			}
		case words.Format:
			p.formats++
			p.fmts = append(p.fmts, int32(k))
			if ucd.Props(r.R).Has(ucd.BidiControl) {
				p.bidi++
			}
		case words.Mark:
			p.marks++
		case words.Invalid:
			p.invalid++
		}
	}
	p.letters[cur] += n
	p.wide = wide + p.marks
	for sc := range eachScript(present) {
		p.rtl = p.rtl || isRTL(sc)
	}
	if present.Len() <= 1 {
		// One script: nothing can pass for another.
		p.dominant = argmax(&p.letters, present)
		return
	}
	// The dominant script is decided by the letters that cannot pass for a
	// letter of another script present (б, λ, d, but not о, a, p):
	// lookalikes planted in an English text must not make it look Russian,
	// nor Latin letters planted in Bulgarian make it look English.
	var real [ucd.NumScripts]int
	passes := asciiPassing(present)
	for c := 'A'; c <= 'z'; c++ {
		if isASCIILetter(byte(c)) && !passes[c] {
			real[ucd.Latin] += ascii[c]
		}
	}
	if p.latinCertain(real[ucd.Latin], present) {
		p.dominant = ucd.Latin
		return
	}
	// A text repeats its letters: remember passesFor per letter in a small
	// direct-mapped table instead of asking again.
	var seen [256]struct {
		r      rune
		passes bool
	}
	for k := range runs {
		r := &runs[k]
		if r.Class != words.Letter || r.R < utf8.RuneSelf {
			continue
		}
		e := &seen[uint8(r.R)^uint8(r.R>>8)]
		if e.r != r.R {
			e.r, e.passes = r.R, passesFor(*r, present)
		}
		if !e.passes {
			real[r.Script]++
		}
	}
	p.dominant = argmax(&real, present)
	if real[p.dominant] == 0 {
		p.dominant = argmax(&p.letters, present)
	}
}

// latinCertain reports whether Latin is the dominant script whatever the
// non-ASCII letters say, as in any English text: its ASCII letters that
// cannot pass for another script's already outnumber all the letters of
// each other script. It spares build a second walk over the runes.
func (p *profile) latinCertain(realASCII int, present ucd.ScriptSet) bool {
	for sc := range eachScript(present) {
		if sc != ucd.Latin && p.letters[sc] >= realASCII {
			return false
		}
	}
	return realASCII > 0
}

// formatsIn sets fmts to the indexes of the format characters of runs,
// when they are not the runes build counted (a document decoded whole).
func (p *profile) formatsIn(runs []words.Rune) {
	p.fmts = p.fmts[:0]
	for k := range runs {
		if runs[k].Class == words.Format {
			p.fmts = append(p.fmts, int32(k))
		}
	}
}

// eachScript yields the scripts of set in ascending order.
func eachScript(set ucd.ScriptSet) func(yield func(ucd.Script) bool) {
	return func(yield func(ucd.Script) bool) {
		for w, bitsLeft := range set {
			for bitsLeft != 0 {
				b := bits.TrailingZeros64(bitsLeft)
				bitsLeft &= bitsLeft - 1
				if !yield(ucd.Script(w*64 + b)) {
					return
				}
			}
		}
	}
}

// perWord fills the parts of the profile that follow from the dominant
// script and each word: CJK, script sets, genuine scripts, extended Latin.
func (p *profile) perWord(runs []words.Rune, ws []words.Word) {
	switch p.dominant {
	case ucd.Han, ucd.Hiragana, ucd.Katakana, ucd.Hangul:
		p.cjk = true
	}
	p.sets = grow(p.sets, len(ws))
	for wi := range ws {
		w := &ws[wi]
		// Written in place: a 24-byte set returned on the stack and copied
		// stalled on every word.
		set := &p.sets[wi]
		wordScripts(set, runs, w)
		if isEmpty(set) {
			continue // mixed
		}
		if !w.ASCII && has(set, ucd.Latin) && realLatinExt(runs, *w) {
			p.latinExt++
		}
		if w.ASCII {
			continue
		}
		for i := w.First; i <= w.Last; i++ {
			r := &runs[i]
			if r.Class != words.Letter || r.Style != ucd.StyleNone || r.Script == ucd.Latin || p.genuine.Has(r.Script) {
				continue
			}
			if r.Script != ucd.Common && r.Script != ucd.Inherited && !lookalikeScripts(r.R).Has(ucd.Latin) {
				p.genuine.Add(r.Script)
			}
		}
	}
}

// wordScripts sets set to the resolved script set of a word's letters (UTS
// #39 §5.1, with Script_Extensions and the Han augmentation): empty when it
// mixes scripts. Restyled letters count as the letter they restyle.
func wordScripts(set *ucd.ScriptSet, runs []words.Rune, w *words.Word) {
	if w.ASCII {
		if w.Letters == 0 {
			*set = ucd.AllScripts
		} else {
			*set = latinSet
		}
		return
	}
	// Most words are letters of one script with no Script_Extensions:
	// settle those without set arithmetic.
	sc, seen := ucd.Unknown, false
	for i := w.First; i <= w.Last; i++ {
		r := &runs[i]
		if r.Class != words.Letter || r.Script == ucd.Common || r.Script == ucd.Inherited {
			continue
		}
		if r.Ext {
			wordScriptsExt(set, runs, w)
			return
		}
		if !seen {
			sc, seen = r.Script, true
		} else if r.Script != sc {
			*set = ucd.ScriptSet{} // two scripts, neither extended: mixed
			return
		}
	}
	if !seen {
		*set = ucd.AllScripts
		return
	}
	*set = ucd.ScriptSet{}
	set.Add(sc)
}

// isEmpty and has are ScriptSet's IsEmpty and Has through a pointer: the
// methods take a copy, and copying a set just written stalled on every word.
func isEmpty(set *ucd.ScriptSet) bool { return set[0]|set[1]|set[2] == 0 }

func has(set *ucd.ScriptSet, sc ucd.Script) bool { return set[sc/64]&(1<<(sc%64)) != 0 }

var latinSet = func() (s ucd.ScriptSet) { s.Add(ucd.Latin); return }()

// resolvedBlocks caches resolved sets per block of 256 code points: a Chinese
// sentence is one word of Han letters, each of which has an augmented set,
// and working each out (a search of the Script_Extensions ranges, then set
// arithmetic) was most of the time of a Chinese text.
var resolvedBlocks [(0x10FFFF >> 8) + 1]atomic.Pointer[[256]ucd.ScriptSet]

// resolved returns the augmented Script_Extensions of r, a code point (UTS
// #39 §5.1), from the cache.
func resolved(r rune) *ucd.ScriptSet {
	b := resolvedBlocks[r>>8].Load()
	if b == nil {
		b = new([256]ucd.ScriptSet)
		base := r &^ 0xFF
		for i := range b {
			b[i] = ucd.Extensions(base + rune(i)).Augmented()
		}
		resolvedBlocks[r>>8].Store(b) // a race only works the block out twice
	}
	return &b[r&0xFF]
}

func wordScriptsExt(set *ucd.ScriptSet, runs []words.Rune, w *words.Word) {
	// In place, a word at a time: sets passed and returned by value were
	// copied through the stack twice per letter, and a Chinese sentence is
	// one word.
	*set = ucd.AllScripts
	for i := w.First; i <= w.Last; i++ {
		r := &runs[i]
		if r.Class != words.Letter || r.Script == ucd.Common || r.Script == ucd.Inherited {
			continue
		}
		if !r.Ext {
			// The intersection with {Script} is {Script} or nothing.
			in := has(set, r.Script)
			*set = ucd.ScriptSet{}
			if in {
				set.Add(r.Script)
			}
		} else {
			x := resolved(r.Plain)
			set[0], set[1], set[2] = set[0]&x[0], set[1]&x[1], set[2]&x[2]
		}
		if isEmpty(set) {
			return // mixed: nothing more can be in common
		}
	}
}

func isRTL(sc ucd.Script) bool { return rtlScripts[sc] }

var rtlScripts = func() (t [ucd.NumScripts]bool) {
	for _, sc := range []ucd.Script{ucd.Arabic, ucd.Hebrew, ucd.Syriac, ucd.Thaana, ucd.Nko, ucd.Samaritan,
		ucd.Mandaic, ucd.Adlam, ucd.HanifiRohingya, ucd.Yezidi, ucd.OldHungarian, ucd.Garay} {
		t[sc] = true
	}
	return
}()

// asciiLookalike returns the ASCII letter a non-ASCII Latin letter with no
// diacritic passes for (ɑ for a, ı for i), or -1.
func asciiLookalike(r rune) rune {
	if d, dec := ucd.Decomposition(r); dec {
		if len(d) == 1 && isASCIILetter(d[0]) {
			return rune(d[0]) // KELVIN SIGN is K
		}
		return -1
	}
	d := counterpart(r, ucd.Latin)
	if d >= 0 && d < 0x80 {
		return d
	}
	return -1
}

// argmax returns the script of present with most letters, the first on a
// tie; Unknown when none has any. (Common and Inherited are never present.)
func argmax(n *[ucd.NumScripts]int, present ucd.ScriptSet) ucd.Script {
	best, sc := 0, ucd.Unknown
	for x := range eachScript(present) {
		if n[x] > best {
			best, sc = n[x], x
		}
	}
	return sc
}

// asciiPasses is passesFor of each ASCII letter, for one set of scripts.
type asciiPasses struct {
	scripts ucd.ScriptSet
	passes  [128]bool
}

// lastPasses remembers the last asciiPasses worked out: documents of a
// stream mostly hold the same scripts, and working them out cost more than
// scanning a short document.
var lastPasses atomic.Pointer[asciiPasses]

// asciiPassing returns, per ASCII letter, whether it passes for a letter of
// another of scripts.
func asciiPassing(scripts ucd.ScriptSet) *[128]bool {
	if p := lastPasses.Load(); p != nil && p.scripts == scripts {
		return &p.passes
	}
	p := &asciiPasses{scripts: scripts}
	for c := 'A'; c <= 'z'; c++ {
		p.passes[c] = isASCIILetter(byte(c)) && passesFor(words.Rune{R: c, Plain: c, Script: ucd.Latin}, scripts)
	}
	lastPasses.Store(p)
	return &p.passes
}

// passesFor reports whether letter r has a lookalike in one of the other scripts.
func passesFor(r words.Rune, scripts ucd.ScriptSet) bool {
	// Word by word, without building sets: the lookalike scripts among
	// scripts are neither none nor just r's own.
	l := lookalikeScripts(r.Plain)
	other := false
	for k := range l {
		x := l[k] & scripts[k]
		if k == int(r.Script)/64 {
			x &^= 1 << (r.Script % 64)
		}
		other = other || x != 0
	}
	return other
}

// realLatinExt reports whether w looks like a word of a language written
// with extended Latin letters (Größe, bakımından, était): plain Latin, with a
// letter such as é or ş, and at least half its letters ASCII. Heavily
// disguised words have few ASCII letters left, and restyled or foreign ones.
func realLatinExt(runs []words.Rune, w words.Word) bool {
	ascii, ext, letters := 0, 0, 0
	for i := w.First; i <= w.Last; i++ {
		r := &runs[i]
		if r.Class != words.Letter {
			continue
		}
		letters++
		switch {
		case r.Style != ucd.StyleNone || r.Script != ucd.Latin:
			return false
		case r.R < 0x80:
			ascii++
		case asciiLookalike(r.R) < 0:
			ext++
		}
	}
	return ext > 0 && 2*ascii >= letters
}

// nativeCount returns how often letter d occurs in words written in one script.
func (s *scanner) nativeCount(d rune) int {
	if s.p.native == nil {
		s.p.native = map[rune]int{}
		for wi, w := range s.words {
			if isEmpty(&s.p.sets[wi]) {
				continue
			}
			for i := w.First; i <= w.Last; i++ {
				if r := s.runs[i]; r.Class == words.Letter && r.Style == ucd.StyleNone && r.R >= 0x80 {
					s.p.native[r.R]++
				}
			}
		}
	}
	return s.p.native[d]
}
