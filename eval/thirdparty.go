package eval

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/unmaskdev/unmask/detect"
	"github.com/unmaskdev/unmask/eval/perturb"
)

// The third-party suite measures unmask on material it did not write: text
// disguised by other people's generators (npm packages, pinned), by the
// perturbations of a published paper (package perturb) and by the Trojan
// Source constructs, and real clean documents in many languages. It is kept
// apart from package attack, the project's own generator, and reported per
// class.
//
// A set is a folder of JSONL files (plain or .gz), one Case a line, and a
// MANIFEST.json naming each generator's source, version and licence.

// Case is one document of the third-party suite.
type Case struct {
	ID     string `json:"id"`
	Class  string `json:"class"`  // "generator/style", e.g. "confusables/obfuscate", "clean/gettext"
	Lang   string `json:"lang"`   // language of the original (ISO 639), "" if unknown
	Source string `json:"source"` // where the original text comes from
	Text   string `json:"text"`   // the document as the generator left it
	Want   string `json:"want"`   // what a reader sees: the original; equal to Text for a clean case
	Clean  bool   `json:"clean"`  // a real document nobody disguised
	// Words are the byte ranges of Want whose words the generator changed
	// (for a generator that rewrites whole lines, the lines).
	Words [][2]int `json:"words,omitempty"`
	// Hidden are the payloads the document smuggles: the report must decode
	// each (detect.Report.Hidden) for the case to count as flagged.
	Hidden []string `json:"hidden,omitempty"`
}

// Manifest records where each generator of a set comes from.
type Manifest struct {
	Generators []Generator `json:"generators"`
	Texts      []TextSrc   `json:"texts"`
}

// Generator is one third-party tool or published definition.
type Generator struct {
	Name    string   `json:"name"`    // prefix of its classes: "confusables"
	Source  string   `json:"source"`  // "npm confusables", a paper, a repository
	Version string   `json:"version"` // pinned version or commit
	Licence string   `json:"licence"`
	Call    string   `json:"call"` // what was called: "obfuscate(text)"
	Classes []string `json:"classes"`
}

// TextSrc is one source of original text; Classes are the clean classes
// its documents are in.
type TextSrc struct {
	Name    string   `json:"name"`
	Source  string   `json:"source"`
	Version string   `json:"version"`
	Licence string   `json:"licence"`
	Classes []string `json:"classes,omitempty"`
}

// Suite is a loaded third-party set.
type Suite struct {
	Dir      string
	Manifest Manifest
	Cases    []Case
}

// LoadSuite reads every *.jsonl and *.jsonl.gz file of dir, in name order,
// and dir/MANIFEST.json. Malformed lines are errors with file and line.
func LoadSuite(dir string) (*Suite, error) {
	s := &Suite{Dir: dir}
	b, err := os.ReadFile(filepath.Join(dir, "MANIFEST.json"))
	if err != nil {
		return nil, fmt.Errorf("third-party set: %v", err)
	}
	if err := json.Unmarshal(b, &s.Manifest); err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(dir, "MANIFEST.json"), err)
	}
	var names []string
	for _, pat := range []string{"*.jsonl", "*.jsonl.gz"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			return nil, err
		}
		names = append(names, m...)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no .jsonl or .jsonl.gz files", dir)
	}
	slices.Sort(names)
	for _, n := range names {
		cs, err := loadCases(n)
		if err != nil {
			return nil, err
		}
		s.Cases = append(s.Cases, cs...)
	}
	return s, nil
}

func loadCases(path string) ([]Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		defer z.Close()
		r = z
	}
	return ReadCases(r, path)
}

// ReadCases reads Cases, one JSON object a line (blank lines skipped); name
// prefixes error messages.
func ReadCases(r io.Reader, name string) ([]Case, error) {
	var out []Case
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 64<<20)
	for line := 1; sc.Scan(); line++ {
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		var c Case
		if err := json.Unmarshal(b, &c); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, line, err)
		}
		if err := c.check(); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, line, err)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return out, nil
}

