package detect

import (
	"encoding/json"
	"strconv"

	"github.com/unmaskdev/unmask/internal/jsonstring"
)

// The reports of large texts hold tens of thousands of findings, and
// encoding/json spends more time on them (reflection on each field) than
// the scan took. AppendJSON writes the bytes encoding/json writes (with
// SetEscapeHTML(false), without the Encoder's newline); tests here and in
// package server compare the two, and fail when Finding gains a field this
// encoder does not write.

// AppendJSON appends the report as JSON to dst, as encoding/json writes it
// (without escaping <, > and &), faster.
func (rep *Report) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"verdict":`...)
	dst = jsonstring.Append(dst, string(rep.Verdict))
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
			dst = rep.Findings[i].AppendJSON(dst)
		}
		dst = append(dst, ']')
	}
	if len(rep.Hidden) > 0 {
		dst = append(dst, `,"hidden":[`...)
		for i, h := range rep.Hidden {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = jsonstring.Append(dst, h)
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"words":`...)
	dst = strconv.AppendInt(dst, int64(rep.Words), 10)
	return append(dst, '}')
}

// AppendJSON appends the finding as JSON to dst, as encoding/json writes it
// (without escaping <, > and &), faster.
func (f *Finding) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"offset":`...)
	dst = strconv.AppendInt(dst, int64(f.Offset), 10)
	dst = append(dst, `,"len":`...)
	dst = strconv.AppendInt(dst, int64(f.Len), 10)
	dst = append(dst, `,"line":`...)
	dst = strconv.AppendInt(dst, int64(f.Line), 10)
	dst = append(dst, `,"col":`...)
	dst = strconv.AppendInt(dst, int64(f.Col), 10)
	dst = append(dst, `,"char":`...)
	dst = jsonstring.Append(dst, f.Char)
	dst = append(dst, `,"code":`...)
	dst = jsonstring.Append(dst, f.Code)
	dst = append(dst, `,"name":`...)
	dst = jsonstring.Append(dst, f.Name)
	dst = append(dst, `,"script":`...)
	dst = jsonstring.Append(dst, f.Script)
	dst = append(dst, `,"imitates":`...)
	dst = jsonstring.Append(dst, f.Imitates)
	dst = append(dst, `,"word":`...)
	dst = jsonstring.Append(dst, f.Word)
	dst = append(dst, `,"word_at":`...)
	dst = strconv.AppendInt(dst, int64(f.WordAt), 10)
	dst = append(dst, `,"kind":`...)
	dst = jsonstring.Append(dst, string(f.Kind))
	dst = append(dst, `,"action":`...)
	dst = jsonstring.Append(dst, string(f.Action))
	if f.Hidden != "" {
		dst = append(dst, `,"hidden":`...)
		dst = jsonstring.Append(dst, f.Hidden)
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
