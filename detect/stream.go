package detect

import (
	"bytes"
	"io"
	"slices"
)

// Summary totals the reports of a stream.
type Summary struct {
	Verdict Verdict      `json:"verdict"`
	Score   float64      `json:"score"`
	Counts  map[Kind]int `json:"counts"`
	Hidden  []string     `json:"hidden,omitempty"`
	Words   int          `json:"words"`
	Bytes   int64        `json:"bytes"`
}

// ScanReader scans r chunk by chunk (see Cut), calling each for every
// finding, in order, with offsets and lines counted from the start of r, and
// returns the totals. Chunks are judged on every core; memory stays bounded
// by a few chunks per core whatever r's size. With each nil, no finding is
// made (see Judge): only the totals, faster.
func ScanReader(r io.Reader, each func(Finding)) (Summary, error) {
	var t totals
	err := MapChunks(r, 0, func(chunk []byte, rep *Report) {
		if each == nil {
			*rep = Judge(chunk)
		} else {
			*rep = Scan(chunk)
		}
	}, func(chunk []byte, rep *Report) error {
		for _, f := range rep.Findings {
			t.shift(&f)
			each(f)
		}
		t.add(rep, chunk)
		return nil
	})
	rep := t.report()
	return Summary{Verdict: rep.Verdict, Score: rep.Score, Counts: rep.Counts, Hidden: rep.Hidden,
		Words: rep.Words, Bytes: int64(t.base)}, err
}

// totals adds up the reports of consecutive chunks.
type totals struct {
	base     int // bytes before the current chunk
	line     int // lines before the current chunk
	hitWords float64
	rep      Report
}

// shift moves f, found in the current chunk, to its place in the whole text.
func (t *totals) shift(f *Finding) {
	f.Offset += t.base
	f.WordAt += t.base
	f.Line += t.line
}

// add counts rep, the report of chunk, and moves on past it.
func (t *totals) add(rep *Report, chunk []byte) {
	if t.rep.Counts == nil {
		t.rep.Verdict, t.rep.Counts = Clean, map[Kind]int{}
	}
	for k, c := range rep.Counts {
		t.rep.Counts[k] += c
	}
	t.rep.Hidden = append(t.rep.Hidden, rep.Hidden...)
	t.rep.Words += rep.Words
	t.hitWords += rep.Score * float64(rep.Words)
	t.rep.Verdict = worse(t.rep.Verdict, rep.Verdict)
	t.line += bytes.Count(chunk, []byte{'\n'})
	t.base += len(chunk)
}

// report returns the totals as one report, without findings.
func (t *totals) report() Report {
	rep := t.rep
	if rep.Counts == nil {
		rep.Verdict, rep.Counts = Clean, map[Kind]int{}
	}
	if rep.Words > 0 {
		rep.Score = t.hitWords / float64(rep.Words)
	}
	return rep
}

// ScanAll scans text of any size in the chunks of Cut, one after the
// other on the calling goroutine, as ScanReader would, and returns one
// report, with positions from the start of text, whose findings are in
// buf's memory (its contents are discarded). A server scanning large texts
// on one core per request, and reusing its buffers, uses it.
func ScanAll(buf []Finding, text []byte) Report {
	if len(text) <= ChunkSize {
		return ScanInto(buf, text)
	}
	var t totals
	out := buf[:0]
	var scratch []Finding
	eachChunk(text, func(base int, chunk []byte) {
		rep := ScanInto(scratch, chunk)
		scratch = rep.Findings
		if need := len(out) + len(rep.Findings); need > cap(out) {
			// Room for the rest at this chunk's rate, but never more than
			// twice what is needed now: the rest may be plain text.
			// (Appending one by one grows by a quarter at a time, which
			// allocated several times the findings' size.)
			guess := need + len(rep.Findings)*(len(text)-base-len(chunk))/len(chunk)
			out = slices.Grow(out, min(guess, 2*need)-len(out))
		}
		for _, f := range rep.Findings {
			t.shift(&f)
			out = append(out, f)
		}
		clear(scratch) // drop the strings they hold
		t.add(&rep, chunk)
	})
	rep := t.report()
	rep.Findings = out
	return rep
}

var verdictRank = map[Verdict]int{Clean: 0, Suspicious: 1, Disguised: 2}

func worse(a, b Verdict) Verdict {
	if verdictRank[b] > verdictRank[a] {
		return b
	}
	return a
}
