package jsonl

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"testing"
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
		if got, ok := rec.String("s"); !ok || got != want {
			t.Fatalf("String of %q = %q %v, encoding/json gives %q", b, got, ok, want)
		}
	})
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
			if string(rec.keys[i]) != keys[i] || !bytes.Equal(rec.vals[i], vals[i]) {
				t.Fatalf("Parse(%q): field %d is %q: %s, encoding/json %q: %s", b, i, rec.keys[i], rec.vals[i], keys[i], vals[i])
			}
		}
	})
}
