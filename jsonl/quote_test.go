package jsonl

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

var quoteCases = []string{
	"", "plain", "a \"quoted\" \\ line\nand\ttab\r\b\f\x00\x1f\x7f",
	"caf\u00e9 \u00a3 \u2018curly\u2019 \u2028 \u2029 end", "bad \xff\xfe utf-8 \xe2\x80",
	"exactly8", "sixteen bytes ok", "emoji \U0001F600 and \u200b", "<b>&amp;</b>",
}

func FuzzUnquote(f *testing.F) {
	for _, s := range quoteCases {
		b, _ := marshal(s)
		f.Add(b)
	}
	for _, s := range []string{`"\ud83d\ude00"`, `"\ud800"`, `"\udc00x"`, `"\ud800\u0041"`, `"\u00E9\/\u0000"`, "\"raw \xff\"", `"\uD83D\uDE00"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		rec, err := Parse(append(append([]byte(`{"s":`), b...), '}'))
		if err != nil {
			return // not a valid JSON value
		}
		var want string
		if json.Unmarshal(b, &want) != nil {
			if _, ok := rec.String("s"); ok {
				t.Fatalf("String of %q succeeds; encoding/json fails", b)
			}
			return
		}
		got, ok := rec.String("s")
		if !ok {
			t.Fatalf("String of %q fails", b)
		}
		// Valid text decodes as encoding/json decodes it; what is not valid
		// is kept, where encoding/json has U+FFFD.
		if bytes.IndexByte(b, 0xED) < 0 && replaced(got) != want { // raw ED A0 80 would read as a surrogate
			t.Fatalf("String of %q = %q, encoding/json gives %q", b, got, want)
		}
		if !bytes.ContainsRune([]byte(want), utf8.RuneError) && got != want {
			t.Fatalf("String of %q = %q, encoding/json gives %q", b, got, want)
		}
		// Set writes back what String read.
		rec.Set("s", got)
		again, err := Parse(rec.AppendTo(nil))
		if err != nil {
			t.Fatalf("%s: %v", rec.AppendTo(nil), err)
		}
		if s, _ := again.String("s"); s != got {
			t.Fatalf("String of %q = %q; written as %s, read back as %q", b, got, rec.AppendTo(nil), s)
		}
	})
}

// replaced is s as encoding/json would have decoded the JSON string that
// unquote read it from: each lone surrogate and each other byte of invalid
// UTF-8 as U+FFFD.
func replaced(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		if _, ok := surrogateAt(s); ok {
			b.WriteRune(utf8.RuneError)
			s = s[3:]
			continue
		}
		r, n := utf8.DecodeRuneInString(s)
		b.WriteRune(r)
		s = s[n:]
	}
	return b.String()
}

func TestUnquoteKeepsInvalid(t *testing.T) {
	for _, c := range []struct{ in, want, out string }{
		{`"a\ud800b"`, "a\xed\xa0\x80b", `"a\ud800b"`},
		{`"\udfff"`, "\xed\xbf\xbf", `"\udfff"`},
		{`"\ud83d\ude00"`, "\U0001F600", "\"\U0001F600\""},
		{`"\ud800\ud800"`, "\xed\xa0\x80\xed\xa0\x80", `"\ud800\ud800"`},
		{`"\ud800\u0041"`, "\xed\xa0\x80A", `"\ud800A"`},
		{"\"raw \xff\xfe é\"", "raw \xff\xfe é", "\"raw \xff\xfe é\""},
		{`"\u00e9\n"`, "é\n", `"é\n"`},
	} {
		got := unquote([]byte(c.in))
		if got != c.want {
			t.Errorf("unquote(%s) = %q, want %q", c.in, got, c.want)
		}
		if out := string(appendString(nil, got)); out != c.out {
			t.Errorf("appendString(%q) = %s, want %s", got, out, c.out)
		}
	}
}

// parseReference is Parse as it was written with encoding/json's Decoder,
// before jsontext: the reference FuzzParseAsBefore holds Parse to.
func parseReference(line []byte) (keys []string, vals []json.RawMessage, err error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, nil, fmt.Errorf("not a JSON object")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, nil, err
		}
		keys = append(keys, key)
		vals = append(vals, raw)
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, err
	}
	if dec.More() {
		return nil, nil, fmt.Errorf("data after the object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, fmt.Errorf("data after the object")
	}
	return keys, vals, nil
}

// FuzzParseAsBefore checks that Parse accepts what encoding/json accepted
// and finds the same names and values.
func FuzzParseAsBefore(f *testing.F) {
	for _, s := range []string{`{"id":1,"text":"x","z":[{}]}`, `{"a":"\ud800"}`, ` {"a" : [1, 2.5e3, true, null] , "b":{"c":"\u00e9"}} `,
		`{"a":1,"a":2}`, "{\"a\":\"\xff\"}", `{"\u0074ext":"t"}`, `{}`, `{"a":1} x`, `{"a":1}{"b":2}`, `[1]`, `{"a":01}`, `{"a":"\x01"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		keys, vals, refErr := parseReference(b)
		rec, err := Parse(b)
		var dup *DuplicateKeyError
		if errors.As(err, &dup) && refErr == nil {
			// A repeated key is an error where encoding/json takes the
			// last: at the top, encoding/json must have seen it twice too.
			seen := map[string]bool{}
			for _, k := range keys {
				if seen[k] && dup.Object == "" {
					return
				}
				seen[k] = true
			}
			if dup.Object != "" {
				return // in a nested object, which encoding/json keeps raw
			}
			t.Fatalf("Parse(%q): %v, but encoding/json reads keys %q", b, err, keys)
		}
		if (err == nil) != (refErr == nil) {
			t.Fatalf("Parse(%q): error %v, encoding/json: %v", b, err, refErr)
		}
		if err != nil {
			return
		}
		if len(rec.keys) != len(keys) {
			t.Fatalf("Parse(%q): %d fields, encoding/json %d", b, len(rec.keys), len(keys))
		}
		for i := range keys {
			if replaced(string(rec.keys[i])) != keys[i] && bytes.IndexByte(b, 0xED) < 0 || !bytes.Equal(rec.vals[i], vals[i]) {
				t.Fatalf("Parse(%q): field %d is %q: %s, encoding/json %q: %s", b, i, rec.keys[i], rec.vals[i], keys[i], vals[i])
			}
		}
	})
}
