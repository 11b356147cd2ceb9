package server

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/unmaskdev/unmask/detect"
	"github.com/unmaskdev/unmask/index"
	"github.com/unmaskdev/unmask/internal/newssample"
	"github.com/unmaskdev/unmask/jsonl"
	"github.com/unmaskdev/unmask/restore"
)

func seed(t testing.TB) (article, restored []byte) {
	t.Helper()
	a, err := os.ReadFile("../testdata/seed/scraped-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	r, err := os.ReadFile("../testdata/seed/scraped-article.restored.txt")
	if err != nil {
		t.Fatal(err)
	}
	return a, r
}

// call sends one request to h and returns the recorded response.
func call(t testing.TB, h http.Handler, method, path, ctype string, body []byte, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	req.Host = "localhost" // httptest's example.com is not a Host the server answers
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func decode[T any](t testing.TB, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type %q, want JSON; body %s", ct, w.Body)
	}
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, w.Body)
	}
	return v
}

func jsonBody(t testing.TB, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestScanSeedJSONAndText(t *testing.T) {
	article, _ := seed(t)
	h := New(Options{}).Handler()
	for _, tc := range []struct {
		name, ctype string
		body        []byte
	}{
		{"json", "application/json", jsonBody(t, map[string]string{"text": string(article)})},
		{"text/plain", "text/plain; charset=utf-8", article},
		{"no content type", "", article},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := call(t, h, "POST", "/v1/scan", tc.ctype, tc.body)
			if w.Code != 200 {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			rep := decode[detect.Report](t, w)
			want := detect.Scan(article)
			if rep.Verdict != detect.Disguised || len(rep.Findings) != 188 || len(rep.Findings) != len(want.Findings) {
				t.Fatalf("verdict %s, %d findings; want disguised, 188", rep.Verdict, len(rep.Findings))
			}
			for i, f := range rep.Findings {
				if got, want := jsonBody(t, f), jsonBody(t, want.Findings[i]); !bytes.Equal(got, want) {
					t.Fatalf("finding %d = %s, want %s", i, got, want)
				}
				if got := string(article[f.Offset : f.Offset+f.Len]); got != f.Char {
					t.Fatalf("finding %d: bytes at offset %d are %q, char %q", i, f.Offset, got, f.Char)
				}
			}
		})
	}
}

