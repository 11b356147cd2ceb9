package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// numbered is the fn of the tests: each line's number and text, and a flag
// for lines that hold an "x".
func numbered(n int, line string, dst []byte) ([]byte, bool) {
	return fmt.Appendf(dst, "%d:%s\n", n, line), strings.Contains(line, "x")
}

// wantLines is what mapLines must write with numbered, worked out line by
// line, and the numbers of the flagged lines.
func wantLines(in string) (string, []int) {
	var out strings.Builder
	var flagged []int
	lines := strings.SplitAfter(in, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1] // the input ends with "\n", or is empty
	}
	for i, l := range lines {
		b, flag := numbered(i+1, strings.TrimSuffix(l, "\n"), nil)
		out.Write(b)
		if flag {
			flagged = append(flagged, i+1)
		}
	}
	return out.String(), flagged
}

// chunky reads at most a random number of bytes at a time.
type chunky struct {
	r   io.Reader
	rng *rand.Rand
}

func (c chunky) Read(p []byte) (int, error) {
	if n := 1 + c.rng.IntN(3*blockBytes); n < len(p) {
		p = p[:n]
	}
	return c.r.Read(p)
}

func TestMapLines(t *testing.T) {
	long := strings.Repeat("long line ", blockBytes/5) // two blocks' worth, one line
	rng := rand.New(rand.NewPCG(1, 2))
	var many strings.Builder
	for i := range 20000 {
		many.WriteString(strings.Repeat("ab x"[i%4:], rng.IntN(40)))
		if i%997 == 0 {
			many.WriteString(long)
		}
		many.WriteByte('\n')
	}
	inputs := []string{
		"", "\n", "\n\n", "a", "a\n", "a\nb", "a\r\nb\r\n", "x\n\nx", long, long + "\n" + long, "a\n" + long + "\nx",
		many.String(), many.String() + "no newline at the end",
	}
	readers := map[string]func(string) io.Reader{
		"whole":    func(s string) io.Reader { return strings.NewReader(s) },
		"one byte": func(s string) io.Reader { return iotest.OneByteReader(strings.NewReader(s)) },
		"chunks":   func(s string) io.Reader { return chunky{strings.NewReader(s), rand.New(rand.NewPCG(3, 4))} },
	}
	for i, in := range inputs {
		want, wantFlagged := wantLines(in)
		for name, reader := range readers {
			if name == "one byte" && len(in) > 1<<20 {
				continue // slow, and the chunks cover it
			}
			for _, workers := range []int{1, 2, 5} {
				var out bytes.Buffer
				var flagged []int
				err := mapLines(reader(in), &out, workers, numbered, func(n int) { flagged = append(flagged, n) })
				if err != nil {
					t.Fatalf("input %d, %s, %d workers: %v", i, name, workers, err)
				}
				if out.String() != want {
					t.Fatalf("input %d, %s, %d workers: output differs (%d bytes, want %d)", i, name, workers, out.Len(), len(want))
				}
				if !slices.Equal(flagged, wantFlagged) {
					t.Fatalf("input %d, %s, %d workers: noted %d lines, want %d", i, name, workers, len(flagged), len(wantFlagged))
				}
			}
		}
	}
}

// TestMapLinesReadError: the lines read before the error are all written,
// the last one as far as it was read, and the error is returned.
func TestMapLinesReadError(t *testing.T) {
	in := strings.Repeat("a line of text\n", 20000) + "cut sh"
	boom := errors.New("boom")
	var out bytes.Buffer
	err := mapLines(io.MultiReader(strings.NewReader(in), iotest.ErrReader(boom)), &out, 3, numbered, func(int) {})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if want, _ := wantLines(in); out.String() != want {
		t.Fatalf("output differs: %d bytes, want %d", out.Len(), len(want))
	}
}

// failAfter accepts n bytes, then fails.
type failAfter struct{ n int }

