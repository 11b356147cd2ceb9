//go:build ignore

// gen.go builds the lookalike model: for every code point, the Latin,
// Greek, Cyrillic letters and ASCII digits a reader may take it for, each
// with a score and the sources that say so. It writes tables.go and
// REPORT.md (what each source found, a sample with scores).
//
//	go generate ./lookalike
//	go run gen.go -data ../../shared/data -out DIR
//
// Sources, in the order they are tried:
//   - confusables.txt (UTS #39): characters sharing a one-character prototype;
//   - compatibility decompositions that leave one letter or digit once
//     parentheses, periods and marks are set aside: fullwidth, mathematical,
//     circled ⓐ, parenthesized ⒜, superscript, and small capitals (by name);
//   - canonical decompositions: a letter with diacritics reads as the
//     lookalike of its base letter with the same diacritics (Cyrillic ӧ is
//     Latin ö), or, with a lower score, as the bare base letter;
//   - glyph similarity measured on GNU Unifont's BMP bitmaps: each glyph's
//     ink is cropped, scaled to the box of each Latin, Greek and Cyrillic
//     letter and ASCII digit, and compared pixel by pixel (Dice coefficient,
//     exact and within one pixel), weighted by how the boxes sit on the line.
//
// Only similarity scores are written, never a glyph: the scores are facts
// measured on the font (GPL-2+ with the font embedding exception, or OFL
// 1.1), as a report of measurements would state them.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"go/format"
	"log"
	"math"
	"math/bits"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/unmaskdev/unmask/internal/ucdfile"
	"github.com/unmaskdev/unmask/ucd"
)

// Source bits, as in lookalike.go.
const (
	srcConfusables = 1 << iota
	srcCompat
	srcDecomp
	srcStripped
	srcGlyph
)

var srcNames = []string{"confusables", "compat", "decomp", "stripped", "glyph"}

// glyphMin is the least glyph score kept; glyphMargin how far the best
// glyph reading of a code point must stand above the next letter's for a
// lone glyph reading to be kept (an o-like ring that is as much an a is no reading).
const (
	glyphMin    = 80
	glyphMargin = 4
)

type reading struct {
	to    rune
	score int
	src   int
}

type model map[rune]map[rune]*reading

func (m model) add(r, to rune, score, src int) {
	if r == to {
		return
	}
	rs := m[r]
	if rs == nil {
		rs = map[rune]*reading{}
		m[r] = rs
	}
	e := rs[to]
	if e == nil {
		rs[to] = &reading{to, score, src}
		return
	}
	e.src |= src
	e.score = max(e.score, score)
}

var (
	dataDir = flag.String("data", "../../shared/data", "the shared data folder (unicode/17.0.0, fonts/unifont)")
	outDir  = flag.String("out", ".", "where to write tables.go and REPORT.md")
	score   = flag.String("score", "", "only print the glyph scores of these pairs (\"ᥒn ᥱe\": each two characters, the second a target) and exit")
)

func main() {
	flag.Parse()
	uni := filepath.Join(*dataDir, "unicode", ucd.UnicodeVersion, "ucd")
	m := model{}
	var report bytes.Buffer
	counts := map[int]int{}
	count := func(name string, f func()) {
		before := m.pairs()
		f()
		after := m.pairs()
		counts[len(counts)] = after - before
		fmt.Fprintf(&report, "| %s | %d |\n", name, after-before)
	}
	fmt.Fprintf(&report, "| source | new (code point, reading) pairs |\n|---|---|\n")
	count("confusables.txt", func() { confusables(m) })
	decomp := readDecomp(filepath.Join(uni, "UnicodeData.txt"))
	count("compatibility decompositions", func() { compat(m, decomp) })
	glyphs := readUnifont(filepath.Join(*dataDir, "fonts", "unifont", "unifont.hex.gz"))
	if *score != "" {
		for _, p := range strings.Fields(*score) {
			if r := []rune(p); len(r) == 2 {
				fmt.Printf("%c→%c %d\n", r[0], r[1], pairScore(glyphs, r[0], r[1]))
			}
		}
		return
	}
	var sample []glyphFind
	count("glyph similarity (Unifont)", func() { sample = glyphSimilar(m, glyphs) })
	// Canonical decompositions last: a base letter's readings are all known by then.
	count("canonical decompositions", func() { canonical(m, decomp) })
	writeTables(m)
	writeReport(m, report.String(), sample, glyphs, calibrate(glyphs))
}

