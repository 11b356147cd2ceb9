package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/unmaskdev/unmask/index"
)

func TestParseByteSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		err  string
	}{
		{"1048576", 1 << 20, ""},
		{"10MiB", 10 << 20, ""},
		{"10 MB", 10 << 20, ""},
		{"512k", 512 << 10, ""},
		{"1GiB", 1 << 30, ""},
		{"7b", 7, ""},
		{"", 0, "not a size"},
		{"MiB", 0, "not a size"},
		{"-1", 0, "not a size"},
		{"10XB", 0, "unknown unit"},
		{"0", 0, "more than 0"},
		{"99999999999999999999", 0, "too large"},
		{"9999999999999GiB", 0, "too large"},
	} {
		got, err := parseByteSize(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("parseByteSize(%q) = %d, %v; want error with %q", tc.in, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("parseByteSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}

func FuzzParseByteSize(f *testing.F) {
	for _, s := range []string{"10MiB", "1", "512 k", "9999999999GiB", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parseByteSize(s)
		if err == nil && n <= 0 {
			t.Fatalf("parseByteSize(%q) = %d without error", s, n)
		}
	})
}

func TestServeFlagErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"serve", "extra"}, "takes no arguments"},
		{[]string{"serve", "--db", t.TempDir() + "/none"}, "--db"},
		{[]string{"serve", "--max-bytes", "lots"}, "not a size"},
		{[]string{"serve", "--addr", "256.0.0.1:99999"}, "serve"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(tc.args, nil, &stdout, &stderr); code != exitError || !strings.Contains(stderr.String(), tc.msg) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tc.args, code, stderr.String(), exitError, tc.msg)
		}
	}
}

// lineWriter hands each log line to the test as the server writes it.
type lineWriter struct{ lines chan string }

func (w lineWriter) Write(p []byte) (int, error) {
	for _, l := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		w.lines <- l
	}
	return len(p), nil
}

// The command serves, logs JSON and stops cleanly on a real SIGTERM.
func TestServeRunsAndStopsOnSignal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "idx")
	ix, err := index.Open(db, &index.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	original := strings.Repeat("The quick brown fox jumps over the lazy dog near the river bank today. ", 3)
	if _, err := ix.Add([]index.Doc{{ID: "fox", Text: original}, {ID: "other", Text: strings.Repeat("Markets fell sharply as investors weighed new rate data. ", 3)}}); err != nil {
		t.Fatal(err)
	}
	ix.Close()

	stderr := lineWriter{make(chan string, 100)}
	exited := make(chan int, 1)
	go func() {
		exited <- run([]string{"serve", "--addr", "127.0.0.1:0", "--max-bytes", "1KiB", "--db", db, "--allow-host", "unmask.example, .corp.example"}, nil, io.Discard, stderr)
	}()
	var start struct{ Msg, Addr, URL string }
	var log []string
	for start.Msg != "listening" {
		select {
		case l := <-stderr.lines:
			log = append(log, l)
			if err := json.Unmarshal([]byte(l), &start); err != nil {
				t.Fatalf("log line %q: %v", l, err)
			}
		case code := <-exited:
			t.Fatalf("serve exited %d before listening", code)
		case <-time.After(10 * time.Second):
			t.Fatal("serve did not start")
		}
	}
	// A disguised copy is traced to its original through --db.
	disguised := strings.NewReplacer("o", "\u03bf", "a", "\u0430").Replace(original)
	resp, err := http.Post(start.URL+"v1/trace", "text/plain", strings.NewReader(disguised))
	if err != nil {
		t.Fatal(err)
	}
	var tr struct{ Matches []struct{ ID string } }
	json.NewDecoder(resp.Body).Decode(&tr)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(tr.Matches) == 0 || tr.Matches[0].ID != "fox" {
		t.Fatalf("trace through --db: status %d, matches %+v", resp.StatusCode, tr.Matches)
	}
	resp, err = http.Get(start.URL + "healthz")
	if err != nil {
		t.Fatal(err)
	}
	var h struct {
		Status   string
		Index    bool
		MaxBytes int64 `json:"max_bytes"`
	}
	json.NewDecoder(resp.Body).Decode(&h)
	resp.Body.Close()
	if h.Status != "ok" || h.MaxBytes != 1024 || !h.Index {
		t.Fatalf("healthz %+v", h)
	}
	resp, err = http.Post(start.URL+"v1/scan", "text/plain", strings.NewReader(strings.Repeat("x", 1025)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("body over --max-bytes: status %d", resp.StatusCode)
	}
	// Host names: those of --allow-host are answered, others get 421.
	for host, want := range map[string]int{"unmask.example": 200, "a.corp.example:8080": 200, "localhost": 200, "evil.example": 421} {
		req, _ := http.NewRequest("GET", start.URL+"healthz", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: status %d, want %d", host, resp.StatusCode, want)
		}
	}

	// The signal goes to this process; serve's handler has it by now.
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-exited:
		if code != exitClean {
			t.Fatalf("exit %d after SIGTERM", code)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop on SIGTERM")
	}
	for len(stderr.lines) > 0 {
		log = append(log, <-stderr.lines)
	}
	all := strings.Join(log, "\n")
	for _, want := range []string{`"msg":"index loaded"`, `"msg":"request"`, `"route":"GET /healthz"`, `"status":413`, `"msg":"shutting down"`, `"msg":"stopped"`} {
		if !strings.Contains(all, want) {
			t.Errorf("log lacks %s:\n%s", want, all)
		}
	}
	sc := bufio.NewScanner(strings.NewReader(all))
	for sc.Scan() {
		if !json.Valid(sc.Bytes()) {
			t.Errorf("log line is not JSON: %s", sc.Text())
		}
	}
}
