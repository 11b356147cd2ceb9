package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/attack"
	"github.com/unmaskdev/unmask/detect"
)

func TestMatch(t *testing.T) {
	edits := []span{{2, 4}, {10, 12}, {20, 30}}
	findings := []detect.Finding{
		{Offset: 3, Len: 1},  // inside edit 0
		{Offset: 5, Len: 2},  // between edits
		{Offset: 11, Len: 0}, // zero length counts as one byte: inside edit 1
		{Offset: 12, Len: 8}, // touches edit 1's end and edit 2's start: overlaps neither
		{Offset: 0, Len: 40}, // covers all three
	}
	hit, found := match(edits, findings)
	if hit != 3 {
		t.Errorf("hit = %d, want 3", hit)
	}
	if !found[0] || !found[1] || !found[2] {
		t.Errorf("found = %v, want all true", found)
	}
	hit, found = match(edits, findings[1:2])
	if hit != 0 || found[0] || found[1] || found[2] {
		t.Errorf("a finding between edits: hit %d, found %v", hit, found)
	}
}

// A hand-made case: two disguised letters, a detector that finds one of them
// and reports one false finding, a restorer that fixes only the first.
func TestScoreDisguisedHandMade(t *testing.T) {
	res := attack.Result{
		Original: "from here",
		Text:     "fr\u03BFm h\u0435re", // Greek ο at bytes 2–3, Cyrillic е at 7–8
		Edits: []attack.Edit{
			{Offset: 2, Len: 2, Original: "o", Class: attack.Greek},
			{Offset: 7, Len: 2, Original: "e", Class: attack.Cyrillic},
		},
	}
	if u, _ := res.Undo(); u != res.Original {
		t.Fatalf("hand-made ground truth is wrong: %q", u)
	}
	sys := System{
		Scan: func(string) detect.Report {
			return detect.Report{Verdict: detect.Disguised, Findings: []detect.Finding{
				{Offset: 2, Len: 2, Code: "U+03BF", Kind: detect.Lookalike},
				{Offset: 0, Len: 1, Code: "U+0066", Kind: detect.Lookalike},
			}}
		},
		Restore: func(string) string { return "from h\u0435re" },
	}
	got := scoreDisguised(sys, res, true)
	want := Counts{Docs: 1, Exact: 0, Edits: 2, EditsFound: 1, Findings: 2, FindingsTrue: 1, VerdictRight: 1}
	if got.counts != want {
		t.Errorf("counts = %+v, want %+v", got.counts, want)
	}
	if got.counts.Precision() != 0.5 || got.counts.Recall() != 0.5 {
		t.Errorf("precision %v recall %v, want 0.5 0.5", got.counts.Precision(), got.counts.Recall())
	}
	text := strings.Join(got.failure.Problems, "\n")
	for _, s := range []string{"missed 1 of 2 edits", "U+0435 CYRILLIC SMALL LETTER IE", "1 findings on text that was not disguised", `want "e"`} {
		if !strings.Contains(text, s) {
			t.Errorf("explanation lacks %q:\n%s", s, text)
		}
	}

	// The perfect answer.
	sys.Restore = func(string) string { return res.Original }
	sys.Scan = func(string) detect.Report {
		return detect.Report{Verdict: detect.Disguised, Findings: []detect.Finding{{Offset: 2, Len: 2}, {Offset: 7, Len: 2}}}
	}
	got = scoreDisguised(sys, res, true)
	want = Counts{Docs: 1, Exact: 1, Edits: 2, EditsFound: 2, Findings: 2, FindingsTrue: 2, VerdictRight: 1}
	if got.counts != want || got.failure != nil {
		t.Errorf("perfect answer: %+v, failure %v", got.counts, got.failure)
	}
}

func TestPayloadsRead(t *testing.T) {
	if n := payloadsRead([]string{"a", "a", "b"}, []string{"a", "c", "b", "b"}); n != 2 {
		t.Errorf("payloadsRead = %d, want 2", n)
	}
	if n := payloadsRead(nil, []string{"x"}); n != 0 {
		t.Errorf("payloadsRead with nothing hidden = %d", n)
	}
}

