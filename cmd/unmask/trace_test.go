package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sampleArticles reads the BBC sample kept for the fingerprint tests.
func sampleArticles(t *testing.T) []map[string]string {
	t.Helper()
	fh, err := os.Open("../../fingerprint/testdata/bbc-sample.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var out []map[string]string
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]string
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

func disguiseText(s string) string {
	return strings.NewReplacer("a", "\u0430", "o", "\u03bf", "e", "\u0435", " t", " \u200bt").Replace(s)
}

const farmFooter = "\n\nRead more great stories at FarmNews Daily.\nSubscribe today for free updates and win prizes every week."

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestIndexAndTrace(t *testing.T) {
	arts := sampleArticles(t)
	dir := t.TempDir()
	var jl strings.Builder
	for _, a := range arts[:15] {
		b, _ := json.Marshal(map[string]string{"url": a["id"], "body": a["text"]})
		jl.Write(append(b, '\n'))
	}
	corpusFile := writeFile(t, dir, "originals.jsonl", jl.String())
	plain := writeFile(t, dir, "extra.txt", arts[15]["text"])
	db := filepath.Join(dir, "idx")

	code, out, errOut := runCmd(t, "", "index", "add", "--db", db, "--id-field", "url", "--field", "body", "--batch", "4", corpusFile, plain)
	if code != 0 || !strings.Contains(out, "added 16 documents (0 replaced)") {
		t.Fatalf("index add: %d %q %q", code, out, errOut)
	}
	// Re-adding replaces.
	if code, out, _ := runCmd(t, "", "index", "add", "--db", db, plain); code != 0 || !strings.Contains(out, "(1 replaced)") {
		t.Errorf("re-add: %d %q", code, out)
	}
	code, out, _ = runCmd(t, "", "index", "stats", "--db", db)
	if code != 0 || !strings.Contains(out, "documents  16") {
		t.Errorf("stats: %d %q", code, out)
	}
	if code, out, _ := runCmd(t, "", "index", "check", "--db", db); code != 0 || !strings.Contains(out, "ok") {
		t.Errorf("check: %d %q", code, out)
	}

	cp := writeFile(t, dir, "copy.txt", disguiseText(arts[4]["text"])+farmFooter)
	code, out, errOut = runCmd(t, "", "trace", "--db", db, cp)
	if code != exitFound || !strings.Contains(out, "1. "+arts[4]["id"]) || !strings.Contains(out, "lines 9-10 (17 words): \"Read more great stories at FarmNews") {
		t.Errorf("trace: %d\n%s%s", code, out, errOut)
	}
	code, out, _ = runCmd(t, "", "trace", "--db", db, "--json", cp)
	var res struct {
		File    string
		Matches []struct {
			ID          string
			Similarity  float64
			Containment float64
			Uncovered   []struct {
				Line    int `json:"line"`
				EndLine int `json:"end_line"`
				Text    string
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != exitFound || len(res.Matches) == 0 {
		t.Fatalf("trace --json: %d %v %q", code, err, out)
	}
	m := res.Matches[0]
	if m.ID != arts[4]["id"] || m.Similarity < 0.8 || m.Containment < 0.8 || len(m.Uncovered) != 1 || !strings.Contains(m.Uncovered[0].Text, "Subscribe today") {
		t.Errorf("trace --json: %+v", m)
	}
	// No match: exit 0.
	if code, out, _ := runCmd(t, "The weather was mild and nobody said anything about it at all.", "trace", "--db", db); code != exitClean || !strings.Contains(out, "no original found") {
		t.Errorf("unrelated text: %d %q", code, out)
	}
	// Missing index: exit 2.
	if code, _, _ := runCmd(t, "x", "trace", "--db", filepath.Join(dir, "none")); code != exitError {
		t.Errorf("missing index: exit %d", code)
	}

	// --jsonl: one line out per line in, malformed lines included.
	in := fmt.Sprintf("{\"id\":\"c1\",\"text\":%q}\nnot json\n{\"id\":\"c2\",\"text\":\"nothing like it\"}\n{\"text\":%q}\n",
		disguiseText(arts[2]["text"]), arts[7]["text"][:1200])
	code, out, errOut = runCmd(t, in, "trace", "--db", db, "--jsonl")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != exitError || len(lines) != 4 || !strings.Contains(errOut, ":2:") {
		t.Fatalf("trace --jsonl: %d, %d lines\n%s\n%s", code, len(lines), out, errOut)
	}
	want := []string{`"id":"c1","matches":[{"id":"` + arts[2]["id"] + `","similarity":1,`, `"line":2,"error"`, `{"id":"c2","matches":[]}`, `"matches":[{"id":"` + arts[7]["id"] + `"`}
	for i, w := range want {
		if !strings.Contains(lines[i], w) {
			t.Errorf("line %d = %s, want %s", i+1, lines[i], w)
		}
	}
}

func TestIndexErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "idx")
	bad := writeFile(t, dir, "bad.jsonl", "{\"id\":\"a\",\"text\":\"one two three\"}\n{broken\n{\"id\":\"b\",\"text\":\"four five six\"}\n")
	code, out, errOut := runCmd(t, "", "index", "add", "--db", db, bad)
	if code != exitError || !strings.Contains(errOut, "bad.jsonl:2") || !strings.Contains(out, "added 2 documents") {
		t.Errorf("malformed line: %d %q %q", code, out, errOut)
	}
	for _, args := range [][]string{
		{"index", "add", bad},
		{"index", "--db", db},
		{"index", "frobnicate", "--db", db},
		{"index", "add", "--db", db, filepath.Join(dir, "missing.txt")},
		{"trace", bad},
	} {
		if code, _, _ := runCmd(t, "", args...); code != exitError {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// Batches are fingerprinted while the one before is committed: every
// batch before a failed commit stays, none after it is committed, and the
// failure is reported with exit status 2.
func TestIndexBatchesAndFailedCommit(t *testing.T) {
	dir := t.TempDir()
	var in strings.Builder
	for i := 1; i <= 9; i++ {
		id := fmt.Sprint("doc", i)
		if i == 5 {
			id = strings.Repeat("x", 5000) // refused at commit: IDs are at most 4096 bytes
		}
		fmt.Fprintf(&in, "{\"id\":%q,\"text\":\"words of document number %d and some more words\"}\n", id, i)
	}
	file := writeFile(t, dir, "docs.jsonl", in.String())
	good := writeFile(t, dir, "good.jsonl", strings.ReplaceAll(in.String(), strings.Repeat("x", 5000), "doc5"))

	db := filepath.Join(dir, "ok")
	if code, out, errOut := runCmd(t, "", "index", "add", "--batch", "2", "--db", db, good); code != 0 || !strings.Contains(out, "added 9 documents") {
		t.Fatalf("index add --batch 2: %d %q %q", code, out, errOut)
	}
	if code, out, _ := runCmd(t, "", "index", "stats", "--db", db); code != 0 || !strings.Contains(out, "documents  9 ") {
		t.Errorf("stats after 5 batches: %d %q", code, out)
	}

	db = filepath.Join(dir, "failed")
	code, _, errOut := runCmd(t, "", "index", "add", "--batch", "2", "--db", db, file)
	if code != exitError || !strings.Contains(errOut, "committing 2 documents") || !strings.Contains(errOut, "the 4 documents committed before are safe") {
		t.Errorf("failed commit: exit %d, stderr %q", code, errOut)
	}
	if code, out, _ := runCmd(t, "", "index", "stats", "--db", db); code != 0 || !strings.Contains(out, "documents  4 ") {
		t.Errorf("stats after the failed commit: %d %q", code, out)
	}
	if code, out, errOut := runCmd(t, "", "index", "check", "--db", db); code != 0 {
		t.Errorf("check after the failed commit: %d %q %q", code, out, errOut)
	}
}

// An index made with --restore keeps that choice, says so, and traces
// through --verify settings alike.
func TestIndexRestoreAndVerify(t *testing.T) {
	arts := sampleArticles(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "idx")
	var files []string
	for _, a := range arts[:6] {
		files = append(files, writeFile(t, dir, strings.ReplaceAll(a["id"], "/", "-")+".txt", a["text"]))
	}
	if code, out, errOut := runCmd(t, "", append([]string{"index", "add", "--restore", "--db", db}, files...)...); code != 0 {
		t.Fatalf("index add --restore: %d %q %q", code, out, errOut)
	}
	if code, out, _ := runCmd(t, "", "index", "stats", "--db", db); code != 0 || !strings.Contains(out, "restored before folding") {
		t.Errorf("stats of a restoring index: %d %q", code, out)
	}
	cp := writeFile(t, dir, "copy.txt", disguiseText(arts[3]["text"])+farmFooter)
	for _, verify := range []string{"0", "1", "20"} {
		code, out, _ := runCmd(t, "", "trace", "--db", db, "--verify", verify, cp)
		if code != exitFound || !strings.Contains(out, "1. "+files[3]+"\n") {
			t.Errorf("trace --verify %s: %d\n%s", verify, code, out)
		}
	}
}
