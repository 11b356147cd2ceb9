package detect

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/unmaskdev/unmask/ucd"
	"github.com/unmaskdev/unmask/words"
)

// proposal is a change the letter rules want to make to one rune.
type proposal struct {
	i      int
	with   rune
	kind   kindCode
	action actionCode
}

// letters judges every word's letters: lookalikes from other scripts,
// whole words in another script, restyled letters, Latin-extended lookalikes.
// One-letter words and two-letter acronyms wait for a second pass, when the
// document's proven disguises are known.
func (s *scanner) letters() {
	var evidence [ucd.NumScripts]int // confident changes per source script
	styledSeen, numeralSeen := 0, 0
	var deferred []int
	for wi := range s.words {
		w := &s.words[wi]
		if s.p.dominant == ucd.Latin && w.ASCII {
			continue // nothing in an ASCII word can be a disguise in a Latin text
		}
		if w.Letters == 0 && w.Styled == 0 && !(s.p.numerals > 0 && s.hasNumeral(*w)) {
			continue
		}
		if w.Letters <= 1 || s.foreign(wi) {
			deferred = append(deferred, wi)
			continue
		}
		props := s.judgeWord(wi, evidence[:], styledSeen, numeralSeen)
		for _, p := range props {
			if p.action != doKeep {
				switch {
				case s.runs[p.i].Class == words.Digit:
					numeralSeen++
				case p.kind == kStyled:
					styledSeen++
				default:
					evidence[s.runs[p.i].Script]++
				}
			}
		}
		s.apply(wi, props)
		s.props = props[:0] // keep the grown buffer for the next word
	}
	for _, wi := range deferred {
		props := s.judgeWord(wi, evidence[:], styledSeen, numeralSeen)
		s.apply(wi, props)
		s.props = props[:0]
	}
}

// hasNumeral reports whether w holds a letter-shaped number (Roman numeral).
func (s *scanner) hasNumeral(w words.Word) bool {
	for i := w.First; i <= w.Last; i++ {
		if s.runs[i].Class == words.Digit && ucd.CategoryOf(s.runs[i].R) == ucd.Nl {
			return true
		}
	}
	return false
}

// foreign reports whether w is written in one script that is not the
// document's: such words are judged after the evidence is in.
func (s *scanner) foreign(wi int) bool {
	set := &s.p.sets[wi] // read in place: copies of a 24-byte set stalled
	return !isEmpty(set) && !has(set, s.p.dominant)
}

func (s *scanner) apply(wi int, props []proposal) {
	for _, p := range props {
		if s.taken[p.i] {
			continue
		}
		s.add(p.i, p.i, p.kind, p.action, p.with, wi)
	}
}

// intruders tells how a document uses Latin letters inside words of another script.
type intruders struct {
	types int      // distinct letters, case-folded
	count [128]int // occurrences of each ASCII letter
}

// more reports whether Latin letter c occurs as an intruder more than n times.
func (in *intruders) more(c rune, n int) bool {
	if c >= 0x80 {
		return true // a Latin-extended intruder: no count kept, assume the writer's own
	}
	return in.count[c] > n
}

// intruders counts, once per scan, the Latin letters met as the minority
// inside words whose other letters are of one non-Latin script.
func (s *scanner) intruders() *intruders {
	if s.intr != nil {
		return s.intr
	}
	var seen [26]bool
	in := &intruders{}
	s.intr = in
	for wi, w := range s.words {
		if w.Letters < 2 || !isEmpty(&s.p.sets[wi]) {
			continue
		}
		maj, _ := s.majority(w)
		if maj == ucd.Latin {
			continue
		}
		for i := w.First; i <= w.Last; i++ {
			r := &s.runs[i]
			if r.Class == words.Letter && r.Script == ucd.Latin && r.Plain < 0x80 {
				in.count[r.Plain]++
				if c := r.Plain | 0x20; c >= 'a' && c <= 'z' && !seen[c-'a'] {
					seen[c-'a'] = true
					in.types++
				}
			}
		}
	}
	return in
}

// majority returns the script with most letters in w (ties go to the document's dominant script).
func (s *scanner) majority(w words.Word) (ucd.Script, int) {
	// A word has few scripts: count them in a small list, not a table of all.
	var scs [4]ucd.Script
	var ns [4]int
	k := 0
	for i := w.First; i <= w.Last; i++ {
		r := &s.runs[i]
		if r.Class != words.Letter || r.Script == ucd.Common || r.Script == ucd.Inherited {
			continue
		}
		j := 0
		for j < k && scs[j] != r.Script {
			j++
		}
		if j == k {
			if k == len(scs) {
				continue // a fifth script in one word: too few letters to matter
			}
			scs[k] = r.Script
			k++
		}
		ns[j]++
	}
	best, n := s.p.dominant, 0
	for j := 0; j < k; j++ {
		if scs[j] == s.p.dominant {
			n = ns[j]
		}
	}
	for j := 0; j < k; j++ {
		if ns[j] > n {
			best, n = scs[j], ns[j]
		}
	}
	return best, n
}

