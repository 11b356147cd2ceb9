package ucd

import "testing"

func TestBidiClassOf(t *testing.T) {
	tests := []struct {
		r    rune
		want BidiClass
	}{
		{'a', BidiL}, {'1', BidiEN}, {' ', BidiWS}, {'\n', BidiB}, {'\t', BidiS}, {'(', BidiON},
		{0x05D0, BidiR}, {0x0627, BidiAL}, {0x0661, BidiAN}, {0x0301, BidiNSM}, {0x200B, BidiBN},
		{0x202A, BidiLRE}, {0x202D, BidiLRO}, {0x202B, BidiRLE}, {0x202E, BidiRLO}, {0x202C, BidiPDF},
		{0x2066, BidiLRI}, {0x2067, BidiRLI}, {0x2068, BidiFSI}, {0x2069, BidiPDI}, {0x200F, BidiR},
		{0x05FF, BidiR},   // unassigned in the Hebrew block: @missing default R
		{0x07BF, BidiAL},  // unassigned in Thaana's block: AL
		{0x20C1, BidiET},  // Currency Symbols: ET
		{0xE0080, BidiBN}, // unassigned default ignorable: BN
		{0x1D6C1, BidiON}, // MATHEMATICAL BOLD NABLA: L in 15.0.0, ON since 16.0.0
		{0x10FFFF, BidiBN},
		{0x3042, BidiL},
	}
	for _, tt := range tests {
		if got := BidiClassOf(tt.r); got != tt.want {
			t.Errorf("BidiClassOf(%U) = %v, want %v", tt.r, got, tt.want)
		}
	}
}

func TestBidiMirrorAndBracket(t *testing.T) {
	if m, ok := BidiMirror('('); !ok || m != ')' {
		t.Errorf("BidiMirror('(') = %q, %v", m, ok)
	}
	if m, ok := BidiMirror('a'); ok || m != 'a' {
		t.Errorf("BidiMirror('a') = %q, %v", m, ok)
	}
	if p, open, ok := BidiBracket('['); !ok || !open || p != ']' {
		t.Errorf("BidiBracket('[') = %q, %v, %v", p, open, ok)
	}
	if p, open, ok := BidiBracket(0x232A); !ok || open || p != 0x2329 {
		t.Errorf("BidiBracket(U+232A) = %U, %v, %v", p, open, ok)
	}
	if _, _, ok := BidiBracket('<'); ok {
		t.Error("'<' is mirrored but not a paired bracket")
	}
}

func TestIsVariationSequence(t *testing.T) {
	tests := []struct {
		base, vs rune
		want     bool
	}{
		{'0', 0xFE00, true},      // DIGIT ZERO short diagonal stroke form
		{0x2764, 0xFE0F, true},   // HEAVY BLACK HEART, emoji presentation
		{'#', 0xFE0E, true},      // NUMBER SIGN, text presentation
		{0x1820, 0x180B, true},   // MONGOLIAN LETTER A, first form
		{0x8279, 0xFE00, true},   // CJK compatibility variant
		{'a', 0xFE0F, false},     // a Latin letter has no variants
		{0x1F60A, 0xFE0F, false}, // 😊 has emoji presentation only: not a sequence
		{'0', 0xFE01, false},
	}
	for _, tt := range tests {
		if got := IsVariationSequence(tt.base, tt.vs); got != tt.want {
			t.Errorf("IsVariationSequence(%U, %U) = %v, want %v", tt.base, tt.vs, got, tt.want)
		}
	}
}
