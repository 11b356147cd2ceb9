// Package restore gives back the text a reader sees: the disguises that
// package detect is sure of are undone, and every other byte is left as it
// was, including invalid UTF-8.
package restore

import (
	"github.com/unmaskdev/unmask/detect"
)

// String restores s.
func String(s string) string {
	b := []byte(s)
	if detect.Inert(b) {
		return s
	}
	return string(Bytes(b))
}

// Bytes restores b into a new slice; b is not modified. Text longer than
// detect.ChunkSize is judged in the same chunks as the streaming
// Transformer, so both give the same output.
func Bytes(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		n := detect.Cut(b, true)
		out = appendRestored(out, b[:n])
		b = b[n:]
	}
	return out
}

// Apply appends to dst the text with the findings (sorted by offset, as
// Scan returns them) applied: Replace writes Imitates, Remove drops the
// characters, Keep leaves them.
func Apply(dst, text []byte, fs []detect.Finding) []byte {
	pos := 0
	for _, f := range fs {
		if f.Action == detect.Keep || f.Offset < pos {
			continue
		}
		dst = append(dst, text[pos:f.Offset]...)
		if f.Action == detect.Replace {
			dst = append(dst, f.Imitates...)
		}
		pos = f.Offset + f.Len
	}
	return append(dst, text[pos:]...)
}
