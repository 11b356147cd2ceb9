package words

import (
	"testing"

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

func FuzzSplit(f *testing.F) {
	f.Add([]byte("HTTP-сервер pass\u200bword 𝐟𝐨𝐨"))
	f.Fuzz(func(t *testing.T, b []byte) {
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
