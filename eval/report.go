package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error { return WriteJSON(w, r) }

// WriteJSON writes v as indented JSON, HTML characters unescaped.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// WriteText writes the report as aligned plain-text tables.
func (r *Report) WriteText(w io.Writer) error { return r.write(w, false) }

// WriteMarkdown writes the report as Markdown tables, ready for a README.
func (r *Report) WriteMarkdown(w io.Writer) error { return r.write(w, true) }

type table struct {
	left   int // leading columns aligned left in plain text (at least the first)
	title  string
	header []string
	rows   [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(w io.Writer, md bool) {
	if md {
		fmt.Fprintf(w, "%s\n\n", t.title)
		fmt.Fprintf(w, "| %s |\n|", strings.Join(t.header, " | "))
		for i := range t.header {
			if i < max(t.left, 1) {
				fmt.Fprint(w, " --- |")
			} else {
				fmt.Fprint(w, " ---: |")
			}
		}
		fmt.Fprintln(w)
		for _, row := range t.rows {
			fmt.Fprintf(w, "| %s |\n", strings.Join(row, " | "))
		}
		fmt.Fprintln(w)
		return
	}
	width := make([]int, len(t.header))
	for _, row := range append([][]string{t.header}, t.rows...) {
		for i, c := range row {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	fmt.Fprintf(w, "%s\n\n", t.title)
	for _, row := range append([][]string{t.header}, t.rows...) {
		var b strings.Builder
		for i, c := range row {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			switch {
			case i == 0:
				b.WriteString(c + pad)
			case i < t.left:
				b.WriteString("  " + c + pad)
			default:
				b.WriteString("  " + pad + c)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	fmt.Fprintln(w)
}

// pct formats a/b as a percentage, "–" when b is 0. A share short of all
// never prints as 100%, nor a share above none as 0%.
func pct(a, b int) string {
	if b == 0 {
		return "–"
	}
	v := 100 * float64(a) / float64(b)
	switch {
	case a == b:
		return "100%"
	case v >= 99:
		s := fmt.Sprintf("%.2f%%", v)
		if s == "100.00%" {
			s = "99.99%"
		}
		return s
	case a > 0 && v < 0.05:
		return fmt.Sprintf("%.2f%%", max(v, 0.01))
	}
	return fmt.Sprintf("%.1f%%", v)
}

func passFail(ok bool) string {
	if ok {
		return "PASS"
	}
	return "FAIL"
}

func (r *Report) write(w io.Writer, md bool) error {
	n := "all"
	if r.N > 0 {
		n = fmt.Sprint(r.N)
	}
	var rates []string
	for _, x := range r.Rates {
		rates = append(rates, fmt.Sprint(x))
	}
	fmt.Fprintf(w, "unmask eval: %s originals per class and rate, rates %s, seed %d (%.1fs)\n\n",
		n, strings.Join(rates, " "), r.RandSeed, r.Elapsed.Seconds())

	targets := table{left: 3, title: "Targets", header: []string{"target", "measured", "result"}}
	if s := r.Seed; s != nil {
		exact := "no"
		if s.Exact {
			exact = "yes"
		}
		targets.add(fmt.Sprintf("seed %s restored exactly with %d findings and no other", s.Name, s.Want),
			fmt.Sprintf("exact %s; %d findings, %d on the %d disguised letters (%d covered), %d elsewhere; verdict %s",
				exact, s.Findings, s.FindingsTrue, s.Want, s.EditsFound, s.Findings-s.FindingsTrue, s.Verdict),
			passFail(s.Pass))
	}

	cls := table{
		title: "Disguised text: exact = restored byte for byte; precision and recall of findings (a finding is right " +
			"when it overlaps an edit); verdict = \"disguised\"; payloads = tag-smuggled texts decoded in the report",
		header: []string{"class", "docs"},
	}
	for _, x := range r.Rates {
		cls.header = append(cls.header, fmt.Sprintf("exact@%g", x))
	}
	cls.header = append(cls.header, "exact", "precision", "recall", "verdict", "suspicious", "payloads", "target")
	passed, worst, worstRate := 0, "", 2.0
	for _, c := range r.Classes {
		row := []string{string(c.Class), fmt.Sprint(c.Total.Docs)}
		for _, rr := range c.Rates {
			row = append(row, pct(rr.Counts.Exact, rr.Counts.Docs))
		}
		row = append(row, pct(c.Total.Exact, c.Total.Docs), pct(c.Total.FindingsTrue, c.Total.Findings),
			pct(c.Total.EditsFound, c.Total.Edits), pct(c.Total.VerdictRight, c.Total.Docs),
			pct(c.Total.Suspicious, c.Total.Docs), pct(c.Total.PayloadsRead, c.Total.Payloads),
			fmt.Sprintf("%s (≥%g%%)", passFail(c.Pass), 100*c.Target))
		cls.add(row...)
		if c.Pass {
			passed++
		}
		if e := c.Total.ExactRate(); e < worstRate {
			worst, worstRate = string(c.Class), e
		}
	}
	row := []string{"all", fmt.Sprint(r.Total.Docs)}
	for i := range r.Rates {
		var t Counts
		for _, c := range r.Classes {
			t.add(c.Rates[i].Counts)
		}
		row = append(row, pct(t.Exact, t.Docs))
	}
	row = append(row, pct(r.Total.Exact, r.Total.Docs), pct(r.Total.FindingsTrue, r.Total.Findings),
		pct(r.Total.EditsFound, r.Total.Edits), pct(r.Total.VerdictRight, r.Total.Docs),
		pct(r.Total.Suspicious, r.Total.Docs), pct(r.Total.PayloadsRead, r.Total.Payloads), "")
	cls.add(row...)
	if len(r.Classes) > 0 {
		targets.add("exact-document restore ≥99% per class (≥90% heavy)",
			fmt.Sprintf("%d of %d classes; worst %s %s", passed, len(r.Classes), worst, pct(int(worstRate*1e6), 1e6)),
			passFail(passed == len(r.Classes)))
	}

	clean := table{
		title:  "Clean text: must come back byte-identical and be judged clean",
		header: []string{"set", "docs", "changed docs", "runes changed", "flagged docs", "findings", "byte-identical", "target"},
	}
	cleanDocs, cleanSame, cleanPass := 0, 0, true
	for _, c := range r.Clean {
		rc := fmt.Sprintf("%d of %d", c.RunesChanged, c.Runes)
		if c.Approximate {
			rc = "≤" + rc
		}
		clean.add(c.Set, fmt.Sprint(c.Docs), fmt.Sprint(c.Changed), rc, fmt.Sprint(c.Flagged), fmt.Sprint(c.Findings),
			pct(c.Docs-c.Changed, c.Docs), fmt.Sprintf("%s (≥99.9%%)", passFail(c.Pass)))
		cleanDocs += c.Docs
		cleanSame += c.Docs - c.Changed
		cleanPass = cleanPass && c.Pass
	}
	if len(r.Clean) > 0 {
		targets.add("clean documents byte-identical ≥99.9% (each set)", fmt.Sprintf("%s of %d", pct(cleanSame, cleanDocs), cleanDocs), passFail(cleanPass))
	}
	targets.add("verdict right on ≥99% of documents (disguised and clean)",
		fmt.Sprintf("%s of %d", pct(r.Verdict.Right, r.Verdict.Docs), r.Verdict.Docs), passFail(r.Verdict.Pass))

	targets.write(w, md)
	if len(r.Classes) > 0 {
		cls.write(w, md)
	}
	if len(r.Clean) > 0 {
		clean.write(w, md)
	}
	if len(r.Peers) > 0 {
		r.writePeers(w, md)
	}
	r.writeFailures(w, md)
	return nil
}

func (r *Report) writePeers(w io.Writer, md bool) {
	restore := table{
		title:  "Peers, restore: share of disguised documents restored byte for byte; for clean sets, share left byte-identical",
		header: []string{"class", "unmask"},
	}
	flag := table{
		title:  "Peers, detection: share of documents judged right (disguised: flagged; clean: not flagged)",
		header: []string{"class", "unmask"},
	}
	rp, fp := r.RestorePeers, r.FlagPeers
	restore.header = append(restore.header, rp...)
	flag.header = append(flag.header, fp...)
	for _, c := range r.Classes {
		row := []string{string(c.Class), pct(c.Total.Exact, c.Total.Docs)}
		for _, p := range rp {
			row = append(row, pct(c.Peers[p].Exact, c.Peers[p].Docs))
		}
		restore.add(row...)
		row = []string{string(c.Class), pct(c.Total.VerdictRight, c.Total.Docs)}
		for _, p := range fp {
			row = append(row, pct(c.Peers[p].Flagged, c.Peers[p].Flags))
		}
		flag.add(row...)
	}
	for _, c := range r.Clean {
		row := []string{"clean: " + c.Set, pct(c.Docs-c.Changed, c.Docs)}
		for _, p := range rp {
			pc := c.Peers[p]
			row = append(row, pct(pc.Exact, pc.Docs))
		}
		restore.add(row...)
		row = []string{"clean: " + c.Set, pct(c.Docs-c.Flagged, c.Docs)}
		for _, p := range fp {
			pc := c.Peers[p]
			row = append(row, pct(pc.Flags-pc.Flagged, pc.Flags))
		}
		flag.add(row...)
	}
	if s := r.Seed; s != nil {
		ok := "no"
		if s.Exact {
			ok = "yes"
		}
		row := []string{"seed " + s.Name + " exact", ok}
		for _, p := range rp {
			v := "no"
			for _, q := range s.Peers {
				if q == p {
					v = "yes"
				}
			}
			row = append(row, v)
		}
		restore.add(row...)
	}
	restore.write(w, md)
	if len(fp) > 0 {
		flag.write(w, md)
	}
	errs := 0
	for _, c := range r.Classes {
		for _, pc := range c.Peers {
			errs += pc.Errors
		}
	}
	if errs > 0 {
		fmt.Fprintf(w, "Peers failed (an error instead of an answer) on %d documents; those count as not restored.\n\n", errs)
	}
}

func (r *Report) writeFailures(w io.Writer, md bool) {
	var blocks []string
	var names []string
	add := func(name string, fs []Failure) {
		if len(fs) == 0 {
			return
		}
		var b strings.Builder
		for _, f := range fs {
			if f.Rate > 0 {
				fmt.Fprintf(&b, "%s at rate %g\n", f.Doc, f.Rate)
			} else {
				fmt.Fprintf(&b, "%s\n", f.Doc)
			}
			for _, p := range f.Problems {
				fmt.Fprintf(&b, "  %s\n", p)
			}
		}
		names = append(names, name)
		blocks = append(blocks, b.String())
	}
	if r.Seed != nil && r.Seed.Failure != nil {
		add("seed", []Failure{*r.Seed.Failure})
	}
	for _, c := range r.Classes {
		add(string(c.Class), c.Failures)
	}
	for _, c := range r.Clean {
		add("clean: "+c.Set, c.Failures)
	}
	if len(blocks) == 0 {
		return
	}
	fmt.Fprintf(w, "Failures (first of each class, in corpus order)\n\n")
	for i, b := range blocks {
		if md {
			fmt.Fprintf(w, "#### %s\n\n```\n%s```\n\n", names[i], b)
		} else {
			fmt.Fprintf(w, "== %s\n%s\n", names[i], b)
		}
	}
}
