package codescan

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// Files lists the regular files under root to scan, in lexical order, as
// git would see them: .git directories are skipped, and so is whatever the
// .gitignore files (of root, of its subdirectories and of the directories
// between root and the top of its git work tree) and .git/info/exclude
// ignore. Symbolic links are not followed. A root that is a file is listed
// as it is, ignored or not, as ripgrep does with a path it is given. Errors
// on single entries (an unreadable directory) are returned beside the list,
// which holds everything else.
func Files(root string) ([]string, []error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, []error{err}
	}
	if !info.IsDir() {
		return []string{root}, nil
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, []error{err}
	}
	w := &walker{}
	top, rel := workTreeOf(abs)
	if top != "" {
		w.readIgnore(filepath.Join(top, ".git", "info", "exclude"), nil)
		for i := range rel { // the .gitignore files above root
			w.readIgnore(filepath.Join(top, filepath.Join(rel[:i]...), ".gitignore"), rel[:i])
		}
	}
	var files []string
	var errs []error
	var walk func(dir string, comps []string)
	walk = func(dir string, comps []string) {
		n := len(w.ps)
		defer func() { w.ps = w.ps[:n] }()
		w.readIgnore(filepath.Join(dir, ".gitignore"), comps)
		entries, err := os.ReadDir(dir)
		if err != nil {
			errs = append(errs, err)
		}
		m := gitignore.NewMatcher(w.ps)
		for _, e := range entries {
			if e.Name() == ".git" {
				continue
			}
			p := append(comps[:len(comps):len(comps)], e.Name())
			if m.Match(p, e.IsDir()) {
				continue
			}
			path := filepath.Join(dir, e.Name())
			switch {
			case e.IsDir():
				walk(path, p)
			case e.Type().IsRegular():
				files = append(files, path)
			}
		}
	}
	walk(root, rel)
	if w.err != nil {
		errs = append(errs, w.err)
	}
	sort.Strings(files)
	return files, errs
}

type walker struct {
	ps  []gitignore.Pattern
	err error
}

// readIgnore adds the patterns of one ignore file, whose directory is domain
// (path components from the top of the work tree). A missing file adds none.
func (w *walker) readIgnore(path string, domain []string) {
	f, err := os.Open(path)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
			w.err = errors.Join(w.err, err)
		}
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		s := strings.TrimSuffix(sc.Text(), "\r")
		if strings.HasPrefix(s, "#") || strings.TrimSpace(s) == "" {
			continue
		}
		w.ps = append(w.ps, gitignore.ParsePattern(s, append([]string(nil), domain...)))
	}
}

// workTreeOf finds the top of the git work tree holding dir (the nearest
// ancestor with a .git) and dir's path components under it; "" when dir is
// in no work tree.
func workTreeOf(dir string) (string, []string) {
	var rel []string
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			for i, j := 0, len(rel)-1; i < j; i, j = i+1, j-1 {
				rel[i], rel[j] = rel[j], rel[i]
			}
			return d, rel
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", nil
		}
		rel = append(rel, filepath.Base(d))
		d = parent
	}
}