func TestRunesChanged(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"abc", "abc", 0},
		{"abc", "abd", 1},
		{"abc", "ab", 1},
		{"", "xyz", 3},
		{"fr\u03BFm", "from", 1},
		{"kitten", "sitting", 3},
		{"a\u200Bb\u200Bc", "abc", 2},
	} {
		if got, ok := runesChanged(c.a, c.b, 100); got != c.want || !ok {
			t.Errorf("runesChanged(%q, %q) = %d, %v; want %d", c.a, c.b, got, ok, c.want)
		}
	}
	if got, ok := runesChanged("abcdef", "uvwxyz", 2); ok || got != 6 {
		t.Errorf("past the limit: %d, %v; want the bound 6, false", got, ok)
	}
}

func TestDescribeDiff(t *testing.T) {
	d := strings.Join(describeDiff("from here", "fr\u03BFm he\u200Bre", 5), "\n")
	for _, s := range []string{"U+03BF GREEK SMALL LETTER OMICRON", `"fr[ο]m he⟨U+200B⟩re"`, "@2", `want ""`} {
		if !strings.Contains(d, s) {
			t.Errorf("describeDiff lacks %q:\n%s", s, d)
		}
	}
}

func TestReadNews(t *testing.T) {
	docs, err := ReadNews(strings.NewReader(`{"id":"a","title":"T","text":"body"}`+"\n\n"+`{"id":"b","text":""}`+"\n"), "x")
	if err != nil || len(docs) != 2 || docs[0].Text != "T\n\nbody" || docs[1].ID != "b" {
		t.Fatalf("%+v, %v", docs, err)
	}
	for in, want := range map[string]string{
		`{"id":"a","text":"x"}` + "\n{oops\n": "x:2:",
		`{"id":"a"}`:                          `x:1: no "text" field`,
		"\n\n":                                "no documents",
	} {
		if _, err := ReadNews(strings.NewReader(in), "x"); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadNews(%q) error %v, want one naming %q", in, err, want)
		}
	}
}

func TestChunks(t *testing.T) {
	docs := []Doc{{ID: "rus", Text: strings.Repeat("строка текста\n", 100)}, {ID: "eng", Text: "x\n"}}
	ch := Chunks(docs, []string{"rus"}, 200)
	var b strings.Builder
	for i, c := range ch {
		if !strings.HasPrefix(c.ID, "rus:") || (i < len(ch)-1 && len(c.Text) < 200) {
			t.Errorf("chunk %d: %q, %d bytes", i, c.ID, len(c.Text))
		}
		b.WriteString(c.Text)
	}
	if b.String() != docs[0].Text || len(ch) < 5 {
		t.Errorf("%d chunks do not add up to the document", len(ch))
	}
}

