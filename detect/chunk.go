package detect

import (
	"bytes"
	"io"
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
