package jsonl

import (
	"bytes"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/internal/jsonstring"
)

// unquote decodes v, a JSON string that Parse checked. Where the string is
// valid, it decodes as encoding/json does (FuzzUnquote checks it, byte for
// byte); where it is not, nothing becomes U+FFFD: a byte of invalid UTF-8 is
// kept as it is, and a lone surrogate escape (\ud800) becomes the three
// bytes generalized UTF-8 gives it (ED A0 80), themselves invalid UTF-8.
// Either is then reported by a scan as invalid-utf8 findings, as invalid
// bytes in raw text are, and appendString writes them back as they came.
//
// The text field is most of a record, and decoding it a byte at a time was
// most of a record's time once parsing was fast: the runs between escapes
// are copied whole.
func unquote(v []byte) string {
	in := v[1 : len(v)-1]
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
			r := hex4(in[k+2 : k+6]) // Parse checked four hex digits
			in = in[k+6:]
			switch {
			case r < 0xD800 || r >= 0xE000:
				out = utf8.AppendRune(out, r)
			case r < 0xDC00 && len(in) >= 6 && in[0] == '\\' && in[1] == 'u' && isHex4(in[2:6]):
				if lo := hex4(in[2:6]); lo >= 0xDC00 && lo < 0xE000 {
					out = utf8.AppendRune(out, 0x10000+(r-0xD800)<<10+(lo-0xDC00))
					in = in[6:]
					break
				}
				out = appendSurrogate(out, r)
			default:
				out = appendSurrogate(out, r)
			}
			continue
		}
		in = in[k+2:]
	}
}

// appendSurrogate appends the generalized UTF-8 of a lone surrogate: the
// bytes UTF-8 would give it if it were a code point, which no valid UTF-8
// holds (utf8.AppendRune writes U+FFFD instead).
func appendSurrogate(dst []byte, r rune) []byte {
	return append(dst, 0xED, byte(0x80|r>>6&0x3F), byte(0x80|r&0x3F))
}

// surrogateAt returns the lone surrogate whose generalized UTF-8 starts s,
// if one does.
func surrogateAt(s string) (rune, bool) {
	if len(s) >= 3 && s[0] == 0xED && s[1] >= 0xA0 && s[1] <= 0xBF && s[2] >= 0x80 && s[2] <= 0xBF {
		return 0xD000 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F), true
	}
	return 0, false
}

func hex4(h []byte) rune {
	r := rune(0)
	for _, c := range h[:4] {
		r = r<<4 | rune(unhex(c))
	}
	return r
}

func isHex4(h []byte) bool {
	for _, c := range h[:4] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
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

// appendString appends s as a JSON string: valid text as encoding/json
// writes it (without HTML escaping), and what unquote kept of invalid
// input as it came: a lone surrogate as its escape (\ud800), any other
// byte of invalid UTF-8 as the raw byte.
func appendString(dst []byte, s string) []byte {
	if utf8.ValidString(s) {
		return jsonstring.Append(dst, s)
	}
	dst = append(dst, '"')
	for len(s) > 0 {
		// The valid run before the next invalid byte, escaped by jsonstring
		// (which adds quotes: they are cut off again).
		n := 0
		for n < len(s) {
			r, size := utf8.DecodeRuneInString(s[n:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			n += size
		}
		if n > 0 {
			at := len(dst)
			dst = jsonstring.Append(dst, s[:n])
			dst = append(dst[:at], dst[at+1:len(dst)-1]...)
			s = s[n:]
		}
		if len(s) == 0 {
			break
		}
		if r, ok := surrogateAt(s); ok {
			dst = append(dst, '\\', 'u', hexDigits[r>>12], hexDigits[r>>8&0xF], hexDigits[r>>4&0xF], hexDigits[r&0xF])
			s = s[3:]
			continue
		}
		dst = append(dst, s[0])
		s = s[1:]
	}
	return append(dst, '"')
}

const hexDigits = "0123456789abcdef"
