package uts39

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// bidiCharacterTest is where Debian's unicode-data package installs the UAX #9
// conformance file; the test skips when it is absent (as in CI).
const bidiCharacterTest = "/usr/share/unicode/BidiCharacterTest.txt"

// TestBidiCharacterTest checks resolved levels and visual order (rules up to
// L2, without L3/L4, as the file specifies) against every line of
// BidiCharacterTest.txt.
func TestBidiCharacterTest(t *testing.T) {
	fh, err := os.Open(bidiCharacterTest)
	if err != nil {
		t.Skipf("conformance file absent: %v", err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	lines, failed := 0, 0
	for ln := 1; sc.Scan(); ln++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, ";")
		if len(f) != 5 {
			t.Fatalf("line %d: %d fields", ln, len(f))
		}
		var text []rune
		for _, h := range strings.Fields(f[0]) {
			v, _ := strconv.ParseUint(h, 16, 32)
			text = append(text, rune(v))
		}
		para := uint8(autoLevel)
		switch f[1] {
		case "0":
			para = 0
		case "1":
			para = 1
		}
		lines++
		levels, gotPara := paragraphLevels(text, para)
		wantPara, _ := strconv.Atoi(f[2])
		ok := int(gotPara) == wantPara
		var kept []int
		for i, w := range strings.Fields(f[3]) {
			if w == "x" {
				continue
			}
			kept = append(kept, i)
			if v, _ := strconv.Atoi(w); int(levels[i]) != v {
				ok = false
			}
		}
		var got []string
		for _, i := range visualOrder(levels) {
			if !removedByX9(bidiClassOf(text[i])) {
				got = append(got, strconv.Itoa(i))
			}
		}
		if strings.Join(got, " ") != strings.TrimSpace(f[4]) {
			ok = false
		}
		if !ok {
			failed++
			if failed <= 10 {
				t.Errorf("line %d: %s\n got levels %v para %d order %v", ln, line, levels, gotPara, got)
			}
		}
	}
	t.Logf("%d lines, %d failed", lines, failed)
	if failed > 0 {
		t.Errorf("%d of %d lines failed", failed, lines)
	}
}

func TestBidiSkeletonReorders(t *testing.T) {
	tests := []struct {
		dir  Direction
		a, b string
		same bool
	}{
		// The example of ICU's uspoof.h: identical in an LTR paragraph, distinct in RTL.
		{LTR, "A1\u05D0", "A\u05D01", true},
		{RTL, "A1\u05D0", "A\u05D01", false},
		// A right-to-left override displays "elgoog" as "google".
		{LTR, "\u202Eelgoog\u202C", "google", true},
		{LTR, "\u202Eelgoog\u202C", "elgoog", false},
		// Brackets are mirrored at odd levels (L4): "(" after reversal is drawn as ")".
		{RTL, "\u05D0(\u05D1)", "\u05D0(\u05D1)", true},
	}
	for _, tt := range tests {
		if got := BidiConfusable(tt.dir, tt.a, tt.b); got != tt.same {
			t.Errorf("BidiConfusable(%v, %+q, %+q) = %v, want %v (skeletons %+q, %+q)", tt.dir, tt.a, tt.b, got, tt.same,
				BidiSkeleton(tt.dir, tt.a), BidiSkeleton(tt.dir, tt.b))
		}
	}
	// L3 keeps a mark after its base in a right-to-left run, L4 mirrors.
	if got, want := string(reorderVisual([]rune("\u05D0\u05B8\u05D1"), RTL)), "\u05D1\u05D0\u05B8"; got != want {
		t.Errorf("reorderVisual(alef qamats bet) = %+q, want %+q", got, want)
	}
	if got, want := string(reorderVisual([]rune("\u05D0(\u05D1)"), RTL)), "(\u05D1)\u05D0"; got != want {
		t.Errorf("reorderVisual(alef (bet)) = %+q, want %+q", got, want)
	}
}
