package traceeval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unmaskdev/unmask/fingerprint"
)

func TestPairwise(t *testing.T) {
	tests := []struct {
		pred, truth []int
		p, r        float64
	}{
		{[]int{0, 0, 1, 1}, []int{5, 5, 6, 6}, 1, 1},
		{[]int{0, 0, 0, 0}, []int{5, 5, 6, 6}, 2.0 / 6, 1},
		{[]int{0, 1, 2, 3}, []int{5, 5, 6, 6}, 0, 0},
		{[]int{0, 0, 0, 1}, []int{5, 5, 5, 5}, 1, 0.5},
	}
	for _, tt := range tests {
		s := pairwise(tt.pred, tt.truth)
		if s.precision != tt.p || s.recall != tt.r {
			t.Errorf("pairwise(%v, %v) = %v/%v, want %v/%v", tt.pred, tt.truth, s.precision, s.recall, tt.p, tt.r)
		}
	}
}

func TestCopies(t *testing.T) {
	a := Article{ID: "x", Text: "First paragraph has words.\n\nSecond one has more words in it.\n\nThird closes the story with a quote."}
	vocab := []string{"alpha", "beta"}
	for _, k := range Kinds {
		c, err := MakeCopy(a, 0, k, disguiseClasses[0], vocab, 1)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := MakeCopy(a, 0, k, disguiseClasses[0], vocab, 1)
		if c.Text != again.Text {
			t.Errorf("%s: not deterministic", k)
		}
		hasFooter := false
		for _, s := range sites {
			hasFooter = hasFooter || strings.Contains(c.Text, s)
		}
		if c.Text == a.Text || hasFooter != (k != KindDisguised) {
			t.Errorf("%s: footer %v: %q", k, hasFooter, c.Text)
		}
	}
}

// A small end-to-end run on a few articles: the report has its sections and
// unmask beats raw MinHash.
func TestRunSmall(t *testing.T) {
	src, err := os.ReadFile("../fingerprint/testdata/bbc-sample.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	// Add a true duplicate: the same text under another id.
	first := strings.SplitN(string(src), "\n", 2)[0]
	var rec map[string]string
	json.Unmarshal([]byte(first), &rec)
	rec["id"] = "dup/001"
	dup, _ := json.Marshal(rec)
	data := filepath.Join(t.TempDir(), "bbc.jsonl")
	os.WriteFile(data, append(src, append(dup, '\n')...), 0o644)
	cfg := Config{Data: data, Seed: 1, HoldOut: 0.1, Big: 100, BigKind: []string{BigSynthetic, BigRealistic}, Queries: 20, Repeat: 1, Params: fingerprint.DefaultParams()}
	var out bytes.Buffer
	if err := Run(cfg, &out); err != nil {
		t.Fatal(err)
	}
	r := out.String()
	for _, want := range []string{"recall@1", "dedup pairwise F1", "Fingerprinting throughput", "Query latency on an index of 100 documents: synthetic", "Query latency on an index of 100 documents: realistic", "Excerpt copies", "VmHWM"} {
		if !strings.Contains(r, want) {
			t.Errorf("report lacks %q:\n%s", want, r)
		}
	}
	// unmask must trace nearly every copy, raw MinHash far fewer.
	var unmask, restoring, raw float64
	for _, line := range strings.Split(r, "\n") {
		if strings.HasPrefix(line, "| trace: true original first (recall@1), all copies |") {
			fmt.Sscanf(strings.ReplaceAll(strings.TrimPrefix(line, "| trace: true original first (recall@1), all copies |"), "%", ""), "%f | %f | %f", &unmask, &restoring, &raw)
		}
	}
	if unmask < 95 || restoring < 95 || raw > unmask-30 {
		t.Errorf("recall@1: unmask %.2f%%, restore + fold %.2f%%, raw %.2f%%; want ≥ 95%%, ≥ 95%% and 30 points lower\n%s", unmask, restoring, raw, r)
	}
}
