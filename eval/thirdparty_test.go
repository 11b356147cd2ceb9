package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/unmaskdev/unmask/detect"
	"github.com/unmaskdev/unmask/eval/perturb"
	"github.com/unmaskdev/unmask/restore"
)

// TestThirdPartySlice runs a small slice of the committed third-party set
// and the Bad Characters cases: the set parses, every class its manifest
// names has documents, and the report has a row for each. It checks no
// score: the targets are in the report's PASS/FAIL column.
func TestThirdPartySlice(t *testing.T) {
	news, err := LoadNews(filepath.Join("..", "testdata", "news-sample.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	suite, err := LoadThirdParty(filepath.Join("testdata", "thirdparty"), news, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	perClass := map[string]int{}
	var slice []Case
	for _, c := range suite.Cases {
		if perClass[c.Class] < 1 {
			perClass[c.Class]++
			slice = append(slice, c)
		}
	}
	var want []string
	for _, g := range suite.Manifest.Generators {
		if g.Name == "" || g.Source == "" || g.Version == "" || g.Licence == "" {
			t.Errorf("manifest entry %+v lacks name, source, version or licence", g)
		}
		for _, c := range g.Classes {
			want = append(want, c)
			if perClass[c] == 0 {
				t.Errorf("class %s of %s has no document", c, g.Name)
			}
		}
	}
	for _, s := range suite.Manifest.Texts {
		if s.Name == "" || s.Source == "" || s.Version == "" || s.Licence == "" {
			t.Errorf("manifest entry %+v lacks name, source, version or licence", s)
		}
		want = append(want, s.Classes...)
	}
	for c := range perClass {
		found := false
		for _, w := range want {
			found = found || w == c
		}
		if !found {
			t.Errorf("class %s is in no manifest entry", c)
		}
	}
	rep, err := RunSuite(context.Background(), SuiteConfig{Cases: slice, Manifest: suite.Manifest, Workers: 2, Explain: 1})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]SuiteClass{}
	for _, c := range rep.Classes {
		got[c.Class] = c
	}
	for _, c := range want {
		if got[c].Docs != perClass[c] {
			t.Errorf("class %s: %d documents in the report, want %d", c, got[c].Docs, perClass[c])
		}
	}
	if rep.Disguised.Docs+rep.Clean.Docs != len(slice) {
		t.Errorf("report totals %d + %d documents, want %d", rep.Disguised.Docs, rep.Clean.Docs, len(slice))
	}
	var md, js bytes.Buffer
	if err := rep.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	for _, c := range want {
		if !strings.Contains(md.String(), "| "+c+" |") {
			t.Errorf("markdown report has no row for %s", c)
		}
	}
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back SuiteReport
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back.Classes) != len(rep.Classes) {
		t.Errorf("JSON report does not read back: %v", err)
	}
}

func TestReadCasesErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"id":"a","class":"x","text":"b","want":"c"}` + "\n{", "set:2:"},
		{`{"id":"a","class":"x","text":"b","want":"b"}`, "disguised but text equals want"},
		{`{"id":"a","class":"x","text":"b","want":"c","clean":true}`, "clean but text and want differ"},
		{`{"class":"x","text":"b","want":"c"}`, "needs an id"},
		{`{"id":"a","class":"x","text":"b","want":"c","words":[[0,5]]}`, "outside want"},
	} {
		_, err := ReadCases(strings.NewReader(tc.in), "set")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadCases(%q) error %v, want one with %q", tc.in, err, tc.want)
		}
	}
	cs, err := ReadCases(strings.NewReader("\n"+`{"id":"a","class":"x","text":"b","want":"b","clean":true}`+"\n\n"), "set")
	if err != nil || len(cs) != 1 {
		t.Errorf("ReadCases: %v, %d cases", err, len(cs))
	}
}

func TestWordsKept(t *testing.T) {
	want := "the quick brown fox"
	words := [][2]int{{0, 3}, {4, 9}, {10, 15}, {16, 19}}
	for _, tc := range []struct {
		restored string
		n        int
	}{
		{want, 4},
		{"the quick brown fox\u0301", 3}, // a mark left on the last letter
		{"the qu\u200bick brown fox", 3}, // an invisible left inside a word
		{"the quick brovvn fox", 3},      // a letter wrong
		{"the  quick brown fox", 4},      // white space is no word (the document is not exact)
		{"ｔｈｅ ｑｕｉｃｋ ｂｒｏｗｎ ｆｏｘ", 0}, // nothing restored
	} {
		if got := wordsKept(want, tc.restored, words); got != tc.n {
			t.Errorf("wordsKept(%q) = %d, want %d", tc.restored, got, tc.n)
		}
	}
}

func TestPerturbCases(t *testing.T) {
	docs := []Doc{{ID: "a", Text: "First line of text.\n\nSecond line, longer than the first.\n"}}
	cs, err := PerturbCases(docs, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 4 {
		t.Fatalf("%d cases, want one per class", len(cs))
	}
	again, _ := PerturbCases(docs, 1)
	for i, c := range cs {
		if c.Want != docs[0].Text || c.Text == c.Want || c.check() != nil {
			t.Errorf("%s: text %q want %q", c.Class, c.Text, c.Want)
		}
		if again[i].Text != c.Text {
			t.Errorf("%s: not the same on a second run", c.Class)
		}
		if strings.Count(c.Text, "\n") != 3 {
			t.Errorf("%s: lines changed: %q", c.Class, c.Text)
		}
	}
}

// FuzzReadCases checks that any input gives cases that pass their check or
// an error, never a panic.
func FuzzReadCases(f *testing.F) {
	f.Add(`{"id":"a","class":"x","text":"b","want":"c","words":[[0,1]]}`)
	f.Add(`{"id":"a","class":"x","text":"b","want":"b","clean":true}` + "\n\n{")
	f.Fuzz(func(t *testing.T, in string) {
		cs, err := ReadCases(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		for _, c := range cs {
			if err := c.check(); err != nil {
				t.Fatalf("case read without error fails its check: %v", err)
			}
		}
	})
}

// TestSmuggleCases: each case hides its payloads, encoded as the construct
// says, right after a word; the text without them is the document; and a
// report that flags the text without decoding a payload does not count as
// flagged.
func TestSmuggleCases(t *testing.T) {
	docs := []Doc{
		{ID: "a", Text: "The markets rallied on Friday. Traders said the rally would last a while."},
		{ID: "b", Text: "Rain is expected over the weekend. Farmers welcomed the forecast after weeks of drought."},
	}
	cs, err := SmuggleCases(docs, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2*len(docs) {
		t.Fatalf("%d cases, want one per construct and document", len(cs))
	}
	again, _ := SmuggleCases(docs, 1)
	for i, c := range cs {
		if err := c.check(); err != nil || len(c.Hidden) == 0 || len(c.Hidden) != len(c.Words) {
			t.Fatalf("%s %s: %v, %d payloads, %d words", c.Class, c.ID, err, len(c.Hidden), len(c.Words))
		}
		if again[i].Text != c.Text {
			t.Errorf("%s: not the same on a second run", c.Class)
		}
		k := perturb.Smuggle(strings.TrimPrefix(c.Class, "smuggle/"))
		// Strip the hidden code points: what is left is the document, and
		// the runs decode to the payloads in order.
		var visible strings.Builder
		var runs []string
		inRun := false
		for _, r := range c.Text {
			if r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0000 && r <= 0xE01EF {
				if !inRun {
					runs = append(runs, "")
				}
				runs[len(runs)-1] += string(r)
				inRun = true
				continue
			}
			inRun = false
			visible.WriteRune(r)
		}
		if visible.String() != c.Want {
			t.Errorf("%s: visible text %q, want %q", c.Class, visible.String(), c.Want)
		}
		for j, run := range runs {
			got, err := perturb.Reveal(k, run)
			if err != nil || string(got) != c.Hidden[j] {
				t.Errorf("%s: run %d decodes to %q, %v; want %q", c.Class, j, got, err, c.Hidden[j])
			}
		}
		for _, w := range c.Words { // each payload follows a word's last letter
			if w[1] <= w[0] || !unicode.IsLetter([]rune(c.Want[w[0]:w[1]])[0]) {
				t.Errorf("%s: range %v of want is not a word", c.Class, w)
			}
		}
	}

	// Scoring: a report that flags the text but decodes nothing is not
	// flagged for a smuggling case.
	blind := System{
		Scan: func(text string) detect.Report {
			rep := detect.ScanString(text)
			rep.Hidden = nil
			return rep
		},
		Restore: restore.String,
	}
	if o := scoreCase(blind, &cs[0]); o.flagged {
		t.Error("a report without the payloads counts as flagged")
	}
	if o := scoreCase(Unmask(), &cs[0]); !o.flagged || !o.exact {
		t.Errorf("unmask on %s: flagged %v exact %v", cs[0].Class, o.flagged, o.exact)
	}
}
