package jsonstring

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzAppend holds Append to encoding/json's output, for strings and bytes.
func FuzzAppend(f *testing.F) {
	for _, s := range []string{
		"", "plain", "a \"quoted\" \\ line\nand\ttab\r\b\f\x00\x1f\x7f",
		"caf\u00e9 \u00a3 \u2018curly\u2019 \u2028 \u2029 end", "bad \xff\xfe utf-8 \xe2\x80",
		"exactly8", "sixteen bytes ok", "emoji \U0001F600 and \u200b", "<b>&amp;</b>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		w := bytes.TrimSuffix(want.Bytes(), []byte("\n"))
		if got := Append(nil, s); !bytes.Equal(got, w) {
			t.Fatalf("Append(%q) = %s, encoding/json writes %s", s, got, w)
		}
		if got := Append(nil, []byte(s)); !bytes.Equal(got, w) {
			t.Fatalf("Append([]byte(%q)) = %s, encoding/json writes %s", s, got, w)
		}
	})
}
