package detect

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// TestPlainASCII checks the eight-byte test against a byte-by-byte one,
// on every byte in every position and on random words.
func TestPlainASCII(t *testing.T) {
	oracle := func(b []byte) bool {
		for _, c := range b {
			if c >= 0x80 || isDeletion(c) {
				return false
			}
		}
		return true
	}
	check := func(b []byte) {
		if got, want := plainASCII(binary.LittleEndian.Uint64(b)), oracle(b); got != want {
			t.Fatalf("plainASCII(% x) = %v, want %v", b, got, want)
		}
	}
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 8; pos++ {
			b := []byte("abcdefgh")
			b[pos] = byte(c)
			check(b)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var b [8]byte
		for k := range b {
			b[k] = byte(rng.IntN(0x81)) // mostly ASCII, some 0x80
		}
		check(b[:])
	}
}

func TestDeletions(t *testing.T) {
	tests := []struct {
		in, want string
		hidden   []string
	}{
		{"heX\blo", "helo", []string{"X"}},
		{"wo\x7frld", "wrld", []string{"o"}},
		{"ab\b\bc", "c", []string{"ab"}},
		{"é\bx", "x", []string{"é"}},                   // one character, not one byte
		{"line\n\b\bnext", "line\nnext", []string{""}}, // never past the start of a line
		{"x\b\bq", "q", []string{"x"}},
	}
	for _, tt := range tests {
		rep := ScanString(tt.in)
		var hidden []string
		for _, f := range rep.Findings {
			if f.Kind != Deletion || f.Action != Remove {
				t.Errorf("%+q: finding %+v", tt.in, f)
			}
			hidden = append(hidden, f.Hidden)
		}
		if rep.Verdict != Disguised || len(hidden) != len(tt.hidden) {
			t.Errorf("%+q: verdict %v, findings %+v", tt.in, rep.Verdict, rep.Findings)
			continue
		}
		for k := range hidden {
			if hidden[k] != tt.hidden[k] {
				t.Errorf("%+q: erased %+q, want %+q", tt.in, hidden[k], tt.hidden[k])
			}
		}
		if Inert([]byte(tt.in)) {
			t.Errorf("Inert(%+q)", tt.in)
		}
	}
}
