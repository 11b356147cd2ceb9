package server

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/detect"
)

// The reports of large texts hold tens of thousands of findings, and
// encoding/json spends more time on them (reflection on each field) than
// the scan took. appendReport writes the same bytes as an encoding/json
// Encoder with SetEscapeHTML(false) and a trailing newline; a test and a
// fuzz target compare the two, and fail when detect.Finding gains a field
// this encoder does not write.

// appendReport appends rep as JSON to dst.
func appendReport(dst []byte, rep *detect.Report) []byte {
	dst = append(dst, `{"verdict":`...)
	dst = appendString(dst, string(rep.Verdict))
	dst = append(dst, `,"score":`...)
	dst = appendJSON(dst, rep.Score)
	dst = append(dst, `,"counts":`...)
	dst = appendJSON(dst, rep.Counts) // a few keys, sorted as encoding/json sorts them
	dst = append(dst, `,"findings":`...)
	if rep.Findings == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i := range rep.Findings {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendFinding(dst, &rep.Findings[i])
		}
		dst = append(dst, ']')
	}
	if len(rep.Hidden) > 0 {
		dst = append(dst, `,"hidden":[`...)
		for i, h := range rep.Hidden {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendString(dst, h)
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"words":`...)
	dst = strconv.AppendInt(dst, int64(rep.Words), 10)
	return append(dst, '}')
}

func appendFinding(dst []byte, f *detect.Finding) []byte {
	dst = append(dst, `{"offset":`...)
	dst = strconv.AppendInt(dst, int64(f.Offset), 10)
	dst = append(dst, `,"len":`...)
	dst = strconv.AppendInt(dst, int64(f.Len), 10)
	dst = append(dst, `,"line":`...)
	dst = strconv.AppendInt(dst, int64(f.Line), 10)
	dst = append(dst, `,"col":`...)
	dst = strconv.AppendInt(dst, int64(f.Col), 10)
	dst = append(dst, `,"char":`...)
	dst = appendString(dst, f.Char)
	dst = append(dst, `,"code":`...)
	dst = appendString(dst, f.Code)
	dst = append(dst, `,"name":`...)
	dst = appendString(dst, f.Name)
	dst = append(dst, `,"script":`...)
	dst = appendString(dst, f.Script)
	dst = append(dst, `,"imitates":`...)
	dst = appendString(dst, f.Imitates)
	dst = append(dst, `,"word":`...)
	dst = appendString(dst, f.Word)
	dst = append(dst, `,"word_at":`...)
	dst = strconv.AppendInt(dst, int64(f.WordAt), 10)
	dst = append(dst, `,"kind":`...)
	dst = appendString(dst, string(f.Kind))
	dst = append(dst, `,"action":`...)
	dst = appendString(dst, string(f.Action))
	if f.Hidden != "" {
		dst = append(dst, `,"hidden":`...)
		dst = appendString(dst, f.Hidden)
	}
	return append(dst, '}')
}

// appendJSON appends v as encoding/json writes it, for the small parts.
func appendJSON(dst []byte, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // floats and maps of ints always encode
	}
	return append(dst, b...)
}

// safe marks the ASCII bytes a JSON string holds as they are.
var safe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string, escaped as encoding/json does
// without HTML escaping: quote, backslash and control characters escaped,
// U+2028 and U+2029 as \u2028 and \u2029, invalid UTF-8 as \ufffd.
func appendString[T string | []byte](dst []byte, s T) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if safe[c] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))])) // no copy: short, does not escape
		if r == utf8.RuneError && n == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += n
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += n
			start = i
			continue
		}
		i += n
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
