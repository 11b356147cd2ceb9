package codescan

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkFile scans this module's own Go sources (about 5 MB of code and
// generated tables), package by package.
func BenchmarkFile(b *testing.B) {
	files, _ := Files("..")
	type file struct {
		path string
		src  []byte
	}
	var fs []file
	n := 0
	for _, p := range files {
		if filepath.Ext(p) != ".go" {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		fs = append(fs, file{p, src})
		n += len(src)
	}
	b.SetBytes(int64(n))
	b.ResetTimer()
	for b.Loop() {
		s := NewScanner(0)
		dir := ""
		for _, f := range fs {
			if d := filepath.Dir(f.path); d != dir {
				s.Package()
				dir = d
			}
			s.File(f.path, f.src)
		}
		s.Package()
	}
}
