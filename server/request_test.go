package server

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/detect"
	"github.com/unmaskdev/unmask/jsonl"
)

// Issue 17, 1: the API read the last of two equal keys and the CLI the
// first, so one of them let a disguise through. A repeated key is now a
// 400 naming it, on every JSON endpoint.
func TestRepeatedKey(t *testing.T) {
	h := New(Options{}).Handler()
	for _, c := range []struct{ path, body, key string }{
		{"/v1/scan", `{"text":"clean","text":"h\u03bfme"}`, `"text"`},
		{"/v1/clean", `{"text":"h\u03bfme","t\u0065xt":"clean"}`, `"text"`},
		{"/v1/skeleton", `{"text":"a","direction":"ltr","direction":"rtl"}`, `"direction"`},
		{"/v1/confusable", `{"a":"x","b":"y","a":"z"}`, `"a"`},
	} {
		w := call(t, h, "POST", c.path, "application/json", []byte(c.body))
		e := decode[apiError](t, w)
		if w.Code != 400 || !strings.Contains(e.Message, "field "+c.key+" appears more than once") {
			t.Errorf("%s %s: %d %q", c.path, c.body, w.Code, e.Message)
		}
	}
	// Names are matched exactly: "TEXT" is not read as "text" (encoding/json
	// read it so, and took the later of the two).
	w := call(t, h, "POST", "/v1/scan", "application/json", []byte(`{"text":"clean","TEXT":"h\u03bfme"}`))
	if e := decode[apiError](t, w); w.Code != 400 || !strings.Contains(e.Message, `unknown field "TEXT"`) {
		t.Errorf("TEXT: %d %q", w.Code, e.Message)
	}
}

// Issue 17, 2: a lone surrogate sent to the API became U+FFFD and the
// verdict was clean. It is kept, reported as invalid-utf8 findings and the
// verdict is at least suspicious; so are raw invalid bytes in a JSON string
// (refused before), as the CLI reads JSON Lines.
func TestInvalidInJSONString(t *testing.T) {
	h := New(Options{}).Handler()
	for _, c := range []struct {
		body    string
		invalid int
		offset  int
	}{
		{`{"text":"clean \ud800 text"}`, 3, 6},
		{`{"text":"clean \udc00"}`, 3, 6},
		{"{\"text\": \"caf\xe9\"}", 1, 3},
		{`{"text":"smile \ud83d\ude00"}`, 0, 0},
	} {
		w := call(t, h, "POST", "/v1/scan", "application/json", []byte(c.body))
		rep := decode[detect.Report](t, w)
		if w.Code != 200 || rep.Counts[detect.BadUTF8] != c.invalid || c.invalid > 0 && (rep.Verdict == detect.Clean || rep.Findings[0].Offset != c.offset) {
			t.Errorf("%s: %d %+v", c.body, w.Code, rep)
		}
	}
}

// The messages of decodeJSON's errors say what is wrong and where.
func TestDecodeMessages(t *testing.T) {
	for _, c := range []struct{ body, msg string }{
		{`{"text":"x","direction":5}`, `field "direction" must be a string, not a JSON number`},
		{`{"text":["x"]}`, `field "text" must be a string, not a JSON array`},
		{`{"text":"x","direction":"ltr","extra":{}}`, `unknown field "extra"`},
		{`{"text":"x",}`, `malformed JSON at byte`},
		{`{"text":"x"`, `the JSON ends too early`},
		{`"x"`, `the body must be a JSON object, not a JSON string`},
		{` null `, `the body must be a JSON object, not a JSON null`},
		{`{"direction":"ltr","text":"x","direction":"rtl"}`, `field "direction" appears more than once`},
	} {
		var req skeletonRequest
		aerr := decodeJSON([]byte(c.body), &req, "EXAMPLE")
		if aerr == nil || aerr.Status != 400 || !strings.Contains(aerr.Message, c.msg) || !strings.HasSuffix(aerr.Message, "; send EXAMPLE") {
			t.Errorf("%s: %v, want %q", c.body, aerr, c.msg)
		}
	}
	var tr traceRequest
	if aerr := decodeJSON([]byte(`{"text":"x","limit":1.5}`), &tr, "EXAMPLE"); aerr == nil || !strings.Contains(aerr.Message, `field "limit" must be a whole number, not 1.5`) {
		t.Errorf("limit 1.5: %v", aerr)
	}
}

// FuzzDecodeReaders holds the readers of JSON to each other: the API's
// request decoding, the JSON Lines record reader and encoding/json, where
// they are comparable. Each body is a request of /v1/scan.
func FuzzDecodeReaders(f *testing.F) {
	for _, s := range []string{`{"text":"a"}`, `{"text":"clean","text":"h\u03bfme"}`, `{"text":"\ud800"}`, "{\"text\":\"\xff\"}",
		`{"text":null}`, `{"Text":"x"}`, `{"text":"\ud83d\ude00\u00e9"}`, `{"text":"a"} {}`, `{"text":5}`, `{"text":"x","meta":1}`,
		`{"t\u0065xt":"a"}`, ` {"text" : "a\nb" } `, `[]`, `{"text":"\\\"\/"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var req textRequest
		aerr := decodeJSON(body, &req, textExample)
		rec, perr := jsonl.Parse(body)
		// A body the record reader refuses (bad syntax, a repeated key)
		// the API refuses too.
		if perr != nil {
			if aerr == nil {
				t.Fatalf("%q: API accepts, jsonl.Parse: %v", body, perr)
			}
			return
		}
		onlyText := len(rec.Raw("text")) > 0 && bytes.Equal(rec.AppendTo(nil), []byte(`{"text":`+string(rec.Raw("text"))+`}`))
		text, isString := rec.String("text")
		if !onlyText {
			return // other fields: the API refuses them, the record reader keeps them
		}
		raw := rec.Raw("text")
		switch {
		case isString && aerr != nil:
			t.Fatalf("%q: API refuses (%v), jsonl reads %q", body, aerr, text)
		case isString && *req.Text != text:
			t.Fatalf("%q: API reads %q, jsonl %q", body, *req.Text, text)
		case !isString && string(raw) != "null" && aerr == nil:
			t.Fatalf("%q: API accepts a text of %s", body, raw)
		}
		// encoding/json reads the same where the text is valid; where it
		// is not, it has U+FFFD and the two others keep what was there.
		var ej struct {
			Text *string `json:"text"`
		}
		if err := json.Unmarshal(body, &ej); err != nil || !isString {
			if isString {
				t.Fatalf("%q: encoding/json fails (%v), jsonl reads %q", body, err, text)
			}
			return
		}
		if utf8.ValidString(text) != !strings.ContainsRune(*ej.Text, utf8.RuneError) && !strings.ContainsRune(text, utf8.RuneError) {
			t.Fatalf("%q: encoding/json %q, jsonl %q", body, *ej.Text, text)
		}
		if utf8.ValidString(text) && *ej.Text != text {
			t.Fatalf("%q: encoding/json %q, jsonl %q", body, *ej.Text, text)
		}
	})
}
