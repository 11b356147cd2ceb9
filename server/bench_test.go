package server

import (
	"bytes"
	"net/http/httptest"
	"testing"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/detect"
)

// sized repeats the seed article (188 disguised letters in 6 KB) to n bytes.
func sized(tb testing.TB, n int) []byte {
	article, _ := seed(tb)
	b := bytes.Repeat(article, n/len(article)+1)[:n]
	for len(b) > 0 && !utf8.Valid(b) { // do not cut a letter in two
		b = b[:len(b)-1]
	}
	return b
}

func benchHandler(b *testing.B, path string, n int) {
	body := sized(b, n)
	h := New(Options{}).Handler()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("POST", path, bytes.NewReader(body))
		req.Host = "localhost" // httptest's example.com is not a Host the server answers
		req.Header.Set("Content-Type", "text/plain")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatal(w.Code, w.Body)
		}
	}
}

func BenchmarkScan10KB(b *testing.B)  { benchHandler(b, "/v1/scan", 10<<10) }
func BenchmarkScan1MB(b *testing.B)   { benchHandler(b, "/v1/scan", 1<<20) }
func BenchmarkClean10KB(b *testing.B) { benchHandler(b, "/v1/clean", 10<<10) }
func BenchmarkClean1MB(b *testing.B)  { benchHandler(b, "/v1/clean", 1<<20) }

// The scan alone, to tell it from the HTTP and JSON work.
func benchDetect(b *testing.B, n int) {
	body := sized(b, n)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	var buf []detect.Finding // as the handlers do (see buffers)
	for b.Loop() {
		buf = scanInto(buf, body).Findings
	}
}

func BenchmarkDetect10KB(b *testing.B) { benchDetect(b, 10<<10) }
func BenchmarkDetect1MB(b *testing.B)  { benchDetect(b, 1<<20) }
