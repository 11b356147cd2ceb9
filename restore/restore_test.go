package restore

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/unmaskdev/unmask/examples"
)

func TestSeedExact(t *testing.T) {
	if got := Bytes(examples.Scraped); !bytes.Equal(got, examples.Restored) {
		t.Fatal("restored seed differs from the text a reader sees")
	}
	if got := String(string(examples.Scraped)); got != string(examples.Restored) {
		t.Fatal("String differs")
	}
}

func TestCleanTextUntouched(t *testing.T) {
	for _, s := range []string{
		"", "plain ASCII", "Η Οικουμενική Διακήρυξη", "HTTP-сервер и 3D-технологии",
		"می‌خواهم", "👨‍👩‍👧", "α = 0.05", "bad \xff byte kept",
	} {
		if got := String(s); got != s {
			t.Errorf("String(%q) = %q", s, got)
		}
	}
}

func TestInvalidUTF8PassesThrough(t *testing.T) {
	in := "fr\xffοm \xed\xa0\x80"
	want := "fr\xffom \xed\xa0\x80" // ο restored, invalid bytes (also WTF-8 surrogate) untouched
	if got := String(in); got != want {
		t.Errorf("got %q want %q", got, want)
	}
}

// big repeats the seed past several chunks, with a tail of tag smuggling.
func big() []byte {
	var b bytes.Buffer
	for b.Len() < 3*(256<<10) {
		b.Write(examples.Scraped)
		b.WriteString("\n")
	}
	b.WriteString("end\U000E0068\U000E0069\n")
	return b.Bytes()
}

func TestStreamEqualsBytes(t *testing.T) {
	in := big()
	want := Bytes(in)
	if bytes.Contains(want, []byte("ο")) || !bytes.HasSuffix(want, []byte("end\n")) {
		t.Fatal("Bytes did not restore every chunk")
	}
	readers := map[string]io.Reader{
		"plain":    NewReader(bytes.NewReader(in)),
		"onebyte":  NewReader(iotest.OneByteReader(bytes.NewReader(in))),
		"halfread": iotest.HalfReader(NewReader(bytes.NewReader(in))),
	}
	for name, r := range readers {
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: stream output differs from Bytes (%d vs %d bytes)", name, len(got), len(want))
		}
	}
}

func TestTransformShortDst(t *testing.T) {
	// A tiny destination forces ErrShortDst; the output must still come out whole.
	in := examples.Scraped
	tr := New()
	var out []byte
	dst := make([]byte, 7)
	src := in
	for {
		nDst, nSrc, err := tr.Transform(dst, src, true)
		out = append(out, dst[:nDst]...)
		src = src[nSrc:]
		if err == nil {
			break
		}
		if err != transform.ErrShortDst {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out, examples.Restored) {
		t.Fatal("output differs under ErrShortDst")
	}
}

func TestChainsWithNFC(t *testing.T) {
	// e + COMBINING ACUTE composes to é; the Greek omicron is restored.
	in := "cafe\u0301 frοm"
	got, _, err := transform.String(transform.Chain(norm.NFC, New()), in)
	if err != nil {
		t.Fatal(err)
	}
	if got != "café from" {
		t.Errorf("got %q", got)
	}
}

func FuzzRestore(f *testing.F) {
	f.Add([]byte("frοm ｃｈｅａｐ pass\u200bword"))
	f.Add([]byte("\xff\xfe"))
	f.Add(examples.Scraped[:300])
	for _, tt := range renderCases {
		f.Add([]byte(tt.in))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		want := Bytes(b)
		got, err := io.ReadAll(NewReader(iotest.OneByteReader(bytes.NewReader(b))))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("stream %q != Bytes %q", got, want)
		}
		if !strings.Contains(string(b), "\n") && bytes.Count(got, []byte("\n")) != 0 {
			t.Fatal("restoration invented a line break")
		}
	})
}

func TestCopyEqualsBytes(t *testing.T) {
	// The longer text has a dozen chunks, so that buffers are reused.
	for _, in := range [][]byte{big(), bytes.Repeat(big(), 4)} {
		want := Bytes(in)
		for _, workers := range []int{1, 2, 5} {
			var out bytes.Buffer
			n, err := Copy(&out, iotest.HalfReader(bytes.NewReader(in)), workers)
			if err != nil || n != int64(len(want)) || !bytes.Equal(out.Bytes(), want) {
				t.Fatalf("%d bytes, workers %d: n=%d err=%v equal=%v", len(in), workers, n, err, bytes.Equal(out.Bytes(), want))
			}
		}
	}
	if _, err := Copy(io.Discard, iotest.ErrReader(io.ErrUnexpectedEOF), 2); err != io.ErrUnexpectedEOF {
		t.Fatalf("read error lost: %v", err)
	}
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n++; w.n > 1 {
		return 0, io.ErrShortWrite
	}
	return len(p), nil
}

func TestCopyStopsOnWriteError(t *testing.T) {
	if _, err := Copy(&failWriter{}, bytes.NewReader(big()), 2); err != io.ErrShortWrite {
		t.Fatalf("write error lost: %v", err)
	}
}

// TestAppendShort holds appendShort to append at every length around its
// 16-byte move, with and without room in dst, and near the end of text.
func TestAppendShort(t *testing.T) {
	text := []byte("0123456789abcdefghijklmnopqrstuvwxyz")
	for _, room := range []int{0, 15, 16, 40} {
		for lo := 0; lo <= len(text); lo++ {
			for hi := lo; hi <= len(text) && hi <= lo+20; hi++ {
				dst := append(make([]byte, 0, 3+room), "ab:"...)
				got := appendShort(dst, text, lo, hi)
				want := "ab:" + string(text[lo:hi])
				if string(got) != want {
					t.Fatalf("room %d, text[%d:%d]: got %q, want %q", room, lo, hi, got, want)
				}
			}
		}
	}
}
