package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"

	"github.com/unmaskdev/unmask/beam/gencorpus"
	"github.com/unmaskdev/unmask/dedup"
	"github.com/unmaskdev/unmask/index"
	"github.com/unmaskdev/unmask/traceeval"
)

// The equivalence test runs the pipelines on Prism in process over news
// articles and disguised copies of them, and `unmask dedup` and `unmask
// index add` + `unmask trace --jsonl` (built from this repository) over
// the same files: the partitions, kept records and trace answers must be
// equal.

const (
	nOriginals = 1500
	nCopies    = 1500
)

var buildOnce struct {
	bin string
	err error
}

// unmask builds the unmask command of the repository once.
func unmask(t *testing.T) string {
	t.Helper()
	if buildOnce.bin == "" && buildOnce.err == nil {
		dir, err := os.MkdirTemp("", "unmask-beam-test")
		if err != nil {
			t.Fatal(err)
		}
		bin := filepath.Join(dir, "unmask")
		out, err := exec.Command("go", "-C", "../..", "build", "-o", bin, "./cmd/unmask").CombinedOutput()
		if err != nil {
			buildOnce.err = fmt.Errorf("building unmask: %v\n%s", err, out)
		}
		buildOnce.bin = bin
	}
	if buildOnce.err != nil {
		t.Fatal(buildOnce.err)
	}
	return buildOnce.bin
}

