package eval

import (
	"fmt"
	"strings"

	"github.com/unmaskdev/unmask/attack"
	"github.com/unmaskdev/unmask/detect"
)

// examples is how many instances each problem of a failure lists.
const examples = 3

// explainDisguised says what went wrong on one disguised document: the
// verdict, where the restoration differs from the original, which edits no
// finding covered, and which findings covered no edit.
func explainDisguised(res attack.Result, rep detect.Report, restored string, edits []span, found []bool) *Failure {
	f := &Failure{}
	if rep.Verdict != detect.Disguised {
		f.Problems = append(f.Problems, fmt.Sprintf("verdict %q, want \"disguised\" (score %.3f, %d findings)", rep.Verdict, rep.Score, len(rep.Findings)))
	}
	if restored != res.Original {
		d := describeDiff(res.Original, restored, examples)
		f.Problems = append(f.Problems, fmt.Sprintf("restore differs from the original (offsets in the restored text):"))
		f.Problems = append(f.Problems, indent(d)...)
	}
	missed := 0
	for _, ok := range found {
		if !ok {
			missed++
		}
	}
	if missed > 0 {
		f.Problems = append(f.Problems, fmt.Sprintf("missed %d of %d edits:", missed, len(edits)))
		n := 0
		for i, ok := range found {
			if ok {
				continue
			}
			if n == examples {
				f.Problems = append(f.Problems, fmt.Sprintf("  … and %d more", missed-n))
				break
			}
			n++
			e := res.Edits[i]
			got := res.Text[e.Offset : e.Offset+e.Len]
			what := "inserted"
			if e.Original != "" {
				what = "for " + quote(e.Original)
			}
			f.Problems = append(f.Problems, fmt.Sprintf("  @%d %s: %s %s %s", e.Offset, around(res.Text, e.Offset, e.Offset+e.Len), codePoints(got, 3), what, e.Class))
		}
	}
	if n := payloadsRead(res.Hidden, rep.Hidden); n < len(res.Hidden) {
		f.Problems = append(f.Problems, fmt.Sprintf("read %d of %d hidden payloads: want %s, got %s",
			n, len(res.Hidden), quoteAll(res.Hidden), quoteAll(rep.Hidden)))
	}
	f.Problems = append(f.Problems, falseFindings(res.Text, rep.Findings, edits)...)
	return f
}

// explainClean says what went wrong on one clean document.
func explainClean(d Doc, rep detect.Report, restored string) *Failure {
	f := &Failure{Doc: d.ID}
	if rep.Verdict != detect.Clean {
		f.Problems = append(f.Problems, fmt.Sprintf("verdict %q, want \"clean\" (score %.3f)", rep.Verdict, rep.Score))
	}
	if restored != d.Text {
		f.Problems = append(f.Problems, "restore changed clean text (offsets in the restored text):")
		f.Problems = append(f.Problems, indent(describeDiff(d.Text, restored, examples))...)
	}
	f.Problems = append(f.Problems, falseFindings(d.Text, rep.Findings, nil)...)
	return f
}

// falseFindings lists findings that overlap no edit.
func falseFindings(text string, findings []detect.Finding, edits []span) []string {
	var out []string
	n := 0
	for _, fd := range findings {
		if hit, _ := match(edits, []detect.Finding{fd}); hit > 0 {
			continue
		}
		n++
		if n > examples {
			continue
		}
		lo, hi := fd.Offset, fd.Offset+fd.Len
		ctx := "(offset out of range)"
		if lo >= 0 && hi <= len(text) && lo <= hi {
			ctx = around(text, lo, hi)
		}
		out = append(out, fmt.Sprintf("  @%d %s: %s %s %s imitating %s in word %s (%s)",
			fd.Offset, ctx, fd.Kind, fd.Code, fd.Name, quote(fd.Imitates), quote(fd.Word), fd.Action))
	}
	if n == 0 {
		return nil
	}
	if n > examples {
		out = append(out, fmt.Sprintf("  … and %d more", n-examples))
	}
	return append([]string{fmt.Sprintf("%d findings on text that was not disguised:", n)}, out...)
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func indent(lines []string) []string {
	for i := range lines {
		lines[i] = "  " + lines[i]
	}
	return lines
}
