package uts39

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/bench/benchtext"
	"github.com/unmaskdev/unmask/ucd"
)

// confusablesFile is the shared copy of the data ucd was generated from; the
// line-by-line comparison skips when it is absent (CI has only the tables).
const confusablesFile = "../../shared/data/unicode/17.0.0/security/confusables.txt"

// mappingResult says how one confusables.txt line fares.
type mappingResult int

const (
	mappingEqual        mappingResult = iota // skeleton(source) == skeleton(target)
	mappingDecomposable                      // the source has a canonical decomposition
	mappingTargetMoves                       // the target is not its own skeleton
)

// checkMapping checks one mapping of confusables.txt. skeleton(source) ==
// skeleton(target) holds for all but two kinds of lines, where the algorithm
// of §4 itself (and ICU 72, checked by hand for U+0150, U+01C4, U+FE81)
// gives different skeletons:
//
//   - a source with a canonical decomposition, such as U+0150 Ő → Ö: step 1
//     turns it into O + U+030B before any lookup, so its line is never used;
//     then skeleton(source) must equal skeleton(NFD(source));
//   - a target that is not its own skeleton, such as U+01C4 Ǆ → "DŽ": the NFD
//     of the target holds U+030C, which maps to U+0306, but step 4 does not
//     map again; then skeleton(source) must equal NFD(target).
//
// Every other line must give equal skeletons, and every NFD source must have
// skeleton NFD(target) exactly (or "" if it is default-ignorable).
func checkMapping(t *testing.T, where string, src rune, target string) mappingResult {
	t.Helper()
	a, b := Skeleton(string(src)), Skeleton(target)
	if !IsNFD(string(src)) {
		if d := Skeleton(NFD(string(src))); a != d {
			t.Errorf("%s: skeleton(%U) = %+q but skeleton(NFD) = %+q", where, src, a, d)
		}
		if a != b {
			return mappingDecomposable
		}
		return mappingEqual
	}
	want := NFD(target)
	if ucd.Props(src).Has(ucd.DefaultIgnorable) {
		want = "" // step 2 removes it before step 3 could map it (U+3164 HANGUL FILLER)
	}
	if a != want {
		t.Errorf("%s: skeleton(%U) = %+q, want %+q", where, src, a, want)
	}
	if a != b {
		return mappingTargetMoves
	}
	if !Confusable(string(src), target) {
		t.Errorf("%s: Confusable(%U, %+q) = false", where, src, target)
	}
	return mappingEqual
}

// TestConfusablesTable checks every mapping of confusables.txt, as generated
// into package ucd, with checkMapping.
func TestConfusablesTable(t *testing.T) {
	n := ucd.NumPrototypes()
	if n < 6000 {
		t.Fatalf("only %d prototypes", n)
	}
	var count [3]int
	for i := 0; i < n; i++ {
		src, proto := ucd.PrototypeAt(i)
		count[checkMapping(t, "ucd table", src, proto)]++
	}
	t.Logf("%d mappings: %d with equal skeletons, %d with a decomposable source, %d with a target that is not its own skeleton",
		n, count[mappingEqual], count[mappingDecomposable], count[mappingTargetMoves])
	if count[mappingEqual] < n*99/100 {
		t.Errorf("only %d of %d mappings give equal skeletons", count[mappingEqual], n)
	}
}

