package restore

import (
	"io"

	"golang.org/x/text/transform"

	"github.com/unmaskdev/unmask/detect"
)

// Transformer restores a stream. It follows the transform.Transformer
// contract, so it chains with norm.NFC and works with transform.NewReader.
// Because a disguise is judged against its document, it keeps input until a
// chunk is complete (detect.Cut): about detect.ChunkSize bytes.
type Transformer struct {
	in  []byte // input not yet judged
	out []byte // restored output not yet written
}

// New returns a Transformer.
func New() *Transformer { return &Transformer{} }

// NewReader returns a reader of r's text restored.
func NewReader(r io.Reader) io.Reader { return transform.NewReader(r, New()) }

// Reset implements transform.Transformer.
func (t *Transformer) Reset() { t.in, t.out = t.in[:0], t.out[:0] }

// Transform implements transform.Transformer.
func (t *Transformer) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for {
		// Flush restored output first.
		n := copy(dst[nDst:], t.out)
		nDst += n
		t.out = t.out[n:]
		if len(t.out) > 0 {
			return nDst, nSrc, transform.ErrShortDst
		}
		t.in = append(t.in, src[nSrc:]...)
		nSrc = len(src)
		cut := detect.Cut(t.in, atEOF)
		if cut == 0 {
			return nDst, nSrc, nil
		}
		t.out = appendRestored(t.out[:0], t.in[:cut])
		t.in = append(t.in[:0], t.in[cut:]...)
	}
}

func appendRestored(dst, chunk []byte) []byte {
	if detect.Inert(chunk) {
		return append(dst, chunk...)
	}
	return Apply(dst, chunk, detect.Fixes(chunk))
}
