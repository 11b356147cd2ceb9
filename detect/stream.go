package detect

import (
	"bytes"
	"errors"
	"io"
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
// finding with offsets and lines counted from the start of r, and returns
// the totals. Memory stays bounded by a few chunks whatever r's size.
func ScanReader(r io.Reader, each func(Finding)) (Summary, error) {
	sum := Summary{Verdict: Clean, Counts: map[Kind]int{}}
	var buf []byte
	var base int64
	line := 0 // lines before the current chunk
	hitWords := 0.0
	chunk := make([]byte, 64<<10)
	eof := false
	for !eof || len(buf) > 0 {
		if !eof {
			n, err := r.Read(chunk)
			buf = append(buf, chunk[:n]...)
			if errors.Is(err, io.EOF) {
				eof = true
			} else if err != nil {
				return sum, err
			}
		}
		n := Cut(buf, eof)
		if n == 0 {
			continue
		}
		rep := Scan(buf[:n])
		for _, f := range rep.Findings {
			f.Offset += int(base)
			f.WordAt += int(base)
			f.Line += line
			each(f)
		}
		for k, c := range rep.Counts {
			sum.Counts[k] += c
		}
		sum.Hidden = append(sum.Hidden, rep.Hidden...)
		sum.Words += rep.Words
		hitWords += rep.Score * float64(rep.Words)
		sum.Verdict = worse(sum.Verdict, rep.Verdict)
		line += bytes.Count(buf[:n], []byte{'\n'})
		base += int64(n)
		buf = append(buf[:0], buf[n:]...)
	}
	sum.Bytes = base
	if sum.Words > 0 {
		sum.Score = hitWords / float64(sum.Words)
	}
	return sum, nil
}

func worse(a, b Verdict) Verdict {
	rank := map[Verdict]int{Clean: 0, Suspicious: 1, Disguised: 2}
	if rank[b] > rank[a] {
		return b
	}
	return a
}
