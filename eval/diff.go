package eval

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
)

// trim returns a and b without their common prefix and suffix, cut at
// points that start a rune (or an invalid byte) in both, and the byte length
// of the prefix.
func trim(a, b string) (string, string, int) {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	for p > 0 && (p < len(a) && !utf8.RuneStart(a[p]) || p < len(b) && !utf8.RuneStart(b[p])) {
		p--
	}
	a, b = a[p:], b[p:]
	s := 0
	for s < len(a) && s < len(b) && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	for s > 0 && (!utf8.RuneStart(a[len(a)-s]) || !utf8.RuneStart(b[len(b)-s])) {
		s--
	}
	return a[:len(a)-s], b[:len(b)-s], p
}

// runesOf decodes s into runes and the byte offset of each (plus len(s) at
// the end). An invalid byte becomes a negative value of its own, so two
// different invalid bytes do not compare equal.
func runesOf(s string) ([]rune, []int) {
	rs := make([]rune, 0, len(s))
	offs := make([]int, 0, len(s)+1)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			r = -1 - rune(s[i])
		}
		rs = append(rs, r)
		offs = append(offs, i)
		i += n
	}
	return rs, append(offs, len(s))
}

// distance is the number of rune deletions plus insertions that turn a into
// b (Myers' O(ND) algorithm), or false once it passes maxD.
func distance(a, b []rune, maxD int) (int, bool) {
	n, m := len(a), len(b)
	maxD = min(maxD, n+m)
	off := maxD + 1
	v := make([]int, 2*maxD+3)
	for d := 0; d <= maxD; d++ {
		if x, y := step(a, b, v, off, d); x >= n && y >= m {
			return d, true
		}
	}
	return maxD, false
}

// step advances every diagonal k in -d..d by one edit and its snake, and
// returns the furthest point on the diagonal n-m (or -1, -1).
func step(a, b []rune, v []int, off, d int) (int, int) {
	n, m := len(a), len(b)
	for k := -d; k <= d; k += 2 {
		var x int
		if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
			x = v[off+k+1]
		} else {
			x = v[off+k-1] + 1
		}
		y := x - k
		for x < n && y < m && a[x] == b[y] {
			x++
			y++
		}
		v[off+k] = x
		if x >= n && y >= m {
			return x, y
		}
	}
	return -1, -1
}

// runesChanged counts the runes of the longer of a and b that are not in
// their longest common subsequence: substitutions, insertions and deletions
// each count one. Past maxD edits it gives the upper bound max(len) and false.
func runesChanged(a, b string, maxD int) (int, bool) {
	a, b, _ = trim(a, b)
	ra, _ := runesOf(a)
	rb, _ := runesOf(b)
	n, m := len(ra), len(rb)
	d, ok := distance(ra, rb, maxD)
	if !ok {
		return max(n, m), false
	}
	return max(n, m) - (n+m-d)/2, true
}

// hunk is one changed region: a[aLo:aHi] became b[bLo:bHi] (rune indices).
type hunk struct{ aLo, aHi, bLo, bHi int }

// hunks is the shortest edit script from a to b as hunks, or false past maxD.
func hunks(a, b []rune, maxD int) ([]hunk, bool) {
	n, m := len(a), len(b)
	maxD = min(maxD, n+m)
	off := maxD + 1
	v := make([]int, 2*maxD+3)
	var trace [][]int
	end := -1
	for d := 0; d <= maxD; d++ {
		trace = append(trace, slices.Clone(v))
		if x, y := step(a, b, v, off, d); x >= n && y >= m {
			end = d
			break
		}
	}
	if end < 0 {
		return nil, false
	}
	var out []hunk
	var cur *hunk
	x, y := n, m
	for d := end; d > 0; d-- {
		v := trace[d] // the furthest points after d-1 edits
		k := x - y
		var prevK int
		if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
			prevK = k + 1 // an insertion of b[prevY]
		} else {
			prevK = k - 1 // a deletion of a[prevX]
		}
		prevX := v[off+prevK]
		prevY := prevX - prevK
		midX, midY := prevX, prevY+1
		if prevK == k-1 {
			midX, midY = prevX+1, prevY
		}
		if x > midX && cur != nil { // a snake separates this edit from the later ones
			out = append(out, *cur)
			cur = nil
		}
		if cur == nil {
			cur = &hunk{aLo: prevX, aHi: midX, bLo: prevY, bHi: midY}
		} else {
			cur.aLo, cur.bLo = prevX, prevY
		}
		x, y = prevX, prevY
	}
	if cur != nil {
		out = append(out, *cur)
	}
	slices.Reverse(out)
	return out, true
}

// describeDiff lists up to max differences between want and got, each with
// its byte offset in got, both sides escaped, and the code points got has.
func describeDiff(want, got string, limit int) []string {
	w, g, p := trim(want, got)
	rw, ow := runesOf(w)
	rg, og := runesOf(g)
	hs, ok := hunks(rw, rg, 400)
	if !ok {
		return []string{fmt.Sprintf("@%d: texts part here and differ in more than 400 places: want %s…, got %s…",
			p, quote(clip(w, 40)), quote(clip(g, 40)))}
	}
	var out []string
	for i, h := range hs {
		if i == limit {
			out = append(out, fmt.Sprintf("… and %d more", len(hs)-limit))
			break
		}
		off := p + og[h.bLo] // byte offset in got
		ws, gs := w[ow[h.aLo]:ow[h.aHi]], g[og[h.bLo]:og[h.bHi]]
		line := fmt.Sprintf("@%d in %s: want %s, got %s", off, around(got, off, off+len(gs)), quote(ws), quote(gs))
		if gs != "" {
			line += " " + codePoints(gs, 4)
		} else {
			line += " (deleted " + codePoints(ws, 4) + ")"
		}
		out = append(out, line)
	}
	return out
}

// around is the text around s[lo:hi], escaped and quoted, up to 24 bytes each side.
func around(s string, lo, hi int) string {
	a, b := max(0, lo-24), min(len(s), hi+24)
	for a > 0 && !utf8.RuneStart(s[a]) {
		a--
	}
	for b < len(s) && !utf8.RuneStart(s[b]) {
		b++
	}
	pre, suf := "", ""
	if a > 0 {
		pre = "…"
	}
	if b < len(s) {
		suf = "…"
	}
	return "\"" + pre + escape(s[a:lo]) + "[" + escape(s[lo:hi]) + "]" + escape(s[hi:b]) + suf + "\""
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func quote(s string) string { return "\"" + escape(s) + "\"" }

// escape shows s with what a reader cannot see spelled out: controls, format
// characters, marks, odd spaces and unassigned code points become ⟨U+XXXX⟩.
func escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, "⟨0x%02X⟩", s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case hidden(r):
			fmt.Fprintf(&b, "⟨U+%04X⟩", r)
		default:
			b.WriteRune(r)
		}
		i += n
	}
	return b.String()
}

func hidden(r rune) bool {
	if r < utf8.RuneSelf {
		return r < 0x20 || r == 0x7F
	}
	switch ucd.CategoryOf(r) {
	case ucd.Mn, ucd.Me, ucd.Mc, ucd.Cf, ucd.Cc, ucd.Co, ucd.Cn, ucd.Cs, ucd.Zs, ucd.Zl, ucd.Zp:
		return true
	}
	return ucd.Props(r).Has(ucd.DefaultIgnorable)
}

// codePoints names up to n code points of s: (U+03BF GREEK SMALL LETTER OMICRON).
func codePoints(s string, n int) string {
	var parts []string
	for _, r := range s {
		if len(parts) == n {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprintf("U+%04X %s", r, ucd.Name(r)))
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
