package restore

import (
	"io"

	"github.com/unmaskdev/unmask/detect"
)

// Copy restores src into dst like io.Copy(dst, NewReader(src)), judging
// chunks on several goroutines (workers; 0 means every core) and writing them
// in order. Chunks are judged independently (detect.Cut), so the output is
// the same as Bytes of all of src; memory stays near 3×workers×ChunkSize.
func Copy(dst io.Writer, src io.Reader, workers int) (int64, error) {
	var total int64
	err := detect.MapChunks(src, workers, func(chunk []byte, out *[]byte) {
		*out = appendRestored((*out)[:0], chunk)
	}, func(_ []byte, out *[]byte) error {
		n, err := dst.Write(*out)
		total += int64(n)
		return err
	})
	return total, err
}