func (s *scanner) judgeWord(wi int, evidence []int, styledSeen, numeralSeen int) []proposal {
	w := s.words[wi]
	props := s.props[:0] // reused word after word; apply copies what it keeps
	if s.p.styled > 0 {
		props = s.styled(w, props, styledSeen)
	}
	if s.p.numerals > 0 {
		props = s.letterlike(w, props, numeralSeen)
	}
	set := &s.p.sets[wi]
	if isEmpty(set) {
		return s.mixed(w, props)
	}
	return s.single(wi, set, props, evidence)
}

// styled folds restyled letters that stand for plain ones in words.
func (s *scanner) styled(w words.Word, props []proposal, styledSeen int) []proposal {
	if w.Styled == 0 {
		return props // most words: no need to look
	}
	styled, alnum := 0, 0
	weak := 0 // superscript and subscript: x², 1ª are real typography
	for i := w.First; i <= w.Last; i++ {
		r := &s.runs[i]
		if r.Class != words.Letter && r.Class != words.Digit {
			continue
		}
		alnum++
		if r.Style == ucd.StyleNone || r.Style == ucd.StyleNarrow || s.p.cjk && r.Style == ucd.StyleWide {
			continue
		}
		styled++
		if r.Style == ucd.StyleSuper || r.Style == ucd.StyleSub {
			weak++
		}
	}
	if styled == 0 {
		return props
	}
	if weak > 0 && (styled < alnum || alnum < 2) {
		return props
	}
	if alnum < 2 && styledSeen == 0 {
		return props // ℝ, ℓ, 𝑥 alone are symbols
	}
	for i := w.First; i <= w.Last; i++ {
		r := &s.runs[i]
		if r.Style != ucd.StyleNone && r.Style != ucd.StyleNarrow && !(s.p.cjk && r.Style == ucd.StyleWide) {
			props = append(props, proposal{i, r.Plain, kStyled, doReplace})
		}
	}
	return props
}

