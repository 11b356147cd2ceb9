package lookalike

import (
	"fmt"
	"testing"

	"github.com/unmaskdev/unmask/ucd"
)

func TestBest(t *testing.T) {
	tests := []struct {
		r    rune
		sc   ucd.Script
		min  uint8
		want rune
		src  Source // a source the reading must have
	}{
		{'о', ucd.Latin, 90, 'o', Confusables},    // Cyrillic o
		{'ο', ucd.Cyrillic, 90, 'о', Confusables}, // Greek omicron as Cyrillic o
		{'ⓐ', ucd.Latin, 90, 'a', Compat},         // circled
		{'⒭', ucd.Latin, 90, 'r', Compat},         // parenthesized
		{'ｆ', ucd.Latin, 100, 'f', Compat},        // fullwidth
		{'ᴀ', ucd.Latin, 80, 'a', Compat},         // small capital, by name
		{'ӧ', ucd.Latin, 90, 'ö', Decomp},         // Cyrillic o with diaeresis: Latin ö, accent kept
		{'ά', ucd.Latin, 90, 'á', Decomp},
		{'ẩ', ucd.Latin, 50, 'a', Stripped},
		{'꓄', ucd.Latin, 80, 'T', Glyph}, // Lisu: no table lists it as T
		{'੦', ucd.Latin, 90, 'o', Confusables},
		{'𝟎', ucd.Common, 100, '0', Compat},
	}
	for _, tt := range tests {
		got, ok := Best(tt.r, tt.sc, tt.min)
		if !ok || got.To != tt.want || got.Sources&tt.src == 0 {
			t.Errorf("Best(%q, %v, %d) = %q %d %b, %v; want %q from %b", tt.r, tt.sc, tt.min, got.To, got.Score, got.Sources, ok, tt.want, tt.src)
		}
	}
}

func TestNoReading(t *testing.T) {
	for _, r := range []rune{'a', 'Z', '5', ' ', 'ж', 'λ', '中', 'ब', -1, 0x110000} {
		if _, ok := Best(r, ucd.Latin, 80); ok && r < 0x80 {
			t.Errorf("ASCII %q has a Latin reading", r)
		}
	}
	for _, r := range []rune{'中', 'ब', -1, 0x110000} {
		if rs := Readings(r); rs != nil {
			t.Errorf("Readings(%q) = %v, want none", r, rs)
		}
	}
}

// TestInvariants checks the whole table: sorted index, readings best
// first, a score and a source each, never a reading of a character as itself.
func TestInvariants(t *testing.T) {
	for i := range index {
		if i > 0 && index[i-1].r >= index[i].r {
			t.Fatalf("index not sorted at %d", i)
		}
		rs := Readings(index[i].r)
		if len(rs) == 0 {
			t.Fatalf("U+%04X has an empty entry", index[i].r)
		}
		for j, rd := range rs {
			if rd.To == index[i].r || rd.Sources == 0 || rd.Score == 0 || rd.Score > 100 {
				t.Errorf("U+%04X: bad reading %+v", index[i].r, rd)
			}
			if j > 0 && rs[j-1].Score < rd.Score {
				t.Errorf("U+%04X: readings not best first", index[i].r)
			}
		}
	}
	if Len() < 3000 {
		t.Errorf("only %d code points have readings", Len())
	}
}

func ExampleReadings() {
	for _, rd := range Readings('ⓐ') {
		fmt.Printf("%c %d %b\n", rd.To, rd.Score, rd.Sources)
	}
	// Output:
	// a 90 10
}