func (c *Case) check() error {
	switch {
	case c.ID == "" || c.Class == "":
		return fmt.Errorf("case needs an id and a class")
	case c.Clean && c.Text != c.Want:
		return fmt.Errorf("case %s: clean but text and want differ", c.ID)
	case !c.Clean && c.Text == c.Want:
		return fmt.Errorf("case %s: disguised but text equals want", c.ID)
	}
	for _, w := range c.Words {
		if w[0] < 0 || w[1] < w[0] || w[1] > len(c.Want) {
			return fmt.Errorf("case %s: word range %v outside want (%d bytes)", c.ID, w, len(c.Want))
		}
	}
	return nil
}

// PerturbCases perturbs each line of each document with each class of
// package perturb: a line gets 1 to 5 perturbations, as the paper's budgets
// for one sentence run from 1 to 5. Ground truth is the document; the words
// are the lines perturbed.
func PerturbCases(docs []Doc, seed uint64) ([]Case, error) {
	var out []Case
	for _, k := range perturb.Kinds {
		for _, d := range docs {
			r := rand.New(rand.NewPCG(seed, docSeed(seed, "perturb", 0, string(k)+"\x00"+d.ID)))
			var b strings.Builder
			var words [][2]int
			off := 0
			for _, line := range strings.SplitAfter(d.Text, "\n") {
				body := strings.TrimSuffix(line, "\n")
				if strings.TrimSpace(body) != "" {
					p, err := perturb.Apply(body, k, 1+r.IntN(5), r)
					if err != nil {
						return nil, err
					}
					if p != body {
						words = append(words, [2]int{off, off + len(body)})
					}
					body = p
				}
				b.WriteString(body)
				if strings.HasSuffix(line, "\n") {
					b.WriteByte('\n')
				}
				off += len(line)
			}
			if b.String() == d.Text {
				continue
			}
			out = append(out, Case{
				ID: d.ID, Class: "badchars/" + string(k), Lang: "en", Source: "news",
				Text: b.String(), Want: d.Text, Words: words,
			})
		}
	}
	return out, nil
}

// BadCharsGenerator is the manifest entry of PerturbCases.
var BadCharsGenerator = Generator{
	Name:    "badchars",
	Source:  "Boucher et al., Bad Characters: Imperceptible NLP Attacks, IEEE S&P 2022 (github.com/nickboucher/imperceptible, experiments/experiment.py)",
	Version: "paper definitions, implemented in eval/perturb",
	Licence: "own implementation (Apache-2.0)",
	Call:    "perturb.Apply per line, 1–5 perturbations",
	Classes: []string{"badchars/invisible", "badchars/homoglyph", "badchars/reorder", "badchars/delete"},
}

// SmuggleCases hides one to three payloads in each document with each
// construct of perturb.Smuggles, each payload right after the last letter
// of a word chosen at random: a sentence of another document of docs (for
// tags, one of printable ASCII only). Ground truth is the document; the
// payloads must be decoded.
func SmuggleCases(docs []Doc, seed uint64) ([]Case, error) {
	var sentences [2][]string // any, printable ASCII
	for _, d := range docs {
		for _, s := range strings.Split(d.Text, ". ") {
			s = strings.TrimSpace(s)
			if len(s) < 20 || len(s) > 200 || strings.ContainsAny(s, "\n") {
				continue
			}
			sentences[0] = append(sentences[0], s)
			if strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r > 0x7E }) < 0 {
				sentences[1] = append(sentences[1], s)
			}
		}
	}
	if len(sentences[1]) == 0 {
		return nil, nil
	}
	var out []Case
	for _, k := range perturb.Smuggles {
		pool := sentences[0]
		if k == perturb.Tags {
			pool = sentences[1]
		}
		for _, d := range docs {
			r := rand.New(rand.NewPCG(seed, docSeed(seed, "smuggle", 0, string(k)+"\x00"+d.ID)))
			var ends []int // byte offsets just after a word's last letter
			prev := false
			for i, c := range d.Text {
				letter := unicode.IsLetter(c)
				if prev && !letter {
					ends = append(ends, i)
				}
				prev = letter
			}
			if prev {
				ends = append(ends, len(d.Text))
			}
			if len(ends) == 0 {
				continue
			}
			n := 1 + r.IntN(3)
			at := make([]int, 0, n)
			for range n {
				if e := ends[r.IntN(len(ends))]; !slices.Contains(at, e) {
					at = append(at, e)
				}
			}
			slices.Sort(at)
			var b strings.Builder
			var words [][2]int
			var hidden []string
			last := 0
			for _, e := range at {
				payload := pool[r.IntN(len(pool))]
				enc, err := perturb.Hide(k, []byte(payload))
				if err != nil {
					return nil, err
				}
				b.WriteString(d.Text[last:e])
				b.WriteString(enc)
				last = e
				lo := strings.LastIndexFunc(d.Text[:e], func(r rune) bool { return !unicode.IsLetter(r) }) + 1
				words = append(words, [2]int{lo, e})
				hidden = append(hidden, payload)
			}
			b.WriteString(d.Text[last:])
			out = append(out, Case{
				ID: d.ID, Class: "smuggle/" + string(k), Lang: "en", Source: "news",
				Text: b.String(), Want: d.Text, Words: words, Hidden: hidden,
			})
		}
	}
	return out, nil
}

