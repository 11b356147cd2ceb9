package jsonl

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"
)

func TestRecordKeepsOrderAndFields(t *testing.T) {
	in := `{"id":7,"text":"a\u00e9","meta":{"x":[1,2.50]},"n":null}`
	rec, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := rec.String("text"); !ok || s != "aé" {
		t.Fatalf("text %q %v", s, ok)
	}
	if err := rec.Set("text", "<b>&"); err != nil {
		t.Fatal(err)
	}
	rec.Set("new", 1)
	want := `{"id":7,"text":"<b>&","meta":{"x":[1,2.50]},"n":null,"new":1}`
	if got := string(rec.AppendTo(nil)); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{"", "[1]", `{"a":1} x`, `{"a":`, `"s"`, `{"a":1}{"b":2}`} {
		if _, err := Parse([]byte(in)); err == nil {
			t.Errorf("Parse(%q) succeeded", in)
		}
	}
}

func TestMapOrderAndErrors(t *testing.T) {
	// Enough lines for several batches, read whole or a byte at a time
	// (then each batch is the lines already read: one).
	const n = 5000
	broken := map[int]bool{500: true, 1025: true, 3001: true, n: true}
	var in strings.Builder
	for i := 1; i <= n; i++ {
		if broken[i] {
			in.WriteString("broken\n")
			continue
		}
		fmt.Fprintf(&in, "%d\r\n", i)
	}
	for _, slow := range []bool{false, true} {
		var r io.Reader = strings.NewReader(in.String())
		if slow {
			r = iotest.OneByteReader(r)
		}
		var out bytes.Buffer
		var errs []int
		got, err := Map(r, &out, Options{Workers: 4}, func(line int, b []byte) ([]byte, error) {
			if string(b) == "broken" {
				return nil, errors.New("bad")
			}
			if want := fmt.Sprint(line); string(b) != want {
				return nil, fmt.Errorf("line %d given as %q", line, b)
			}
			return append([]byte("x"), b...), nil
		}, func(e *LineError) { errs = append(errs, e.Line) })
		if err != nil || got != n {
			t.Fatalf("slow=%v: n=%d err=%v", slow, got, err)
		}
		lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		if len(lines) != n {
			t.Fatalf("slow=%v: %d lines out of %d", slow, len(lines), n)
		}
		for i, l := range lines {
			want := "x" + fmt.Sprint(i+1)
			if broken[i+1] {
				want = "broken"
			}
			if l != want {
				t.Fatalf("slow=%v: line %d is %q, want %q", slow, i+1, l, want)
			}
		}
		if fmt.Sprint(errs) != "[500 1025 3001 5000]" {
			t.Fatalf("slow=%v: errors on lines %v", slow, errs)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"id":1,"text":"x","z":[{}]}`))
	f.Add([]byte(`{"a":"\ud800"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		rec, err := Parse(b)
		if err != nil {
			return
		}
		again, err := Parse(rec.AppendTo(nil))
		if err != nil {
			t.Fatalf("re-parse of %q: %v", rec.AppendTo(nil), err)
		}
		if string(again.AppendTo(nil)) != string(rec.AppendTo(nil)) {
			t.Fatal("not stable")
		}
	})
}

