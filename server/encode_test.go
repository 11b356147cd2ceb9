package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/detect"
	"github.com/unmaskdev/unmask/restore"
)

// stdJSON is what encoding/json writes for v, as writeJSON does.
func stdJSON(t testing.TB, v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkEncoders compares Report.AppendJSON and appendClean with encoding/json on
// the report and restoration of text.
func checkEncoders(t testing.TB, text []byte) {
	rep := scan(text)
	if got, want := append(rep.AppendJSON(nil), '\n'), stdJSON(t, rep); !bytes.Equal(got, want) {
		t.Fatalf("Report.AppendJSON differs from encoding/json for %q:\n got %s\nwant %s", text, got, want)
	}
	out := restore.Apply(nil, text, rep.Findings)
	resp := cleanResponse{Text: string(out), Changed: 3, Report: rep}
	if !utf8.Valid(out) {
		resp.TextBase64 = string(appendBase64(out))
	}
	if got, want := appendClean(nil, out, 3, &rep), stdJSON(t, resp); !bytes.Equal(got, want) {
		t.Fatalf("appendClean differs from encoding/json for %q:\n got %s\nwant %s", text, got, want)
	}
}

func TestEncodersMatchEncodingJSON(t *testing.T) {
	article, _ := seed(t)
	for _, s := range []string{
		string(article),
		"plain",
		"w\u03bfrld \"quoted\" back\\slash <tag> & \b\f\n\r\t\x01\x1f\x7f \u2028\u2029",
		"caf\xe9 w\u03bfrld \xff\xfe \xed\xa0\x80",
		"\U0001d41b\U0001d428\U0001d425\U0001d41d aut\u200bomatic \U000e0068\U000e0069 \u202etxt.exe",
		"Z\u0351\u0352\u0353\u0354\u0355a\u0356\u0357\u0358\u0359lgo",
	} {
		checkEncoders(t, []byte(s))
	}
	// A report with no findings slice at all (encoding/json writes null).
	rep := detect.Report{Verdict: detect.Clean, Counts: map[detect.Kind]int{}}
	if got, want := append(rep.AppendJSON(nil), '\n'), stdJSON(t, rep); !bytes.Equal(got, want) {
		t.Fatalf("empty report: got %s want %s", got, want)
	}
}

func FuzzEncoders(f *testing.F) {
	f.Add([]byte("w\u03bfrld \xe9 \u2028 \"x\""))
	f.Add([]byte("\U000e0068\U000e0069\x00"))
	f.Fuzz(func(t *testing.T, text []byte) {
		checkEncoders(t, text)
	})
}

func appendBase64(b []byte) []byte {
	var buf bytes.Buffer
	json.NewEncoder(&buf).Encode(b) // []byte encodes as a base64 string
	return bytes.Trim(bytes.TrimSpace(buf.Bytes()), `"`)
}

func BenchmarkEncodeReport1MB(b *testing.B) {
	rep := scan(sized(b, 1<<20))
	b.Run("append", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rep.AppendJSON(make([]byte, 0, reportSize(&rep)))
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			writeJSON(discard{}, 200, rep)
		}
	})
}

type discard struct{}

func (discard) Header() http.Header         { return http.Header{} }
func (discard) Write(b []byte) (int, error) { return len(b), nil }
func (discard) WriteHeader(int)             {}
