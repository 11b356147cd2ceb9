package detect

import (
	"bytes"
	"io"
	"runtime"
	"unicode/utf8"
)

// ChunkSize is the most text that streaming scans and restores judge at
// once. Judging needs the document's context (which scripts it really
// uses), so a chunk is large, and it ends at a line break so that no word is
// cut.
const ChunkSize = 256 << 10

// Cut returns how many bytes at the start of buf make the next chunk, or 0
// when more input must be read first. A chunk is all that is left at the end
// of input if that is at most ChunkSize; otherwise it is the first ChunkSize
// bytes up to their last newline (else last space, else a rune boundary).
// The cut depends only on the text, not on how it was read, so a stream and
// a whole buffer are chunked alike.
func Cut(buf []byte, atEOF bool) int {
	if len(buf) <= ChunkSize {
		if atEOF {
			return len(buf)
		}
		return 0
	}
	w := buf[:ChunkSize]
	if i := bytes.LastIndexByte(w, '\n'); i >= 0 {
		return i + 1
	}
	if i := bytes.LastIndexByte(w, ' '); i >= 0 {
		return i + 1
	}
	n := ChunkSize
	for n > 0 && !utf8.RuneStart(buf[n]) {
		n--
	}
	if n == 0 {
		n = ChunkSize // not UTF-8 at all: any cut will do
	}
	return n
}

// eachChunk calls each for the chunks Cut makes of text, in order, with
// the offset of each in text.
func eachChunk(text []byte, each func(base int, chunk []byte)) {
	for base := 0; base < len(text); {
		n := Cut(text[base:], true)
		each(base, text[base:base+n])
		base += n
	}
}

// Chunker reads a stream and hands it out in the chunks Cut makes, reusing
// one buffer of about ChunkSize.
type Chunker struct {
	r   io.Reader
	buf []byte
	n   int // bytes at the start of buf given out by the last Next
	eof bool
}

// NewChunker returns a Chunker reading r.
func NewChunker(r io.Reader) *Chunker {
	return &Chunker{r: r, buf: make([]byte, 0, ChunkSize+64<<10)}
}

// Next returns the next chunk, valid until the following call, or io.EOF
// after the last one, or the reader's error.
func (c *Chunker) Next() ([]byte, error) {
	c.buf = c.buf[:copy(c.buf, c.buf[c.n:])]
	c.n = 0
	for {
		if n := Cut(c.buf, c.eof); n > 0 {
			c.n = n
			return c.buf[:n], nil
		}
		if c.eof {
			return nil, io.EOF
		}
		if len(c.buf) == cap(c.buf) {
			c.buf = append(c.buf, 0)[:len(c.buf)] // grow
		}
		k, err := c.r.Read(c.buf[len(c.buf):cap(c.buf)])
		c.buf = c.buf[:len(c.buf)+k]
		if err == io.EOF {
			c.eof = true
		} else if err != nil {
			return nil, err
		}
	}
}

// MapChunks reads r in the chunks of Cut, runs work on each on workers
// goroutines (0 means every core), and emit on each in order, on the
// calling goroutine. Both get the chunk and the chunk's out, whose memory,
// like the chunk's, is reused for a later chunk once emit returns: work
// should build out in place (out = append(out[:0], …)). When emit fails,
// reading stops; MapChunks returns the read error, else emit's. Memory
// stays near 3×workers chunks whatever r's size.
func MapChunks[T any](r io.Reader, workers int, work func(chunk []byte, out *T), emit func(chunk []byte, out *T) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		chunk []byte
		out   T
		done  chan struct{}
	}
	jobs := make(chan *job, workers)
	order := make(chan *job, workers)
	// Jobs are reused with their memory: a fresh copy of each chunk, and a
	// fresh output, were garbage the size of the input.
	free := make(chan *job, 2*workers)
	stop := make(chan struct{}) // closed when emit failed: stop reading
	for w := 0; w < workers; w++ {
		go func() {
			for j := range jobs {
				work(j.chunk, &j.out)
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
			chunk, err := ch.Next()
			if err != nil {
				if err != io.EOF {
					readErr = err
				}
				return
			}
			var j *job
			select {
			case j = <-free:
			default:
				j = new(job)
			}
			j.chunk, j.done = append(j.chunk[:0], chunk...), make(chan struct{})
			select {
			case order <- j:
			case <-stop:
				return
			}
			jobs <- j
		}
	}()
	var emitErr error
	for j := range order {
		<-j.done
		if emitErr == nil {
			if emitErr = emit(j.chunk, &j.out); emitErr != nil {
				close(stop)
			}
		}
		select {
		case free <- j:
		default:
		}
	}
	if readErr != nil {
		return readErr
	}
	return emitErr
}
