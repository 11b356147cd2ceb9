package bidi

import (
	"bufio"
	"compress/gzip"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/unmaskdev/unmask/ucd"
)

// The UAX #9 conformance files, vendored (gzip -9n, headers kept; Unicode
// License v3) from Debian's unicode-data 15.0.0-1, the newest version any
// package on this machine has; testdata/PROVENANCE.md says why 15.0.0
// files test the 17.0.0 data.
const (
	bidiTest          = "testdata/BidiTest.txt.gz"
	bidiCharacterTest = "testdata/BidiCharacterTest.txt.gz"
)

// eachLine calls f with every line of a gzipped file and its line number.
func eachLine(t *testing.T, path string, f func(ln int, line string)) {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	zr, err := gzip.NewReader(fh)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for ln := 1; sc.Scan(); ln++ {
		f(ln, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// order is the visual order of the characters not removed by X9, as the
// conformance files write it.
func order(levels []uint8, removed func(i int) bool) string {
	var got []string
	for _, i := range VisualOrder(levels) {
		if !removed(i) {
			got = append(got, strconv.Itoa(i))
		}
	}
	return strings.Join(got, " ")
}

// levelsMatch compares levels with a field of the files ("x" for a
// character removed by X9, whose level is not tested).
func levelsMatch(levels []uint8, want string) bool {
	w := strings.Fields(want)
	if len(w) != len(levels) {
		return false
	}
	for i, s := range w {
		if s == "x" {
			continue
		}
		if v, err := strconv.Atoi(s); err != nil || int(levels[i]) != v {
			return false
		}
	}
	return true
}

// TestBidiTest runs every case of BidiTest.txt: sequences of classes in
// auto, LTR and RTL paragraphs, checked for levels and visual order.
func TestBidiTest(t *testing.T) {
	var wantLevels, wantOrder string
	cases, failed := 0, 0
	eachLine(t, bidiTest, func(ln int, line string) {
		if line == "" || line[0] == '#' {
			return
		}
		if v, ok := strings.CutPrefix(line, "@Levels:"); ok {
			wantLevels = v
			return
		}
		if v, ok := strings.CutPrefix(line, "@Reorder:"); ok {
			wantOrder = strings.Join(strings.Fields(v), " ")
			return
		}
		if line[0] == '@' {
			return
		}
		input, bits, ok := strings.Cut(line, ";")
		set, err := strconv.Atoi(strings.TrimSpace(bits))
		if !ok || err != nil {
			t.Fatalf("line %d: %q", ln, line)
		}
		var cls []ucd.BidiClass
		for _, n := range strings.Fields(input) {
			c, ok := ucd.BidiClassByName(n)
			if !ok {
				t.Fatalf("line %d: class %q", ln, n)
			}
			cls = append(cls, c)
		}
		for bit, dir := range []Direction{Auto, LTR, RTL} {
			if set&(1<<bit) == 0 {
				continue
			}
			cases++
			levels, _ := ClassLevels(cls, dir)
			got := order(levels, func(i int) bool { return RemovedByX9(cls[i]) })
			if !levelsMatch(levels, wantLevels) || got != wantOrder {
				failed++
				if failed <= 10 {
					t.Errorf("line %d (%v): %s\n got levels %v order %q; want %s order %q", ln, dir, input, levels, got, wantLevels, wantOrder)
				}
			}
		}
	})
	t.Logf("%d cases, %d failed", cases, failed)
	if cases < 490000 || failed > 0 {
		t.Errorf("%d of %d cases failed", failed, cases)
	}
}

// TestBidiCharacterTest checks resolved levels and visual order (rules up
// to L2, without L3 and L4, as the file specifies) against every line of
// BidiCharacterTest.txt, which adds bracket pairs (N0) to BidiTest.txt.
func TestBidiCharacterTest(t *testing.T) {
	lines, failed := 0, 0
	eachLine(t, bidiCharacterTest, func(ln int, line string) {
		if line == "" || line[0] == '#' {
			return
		}
		f := strings.Split(line, ";")
		if len(f) != 5 {
			t.Fatalf("line %d: %d fields", ln, len(f))
		}
		var text []rune
		for _, h := range strings.Fields(f[0]) {
			v, err := strconv.ParseUint(h, 16, 32)
			if err != nil {
				t.Fatalf("line %d: %v", ln, err)
			}
			text = append(text, rune(v))
		}
		dir := map[string]Direction{"0": LTR, "1": RTL, "2": Auto}[f[1]]
		lines++
		levels, gotPara := Levels(text, dir)
		wantPara, _ := strconv.Atoi(f[2])
		got := order(levels, func(i int) bool { return RemovedByX9(ucd.BidiClassOf(text[i])) })
		if int(gotPara) != wantPara || !levelsMatch(levels, f[3]) || got != strings.Join(strings.Fields(f[4]), " ") {
			failed++
			if failed <= 10 {
				t.Errorf("line %d: %s\n got levels %v para %d order %q", ln, line, levels, gotPara, got)
			}
		}
	})
	t.Logf("%d lines, %d failed", lines, failed)
	if lines < 90000 || failed > 0 {
		t.Errorf("%d of %d lines failed", failed, lines)
	}
}

func TestReorder(t *testing.T) {
	tests := []struct {
		in   string
		dir  Direction
		want string
	}{
		// A right-to-left override shows "xof" as "fox".
		{"\u202Exof\u202C", LTR, "fox"},
		// The nested swap of "Bad Characters" (Boucher et al. 2022): b and a change places.
		{"\u202D\u2066\u202E\u2066b\u2069\u2066a\u2069\u202C\u2069\u202C", LTR, "ab"},
		// L3 keeps a mark after its base in a right-to-left run.
		{"\u05D0\u05B8\u05D1", RTL, "\u05D1\u05D0\u05B8"},
		// L4 mirrors brackets at odd levels.
		{"\u05D0(\u05D1)", RTL, "(\u05D1)\u05D0"},
		// Each paragraph is laid out alone.
		{"\u05D0\u05D1\nab", Auto, "\n\u05D1\u05D0ab"},
	}
	for _, tt := range tests {
		var shown []rune // what is drawn: the explicit formatting characters are not
		for _, r := range Reorder([]rune(tt.in), tt.dir) {
			if !ucd.Props(r).Has(ucd.BidiControl) {
				shown = append(shown, r)
			}
		}
		if got := string(shown); got != tt.want {
			t.Errorf("Reorder(%+q, %v) = %+q, want %+q", tt.in, tt.dir, got, tt.want)
		}
	}
}

// FuzzReorder: Reorder keeps every character (a permutation, mirrored at
// odd levels), and Levels gives one level per character, at most 126.
func FuzzReorder(f *testing.F) {
	for _, s := range []string{"\u202Exof\u202C", "\u202D\u2066\u202E\u2066b\u2069\u2066a\u2069\u202C\u2069\u202C",
		"\u05D0(\u05D1)", "a\u2067b\u2069c", "1.2 \u0661\u0662 %", "\u202B\u202B\u202A\u202C\u2069"} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, s string, d uint8) {
		text := []rune(s)
		dir := Direction(d % 3)
		levels, para := Levels(text, dir)
		if len(levels) != len(text) || para > 1 {
			t.Fatalf("Levels(%+q): %d levels for %d runes, paragraph level %d", s, len(levels), len(text), para)
		}
		for _, l := range levels {
			if l > 126 {
				t.Fatalf("Levels(%+q): level %d", s, l)
			}
		}
		out := Reorder(text, dir)
		count := map[rune]int{}
		for _, r := range text {
			m, _ := ucd.BidiMirror(r)
			count[min(r, m)]++
		}
		for _, r := range out {
			m, _ := ucd.BidiMirror(r)
			count[min(r, m)]--
		}
		for r, n := range count {
			if n != 0 {
				t.Fatalf("Reorder(%+q) = %+q: %U off by %d", s, string(out), r, n)
			}
		}
	})
}
