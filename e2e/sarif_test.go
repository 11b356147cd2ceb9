package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/unmaskdev/unmask/codescan"
	"github.com/unmaskdev/unmask/uts39"
)

// sarifSchema compiles the SARIF 2.1.0 schema in testdata (see
// testdata/PROVENANCE.md).
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/sarif-2.1.0-rtm.5.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validate(t *testing.T, sch *jsonschema.Schema, b []byte) error {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	return sch.Validate(v)
}

// TestSARIFSchema: what `unmask code --sarif` writes validates against the
// SARIF 2.1.0 schema, for a tree with a finding of every rule (Trojan
// Source bidi controls in a comment and a string, an invisible character in
// an identifier, colliding skeletons, a mixed-script identifier), for a
// tree with none (Russian identifiers by design), and for this repository's own sources.
func TestSARIFSchema(t *testing.T) {
	sch := sarifSchema(t)

	dir := t.TempDir()
	files := map[string]string{
		"trojan.go": "package p\n\nfunc ok() bool {\n\taccess := \"user\"\n\tif access != \"user\u202e \u2066// Check if admin\u2069 \u2066\" {\n\t\treturn true\n\t}\n\t/*\u202e } \u2066if isAdmin\u2069 \u2066 begin admins only */\n\treturn false\n}\n",
		"hidden.py": "def is_\u200badmin():\n    return False\n",
		"clash.js":  "const scope = 1;\nconst sc\u043epe = 2;\nconsole.log(scope, sc\u043epe);\n",
		"mixed.rs":  "fn main() { let d\u0430ta = 1; println!(\"{}\", d\u0430ta); }\n",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	empty := t.TempDir()
	clean := "package a\n\n// Привет, мир: Russian names written in their script are no finding.\nvar имя = \"значение\"\n"
	if err := os.WriteFile(filepath.Join(empty, "a.go"), []byte(clean), 0o644); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		name    string
		paths   []string
		minRule int // distinct rules expected at least
	}{
		{"every rule", []string{dir}, 4},
		{"no finding", []string{empty}, 0},
		{"this repository", []string{".."}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			var all []codescan.Finding
			codescan.ScanPaths(c.paths, uts39.ModeratelyRestrictive, func(f codescan.Finding) { all = append(all, f) }, func(error) {})
			rules := map[string]bool{}
			for _, f := range all {
				rules[f.Rule.ID] = true
			}
			if len(rules) < c.minRule {
				t.Fatalf("%d findings of %d rules, want findings of at least %d rules: %v", len(all), len(rules), c.minRule, all)
			}
			var buf bytes.Buffer
			if err := codescan.WriteSARIF(&buf, all, "test"); err != nil {
				t.Fatal(err)
			}
			if err := validate(t, sch, buf.Bytes()); err != nil {
				t.Fatalf("SARIF output of %d findings does not validate: %v", len(all), err)
			}
			t.Logf("%d findings of %d rules: valid SARIF 2.1.0 (%d bytes)", len(all), len(rules), buf.Len())
		})
	}
}

// TestSARIFSchemaRejects: the schema check can fail: a log without its
// version, a result with an unknown level, a region with line 0 are each
// refused.
func TestSARIFSchemaRejects(t *testing.T) {
	sch := sarifSchema(t)
	var buf bytes.Buffer
	fs := []codescan.Finding{}
	codescan.ScanPaths([]string{"../codescan"}, uts39.ModeratelyRestrictive, func(f codescan.Finding) { fs = append(fs, f) }, func(error) {})
	if err := codescan.WriteSARIF(&buf, fs, "test"); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	if err := validate(t, sch, []byte(good)); err != nil {
		t.Fatalf("the unbroken log does not validate: %v", err)
	}
	for name, broken := range map[string]string{
		"no version":    strings.Replace(good, `"version": "2.1.0",`, ``, 1),
		"wrong version": strings.Replace(good, `"version": "2.1.0"`, `"version": "2.0"`, 1),
		"extra field":   strings.Replace(good, `"runs": [`, `"runz": 1, "runs": [`, 1),
	} {
		if broken == good {
			t.Fatalf("%s: the log has no place to break (its shape changed?)", name)
		}
		if err := validate(t, sch, []byte(broken)); err == nil {
			t.Errorf("%s: validates, want an error", name)
		}
	}
}
