package fingerprint

import (
	"bufio"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/unmaskdev/unmask/attack"
	"github.com/unmaskdev/unmask/restore"
)

func TestParamsValidate(t *testing.T) {
	tests := []struct {
		p  Params
		ok bool
	}{
		{DefaultParams(), true},
		{Params{Shingle: 1, Bands: 1, Rows: 1}, true},
		{Params{Shingle: 0, Bands: 32, Rows: 4}, false},
		{Params{Shingle: 17, Bands: 32, Rows: 4}, false},
		{Params{Shingle: 3, Bands: 0, Rows: 4}, false},
		{Params{Shingle: 3, Bands: 32, Rows: -1}, false},
		{Params{Shingle: 3, Bands: 1024, Rows: 8}, false},
	}
	for _, tt := range tests {
		if err := tt.p.Validate(); (err == nil) != tt.ok {
			t.Errorf("%+v.Validate() = %v, want ok=%v", tt.p, err, tt.ok)
		}
		if _, err := New(tt.p); (err == nil) != tt.ok {
			t.Errorf("New(%+v) = %v, want ok=%v", tt.p, err, tt.ok)
		}
	}
}

func TestSetMeasures(t *testing.T) {
	tests := []struct {
		a, b        []uint32
		inter       int
		jaccard     float64
		containment float64 // of a in b
	}{
		{nil, nil, 0, 0, 0},
		{[]uint32{1, 2, 3}, nil, 0, 0, 0},
		{[]uint32{1, 2, 3}, []uint32{1, 2, 3}, 3, 1, 1},
		{[]uint32{1, 2, 3, 4}, []uint32{3, 4, 5, 6}, 2, 2.0 / 6, 0.5},
		{[]uint32{2}, []uint32{1, 2, 3, 4}, 1, 0.25, 1},
	}
	for _, tt := range tests {
		if got := Intersection(tt.a, tt.b); got != tt.inter {
			t.Errorf("Intersection(%v, %v) = %d, want %d", tt.a, tt.b, got, tt.inter)
		}
		if got := Jaccard(tt.a, tt.b); math.Abs(got-tt.jaccard) > 1e-12 {
			t.Errorf("Jaccard(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.jaccard)
		}
		if got := Containment(tt.a, tt.b); math.Abs(got-tt.containment) > 1e-12 {
			t.Errorf("Containment(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.containment)
		}
	}
}

// The MinHash estimate must track the exact Jaccard similarity: unbiased,
// with the spread sqrt(J(1-J)/n) theory gives.
func TestEstimateAccuracy(t *testing.T) {
	f := MustNew(DefaultParams())
	rng := rand.New(rand.NewPCG(1, 2))
	n := float64(f.Params().NumHashes())
	for _, want := range []float64{0.1, 0.3, 0.5, 0.8, 0.95} {
		var sumErr, sumSq float64
		const trials = 200
		for trial := 0; trial < trials; trial++ {
			// Two sets of 400 with the shared part chosen for Jaccard `want`.
			shared := int(math.Round(800 * want / (1 + want)))
			a, b := make([]uint32, 0, 400), make([]uint32, 0, 400)
			for i := 0; i < shared; i++ {
				x := rng.Uint32()
				a, b = append(a, x), append(b, x)
			}
			for len(a) < 400 {
				a = append(a, rng.Uint32())
				b = append(b, rng.Uint32())
			}
			slices.Sort(a)
			slices.Sort(b)
			exact := Jaccard(a, b)
			e := Estimate(f.SignatureOf(a), f.SignatureOf(b)) - exact
			sumErr += e
			sumSq += e * e
		}
		bias, rmse := sumErr/trials, math.Sqrt(sumSq/trials)
		theory := math.Sqrt(want * (1 - want) / n)
		if math.Abs(bias) > 3*theory/math.Sqrt(trials)+0.005 || rmse > 1.3*theory+0.005 {
			t.Errorf("J=%.2f: bias %.4f, rmse %.4f; theory rmse %.4f", want, bias, rmse, theory)
		}
	}
}

func loadSample(t testing.TB) []string {
	fh, err := os.Open("testdata/bbc-sample.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var docs []string
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, rec.Text)
	}
	return docs
}

func disguise(s string) string {
	s = strings.NewReplacer("a", "\u0430", "o", "\u03bf", "e", "\u0435", "p", "\u0440", "c", "\u0441").Replace(s)
	return strings.ReplaceAll(s, " ", "\u200b ")
}

func TestSketchSeesThroughDisguise(t *testing.T) {
	docs := loadSample(t)
	f := MustNew(DefaultParams())
	p := DefaultParams()
	p.Raw = true
	raw := MustNew(p)
	for i, d := range docs[:5] {
		a, b := f.Sketch(d), f.Sketch(disguise(d))
		if j := Jaccard(a.Shingles, b.Shingles); j != 1 {
			t.Errorf("doc %d: folded Jaccard with its disguised copy = %v, want 1", i, j)
		}
		if e := Estimate(a.Signature, b.Signature); e != 1 {
			t.Errorf("doc %d: estimate = %v, want 1", i, e)
		}
		if j := Jaccard(raw.Sketch(d).Shingles, raw.Sketch(disguise(d)).Shingles); j > 0.2 {
			t.Errorf("doc %d: raw Jaccard with its disguised copy = %v, want it low", i, j)
		}
		other := f.Sketch(docs[i+5])
		if j := Jaccard(a.Shingles, other.Shingles); j > 0.1 {
			t.Errorf("doc %d: Jaccard with an unrelated article = %v", i, j)
		}
	}
}

func TestSketchInvariants(t *testing.T) {
	f := MustNew(DefaultParams())
	rp := DefaultParams()
	rp.Restore = true
	restoring := MustNew(rp)
	for _, d := range append(loadSample(t)[:3], "", "one", "two words", "a b c d") {
		s := f.Sketch(d)
		if !slices.IsSorted(s.Shingles) || len(slices.Compact(slices.Clone(s.Shingles))) != len(s.Shingles) {
			t.Errorf("%.20q: shingles not sorted and unique", d)
		}
		if len(s.Signature) != f.Params().NumHashes() {
			t.Errorf("%.20q: signature length %d", d, len(s.Signature))
		}
		if r := f.SketchRestored(d); !slices.Equal(r.Shingles, s.Shingles) || !slices.Equal(r.Signature, s.Signature) {
			t.Errorf("%.20q: SketchRestored differs from Sketch without Params.Restore", d)
		}
		if r, rs := restoring.SketchRestored(restore.String(d)), restoring.Sketch(d); !slices.Equal(r.Shingles, rs.Shingles) || !slices.Equal(r.Signature, rs.Signature) {
			t.Errorf("%.20q: SketchRestored of restored text differs from Sketch with Params.Restore", d)
		}
		if !slices.Equal(s.Signature, f.Signature(d)) {
			t.Errorf("%.20q: Sketch and Signature disagree", d)
		}
		words, _, at := f.Positions(d)
		if len(words) != s.Words {
			t.Errorf("%.20q: Positions has %d words, Sketch %d", d, len(words), s.Words)
		}
		set := slices.Compact(slices.Sorted(slices.Values(at)))
		if !slices.Equal(set, s.Shingles) {
			t.Errorf("%.20q: Positions shingles differ from Sketch shingles", d)
		}
		if s.Words > 0 && len(s.Shingles) == 0 {
			t.Errorf("%.20q: words but no shingles", d)
		}
	}
}

func TestBandKeys(t *testing.T) {
	f := MustNew(DefaultParams())
	docs := loadSample(t)
	a := f.AppendBandKeys(nil, f.Signature(docs[0]))
	b := f.AppendBandKeys(nil, f.Signature(disguise(docs[0])))
	c := f.AppendBandKeys(nil, f.Signature(docs[1]))
	if len(a) != f.Params().Bands || !slices.Equal(a, b) {
		t.Errorf("band keys of a document and its disguised copy differ")
	}
	same := 0
	for i := range a {
		if a[i] == c[i] {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d band keys shared by unrelated articles", same)
	}
	// Equal band values in different bands must give different keys.
	sig := make(Signature, f.Params().NumHashes())
	keys := f.AppendBandKeys(nil, sig)
	if len(slices.Compact(slices.Sorted(slices.Values(keys)))) != len(keys) {
		t.Errorf("equal bands at different positions share a key")
	}
}

func TestCandidateProbability(t *testing.T) {
	p := Params{Shingle: 3, Bands: 20, Rows: 5}
	if got := p.CandidateProbability(p.Threshold()); math.Abs(got-0.64) > 0.05 {
		// At the threshold s^r = 1/b, so P = 1-(1-1/b)^b ≈ 1-1/e.
		t.Errorf("P(threshold) = %v, want about 0.64", got)
	}
	if p.CandidateProbability(0) != 0 || p.CandidateProbability(1) != 1 {
		t.Errorf("P(0), P(1) = %v, %v", p.CandidateProbability(0), p.CandidateProbability(1))
	}
}

// BenchmarkSketch is one core fingerprinting BBC articles (about 2.2 KB
// each), plain and disguised the way 'unmask eval-trace' disguises copies
// (every English attack class in turn, rate 0.3), with the default
// parameters (fold only) and with Params.Restore. docs/s is per core.
func BenchmarkSketch(b *testing.B) {
	plain := loadSample(b)
	var disguised []string
	var classes []attack.Class
	for _, c := range attack.Classes {
		if !c.NeedsCyrillic() {
			classes = append(classes, c)
		}
	}
	for i, d := range plain {
		res, err := attack.Apply(d, classes[i%len(classes)], 0.3, uint64(i))
		if err != nil {
			b.Fatal(err)
		}
		disguised = append(disguised, res.Text)
	}
	rp := DefaultParams()
	rp.Restore = true
	for _, set := range []struct {
		name string
		docs []string
	}{{"plain", plain}, {"disguised", disguised}} {
		for _, fp := range []struct {
			name string
			f    *Fingerprinter
		}{{"fold", MustNew(DefaultParams())}, {"restore", MustNew(rp)}} {
			b.Run(set.name+"/"+fp.name, func(b *testing.B) {
				fp.f.Sketch(set.docs[0])
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					fp.f.Sketch(set.docs[i%len(set.docs)])
					i++
				}
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
			})
		}
	}
}

// BenchmarkFold is the fold alone, without restore, on BBC articles.
func BenchmarkFold(b *testing.B) {
	docs := loadSample(b)
	buf := appendFoldRaw(nil, docs[0])
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		buf = appendFoldRaw(buf[:0], docs[i%len(docs)])
		i++
	}
}