// TestBuffersReused: answers reuse buffers from request to request, in
// parallel; no answer may carry another request's findings or text.
func TestBuffersReused(t *testing.T) {
	article, restored := seed(t)
	h := New(Options{}).Handler()
	wantScan := call(t, h, "POST", "/v1/scan", "text/plain", article).Body.String()
	wantClean := call(t, h, "POST", "/v1/clean", "text/plain", article).Body.String()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				if got := call(t, h, "POST", "/v1/scan", "text/plain", article).Body.String(); got != wantScan {
					t.Errorf("scan %d of the seed differs from the first", i)
					return
				}
				if got := call(t, h, "POST", "/v1/clean", "text/plain", article, "Accept", "text/plain").Body.Bytes(); !bytes.Equal(got, restored) {
					t.Errorf("clean %d of the seed is not the restored text", i)
					return
				}
				if got := call(t, h, "POST", "/v1/clean", "text/plain", article).Body.String(); got != wantClean {
					t.Errorf("clean %d of the seed differs from the first", i)
					return
				}
				w := call(t, h, "POST", "/v1/scan", "text/plain", []byte("plain words"))
				if !strings.Contains(w.Body.String(), `"findings":[]`) {
					t.Errorf("a clean text after the seed: %s", w.Body)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestScanCleanTextHasEmptyFindings(t *testing.T) {
	w := call(t, New(Options{}).Handler(), "POST", "/v1/scan", "text/plain", []byte("plain words"))
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"findings":[]`) || !strings.Contains(w.Body.String(), `"verdict":"clean"`) {
		t.Fatalf("status %d body %s; want clean with findings []", w.Code, w.Body)
	}
}

func TestCleanSeed(t *testing.T) {
	article, restored := seed(t)
	h := New(Options{}).Handler()
	w := call(t, h, "POST", "/v1/clean", "application/json", jsonBody(t, map[string]string{"text": string(article)}))
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	resp := decode[cleanResponse](t, w)
	if resp.Text != string(restored) {
		t.Errorf("restored text differs from scraped-article.restored.txt")
	}
	if resp.Changed != 188 || len(resp.Report.Findings) != 188 || resp.TextBase64 != "" {
		t.Errorf("changed %d, %d findings, text_base64 %q; want 188, 188, none", resp.Changed, len(resp.Report.Findings), resp.TextBase64)
	}

	w = call(t, h, "POST", "/v1/clean", "text/plain", article, "Accept", "text/plain")
	if w.Code != 200 || !bytes.Equal(w.Body.Bytes(), restored) {
		t.Fatalf("Accept: text/plain: status %d, body equal %v", w.Code, bytes.Equal(w.Body.Bytes(), restored))
	}
	if w.Header().Get("Unmask-Changed") != "188" || w.Header().Get("Unmask-Verdict") != "disguised" {
		t.Errorf("headers %v", w.Header())
	}
}

// More than one chunk: the API must restore exactly as restore.Bytes and
// unmask clean do, with offsets counted from the start of the whole text.
func TestCleanLargeAgreesWithRestore(t *testing.T) {
	article, _ := seed(t)
	big := bytes.Repeat(append(article, '\n'), detect.ChunkSize/len(article)+10)
	if len(big) <= detect.ChunkSize {
		t.Fatalf("test text only %d bytes", len(big))
	}
	w := call(t, New(Options{}).Handler(), "POST", "/v1/clean", "text/plain", big)
	resp := decode[cleanResponse](t, w)
	if want := restore.Bytes(big); resp.Text != string(want) {
		t.Fatalf("/v1/clean of %d bytes differs from restore.Bytes", len(big))
	}
	var sumFindings int
	detect.ScanReader(bytes.NewReader(big), func(detect.Finding) { sumFindings++ })
	if len(resp.Report.Findings) != sumFindings || resp.Changed != sumFindings {
		t.Fatalf("%d findings (changed %d), ScanReader finds %d", len(resp.Report.Findings), resp.Changed, sumFindings)
	}
	lines := bytes.Split(big, []byte("\n"))
	for _, f := range resp.Report.Findings {
		if string(big[f.Offset:f.Offset+f.Len]) != f.Char {
			t.Fatalf("offset %d: %q, char %q", f.Offset, big[f.Offset:f.Offset+f.Len], f.Char)
		}
		if !bytes.Contains(lines[f.Line-1], []byte(f.Char)) {
			t.Fatalf("line %d does not hold %q", f.Line, f.Char)
		}
	}
}

// Invalid UTF-8 in a text/plain body is reported, and kept by clean.
func TestInvalidUTF8Kept(t *testing.T) {
	in := []byte("caf\xe9 w\u03bfrld \xff")
	h := New(Options{}).Handler()
	rep := decode[detect.Report](t, call(t, h, "POST", "/v1/scan", "text/plain", in))
	var bad []detect.Finding
	for _, f := range rep.Findings {
		if f.Kind == detect.BadUTF8 {
			bad = append(bad, f)
		}
	}
	if len(bad) != 2 || bad[0].Offset != 3 || bad[0].Code != "0xE9" || bad[1].Code != "0xFF" || bad[0].Action != detect.Keep {
		t.Fatalf("invalid bytes reported as %+v", bad)
	}
	resp := decode[cleanResponse](t, call(t, h, "POST", "/v1/clean", "text/plain", in))
	got, err := base64.StdEncoding.DecodeString(resp.TextBase64)
	if err != nil {
		t.Fatal(err)
	}
	if want := "caf\xe9 world \xff"; string(got) != want {
		t.Fatalf("text_base64 = %q, want %q", got, want)
	}
	if resp.Text != "caf\ufffd world \ufffd" {
		t.Fatalf("text = %q", resp.Text)
	}
	raw := call(t, h, "POST", "/v1/clean", "text/plain", in, "Accept", "text/plain")
	if raw.Body.String() != "caf\xe9 world \xff" {
		t.Fatalf("Accept: text/plain body %q", raw.Body)
	}
}

func TestErrors(t *testing.T) {
	h := New(Options{MaxBytes: 1000}).Handler()
	big := bytes.Repeat([]byte("a"), 1001)
	for _, tc := range []struct {
		name, method, path, ctype string
		body                      []byte
		chunked                   bool // no Content-Length: the limit must hold while reading
		status                    int
		msg                       string // in the error message
	}{
		{"too large", "POST", "/v1/scan", "text/plain", big, false, 413, "larger than the 1000 bytes limit"},
		{"too large chunked", "POST", "/v1/scan", "text/plain", big, true, 413, "--max-bytes"},
		{"too large json", "POST", "/v1/clean", "application/json", jsonBody(t, map[string]string{"text": string(big)}), false, 413, "--max-bytes"},
		{"exactly the limit", "POST", "/v1/scan", "text/plain", big[:1000], false, 200, ""},
		{"bad json", "POST", "/v1/scan", "application/json", []byte(`{"text": "abc`), false, 400, "ends too early"},
		{"bad json syntax", "POST", "/v1/scan", "application/json", []byte(`{"text": 'abc'}`), false, 400, "malformed JSON at byte"},
		{"json array", "POST", "/v1/scan", "application/json", []byte(`["abc"]`), false, 400, "must be a JSON object"},
		{"wrong type", "POST", "/v1/scan", "application/json", []byte(`{"text": 5}`), false, 400, `field "text" must be a string`},
		{"unknown field", "POST", "/v1/scan", "application/json", []byte(`{"txt": "abc"}`), false, 400, `unknown field "txt"`},
		{"trailing data", "POST", "/v1/scan", "application/json", []byte(`{"text": "a"} {}`), false, 400, "data after the JSON object"},
		{"missing text", "POST", "/v1/clean", "application/json", []byte(`{}`), false, 400, `"text" is missing`},
		{"empty text", "POST", "/v1/scan", "application/json", []byte(`{"text": ""}`), false, 400, "empty"},
		{"empty json body", "POST", "/v1/scan", "application/json", nil, false, 400, "body is empty"},
		{"empty text body", "POST", "/v1/scan", "text/plain", nil, false, 400, "body is empty"},
		{"json not utf-8", "POST", "/v1/scan", "application/json", []byte("{\"text\": \"caf\xe9\"}"), false, 200, ""}, // reported: request_test.go
		{"form", "POST", "/v1/scan", "application/x-www-form-urlencoded", []byte("text=abc"), false, 415, "text/plain"},
		{"latin1", "POST", "/v1/scan", "text/plain; charset=iso-8859-1", []byte("abc"), false, 415, "convert the text to UTF-8"},
		{"confusable text/plain", "POST", "/v1/confusable", "text/plain", []byte("a b"), false, 415, "application/json"},
		{"confusable missing b", "POST", "/v1/confusable", "application/json", []byte(`{"a": "x"}`), false, 400, `"a" and "b"`},
		{"bad direction", "POST", "/v1/skeleton", "application/json", []byte(`{"text": "x", "direction": "up"}`), false, 400, `"ltr" or "rtl"`},
		{"get scan", "GET", "/v1/scan", "", nil, false, 405, "use POST"},
		{"put clean", "PUT", "/v1/clean", "text/plain", []byte("x"), false, 405, "use POST"},
		{"post healthz", "POST", "/healthz", "", nil, false, 405, "use GET, HEAD"},
		{"no route", "GET", "/v2/scan", "", nil, false, 404, "/openapi.json"},
		{"no trace index", "POST", "/v1/trace", "application/json", []byte(`{"text": "x"}`), false, 501, "no index loaded (start with --db DIR)"},
		{"static dir", "GET", "/static/", "", nil, false, 404, "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.path, bytes.NewReader(tc.body))
			req.Host = "localhost" // httptest's example.com is not a Host the server answers
			if tc.chunked {
				req.ContentLength = -1
				req.Body = io.NopCloser(bytes.NewReader(tc.body))
			}
			if tc.ctype != "" {
				req.Header.Set("Content-Type", tc.ctype)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body)
			}
			if tc.status == 200 {
				return
			}
			e := decode[apiError](t, w)
			if e.Status != tc.status || !strings.Contains(e.Message, tc.msg) {
				t.Fatalf("error %+v, want status %d and a message with %q", e, tc.status, tc.msg)
			}
			if tc.status == 405 && w.Header().Get("Allow") == "" {
				t.Fatal("405 without an Allow header")
			}
		})
	}
}