func articles(t *testing.T) []traceeval.Article {
	arts, err := traceeval.LoadArticles("../../../shared/data/news/bbc.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return arts
}

// writeCorpus writes originals then copies, with malformed lines put in.
func writeCorpus(t *testing.T, path string, c gencorpus.Config, bad bool) {
	var b bytes.Buffer
	if err := gencorpus.Write(&b, articles(t), c); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if bad {
		lines = slices.Insert(lines, 5, `not json`)
		lines = slices.Insert(lines, 9, ``)
		lines = slices.Insert(lines, 13, `{"id":"y","body":"no text field"}`)
		lines = slices.Insert(lines, 20, `{"id":"x","text":"`+lines[30][strings.Index(lines[30], `"text":"`)+8:len(lines[30])-2]+`","cluster":"old"}`)
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func run(t *testing.T, p *beam.Pipeline) map[string]int64 {
	t.Helper()
	res, err := beam.Run(context.Background(), "prism", p)
	if err != nil {
		t.Fatal(err)
	}
	m := Counters(res)
	if err := Check(m); err != nil {
		t.Error(err)
	}
	return m
}

func readShards(t *testing.T, prefix string) []string {
	t.Helper()
	names, _ := filepath.Glob(prefix + "-*")
	var lines []string
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > 0 {
			// every line counts, a blank (malformed) one too
			lines = append(lines, strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")...)
		}
	}
	return lines
}

var clusterRE = regexp.MustCompile(`"cluster":(-?\d+)`)

// canonical renumbers the clusters of out (unmask dedup's output format,
// in any order) by the input line of their first record, and returns the
// lines in input order.
func canonical(t *testing.T, in []string, out []string) []string {
	t.Helper()
	pos := map[string]int{}
	for i, l := range in {
		pos[l] = i
	}
	type rec struct {
		at      int
		cluster string
		line    string
	}
	var recs []rec
	for _, l := range out {
		m := clusterRE.FindAllStringSubmatchIndex(l, -1)
		if len(m) == 0 {
			recs = append(recs, rec{pos[l], "", l}) // malformed, unchanged
			continue
		}
		last := m[len(m)-1]
		raw := l[:last[0]-1] + "}" // the fields were appended
		at, ok := pos[raw]
		if !ok {
			// rewritten record: compare it whole
			at = -1
			for i, x := range in {
				if strings.Contains(x, `"id":"x"`) {
					at = i
				}
			}
		}
		recs = append(recs, rec{at, l[last[2]:last[3]], l})
	}
	slices.SortFunc(recs, func(a, b rec) int { return a.at - b.at })
	first := map[string]int{}
	lines := make([]string, len(recs))
	for i, r := range recs {
		if r.cluster == "" {
			lines[i] = r.line
			continue
		}
		if _, ok := first[r.cluster]; !ok {
			first[r.cluster] = r.at
		}
		lines[i] = clusterRE.ReplaceAllString(r.line, `"cluster":`+strconv.Itoa(first[r.cluster]))
	}
	return lines
}

func TestDedupAsCommand(t *testing.T) {
	bin := unmask(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	writeCorpus(t, in, gencorpus.Config{Originals: nOriginals, Copies: nCopies, Seed: 1}, true)
	inLines := strings.Split(strings.TrimSuffix(string(must(os.ReadFile(in))), "\n"), "\n")

	for _, keep := range []dedup.Keep{dedup.KeepFirst, dedup.KeepLongest} {
		t.Run(string(keep), func(t *testing.T) {
			cmd := exec.Command(bin, "dedup", "--keep", string(keep), in)
			var stdout bytes.Buffer
			cmd.Stdout = &stdout
			cmd.Run() // exit 2: malformed lines
			want := canonical(t, inLines, strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n"))

			p, s := beam.NewPipelineWithRoot()
			out := filepath.Join(dir, "out-"+string(keep))
			Dedup(s, DedupOptions{Files: []string{in}, Output: out, Keep: keep,
				MinSimilarity: dedup.DefaultMinSimilarity, MinContainment: dedup.DefaultMinContainment, MaxBucket: dedup.DefaultMaxBucket})
			m := run(t, p)
			got := canonical(t, inLines, readShards(t, out+"-"+ClustersOut))
			if len(got) != len(want) {
				t.Fatalf("%d records out, unmask dedup wrote %d", len(got), len(want))
			}
			diffs := 0
			for i := range got {
				if got[i] != want[i] {
					if diffs++; diffs <= 5 {
						t.Errorf("record %d:\ngot  %.200s\nwant %.200s", i, got[i], want[i])
					}
				}
			}
			if diffs > 0 {
				t.Errorf("%d of %d records differ", diffs, len(got))
			}
			removed := 0
			for _, l := range want {
				if strings.HasSuffix(l, `"kept":false}`) {
					removed++
				}
			}
			if removed < nCopies/2 {
				t.Errorf("only %d duplicates: the corpus does not test clustering", removed)
			}
			if m[MetricIn] != int64(len(inLines)) || m[MetricRemoved] != int64(removed) || m[MetricMalformed] != 3 {
				t.Errorf("counters %v: want %d in, %d removed, 3 malformed", m, len(inLines), removed)
			}
			kept := readShards(t, out+"-"+KeptOut)
			if int64(len(kept)) != m[MetricKept] {
				t.Errorf("%d kept records written, counter says %d", len(kept), m[MetricKept])
			}
			dead := readShards(t, out+"-"+DeadLetterOut)
			slices.Sort(dead)
			if len(dead) != 3 || !strings.Contains(strings.Join(dead, "\n"), `"line":6,`) {
				t.Errorf("dead letters:\n%s", strings.Join(dead, "\n"))
			}
		})
	}
}

func TestTraceAsCommand(t *testing.T) {
	bin := unmask(t)
	dir := t.TempDir()
	orig := filepath.Join(dir, "originals.jsonl")
	copies := filepath.Join(dir, "copies.jsonl")
	writeCorpus(t, orig, gencorpus.Config{Originals: nOriginals}, false)
	writeCorpus(t, copies, gencorpus.Config{Copies: nCopies, Seed: 7}, true)
	db := filepath.Join(dir, "idx")
	if out, err := exec.Command(bin, "index", "add", "--db", db, orig).CombinedOutput(); err != nil {
		t.Fatalf("unmask index add: %v\n%s", err, out)
	}
	var stdout bytes.Buffer
	cmd := exec.Command(bin, "trace", "--db", db, "--jsonl", copies)
	cmd.Stdout = &stdout
	cmd.Run()
	var want []string
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(nil, 1<<20)
	matched := 0
	for sc.Scan() {
		want = append(want, sc.Text())
		if !strings.Contains(sc.Text(), `"matches":[]`) {
			matched++
		}
	}
	if matched < nCopies/2 {
		t.Fatalf("unmask trace matched %d of %d copies: the corpus does not test tracing", matched, nCopies)
	}

	p, s := beam.NewPipelineWithRoot()
	out := filepath.Join(dir, "out")
	Trace(s, TraceOptions{Originals: []string{orig}, Files: []string{copies}, Output: out,
		Query: index.CommandOptions(5, index.DefaultMinSimilarity, index.DefaultMinContainment, index.DefaultMaxVerify)})
	run(t, p)
	got := readShards(t, out+"-"+TracedOut)
	slices.Sort(got)
	slices.Sort(want)
	if len(got) != len(want) {
		t.Fatalf("%d lines out, unmask trace wrote %d", len(got), len(want))
	}
	diffs := 0
	for i := range got {
		if got[i] != want[i] {
			if diffs++; diffs <= 5 {
				t.Errorf("got  %.300s\nwant %.300s", got[i], want[i])
			}
		}
	}
	if diffs > 0 {
		t.Errorf("%d of %d lines differ", diffs, len(got))
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestMain(m *testing.M) {
	beam.Init()
	os.Exit(m.Run())
}
