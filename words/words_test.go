package words

import (
	"testing"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
)

func split(s string) []string {
	runs := Decode([]byte(s), nil)
	var out []string
	for _, w := range Split(runs, nil) {
		out = append(out, s[w.Start:w.End])
	}
	return out
}

func TestSplit(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"HTTP-сервер", []string{"HTTP", "сервер"}},
		{"ФАЙЛ_WAL", []string{"ФАЙЛ", "WAL"}},
		{"3D-технологии", []string{"3D", "технологии"}},
		{"pass\u200bword", []string{"pass\u200bword"}},  // invisible inside a word joins it
		{"end\u200b next", []string{"end", "next"}},     // trailing invisible does not
		{"Shi’ite", []string{"Shi", "ite"}},             // apostrophes separate
		{"cafe\u0301 ok", []string{"cafe\u0301", "ok"}}, // marks belong to the word
		{"𝐟𝐨𝐨 ｂａｒ", []string{"𝐟𝐨𝐨", "ｂａｒ"}},             // restyled letters are letters
		{"a\xffb", []string{"a", "b"}},                  // an invalid byte separates
		{"", nil},
	}
	for _, tc := range tests {
		got := split(tc.in)
		if len(got) != len(tc.want) {
			t.Errorf("%q: got %q want %q", tc.in, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%q: got %q want %q", tc.in, got, tc.want)
			}
		}
	}
}

func TestDecode(t *testing.T) {
	runs := Decode([]byte("aο𝐟\xff"), nil)
	if len(runs) != 4 {
		t.Fatalf("%d runes", len(runs))
	}
	if runs[1].Script != ucd.Greek || runs[2].Plain != 'f' || runs[2].Style != ucd.StyleFont || runs[3].Class != Invalid || runs[3].Size != 1 {
		t.Errorf("%+v", runs)
	}
}

// TestDecodeAgreesWithUTF8 checks the decoder's own UTF-8 fast paths against
// unicode/utf8 on every lead byte followed by bytes at the edges of the
// continuation range (overlong forms, surrogates, past U+10FFFF, truncated).
func TestDecodeAgreesWithUTF8(t *testing.T) {
	tails := []byte{0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF}
	var b []byte
	for lead := 0x80; lead <= 0xFF; lead++ {
		for _, x := range tails {
			for _, y := range tails {
				for _, z := range tails {
					for n := 1; n <= 4; n++ {
						b = append(b[:0], byte(lead), x, y, z)[:n]
						checkDecode(t, b)
					}
				}
			}
		}
	}
}

// checkDecode fails t unless Decode(b) has the runes utf8.DecodeRune reads,
// each invalid byte one Rune of class Invalid.
func checkDecode(t *testing.T, b []byte) {
	t.Helper()
	runs := Decode(b, nil)
	k := 0
	for i := 0; i < len(b); k++ {
		r, size := utf8.DecodeRune(b[i:])
		if k >= len(runs) {
			t.Fatalf("% X: %d runes, more to read at %d", b, len(runs), i)
		}
		got := runs[k]
		invalid := r == utf8.RuneError && size == 1
		if got.R != r || int(got.Size) != size || int(got.Off) != i || (got.Class == Invalid) != invalid {
			t.Fatalf("% X: rune %d is %U size %d at %d (class %d), utf8 reads %U size %d at %d", b, k, got.R, got.Size, got.Off, got.Class, r, size, i)
		}
		i += size
	}
	if k != len(runs) {
		t.Fatalf("% X: %d runes, utf8 reads %d", b, len(runs), k)
	}
}

func FuzzSplit(f *testing.F) {
	f.Add([]byte("HTTP-сервер pass\u200bword 𝐟𝐨𝐨"))
	f.Fuzz(func(t *testing.T, b []byte) {
		checkDecode(t, b)
		runs := Decode(b, nil)
		total := 0
		for i, r := range runs {
			if int(r.Off) != total || r.Size <= 0 {
				t.Fatalf("rune %d at %d size %d, want offset %d", i, r.Off, r.Size, total)
			}
			total += int(r.Size)
		}
		if total != len(b) {
			t.Fatalf("runes cover %d of %d bytes", total, len(b))
		}
		prev := -1
		for _, w := range Split(runs, nil) {
			if w.Start <= prev || w.End <= w.Start || w.End > len(b) {
				t.Fatalf("bad word span %d-%d", w.Start, w.End)
			}
			prev = w.End - 1
		}
	})
}
