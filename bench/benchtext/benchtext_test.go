package benchtext

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
)

func proto(r rune) string {
	if p, ok := ucd.Prototype(r); ok {
		return p
	}
	return string(r)
}

func TestLookalikes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		m      map[byte]rune
		script ucd.Script
	}{{"cyrillic", cyrillic, ucd.Cyrillic}, {"greek", greek, ucd.Greek}} {
		for c, r := range tc.m {
			if got := ucd.ScriptOf(r); got != tc.script {
				t.Errorf("%s: %q (U+%04X) is %v, not %v", tc.name, r, r, got, tc.script)
			}
			if proto(r) != proto(rune(c)) {
				t.Errorf("%s: %q (U+%04X) has prototype %q, %q has %q", tc.name, r, r, proto(r), c, proto(rune(c)))
			}
		}
	}
	for _, r := range invisibles {
		if !ucd.Props(r).Has(ucd.DefaultIgnorable) {
			t.Errorf("U+%04X is not default-ignorable", r)
		}
	}
}

// undo maps every character Heavy may write back to the ASCII letter it
// stands for and drops the invisible ones.
func undo(b []byte) []byte {
	back := map[rune]rune{}
	for c, r := range cyrillic {
		back[r] = rune(c)
	}
	for c, r := range greek {
		back[r] = rune(c)
	}
	for _, r := range invisibles {
		back[r] = -1
	}
	for k := rune(0); k < 26; k++ {
		back[boldUpper+k], back[wideUpper+k] = 'A'+k, 'A'+k
		back[boldLower+k], back[wideLower+k] = 'a'+k, 'a'+k
	}
	var out []byte
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if d, ok := back[r]; ok && !(r == utf8.RuneError && n == 1) {
			if d >= 0 {
				out = utf8.AppendRune(out, d)
			}
		} else {
			out = append(out, b[:n]...)
		}
		b = b[n:]
	}
	return out
}

const english = "The firm, which is now one of the biggest investors in Google, benefited from sales of " +
	"high-speed internet connections and higher advert sales. TimeWarner said fourth quarter sales rose 2% to " +
	"$11.1bn from $10.9bn. Its profits were buoyed by one-off gains, a café and a naïve Москва."

func TestHeavy(t *testing.T) {
	text := []byte(strings.Repeat(english+"\n", 20))
	got := Heavy(text)
	if !bytes.Equal(got, Heavy(text)) {
		t.Fatal("two runs differ")
	}
	// The text's own Москва maps too, so both sides are undone.
	if back, want := undo(got), undo(text); !bytes.Equal(back, want) {
		t.Fatalf("undoing the disguise does not give the text back:\n%.300s\nwant\n%.300s", back, want)
	}
	// About half the eligible words are disguised, by every technique.
	words := strings.Fields(string(got))
	changed := 0
	for _, w := range words {
		if !isASCIIString(w) {
			changed++
		}
	}
	if share := float64(changed) / float64(len(words)); share < 0.3 || share > 0.6 {
		t.Errorf("%.2f of the words disguised, want about 0.45", share)
	}
	for _, want := range []string{"\u200B", "𝐬", "ｓ", "о", "ο"} {
		if !strings.Contains(string(got), want) && !containsAnyOfRange(got, want) {
			t.Errorf("no %q-like disguise in output", want)
		}
	}
	for _, keep := range []string{"café", "naïve", "Москва"} {
		if !strings.Contains(string(got), keep) {
			t.Errorf("%q was changed; words with non-ASCII letters must stay", keep)
		}
	}
}

func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// containsAnyOfRange reports whether b holds a character from the same
// block as want's: any bold, fullwidth, Cyrillic, Greek or zero-width one.
func containsAnyOfRange(b []byte, want string) bool {
	w, _ := utf8.DecodeRuneInString(want)
	for _, r := range string(b) {
		if r>>8 == w>>8 {
			return true
		}
	}
	return false
}

func TestRepeat(t *testing.T) {
	for _, sample := range []string{"abc", "line one\nline two\n", "é"} {
		for _, n := range []int{0, 1, 7, 1000} {
			want := bytes.Repeat(Unit([]byte(sample)), n)
			if Size([]byte(sample), n) != int64(len(want)) {
				t.Errorf("Size(%q, %d) = %d, want %d", sample, n, Size([]byte(sample), n), len(want))
			}
			for _, bufSize := range []int{1, 2, 5, 4096} {
				var got []byte
				r := Repeat([]byte(sample), n)
				buf := make([]byte, bufSize)
				for {
					k, err := r.Read(buf)
					got = append(got, buf[:k]...)
					if err == io.EOF {
						break
					}
					if err != nil {
						t.Fatal(err)
					}
				}
				if !bytes.Equal(got, want) {
					t.Errorf("Read(%q × %d, buffer %d) gave %d bytes, want %d", sample, n, bufSize, len(got), len(want))
				}
			}
			var w bytes.Buffer
			if k, err := Repeat([]byte(sample), n).WriteTo(&w); err != nil || k != int64(len(want)) || !bytes.Equal(w.Bytes(), want) {
				t.Errorf("WriteTo(%q × %d) = %d, %v", sample, n, k, err)
			}
		}
	}
	if got := Copies([]byte("abc"), 10); got != 3 { // "abc\n" × 3 = 12 ≥ 10
		t.Errorf("Copies = %d, want 3", got)
	}
}

func TestNewsText(t *testing.T) {
	in := `{"id":"a","title":"One","text":"First.\n\nSecond.","category":"x"}

{"id":"b","title":"Two","text":"Third £5."}
`
	got, err := NewsText([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := "One\n\nFirst.\n\nSecond.\n\nTwo\n\nThird £5.\n"
	if string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := NewsText([]byte(in + "{bad\n")); err == nil || !strings.Contains(err.Error(), "line 4") {
		t.Errorf("bad record: err = %v, want one naming line 4", err)
	}
}

func FuzzHeavy(f *testing.F) {
	f.Add([]byte(english))
	f.Add([]byte("ab\xffcd ef\u200Bgh 𝐚𝐛 ab"))
	f.Fuzz(func(t *testing.T, text []byte) {
		got := Heavy(text)
		if !bytes.Equal(undo(got), undo(text)) {
			t.Fatalf("undo(Heavy(%q)) = %q, want %q", text, undo(got), undo(text))
		}
	})
}

func FuzzNewsText(f *testing.F) {
	f.Add([]byte(`{"title":"a","text":"b"}` + "\n"))
	f.Add([]byte("{\"title\":1}\n\n[]\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := NewsText(in)
		if err == nil && (len(out) == 0 || out[len(out)-1] != '\n') {
			t.Fatalf("NewsText(%q) = %q: no final newline", in, out)
		}
	})
}

func TestLoad(t *testing.T) {
	ins, err := Load("../../testdata")
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("repository testdata not there: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	names := ""
	for _, in := range ins {
		names += in.Name + " "
		if len(in.Text) < 5000 {
			t.Errorf("%s: only %d bytes", in.Name, len(in.Text))
		}
	}
	if names != "english english-accented seed heavy russian chinese " {
		t.Errorf("inputs %q", names)
	}
	if got := Find(ins, "seed"); got.Name != "seed" || len(got.Want) == 0 {
		t.Errorf("Find(seed) = %q with %d bytes of Want", got.Name, len(got.Want))
	}
	if got := Find(ins, "nope"); got.Text != nil {
		t.Error("Find(nope) has text")
	}
	if _, err := Load(t.TempDir()); err == nil {
		t.Error("Load of an empty folder: no error")
	}
}
