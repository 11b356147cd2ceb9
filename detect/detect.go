// Package detect finds Unicode disguises in text and says where and how.
//
// Scan reads a document in two passes over its words (package words). The
// first builds a profile of the document: how many letters each script has,
// which letters occur in words written in one script, which scripts have
// words that could not be anything but that script. The second judges each
// word against that profile. A character is changed only when the evidence
// is clear; otherwise it is reported with Action Keep and the text is left.
//
// Rules, each from real text:
//   - A letter from another script inside a word (Greek ο in "frοm") is a
//     lookalike when the word's own script has a letter that looks the same.
//     Latin letters inside Cyrillic words are also an orthography in a few
//     languages (Adyghe I for Ӏ, Yukaghir w for ԝ), which use one or two
//     Latin letters so, and more often than the Cyrillic letter. Such a
//     letter is only reported. Disguises plant more kinds of letters (a, e,
//     o, p, c, y, x), or fewer than the writer's own.
//   - Hyphens and underscores separate words: `HTTP-сервер` is two words,
//     each in one script, and clean.
//   - A whole word in another script's lookalikes (Cyrillic "сор") is
//     restored only into Latin, only in a Latin document, and only when that
//     script has no word of its own in the document (an English text that
//     quotes "привет" may quote "он" too); Latin words in other scripts'
//     text (acronyms, names) are never touched.
//   - A one-letter word (α in "α = 0.05", ℝ) is changed only when the same
//     disguise is already proven elsewhere in the document.
package detect

import (
	"encoding/binary"
	"math"
	"runtime"
	"slices"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
	"github.com/unmaskdev/unmask/words"
)

// Scan inspects one document. Offsets inside a scan are 32-bit: a text of
// 2 GiB or more is judged in the chunks of Cut, as ScanAll does.
func Scan(text []byte) Report {
	if len(text) > maxDoc {
		rep := ScanAll(nil, text)
		if len(rep.Findings) == 0 {
			rep.Findings = nil
		}
		return rep
	}
	s := getScanner()
	defer s.release()
	return s.scan(text)
}

// maxDoc is the longest text judged as one document. It is a variable so
// that tests can lower it, to no less than ChunkSize.
var maxDoc = math.MaxInt32

// idle keeps scanners, whose per-rune buffers are the bulk of a scan's
// memory, for the next scans. It is a bounded free list rather than a
// sync.Pool: a pool is emptied by every garbage collection, and a server
// scanning large texts collects often, so each scan grew its buffers anew,
// which made more garbage, which made more collections.
var idle = make(chan *scanner, 2*runtime.GOMAXPROCS(0))

// An idle scanner keeps buffers for a chunk (ChunkSize) of text; larger
// ones, grown by one huge Scan, are let go. Marks (40 bytes) are kept for
// a chunk as disguised as the heavy benchmark (a finding every 7 bytes),
// 5 MB at most; Findings (184 bytes) for one every 16 bytes, 3 MB.
const (
	maxIdleRunes    = ChunkSize
	maxIdleFindings = ChunkSize / 16
	maxIdleMarks    = ChunkSize / 2
)

func getScanner() *scanner {
	select {
	case s := <-idle:
		return s
	default:
		return new(scanner)
	}
}

func (s *scanner) release() {
	if cap(s.dense) > maxIdleRunes || s.sp != nil && cap(s.sp.Runes) > maxIdleRunes {
		return
	}
	if cap(s.outBuf) > maxIdleFindings {
		s.outBuf = nil
	}
	if cap(s.marks) > maxIdleMarks {
		s.marks = nil
	}
	if cap(s.markTmp) > maxIdleMarks {
		s.markTmp = nil
	}
	*s = scanner{sp: s.sp, dense: s.dense[:0], words: s.words[:0], taken: s.taken[:0],
		marks: s.marks[:0], props: s.props[:0], scratch: s.scratch[:0], hbuf: s.hbuf[:0], fix: s.fix[:0], opts: s.opts[:0], markTmp: s.markTmp[:0], quotes: s.quotes, outBuf: s.outBuf, p: profile{sets: s.p.sets[:0], fmts: s.p.fmts[:0]}}
	select {
	case idle <- s:
	default: // enough idle already
	}
}