// letterlike replaces letter-shaped numbers (Roman numerals ⅰ ⅼ ⅽ ⅾ)
// standing among letters, as in "gⅰant"; alone ("Louis ⅩⅣ") they stay.
func (s *scanner) letterlike(w words.Word, props []proposal, numeralSeen int) []proposal {
	if w.Letters == 0 && numeralSeen == 0 {
		return props // "ⅩⅣ" alone is a numeral; "ⅾⅰⅾ" only once numerals are proven planted
	}
	for i := w.First; i <= w.Last; i++ {
		r := &s.runs[i]
		if r.Class != words.Digit || ucd.CategoryOf(r.R) != ucd.Nl {
			continue
		}
		// Roman numerals decompose (NFKC) to the letters they are drawn as: Ⅰ is I, ⅼ is l.
		if p := norm.NFKC.String(string(r.R)); len(p) == 1 && isASCIILetter(p[0]) {
			props = append(props, proposal{i, rune(p[0]), kLookalike, doReplace})
		}
	}
	return props
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// asciiStrings holds each ASCII character as a string, so that the usual
// replacement, an ASCII letter, allocates nothing.
var asciiStrings = func() (t [128]string) {
	for i := range t {
		t[i] = string(rune(i))
	}
	return
}()

func runeString(r rune) string {
	if r >= 0 && r < 128 {
		return asciiStrings[r]
	}
	return string(r)
}

// mixed handles a word whose letters come from more than one script.
func (s *scanner) mixed(w words.Word, props []proposal) []proposal {
	// The document's own script first ("Тhе" in English is English), then the word's majority.
	for k := 0; k < 2; k++ {
		target := s.p.dominant
		if k == 1 {
			if target, _ = s.majority(w); target == s.p.dominant {
				break // worked out only now: most words are settled by the first
			}
		}
		out := s.scratch[:0]
		ok := true
		for i := w.First; i <= w.Last && ok; i++ {
			r := &s.runs[i]
			if r.Class != words.Letter || r.Script == target || r.Script == ucd.Common || r.Script == ucd.Inherited {
				continue
			}
			if r.Ext && resolved(r.Plain).Has(target) {
				continue
			}
			d := counterpart(r.Plain, target)
			if d < 0 {
				d = modelCounterpart(r.Plain, target)
			}
			if d < 0 {
				ok = false
				break
			}
			action := doReplace
			if target == ucd.Cyrillic && r.Script == ucd.Latin && s.intruders().types < 3 && s.intruders().more(r.Plain, s.nativeCount(d)) {
				action = doKeep // an orthography that writes a Cyrillic letter with a Latin one
			}
			out = append(out, proposal{i, d, kLookalike, action})
		}
		s.scratch = out[:0]
		if ok && len(out) > 0 {
			if target == ucd.Latin {
				out = append(out, s.latinExtProposals(w)...)
			}
			return append(s.restyle(props, out), out...)
		}
	}
	return props
}

// restyle drops styled proposals for runes that a lookalike proposal replaces.
func (s *scanner) restyle(props, over []proposal) []proposal {
	if len(props) == 0 {
		return props
	}
	// Proposals come in rune order, so one merge walk finds the overlap.
	out := props[:0]
	j := 0
	for _, p := range props {
		for j < len(over) && over[j].i < p.i {
			j++
		}
		if j < len(over) && over[j].i == p.i {
			continue
		}
		out = append(out, p)
	}
	return out
}

// single handles a word in one script: a whole word in lookalikes, or
// Latin-extended letters passing for ASCII ones.
func (s *scanner) single(wi int, set *ucd.ScriptSet, props []proposal, evidence []int) []proposal {
	w := s.words[wi]
	if has(set, ucd.Latin) {
		if !has(set, s.p.dominant) && evidence[ucd.Latin] > 0 && !s.roman(w) {
			// Latin letters are proven planted in this document's words:
			// a whole word of them ("ce" in Bulgarian) is planted too.
			if out := s.convert(w, s.p.dominant, kWholeWord); out != nil && s.allNative(out) {
				return append(s.restyle(props, out), out...)
			}
		}
		return s.latinExt(w, props)
	}
	if s.p.dominant != ucd.Latin {
		return props
	}
	var sc ucd.Script
	var out []proposal
	for i := w.First; i <= w.Last; i++ {
		r := &s.runs[i]
		if r.Class != words.Letter || r.Script == ucd.Common || r.Script == ucd.Inherited {
			continue
		}
		sc = r.Script
		d := counterpart(r.Plain, ucd.Latin)
		if d < 0 {
			return props
		}
		out = append(out, proposal{i, d, kWholeWord, doReplace})
	}
	if len(out) == 0 {
		return props
	}
	if w.Letters < 2 && evidence[sc] == 0 && sc == ucd.Greek {
		return props // α in "α = 0.05", Cohen's κ: Greek letters alone are mathematics; Cyrillic а or І alone in Latin text is no one's word
	}
	if s.p.genuine.Has(sc) {
		return props // the document quotes real text in that script: "он" beside "привет" is Russian
	}
	return append(s.restyle(props, out), out...)
}

// roman reports whether w is a Roman numeral in capitals ("XX век", "III").
func (s *scanner) roman(w words.Word) bool {
	for i := w.First; i <= w.Last; i++ {
		if !strings.ContainsRune("IVXLCDM", s.runs[i].R) {
			return false
		}
	}
	return true
}

// convert proposes every letter of w in its lookalike of script target, or nil if one has none.
func (s *scanner) convert(w words.Word, target ucd.Script, kind kindCode) []proposal {
	var out []proposal
	for i := w.First; i <= w.Last; i++ {
		r := &s.runs[i]
		if r.Class != words.Letter || r.Script == ucd.Common || r.Script == ucd.Inherited || r.Script == target {
			continue
		}
		d := counterpart(r.Plain, target)
		if d < 0 {
			return nil
		}
		out = append(out, proposal{i, d, kind, doReplace})
	}
	return out
}

// latinExt finds Latin letters without diacritics that pass for ASCII ones
// (ɑ, ɡ, ı) inside otherwise ASCII words, in documents that use no other
// non-ASCII Latin letter: where ş, ɛ or é occur, ı and ɑ are real letters
// of the language (Turkish, Baoulé).
func (s *scanner) latinExt(w words.Word, props []proposal) []proposal {
	out := s.latinExtProposals(w)
	if len(out) == 0 {
		return props
	}
	return append(s.restyle(props, out), out...)
}

func (s *scanner) latinExtProposals(w words.Word) []proposal {
	if s.p.latinExt > 0 {
		return nil // Turkish ı among ş and ğ is Turkish, Baoulé ɑ among ɛ and ɔ Baoulé
	}
	if s.p.latinWide == 0 {
		return nil // not one such letter in the text: no word need be looked at
	}
	var out []proposal
	for i := w.First; i <= w.Last; i++ {
		r := &s.runs[i]
		if r.Class != words.Letter || r.Plain < 0x80 || r.Script != ucd.Latin {
			continue
		}
		d := asciiLookalike(r.Plain)
		if d < 0 {
			return nil // a real accented or extended letter: the word is what it says
		}
		out = append(out, proposal{i, d, kLookalike, doReplace})
	}
	return out
}