// SmuggleGenerator is the manifest entry of SmuggleCases.
var SmuggleGenerator = Generator{
	Name:    "smuggle",
	Source:  "Paul Butler, Smuggling arbitrary data through an emoji (2025; variation selectors); Riley Goodside / Johann Rehberger, ASCII smuggling (2024; tag characters)",
	Version: "published definitions",
	Licence: "own implementation (Apache-2.0)",
	Call:    "perturb.Hide (eval/perturb/smuggle.go) after a word's last letter, 1–3 payloads (sentences of other articles)",
	Classes: []string{"smuggle/selectors", "smuggle/tags"},
}

// SuiteConfig says what to run the third-party suite on.
type SuiteConfig struct {
	Cases    []Case
	Manifest Manifest
	System   System
	Peers    []Peer
	Workers  int
	Explain  int
	Progress io.Writer
}

// Third-party targets (issues 18 and 19).
const (
	TargetTPExact   = 0.99  // disguised documents restored exactly, per class
	TargetTPFlagged = 0.99  // disguised documents not judged clean
	TargetTPClean   = 0.999 // clean documents untouched
	TargetTPVerdict = 0.995 // clean documents judged clean
)

// SuiteClass is the result for one class.
type SuiteClass struct {
	Class      string                `json:"class"`
	Clean      bool                  `json:"clean"`
	Langs      []string              `json:"langs"`
	Docs       int                   `json:"docs"`
	Exact      int                   `json:"exact"`       // restored byte for byte (clean: untouched)
	Words      int                   `json:"words"`       // words the generator changed
	WordsRight int                   `json:"words_right"` // of those, restored
	Flagged    int                   `json:"flagged"`     // verdict not clean
	Disguised  int                   `json:"disguised"`   // verdict disguised
	Findings   int                   `json:"findings"`
	ByLang     map[string]*LangCount `json:"by_lang,omitempty"`
	Peers      map[string]PeerCounts `json:"peers,omitempty"`
	Pass       bool                  `json:"pass"`
	Failures   []Failure             `json:"failures,omitempty"`
}

// LangCount is a class's tally for one language.
type LangCount struct {
	Docs       int `json:"docs"`
	Exact      int `json:"exact"`
	Words      int `json:"words"`
	WordsRight int `json:"words_right"`
	Flagged    int `json:"flagged"`
}

func (l *LangCount) add(docs, exact, words, wordsRight, flagged int) {
	l.Docs += docs
	l.Exact += exact
	l.Words += words
	l.WordsRight += wordsRight
	l.Flagged += flagged
}

