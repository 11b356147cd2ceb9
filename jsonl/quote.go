package jsonl

import (
	"bytes"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// unquote decodes v, a JSON string that Parse checked, as encoding/json
// decodes it (FuzzUnquote checks it, byte for byte): invalid UTF-8 and lone
// surrogates become U+FFFD. The text field is most of a record, and decoding
// it a byte at a time was most of a record's time once parsing was fast: the
// runs between escapes are copied whole.
func unquote(v []byte) string {
	in := v[1 : len(v)-1]
	if !utf8.Valid(in) {
		return slowUnquote(v)
	}
	out := make([]byte, 0, len(in))
	for {
		k := bytes.IndexByte(in, '\\')
		if k < 0 {
			return string(append(out, in...))
		}
		out = append(out, in[:k]...)
		switch c := in[k+1]; c {
		case '"', '\\', '/':
			out = append(out, c)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r := rune(0)
			for _, h := range in[k+2 : k+6] { // Parse checked four hex digits
				r = r<<4 | rune(unhex(h))
			}
			if r >= 0xD800 && r < 0xE000 {
				return slowUnquote(v) // a surrogate: paired or not, left to jsontext
			}
			out = utf8.AppendRune(out, r)
			in = in[k+6:]
			continue
		}
		in = in[k+2:]
	}
}

func unhex(h byte) byte {
	switch {
	case h <= '9':
		return h - '0'
	case h >= 'a':
		return h - 'a' + 10
	default:
		return h - 'A' + 10
	}
}

// slowUnquote is unquote by jsontext, for strings with invalid UTF-8 or
// escaped surrogates.
func slowUnquote(v []byte) string {
	// Parse checked the syntax: an error here can only be about invalid
	// UTF-8 or a lone surrogate, already replaced.
	b, _ := jsontext.AppendUnquote(nil, v)
	return string(b)
}
