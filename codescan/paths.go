package codescan

import (
	"os"
	"path/filepath"
	"sort"
)

// Stats counts what ScanPaths read.
type Stats struct {
	Files, Binary, Bytes int // files scanned, binary files skipped, bytes of the scanned files
	Findings             int
}

// ScanPaths scans every file under paths (see Files) with a Scanner of
// the restriction level, one directory (package) at a time: the findings of
// each file in order of place, then the colliding identifiers of the
// directory. It calls found for each finding and fail for each path that
// cannot be listed or read, and goes on past it.
func ScanPaths(paths []string, level Level, found func(Finding), fail func(error)) Stats {
	var all []string
	seen := map[string]bool{}
	for _, p := range paths {
		files, errs := Files(p)
		for _, err := range errs {
			fail(err)
		}
		for _, f := range files {
			if !seen[f] {
				seen[f] = true
				all = append(all, f)
			}
		}
	}
	// one package per directory, in order
	sort.SliceStable(all, func(i, j int) bool { return filepath.Dir(all[i]) < filepath.Dir(all[j]) })
	s := NewScanner(level)
	var st Stats
	emit := func(fs []Finding) {
		for _, f := range fs {
			st.Findings++
			found(f)
		}
	}
	for i, path := range all {
		src, err := os.ReadFile(path)
		if err != nil {
			fail(err)
		} else if IsBinary(src) {
			st.Binary++
		} else {
			st.Files++
			st.Bytes += len(src)
			emit(s.File(path, src))
		}
		if i+1 == len(all) || filepath.Dir(all[i+1]) != filepath.Dir(path) {
			emit(s.Package())
		}
	}
	return st
}