// SuiteReport is the outcome of RunSuite.
type SuiteReport struct {
	Manifest     Manifest      `json:"manifest"`
	Classes      []SuiteClass  `json:"classes"`
	Disguised    SuiteClass    `json:"disguised_total"`
	Clean        SuiteClass    `json:"clean_total"`
	Peers        []string      `json:"peers,omitempty"`
	RestorePeers []string      `json:"restore_peers,omitempty"`
	FlagPeers    []string      `json:"flag_peers,omitempty"`
	Pass         bool          `json:"pass"`
	Elapsed      time.Duration `json:"elapsed_ns"`
}

// caseOut is the outcome of one case.
type caseOut struct {
	exact, flagged, disguised bool
	words, wordsRight         int
	findings                  int
}

// RunSuite runs cfg.System (and cfg.Peers) on every case and tallies the
// results per class, classes in name order with the clean ones last.
func RunSuite(ctx context.Context, cfg SuiteConfig) (*SuiteReport, error) {
	start := time.Now()
	if cfg.System.Scan == nil || cfg.System.Restore == nil {
		cfg.System = Unmask()
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 1
	}
	progress(cfg.Progress, "eval: third-party suite, %d documents", len(cfg.Cases))
	outs := make([]caseOut, len(cfg.Cases))
	err := parallel(ctx, len(cfg.Cases), cfg.Workers, func(i int) error {
		outs[i] = scoreCase(cfg.System, &cfg.Cases[i])
		return nil
	})
	if err != nil {
		return nil, err
	}
	rep := &SuiteReport{Manifest: cfg.Manifest}
	idx := map[string]int{}
	var order []string
	for _, c := range cfg.Cases {
		if _, ok := idx[c.Class]; !ok {
			idx[c.Class] = 0
			order = append(order, c.Class)
		}
	}
	clean := map[string]bool{}
	for _, c := range cfg.Cases {
		clean[c.Class] = clean[c.Class] || c.Clean
	}
	sort.SliceStable(order, func(i, j int) bool {
		if clean[order[i]] != clean[order[j]] {
			return !clean[order[i]]
		}
		return order[i] < order[j]
	})
	for i, name := range order {
		idx[name] = i
		rep.Classes = append(rep.Classes, SuiteClass{Class: name, Clean: clean[name]})
	}
	var explain []int
	kept := make([]int, len(order))
	for i, c := range cfg.Cases {
		sc := &rep.Classes[idx[c.Class]]
		o := outs[i]
		sc.add(c.Lang, o)
		failed := !o.exact || (c.Clean == o.flagged)
		if failed && kept[idx[c.Class]] < cfg.Explain {
			kept[idx[c.Class]]++
			explain = append(explain, i)
		}
	}
	for _, i := range explain {
		c := &cfg.Cases[i]
		rep.Classes[idx[c.Class]].Failures = append(rep.Classes[idx[c.Class]].Failures, explainCase(cfg.System, c))
	}
	rep.Disguised.Class, rep.Clean.Class, rep.Clean.Clean = "all disguised", "all clean", true
	rep.Pass = true
	for i := range rep.Classes {
		sc := &rep.Classes[i]
		slices.Sort(sc.Langs)
		sc.Pass = sc.pass()
		rep.Pass = rep.Pass && sc.Pass
		tot := &rep.Disguised
		if sc.Clean {
			tot = &rep.Clean
		}
		tot.merge(sc)
	}
	rep.Disguised.Pass, rep.Clean.Pass = rep.Disguised.pass(), rep.Clean.pass()
	if len(cfg.Peers) > 0 {
		if err := runSuitePeers(ctx, cfg, rep, idx); err != nil {
			return nil, err
		}
	}
	rep.Elapsed = time.Since(start)
	return rep, nil
}

