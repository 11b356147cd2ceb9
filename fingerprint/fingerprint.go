package fingerprint

import (
	"fmt"
	"math"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/restore"
)

// Params chooses how documents are fingerprinted. Two signatures compare only
// when they were made with equal Params.
type Params struct {
	Shingle int    `json:"shingle"` // words per shingle
	Bands   int    `json:"bands"`   // LSH bands
	Rows    int    `json:"rows"`    // signature values per band; the signature has Bands×Rows values
	Seed    uint64 `json:"seed"`    // seeds the hash functions
	// Raw skips restoring and folding: words are runs of letters and digits
	// of the text as it is. It exists to show what folding buys; do not use
	// it to find disguised copies.
	Raw bool `json:"raw,omitempty"`
	// Restore runs restore.String before folding. Folding alone already
	// maps lookalikes to their confusable prototypes and drops invisible
	// characters, so restoring changes few shingles; it costs far more than
	// the rest of Sketch on disguised text (unmask eval-trace measures both;
	// doc.go has the figures). Off by default.
	Restore bool `json:"restore,omitempty"`
}

// DefaultParams are the parameters chosen from the sweep recorded in doc.go.
func DefaultParams() Params {
	return Params{Shingle: 3, Bands: 64, Rows: 2, Seed: 0x756e6d61736b}
}

// NumHashes is the length of a signature.
func (p Params) NumHashes() int { return p.Bands * p.Rows }

// Validate reports parameters that cannot work.
func (p Params) Validate() error {
	switch {
	case p.Shingle < 1 || p.Shingle > 16:
		return fmt.Errorf("fingerprint: shingle size %d not in 1..16", p.Shingle)
	case p.Bands < 1 || p.Rows < 1:
		return fmt.Errorf("fingerprint: bands %d and rows %d must be positive", p.Bands, p.Rows)
	case p.NumHashes() > 4096:
		return fmt.Errorf("fingerprint: %d×%d = %d hashes, more than 4096", p.Bands, p.Rows, p.NumHashes())
	}
	return nil
}

// Threshold is the Jaccard similarity at which a pair becomes a candidate
// with probability about 1/2: (1/Bands)^(1/Rows).
func (p Params) Threshold() float64 {
	return math.Pow(1/float64(p.Bands), 1/float64(p.Rows))
}

// CandidateProbability is the chance that two documents of Jaccard
// similarity s share at least one band: 1-(1-s^Rows)^Bands.
func (p Params) CandidateProbability(s float64) float64 {
	return 1 - math.Pow(1-math.Pow(s, float64(p.Rows)), float64(p.Bands))
}

// Signature is a MinHash signature: for each of NumHashes hash functions, the
// smallest hash value over the document's shingles.
type Signature []uint32

// Sketch is what the index keeps of a document.
type Sketch struct {
	Signature Signature
	Shingles  []uint32 // hashes of the document's shingles, sorted, without repeats
	Words     int      // folded words
}

// Fingerprinter makes signatures. It is safe for concurrent use.
type Fingerprinter struct {
	p    Params
	a, b []uint64 // hash function i is (a[i]*x + b[i]) >> 32 on 32-bit x
	pool sync.Pool
}

type scratch struct {
	word  []byte
	words []uint64
	sh    []uint32
	tmp   []uint32 // sortHashes' scratch
}

// New returns a Fingerprinter for p.
func New(p Params) (*Fingerprinter, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	f := &Fingerprinter{p: p, a: make([]uint64, p.NumHashes()), b: make([]uint64, p.NumHashes())}
	state := p.Seed
	for i := range f.a {
		// Multiply-add-shift with 64-bit a, b on 32-bit keys is strongly
		// universal (Dietzfelbinger 1996); a is odd to keep all key bits.
		f.a[i] = splitmix(&state) | 1
		f.b[i] = splitmix(&state)
	}
	f.pool.New = func() any { return new(scratch) }
	return f, nil
}

