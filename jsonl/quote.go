package jsonl

import (
	"bytes"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// The text field is most of a record, and decoding and encoding it a byte
// at a time was most of the time of a record once parsing was fast. These
// copy the runs between escapes whole. Their output is encoding/json's, to
// the byte (FuzzQuote and FuzzUnquote check it).

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// appendQuoted appends s as a JSON string, as encoding/json writes it
// without HTML escaping: control characters, '"' and '\\' escaped, U+2028
// and U+2029 as \u2028 and \u2029, each byte of invalid UTF-8 as \ufffd.
func appendQuoted(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start, i := 0, 0
	for i < len(s) {
		// Eight plain ASCII bytes at a time: no control character, quote,
		// backslash or byte from 0x80 (Hacker's Delight 6-1).
		for i+8 <= len(s) {
			x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
			q, bs := x^(ones*'"'), x^(ones*'\\')
			if (x|(x-ones*0x20)|(q-ones)&^q|(bs-ones)&^bs)&highs != 0 {
				break
			}
			i += 8
		}
		if i == len(s) {
			break
		}
		b := s[i]
		if b >= 0x20 && b < utf8.RuneSelf && b != '"' && b != '\\' {
			i++
			continue
		}
		if b < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
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
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

const hex = "0123456789abcdef"

// unquote decodes v, a JSON string that Parse checked, as encoding/json
// decodes it: invalid UTF-8 and lone surrogates become U+FFFD.
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