// ScanInto is Scan with the report's findings in buf's memory (its contents
// are discarded): a server answering request after request reuses one
// buffer instead of allocating the findings of each.
func ScanInto(buf []Finding, text []byte) Report {
	if len(text) > maxDoc {
		return ScanAll(buf, text)
	}
	s := getScanner()
	defer s.release()
	s.into = true
	s.out = buf[:0]
	return s.scan(text)
}

// Fixes returns the changes restoring text makes, in order: the findings
// whose Action is not Keep, with only where they are and what replaces
// them. Leaving out names, words and positions makes it several times
// faster than Scan. Package restore uses it.
func Fixes(text []byte) []Fix { return FixesInto(nil, text) }

// FixesInto is Fixes reusing buf's memory (its contents are discarded), so
// that a caller restoring chunk after chunk allocates once.
func FixesInto(buf []Fix, text []byte) []Fix {
	out := buf[:0]
	if Inert(text) {
		return out
	}
	if len(text) > maxDoc {
		// In chunks, as Scan: offsets inside a scan are 32-bit.
		var scratch []Fix
		eachChunk(text, func(base int, chunk []byte) {
			scratch = FixesInto(scratch, chunk)
			for _, f := range scratch {
				f.Offset += base
				out = append(out, f)
			}
		})
		return out
	}
	s := getScanner()
	defer s.release()
	s.judge(text)
	for i := range s.marks {
		m := &s.marks[i]
		switch m.action {
		case doReplace:
			out = append(out, Fix{Offset: int(m.off), Len: int(m.len), With: s.imitates(m)})
		case doRemove:
			out = append(out, Fix{Offset: int(m.off), Len: int(m.len)})
		}
	}
	return out
}

// Judge is Scan without the findings: the verdict, score, counts, hidden
// text and words of text, which is what sorting a crawl needs. It skips
// making the findings (names, words, lines), which is most of a scan's
// time on disguised text.
func Judge(text []byte) Report {
	if len(text) > maxDoc {
		var t totals
		eachChunk(text, func(_ int, chunk []byte) {
			rep := Judge(chunk)
			t.add(&rep, chunk)
		})
		return t.report()
	}
	s := getScanner()
	defer s.release()
	s.verdictOnly = true
	return s.scan(text)
}

// ScanString is Scan for a string.
func ScanString(s string) Report { return Scan([]byte(s)) }

