// Package lexicon says whether a word is a word of a language, by the
// hunspell dictionaries of that language: a list of stems, each with the
// flags of the affix rules it takes, and the rules (man 5 hunspell).
//
// A word is checked as hunspell checks it, without expanding the
// dictionary: the word itself, the word with one suffix, two suffixes (the
// outer one allowed by the inner one's continuation flags) or one prefix
// taken off, and a prefix and a suffix together where both rules allow the
// cross product. Compounding (German, Dutch) is not done, so a Dutch
// compound that is not in the dictionary is not a word here.
//
// The dictionaries are embedded gzip-compressed (data/, written by gen.go
// from ../shared/data/lexicons) and a language is loaded on first use: the
// stems into one sorted block of bytes with an offset each, not a map of
// strings. PROVENANCE.md lists the languages, their licences, and the two
// (German and Italian) left out because their only licence is the GPL.
//
//go:generate go run gen.go
package lexicon

import (
	"compress/gzip"
	"embed"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed data/*.gz
var data embed.FS

// Languages lists the embedded lexicons, by the names Get takes.
func Languages() []string {
	return []string{"en", "es", "fr", "nl", "pl", "pt", "pt-BR", "ru", "uk"}
}

// loaders loads each language once, on first use; a language being
// loaded does not hold up Get of another.
var loaders = func() map[string]func() *Lexicon {
	m := map[string]func() *Lexicon{}
	for _, lang := range Languages() {
		m[lang] = sync.OnceValue(func() *Lexicon { return load(lang) })
	}
	return m
}()

// Get returns the lexicon of lang (one of Languages), loading it on first
// use, or nil when there is none.
func Get(lang string) *Lexicon {
	if f, ok := loaders[lang]; ok {
		return f()
	}
	return nil
}

func load(lang string) *Lexicon {
	aff, err := readGz("data/" + lang + ".aff.gz")
	if err != nil {
		panic("lexicon: embedded " + lang + " is missing: " + err.Error())
	}
	dic, err := readGz("data/" + lang + ".dic.gz")
	if err != nil {
		panic("lexicon: embedded " + lang + " is missing: " + err.Error())
	}
	l, err := Parse(aff, dic)
	if err != nil {
		panic("lexicon: embedded " + lang + " is corrupt: " + err.Error())
	}
	return l
}

func readGz(name string) ([]byte, error) {
	f, err := data.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// A Lexicon is one language's dictionary. It is safe for concurrent use.
type Lexicon struct {
	stems    []byte   // the stems, sorted, end to end
	off      []uint32 // stem i is stems[off[i]:off[i+1]]
	flagSet  []uint32 // stem i has the flags flagSets[flagSet[i]]
	flagSets [][]uint32

	sfx, pfx       map[string][]*affix // by the text the rule adds
	maxSfx, maxPfx int                 // longest added text, in bytes
	// inner[f] are the suffixes that a suffix of flag f may follow, by the
	// text they add: the inner suffix of a twofold one.
	inner map[uint32]map[string][]*affix
	brk   []string // BREAK patterns: a word may be split there

	mode                                           flagMode
	needAffix, forbidden, onlyInCompound, keepCase uint32
	fullStrip, hasIconv                            bool
	iconv                                          [256][][2]string // by first byte, longest first
	ignore                                         string
}

type flagMode uint8

const (
	flagChar flagMode = iota // one character a flag (UTF-8)
	flagLong                 // two characters a flag
	flagNum                  // decimal numbers separated by commas
)

type affix struct {
	flag  uint32
	cross bool
	strip string
	add   string
	cont  []uint32 // sorted continuation flags
	cond  []class  // matched at the end (suffix) or start (prefix) of the stem
}

// class is one position of a rule's condition: any character, one of
// runes, or (neg) none of them.
type class struct {
	any, neg bool
	runes    string
}

func (c class) match(r rune) bool {
	if c.any {
		return true
	}
	return strings.ContainsRune(c.runes, r) != c.neg
}

// Parse reads a dictionary from its .aff and .dic files, both UTF-8.
func Parse(aff, dic []byte) (*Lexicon, error) {
	l := &Lexicon{sfx: map[string][]*affix{}, pfx: map[string][]*affix{}, inner: map[uint32]map[string][]*affix{}}
	if err := l.parseAff(aff); err != nil {
		return nil, err
	}
	if err := l.parseDic(dic); err != nil {
		return nil, err
	}
	return l, nil
}

type parseError struct {
	file string
	line int
	msg  string
}

func (e *parseError) Error() string { return e.file + ":" + strconv.Itoa(e.line) + ": " + e.msg }

func (l *Lexicon) parseAff(aff []byte) error {
	lines := strings.Split(string(aff), "\n")
	// FLAG and IGNORE first: the rules' flags and text depend on them.
	for _, line := range lines {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == "FLAG" {
			switch f[1] {
			case "long":
				l.mode = flagLong
			case "num":
				l.mode = flagNum
			default:
				l.mode = flagChar
			}
		}
		if len(f) >= 2 && f[0] == "IGNORE" {
			l.ignore = f[1]
		}
	}
	hasIconv := false
	headers := map[string]bool{} // affix class → its cross-product field
	seen := map[string]bool{}
	for n, line := range lines {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "NEEDAFFIX", "FORBIDDENWORD", "ONLYINCOMPOUND", "KEEPCASE":
			if len(f) < 2 {
				return &parseError{"aff", n + 1, f[0] + " without a flag"}
			}
			fl := l.flags(f[1])
			if len(fl) != 1 {
				return &parseError{"aff", n + 1, "bad flag " + f[1]}
			}
			switch f[0] {
			case "NEEDAFFIX":
				l.needAffix = fl[0]
			case "FORBIDDENWORD":
				l.forbidden = fl[0]
			case "ONLYINCOMPOUND":
				l.onlyInCompound = fl[0]
			case "KEEPCASE":
				l.keepCase = fl[0]
			}
		case "BREAK":
			// The first BREAK line is the count (BREAK 0: no breaking).
			if len(f) == 2 && seen["BREAK"] {
				l.brk = append(l.brk, f[1])
			}
			seen["BREAK"] = true
		case "FULLSTRIP":
			l.fullStrip = true
		case "ICONV":
			if len(f) == 3 {
				l.iconv[f[1][0]] = append(l.iconv[f[1][0]], [2]string{f[1], f[2]})
				hasIconv = true
			}
		case "PFX", "SFX":
			if len(f) < 4 {
				return &parseError{"aff", n + 1, "short affix line"}
			}
			key := f[0] + " " + f[1]
			if !seen[key] {
				// The header: PFX flag cross_product count.
				seen[key] = true
				headers[key] = f[2] == "Y"
				continue
			}
			a, err := l.rule(f, f[0] == "SFX")
			if err != nil {
				return &parseError{"aff", n + 1, err.Error()}
			}
			a.cross = headers[key]
			if f[0] == "SFX" {
				l.sfx[a.add] = append(l.sfx[a.add], a)
				l.maxSfx = max(l.maxSfx, len(a.add))
				for _, c := range a.cont {
					if l.inner[c] == nil {
						l.inner[c] = map[string][]*affix{}
					}
					l.inner[c][a.add] = append(l.inner[c][a.add], a)
				}
			} else {
				l.pfx[a.add] = append(l.pfx[a.add], a)
				l.maxPfx = max(l.maxPfx, len(a.add))
			}
		}
	}
	if !hasBreak(lines) {
		l.brk = []string{"-", "^-", "-$"} // hunspell's default
	}
	// Longest first, so that ICONV replaces ﬃ before ﬀ.
	for _, ps := range l.iconv {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i][0]) > len(ps[j][0]) })
	}
	l.hasIconv = hasIconv
	return nil
}

func hasBreak(lines []string) bool {
	for _, line := range lines {
		if strings.HasPrefix(line, "BREAK ") {
			return true
		}
	}
	return false
}

type errString string

func (e errString) Error() string { return string(e) }

func (l *Lexicon) rule(f []string, suffix bool) (*affix, error) {
	fl := l.flags(f[1])
	if len(fl) != 1 {
		return nil, errString("bad flag " + f[1])
	}
	a := &affix{flag: fl[0]}
	if f[2] != "0" {
		a.strip = l.ignored(f[2])
	}
	add := f[3]
	if i := strings.IndexByte(add, '/'); i >= 0 {
		a.cont = l.flags(add[i+1:])
		slices.Sort(a.cont)
		add = add[:i]
	}
	if add != "0" {
		a.add = l.ignored(add)
	}
	cond := "."
	if len(f) > 4 {
		cond = f[4]
	}
	cs, err := parseCond(cond)
	if err != nil {
		return nil, err
	}
	a.cond = cs
	return a, nil
}

func parseCond(s string) ([]class, error) {
	if s == "." {
		return nil, nil
	}
	var out []class
	for s != "" {
		switch s[0] {
		case '.':
			out = append(out, class{any: true})
			s = s[1:]
		case '[':
			end := strings.IndexByte(s, ']')
			if end < 0 {
				return nil, errString("unclosed [ in condition")
			}
			c := class{runes: s[1:end]}
			if strings.HasPrefix(c.runes, "^") {
				c.neg, c.runes = true, c.runes[1:]
			}
			out = append(out, c)
			s = s[end+1:]
		default:
			_, n := utf8.DecodeRuneInString(s)
			out = append(out, class{runes: s[:n]})
			s = s[n:]
		}
	}
	return out, nil
}

// flags decodes a flag field by the FLAG mode.
func (l *Lexicon) flags(s string) []uint32 {
	var out []uint32
	switch l.mode {
	case flagLong:
		rs := []rune(s)
		for i := 0; i+1 < len(rs); i += 2 {
			out = append(out, uint32(rs[i])<<16|uint32(rs[i+1]))
		}
	case flagNum:
		for _, p := range strings.Split(s, ",") {
			if v, err := strconv.ParseUint(strings.TrimSpace(p), 10, 32); err == nil {
				out = append(out, uint32(v))
			}
		}
	default:
		for _, r := range s {
			out = append(out, uint32(r))
		}
	}
	return out
}

func (l *Lexicon) ignored(s string) string {
	if l.ignore == "" {
		return s
	}
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(l.ignore, r) {
			return -1
		}
		return r
	}, s)
}

func (l *Lexicon) parseDic(dic []byte) error {
	type entry struct {
		stem string
		set  uint32
	}
	sets := map[string]uint32{}
	// intern sorts a set of flags and returns its index in l.flagSets.
	intern := func(fs []uint32) uint32 {
		slices.Sort(fs)
		key := string(u32bytes(fs))
		id, ok := sets[key]
		if !ok {
			id = uint32(len(l.flagSets))
			sets[key] = id
			l.flagSets = append(l.flagSets, fs)
		}
		return id
	}
	var entries []entry
	for n, line := range strings.Split(string(dic), "\n") {
		if n == 0 || line == "" {
			continue // the first line is the count
		}
		stem, fl := line, ""
		for i := 1; i < len(line); i++ {
			if line[i] == '/' && line[i-1] != '\\' {
				stem, fl = line[:i], line[i+1:]
				break
			}
		}
		stem = l.ignored(strings.ReplaceAll(stem, `\/`, "/"))
		if stem == "" {
			continue
		}
		fs := l.flags(fl)
		entries = append(entries, entry{stem, intern(fs)})
		// As hunspell does, a stem in mixed case (McDonald, iPod) or in
		// capitals with affixes (NASA/M) is also a capitalised stem that
		// only a word in capitals may be (MCDONALD, NASA'S).
		if c := capType(stem); (c == mixCap || c == allCap && len(fs) > 0) && !has(fs, l.forbidden) {
			lower := strings.ToLower(stem)
			r, n := utf8.DecodeRuneInString(lower)
			entries = append(entries, entry{string(unicode.ToUpper(r)) + lower[n:], intern(append(slices.Clone(fs), onlyUpcase))})
		}
	}
	slices.SortStableFunc(entries, func(a, b entry) int { return strings.Compare(a.stem, b.stem) })
	size := 0
	for _, e := range entries {
		size += len(e.stem)
	}
	l.stems = make([]byte, 0, size)
	l.off = make([]uint32, 0, len(entries)+1)
	l.flagSet = make([]uint32, 0, len(entries))
	for _, e := range entries {
		l.off = append(l.off, uint32(len(l.stems)))
		l.stems = append(l.stems, e.stem...)
		l.flagSet = append(l.flagSet, e.set)
	}
	l.off = append(l.off, uint32(len(l.stems)))
	return nil
}

func u32bytes(fs []uint32) []byte {
	b := make([]byte, 0, 4*len(fs))
	for _, f := range fs {
		b = append(b, byte(f>>24), byte(f>>16), byte(f>>8), byte(f))
	}
	return b
}

// Stems is the number of stems (homonyms counted apart, and the
// capitalised ones added for words in capitals).
func (l *Lexicon) Stems() int { return len(l.flagSet) }

// Size is the memory the loaded stems take, in bytes.
func (l *Lexicon) Size() int {
	n := len(l.stems) + 4*len(l.off) + 4*len(l.flagSet)
	for _, s := range l.flagSets {
		n += 24 + 4*len(s)
	}
	return n
}

// find returns the range of entries whose stem is s.
func (l *Lexicon) find(s string) (int, int) {
	n := len(l.flagSet)
	i := sort.Search(n, func(i int) bool { return string(l.stems[l.off[i]:l.off[i+1]]) >= s })
	j := i
	for j < n && string(l.stems[l.off[j]:l.off[j+1]]) == s {
		j++
	}
	return i, j
}

func has(set []uint32, f uint32) bool {
	_, ok := slices.BinarySearch(set, f)
	return ok && f != 0
}

// stemWith reports whether s is a stem that has every flag of need (0s
// ignored) and, unless affixed, not NEEDAFFIX; never a forbidden or
// compound-only one, nor, when recased, a KEEPCASE one, nor, for a
// capitalised word, one hidden for words in capitals.
func (l *Lexicon) stemWith(s string, affixed bool, cm caseMode, need ...uint32) bool {
	i, j := l.find(s)
	for ; i < j; i++ {
		set := l.flagSets[l.flagSet[i]]
		if has(set, l.forbidden) || has(set, l.onlyInCompound) || cm&recased != 0 && has(set, l.keepCase) ||
			cm&initCapWord != 0 && has(set, onlyUpcase) {
			continue
		}
		if !affixed && has(set, l.needAffix) {
			continue
		}
		ok := true
		for _, f := range need {
			if f != 0 && !has(set, f) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// forbiddenWord reports whether s is listed with FORBIDDENWORD.
func (l *Lexicon) forbiddenWord(s string) bool {
	if l.forbidden == 0 {
		return false
	}
	i, j := l.find(s)
	for ; i < j; i++ {
		if has(l.flagSets[l.flagSet[i]], l.forbidden) {
			return true
		}
	}
	return false
}

// maxWordBytes is hunspell's limit (MAXWORDUTF8LEN): a word of this many
// bytes or more is not a word. It also bounds the work BREAK does.
const maxWordBytes = 300

// Has reports whether w is a word of the language, in the case it is
// written in or, as hunspell allows, capitalised or in capitals.
func (l *Lexicon) Has(w string) bool {
	if l == nil || w == "" || len(w) >= maxWordBytes || !utf8.ValidString(w) {
		return false
	}
	return l.spell(l.input(w), 0)
}

// spell is Has after ICONV and IGNORE; depth counts BREAK splits.
func (l *Lexicon) spell(w string, depth int) bool {
	if l.forbiddenWord(w) {
		return false // as written: no other case of it saves it
	}
	c := capType(w)
	cm := caseMode(0)
	if c == initCap {
		cm = initCapWord
	}
	if l.check(w, cm) {
		return true
	}
	// Only a capitalised word or one in capitals may be another case of a
	// word; one in mixed case (cOMMANDER, CoMMANDER) is only itself.
	switch c {
	case allCap, initCap:
		lower := strings.ToLower(w)
		if c == allCap {
			// A word in capitals may be a capitalised one (a name),
			// unless that one is forbidden.
			r, n := utf8.DecodeRuneInString(lower)
			title := string(unicode.ToUpper(r)) + lower[n:]
			if l.forbiddenWord(title) {
				return false
			}
			if l.check(title, recased) {
				return true
			}
		}
		if l.check(lower, recased) {
			return true
		}
	}
	// BREAK: a word made of words, such as hyphenated ones.
	if depth >= 10 {
		return false
	}
	for _, p := range l.brk {
		switch {
		case len(p) > 1 && p[0] == '^':
			if rest, ok := strings.CutPrefix(w, p[1:]); ok && rest != "" && l.spell(rest, depth+1) {
				return true
			}
		case len(p) > 1 && p[len(p)-1] == '$':
			if rest, ok := strings.CutSuffix(w, p[:len(p)-1]); ok && rest != "" && l.spell(rest, depth+1) {
				return true
			}
		default:
			for _, i := range []int{strings.Index(w, p), strings.LastIndex(w, p)} {
				if i > 0 && i+len(p) < len(w) && l.spell(w[:i], depth+1) && l.spell(w[i+len(p):], depth+1) {
					return true
				}
			}
		}
	}
	return false
}

// caseMode says how a word is being checked.
type caseMode uint8

const (
	recased     caseMode = 1 << iota // in another case than written
	initCapWord                      // written capitalised
)

// onlyUpcase marks the stems parseDic adds for words in capitals (hunspell's
// ONLYUPCASEFLAG): never a flag of the .aff.
const onlyUpcase = ^uint32(0)

type caseType uint8

const (
	noCap   caseType = iota // no capital letter
	initCap                 // the first letter alone a capital
	allCap                  // every cased letter a capital (two or more)
	mixCap                  // anything else
)

// capType classifies w as hunspell's get_captype does: letters without
// case (digits, apostrophes) count with the capitals.
func capType(w string) caseType {
	ncap, neutral, n := 0, 0, 0
	first := false
	for i, r := range w {
		n++
		if unicode.ToLower(r) != r {
			ncap++
			first = first || i == 0
		}
		if unicode.ToUpper(r) == unicode.ToLower(r) {
			neutral++
		}
	}
	switch {
	case ncap == 0:
		return noCap
	case ncap == 1 && first:
		return initCap
	case ncap == n || ncap+neutral == n:
		return allCap
	}
	return mixCap
}

// input applies ICONV and IGNORE to a word.
func (l *Lexicon) input(w string) string {
	if l.hasIconv {
		var b strings.Builder
		changed := false
	next:
		for i := 0; i < len(w); {
			for _, p := range l.iconv[w[i]] {
				if strings.HasPrefix(w[i:], p[0]) {
					b.WriteString(p[1])
					i += len(p[0])
					changed = true
					continue next
				}
			}
			b.WriteByte(w[i])
			i++
		}
		if changed {
			w = b.String()
		}
	}
	return l.ignored(w)
}

func (l *Lexicon) check(w string, cm caseMode) bool {
	if l.forbiddenWord(w) {
		return false
	}
	return l.stemWith(w, false, cm) || l.suffixed(w, 0, nil, cm) || l.prefixed(w, cm)
}

// condEnd reports whether the end of s meets cond.
func condEnd(s string, cond []class) bool {
	for k := len(cond) - 1; k >= 0; k-- {
		r, n := utf8.DecodeLastRuneInString(s)
		if n == 0 || !cond[k].match(r) {
			return false
		}
		s = s[:len(s)-n]
	}
	return true
}

// condStart reports whether the start of s meets cond.
func condStart(s string, cond []class) bool {
	for _, c := range cond {
		r, n := utf8.DecodeRuneInString(s)
		if n == 0 || !c.match(r) {
			return false
		}
		s = s[n:]
	}
	return true
}

// suffixed reports whether w is a stem with one suffix, or two when
// outer == 0. outer, when set, is the flag of an outer suffix already taken
// off, which this suffix's continuation flags must allow; pfx, when set, is
// a prefix already taken off (a cross product).
func (l *Lexicon) suffixed(w string, outer uint32, pfx *affix, cm caseMode) bool {
	rules := l.sfx
	if outer != 0 {
		rules = l.inner[outer]
	}
	for k := 0; k <= l.maxSfx && k <= len(w); k++ {
		if k > 0 && !utf8.RuneStart(w[len(w)-k]) {
			continue
		}
		rest := w[:len(w)-k]
		if rest == "" && !l.fullStrip {
			continue // an affix never takes the whole word, but with FULLSTRIP
		}
		for _, a := range rules[w[len(w)-k:]] {
			if pfx != nil && !a.cross || outer != 0 && !has(a.cont, outer) || has(a.cont, l.onlyInCompound) {
				continue // ONLYINCOMPOUND on an affix: a joint of compounds
			}
			base := rest + a.strip
			if base == "" || !condEnd(base, a.cond) {
				continue
			}
			switch {
			case pfx != nil:
				// Prefix and suffix (not both needing another affix): the
				// stem takes the suffix or the prefix allows it, and takes
				// the prefix or the suffix allows it, as in hunspell's
				// SfxEntry::checkword (French kilo/S. + ampère/Um + s/S.).
				if has(a.cont, l.needAffix) && has(pfx.cont, l.needAffix) {
					continue
				}
				var need [2]uint32 // 0s are ignored
				if !has(pfx.cont, a.flag) {
					need[0] = a.flag
				}
				if !has(a.cont, pfx.flag) {
					need[1] = pfx.flag
				}
				if l.stemWith(base, true, cm, need[:]...) {
					return true
				}
			case outer != 0:
				if l.stemWith(base, true, cm, a.flag) {
					return true
				}
			default:
				if has(a.cont, l.needAffix) {
					continue // not the last affix of a word
				}
				if l.stemWith(base, true, cm, a.flag) || l.suffixed(base, a.flag, nil, cm) {
					return true
				}
			}
		}
	}
	return false
}

// prefixed reports whether w is a stem with a prefix (and perhaps a
// suffix).
func (l *Lexicon) prefixed(w string, cm caseMode) bool {
	for k := 0; k <= l.maxPfx && k <= len(w); k++ {
		if k < len(w) && !utf8.RuneStart(w[k]) {
			continue
		}
		rest := w[k:]
		if rest == "" && !l.fullStrip {
			continue
		}
		for _, a := range l.pfx[w[:k]] {
			base := a.strip + rest
			if base == "" || has(a.cont, l.onlyInCompound) || !condStart(base, a.cond) {
				continue
			}
			if !has(a.cont, l.needAffix) && l.stemWith(base, true, cm, a.flag) {
				return true
			}
			if a.cross && l.suffixed(base, 0, a, cm) {
				return true
			}
		}
	}
	return false
}
