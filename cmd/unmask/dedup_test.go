package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

type dedupOut struct {
	ID      string `json:"id"`
	Cluster *int   `json:"cluster"`
	Kept    *bool  `json:"kept"`
	Extra   []int  `json:"extra"`
}

// dedupInput: articles 0..4, a disguised copy of 1 with a footer, a
// malformed line, a copy of 3 with other fields, a blank line, and 0 again.
func dedupInput(t *testing.T) (string, []string) {
	arts := sampleArticles(t)
	rec := func(id, text string) string {
		b, _ := json.Marshal(map[string]any{"id": id, "text": text, "extra": []int{1, 2}})
		return string(b)
	}
	lines := []string{
		rec("a0", arts[0]["text"]), rec("a1", arts[1]["text"]), rec("a2", arts[2]["text"]), rec("a3", arts[3]["text"]), rec("a4", arts[4]["text"]),
		rec("c1", disguiseText(arts[1]["text"])+farmFooter),
		`{"id": "broken", "text": `,
		`{"text":` + fmt.Sprintf("%q", arts[3]["text"]) + `, "id":"c3", "cluster": "old", "extra":[1,2]}`,
		"",
		rec("c0", arts[0]["text"]),
	}
	return strings.Join(lines, "\n") + "\n", lines
}

func parseDedup(t *testing.T, out string) []dedupOut {
	t.Helper()
	var recs []dedupOut
	for i, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var r dedupOut
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			r.ID = fmt.Sprintf("unparsed line %d: %.30s", i+1, l)
		}
		recs = append(recs, r)
	}
	return recs
}

func TestDedupCountInCountOut(t *testing.T) {
	in, lines := dedupInput(t)
	code, out, errOut := runCmd(t, in, "dedup", "--stats")
	recs := parseDedup(t, out)
	if code != exitError || len(recs) != len(lines) {
		t.Fatalf("dedup: exit %d, %d lines out for %d in\n%s", code, len(recs), len(lines), errOut)
	}
	if !strings.Contains(errOut, "-:7:") || !strings.Contains(errOut, "-:9:") {
		t.Errorf("malformed lines 7 and 9 not reported by number: %s", errOut)
	}
	// Malformed and blank lines come out unchanged.
	if outLines := strings.Split(out, "\n"); outLines[6] != lines[6] || outLines[8] != "" {
		t.Errorf("malformed lines changed: %q %q", outLines[6], outLines[8])
	}
	want := []struct {
		id      string
		cluster int
		kept    bool
	}{{"a0", 0, true}, {"a1", 1, true}, {"a2", 2, true}, {"a3", 3, true}, {"a4", 4, true}, {"c1", 1, false}, {"", -1, false}, {"c3", 3, false}, {"", -1, false}, {"c0", 0, false}}
	for i, w := range want {
		r := recs[i]
		if w.cluster < 0 {
			if r.Cluster != nil {
				t.Errorf("line %d: malformed line got a cluster", i+1)
			}
			continue
		}
		if r.ID != w.id || r.Cluster == nil || *r.Cluster != w.cluster || *r.Kept != w.kept || len(r.Extra) != 2 {
			t.Errorf("line %d = %+v, want %+v", i+1, r, w)
		}
	}
	// The record that had a "cluster" field has it once, replaced.
	if outLines := strings.Split(out, "\n"); strings.Count(outLines[7], `"cluster"`) != 1 {
		t.Errorf("line 8: %s", outLines[7])
	}
}

func TestDedupOptions(t *testing.T) {
	arts := sampleArticles(t)
	var in strings.Builder
	texts := []string{disguiseText(arts[0]["text"]), arts[0]["text"][:len(arts[0]["text"])*4/5], arts[0]["text"], arts[1]["text"]}
	for i, tx := range texts {
		b, _ := json.Marshal(map[string]string{"id": fmt.Sprint(i), "body": tx})
		in.Write(append(b, '\n'))
	}
	tests := []struct {
		args []string
		ids  string // kept, or all with --drop
	}{
		{[]string{"--field", "body"}, "0 3"},
		{[]string{"--field", "body", "--keep", "longest"}, "0 3"},  // 0 and 2 have the same words: the first wins
		{[]string{"--field", "body", "--keep", "cleanest"}, "1 3"}, // 1 and 2 have no findings: the first wins
		{[]string{"--field", "body", "--keep", "cleanest", "--drop"}, "1 3"},
		{[]string{"--field", "body", "--min-similarity", "0.99", "--min-containment", "0"}, "0 1 3"},
		{[]string{"--field", "body", "--min-similarity", "0.99"}, "0 3"}, // the 80% prefix lies inside
	}
	for _, tt := range tests {
		code, out, errOut := runCmd(t, in.String(), append([]string{"dedup"}, tt.args...)...)
		var kept []string
		for _, r := range parseDedup(t, out) {
			if r.Kept != nil && *r.Kept {
				kept = append(kept, r.ID)
			}
		}
		if code != exitFound || strings.Join(kept, " ") != tt.ids {
			t.Errorf("dedup %v: exit %d, kept %v, want %s\n%s", tt.args, code, kept, tt.ids, errOut)
		}
	}
	// A file, gzip-compressed, with no duplicates: exit 0.
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	for i := 2; i < 6; i++ {
		b, _ := json.Marshal(map[string]string{"id": fmt.Sprint(i), "text": arts[i]["text"]})
		zw.Write(append(b, '\n'))
	}
	zw.Close()
	p := writeFile(t, t.TempDir(), "in.jsonl.gz", gz.String())
	code, out, _ := runCmd(t, "", "dedup", p)
	if code != exitClean || len(parseDedup(t, out)) != 4 {
		t.Errorf("gzip file: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{{"dedup", "--keep", "best"}, {"dedup", "a", "b"}, {"dedup", filepath.Join(t.TempDir(), "none.jsonl")}, {"dedup", "--min-similarity", "0"}} {
		if code, _, _ := runCmd(t, "", args...); code != exitError {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
