package detect

import (
	"bytes"
	"io"
	"runtime"
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
// by a few chunks per core whatever r's size.
func ScanReader(r io.Reader, each func(Finding)) (Summary, error) {
	return ScanReaderN(r, runtime.GOMAXPROCS(0), each)
}

// ScanReaderN is ScanReader judging chunks on at most workers goroutines
// (at least one): a server keeps large texts from taking every core.
func ScanReaderN(r io.Reader, workers int, each func(Finding)) (Summary, error) {
	sum := Summary{Verdict: Clean, Counts: map[Kind]int{}}
	type job struct {
		text []byte
		rep  Report
		done chan struct{}
	}
	workers = max(workers, 1)
	jobs := make(chan *job, workers)
	order := make(chan *job, workers)
	for w := 0; w < workers; w++ {
		go func() {
			for j := range jobs {
				j.rep = Scan(j.text)
				close(j.done)
			}
		}()
	}
	var readErr error
	go func() {
		defer close(jobs)
		defer close(order)
		ch := NewChunker(r)
		for {
			text, err := ch.Next()
			if err != nil {
				if err != io.EOF {
					readErr = err
				}
				return
			}
			j := &job{text: bytes.Clone(text), done: make(chan struct{})}
			order <- j
			jobs <- j
		}
	}()
	var base int64
	line := 0 // lines before the current chunk
	hitWords := 0.0
	for j := range order {
		<-j.done
		rep := j.rep
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
		line += bytes.Count(j.text, []byte{'\n'})
		base += int64(len(j.text))
	}
	sum.Bytes = base
	if sum.Words > 0 {
		sum.Score = hitWords / float64(sum.Words)
	}
	return sum, readErr
}

var verdictRank = map[Verdict]int{Clean: 0, Suspicious: 1, Disguised: 2}

func worse(a, b Verdict) Verdict {
	if verdictRank[b] > verdictRank[a] {
		return b
	}
	return a
}
