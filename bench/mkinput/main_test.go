package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "123": 123, "20M": 20e6, "5K": 5e3, "1G": 1e9} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "M", "-1", "2MB", "x"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q): no error", in)
		}
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	seed := filepath.Join(dir, "seed.txt")
	restored := filepath.Join(dir, "restored.txt")
	news := filepath.Join(dir, "news.jsonl")
	os.WriteFile(seed, []byte("frοm"), 0o644)
	os.WriteFile(restored, []byte("from"), 0o644)
	os.WriteFile(news, []byte(`{"title":"Ad sales","text":"Profits jumped."}`+"\n"), 0o644)

	var out bytes.Buffer
	expect := filepath.Join(dir, "expect.txt")
	if err := run([]string{"-kind", "seed", "-in", seed, "-restored", restored, "-size", "20", "-expect", expect}, &out); err != nil {
		t.Fatal(err)
	}
	if want := strings.Repeat("frοm\n", 4); out.String() != want { // 6 bytes a copy: 4 copies ≥ 20
		t.Errorf("seed: got %q, want %q", out.String(), want)
	}
	if got, _ := os.ReadFile(expect); string(got) != strings.Repeat("from\n", 4) {
		t.Errorf("seed expect: got %q", got)
	}

	heavy := filepath.Join(dir, "heavy.txt")
	if err := run([]string{"-kind", "heavy", "-in", news, "-size", "1K", "-o", heavy, "-expect", expect}, &out); err != nil {
		t.Fatal(err)
	}
	h, _ := os.ReadFile(heavy)
	e, _ := os.ReadFile(expect)
	if len(h) < 1000 || bytes.Equal(h, e) || !bytes.HasPrefix(e, []byte("Ad sales\n\nProfits jumped.\n")) {
		t.Errorf("heavy: %d bytes, expected text %.40q", len(h), e)
	}

	for _, args := range [][]string{
		{"-kind", "seed"},
		{"-kind", "nope", "-in", seed},
		{"-kind", "seed", "-in", seed, "-expect", expect},
		{"-kind", "news", "-in", seed},
		{"-in", filepath.Join(dir, "missing")},
	} {
		if err := run(args, &out); err == nil {
			t.Errorf("run(%q): no error", args)
		}
	}
}

func TestRunRecord(t *testing.T) {
	seed := filepath.Join(t.TempDir(), "seed.txt")
	os.WriteFile(seed, []byte("fr\u03bfm \"x\"\\"), 0o644)
	var out bytes.Buffer
	if err := run([]string{"-kind", "seed", "-in", seed, "-size", "30", "-record"}, &out); err != nil {
		t.Fatal(err)
	}
	var rec struct{ Text string }
	if err := json.Unmarshal(out.Bytes(), &rec); err != nil || !strings.HasSuffix(out.String(), "}\n") || strings.Count(out.String(), "\n") != 1 {
		t.Fatalf("%q: %v", out.String(), err)
	}
	if want := strings.Repeat("fr\u03bfm \"x\"\\\n", 3); rec.Text != want { // 11 bytes a copy: 3 copies ≥ 30
		t.Errorf("text %q, want %q", rec.Text, want)
	}
}
