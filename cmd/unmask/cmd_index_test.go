package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// One bulk transaction, a transaction per document, and two runs into an
// existing index with replacements in between build indexes that answer
// every trace query identically.
func TestIndexBulkEqualsIncremental(t *testing.T) {
	arts := sampleArticles(t)
	dir := t.TempDir()
	var all, first, second, queries strings.Builder
	rec := func(w *strings.Builder, id, text string) {
		b, _ := json.Marshal(map[string]string{"id": id, "text": text})
		w.Write(append(b, '\n'))
	}
	for i, a := range arts {
		for c := 0; c < 3; c++ { // each article three times, cut differently
			id, text := fmt.Sprintf("%s/%d", a["id"], c), a["text"][:len(a["text"])*(60+20*c)/100]
			rec(&all, id, text)
			if i%2 == 0 {
				rec(&first, id, text)
			} else {
				rec(&second, id, text)
			}
		}
		rec(&queries, "q/"+a["id"], disguiseText(a["text"])+farmFooter)
		rec(&queries, "x/"+a["id"], disguiseText(a["text"][:len(a["text"])/5]))
	}
	// Replaced later by their true texts: the first run stores wrong ones.
	var wrong strings.Builder
	for _, a := range arts[:4] {
		rec(&wrong, a["id"]+"/0", arts[len(arts)-1]["text"])
	}
	files := map[string]string{}
	for name, s := range map[string]string{"all": all.String(), "first": wrong.String() + first.String(), "second": second.String(), "queries": queries.String()} {
		files[name] = writeFile(t, dir, name+".jsonl", s)
	}
	builds := map[string][][]string{
		"bulk":          {{files["all"]}},
		"per document":  {{"--batch", "1", files["all"]}},
		"two bulk runs": {{files["first"]}, {files["second"]}, {files["all"]}},
	}
	var want, wantName string
	for name, runs := range builds {
		db := filepath.Join(dir, strings.ReplaceAll(name, " ", "-"))
		for _, args := range runs {
			if code, out, errOut := runCmd(t, "", append([]string{"index", "add", "--db", db}, args...)...); code != 0 {
				t.Fatalf("%s: index add %v: %d %q %q", name, args, code, out, errOut)
			}
		}
		if code, out, errOut := runCmd(t, "", "index", "check", "--db", db); code != 0 {
			t.Fatalf("%s: check: %q %q", name, out, errOut)
		}
		if code, out, _ := runCmd(t, "", "index", "stats", "--db", db); code != 0 || !strings.Contains(out, fmt.Sprintf("documents  %d ", 3*len(arts))) {
			t.Errorf("%s: stats %q", name, out)
		}
		code, got, errOut := runCmd(t, "", "trace", "--db", db, "--jsonl", files["queries"])
		if code != 1 {
			t.Fatalf("%s: trace: %d %q", name, code, errOut)
		}
		if want == "" {
			want, wantName = got, name
		} else if got != want {
			t.Errorf("trace answers of %s and %s differ:\n%s\n%s", name, wantName, got, want)
		}
	}
}
