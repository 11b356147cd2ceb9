package codescan

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestFilesGitignore: .git, .gitignore at every level (with negation and
// directory patterns), .git/info/exclude, and the ignore files above the
// scanned directory all count, as git counts them.
func TestFilesGitignore(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		".git/HEAD":              "ref: refs/heads/main\n",
		".git/info/exclude":      "*.tmp\n",
		".gitignore":             "# build output\nbuild/\n*.log\n!keep.log\n",
		"main.go":                "package main\n",
		"debug.log":              "x",
		"keep.log":               "x",
		"notes.tmp":              "x",
		"build/out.go":           "package out\n",
		"sub/.gitignore":         "secret.go\n/only-here.txt\n",
		"sub/a.go":               "package sub\n",
		"sub/secret.go":          "package sub\n",
		"sub/only-here.txt":      "x",
		"sub/deep/only-here.txt": "x",
		"sub/deep/secret.go":     "package deep\n",
	})
	rel := func(files []string, base string) []string {
		var out []string
		for _, f := range files {
			r, _ := filepath.Rel(base, f)
			out = append(out, filepath.ToSlash(r))
		}
		return out
	}
	files, errs := Files(root)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	want := []string{".gitignore", "keep.log", "main.go", "sub/.gitignore", "sub/a.go", "sub/deep/only-here.txt"}
	if got := rel(files, root); !slices.Equal(got, want) {
		t.Fatalf("got %v\nwant %v", got, want)
	}
	// from inside the work tree, the .gitignore above still counts
	files, _ = Files(filepath.Join(root, "sub", "deep"))
	if got := rel(files, root); !slices.Equal(got, []string{"sub/deep/only-here.txt"}) {
		t.Fatalf("from sub/deep: got %v", got)
	}
	// a file named on the command line is scanned even if ignored
	files, _ = Files(filepath.Join(root, "debug.log"))
	if len(files) != 1 {
		t.Fatalf("named file: got %v", files)
	}
	if _, errs := Files(filepath.Join(root, "missing")); len(errs) != 1 {
		t.Fatalf("missing path: got %v", errs)
	}
}

// TestScanPathsGoesOn: a path that cannot be read is reported and the
// others are scanned.
func TestScanPathsGoesOn(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"a.go": "package a\n\n// \u202e\n", "b.py": "x = 1\n"})
	var found []Finding
	var fails []error
	st := ScanPaths([]string{filepath.Join(root, "missing"), root}, 0,
		func(f Finding) { found = append(found, f) }, func(err error) { fails = append(fails, err) })
	if len(fails) != 1 || len(found) != 1 || st.Files != 2 || st.Findings != 1 {
		t.Fatalf("fails %v, found %v, stats %+v", fails, found, st)
	}
}