// IsASCII reports whether b is all ASCII, which cannot hold a disguise.
func IsASCII(b []byte) bool {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(b); i++ {
		if b[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Inert reports whether b cannot hold a disguise: ASCII but for BACKSPACE
// and DELETE (which erase the character before them), plus only
// non-ASCII characters that are neither letters, marks, numbers nor format
// characters (’ “ — £ €, emoji without joiners). Most English text is
// inert, and is passed over at memory speed.
func Inert(b []byte) bool {
	last := rune(-1) // the last non-ASCII rune found inert: curly quotes repeat
	for i := 0; i < len(b); {
		// Skip ASCII eight bytes at a time, but for BACKSPACE and DELETE.
		for i+8 <= len(b) && plainASCII(binary.LittleEndian.Uint64(b[i:])) {
			i += 8
		}
		if i == len(b) {
			break
		}
		c := b[i]
		if c < utf8.RuneSelf {
			if isDeletion(c) {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return false
		}
		if r != last {
			if !inertRune(r) {
				return false
			}
			last = r
		}
		i += n
	}
	return true
}

func inertRune(r rune) bool {
	switch r {
	case '’', '‘', '“', '”', '—', '–', '£', '€', '…', '\u00a0', '·', '°', '©', '®', '™', '•':
		return true
	}
	if _, ok := blankOf(r); ok {
		return false
	}
	c := ucd.CategoryOf(r)
	if c.IsLetter() || c.IsMark() || c.IsNumber() || c == ucd.Cf || c == ucd.Cn || c == ucd.Co || c == ucd.Cs {
		return false
	}
	_, st := ucd.Styled(r)
	return st == ucd.StyleNone && !ucd.Props(r).Has(ucd.DefaultIgnorable)
}

// forceDense makes every scan judge all runes, as scans of non-Latin text
// do; tests compare it with the sparse scan.
var forceDense bool

// maxWord is the most of a word a Finding quotes, in bytes.
const maxWord = 120

type scanner struct {
	into bool // ScanInto: findings go to the caller's buffer, s.out
	// verdictOnly: Judge, a report without findings
	verdictOnly bool
	text        []byte
	str         string // text as a string, made on first use by finding
	// runs are the runes the passes look at: in a Latin document only the
	// regions of sp (words.Sparse), where a disguise can be; otherwise all
	// of the text's runes, in dense.
	runs     []words.Rune
	sp       *words.Sparse
	dense    []words.Rune
	gapWords int // words of the text not in runs (all ASCII)
	words    []words.Word
	p        profile
	out      []Finding
	taken    []bool       // per rune: already part of a finding
	props    []proposal   // reused by judgeWord
	scratch  []proposal   // reused by mixed
	hbuf     []byte       // reused by heavyWord
	fix      []rune       // per rune, reused by heavy
	intr     *intruders   // counted on first use (see intruders); nil after release
	own      map[rune]int // letters of the dominant script, lowercased, made on first use (see allNative); nil after release
	quotes   *[256]quoted // see quote
	outBuf   []Finding    // Scan's findings grow here, then are copied out
	marks    []mark       // the findings while the scan runs (see mark)
	opts     []option     // reused by heavyWord
	markTmp  []mark       // reused by sortMarks
	spans    []span       // what marks made by addSpan say (see span)
	spanPass int          // spans before this index are of earlier passes
}

func (s *scanner) scan(text []byte) Report {
	rep := Report{Verdict: Clean, Counts: map[Kind]int{}}
	if Inert(text) {
		rep.Words = words.CountWords(text)
		if s.into {
			rep.Findings = s.out // empty, in the caller's memory
		}
		return rep
	}
	s.judge(text)
	s.summarize(&rep)
	if s.verdictOnly {
		return rep
	}
	switch {
	case s.into:
		// The caller's buffer.
	case len(s.marks) > maxIdleFindings:
		s.out = make([]Finding, 0, len(s.marks)) // too large to keep idle: the report takes it
	default:
		s.out = s.outBuf[:0]
	}
	s.findings()
	locate(text, s.out)
	switch {
	case s.into, len(s.marks) > maxIdleFindings:
		rep.Findings = s.out
	case len(s.out) > 0:
		// s.out grew in the scanner's reused buffer; the report gets an exact copy.
		rep.Findings = slices.Clone(s.out)
		clear(s.out)
		s.outBuf = s.out[:0]
	}
	return rep
}

// summarize fills in rep all but the findings: verdict, score, counts,
// hidden text and words, from the marks.
func (s *scanner) summarize(rep *Report) {
	rep.Words = len(s.words) + s.gapWords
	changed, kept := 0, 0
	var counts [len(kindNames)]int
	for i := range s.marks {
		m := &s.marks[i]
		counts[m.kind]++
		if m.kind == kTag {
			if h := s.hidden(m); h != "" {
				rep.Hidden = append(rep.Hidden, h)
			}
		}
		if m.kind == kSelector {
			if h := s.spans[spanWith-m.with].hidden; h != "" {
				rep.Hidden = append(rep.Hidden, h)
			}
		}
		if m.action == doKeep {
			kept++
		} else {
			changed++
		}
	}
	for k, n := range counts {
		if n > 0 {
			rep.Counts[kindNames[k]] = n
		}
	}
	// Sorted findings of one word are consecutive: count the words hit
	// as changes of word, and findings outside words as one.
	wordsHit, outside, lastWord := 0, 0, int32(-1)
	for i := range s.marks {
		switch w := s.marks[i].word; {
		case w < 0:
			outside = 1
		case w != lastWord:
			wordsHit++
			lastWord = w
		}
	}
	wordsHit += outside
	switch {
	case changed > 0:
		rep.Verdict = Disguised
	case kept > 0:
		rep.Verdict = Suspicious
	}
	if rep.Words > 0 {
		rep.Score = float64(wordsHit) / float64(rep.Words)
		if rep.Score > 1 {
			rep.Score = 1
		}
	}
}

// judge runs the rules over text, which is not Inert, leaving the findings
// in s.marks, sorted.
func (s *scanner) judge(text []byte) {
	s.text = text
	if s.sp == nil {
		s.sp = new(words.Sparse)
	}
	words.DecodeSparse(text, s.sp)
	s.runs, s.gapWords = s.sp.Runes, s.sp.GapWords
	s.p.build(s.runs, &s.sp.ASCII)
	if s.p.dominant != ucd.Latin && s.p.dominant != ucd.Unknown || forceDense {
		// Words of ASCII letters can be disguised in another script's
		// text (Latin "ce" in Bulgarian): every word is judged.
		s.dense = s.sp.Dense(text, s.dense[:0])
		s.runs, s.gapWords = s.dense, 0
		if s.p.formats > 0 {
			s.p.formatsIn(s.runs)
		}
	}
	s.words = words.Split(s.runs, s.words[:0])
	s.p.perWord(s.runs, s.words)
	s.taken = grow(s.taken, len(s.runs))

	if hasDeletion(text) {
		s.deletions() // first: the characters erased are no one's to change
	}
	if s.p.invalid > 0 {
		s.invalid()
	}
	s.blanks()
	if s.p.formats > 0 {
		s.tags()
		if s.p.bidi > 0 {
			s.bidi() // before invisibles: a reordering covers the runes it moves
		}
		s.selectors()
		s.invisibles()
	}
	if s.p.marks > 0 {
		s.zalgo()
	}
	s.letters()
	if s.p.digits > 0 {
		s.mixedDigits()
	}
	if s.p.marks > 0 {
		s.composeMarks()
	}
	s.heavy(s.confident())

	s.sortMarks()
}

// confident counts the changes found so far.
func (s *scanner) confident() int {
	n := 0
	for i := range s.marks {
		if s.marks[i].action != doKeep {
			n++
		}
	}
	return n
}

// mark is a finding while the scan runs: 28 bytes and no pointer where a
// Finding has 184, which the passes and the sort move tens of thousands of.
// The Findings are made from the marks at the end (finding).
type mark struct {
	off, len int32
	first    int32 // index of the (first) rune
	last     int32 // index of the last rune
	word     int32 // index of the word, -1 outside words
	with     rune  // what replaces it (every rule replaces with one rune); -1 none
	kind     kindCode
	action   actionCode
}

// imitates is what a reader takes m for: with as a string, or the text
// of a span (see addSpan).
func (s *scanner) imitates(m *mark) string {
	if m.with < 0 {
		if m.with <= spanWith {
			return s.spans[spanWith-m.with].with
		}
		return ""
	}
	return runeString(m.with)
}

// add records a finding over runes [i, j] replaced by with (-1 for
// nothing), in word (-1 if none).
func (s *scanner) add(i, j int, kind kindCode, action actionCode, with rune, word int) {
	for k := i; k <= j; k++ {
		s.taken[k] = true
	}
	if len(s.marks) == cap(s.marks) {
		// Double: append grows large slices by a quarter, which for tens of
		// thousands of findings allocated five times their size.
		s.marks = slices.Grow(s.marks, max(len(s.marks), 16))
	}
	off := s.runs[i].Off
	n := len(s.marks)
	s.marks = s.marks[:n+1]
	// Field by field: a mark literal was built on the stack and copied,
	// which stalled on every finding.
	m := &s.marks[n]
	m.off, m.len = off, int32(s.runs[j].End())-off
	m.first, m.last, m.word = int32(i), int32(j), int32(word)
	m.with, m.kind, m.action = with, kind, action
}

// findings appends the Findings of the marks to s.out.
func (s *scanner) findings() {
	n := len(s.out)
	s.out = slices.Grow(s.out, len(s.marks))[:n+len(s.marks)]
	for i := range s.marks {
		s.finding(&s.out[n+i], &s.marks[i])
	}
}

// finding writes the Finding of m to f, with the names, the word and what
// it quotes. It is written in place: a 184-byte Finding returned by value
// was built, patched and copied, which stalled on each.
func (s *scanner) finding(f *Finding, m *mark) {
	*f = Finding{Offset: int(m.off), Len: int(m.len), Imitates: s.imitates(m), Kind: m.kind.Kind(), Action: m.action.Action()}
	if m.kind == kTag {
		f.Hidden = s.hidden(m)
	}
	if m.with <= spanWith {
		s.spanFinding(f, m)
		return
	}
	if s.str == "" {
		// One string of the text, which every Word and every Char of
		// several characters slices (one character comes from quote): a
		// string per finding was most of a scan's allocations.
		s.str = string(s.text)
	}
	r := s.runs[m.first]
	q := s.quote(r)
	f.Code, f.Name, f.Script = q.code, q.name, q.script
	if m.first == m.last {
		f.Char = q.char
	} else {
		f.Char = s.str[f.Offset : f.Offset+f.Len]
	}
	if r.Class == words.Invalid {
		f.Name, f.Script, f.Code = "invalid UTF-8 byte", "", hexByte(s.text[r.Off])
	}
	if m.word >= 0 {
		w := s.words[m.word]
		lo, hi := w.Start, w.End
		if hi-lo > maxWord {
			// A huge "word" (10 MB of letters) is shown around the finding only.
			lo, hi = max(lo, f.Offset-maxWord/2), min(hi, f.Offset+f.Len+maxWord/2)
			for lo > w.Start && !utf8.RuneStart(s.text[lo]) {
				lo--
			}
			for hi < w.End && !utf8.RuneStart(s.text[hi]) {
				hi++
			}
		}
		f.Word, f.WordAt = s.str[lo:hi], lo
	}
}

// quoted is what findings say of one character.
type quoted struct {
	r                        rune
	code, name, script, char string
}

// quote returns the strings for rune r, from a small cache that the
// scanner keeps from scan to scan: a disguise repeats a few characters (188
// omicrons in the seed), and each string built anew is an allocation.
func (s *scanner) quote(r words.Rune) *quoted {
	if s.quotes == nil {
		s.quotes = new([256]quoted)
	}
	q := &s.quotes[uint32(r.R)*0x9E3779B9>>24]
	if q.char == "" || q.r != r.R || r.Class == words.Invalid {
		*q = quoted{r: r.R, code: code(r.R), name: ucd.Name(r.R), script: ucd.ScriptOf(r.R).String(),
			char: string(s.text[r.Off:r.End()])}
	}
	return q
}

func (s *scanner) invalid() {
	for i, r := range s.runs {
		if r.Class == words.Invalid {
			s.add(i, i, kBadUTF8, doKeep, -1, s.wordOf(i))
		}
	}
}

// wordOf returns the index of the word holding rune i, or -1.
func (s *scanner) wordOf(i int) int {
	lo, hi := 0, len(s.words)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case s.words[m].Last < i:
			lo = m + 1
		case s.words[m].First > i:
			hi = m
		default:
			return m
		}
	}
	return -1
}

// grow returns buf resized to n elements, all zero, reusing its memory.
func grow[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	buf = buf[:n]
	clear(buf)
	return buf
}