// BenchmarkSignatureOf is the MinHash step alone on 400 shingles.
func BenchmarkSignatureOf(b *testing.B) {
	f := MustNew(DefaultParams())
	rng := rand.New(rand.NewPCG(1, 2))
	sh := make([]uint32, 400)
	for i := range sh {
		sh[i] = rng.Uint32()
	}
	for b.Loop() {
		f.SignatureOf(sh)
	}
}

// TestSignatureOfDefinition holds SignatureOf, unrolled for speed, to its
// definition: value i is the least high 32 bits of a[i]·x + b[i] over the
// shingles x, MaxUint32 for none. Every length up to 9 covers the unrolled
// loop's tails.
func TestSignatureOfDefinition(t *testing.T) {
	f := MustNew(DefaultParams())
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 401} {
		sh := make([]uint32, n)
		for k := range sh {
			sh[k] = rng.Uint32()
		}
		got := f.SignatureOf(sh)
		for i := range f.a {
			want := uint32(math.MaxUint32)
			for _, x := range sh {
				want = min(want, uint32((f.a[i]*uint64(x)+f.b[i])>>32))
			}
			if got[i] != want {
				t.Fatalf("%d shingles: value %d = %#x, want %#x", n, i, got[i], want)
			}
		}
	}
}

// TestSortHashes holds sortHashes to slices.Sort on random hashes of every
// length around its cut-over to a comparison sort and on larger sets, with
// repeats and with bytes shared by every hash (passes it skips).
func TestSortHashes(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var tmp []uint32
	for _, n := range []int{0, 1, 2, 63, 64, 65, 100, 1000, 5000} {
		for _, mask := range []uint32{0xFFFFFFFF, 0x00FF00FF, 0xFF000000, 0x3, 0} {
			a := make([]uint32, n)
			for i := range a {
				a[i] = rng.Uint32() & mask
			}
			want := slices.Sorted(slices.Values(a))
			tmp = sortHashes(a, tmp)
			if !slices.Equal(a, want) {
				t.Fatalf("%d hashes, mask %#x: not sorted like slices.Sort", n, mask)
			}
		}
	}
}
