package detect

import (
	"fmt"
	"slices"
	"unicode/utf8"
)

func code(r rune) string { return fmt.Sprintf("U+%04X", r) }

func hexByte(b byte) string { return fmt.Sprintf("0x%02X", b) }

func sortFindings(fs []Finding) {
	if slices.IsSortedFunc(fs, byOffset) {
		return
	}
	slices.SortStableFunc(fs, byOffset)
}

func byOffset(a, b Finding) int { return a.Offset - b.Offset }

// locate fills Line and Col (1-based, columns in code points) of sorted findings in one pass.
func locate(text []byte, fs []Finding) {
	line, col, pos := 1, 1, 0
	for i := range fs {
		for pos < fs[i].Offset && pos < len(text) {
			if text[pos] == '\n' {
				line, col = line+1, 1
				pos++
				continue
			}
			_, n := utf8.DecodeRune(text[pos:])
			pos += n
			col++
		}
		fs[i].Line, fs[i].Col = line, col
	}
}
