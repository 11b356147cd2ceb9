package detect

import (
	"bytes"
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