// TestConfusablesFile parses confusables.txt itself: the generated table must
// hold exactly its mappings, and every line must give equal skeletons.
func TestConfusablesFile(t *testing.T) {
	fh, err := os.Open(confusablesFile)
	if err != nil {
		t.Skipf("shared data absent: %v", err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	lines := 0
	for ln := 1; sc.Scan(); ln++ {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimPrefix(line, "\uFEFF")
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, ";")
		if len(f) < 3 {
			t.Fatalf("line %d: %q", ln, line)
		}
		src := parseSeq(t, f[0])
		target := parseSeq(t, f[1])
		if utf8.RuneCountInString(src) != 1 {
			t.Fatalf("line %d: source %+q is not one code point", ln, src)
		}
		lines++
		r, _ := utf8.DecodeRuneInString(src)
		if p, ok := ucd.Prototype(r); !ok || p != target {
			t.Errorf("line %d: ucd.Prototype(%U) = %+q, %v; file says %+q", ln, r, p, ok, target)
		}
		checkMapping(t, "line "+strconv.Itoa(ln), r, target)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if lines != ucd.NumPrototypes() {
		t.Errorf("file has %d mappings, ucd has %d", lines, ucd.NumPrototypes())
	}
	t.Logf("%d mapping lines checked", lines)
}

func parseSeq(t *testing.T, s string) string {
	t.Helper()
	var b strings.Builder
	for _, h := range strings.Fields(s) {
		v, err := strconv.ParseUint(h, 16, 32)
		if err != nil {
			t.Fatalf("bad code point %q", h)
		}
		b.WriteRune(rune(v))
	}
	return b.String()
}

func TestSkeleton(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"paypal", "paypal"},
		{"pаypаl", "paypal"},               // Cyrillic а
		{"ѕсоре", "scope"},                 // whole-script Cyrillic
		{"𝔭𝒶ỿ𝕡𝕒ℓ", "paypal"},               // mathematical and other styled letters
		{"m", "rn"},                        // ASCII has mappings too
		{"0", "O"},                         // digit zero → capital O
		{"1Il|", "llll"},                   // one, capital I, small l and vertical line
		{"100%", "lOOº/₀"},                 // '%' maps outside ASCII
		{"pay\u200Bpal", "paypal"},         // step 2 drops ZERO WIDTH SPACE
		{"pay\u00ADpal", "paypal"},         // and SOFT HYPHEN
		{"ǉeto", "ljeto"},                  // the single-script example of §4
		{"é", "e\u0301"},                   // NFD
		{"a\u0301\u0316", "a\u0316\u0301"}, // ordered
		{"\xff", "\uFFFD"},                 // invalid byte
		{"\xed\xa0\x80", "\uFFFD\uFFFD\uFFFD"},
		{"\u0301", "\u0301"}, // a lone mark
	}
	for _, tt := range tests {
		if got := Skeleton(tt.in); got != tt.want {
			t.Errorf("Skeleton(%+q) = %+q, want %+q", tt.in, got, tt.want)
		}
		if got := string(AppendSkeleton([]byte("<"), tt.in)); got != "<"+tt.want {
			t.Errorf("AppendSkeleton(<, %+q) = %+q", tt.in, got)
		}
	}
}

func TestConfusable(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
		kind ConfusableKind
	}{
		{"paypal", "pаypаl", true, KindMixedScript},
		{"scope", "ѕсоре", true, KindWholeScript},
		{"ǉeto", "ljeto", true, KindSingleScript},
		{"rn", "m", true, KindSingleScript},
		{"Harvest", "Ηarvest", true, KindMixedScript}, // Greek Eta, ICU's example
		{"paypal", "paypa1", true, KindSingleScript},  // the digit is Common
		{"paypal", "PayPal", false, KindNone},
		{"", "", true, KindSingleScript},
		{"a", "", false, KindNone},
	}
	for _, tt := range tests {
		if got := Confusable(tt.a, tt.b); got != tt.want {
			t.Errorf("Confusable(%q, %q) = %v", tt.a, tt.b, got)
		}
		if got := ClassifyConfusable(tt.a, tt.b); got != tt.kind {
			t.Errorf("ClassifyConfusable(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.kind)
		}
	}
	if !WholeScriptConfusable("scope", "ѕсоре") || !MixedScriptConfusable("scope", "ѕсоре") || SingleScriptConfusable("scope", "ѕсоре") {
		t.Error("scope/ѕсоре: want whole-script (and so mixed-script), not single-script")
	}
	if WholeScriptConfusable("paypal", "pаypаl") || !MixedScriptConfusable("paypal", "pаypаl") {
		t.Error("paypal/pаypаl: want mixed-script, not whole-script")
	}
}

func TestWholeScriptConfusableScripts(t *testing.T) {
	tests := []struct {
		in   string
		has  ucd.Script
		want bool
	}{
		{"scope", ucd.Cyrillic, true},
		{"ѕсоре", ucd.Latin, true},
		{"scope", ucd.Latin, false},     // never its own script
		{"pаypаl", ucd.Cyrillic, false}, // mixed-script strings have none
		{"123", ucd.Cyrillic, false},    // Common only
		{"xyz", ucd.Greek, false},       // no Greek z
	}
	for _, tt := range tests {
		if got := WholeScriptConfusableScripts(tt.in).Has(tt.has); got != tt.want {
			t.Errorf("WholeScriptConfusableScripts(%q) has %v = %v, want %v (%v)", tt.in, tt.has, got, tt.want,
				WholeScriptConfusableScripts(tt.in))
		}
	}
}