func (m model) pairs() int {
	n := 0
	for _, rs := range m {
		n += len(rs)
	}
	return n
}

// isTarget reports whether t is a letter a reading may give: an ASCII
// letter or digit, or a Greek or Cyrillic letter of the main blocks
// without diacritics. (Canonical decompositions add accented letters: ӧ → ö.)
func isTarget(t rune) bool {
	if t >= '0' && t <= '9' {
		return true
	}
	if !ucd.CategoryOf(t).IsLetter() {
		return false
	}
	switch ucd.ScriptOf(t) {
	case ucd.Latin:
		if t >= 0x80 {
			return false // ASCII letters only: ƅ, ᴑ are lookalikes themselves
		}
	case ucd.Greek, ucd.Cyrillic:
		if t < 0x370 || t >= 0x500 {
			return false // the main blocks: not the phonetic or historic supplements
		}
		if _, dec := ucd.Decomposition(t); dec {
			return false
		}
	default:
		return false
	}
	if _, st := ucd.Styled(t); st != ucd.StyleNone {
		return false // a small capital is itself a disguise
	}
	return true
}

// confusables: every character is read as each letter sharing its prototype.
func confusables(m model) {
	group := map[string][]rune{}
	for i := 0; i < ucd.NumPrototypes(); i++ {
		r, p := ucd.PrototypeAt(i)
		group[p] = append(group[p], r)
	}
	for p, rs := range group {
		if pr := []rune(p); len(pr) == 1 {
			rs = append(rs, pr[0])
		}
		for _, r := range rs {
			for _, t := range rs {
				if t != r && isTarget(t) {
					m.add(r, t, 95, srcConfusables)
				}
			}
		}
	}
}

type decompEntry struct {
	compat bool
	tag    string
	seq    []rune
}

func readDecomp(path string) map[rune]decompEntry {
	d := map[rune]decompEntry{}
	if err := ucdfile.ReadFile(path, func(l *ucdfile.Line) {
		f := l.Field(5)
		if f == "" {
			return
		}
		e := decompEntry{}
		if strings.HasPrefix(f, "<") {
			tag, rest, _ := strings.Cut(f[1:], ">")
			e.compat, e.tag = true, tag
			f = rest
		}
		seq, err := ucdfile.ParseSeq(strings.TrimSpace(f))
		if err != nil {
			l.Errorf("decomposition %q: %v", l.Field(5), err)
			return
		}
		e.seq = seq
		d[l.CodePoint(0)] = e
	}); err != nil {
		log.Fatal(err)
	}
	return d
}

// full returns the full decomposition of r (compatibility ones too when compat).
func full(d map[rune]decompEntry, r rune, compat bool) []rune {
	e, ok := d[r]
	if !ok || e.compat && !compat {
		return []rune{r}
	}
	var out []rune
	for _, c := range e.seq {
		out = append(out, full(d, c, compat)...)
	}
	return out
}

// compat reads a compatibility decomposition that leaves one letter or
// digit, once parentheses, full stops and marks are set aside (⒜ ⑴ ⒈ ⓐ),
// as that letter; the score says how plainly it shows.
func compat(m model, d map[rune]decompEntry) {
	score := map[string]int{"font": 100, "wide": 100, "narrow": 100, "circle": 90, "square": 85,
		"super": 80, "sub": 80, "small": 85, "compat": 90}
	for r := rune(0); r <= 0x10FFFF; r++ {
		e, ok := d[r]
		if !ok || !e.compat {
			continue
		}
		s, ok := score[e.tag]
		if !ok {
			continue // <fraction>, <noBreak>, <isolated>…: not a letter restyled
		}
		var core []rune
		for _, c := range full(d, r, true) {
			if c == '(' || c == ')' || c == '.' || ucd.CategoryOf(c).IsMark() {
				continue
			}
			core = append(core, c)
		}
		if len(core) != 1 || !isTarget(core[0]) {
			continue
		}
		base := core[0]
		if !ucd.CategoryOf(r).IsLetter() && !ucd.CategoryOf(r).IsNumber() && !ucd.CategoryOf(r).IsSymbol() {
			continue
		}
		m.add(r, base, s, srcCompat)
	}
	// Small capitals and negative squared or circled capitals have no decomposition.
	for r := rune(0); r <= 0x10FFFF; r++ {
		n := ucd.Name(r)
		for _, p := range []string{"LATIN LETTER SMALL CAPITAL ", "NEGATIVE SQUARED LATIN CAPITAL LETTER ", "NEGATIVE CIRCLED LATIN CAPITAL LETTER "} {
			if l, ok := strings.CutPrefix(n, p); ok && len(l) == 1 {
				t := rune(l[0])
				if strings.HasPrefix(p, "LATIN LETTER SMALL") {
					t = t - 'A' + 'a'
				}
				m.add(r, t, 85, srcCompat)
			}
		}
	}
}

