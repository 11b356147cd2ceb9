package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestEvalTestdata(t *testing.T) {
	code, out, errs := runCmd(t, "", "eval", "--testdata", "../../testdata", "--n", "4", "--rates", "0.5",
		"--classes", "greek,latin-in-cyrillic,tag", "--json", "--quiet")
	if code == exitError || errs != "" {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep struct {
		Classes []struct {
			Class string
			Total struct{ Docs, Skipped int }
		}
		Clean []struct {
			Set  string
			Docs int
		}
		SeedCase struct{ Want int } `json:"seed_case"`
		Pass     bool
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(rep.Classes) != 3 || rep.Classes[1].Class != "latin-in-cyrillic" {
		t.Fatalf("classes: %+v", rep.Classes)
	}
	for _, c := range rep.Classes {
		if c.Total.Docs+c.Total.Skipped != 4 {
			t.Errorf("%s: %d docs", c.Class, c.Total.Docs)
		}
	}
	if len(rep.Clean) != 2 || rep.Clean[0].Docs != 43 || rep.Clean[1].Docs != 100 {
		t.Errorf("clean sets: %+v", rep.Clean)
	}
	if rep.SeedCase.Want != 188 {
		t.Errorf("seed case: %d disguised letters, want 188", rep.SeedCase.Want)
	}
	if (code == exitClean) != rep.Pass {
		t.Errorf("exit %d but pass %v", code, rep.Pass)
	}

	code, out, _ = runCmd(t, "", "eval", "--testdata", "../../testdata", "--n", "2", "--rates", "1", "--classes", "zalgo", "--md", "--quiet")
	if code == exitError || !strings.Contains(out, "| class | docs | exact@1 |") || !strings.Contains(out, "| zalgo | 2 |") {
		t.Errorf("markdown: exit %d\n%s", code, out)
	}
}

func TestEvalErrors(t *testing.T) {
	for _, args := range [][]string{
		{"eval", "--testdata", "../../testdata", "--rates", "0"},
		{"eval", "--testdata", "../../testdata", "--rates", "x"},
		{"eval", "--testdata", "../../testdata", "--classes", "klingon"},
		{"eval", "--testdata", "../../testdata", "--n", "-1"},
		{"eval", "--news", "/nonexistent.jsonl", "--clean", "../../testdata/udhr"},
		{"eval", "--testdata", "/nonexistent"},
		{"eval", "--testdata", "../../testdata", "extra"},
	} {
		code, _, errs := runCmd(t, "", args...)
		if code != exitError || !strings.HasPrefix(errs, "unmask eval: ") {
			t.Errorf("%q: exit %d, stderr %q", args, code, errs)
		}
	}
}
