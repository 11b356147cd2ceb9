package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/unmaskdev/unmask/detect"
	"github.com/unmaskdev/unmask/examples"
)

// runCmd runs the CLI in-process.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestHelp(t *testing.T) {
	code, out, _ := runCmd(t, "", "--help")
	if code != 0 || !strings.Contains(out, "scan") || !strings.Contains(out, "clean") {
		t.Fatalf("help: %d %s", code, out)
	}
	for name := range commands {
		code, out, _ := runCmd(t, "", "help", name)
		if code != 0 || !strings.Contains(out, "Examples:") {
			t.Errorf("help %s: code %d, no examples:\n%s", name, code, out)
		}
	}
	if code, _, _ := runCmd(t, "", "nosuch"); code != exitError {
		t.Error("unknown command must exit 2")
	}
}

func TestDemo(t *testing.T) {
	code, out, _ := runCmd(t, "", "demo", "--color=never")
	if code != 0 || !strings.Contains(out, "identical, byte for byte") || !strings.Contains(out, "lookalike 188") {
		t.Fatalf("demo: %d\n%s", code, out)
	}
}

func seedFile(t *testing.T) string {
	p := filepath.Join(t.TempDir(), "seed.txt")
	if err := os.WriteFile(p, examples.Scraped, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCleanSeed(t *testing.T) {
	code, out, _ := runCmd(t, "", "clean", seedFile(t))
	if code != 0 || out != string(examples.Restored) {
		t.Fatalf("clean seed: exit %d, equal %v", code, out == string(examples.Restored))
	}
	code, out, _ = runCmd(t, string(examples.Scraped), "clean")
	if code != 0 || out != string(examples.Restored) {
		t.Fatal("clean from stdin differs")
	}
}

func TestScanExitCodes(t *testing.T) {
	if code, out, _ := runCmd(t, "plain clean text\n", "scan"); code != exitClean || !strings.Contains(out, "clean") {
		t.Errorf("clean text: %d %s", code, out)
	}
	code, out, _ := runCmd(t, "", "scan", "--color=never", seedFile(t))
	if code != exitFound || strings.Count(out, "lookalike U+03BF") != 188 {
		t.Errorf("seed: exit %d, %d findings", code, strings.Count(out, "lookalike U+03BF"))
	}
	if code, _, errs := runCmd(t, "", "scan", "/no/such/file"); code != exitError || errs == "" {
		t.Errorf("missing file: %d %q", code, errs)
	}
}

func TestScanJSON(t *testing.T) {
	_, out, _ := runCmd(t, "x fr\u03bfm \U000E0068\U000E0069\n", "scan", "--json")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 2 findings + summary, got %d lines:\n%s", len(lines), out)
	}
	var sum struct {
		Type string
		Data struct {
			Verdict string
			Hidden  []string
		}
	}
	if err := json.Unmarshal([]byte(lines[2]), &sum); err != nil || sum.Type != "summary" || sum.Data.Verdict != "disguised" || sum.Data.Hidden[0] != "hi" {
		t.Fatalf("summary %s (%v)", lines[2], err)
	}
}

// The --json finding lines are written without encoding/json, byte for
// byte as it writes them.
func TestScanJSONFindingLines(t *testing.T) {
	text := "w\u03bfrld \"q\" <b>&</b> \xff aut\u200bo \U000E0068\U000E0069 \U0001d41b\U0001d428\n"
	rep := detect.ScanString(text)
	if len(rep.Findings) < 5 {
		t.Fatalf("%d findings: the text should have several kinds", len(rep.Findings))
	}
	for _, name := range []string{"-", `odd "name"\<x>.txt`} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		var got []byte
		for i := range rep.Findings {
			enc.Encode(map[string]any{"type": "finding", "file": name, "data": rep.Findings[i]})
			got = appendFindingLine(got, name, &rep.Findings[i])
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("file %q:\n got %s\nwant %s", name, got, want.Bytes())
		}
	}
	_, out, _ := runCmd(t, text, "scan", "--json")
	if lines := strings.Count(out, "\n"); lines != len(rep.Findings)+1 {
		t.Errorf("scan --json wrote %d lines for %d findings and a summary", lines, len(rep.Findings))
	}
}

// The lines scan prints, as the README shows them (without colour).
func TestScanTextLines(t *testing.T) {
	_, out, _ := runCmd(t, "He said h\u200bello, paid with \u0441\u043e\u0440 and \U0001d41f\U0001d42b\U0001d41e\U0001d41e money\U000E0068\U000E0069\n", "scan", "--color=never")
	for _, want := range []string{
		"-:1:10: invisible U+200B ZERO WIDTH SPACE (Common) in h[<U+200B>]ello [remove, byte 9]\n",
		"-:1:27: whole-word U+0441 CYRILLIC SMALL LETTER ES (Cyrillic) imitates \"c\" in [\u0441]\u043e\u0440 [replace, byte 28]\n",
		"-:1:35: styled U+1D41F MATHEMATICAL BOLD SMALL F (Common) imitates \"f\" in [\U0001d41f]\U0001d42b\U0001d41e\U0001d41e [replace, byte 39]\n",
		"-:1:45: tag U+E0068 TAG LATIN SMALL LETTER H (Common) hides \"hi\" [remove, byte 61]\n",
		"-: disguised (score 0.444, 9 words): whole-word 3, styled 4, invisible 1, tag 1\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no line %q in:\n%s", want, out)
		}
	}
}

func TestJSONLCountInCountOut(t *testing.T) {
	in := `{"id":"a","body":"fr\u03bfm","keep":true}
not json
{"id":"c","body":"plain"}
{"id":"d"}
`
	code, out, errs := runCmd(t, in, "clean", "--jsonl", "--field", "body")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("count out %d != 4:\n%s", len(lines), out)
	}
	if lines[0] != `{"id":"a","body":"from","keep":true}` || lines[1] != "not json" || lines[3] != `{"id":"d"}` {
		t.Errorf("records:\n%s", out)
	}
	if code != exitError || !strings.Contains(errs, "line 2") || !strings.Contains(errs, "line 4") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	code, out, _ = runCmd(t, `{"id":1,"text":"fr\u03bfm"}`+"\n", "scan", "--jsonl")
	if code != exitFound || !strings.Contains(out, `"unmask":{"verdict":"disguised"`) {
		t.Errorf("scan --jsonl: %d %s", code, out)
	}
}

func TestDiff(t *testing.T) {
	_, out, _ := runCmd(t, "same\nfr\u03bfm here\nsame\n", "clean", "--diff", "--color=never")
	want := "-:2:\n-frοm here\n+from here\n"
	if out != want {
		t.Errorf("diff:\n%q\nwant\n%q", out, want)
	}
}
