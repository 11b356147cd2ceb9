// Command icucompare compares unmask's UTS #39 results with ICU's, for
// compat/icu-agreement.sh.
//
//	icucompare chars < list.txt              code points (hex) of the texts and their NFD
//	icucompare report -dir DIR               agreement rates and disagreement classes
//
// report reads, in DIR: list.tsv (KIND<TAB>TEXT), ours.skel and icu.skel (a
// skeleton per line), ours.ident.jsonl (unmask ident --json), icu.level (ICU
// restriction level names) and icu.chars.tsv (compat/icuchars.py).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/unmaskdev/unmask/ucd"
	"github.com/unmaskdev/unmask/uts39"
)

func main() {
	if len(os.Args) < 2 {
		log.Fatal("usage: icucompare chars < list.txt | icucompare report -dir DIR")
	}
	switch os.Args[1] {
	case "chars":
		chars()
	case "report":
		fs := flag.NewFlagSet("report", flag.ExitOnError)
		dir := fs.String("dir", ".", "folder with the result files")
		examples := fs.Int("examples", 4, "examples per class")
		fs.Parse(os.Args[2:])
		report(*dir, *examples)
	default:
		log.Fatalf("unknown mode %q", os.Args[1])
	}
}

func chars() {
	seen := map[rune]bool{}
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		t := sc.Text()
		for _, r := range t + uts39.NFD(t) {
			seen[r] = true
		}
	}
	keys := make([]rune, 0, len(seen))
	for r := range seen {
		keys = append(keys, r)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for _, r := range keys {
		fmt.Fprintf(w, "%04X\n", r)
	}
}

// icuChar is ICU's view of one code point.
type icuChar struct {
	age      string
	skeleton string
	scx      ucd.ScriptSet // augmented, Common/Inherited as ALL
}

