package detect

import (
	"bufio"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/unmaskdev/unmask/attack"
	"github.com/unmaskdev/unmask/examples"
)

// scanBoth scans text sparsely (the default for Latin text) and with every
// rune decoded, and fails if the reports differ in anything.
func scanBoth(t *testing.T, name string, text []byte) {
	t.Helper()
	sparse := Scan(text)
	into := ScanInto(make([]Finding, 3, 8), text) // contents discarded, memory reused
	if len(into.Findings) == 0 {
		into.Findings = nil // Scan gives nil for none
	}
	if !reflect.DeepEqual(sparse, into) {
		t.Fatalf("%s: ScanInto differs from Scan", name)
	}
	forceDense = true
	dense := Scan(text)
	forceDense = false
	if !reflect.DeepEqual(sparse, dense) {
		if len(sparse.Findings) != len(dense.Findings) {
			t.Fatalf("%s: %d findings sparse, %d dense", name, len(sparse.Findings), len(dense.Findings))
		}
		for i := range sparse.Findings {
			if sparse.Findings[i] != dense.Findings[i] {
				t.Fatalf("%s: finding %d sparse %+v, dense %+v", name, i, sparse.Findings[i], dense.Findings[i])
			}
		}
		t.Fatalf("%s: reports differ: sparse %v %v %d words, dense %v %v %d words", name,
			sparse.Verdict, sparse.Score, sparse.Words, dense.Verdict, dense.Score, dense.Words)
	}
	want := sparse
	want.Findings = nil
	if judged := Judge(text); !reflect.DeepEqual(judged, want) {
		t.Fatalf("%s: Judge gives %+v, Scan without its findings %+v", name, judged, want)
	}
	if sparse.Verdict == Disguised {
		checkFixes(t, name, Fixes(text), sparse.Findings)
	} else if fixes := Fixes(text); len(fixes) != 0 {
		t.Fatalf("%s: %d fixes in a text Scan finds %s", name, len(fixes), sparse.Verdict)
	}
}

// TestSparseMatchesDense: judging only the regions around non-ASCII runes
// gives the same report as judging every rune, on real text in 44
// languages, news, the seed, and news disguised by every attack class.
func TestSparseMatchesDense(t *testing.T) {
	scanBoth(t, "seed", examples.Scraped)
	files, _ := filepath.Glob("../testdata/udhr/*.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		scanBoth(t, filepath.Base(f), b)
	}
	news := loadNews(t, "../testdata/news-sample.jsonl", 40)
	for i, text := range news {
		scanBoth(t, "news", []byte(text))
		for _, c := range attack.Classes {
			if c.NeedsCyrillic() {
				continue
			}
			for _, rate := range []float64{0.05, 0.5} {
				res, err := attack.Apply(text, c, rate, uint64(i))
				if err != nil {
					t.Fatal(err)
				}
				scanBoth(t, string(c), []byte(res.Text))
			}
		}
	}
}

func loadNews(t *testing.T, path string, n int) []string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() && len(out) < n {
		var d struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		out = append(out, d.Text)
	}
	return out
}

func FuzzSparseMatchesDense(f *testing.F) {
	addCases(f)
	f.Add([]byte("a\u202e b\nc \u202d\u05d0 \ufeffx\u200bY 🏴\U000E0067\U000E007F"))
	f.Fuzz(func(t *testing.T, b []byte) { scanBoth(t, "fuzz", b) })
}

// TestMergeRuns: merging the runs gives the stable sort by offset, from
// one run to many (past 16 it sorts instead).
func TestMergeRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 300; n++ {
		var ms []mark
		for r := rng.IntN(20); r >= 0; r-- { // up to 20 ascending runs
			v := int32(rng.IntN(50))
			for k := rng.IntN(30); k > 0; k-- {
				v += int32(rng.IntN(5))
				ms = append(ms, mark{off: v, first: int32(len(ms))}) // first: the order before, to check stability
			}
		}
		want := slices.Clone(ms)
		slices.SortStableFunc(want, func(a, b mark) int { return int(a.off) - int(b.off) })
		got, _ := mergeRuns(slices.Clone(ms), nil)
		if !slices.Equal(got, want) {
			t.Fatalf("mergeRuns(%v) = %v, want %v", ms, got, want)
		}
	}
}