// A short input is still spread over the workers: lines travel in small
// batches, not in one batch of everything read at once.
func TestMapShortInputUsesWorkers(t *testing.T) {
	in := strings.Repeat(`{"text":"a line of some length, as a record would be"}`+"\n", 200)
	var now, most atomic.Int32
	_, err := Map(strings.NewReader(in), io.Discard, Options{Workers: 4}, func(line int, b []byte) ([]byte, error) {
		n := now.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(time.Millisecond) // long enough for the other workers to start
		now.Add(-1)
		return b, nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if most.Load() < 2 {
		t.Errorf("at most %d line at a time on 4 workers", most.Load())
	}
}

// The bug of issue 17: the CLI read the first of two equal keys, where
// encoding/json, Python and the HTTP API read the last.
func TestParseRepeatedKey(t *testing.T) {
	for _, c := range []struct{ in, key, object string }{
		{`{"text":"clean","text":"h\u03bfme"}`, "text", ""},
		{`{"t\u0065xt":"a","text":"b"}`, "text", ""},
		{`{"id":1,"meta":{"a":1,"a":2},"text":"x"}`, "a", "/meta"},
		{`{"x":[{"k":1,"k":1}]}`, "k", "/x/0"},
	} {
		_, err := Parse([]byte(c.in))
		var dup *DuplicateKeyError
		if !errors.As(err, &dup) || dup.Key != c.key || dup.Object != c.object {
			t.Errorf("Parse(%s) = %v, want key %q repeated in %q", c.in, err, c.key, c.object)
		}
	}
	for _, in := range []string{`{"text":"a","Text":"b"}`, `{"a":{"k":1},"b":{"k":1}}`} {
		if _, err := Parse([]byte(in)); err != nil {
			t.Errorf("Parse(%s): %v", in, err)
		}
	}
}

func TestReadLine(t *testing.T) {
	in := "a\r\nbb\n\r\n" + strings.Repeat("x", 20) + "\r\nlast"
	for _, slow := range []bool{false, true} {
		var r io.Reader = strings.NewReader(in)
		if slow {
			r = iotest.OneByteReader(r)
		}
		br := bufio.NewReaderSize(r, 16)
		var got []string
		for {
			line, err := ReadLine(br, 8)
			if errors.Is(err, ErrTooLong) {
				var rest bytes.Buffer
				if _, err := CopyLine(&rest, br); err != nil {
					t.Fatal(err)
				}
				got = append(got, "long:"+string(line)+"|"+rest.String())
				continue
			}
			if len(line) > 0 || err == nil {
				got = append(got, string(line))
			}
			if err != nil {
				if err != io.EOF {
					t.Fatal(err)
				}
				break
			}
		}
		want := `[a bb  long:xxxxxxxx|xxxxxxxxxxxx` + "\r" + ` last]`
		if fmt.Sprint(got) != want {
			t.Errorf("slow=%v: %q, want %q", slow, fmt.Sprint(got), want)
		}
	}
}

// A line longer than the limit is not held: it is reported and copied
// through as it is read, and the lines around it are worked on as usual.
func TestMapLongLine(t *testing.T) {
	long := `{"text":"` + strings.Repeat("y", 5000) + `"}`
	in := "{\"n\":1}\n" + long + "\r\n{\"n\":3}\n" + long
	for _, slow := range []bool{false, true} {
		var r io.Reader = strings.NewReader(in)
		if slow {
			r = iotest.OneByteReader(r)
		}
		var out bytes.Buffer
		var errs []string
		n, err := Map(r, &out, Options{Workers: 2, MaxLine: 1000}, func(line int, b []byte) ([]byte, error) {
			if len(b) > 1000 {
				t.Errorf("line %d of %d bytes given to fn", line, len(b))
			}
			return append([]byte("ok:"), b...), nil
		}, func(e *LineError) { errs = append(errs, e.Error()) })
		if err != nil || n != 4 {
			t.Fatalf("slow=%v: n=%d err=%v", slow, n, err)
		}
		want := "ok:{\"n\":1}\n" + long + "\r\nok:{\"n\":3}\n" + long + "\n"
		if out.String() != want {
			t.Errorf("slow=%v: output differs:\n%.200q\nwant\n%.200q", slow, out.String(), want)
		}
		if w := "[line 2: record longer than the limit of 1000 bytes line 4: record longer than the limit of 1000 bytes]"; fmt.Sprint(errs) != w {
			t.Errorf("slow=%v: errors %v", slow, errs)
		}
	}
}

// FuzzMapLines holds Map to a plain reading of the lines: each line given
// to fn once, in order, with its number; a line over the limit written as
// it was, and nothing lost or added.
func FuzzMapLines(f *testing.F) {
	f.Add([]byte("a\nbb\r\n\nccc"), uint8(2))
	f.Add([]byte("0123456789\r\n\n\r\r\n"), uint8(3))
	f.Fuzz(func(t *testing.T, in []byte, max uint8) {
		limit := int(max)%64 + 1
		var want bytes.Buffer
		lines := bytes.Split(in, []byte("\n"))
		if len(lines[len(lines)-1]) == 0 {
			lines = lines[:len(lines)-1]
		}
		long := map[int]bool{}
		for i, l := range lines {
			if len(l) > limit { // a "\r" before "\n" counts
				long[i+1] = true
				want.Write(l)
			} else {
				want.WriteString("<")
				if i < len(lines)-1 || bytes.HasSuffix(in, []byte("\n")) {
					l = bytes.TrimSuffix(l, []byte("\r")) // a "\r" ends a line only before "\n"
				}
				want.Write(l)
				want.WriteString(">")
			}
			want.WriteByte('\n')
		}
		var out bytes.Buffer
		var errs []int
		n, err := Map(iotest.HalfReader(bytes.NewReader(in)), &out, Options{Workers: 2, MaxLine: limit}, func(line int, b []byte) ([]byte, error) {
			return append(append([]byte("<"), b...), '>'), nil
		}, func(e *LineError) {
			if !errors.Is(e, ErrTooLong) {
				t.Errorf("line %d: %v", e.Line, e.Err)
			}
			errs = append(errs, e.Line)
		})
		if err != nil || n != len(lines) {
			t.Fatalf("n=%d (want %d) err=%v", n, len(lines), err)
		}
		if out.String() != want.String() {
			t.Fatalf("limit %d: %q\nwant %q", limit, out.String(), want.String())
		}
		if len(errs) != len(long) {
			t.Fatalf("errors on %v, want %v", errs, long)
		}
	})
}