// canonical reads a letter with diacritics whose base letter has readings
// as each reading with the same diacritics, where that composes to one
// character (Cyrillic ӧ → Latin ö); and any letter with diacritics as its
// bare base letter, with a low score (ẩ → a).
func canonical(m model, d map[rune]decompEntry) {
	compose := map[string]rune{}
	excluded := map[rune]bool{}
	for r, e := range d {
		if !e.compat && len(e.seq) == 1 {
			excluded[r] = true // singletons never compose
		}
	}
	for r := rune(0); r <= 0x10FFFF; r++ {
		if e, ok := d[r]; ok && !e.compat && !excluded[r] {
			k := string(full(d, r, false))
			if _, dup := compose[k]; !dup {
				compose[k] = r
			}
		}
	}
	for r := rune(0); r <= 0x10FFFF; r++ {
		e, ok := d[r]
		if !ok || e.compat || !ucd.CategoryOf(r).IsLetter() {
			continue
		}
		f := full(d, r, false)
		if len(f) < 2 || !ucd.CategoryOf(f[0]).IsLetter() {
			continue
		}
		marks := f[1:]
		for _, c := range marks {
			if !ucd.CategoryOf(c).IsMark() {
				marks = nil
				break
			}
		}
		if marks == nil {
			continue
		}
		base := f[0]
		if isTarget(base) {
			m.add(r, base, 60, srcStripped)
		}
		for _, rd := range m[base] {
			if rd.src == srcStripped || rd.to > 0xFFFF && false {
				continue
			}
			key := string(full(d, rd.to, false)) + string(marks)
			if c, ok := compose[key]; ok && c != r {
				m.add(r, c, rd.score, srcDecomp)
			}
		}
	}
}

// A glyph is a Unifont bitmap: 16 rows of up to 16 columns, bit 15 the leftmost.
type glyph struct {
	rows  [16]uint16
	width int // 8 or 16
}

func readUnifont(path string) map[rune]*glyph {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		log.Fatal(err)
	}
	g := map[rune]*glyph{}
	sc := bufio.NewScanner(z)
	line := 0
	for sc.Scan() {
		line++
		cp, hexits, ok := strings.Cut(sc.Text(), ":")
		r, err := strconv.ParseUint(cp, 16, 32)
		if !ok || err != nil || (len(hexits) != 32 && len(hexits) != 64) {
			log.Fatalf("%s:%d: not a .hex glyph line", path, line)
		}
		x := &glyph{width: len(hexits) / 4}
		step := len(hexits) / 16
		for i := 0; i < 16; i++ {
			v, err := strconv.ParseUint(hexits[i*step:(i+1)*step], 16, 16)
			if err != nil {
				log.Fatalf("%s:%d: %v", path, line, err)
			}
			if step == 2 {
				v <<= 8
			}
			x.rows[i] = uint16(v)
		}
		g[rune(r)] = x
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	return g
}

// box is a glyph's ink cropped: rows top..bottom, columns left..right (0 = leftmost).
type box struct {
	top, bottom, left, right int
	ink                      int
}

func (g *glyph) box() (box, bool) {
	b := box{top: -1, left: 16}
	var or uint16
	for i, row := range g.rows {
		if row == 0 {
			continue
		}
		if b.top < 0 {
			b.top = i
		}
		b.bottom = i
		or |= row
		b.ink += bits.OnesCount16(row)
	}
	if b.top < 0 {
		return b, false
	}
	b.left = bits.LeadingZeros16(or)
	b.right = 15 - bits.TrailingZeros16(or)
	return b, true
}