func lines(path string) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	s := strings.TrimSuffix(string(b), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func loadICUChars(path string) map[rune]icuChar {
	m := map[rune]icuChar{}
	for _, l := range lines(path) {
		f := strings.Split(l, "\t")
		if len(f) != 4 {
			log.Fatalf("%s: bad line %q", path, l)
		}
		cp, _ := strconv.ParseUint(f[0], 16, 32)
		var sk strings.Builder
		for _, h := range strings.Fields(f[2]) {
			v, _ := strconv.ParseUint(h, 16, 32)
			sk.WriteRune(rune(v))
		}
		var set ucd.ScriptSet
		all := false
		for _, n := range strings.Fields(f[3]) {
			sc, ok := ucd.ScriptByName(n)
			if !ok {
				log.Fatalf("unknown script %q", n)
			}
			if sc == ucd.Common || sc == ucd.Inherited {
				all = true
			}
			set.Add(sc)
		}
		if all {
			set = ucd.AllScripts
		} else {
			set = set.Augmented()
		}
		m[rune(cp)] = icuChar{age: f[1], skeleton: sk.String(), scx: set}
	}
	return m
}

var icuLevels = map[string]uts39.Level{
	"ASCII": uts39.ASCIIOnly, "SINGLE_SCRIPT_RESTRICTIVE": uts39.SingleScript, "HIGHLY_RESTRICTIVE": uts39.HighlyRestrictive,
	"MODERATELY_RESTRICTIVE": uts39.ModeratelyRestrictive, "MINIMALLY_RESTRICTIVE": uts39.MinimallyRestrictive,
	"UNRESTRICTIVE": uts39.Unrestricted,
}

type disagreement struct {
	kind, text, ours, icu, why string
	cause                      rune // the code point that explains it, or -1
}

type tally struct {
	total, agree map[string]int
	classes      map[string][]disagreement
}

func newTally() *tally {
	return &tally{total: map[string]int{}, agree: map[string]int{}, classes: map[string][]disagreement{}}
}

func (t *tally) add(kind string, ok bool, d disagreement, class string) {
	group := strings.SplitN(kind, ":", 2)[0]
	t.total[group]++
	t.total["all"]++
	if ok {
		t.agree[group]++
		t.agree["all"]++
		return
	}
	t.classes[class] = append(t.classes[class], d)
}

const (
	classNew      = "new code points: assigned since Unicode 15.0 (unassigned in ICU 72's data)"
	classDI       = "default ignorable: UTS #39 rev 28 (Unicode 15.1) removes it in step 2; ICU 72 maps it"
	classData     = "confusables.txt changed between Unicode 15.0 (ICU 72) and 17.0"
	classScx      = "Script_Extensions changed between Unicode 15.0 (ICU 72) and 17.0"
	classModerate = "Moderately Restrictive rule: ICU accepts Latin + any script but Cyrillic, Greek, Cherokee; UTS #39 needs a Recommended one"
	classOther    = "unexplained"
)

func codes(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	return b.String()
}

func report(dir string, nExamples int) {
	list := lines(filepath.Join(dir, "list.tsv"))
	oursSkel := lines(filepath.Join(dir, "ours.skel"))
	icuSkel := lines(filepath.Join(dir, "icu.skel"))
	identLines := lines(filepath.Join(dir, "ours.ident.jsonl"))
	icuLevel := lines(filepath.Join(dir, "icu.level"))
	chars := loadICUChars(filepath.Join(dir, "icu.chars.tsv"))
	n := len(list)
	for name, l := range map[string]int{"ours.skel": len(oursSkel), "icu.skel": len(icuSkel), "ours.ident.jsonl": len(identLines), "icu.level": len(icuLevel)} {
		if l != n {
			log.Fatalf("%s has %d lines, list.tsv %d", name, l, n)
		}
	}
	skel, level, profile := newTally(), newTally(), newTally()
	unrestricted := 0
	for i, l := range list {
		kind, text, _ := strings.Cut(l, "\t")
		// Skeletons.
		o, c := oursSkel[i], icuSkel[i]
		why, class, cause := "", "", rune(-1)
		if o != c {
			why, class, cause = explainSkeleton(text, c, chars)
		}
		skel.add(kind, o == c, disagreement{kind, text, o, c, why, cause}, class)
		// Restriction levels.
		var rec struct {
			Level       string `json:"restriction_level"`
			ScriptLevel string `json:"script_level"`
		}
		if err := json.Unmarshal([]byte(identLines[i]), &rec); err != nil {
			log.Fatalf("ours.ident.jsonl line %d: %v", i+1, err)
		}
		il, ok := icuLevels[icuLevel[i]]
		if !ok {
			log.Fatalf("icu.level line %d: %q", i+1, icuLevel[i])
		}
		ol := uts39.ScriptRestrictionLevel(text)
		if ol.String() != rec.ScriptLevel {
			log.Fatalf("line %d: unmask ident says %q, the library %q", i+1, rec.ScriptLevel, ol)
		}
		why, class, cause = "", "", -1
		if ol != il {
			why, class, cause = explainLevel(text, ol, il, chars)
		}
		level.add(kind, ol == il, disagreement{kind, text, ol.String(), il.String(), why, cause}, class)
		if rec.Level == uts39.Unrestricted.String() {
			unrestricted++
		}
		profile.add(kind, rec.Level == il.String(), disagreement{}, "with profile")
	}

	fmt.Printf("%d strings.\n\n", n)
	printTally("Skeletons (unmask skeleton vs ICU getSkeleton)", skel, nExamples)
	printTally("Restriction levels (unmask ident script_level vs ICU, both with every code point allowed)", level, nExamples)
	fmt.Printf("With the General Security Profile (unmask ident restriction_level), %d of %d strings are Unrestricted "+
		"because a character is not Allowed; ICU's default allowed set is every code point, so only %d of %d (%.2f%%) levels then agree.\n",
		unrestricted, n, profile.agree["all"], n, pct(profile.agree["all"], n))
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

func printTally(title string, t *tally, nExamples int) {
	fmt.Printf("## %s\n\nagreement: %d of %d (%.2f%%)\n\n", title, t.agree["all"], t.total["all"], pct(t.agree["all"], t.total["all"]))
	groups := make([]string, 0, len(t.total))
	for g := range t.total {
		if g != "all" {
			groups = append(groups, g)
		}
	}
	sort.Strings(groups)
	fmt.Println("| input kind | strings | agree | % |\n|---|---:|---:|---:|")
	for _, g := range groups {
		fmt.Printf("| %s | %d | %d | %.2f |\n", g, t.total[g], t.agree[g], pct(t.agree[g], t.total[g]))
	}
	fmt.Println()
	classes := make([]string, 0, len(t.classes))
	for c := range t.classes {
		classes = append(classes, c)
	}
	sort.Slice(classes, func(i, j int) bool { return len(t.classes[classes[i]]) > len(t.classes[classes[j]]) })
	for _, c := range classes {
		ds := t.classes[c]
		fmt.Printf("### %s: %d\n\n", c, len(ds))
		for _, d := range ds[:min(nExamples, len(ds))] {
			fmt.Printf("- %s %q [%s]: unmask %q, ICU %q — %s\n", d.kind, d.text, codes(d.text), d.ours, d.icu, d.why)
		}
		causes := map[rune]int{}
		for _, d := range ds {
			if d.cause >= 0 {
				causes[d.cause]++
			}
		}
		if len(causes) > 1 {
			keys := make([]rune, 0, len(causes))
			for r := range causes {
				keys = append(keys, r)
			}
			sort.Slice(keys, func(i, j int) bool {
				if causes[keys[i]] != causes[keys[j]] {
					return causes[keys[i]] > causes[keys[j]]
				}
				return keys[i] < keys[j]
			})
			fmt.Printf("\n%d distinct code points explain them; the most frequent:", len(keys))
			for _, r := range keys[:min(10, len(keys))] {
				fmt.Printf(" U+%04X %s (%d);", r, ucd.Name(r), causes[r])
			}
			fmt.Println()
		}
		fmt.Println()
	}
}

func explainSkeleton(text, icuSkeleton string, chars map[rune]icuChar) (string, string, rune) {
	for _, r := range text + uts39.NFD(text) {
		if ic, ok := chars[r]; ok && ic.age == "0.0" {
			return fmt.Sprintf("U+%04X %s is new", r, ucd.Name(r)), classNew, r
		}
	}
	// Both skeletons must be the per-code-point skeletons put together (then
	// NFD), so that the difference comes from the data of single code points.
	var oursJoined, icuJoined strings.Builder
	for _, r := range uts39.NFD(text) {
		oursJoined.WriteString(uts39.Skeleton(string(r)))
		icuJoined.WriteString(chars[r].skeleton)
	}
	if uts39.Skeleton(text) != uts39.NFD(oursJoined.String()) || icuSkeleton != uts39.NFD(icuJoined.String()) {
		return "not the sum of its code points", classOther, -1
	}
	for _, r := range uts39.NFD(text) {
		ic, ok := chars[r]
		if !ok {
			continue
		}
		if ours := uts39.Skeleton(string(r)); ours != ic.skeleton {
			if ours == "" && ucd.Props(r).Has(ucd.DefaultIgnorable) {
				return fmt.Sprintf("U+%04X %s", r, ucd.Name(r)), classDI, r
			}
			return fmt.Sprintf("U+%04X %s: unmask %q, ICU %q", r, ucd.Name(r), ours, ic.skeleton), classData, r
		}
	}
	return "", classOther, -1
}

func explainLevel(text string, ours, icu uts39.Level, chars map[rune]icuChar) (string, string, rune) {
	for _, r := range text {
		if ic, ok := chars[r]; ok && ic.age == "0.0" {
			return fmt.Sprintf("U+%04X %s is new", r, ucd.Name(r)), classNew, r
		}
	}
	icuSets := func(r rune) ucd.ScriptSet { return chars[r].scx }
	// Each explanation must reproduce ICU's level: §5.2 with ICU's
	// Script_Extensions, or with ICU's Moderately Restrictive rule.
	if levelWith(text, icuSets, false) == icu {
		for _, r := range text {
			if ic, ok := chars[r]; ok && ic.scx != uts39.ScriptSetOf(r) {
				return fmt.Sprintf("U+%04X %s: unmask %v, ICU %v", r, ucd.Name(r), uts39.ScriptSetOf(r), ic.scx), classScx, r
			}
		}
	}
	if levelWith(text, uts39.ScriptSetOf, true) == icu {
		return "scripts besides Latin: " + restScripts(text, uts39.ScriptSetOf).String(), classModerate, -1
	}
	return "", classOther, -1
}

func restScripts(text string, setOf func(rune) ucd.ScriptSet) ucd.ScriptSet {
	rest := ucd.AllScripts
	for _, r := range text {
		if s := setOf(r); !s.Has(ucd.Latin) {
			rest = rest.And(s)
		}
	}
	return rest
}

// levelWith is UTS #39 §5.2 without the profile step, with the script sets of
// setOf; icuModerate uses ICU's rule for Moderately Restrictive (any script
// but Cyrillic, Greek and Cherokee) instead of the Recommended scripts.
func levelWith(text string, setOf func(rune) ucd.ScriptSet, icuModerate bool) uts39.Level {
	ascii := true
	all := ucd.AllScripts
	for _, r := range text {
		ascii = ascii && r <= 0x7E
		all = all.And(setOf(r))
	}
	switch {
	case ascii:
		return uts39.ASCIIOnly
	case !all.IsEmpty():
		return uts39.SingleScript
	}
	rest := restScripts(text, setOf)
	if rest.Has(ucd.HanWithBopomofo) || rest.Has(ucd.Japanese) || rest.Has(ucd.Korean) {
		return uts39.HighlyRestrictive
	}
	if icuModerate {
		if !rest.IsEmpty() && !rest.Has(ucd.Cyrillic) && !rest.Has(ucd.Greek) && !rest.Has(ucd.Cherokee) {
			return uts39.ModeratelyRestrictive
		}
		return uts39.MinimallyRestrictive
	}
	moderate := uts39.RecommendedScripts()
	for _, sc := range []ucd.Script{ucd.Latin, ucd.Cyrillic, ucd.Greek} {
		moderate[sc/64] &^= 1 << (sc % 64)
	}
	if !rest.And(moderate).IsEmpty() {
		return uts39.ModeratelyRestrictive
	}
	return uts39.MinimallyRestrictive
}
