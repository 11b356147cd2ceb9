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
// (detect.Chunker), with buffers reused from chunk to chunk: the fast way to
// restore a stream when no chaining with other transforms is needed.
type Reader struct {
	ch  *detect.Chunker
	out []byte // restored; out[off:] not yet returned
	off int
	err error // from the chunker; io.EOF at the end
}

// NewReader returns a reader of r's text restored. Its output is the same as
// Bytes of all of r, and its memory stays near 2×detect.ChunkSize.
func NewReader(r io.Reader) *Reader { return &Reader{ch: detect.NewChunker(r)} }

// fill restores the next chunk into out; false when there is none.
func (x *Reader) fill() bool {
	if x.err != nil {
		return false
	}
	chunk, err := x.ch.Next()
	if err != nil {
		x.err = err
		return false
	}
	x.out, x.off = appendRestored(x.out[:0], chunk), 0
	return true
}

// Read implements io.Reader.
func (x *Reader) Read(p []byte) (int, error) {
	for x.off == len(x.out) {
		if !x.fill() {
			return 0, x.err
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
			if x.err == io.EOF {
				return total, nil
			}
			return total, x.err
		}
	}
}

func appendRestored(dst, chunk []byte) []byte {
	if detect.Inert(chunk) {
		return append(dst, chunk...)
	}
	fs := fixesPool.Get().(*[]detect.Fix)
	*fs = detect.FixesInto(*fs, chunk)
	dst = applyFixes(dst, chunk, *fs)
	clear(*fs) // drop the strings they hold
	fixesPool.Put(fs)
	return dst
}

// applyFixes is Apply for Fixes.
func applyFixes(dst, text []byte, fs []detect.Fix) []byte {
	pos := 0
	for _, f := range fs {
		if f.Offset < pos {
			continue
		}
		dst = appendShort(dst, text, pos, f.Offset)
		if len(f.With) == 1 {
			dst = append(dst, f.With[0]) // most replacements: one ASCII letter
		} else {
			dst = append(dst, f.With...)
		}
		pos = f.Offset + f.Len
	}
	return append(dst, text[pos:]...)
}

// appendShort is append(dst, text[i:j]...). In disguised text most runs
// between two fixes are a few bytes: copying such a run through memmove,
// whose branches on the length were mispredicted run after run, cost more
// than moving 16 bytes whatever the length, which it does when text and dst
// have them (the bytes past j-i are overwritten or cut off; those read are
// text's, never past its length).
func appendShort(dst, text []byte, i, j int) []byte {
	n := len(dst)
	if j-i <= 16 && i+16 <= len(text) && cap(dst)-n >= 16 {
		*(*[16]byte)(dst[n : n+16]) = *(*[16]byte)(text[i : i+16])
		return dst[:n+j-i]
	}
	return append(dst, text[i:j]...)
}

// fixesPool keeps the fixes buffers of appendRestored.
var fixesPool = sync.Pool{New: func() any { return new([]detect.Fix) }}