func (w *failAfter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errors.New("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

// TestMapLinesWriteError: a failed write ends mapLines with the error at
// once, even while the input has more to come.
func TestMapLinesWriteError(t *testing.T) {
	in := strings.Repeat("a line of text\n", 200000)
	for _, n := range []int{0, 100, 500000} {
		err := mapLines(iotest.HalfReader(strings.NewReader(in)), &failAfter{n}, 2, numbered, func(int) {})
		if err == nil || err.Error() != "disk full" {
			t.Errorf("after %d bytes: err = %v, want disk full", n, err)
		}
	}
	// A reader that gives a few lines, then nothing until the test ends.
	pr, pw := io.Pipe()
	defer pw.Close()
	go pw.Write([]byte(in[:1000]))
	done := make(chan error, 1)
	go func() { done <- mapLines(pr, &failAfter{100}, 2, numbered, func(int) {}) }()
	select {
	case err := <-done:
		if err == nil || err.Error() != "disk full" {
			t.Errorf("stalled input: err = %v, want disk full", err)
		}
	case <-time.After(10 * time.Second): // a hang, not a speed limit
		t.Fatal("mapLines still waits for the input after a failed write")
	}
}

// noProgress returns nothing, and no error, forever.
type noProgress struct{}

func (noProgress) Read([]byte) (int, error) { return 0, nil }

func TestMapLinesNoProgress(t *testing.T) {
	done := make(chan error, 1)
	go func() { done <- mapLines(noProgress{}, io.Discard, 2, numbered, func(int) {}) }()
	select {
	case err := <-done:
		if !errors.Is(err, io.ErrNoProgress) {
			t.Errorf("err = %v, want io.ErrNoProgress", err)
		}
	case <-time.After(10 * time.Second): // a hang, not a speed limit
		t.Fatal("mapLines still reads a reader that gives nothing")
	}
}

// flushNotifier sends what has been written at each flush.
type flushNotifier struct {
	buf     bytes.Buffer
	flushed chan string
}

func (f *flushNotifier) Write(p []byte) (int, error) { return f.buf.Write(p) }
func (f *flushNotifier) Flush() error                { f.flushed <- f.buf.String(); return nil }

// TestMapLinesFlushes: a line typed at a terminal gets its answer before the
// next is typed.
func TestMapLinesFlushes(t *testing.T) {
	pr, pw := io.Pipe()
	out := &flushNotifier{flushed: make(chan string)}
	done := make(chan error, 1)
	go func() { done <- mapLines(pr, out, 2, numbered, func(int) {}) }()
	want := ""
	for i := range 3 {
		pw.Write([]byte("typed\n")) // returns once mapLines has read it
		want += fmt.Sprintf("%d:typed\n", i+1)
		select {
		case got := <-out.flushed:
			if got != want {
				t.Fatalf("after line %d: flushed %q, want %q", i+1, got, want)
			}
		case <-time.After(10 * time.Second): // a hang, not a speed limit
			t.Fatalf("line %d not answered before the next", i+1)
		}
	}
	pw.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func FuzzMapLines(f *testing.F) {
	f.Add([]byte("a\nb\n\nx"), uint8(2), uint16(7))
	f.Add([]byte("\r\n\xff\n"), uint8(1), uint16(1))
	f.Fuzz(func(t *testing.T, in []byte, workers uint8, chunk uint16) {
		want, wantFlagged := wantLines(string(in))
		var out bytes.Buffer
		var flagged []int
		r := io.Reader(bytes.NewReader(in))
		if chunk > 0 {
			r = &limited{r, int(chunk)}
		}
		if err := mapLines(r, &out, int(workers%8), numbered, func(n int) { flagged = append(flagged, n) }); err != nil {
			t.Fatal(err)
		}
		if out.String() != want || !slices.Equal(flagged, wantFlagged) {
			t.Fatalf("output %q, noted %v; want %q, %v", out.String(), flagged, want, wantFlagged)
		}
	})
}

// limited reads at most n bytes at a time.
type limited struct {
	r io.Reader
	n int
}

func (l *limited) Read(p []byte) (int, error) {
	if len(p) > l.n {
		p = p[:l.n]
	}
	return l.r.Read(p)
}