// MustNew is New that panics on invalid parameters, for package-level variables.
func MustNew(p Params) *Fingerprinter {
	f, err := New(p)
	if err != nil {
		panic(err)
	}
	return f
}

// Params returns the parameters f was made with.
func (f *Fingerprinter) Params() Params { return f.p }

// Sketch fingerprints text.
func (f *Fingerprinter) Sketch(text string) Sketch {
	s := f.pool.Get().(*scratch)
	defer f.pool.Put(s)
	s.words = f.wordHashes(s, text)
	return f.finish(s)
}

// finish turns the word hashes in s into a Sketch.
func (f *Fingerprinter) finish(s *scratch) Sketch {
	sh := f.shingleHashes(s.sh[:0], s.words)
	s.sh = sh
	s.tmp = sortHashes(sh, s.tmp)
	if cap(s.tmp) > 1<<16 {
		s.tmp = nil // a huge document's scratch is not kept in the pool
	}
	sh = slices.Compact(sh)
	out := Sketch{Shingles: slices.Clone(sh), Words: len(s.words)}
	out.Signature = f.SignatureOf(out.Shingles)
	return out
}

// SketchRestored is Sketch for text that has been through restore.String
// already (restoring is the costly step; a caller that restores anyway need
// not pay twice). Without Params.Restore, and with Params.Raw, it is Sketch.
func (f *Fingerprinter) SketchRestored(restored string) Sketch {
	s := f.pool.Get().(*scratch)
	defer f.pool.Put(s)
	hs := s.words[:0]
	emit := func(w []byte, _, _ int) { hs = append(hs, hashWord(w)) }
	if f.p.Raw {
		s.word = scanRaw(restored, s.word, emit)
	} else {
		s.word = scanWords(restored, s.word, emit)
	}
	s.words = hs
	return f.finish(s)
}

// Signature is the MinHash signature of text.
func (f *Fingerprinter) Signature(text string) Signature {
	s := f.pool.Get().(*scratch)
	defer f.pool.Put(s)
	s.words = f.wordHashes(s, text)
	s.sh = f.shingleHashes(s.sh[:0], s.words)
	return f.SignatureOf(s.sh)
}

// SignatureOf is the MinHash signature of a set of shingle hashes (repeats do
// no harm). A document without shingles gets all values math.MaxUint32.
func (f *Fingerprinter) SignatureOf(shingles []uint32) Signature {
	sig := make(Signature, len(f.a))
	b := f.b[:len(f.a)]
	n := len(shingles) &^ 3
	// The high 32 bits of the smallest 64-bit value are the smallest high 32
	// bits, so the inner loop keeps everything in registers; taking
	// shingles four at a time makes four independent min chains.
	for i, a := range f.a {
		bi := b[i]
		m0, m1, m2, m3 := uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(math.MaxUint64)
		for k := 0; k < n; k += 4 {
			sh := shingles[k : k+4 : k+4]
			m0 = min(m0, a*uint64(sh[0])+bi)
			m1 = min(m1, a*uint64(sh[1])+bi)
			m2 = min(m2, a*uint64(sh[2])+bi)
			m3 = min(m3, a*uint64(sh[3])+bi)
		}
		for _, x := range shingles[n:] {
			m0 = min(m0, a*uint64(x)+bi)
		}
		sig[i] = uint32(min(m0, m1, m2, m3) >> 32)
	}
	return sig
}

// Positions returns the folded words of text with their spans in restored
// (restore.String of text with Params.Restore, else text itself), and for
// each word position i the hash of the shingle that starts there (fewer
// than Shingle words make one shingle of them all).
// Word i is in shingles max(0,i-Shingle+1) … min(i, len(at)-1).
func (f *Fingerprinter) Positions(text string) (words []Word, restored string, at []uint32) {
	if f.p.Raw {
		restored = text
		scanRaw(text, nil, func(w []byte, start, end int) {
			words = append(words, Word{Text: string(w), Start: start, End: end})
		})
	} else if f.p.Restore {
		words, restored = Words(text)
	} else {
		restored = text
		scanWords(text, nil, func(w []byte, start, end int) {
			words = append(words, Word{Text: string(w), Start: start, End: end})
		})
	}
	hs := make([]uint64, len(words))
	for i, w := range words {
		hs[i] = hashWord([]byte(w.Text))
	}
	return words, restored, f.shingleHashes(nil, hs)
}