// scaled returns g's ink scaled (nearest pixel) into an h×w box, top-left aligned.
func (g *glyph) scaled(b box, h, w int) [16]uint16 {
	var out [16]uint16
	bh, bw := b.bottom-b.top+1, b.right-b.left+1
	for y := 0; y < h; y++ {
		sy := b.top + (2*y+1)*bh/(2*h)
		for x := 0; x < w; x++ {
			sx := b.left + (2*x+1)*bw/(2*w)
			if g.rows[sy]&(1<<(15-sx)) != 0 {
				out[y] |= 1 << (15 - x)
			}
		}
	}
	return out
}

func dilate(a [16]uint16, h int) [16]uint16 {
	var d [16]uint16
	for y := 0; y < h; y++ {
		row := a[y] | a[y]<<1 | a[y]>>1
		d[y] |= row
		if y > 0 {
			d[y-1] |= row
		}
		if y+1 < 16 {
			d[y+1] |= row
		}
	}
	return d
}

func count(a [16]uint16) int {
	n := 0
	for _, r := range a {
		n += bits.OnesCount16(r)
	}
	return n
}

func and(a, b [16]uint16) [16]uint16 {
	for i := range a {
		a[i] &= b[i]
	}
	return a
}

// target is a letter the glyphs are compared with, its ink cropped.
type target struct {
	r   rune
	box box
	ink [16]uint16 // cropped to its box, top-left aligned
	dil [16]uint16
}

// similarity scores how much source glyph g (box b) looks like t, 0..100:
// the Dice coefficient of the ink scaled into t's box, half exact and half
// within one pixel, times how alike the boxes sit on the line (height,
// width, top and bottom).
func similarity(g *glyph, b box, t *target) int {
	th, tw := t.box.bottom-t.box.top+1, t.box.right-t.box.left+1
	bh, bw := b.bottom-b.top+1, b.right-b.left+1
	// Boxes much unlike in proportion are not compared: scaling would make anything fit.
	ra, rb := float64(bh)/float64(bw), float64(th)/float64(tw)
	if ra/rb > 1.6 || rb/ra > 1.6 {
		return 0
	}
	s := g.scaled(b, th, tw)
	ns, nt := count(s), count(t.ink)
	if ns == 0 || nt == 0 {
		return 0
	}
	exact := 2 * float64(count(and(s, t.ink))) / float64(ns+nt)
	near := float64(count(and(s, t.dil))+count(and(dilate(s, th), t.ink))) / float64(ns+nt)
	shape := 0.7*exact + 0.3*near
	// Where the box sits: a glyph as tall as x-height letters drawn high (ᒄ) is not d.
	geo := 1.0
	dt, db := math.Abs(float64(b.top-t.box.top)), math.Abs(float64(b.bottom-t.box.bottom))
	geo -= 0.1 * math.Max(0, dt-1)
	geo -= 0.1 * math.Max(0, db-1)
	hr := float64(min(bh, th)) / float64(max(bh, th))
	geo *= hr
	// Width: Unifont draws many scripts in a 16-column cell, at up to twice a Latin letter's width.
	sw := float64(bw)
	if g.width == 16 && bw > tw+2 {
		sw /= 2
	}
	wr := math.Min(sw, float64(tw)) / math.Max(sw, float64(tw))
	geo *= 0.6 + 0.4*wr
	if geo < 0 {
		geo = 0
	}
	// Stroke weight: scaled-up thin strokes fill less.
	ir := float64(min(b.ink, t.box.ink)) / float64(max(b.ink, t.box.ink))
	geo *= 0.8 + 0.2*ir
	return int(math.Round(100 * shape * geo))
}

type glyphFind struct {
	r      rune
	to     rune
	score  int
	second rune
	score2 int
	fresh  bool // no other source gives r a reading in to's script
}

