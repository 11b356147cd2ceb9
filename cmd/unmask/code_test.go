package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCode: exit 0 on a clean tree, 1 with findings, 2 when a path cannot be
// read (after scanning the others); text, --json and --sarif outputs.
func TestCode(t *testing.T) {
	dir := t.TempDir()
	clean := filepath.Join(dir, "clean")
	bad := filepath.Join(dir, "bad")
	for p, body := range map[string]string{
		filepath.Join(clean, "m.go"):     "package m\n\n// λ-calculus\nvar λ, ρ, p = 1, 2, 3\n",
		filepath.Join(bad, "a.js"):       "if (level != \"user\u202e \u2066// admin\u2069 \u2066\") {}\n",
		filepath.Join(bad, ".gitignore"): "ignored.js\n",
		filepath.Join(bad, "ignored.js"): "// \u202e\n",
	} {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Mkdir(filepath.Join(bad, ".git"), 0o755)

	if code, out, errs := runCmd(t, "", "code", clean); code != exitClean || out != "" {
		t.Fatalf("clean: %d %q %q", code, out, errs)
	}
	code, out, _ := runCmd(t, "", "code", bad)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitFound || len(lines) != 4 || !strings.HasPrefix(lines[0], filepath.Join(bad, "a.js")+":1:19: bidi-control: ") {
		t.Fatalf("bad: %d\n%s", code, out)
	}
	code, out, errs := runCmd(t, "", "code", "--json", filepath.Join(dir, "missing"), bad)
	if code != exitError || !strings.Contains(errs, "missing") || strings.Count(out, "\n") != 4 {
		t.Fatalf("missing path: %d %q %q", code, out, errs)
	}
	var rec codeRecord
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &rec); err != nil || rec.Code != "U+202E" ||
		rec.Context != "string" || rec.Line != 1 || rec.Column != 19 || rec.RuleID == "" {
		t.Fatalf("json: %v %+v", err, rec)
	}
	code, out, _ = runCmd(t, "", "code", "--sarif", bad)
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil || code != exitFound || log.Version != "2.1.0" || len(log.Runs[0].Results) != 4 {
		t.Fatalf("sarif: %d %v %s", code, err, out)
	}
	if code, _, errs := runCmd(t, "", "code", "--level", "nope", bad); code != exitError || !strings.Contains(errs, "--level") {
		t.Fatalf("bad level: %d %s", code, errs)
	}
}