func (s *SuiteClass) add(lang string, o caseOut) {
	s.Docs++
	if o.exact {
		s.Exact++
	}
	if o.flagged {
		s.Flagged++
	}
	if o.disguised {
		s.Disguised++
	}
	s.Words += o.words
	s.WordsRight += o.wordsRight
	s.Findings += o.findings
	if lang != "" && !slices.Contains(s.Langs, lang) {
		s.Langs = append(s.Langs, lang)
	}
	if s.ByLang == nil {
		s.ByLang = map[string]*LangCount{}
	}
	if s.ByLang[lang] == nil {
		s.ByLang[lang] = &LangCount{}
	}
	s.ByLang[lang].add(1, b2i(o.exact), o.words, o.wordsRight, b2i(o.flagged))
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (s *SuiteClass) merge(o *SuiteClass) {
	s.Docs += o.Docs
	s.Exact += o.Exact
	s.Flagged += o.Flagged
	s.Disguised += o.Disguised
	s.Words += o.Words
	s.WordsRight += o.WordsRight
	s.Findings += o.Findings
	for _, l := range o.Langs {
		if !slices.Contains(s.Langs, l) {
			s.Langs = append(s.Langs, l)
		}
	}
	slices.Sort(s.Langs)
	if s.ByLang == nil {
		s.ByLang = map[string]*LangCount{}
	}
	for l, c := range o.ByLang {
		if s.ByLang[l] == nil {
			s.ByLang[l] = &LangCount{}
		}
		s.ByLang[l].add(c.Docs, c.Exact, c.Words, c.WordsRight, c.Flagged)
	}
}

// pass holds a class to its targets: disguised documents restored exactly
// and flagged, clean ones untouched and judged clean.
func (s *SuiteClass) pass() bool {
	if s.Docs == 0 {
		return false
	}
	if s.Clean {
		return ratio(s.Exact, s.Docs) >= TargetTPClean && ratio(s.Docs-s.Flagged, s.Docs) >= TargetTPVerdict
	}
	return ratio(s.Exact, s.Docs) >= TargetTPExact && ratio(s.Flagged, s.Docs) >= TargetTPFlagged
}

func scoreCase(sys System, c *Case) caseOut {
	rep := sys.Scan(c.Text)
	restored := sys.Restore(c.Text)
	o := caseOut{
		exact:     restored == c.Want,
		flagged:   rep.Verdict != detect.Clean && decodes(rep.Hidden, c.Hidden),
		disguised: rep.Verdict == detect.Disguised,
		findings:  len(rep.Findings),
		words:     len(c.Words),
	}
	if o.exact {
		o.wordsRight = o.words
	} else if o.words > 0 {
		o.wordsRight = wordsKept(c.Want, restored, c.Words)
	}
	return o
}

// decodes reports whether every payload in want is among the report's
// hidden texts.
func decodes(got, want []string) bool {
	for _, w := range want {
		if !slices.Contains(got, w) {
			return false
		}
	}
	return true
}

// wordsKept counts the ranges of want that restored has unchanged: no hunk
// of the diff from want to restored touches them (an insertion at either
// end counts, as a mark left on the last letter would). The diff is taken
// over tokens (runs of white space and runs of other characters), which
// keeps it cheap on documents that were not restored at all.
func wordsKept(want, restored string, words [][2]int) int {
	ids := map[string]rune{}
	tw, ow := tokens(want, ids)
	tr, _ := tokens(restored, ids)
	hs, ok := hunks(tw, tr, 4000)
	if !ok {
		return 0
	}
	n := 0
	for _, w := range words {
		// the tokens [a, b) that overlap the range
		a := sort.Search(len(tw), func(i int) bool { return ow[i+1] > w[0] })
		b := sort.Search(len(tw), func(i int) bool { return ow[i] >= w[1] })
		touched := false
		for _, h := range hs {
			if h.aLo < h.aHi && h.aLo < b && h.aHi > a || h.aLo == h.aHi && a <= h.aLo && h.aLo <= b {
				touched = true
				break
			}
		}
		if !touched {
			n++
		}
	}
	return n
}

// tokens splits s into runs of white space and runs of other characters,
// each given a number by ids, and returns them with their byte offsets
// (plus len(s) at the end).
func tokens(s string, ids map[string]rune) ([]rune, []int) {
	var toks []rune
	var offs []int
	start := 0
	space := false
	flush := func(end int) {
		if end > start {
			t := s[start:end]
			id, ok := ids[t]
			if !ok {
				id = rune(len(ids))
				ids[t] = id
			}
			toks = append(toks, id)
			offs = append(offs, start)
		}
		start = end
	}
	for i, r := range s {
		sp := unicode.IsSpace(r)
		if i > start && sp != space {
			flush(i)
		}
		space = sp
	}
	flush(len(s))
	return toks, append(offs, len(s))
}

func explainCase(sys System, c *Case) Failure {
	rep := sys.Scan(c.Text)
	restored := sys.Restore(c.Text)
	id := c.ID + " (" + c.Lang + ")"
	if c.Clean {
		f := explainClean(Doc{ID: id, Text: c.Want}, rep, restored)
		return *f
	}
	f := Failure{Doc: id}
	if rep.Verdict == detect.Clean {
		f.Problems = append(f.Problems, "judged clean")
	}
	if restored != c.Want {
		f.Problems = append(f.Problems, "not restored exactly (offsets in the restored text):")
		f.Problems = append(f.Problems, indent(describeDiff(c.Want, restored, examples))...)
	}
	return f
}

// runSuitePeers scores each peer on every class, one batch per peer, mode
// and class.
func runSuitePeers(ctx context.Context, cfg SuiteConfig, rep *SuiteReport, idx map[string]int) error {
	for _, p := range cfg.Peers {
		rep.Peers = append(rep.Peers, p.Name)
		if p.Restore != nil {
			rep.RestorePeers = append(rep.RestorePeers, p.Name)
		}
		if p.Flag != nil {
			rep.FlagPeers = append(rep.FlagPeers, p.Name)
		}
	}
	byClass := make([][]*Case, len(rep.Classes))
	for i := range cfg.Cases {
		c := &cfg.Cases[i]
		byClass[idx[c.Class]] = append(byClass[idx[c.Class]], c)
	}
	type batch struct {
		peer  Peer
		flag  bool
		class int
	}
	var batches []batch
	for _, p := range cfg.Peers {
		for ci := range rep.Classes {
			if p.Restore != nil {
				batches = append(batches, batch{p, false, ci})
			}
			if p.Flag != nil {
				batches = append(batches, batch{p, true, ci})
			}
		}
	}
	progress(cfg.Progress, "eval: third-party suite, %d peer batches", len(batches))
	results := make([]PeerCounts, len(batches))
	err := parallel(ctx, len(batches), cfg.Workers, func(i int) error {
		b := batches[i]
		cs := byClass[b.class]
		texts := make([]string, len(cs))
		for k, c := range cs {
			texts[k] = c.Text
		}
		argv := b.peer.Restore
		if b.flag {
			argv = b.peer.Flag
		}
		outs, err := runBatch(ctx, b.peer.Name, argv, texts)
		if err != nil {
			return err
		}
		var t PeerCounts
		for k, o := range outs {
			addCounts(&t, o.counts(b.flag, cs[k].Want))
		}
		results[i] = t
		return nil
	})
	if err != nil {
		return err
	}
	for i, b := range batches {
		mergePeer(&rep.Classes[b.class].Peers, b.peer.Name, results[i])
	}
	return nil
}

// LoadThirdParty loads the set in dir (when dir is not empty) and adds the
// Bad Characters cases made by PerturbCases from n documents of news
// sampled at random (all when n is 0; none when news is empty).
func LoadThirdParty(dir string, news []Doc, n int, seed uint64) (*Suite, error) {
	s := &Suite{Dir: dir}
	if dir != "" {
		var err error
		if s, err = LoadSuite(dir); err != nil {
			return nil, err
		}
	}
	if len(news) > 0 {
		cs, err := PerturbCases(sample(news, n, seed), seed)
		if err != nil {
			return nil, err
		}
		s.Cases = append(s.Cases, cs...)
		sm, err := SmuggleCases(sample(news, n, seed), seed)
		if err != nil {
			return nil, err
		}
		s.Cases = append(s.Cases, sm...)
		s.Manifest.Generators = append([]Generator{BadCharsGenerator, SmuggleGenerator}, s.Manifest.Generators...)
	}
	if len(s.Cases) == 0 {
		return nil, fmt.Errorf("third-party suite: no cases")
	}
	return s, nil
}
