package detect

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRealTextUntouched runs the UDHR samples of testdata/ (44 languages in
// many scripts): nothing may change, and only the two orthographies that
// write Cyrillic letters with Latin ones (Adyghe, Yukaghir) may be reported.
func TestRealTextUntouched(t *testing.T) {
	files, _ := filepath.Glob("../testdata/udhr/*.txt")
	if len(files) < 40 {
		t.Fatalf("testdata/udhr has %d files", len(files))
	}
	suspicious := map[string]bool{"ady": true, "ykg": true}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		rep := Scan(b)
		for _, x := range rep.Findings {
			if x.Action != Keep {
				t.Errorf("%s: would change %s %s in %q", name, x.Code, x.Name, x.Word)
				break
			}
		}
		want := Clean
		if suspicious[name] {
			want = Suspicious
		}
		if rep.Verdict != want {
			t.Errorf("%s: verdict %s, want %s", name, rep.Verdict, want)
		}
	}
}