func TestSkeletonConfusable(t *testing.T) {
	h := New(Options{}).Handler()
	sk := decode[skeletonResponse](t, call(t, h, "POST", "/v1/skeleton", "application/json", []byte(`{"text": "p\u0430yp\u0430l"}`)))
	if sk.Skeleton != "paypal" || sk.ResolvedScripts != "∅" {
		t.Errorf("skeleton of Cyrillic-a paypal: %+v", sk)
	}
	plain := decode[skeletonResponse](t, call(t, h, "POST", "/v1/skeleton", "text/plain", []byte("paypal")))
	if plain.Skeleton != "paypal" || plain.ResolvedScripts != "Latn" || plain.RestrictionLevel != "ASCII-Only" {
		t.Errorf("skeleton of paypal: %+v", plain)
	}
	for _, tc := range []struct {
		a, b, dir string
		conf      bool
		kind      string
	}{
		{"paypal", "p\u0430yp\u0430l", "", true, "mixed-script"},
		{"scope", "\u0455\u0441\u043e\u0440\u0435", "", true, "whole-script"},
		{"paypal", "google", "", false, "not confusable"},
		{"paypal", "p\u0430yp\u0430l", "ltr", true, "mixed-script"},
	} {
		body := jsonBody(t, map[string]string{"a": tc.a, "b": tc.b, "direction": tc.dir})
		r := decode[confusableResponse](t, call(t, h, "POST", "/v1/confusable", "application/json", body))
		if r.Confusable != tc.conf || r.Kind != tc.kind || r.Direction != tc.dir {
			t.Errorf("%q vs %q: %+v, want confusable %v kind %q", tc.a, tc.b, r, tc.conf, tc.kind)
		}
	}
}

