package notice

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const root = "../.."

// apache20 is the SHA-256 of the Apache License 2.0 text as the Apache
// Software Foundation publishes it (LICENSE-2.0.txt), which Debian ships as
// /usr/share/common-licenses/Apache-2.0.
const apache20 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30"

func TestLicenseIsApache20(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, "LICENSE"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	if got := hex.EncodeToString(sum[:]); got != apache20 {
		t.Errorf("LICENSE is not the Apache License 2.0 text unchanged (SHA-256 %s, want %s)", got, apache20)
	}
}

var embedRE = regexp.MustCompile(`(?m)^//go:embed (.+)$`)

// Every embedded file and every generated table is named in NOTICE, and
// the data each is made from has its licence there.
func TestNoticeListsEmbeddedData(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, "NOTICE"))
	if err != nil {
		t.Fatal(err)
	}
	notice := string(b)
	var embedded, generated []string
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			// testdata is not built in; e2e is a module of its own, for tests
			if name := d.Name(); rel != "." && (name == "testdata" || name == "e2e" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(rel))
		for _, m := range embedRE.FindAllStringSubmatch(string(src), -1) {
			for _, pat := range strings.Fields(m[1]) {
				embedded = append(embedded, dir+"/"+pat)
			}
		}
		if strings.HasPrefix(string(src), "// Code generated") {
			generated = append(generated, filepath.ToSlash(rel))
			head := string(src[:min(len(src), 2000)])
			for _, src := range []struct{ in, licence string }{
				{"Unicode", "Unicode License v3"},
				{"Unifont", "Unifont"},
				{"SCOWL", "SCOWL"},
				{"hunspell", "hunspell"},
			} {
				if strings.Contains(head, src.in) && !strings.Contains(notice, src.licence) {
					t.Errorf("%s is generated from %s data; NOTICE does not give its licence", rel, src.in)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(embedded) == 0 || len(generated) == 0 {
		t.Fatalf("found %d embedded files and %d generated tables: the walk is broken", len(embedded), len(generated))
	}
	for _, e := range embedded {
		if !strings.Contains(notice, e) {
			t.Errorf("%s is built in with //go:embed, and NOTICE does not list it", e)
		}
	}
	for _, g := range generated {
		if !strings.Contains(notice, g) && !strings.Contains(notice, filepath.Dir(g)+"/tables_*.go") {
			t.Errorf("%s is a generated table, and NOTICE does not list it", g)
		}
	}
}
