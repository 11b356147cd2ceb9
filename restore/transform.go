package restore

import (
	"io"
	"sync"

	"golang.org/x/text/transform"

	"github.com/unmaskdev/unmask/detect"
)

// Transformer restores a stream. It follows the transform.Transformer
// contract, so it chains with norm.NFC and works with transform.NewReader.
// Because a disguise is judged against its document, it keeps input until a
// chunk is complete (detect.Cut): about detect.ChunkSize bytes.
type Transformer struct {
	in  []byte // input not yet judged
	out []byte // restored output; out[off:] not yet written
	off int
}

// New returns a Transformer.
func New() *Transformer { return &Transformer{} }

// Reset implements transform.Transformer.
func (t *Transformer) Reset() { t.in, t.out, t.off = t.in[:0], t.out[:0], 0 }

// Transform implements transform.Transformer.
func (t *Transformer) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for {
		// Flush restored output first.
		n := copy(dst[nDst:], t.out[t.off:])
		nDst += n
		t.off += n
		if t.off < len(t.out) {
			return nDst, nSrc, transform.ErrShortDst
		}
		t.in = append(t.in, src[nSrc:]...)
		nSrc = len(src)
		cut := detect.Cut(t.in, atEOF)
		if cut == 0 {
			return nDst, nSrc, nil
		}
		t.out, t.off = appendRestored(t.out[:0], t.in[:cut]), 0
		t.in = append(t.in[:0], t.in[cut:]...)
	}
}

// Reader restores what it reads from another reader, a chunk at a time
// (detect.Cut), with buffers reused from chunk to chunk: the fast way to
// restore a stream when no chaining with other transforms is needed.
type Reader struct {
	r   io.Reader
	in  []byte // read, not yet judged
	out []byte // restored; out[off:] not yet returned
	off int
	eof bool
	err error
}

// NewReader returns a reader of r's text restored. Its output is the same as
// Bytes of all of r, and its memory stays near 2×detect.ChunkSize.
func NewReader(r io.Reader) *Reader {
	return &Reader{r: r, in: make([]byte, 0, detect.ChunkSize+64<<10)}
}

// fill restores the next chunk into out; false when there is none.
func (x *Reader) fill() bool {
	for {
		if c := detect.Cut(x.in, x.eof); c > 0 {
			x.out, x.off = appendRestored(x.out[:0], x.in[:c]), 0
			x.in = x.in[:copy(x.in, x.in[c:])]
			return true
		}
		if x.eof || x.err != nil {
			return false
		}
		if len(x.in) == cap(x.in) {
			x.in = append(x.in, 0)[:len(x.in)] // grow
		}
		n, err := x.r.Read(x.in[len(x.in):cap(x.in)])
		x.in = x.in[:len(x.in)+n]
		if err == io.EOF {
			x.eof = true
		} else if err != nil {
			x.err = err
		}
	}
}

// Read implements io.Reader.
func (x *Reader) Read(p []byte) (int, error) {
	for x.off == len(x.out) {
		if !x.fill() {
			if x.err != nil {
				return 0, x.err
			}
			return 0, io.EOF
		}
	}
	n := copy(p, x.out[x.off:])
	x.off += n
	return n, nil
}

// WriteTo implements io.WriterTo, so io.Copy writes each restored chunk whole.
func (x *Reader) WriteTo(w io.Writer) (int64, error) {
	var total int64
	for {
		if x.off < len(x.out) {
			n, err := w.Write(x.out[x.off:])
			total += int64(n)
			x.off += n
			if err != nil {
				return total, err
			}
		}
		if !x.fill() {
			return total, x.err
		}
	}
}

func appendRestored(dst, chunk []byte) []byte {
	if detect.Inert(chunk) {
		return append(dst, chunk...)
	}
	fs := fixesPool.Get().(*[]detect.Finding)
	*fs = detect.FixesInto(*fs, chunk)
	dst = Apply(dst, chunk, *fs)
	clear(*fs) // drop the strings they hold
	fixesPool.Put(fs)
	return dst
}

// fixesPool keeps the findings buffers of appendRestored.
var fixesPool = sync.Pool{New: func() any { return new([]detect.Finding) }}