// newsIndex builds an index of the news sample in a temporary directory.
func newsIndex(t testing.TB) (*index.Index, []index.Doc) {
	return newssample.Index(t, "../testdata/news-sample.jsonl")
}

func TestTrace(t *testing.T) {
	ix, docs := newsIndex(t)
	h := New(Options{Tracer: ix}).Handler()
	doc := docs[7]
	// a disguised copy: Cyrillic о and а for Latin o and a
	copyText := strings.NewReplacer("o", "\u043e", "a", "\u0430").Replace(doc.Text)
	w := call(t, h, "POST", "/v1/trace", "application/json", jsonBody(t, map[string]any{"text": copyText, "limit": 3}))
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	res := decode[index.Result](t, w)
	if len(res.Matches) == 0 || res.Matches[0].ID != doc.ID || len(res.Matches) > 3 {
		t.Fatalf("matches %+v, want %s first and at most 3", res.Matches, doc.ID)
	}
	w = call(t, h, "POST", "/v1/trace?limit=1", "text/plain", []byte(copyText))
	if res := decode[index.Result](t, w); len(res.Matches) != 1 || res.Matches[0].ID != doc.ID {
		t.Fatalf("text/plain with ?limit=1: %+v", res.Matches)
	}
	w = call(t, h, "POST", "/v1/trace", "text/plain", []byte("nothing like any article"))
	if !strings.Contains(w.Body.String(), `"matches":[]`) {
		t.Fatalf("no match: %s", w.Body)
	}
	w = call(t, h, "POST", "/v1/trace", "application/json", []byte(`{"text": "x", "limit": 1000}`))
	if w.Code != 400 {
		t.Fatalf("limit 1000: status %d", w.Code)
	}
	hz := decode[health](t, call(t, h, "GET", "/healthz", "", nil))
	if !hz.Index {
		t.Fatal("/healthz does not say the index is loaded")
	}
}