// glyphSimilar compares every BMP letter, digit and symbol glyph of Unifont
// with the target letters, and keeps each reading that scores glyphMin or
// more and stands glyphMargin above the best other letter of its script.
func glyphSimilar(m model, glyphs map[rune]*glyph) []glyphFind {
	var targets []*target
	for r := rune(0); r < 0x500; r++ {
		g := glyphs[r]
		if g == nil || !isTarget(r) || r >= 0x80 && ucd.ScriptOf(r) == ucd.Latin {
			continue // Latin targets: ASCII only
		}
		if _, dec := ucd.Decomposition(r); dec {
			continue
		}
		b, ok := g.box()
		if !ok {
			continue
		}
		t := &target{r: r, box: b}
		for y := b.top; y <= b.bottom; y++ {
			t.ink[y-b.top] = g.rows[y] << b.left
		}
		t.dil = dilate(t.ink, b.bottom-b.top+1)
		targets = append(targets, t)
	}
	var finds []glyphFind
	keys := make([]rune, 0, len(glyphs))
	for r := range glyphs {
		keys = append(keys, r)
	}
	slices.Sort(keys)
	for _, r := range keys {
		c := ucd.CategoryOf(r)
		if !(c.IsLetter() || c == ucd.Nd || c == ucd.No || c == ucd.So || c == ucd.Sm) {
			continue
		}
		if r < 0x80 || isTarget(r) && ucd.ScriptOf(r) != ucd.Common {
			// The targets themselves, and Latin/Greek/Cyrillic letters, are
			// compared only with other scripts' targets.
			if r < 0x80 {
				continue
			}
		}
		if _, dec := ucd.Decomposition(r); dec {
			continue // a letter with diacritics: read through its decomposition
		}
		g := glyphs[r]
		b, ok := g.box()
		if !ok || b.ink < 4 {
			continue
		}
		// Best and second-best per script of target.
		type best struct {
			r1, r2 rune
			s1, s2 int
		}
		per := map[ucd.Script]*best{}
		for _, t := range targets {
			if t.r == r {
				continue
			}
			s := similarity(g, b, t)
			sc := ucd.ScriptOf(t.r)
			if t.r < 0x80 && t.r <= '9' {
				sc = ucd.Common
			}
			if sc == ucd.ScriptOf(r) {
				continue // within one script, letters are what they are
			}
			p := per[sc]
			if p == nil {
				p = &best{}
				per[sc] = p
			}
			switch {
			case s > p.s1:
				p.r2, p.s2 = p.r1, p.s1
				p.r1, p.s1 = t.r, s
			case s > p.s2:
				p.r2, p.s2 = t.r, s
			}
		}
		scs := make([]ucd.Script, 0, len(per))
		for sc := range per {
			scs = append(scs, sc)
		}
		slices.Sort(scs)
		for _, sc := range scs {
			p := per[sc]
			if p.s1 < glyphMin {
				continue
			}
			// Case pairs that look alike (o O, c C, s S) are both readings.
			alike := p.r2 > 0 && (ucd.Props(p.r1)&(ucd.Lowercase|ucd.Uppercase) != ucd.Props(p.r2)&(ucd.Lowercase|ucd.Uppercase)) &&
				strings.EqualFold(string(p.r1), string(p.r2))
			if p.s1-p.s2 < glyphMargin && !alike {
				continue
			}
			fresh := true
			for to := range m[r] {
				if ucd.ScriptOf(to) == sc || sc == ucd.Common && to < 0x80 {
					fresh = false
				}
			}
			m.add(r, p.r1, p.s1, srcGlyph)
			if alike && p.s2 >= glyphMin {
				m.add(r, p.r2, p.s2, srcGlyph)
			}
			finds = append(finds, glyphFind{r, p.r1, p.s1, p.r2, p.s2, fresh})
		}
	}
	return finds
}

func sortedReadings(m model, r rune) []*reading {
	var rs []*reading
	for _, e := range m[r] {
		rs = append(rs, e)
	}
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].score != rs[j].score {
			return rs[i].score > rs[j].score
		}
		return rs[i].to < rs[j].to
	})
	return rs
}

func writeTables(m model) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by gen.go from Unicode %s data and GNU Unifont glyph measurements; DO NOT EDIT.\n\npackage lookalike\n\n", ucd.UnicodeVersion)
	keys := make([]rune, 0, len(m))
	for r := range m {
		keys = append(keys, r)
	}
	slices.Sort(keys)
	fmt.Fprintf(&b, "// index: code point and the position of its first reading in readings; a code point's readings end where the next one's start.\nvar index = [...]entry{\n")
	n := 0
	for _, r := range keys {
		fmt.Fprintf(&b, "\t{0x%04X, %d},\n", r, n)
		n += len(m[r])
	}
	fmt.Fprintf(&b, "}\n\n// readings, best first per code point.\nvar readings = [...]Reading{\n")
	for _, r := range keys {
		for _, e := range sortedReadings(m, r) {
			fmt.Fprintf(&b, "\t{0x%04X, %d, %d},\n", e.to, e.score, e.src)
		}
	}
	b.WriteString("}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*outDir, "tables.go"), src, 0o644); err != nil {
		log.Fatal(err)
	}
}