func loadTestdata(t *testing.T) Config {
	t.Helper()
	news, err := LoadNews("../testdata/news-sample.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	udhr, err := LoadUDHR("../testdata/udhr")
	if err != nil {
		t.Fatal(err)
	}
	seed, err := LoadSeed("../testdata/seed/scraped-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	return Config{
		News: news, Cyrillic: Chunks(udhr, CyrillicCodes, 800),
		Clean: []CleanSet{{Name: "udhr", Docs: udhr[:10]}, {Name: "news", Docs: news[:10]}},
		Seed:  seed, N: 20, RandSeed: 3, Rates: []float64{0.2, 1},
	}
}

// oracle answers perfectly for every document Run will make from cfg, by
// making them the same way, and sees nothing in any other text.
func oracle(t *testing.T, cfg Config) System {
	t.Helper()
	truth := map[string]attack.Result{}
	for _, c := range attack.Classes {
		docs := sample(cfg.News, cfg.N, cfg.RandSeed)
		if c.NeedsCyrillic() {
			docs = sample(cfg.Cyrillic, cfg.N, cfg.RandSeed)
		}
		for _, rate := range cfg.Rates {
			for _, d := range docs {
				res, err := attack.Apply(d.Text, c, rate, docSeed(cfg.RandSeed, c, rate, d.ID))
				if err != nil {
					t.Fatal(err)
				}
				truth[res.Text] = res
			}
		}
	}
	// The seed substitutes single letters: its edits are where the runes differ.
	seed := attack.Result{Original: cfg.Seed.Restored, Text: cfg.Seed.Disguised}
	for i, j := 0, 0; i < len(seed.Text); {
		a, n := utf8.DecodeRuneInString(seed.Text[i:])
		b, m := utf8.DecodeRuneInString(seed.Original[j:])
		if a != b {
			seed.Edits = append(seed.Edits, attack.Edit{Offset: i, Len: n, Original: string(b)})
		}
		i, j = i+n, j+m
	}
	truth[seed.Text] = seed
	return System{
		Scan: func(s string) detect.Report {
			res, ok := truth[s]
			if !ok || len(res.Edits) == 0 {
				return detect.Report{Verdict: detect.Clean}
			}
			r := detect.Report{Verdict: detect.Disguised, Hidden: res.Hidden}
			for _, e := range res.Edits {
				r.Findings = append(r.Findings, detect.Finding{Offset: e.Offset, Len: e.Len})
			}
			return r
		},
		Restore: func(s string) string {
			if res, ok := truth[s]; ok {
				return res.Original
			}
			return s
		},
	}
}

// TestRunMechanics runs a small evaluation on testdata with an oracle, which
// must score perfectly, and with a system that does nothing, which must score
// nothing; with one worker and several the reports must agree.
func TestRunMechanics(t *testing.T) {
	cfg := loadTestdata(t)
	cfg.System = oracle(t, cfg)
	cfg.Workers = 3
	rep, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Seed.Pass || rep.Seed.Want != 188 || rep.Seed.Findings != 188 {
		t.Errorf("oracle seed: %+v", rep.Seed)
	}
	if len(rep.Classes) != len(attack.Classes) {
		t.Fatalf("%d classes", len(rep.Classes))
	}
	for _, c := range rep.Classes {
		tot := c.Total
		if tot.Docs+tot.Skipped != cfg.N*len(cfg.Rates) {
			t.Errorf("%s: %d docs + %d skipped, want %d", c.Class, tot.Docs, tot.Skipped, cfg.N*len(cfg.Rates))
		}
		if tot.Docs == 0 || tot.Exact != tot.Docs || tot.EditsFound != tot.Edits || tot.FindingsTrue != tot.Findings ||
			tot.VerdictRight != tot.Docs || !c.Pass || len(c.Failures) != 0 {
			t.Errorf("oracle %s: %+v pass %v", c.Class, tot, c.Pass)
		}
		if (c.Class == attack.Tag || c.Class == attack.Mixed) != (tot.Payloads > 0) || tot.PayloadsRead != tot.Payloads {
			t.Errorf("oracle %s: read %d of %d payloads", c.Class, tot.PayloadsRead, tot.Payloads)
		}
	}
	for _, c := range rep.Clean {
		if c.Changed != 0 || c.Flagged != 0 || c.Docs != 10 || !c.Pass || c.Runes == 0 {
			t.Errorf("oracle clean %s: %+v", c.Set, c)
		}
	}
	if !rep.Pass || rep.Verdict.Rate != 1 {
		t.Errorf("oracle run does not pass: verdict %+v", rep.Verdict)
	}

	cfg.Workers = 1
	again, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	a, b := jsonOf(t, rep), jsonOf(t, again)
	if a != b {
		t.Error("one worker and three give different reports")
	}

	// A system that changes nothing and sees nothing.
	cfg.System = System{Scan: func(string) detect.Report { return detect.Report{Verdict: detect.Clean} }, Restore: func(s string) string { return s }}
	cfg.Explain = 2
	rep, err = Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range rep.Classes {
		if c.Total.Exact != 0 || c.Total.EditsFound != 0 || c.Total.Findings != 0 || c.Total.VerdictRight != 0 || c.Pass || c.Total.PayloadsRead != 0 {
			t.Errorf("null system %s: %+v", c.Class, c.Total)
		}
		if c.Total.Precision() != -1 || c.Total.Recall() != 0 {
			t.Errorf("null system %s: precision %v recall %v", c.Class, c.Total.Precision(), c.Total.Recall())
		}
		if len(c.Failures) != 2 || c.Failures[0].Doc == "" || c.Failures[0].Rate == 0 {
			t.Errorf("null system %s: failures %+v", c.Class, c.Failures)
		}
	}
	if rep.Seed.Pass || rep.Seed.Failure == nil || rep.Pass {
		t.Errorf("null system passes: seed %+v", rep.Seed)
	}
	var text, md bytes.Buffer
	rep.WriteText(&text)
	rep.WriteMarkdown(&md)
	for _, s := range []string{"greek", "FAIL", "verdict right", "Failures", "missed"} {
		if !strings.Contains(text.String(), s) {
			t.Errorf("text report lacks %q", s)
		}
	}
	if !strings.Contains(md.String(), "| class | docs | exact@0.2 | exact@1 |") || !strings.Contains(md.String(), "```") {
		t.Errorf("markdown report:\n%s", md.String())
	}
}

func jsonOf(t *testing.T, r *Report) string {
	t.Helper()
	c := *r
	c.Elapsed = 0
	b, err := json.Marshal(&c)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPct(t *testing.T) {
	for _, c := range []struct {
		a, b int
		want string
	}{{0, 0, "–"}, {5, 5, "100%"}, {9999, 10000, "99.99%"}, {99999, 100000, "99.99%"}, {1, 3, "33.3%"}, {0, 7, "0.0%"}, {1, 100000, "0.01%"}} {
		if got := pct(c.a, c.b); got != c.want {
			t.Errorf("pct(%d, %d) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
}

func FuzzHunks(f *testing.F) {
	f.Add("from here", "fr\u03BFm here")
	f.Add("kitten", "sitting")
	f.Add("", "abc")
	f.Fuzz(func(t *testing.T, a, b string) {
		ra, rb := []rune(a), []rune(b)
		hs, ok := hunks(ra, rb, 64)
		if !ok {
			return
		}
		// Applying the hunks to a gives b.
		var out []rune
		at := 0
		for _, h := range hs {
			if h.aLo < at || h.aHi < h.aLo || h.bHi < h.bLo {
				t.Fatalf("bad hunk %+v", h)
			}
			out = append(out, ra[at:h.aLo]...)
			out = append(out, rb[h.bLo:h.bHi]...)
			at = h.aHi
		}
		out = append(out, ra[at:]...)
		if string(out) != string(rb) {
			t.Fatalf("hunks %+v turn %q into %q, not %q", hs, a, string(out), b)
		}
		d, _ := distance(ra, rb, 64)
		n := 0
		for _, h := range hs {
			n += h.aHi - h.aLo + h.bHi - h.bLo
		}
		if n != d {
			t.Fatalf("hunks hold %d edits, distance is %d", n, d)
		}
		_ = describeDiff(a, b, 3)
		x, y, p := trim(a, b)
		if a[:p] != b[:p] || !strings.HasPrefix(a[p:], x) || !strings.HasPrefix(b[p:], y) || a[p+len(x):] != b[p+len(y):] {
			t.Fatalf("trim(%q, %q) = %q, %q, %d", a, b, x, y, p)
		}
		if c1, ok1 := runesChanged(a, b, 64); ok1 {
			if c2, _ := runesChanged(b, a, 64); c1 != c2 || (c1 == 0) != (a == b) {
				t.Fatalf("runesChanged %d one way, %d the other", c1, c2)
			}
		}
	})
}

func FuzzReadNews(f *testing.F) {
	f.Add(`{"id":"a","title":"T","text":"body"}` + "\n")
	f.Add("{\"text\":\"\\u00e9\"}\n\n{}\n")
	f.Fuzz(func(t *testing.T, in string) {
		docs, err := ReadNews(strings.NewReader(in), "f")
		if err != nil {
			return
		}
		lines := 0
		for _, l := range strings.Split(in, "\n") {
			if strings.TrimSpace(l) != "" {
				lines++
			}
		}
		if len(docs) != lines {
			t.Fatalf("%d documents from %d lines", len(docs), lines)
		}
	})
}
