package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 17, 1: the CLI read the first of two equal keys ("clean"), where
// encoding/json, Python and the HTTP API read the last (a disguise). A
// repeated key is now an error: the record is reported with its line
// number, written unchanged, and the exit status is 2.
func TestJSONLRepeatedKey(t *testing.T) {
	dup := `{"text":"clean","text":"h\u03bfme"}`
	in := `{"text":"fine"}` + "\n" + dup + "\n" + `{"id":1,"meta":{"a":1,"a":2},"text":"x"}` + "\n"
	for _, cmd := range []string{"scan", "clean"} {
		code, out, errs := runCmd(t, in, cmd, "--jsonl")
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if code != exitError || len(lines) != 3 || lines[1] != dup || lines[2] != `{"id":1,"meta":{"a":1,"a":2},"text":"x"}` {
			t.Errorf("%s --jsonl: exit %d, output\n%s", cmd, code, out)
		}
		if !strings.Contains(errs, `-:line 2: key "text" is repeated`) || !strings.Contains(errs, `-:line 3: key "a" is repeated in "/meta"`) {
			t.Errorf("%s --jsonl: stderr %q", cmd, errs)
		}
	}
}

// Issue 17, 2: invalid UTF-8 and lone surrogates in a JSON string were read
// as U+FFFD and the verdict was clean. They are kept, reported as
// invalid-utf8 findings (at least suspicious), and clean writes them back
// as they came.
func TestJSONLInvalidText(t *testing.T) {
	for _, c := range []struct {
		in      string
		invalid int    // findings of kind invalid-utf8
		cleaned string // clean --jsonl's output
	}{
		{"{\"text\":\"caf\xff home\"}", 1, "{\"text\":\"caf\xff home\"}"},
		{`{"text":"a \ud800 home"}`, 3, `{"text":"a \ud800 home"}`}, // ED A0 80: three bytes
		{`{"text":"h\u03bfme \udfff"}`, 3, `{"text":"home \udfff"}`},
		{`{"text":"smile \ud83d\ude00"}`, 0, `{"text":"smile \ud83d\ude00"}`}, // a pair: no finding, unchanged
	} {
		code, out, errs := runCmd(t, c.in+"\n", "scan", "--jsonl")
		var rec struct {
			Unmask struct {
				Verdict string
				Counts  map[string]int
			}
		}
		if err := json.Unmarshal([]byte(out), &rec); err != nil {
			t.Fatalf("%s: %v (%s)", out, err, errs)
		}
		if got := rec.Unmask.Counts["invalid-utf8"]; got != c.invalid || c.invalid > 0 && (code != exitFound || rec.Unmask.Verdict == "clean") {
			t.Errorf("scan --jsonl %q: exit %d, verdict %s, %d invalid-utf8, want %d", c.in, code, rec.Unmask.Verdict, got, c.invalid)
		}
		code, out, errs = runCmd(t, c.in+"\n", "clean", "--jsonl")
		if code != exitClean || out != c.cleaned+"\n" {
			t.Errorf("clean --jsonl %q: exit %d, %q, want %q (%s)", c.in, code, out, c.cleaned, errs)
		}
	}
}

// Issue 17, 3: a file that cannot be read stopped the command; grep and
// ripgrep report it, go on, and exit 2 at the end.
func TestMultiFileGoesOn(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	os.WriteFile(a, []byte("plain text\n"), 0o644)
	os.WriteFile(b, []byte("h\u03bfme\n"), 0o644)
	missing := filepath.Join(dir, "nonexistent")
	code, out, errs := runCmd(t, "", "scan", a, missing, b, dir)
	if code != exitError || !strings.Contains(out, a+": clean") || !strings.Contains(out, b+": disguised") {
		t.Errorf("scan: exit %d\n%s", code, out)
	}
	if !strings.Contains(errs, missing) || !strings.Contains(errs, "is a directory") {
		t.Errorf("scan: stderr %q", errs)
	}
	code, out, errs = runCmd(t, "", "clean", a, missing, b)
	if code != exitError || out != "plain text\nhome\n" || !strings.Contains(errs, missing) {
		t.Errorf("clean: exit %d, %q, %q", code, out, errs)
	}
	code, out, _ = runCmd(t, "", "scan", "--jsonl", missing, a)
	if code != exitError || out != "plain text\n" { // not a record: written unchanged
		t.Errorf("scan --jsonl: exit %d, %q", code, out)
	}
}

// Issue 17, 4: a huge record was held whole, several times over (797 MB
// for 121 MB). A record longer than --max-record is now reported with its
// line number and copied through unchanged as it is read.
func TestJSONLRecordLimit(t *testing.T) {
	big := `{"text":"h\u03bfme ` + strings.Repeat("word ", 1000) + `"}`
	in := `{"text":"h\u03bfme"}` + "\n" + big + "\n" + `{"text":"h\u03bfme"}` + "\n"
	for _, cmd := range []string{"scan", "clean"} {
		code, out, errs := runCmd(t, in, cmd, "--jsonl", "--max-record", "1KiB")
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if code != exitError || len(lines) != 3 || lines[1] != big || lines[0] == `{"text":"h\u03bfme"}` {
			t.Errorf("%s: exit %d, %d lines", cmd, code, len(lines))
		}
		if !strings.Contains(errs, "-:line 2: record longer than the limit of 1024 bytes") {
			t.Errorf("%s: stderr %q", cmd, errs)
		}
		if code, _, errs := runCmd(t, in, cmd, "--jsonl"); code == exitError {
			t.Errorf("%s: default limit: exit %d, %s", cmd, code, errs)
		}
	}
}

// Dedup reads records as scan and clean do.
func TestDedupRepeatedKey(t *testing.T) {
	in := `{"id":"a","text":"one two three four five six seven"}` + "\n" + `{"id":"b","text":"x","text":"one two three four five six seven"}` + "\n"
	code, out, errs := runCmd(t, in, "dedup")
	if code != exitError || !strings.Contains(out, `{"id":"b","text":"x","text":"one two three four five six seven"}`+"\n") || !strings.Contains(errs, `-:2: key "text" is repeated`) {
		t.Errorf("dedup: exit %d\n%s\n%s", code, out, errs)
	}
}