func show(r rune) string {
	if ucd.CategoryOf(r).IsMark() {
		return fmt.Sprintf("◌%c", r)
	}
	return string(r)
}

// pairScore is the glyph score of a read as c, -1 if either has no glyph.
func pairScore(glyphs map[rune]*glyph, a, c rune) int {
	g, h := glyphs[a], glyphs[c]
	if g == nil || h == nil {
		return -1
	}
	bx, ok := g.box()
	tb, ok2 := h.box()
	if !ok || !ok2 {
		return -1
	}
	t := &target{r: c, box: tb}
	for y := tb.top; y <= tb.bottom; y++ {
		t.ink[y-tb.top] = h.rows[y] << tb.left
	}
	t.dil = dilate(t.ink, tb.bottom-tb.top+1)
	return similarity(g, bx, t)
}

// knownPairs are lookalikes people name (confusables.txt and the issue's
// obfuscator letters); the glyph threshold should admit most of them.
var knownPairs = [][2]rune{{'о', 'o'}, {'ο', 'o'}, {'а', 'a'}, {'е', 'e'}, {'р', 'p'}, {'с', 'c'}, {'у', 'y'},
	{'х', 'x'}, {'Ꭺ', 'A'}, {'ꓲ', 'I'}, {'օ', 'o'}, {'੦', 'o'}, {'ꮟ', 'b'}, {'ᥲ', 'a'}, {'⍶', 'a'},
	{'ᒄ', 'd'}, {'Ꮪ', 'S'}, {'ⵏ', 'I'}, {'ꓮ', 'A'}, {'Ꮇ', 'M'}, {'ս', 'u'}, {'ց', 'g'}, {'ᑕ', 'C'}, {'ᗞ', 'D'}, {'Ꭵ', 'i'}, {'ɑ', 'a'}}

// calibrate scores the known pairs and the most alike distinct ASCII
// letters (which are not lookalikes: n h, c e), for the report.
func calibrate(glyphs map[rune]*glyph) string {
	var b strings.Builder
	score := func(a, c rune) int { return pairScore(glyphs, a, c) }
	b.WriteString("Known pairs (score of the first as the second): ")
	admitted := 0
	for _, p := range knownPairs {
		s := score(p[0], p[1])
		if s >= glyphMin {
			admitted++
		}
		fmt.Fprintf(&b, "%c→%c %d; ", p[0], p[1], s)
	}
	fmt.Fprintf(&b, "\n%d of %d at or above %d.\n\nDistinct ASCII letters and digits, the most alike (not lookalikes but for l I 1, O 0): ", admitted, len(knownPairs), glyphMin)
	type pr struct {
		a, c rune
		s    int
	}
	var ps []pr
	asc := "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	for _, a := range asc {
		for _, c := range asc {
			if a != c && !strings.EqualFold(string(a), string(c)) {
				ps = append(ps, pr{a, c, score(a, c)})
			}
		}
	}
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].s != ps[j].s {
			return ps[i].s > ps[j].s
		}
		return ps[i].a < ps[j].a || ps[i].a == ps[j].a && ps[i].c < ps[j].c
	})
	above := 0
	for _, p := range ps {
		if p.s >= glyphMin {
			above++
		}
	}
	for _, p := range ps[:24] {
		fmt.Fprintf(&b, "%c→%c %d; ", p.a, p.c, p.s)
	}
	fmt.Fprintf(&b, "\n%d of %d ordered pairs at or above %d.\n", above, len(ps), glyphMin)
	return b.String()
}

