package jsonl

import (
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
		got, err := Map(r, &out, 4, func(line int, b []byte) ([]byte, error) {
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
	_, err := Map(strings.NewReader(in), io.Discard, 4, func(line int, b []byte) ([]byte, error) {
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
