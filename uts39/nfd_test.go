package uts39

import (
	"bufio"
	"compress/gzip"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/unmaskdev/unmask/ucd"
)

func TestNFD(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"abc", "abc"},
		{"é", "e\u0301"},
		{"Å", "A\u030A"},                               // U+212B ANGSTROM SIGN, a singleton decomposition
		{"ǖ", "u\u0308\u0304"},                         // two levels of decomposition
		{"ᾂ", "α\u0313\u0300\u0345"},                   // four code points
		{"한", "\u1112\u1161\u11AB"},                    // Hangul LVT, algorithmic
		{"하", "\u1112\u1161"},                          // Hangul LV
		{"a\u0301\u0316", "a\u0316\u0301"},             // canonical ordering: ccc 220 before 230
		{"a\u0316\u0301", "a\u0316\u0301"},             // already ordered
		{"\u0301\u0316a", "\u0316\u0301a"},             // leading marks are ordered too
		{"ệ", "e\u0323\u0302"},                         // U+1EC7: below (220) before above (230)
		{"e\u0302\u0323", "e\u0323\u0302"},             // the same from a decomposed, misordered input
		{"a\u0301\u034F\u0316", "a\u0301\u034F\u0316"}, // CGJ (ccc 0) blocks reordering
		{"\xff", "\uFFFD"},
		{"\xed\xa0\x80", "\uFFFD\uFFFD\uFFFD"}, // WTF-8 lone surrogate: three invalid bytes
	}
	for _, tt := range tests {
		if got := NFD(tt.in); got != tt.want {
			t.Errorf("NFD(%+q) = %+q, want %+q", tt.in, got, tt.want)
		}
		if got := string(AppendNFD([]byte("x"), tt.in)); got != "x"+tt.want {
			t.Errorf("AppendNFD(x, %+q) = %+q", tt.in, got)
		}
		if !IsNFD(tt.want) && !strings.Contains(tt.in, "\xff") {
			t.Errorf("IsNFD(%+q) = false", tt.want)
		}
	}
	for _, s := range []string{"é", "a\u0301\u0316", "\xff", "Å"} {
		if IsNFD(s) {
			t.Errorf("IsNFD(%+q) = true", s)
		}
	}
}

// TestMaxDecomp checks that no canonical decomposition is longer than the buffer.
func TestMaxDecomp(t *testing.T) {
	longest := 0
	for r := rune(0xC0); r <= 0x10FFFF; r++ {
		if d, ok := ucd.Decomposition(r); ok {
			longest = max(longest, len([]rune(d)))
		}
	}
	if longest > maxDecomp || longest < 3 {
		t.Errorf("longest canonical decomposition is %d code points; maxDecomp = %d", longest, maxDecomp)
	}
}

func TestNFDAllocs(t *testing.T) {
	for _, s := range []string{"plain ascii text", "e\u0301 already decomposed", "Пример текста"} {
		if n := testing.AllocsPerRun(100, func() { _ = NFD(s) }); n != 0 {
			t.Errorf("NFD(%q): %v allocations, want 0", s, n)
		}
	}
	buf := make([]byte, 0, 256)
	if n := testing.AllocsPerRun(100, func() { buf = AppendNFD(buf[:0], "Ελληνικά και ελληνικά") }); n != 0 {
		t.Errorf("AppendNFD: %v allocations, want 0", n)
	}
}

// normalizationTest is the UAX #15 conformance file of Unicode 17.0.0,
// vendored from ../shared/data/unicode/17.0.0/ucd/NormalizationTest.txt
// (gzip -9; Unicode License v3, its header kept), so the test runs
// everywhere and never skips.
const normalizationTest = "testdata/NormalizationTest.txt.gz"

// TestNormalizationTest checks NFD against every line of NormalizationTest.txt:
// c3 == NFD(c1) == NFD(c2) == NFD(c3) and c5 == NFD(c4) == NFD(c5).
func TestNormalizationTest(t *testing.T) {
	fh, err := os.Open(normalizationTest)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	zr, err := gzip.NewReader(fh)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	lines, failed := 0, 0
	for sc.Scan() {
		line := sc.Text()
		if lines == 0 && strings.HasPrefix(line, "# NormalizationTest-") && !strings.HasPrefix(line, "# NormalizationTest-"+ucd.UnicodeVersion+".txt") {
			t.Fatalf("%s is %s; the tables are Unicode %s", normalizationTest, line, ucd.UnicodeVersion)
		}
		if line == "" || line[0] == '#' || line[0] == '@' {
			continue
		}
		var c [5]string
		for i, f := range strings.SplitN(line, ";", 6)[:5] {
			var b strings.Builder
			for _, h := range strings.Fields(f) {
				v, _ := strconv.ParseUint(h, 16, 32)
				b.WriteRune(rune(v))
			}
			c[i] = b.String()
		}
		lines++
		for _, p := range [][2]int{{0, 2}, {1, 2}, {2, 2}, {3, 4}, {4, 4}} {
			if got := NFD(c[p[0]]); got != c[p[1]] {
				failed++
				if failed < 10 {
					t.Errorf("NFD(c%d of %s) = %+q, want %+q", p[0]+1, line, got, c[p[1]])
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if lines < 20000 {
		t.Fatalf("read only %d lines", lines)
	}
	t.Logf("%d lines checked", lines)
}