func TestHealthPageStatic(t *testing.T) {
	h := New(Options{Version: "test"}).Handler()
	hz := decode[health](t, call(t, h, "GET", "/healthz", "", nil))
	if hz.Status != "ok" || hz.Index || hz.MaxBytes != DefaultMaxBytes || hz.Version != "test" {
		t.Errorf("healthz %+v", hz)
	}
	w := call(t, h, "GET", "/", "", nil)
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") ||
		!strings.Contains(w.Body.String(), `<script src="/static/app.js"`) || !strings.Contains(w.Header().Get("Content-Security-Policy"), "default-src 'self'") {
		t.Errorf("page: %d %v", w.Code, w.Header())
	}
	for file, ctype := range map[string]string{"app.js": "javascript", "style.css": "text/css", "favicon.svg": "image/svg+xml"} {
		w := call(t, h, "GET", "/static/"+file, "", nil)
		if w.Code != 200 || !strings.Contains(w.Header().Get("Content-Type"), ctype) || w.Body.Len() == 0 {
			t.Errorf("/static/%s: %d %q", file, w.Code, w.Header().Get("Content-Type"))
		}
	}
	if w := call(t, h, "HEAD", "/healthz", "", nil); w.Code != 200 {
		t.Errorf("HEAD /healthz: %d", w.Code)
	}
}