// AppendBandKeys appends one key per band of sig: equal keys mean equal
// bands (up to 64-bit collisions), and keys of different bands differ.
func (f *Fingerprinter) AppendBandKeys(dst []uint64, sig Signature) []uint64 {
	r := f.p.Rows
	for band := 0; band < f.p.Bands; band++ {
		h := f.p.Seed ^ uint64(band+1)*0x9e3779b97f4a7c15
		for _, v := range sig[band*r : band*r+r] {
			h = (h ^ uint64(v)) * 0x100000001b3
			h ^= h >> 29
		}
		dst = append(dst, mix64(h))
	}
	return dst
}

func (f *Fingerprinter) wordHashes(s *scratch, text string) []uint64 {
	hs := s.words[:0]
	emit := func(w []byte, _, _ int) { hs = append(hs, hashWord(w)) }
	switch {
	case f.p.Raw:
		s.word = scanRaw(text, s.word, emit)
	case f.p.Restore:
		s.word = scanWords(restore.String(text), s.word, emit)
	default:
		s.word = scanWords(text, s.word, emit)
	}
	return hs
}

// shingleHashes appends the hash of each run of Shingle consecutive words.
func (f *Fingerprinter) shingleHashes(dst []uint32, words []uint64) []uint32 {
	k := f.p.Shingle
	if len(words) == 0 {
		return dst
	}
	if len(words) < k {
		k = len(words)
	}
	for i := 0; i+k <= len(words); i++ {
		h := f.p.Seed ^ uint64(k)
		for _, w := range words[i : i+k] {
			h = (h ^ w) * 0x100000001b3
			h ^= h >> 31
		}
		dst = append(dst, uint32(mix64(h)>>32))
	}
	return dst
}

// hashWord is 64-bit FNV-1a.
func hashWord(w []byte) uint64 {
	h := uint64(0xcbf29ce484222325)
	for _, c := range w {
		h ^= uint64(c)
		h *= 0x100000001b3
	}
	return h
}

// scanRaw is scanWords without folding: runs of letters and digits, as they are.
func scanRaw(s string, buf []byte, fn func(w []byte, start, end int)) []byte {
	start := -1
	for i, r := range s {
		word := r < utf8.RuneSelf && (r|0x20 >= 'a' && r|0x20 <= 'z' || r >= '0' && r <= '9') ||
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsNumber(r))
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			buf = append(buf[:0], s[start:i]...)
			fn(buf, start, i)
			start = -1
		}
	}
	if start >= 0 {
		buf = append(buf[:0], s[start:]...)
		fn(buf, start, len(s))
	}
	return buf
}

// Estimate is the share of equal values in two signatures: an unbiased
// estimate of the Jaccard similarity of the shingle sets.
func Estimate(a, b Signature) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return 0
	}
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// Intersection counts the values in both of two sorted sets.
func Intersection(a, b []uint32) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// Jaccard is |a∩b| / |a∪b| for sorted sets; 0 when both are empty.
func Jaccard(a, b []uint32) float64 {
	n := Intersection(a, b)
	u := len(a) + len(b) - n
	if u == 0 {
		return 0
	}
	return float64(n) / float64(u)
}

// Containment is |a∩b| / |a|: how much of a is in b; 0 when a is empty.
func Containment(a, b []uint32) float64 {
	if len(a) == 0 {
		return 0
	}
	return float64(Intersection(a, b)) / float64(len(a))
}

func splitmix(state *uint64) uint64 {
	*state += 0x9e3779b97f4a7c15
	return mix64(*state)
}

// mix64 is the splitmix64 finalizer.
func mix64(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}