// TestSkeletonIdempotence checks where Skeleton(Skeleton(x)) == Skeleton(x)
// can fail: only when a skeleton contains a code point that is itself a
// confusables.txt source (the NFD of a prototype can produce one, e.g. U+01C4).
func TestSkeletonIdempotence(t *testing.T) {
	exceptions := 0
	for i := 0; i < ucd.NumPrototypes(); i++ {
		src, _ := ucd.PrototypeAt(i)
		s1 := Skeleton(string(src))
		if s2 := Skeleton(s1); s2 != s1 {
			exceptions++
			mapped := false
			for _, r := range s1 {
				if _, ok := ucd.Prototype(r); ok || ucd.Props(r).Has(ucd.DefaultIgnorable) {
					mapped = true
				}
			}
			if !mapped {
				t.Errorf("%U: skeleton %+q has no mapped code point yet re-maps to %+q", src, s1, s2)
			}
		}
	}
	t.Logf("%d of %d sources are not idempotent", exceptions, ucd.NumPrototypes())
	for b := 0; b < utf8.RuneSelf; b++ {
		s := strings.Repeat(string(rune(b)), 2)
		if s1 := Skeleton(s); Skeleton(s1) != s1 {
			t.Errorf("ASCII %q: skeleton not idempotent", s)
		}
	}
}

func TestSkeletonAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { _ = Skeleton("hello, world") }); n != 0 {
		t.Errorf("Skeleton(ASCII without mappings): %v allocations, want 0", n)
	}
	buf := make([]byte, 0, 512)
	for _, s := range []string{"hello, world", "I have 100 items", "Ελληνικά και λατινικά letters", "Съешь же ещё этих мягких французских булок"} {
		if n := testing.AllocsPerRun(100, func() { buf = AppendSkeleton(buf[:0], s) }); n != 0 {
			t.Errorf("AppendSkeleton(%q): %v allocations, want 0", s, n)
		}
	}
	if n := testing.AllocsPerRun(100, func() { _ = Confusable("pаypаl", "paypal") }); n != 0 {
		t.Errorf("Confusable: %v allocations, want 0", n)
	}
}

// TestHugeInput feeds a 10 MB single word and a 10 MB run of combining marks
// to every function; none may panic, and the results are checked for size.
func TestHugeInput(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB inputs")
	}
	word := strings.Repeat("pаypаl", 10<<20/len("pаypаl"))
	if got := Skeleton(word); len(got) != len(word)/len("pаypаl")*len("paypal") {
		t.Errorf("skeleton of the 10 MB word has %d bytes", len(got))
	}
	if RestrictionLevel(word) != MinimallyRestrictive || !IsMixedScript(word) {
		t.Error("10 MB mixed word: wrong level or script set")
	}
	zalgo := "a" + strings.Repeat("\u0301\u0316", 10<<20/4)
	sk := Skeleton(zalgo)
	if !strings.HasPrefix(sk, "a\u0316\u0316") || !strings.HasSuffix(sk, "\u0301\u0301") || len(sk) != len(zalgo) {
		t.Errorf("skeleton of the 10 MB mark run is wrong (%d bytes)", len(sk))
	}
	if f := OptionalChecks(zalgo); len(f) != 2 {
		t.Errorf("OptionalChecks on the mark run: %d findings, want 2 (one repeated, one excess)", len(f))
	}
	if got := BidiSkeleton(RTL, word[:1<<20]); len(got) == 0 {
		t.Error("empty bidi skeleton")
	}
	bad := strings.Repeat("\xed\xa0\x80", 1<<20)
	if got := Skeleton(bad); got != strings.Repeat("\uFFFD", 3<<20) {
		t.Error("WTF-8 surrogates: want U+FFFD per byte")
	}
	if RestrictionLevel(bad) != Unrestricted {
		t.Error("invalid UTF-8: want Unrestricted")
	}
}

// TestSkeletonSteps holds Skeleton, line by line, to the four steps done
// one at a time (skeletonSteps) on the benchmark texts: news, the seed,
// the heavy disguise, Russian and Chinese.
func TestSkeletonSteps(t *testing.T) {
	ins, err := benchtext.Load("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range ins {
		for i, l := range strings.Split(string(in.Text), "\n") {
			if got, want := Skeleton(l), skeletonSteps(l); got != want {
				t.Errorf("%s line %d: Skeleton = %+q, the four steps give %+q", in.Name, i+1, got, want)
			}
		}
	}
}

// TestInfoCache holds the cached runeInfo of every code point, in the BMP
// table and in the blocks past it, to the ucd tables it caches.
func TestInfoCache(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		info := infoOf(r)
		if got, want := info&^(infoProtoSimple|protoIndexMask<<16), computeInfo(r); got != want {
			t.Fatalf("%U: cached properties %#x, want %#x", r, got, want)
		}
		p, ok := prototypeOf(info)
		if wp, wok := ucd.Prototype(r); p != wp || ok != wok {
			t.Fatalf("%U: cached prototype %+q %v, want %+q %v", r, p, ok, wp, wok)
		}
		if ok {
			simple := true
			for _, c := range p {
				simple = simple && !hasDecompositionSlow(c) && ucd.CombiningClass(c) == 0
			}
			if info.has(infoProtoSimple) != simple {
				t.Fatalf("%U: simple prototype %v, want %v", r, info.has(infoProtoSimple), simple)
			}
		}
	}
}