func writeReport(m model, counts string, finds []glyphFind, glyphs map[rune]*glyph, calib string) {
	var b bytes.Buffer
	b.WriteString("# Lookalike model: what gen.go found\n\n")
	b.WriteString("Generated by `go generate ./lookalike` (gen.go); do not edit. ")
	fmt.Fprintf(&b, "Inputs: Unicode %s (UnicodeData.txt through package ucd, confusables.txt) and GNU Unifont 15.0.01 BMP bitmaps (`fonts/unifont/unifont.hex.gz`, %d glyphs).\n\n", ucd.UnicodeVersion, len(glyphs))
	b.WriteString("Unifont is GPL-2+ with the font embedding exception, or OFL 1.1. No glyph is copied into the\n" +
		"tables: only similarity scores measured on the bitmaps (facts about the font), as a published\n" +
		"measurement would quote them.\n\n")
	total := 0
	for _, rs := range m {
		total += len(rs)
	}
	fmt.Fprintf(&b, "%d code points with %d readings in all. Pairs each source added beyond the sources before it\n(canonical decompositions run last, so that a base letter's readings are known):\n\n%s\n", len(m), total, counts)
	bySrc := make([]int, len(srcNames))
	for _, rs := range m {
		for _, e := range rs {
			for i := range srcNames {
				if e.src&(1<<i) != 0 {
					bySrc[i]++
				}
			}
		}
	}
	b.WriteString("Readings each source supports (a reading may have several):\n\n| source | readings |\n|---|---|\n")
	for i, n := range srcNames {
		fmt.Fprintf(&b, "| %s | %d |\n", n, bySrc[i])
	}
	fresh := 0
	scripts := map[string]int{}
	for _, f := range finds {
		if f.fresh {
			fresh++
			scripts[ucd.ScriptOf(f.r).String()]++
		}
	}
	fmt.Fprintf(&b, "\nGlyph similarity: %d best readings of score ≥ %d standing %d above the next letter of their script; %d give a code point a reading in a script no other source gives it. By script of the code point:\n\n", len(finds), glyphMin, glyphMargin, fresh)
	var ss []string
	for s := range scripts {
		ss = append(ss, s)
	}
	sort.Slice(ss, func(i, j int) bool {
		if scripts[ss[i]] != scripts[ss[j]] {
			return scripts[ss[i]] > scripts[ss[j]]
		}
		return ss[i] < ss[j]
	})
	for _, s := range ss {
		fmt.Fprintf(&b, "%s %d; ", s, scripts[s])
	}
	b.WriteString("\n\nCalibration. " + calib)
	b.WriteString("\nWhat glyph similarity on Unifont does not find: Unifont draws ⍶ as an alpha with an underbar,\n" +
		"ᒄ small and raised, ᥲ and ꮟ in shapes unlike its a and b, so that the letters obfuscators pick\n" +
		"for how other fonts draw them score below the threshold (see the known pairs above). Those are\n" +
		"left to the detector's word-list rule (detect/heavy.go), not to this model.\n")
	b.WriteString("\n\nSample of new glyph readings (every 12th by code point): code point, reading, score, runner-up.\n\n| char | code | reads as | score | runner-up | score |\n|---|---|---|---|---|---|\n")
	k := 0
	for _, f := range finds {
		if !f.fresh {
			continue
		}
		if k%12 == 0 {
			fmt.Fprintf(&b, "| %s | U+%04X | %s | %d | %s | %d |\n", show(f.r), f.r, string(f.to), f.score, string(f.second), f.score2)
		}
		k++
	}
	b.WriteString("\nReadings of the characters the issue names:\n\n| char | readings (letter score sources) |\n|---|---|\n")
	for _, r := range []rune{'⍶', 'ᒄ', '੦', 'ꮟ', 'ᥲ', '⒭', 'ⓐ', 'ӧ', 'ά', 'ο', 'о', 'Ꭺ', 'ꓲ', 'ⴹ', 'օ', '০'} {
		var parts []string
		for _, e := range sortedReadings(m, r) {
			var src []string
			for i, n := range srcNames {
				if e.src&(1<<i) != 0 {
					src = append(src, n)
				}
			}
			parts = append(parts, fmt.Sprintf("%s %d %s", string(e.to), e.score, strings.Join(src, "+")))
		}
		fmt.Fprintf(&b, "| %s U+%04X | %s |\n", show(r), r, strings.Join(parts, "; "))
	}
	if err := os.WriteFile(filepath.Join(*outDir, "REPORT.md"), b.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}
