package jsonl

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
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
	var in strings.Builder
	for i := 1; i <= 1000; i++ {
		if i == 500 {
			in.WriteString("broken\n")
			continue
		}
		fmt.Fprintf(&in, "%d\r\n", i)
	}
	var out bytes.Buffer
	var errs []*LineError
	n, err := Map(strings.NewReader(in.String()), &out, 4, func(line int, b []byte) ([]byte, error) {
		if string(b) == "broken" {
			return nil, errors.New("bad")
		}
		return append([]byte("x"), b...), nil
	}, func(e *LineError) { errs = append(errs, e) })
	if err != nil || n != 1000 {
		t.Fatalf("n=%d err=%v", n, err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 1000 || lines[0] != "x1" || lines[499] != "broken" || lines[999] != "x1000" {
		t.Fatalf("order or count wrong: %d lines, %q %q %q", len(lines), lines[0], lines[499], lines[999])
	}
	if len(errs) != 1 || errs[0].Line != 500 {
		t.Fatalf("errors %v", errs)
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