func TestMetricsAndAccessLog(t *testing.T) {
	article, _ := seed(t)
	var logBuf bytes.Buffer
	s := New(Options{Logger: slog.New(slog.NewJSONHandler(&logBuf, nil))})
	h := s.Handler()
	call(t, h, "POST", "/v1/scan", "text/plain", article)
	call(t, h, "POST", "/v1/scan", "application/json", []byte("{"))
	m := call(t, h, "GET", "/metrics", "", nil).Body.String()
	for _, want := range []string{
		`unmask_findings_total{kind="lookalike"} 188`,
		`unmask_http_requests_total{code="200",route="POST /v1/scan"} 1`,
		`unmask_http_requests_total{code="400",route="POST /v1/scan"} 1`,
		`unmask_http_request_duration_seconds_count{route="POST /v1/scan"} 2`,
		`unmask_scanned_bytes_total 6236`,
		`go_goroutines`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	lines := strings.Split(strings.TrimSpace(logBuf.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d access log lines, want 3:\n%s", len(lines), logBuf.String())
	}
	var rec struct {
		Msg, Method, Path, Route string
		Status                   int
		BytesIn                  int64 `json:"bytes_in"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	if rec.Msg != "request" || rec.Method != "POST" || rec.Route != "POST /v1/scan" || rec.Status != 200 || rec.BytesIn != int64(len(article)) {
		t.Errorf("log line %s", lines[0])
	}
}

// Serve must let a request in flight finish after its context is done, and
// refuse new connections.
func TestGracefulShutdown(t *testing.T) {
	article, restored := seed(t)
	s := New(Options{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()

	// A request whose body arrives in two parts, with shutdown in between.
	pr, pw := io.Pipe()
	req, _ := http.NewRequest("POST", "http://"+addr+"/v1/clean", pr)
	req.Header.Set("Content-Type", "text/plain")
	req.Header.Set("Accept", "text/plain")
	type result struct {
		body []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			done <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		done <- result{b, err}
	}()
	half := len(article) / 2
	if _, err := pw.Write(article[:half]); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); testutil.ToFloat64(s.metrics.inFlight) != 1; {
		if time.Now().After(deadline) {
			t.Fatal("the request never reached the handler")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	// Shutdown closes the listener first: wait until new connections fail.
	for deadline := time.Now().Add(5 * time.Second); ; {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("still accepting connections after shutdown began")
		}
		time.Sleep(5 * time.Millisecond)
	}
	select {
	case err := <-served:
		t.Fatalf("Serve returned (%v) with a request in flight", err)
	default:
	}
	pw.Write(article[half:])
	pw.Close()
	r := <-done
	if r.err != nil || !bytes.Equal(r.body, restored) {
		t.Fatalf("request in flight: err %v, restored %v", r.err, bytes.Equal(r.body, restored))
	}
	select {
	case err := <-served:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after the last request")
	}
}

// The request bodies a client can send must never crash the server or lose
// a byte: every answer is JSON, and each finding points at its bytes.
func FuzzRequests(f *testing.F) {
	article, _ := seed(f)
	f.Add(true, []byte(`{"text": "w\u03bfrld"}`))
	f.Add(false, []byte("caf\xe9 \U0001d41b\U0001d428\U0001d425\U0001d41d \U000e0068\U000e0069"))
	f.Add(false, article[:600])
	f.Add(true, []byte(`{"text": 5}`))
	f.Add(true, []byte(`{"text": "\ud800"}`))
	h := New(Options{MaxBytes: 1 << 16}).Handler()
	f.Fuzz(func(t *testing.T, asJSON bool, body []byte) {
		ctype := "text/plain"
		if asJSON {
			ctype = "application/json"
		}
		w := call(t, h, "POST", "/v1/clean", ctype, body)
		if w.Code != 200 {
			e := decode[apiError](t, w)
			if e.Status != w.Code || e.Message == "" || w.Code != 400 && w.Code != 413 {
				t.Fatalf("status %d, error %+v", w.Code, e)
			}
			return
		}
		resp := decode[cleanResponse](t, w)
		text := body
		if asJSON {
			var req struct {
				Text string `json:"text"`
			}
			jsonl.Unmarshal(body, &req) // as the server reads it
			text = []byte(req.Text)
		}
		for _, f := range resp.Report.Findings {
			if f.Offset < 0 || f.Offset+f.Len > len(text) {
				t.Fatalf("finding %+v out of range of %d bytes", f, len(text))
			}
			if at := text[f.Offset : f.Offset+f.Len]; utf8.Valid(at) && string(at) != f.Char {
				t.Fatalf("finding %+v does not point at its bytes in %q", f, text)
			}
		}
		out := []byte(resp.Text)
		if resp.TextBase64 != "" {
			out, _ = base64.StdEncoding.DecodeString(resp.TextBase64)
		}
		if want := restore.Bytes(text); !bytes.Equal(out, want) {
			t.Fatalf("restored %q, restore.Bytes %q", out, want)
		}
	})
}

// A large text waits while every heavy slot is taken; small ones do not.
func TestHeavySlots(t *testing.T) {
	s := New(Options{HeavyBytes: 100, HeavySlots: 1})
	release, ok := s.admit(context.Background(), 101) // take the only slot
	if !ok {
		t.Fatal("first large text not admitted")
	}
	done := make(chan int, 1)
	go func() {
		done <- call(t, s.Handler(), "POST", "/v1/scan", "text/plain", bytes.Repeat([]byte("w\u03bfrld "), 20)).Code
	}()
	if w := call(t, s.Handler(), "POST", "/v1/scan", "text/plain", []byte("small w\u03bfrld")); w.Code != 200 {
		t.Fatalf("small text: %d", w.Code)
	}
	for deadline := time.Now().Add(5 * time.Second); testutil.ToFloat64(s.metrics.heavyWaiting) != 1; {
		if time.Now().After(deadline) {
			t.Fatal("the second large text is not waiting")
		}
		time.Sleep(time.Millisecond)
	}
	select {
	case code := <-done:
		t.Fatalf("large text answered %d while the slot was taken", code)
	default:
	}
	release()
	if code := <-done; code != 200 {
		t.Fatalf("large text after release: %d", code)
	}

	// A client that leaves while waiting frees its place in the queue.
	release, _ = s.admit(context.Background(), 101)
	defer release()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, ok := s.admit(ctx, 101); ok {
		t.Fatal("admitted with a canceled context while the slot was taken")
	}
}
