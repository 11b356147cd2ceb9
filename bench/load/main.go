// Command load is a load test of `unmask serve` on the loopback interface.
//
// It starts the server (building cmd/unmask unless -bin or -addr is given),
// runs many concurrent clients that post small (10 KB) and large (1 MB)
// documents to /v1/scan and /v1/clean, alternating, and reports requests per
// second, latency percentiles for each size, errors, and the server's
// resident memory before, during and after. Each client sends one size
// only: -clients send small documents and -big-clients large ones, each
// client sending its next request when the last is answered, so the load of
// small documents stays the same however slow the large ones are. It stops
// by itself after -duration or -requests, whichever comes first, and it
// only ever connects to loopback addresses.
//
//	go run ./bench/load                          # 30 s, 16 small clients, 2 large
//	go run ./bench/load -duration 10s -clients 8 -json
//	go run ./bench/load -addr 127.0.0.1:8080 -pid $(pgrep -n unmask)   # a server you started
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

type config struct {
	bin, addr, serveArgs string
	pid                  int
	duration, warmup     time.Duration
	requests, clients    int
	bigClients           int
	smallSize, bigSize   int
	textFile             string
	jsonOut              bool
	smallP99Target       time.Duration
}

func main() {
	var c config
	flag.StringVar(&c.bin, "bin", "", "unmask binary to start (default: go build ./cmd/unmask into a temporary directory)")
	flag.StringVar(&c.addr, "addr", "", "load a server already running at this loopback host:port instead of starting one")
	flag.IntVar(&c.pid, "pid", 0, "with -addr: the server's process id, for its memory")
	flag.StringVar(&c.serveArgs, "serve-args", "--quiet", "extra flags for `unmask serve`")
	flag.DurationVar(&c.duration, "duration", 30*time.Second, "stop after this long")
	flag.IntVar(&c.requests, "requests", 200000, "stop after this many requests")
	flag.IntVar(&c.clients, "clients", 16, "concurrent clients sending small documents")
	flag.IntVar(&c.bigClients, "big-clients", 2, "concurrent clients sending large documents")
	flag.IntVar(&c.smallSize, "small", 10<<10, "small document size in bytes")
	flag.IntVar(&c.bigSize, "big", 1<<20, "large document size in bytes")
	flag.StringVar(&c.textFile, "text", "testdata/seed/scraped-article.txt", "text the documents are cut from (repeated to size)")
	flag.DurationVar(&c.warmup, "warmup", 3*time.Second, "requests in the first part of the run are sent but not measured")
	flag.DurationVar(&c.smallP99Target, "target-p99", 50*time.Millisecond, "exit 1 if the small documents' p99 latency is over this (0: no check)")
	flag.BoolVar(&c.jsonOut, "json", false, "print the result as JSON")
	flag.Parse()
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(2)
	}
}

// result is what the run measured.
type result struct {
	Duration    float64          `json:"duration_s"`
	Clients     int              `json:"clients"`
	BigClients  int              `json:"big_clients"`
	Requests    int64            `json:"requests"`
	PerSecond   float64          `json:"requests_per_s"`
	MBPerSecond float64          `json:"mb_per_s"`
	Errors      int64            `json:"errors"`
	ErrorKinds  map[string]int64 `json:"error_kinds,omitempty"`
	Small       latency          `json:"small"`
	Big         latency          `json:"big"`
	RSS         memory           `json:"server_rss_kib"`
	// ServerCPU is the CPU time the server used in the measured part of
	// the run; with it the figures can be read on a machine that other
	// work shares (see LoadAvg).
	ServerCPU float64 `json:"server_cpu_s"`
	CPUs      int     `json:"cpus"`
	LoadAvg   string  `json:"loadavg_before"`
}

type latency struct {
	Bytes int     `json:"bytes"`
	N     int     `json:"n"`
	P50   float64 `json:"p50_ms"`
	P90   float64 `json:"p90_ms"`
	P99   float64 `json:"p99_ms"`
	Max   float64 `json:"max_ms"`
}

type memory struct {
	Before    int64 `json:"before"`     // idle, before the first request
	AfterWarm int64 `json:"after_warm"` // at the end of the warm-up
	After     int64 `json:"after"`      // when the last request is answered
	Peak      int64 `json:"peak"`       // VmHWM: the most the process ever had
	Settled   int64 `json:"settled"`    // 5 s after the run
}

func run(c config) error {
	text, err := os.ReadFile(c.textFile)
	if err != nil {
		return fmt.Errorf("%v (run from the repository root, or pass -text)", err)
	}
	small, big := cut(text, c.smallSize), cut(text, c.bigSize)

	addr, pid := c.addr, c.pid
	if addr == "" {
		var stop func()
		addr, pid, stop, err = startServer(c)
		if err != nil {
			return err
		}
		defer stop()
	}
	if err := loopbackOnly(addr); err != nil {
		return err
	}
	base := "http://" + addr

	loadavg, _ := os.ReadFile("/proc/loadavg")
	res := result{Clients: c.clients, BigClients: c.bigClients, CPUs: runtime.NumCPU(), LoadAvg: strings.Join(strings.Fields(string(loadavg))[:3], " ")}
	res.Small.Bytes, res.Big.Bytes = len(small), len(big)
	res.RSS.Before = rss(pid, "VmRSS")

	tr := &http.Transport{MaxIdleConns: c.clients + c.bigClients, MaxIdleConnsPerHost: c.clients + c.bigClients, DisableCompression: true,
		DialContext: (&net.Dialer{Timeout: 5 * time.Second}).DialContext}
	client := &http.Client{Transport: tr, Timeout: 60 * time.Second}
	defer tr.CloseIdleConnections()

	ctx, cancel := context.WithTimeout(context.Background(), c.duration)
	defer cancel()
	var (
		sent       atomic.Int64
		measuring  atomic.Bool
		mu         sync.Mutex
		smallLat   []time.Duration
		bigLat     []time.Duration
		errKinds   = map[string]int64{}
		bytesSent  atomic.Int64
		measuredAt time.Time
	)
	var cpuAtWarm float64
	warm := time.AfterFunc(c.warmup, func() {
		res.RSS.AfterWarm = rss(pid, "VmRSS")
		cpuAtWarm = cpuSeconds(pid)
		mu.Lock()
		measuredAt = time.Now()
		mu.Unlock()
		measuring.Store(true)
	})
	defer warm.Stop()

	var wg sync.WaitGroup
	for w := range c.clients + c.bigClients {
		isBig := w >= c.clients
		wg.Add(1)
		go func() {
			defer wg.Done()
			var sl, bl []time.Duration
			errs := map[string]int64{}
			for i := 0; ; i++ {
				n := sent.Add(1)
				if n > int64(c.requests) || ctx.Err() != nil {
					break
				}
				body := small
				if isBig {
					body = big
				}
				path := "/v1/scan"
				if i%2 == 1 {
					path = "/v1/clean"
				}
				start := time.Now()
				kind := post(ctx, client, base+path, body)
				d := time.Since(start)
				if kind == "canceled" { // the run ended during this request
					break
				}
				if !measuring.Load() {
					continue
				}
				bytesSent.Add(int64(len(body)))
				if kind != "" {
					errs[kind]++
					continue
				}
				if isBig {
					bl = append(bl, d)
				} else {
					sl = append(sl, d)
				}
			}
			mu.Lock()
			smallLat = append(smallLat, sl...)
			bigLat = append(bigLat, bl...)
			for k, v := range errs {
				errKinds[k] += v
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	end := time.Now()
	res.RSS.After = rss(pid, "VmRSS")
	res.ServerCPU = cpuSeconds(pid) - cpuAtWarm
	mu.Lock()
	if measuredAt.IsZero() {
		mu.Unlock()
		return fmt.Errorf("the run (%v) ended within the warm-up (%v): nothing measured", c.duration, c.warmup)
	}
	res.Duration = end.Sub(measuredAt).Seconds()
	mu.Unlock()
	for _, v := range errKinds {
		res.Errors += v
	}
	if len(errKinds) > 0 {
		res.ErrorKinds = errKinds
	}
	res.Requests = int64(len(smallLat)+len(bigLat)) + res.Errors
	res.PerSecond = float64(res.Requests) / res.Duration
	res.MBPerSecond = float64(bytesSent.Load()) / res.Duration / 1e6
	res.Small = percentiles(smallLat, len(small))
	res.Big = percentiles(bigLat, len(big))
	time.Sleep(5 * time.Second) // let the server's GC and scavenger return memory
	res.RSS.Settled = rss(pid, "VmRSS")
	res.RSS.Peak = rss(pid, "VmHWM")

	if c.jsonOut {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(res)
	} else {
		report(os.Stdout, res)
	}
	if res.Errors > 0 {
		return fmt.Errorf("%d errors", res.Errors)
	}
	if c.smallP99Target > 0 && res.Small.P99 > ms(c.smallP99Target) {
		return fmt.Errorf("small documents' p99 %.1f ms is over the %v target", res.Small.P99, c.smallP99Target)
	}
	return nil
}

// post sends one document and returns "" on success or a short error kind.
func post(ctx context.Context, client *http.Client, url string, body []byte) string {
	req, err := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(body))
	if err != nil {
		return "request: " + err.Error()
	}
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return "canceled"
		}
		return "transport: " + errors.Unwrap(err).Error()
	}
	defer resp.Body.Close()
	// Check the start of the answer only: decoding 7 MB of JSON would take
	// the CPU the server needs on a small machine.
	head := make([]byte, 32)
	n, _ := io.ReadFull(resp.Body, head)
	_, err = io.Copy(io.Discard, resp.Body)
	if err != nil {
		if ctx.Err() != nil {
			return "canceled"
		}
		return "reading the answer: " + err.Error()
	}
	if resp.StatusCode != 200 {
		return "status " + strconv.Itoa(resp.StatusCode)
	}
	if h := string(head[:n]); !strings.HasPrefix(h, `{"verdict":"disguised"`) && !strings.HasPrefix(h, `{"text":`) {
		return "unexpected answer"
	}
	return ""
}

// cut repeats text to n bytes, ending on a whole character.
func cut(text []byte, n int) []byte {
	b := bytes.Repeat(text, n/len(text)+1)[:n]
	for len(b) > 0 && !utf8.Valid(b) {
		b = b[:len(b)-1]
	}
	return b
}

func startServer(c config) (addr string, pid int, stop func(), err error) {
	bin, cleanup := c.bin, func() {}
	if bin == "" {
		dir, err := os.MkdirTemp("", "unmask-load-")
		if err != nil {
			return "", 0, nil, err
		}
		cleanup = func() { os.RemoveAll(dir) }
		bin = filepath.Join(dir, "unmask")
		build := exec.Command("go", "build", "-o", bin, "./cmd/unmask")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			cleanup()
			return "", 0, nil, fmt.Errorf("go build ./cmd/unmask: %v (run from the repository root, or pass -bin)", err)
		}
	}
	defer func() {
		if err != nil {
			cleanup()
		}
	}()
	args := append([]string{"serve", "--addr", "127.0.0.1:0"}, strings.Fields(c.serveArgs)...)
	cmd := exec.Command(bin, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return "", 0, nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", 0, nil, err
	}
	// The first log line says where it listens.
	lines := bufio.NewScanner(stderr)
	found := make(chan string, 1)
	go func() {
		for lines.Scan() {
			var l struct{ Msg, Addr string }
			if json.Unmarshal(lines.Bytes(), &l) == nil && l.Msg == "listening" {
				found <- l.Addr
				break
			}
			fmt.Fprintln(os.Stderr, "server:", lines.Text())
		}
		io.Copy(os.Stderr, stderr) // warnings and errors of the server, if any
	}()
	select {
	case addr = <-found:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		cmd.Wait()
		return "", 0, nil, errors.New("the server did not start in 30 s")
	}
	stop = func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		cleanup()
	}
	return addr, cmd.Process.Pid, stop, nil
}

// loopbackOnly refuses any address that is not on this machine's loopback.
func loopbackOnly(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	ips, err := net.LookupIP(host)
	if err != nil {
		return err
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return fmt.Errorf("%s resolves to %s, which is not a loopback address: this load test only targets 127.0.0.0/8 or ::1", addr, ip)
		}
	}
	return nil
}

// rss reads a memory field (VmRSS, VmHWM) of a process in KiB, 0 if unknown.
func rss(pid int, field string) int64 {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n
		}
	}
	return 0
}

// cpuSeconds reads the user and system CPU time of a process from
// /proc/PID/stat, in seconds (clock ticks are 1/100 s on Linux).
func cpuSeconds(pid int) float64 {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command name, which is in parentheses and may hold spaces.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseFloat(f[11], 64)
	stime, _ := strconv.ParseFloat(f[12], 64)
	return (utime + stime) / 100
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func percentiles(ds []time.Duration, size int) latency {
	l := latency{Bytes: size, N: len(ds)}
	if len(ds) == 0 {
		return l
	}
	slices.Sort(ds)
	at := func(p float64) float64 { return ms(ds[min(len(ds)-1, int(p*float64(len(ds))))]) }
	l.P50, l.P90, l.P99, l.Max = at(.50), at(.90), at(.99), ms(ds[len(ds)-1])
	return l
}

func report(w io.Writer, r result) {
	fmt.Fprintf(w, "%d small + %d large clients, %.1f s measured, %d CPUs, load average before %s\n", r.Clients, r.BigClients, r.Duration, r.CPUs, r.LoadAvg)
	fmt.Fprintf(w, "requests  %d (%.1f/s, %.1f MB/s of text), errors %d\n", r.Requests, r.PerSecond, r.MBPerSecond, r.Errors)
	for k, v := range r.ErrorKinds {
		fmt.Fprintf(w, "  error %q × %d\n", k, v)
	}
	fmt.Fprintf(w, "%-6s %9s %7s %9s %9s %9s %9s\n", "", "bytes", "n", "p50 ms", "p90 ms", "p99 ms", "max ms")
	for _, l := range []struct {
		name string
		l    latency
	}{{"small", r.Small}, {"large", r.Big}} {
		fmt.Fprintf(w, "%-6s %9d %7d %9.1f %9.1f %9.1f %9.1f\n", l.name, l.l.Bytes, l.l.N, l.l.P50, l.l.P90, l.l.P99, l.l.Max)
	}
	if r.ServerCPU > 0 {
		fmt.Fprintf(w, "server CPU %.1f s in %.1f s (%.2f cores busy), %.2f ms of CPU per request\n",
			r.ServerCPU, r.Duration, r.ServerCPU/r.Duration, 1000*r.ServerCPU/float64(r.Requests))
	}
	m := r.RSS
	fmt.Fprintf(w, "server RSS MiB: before %.1f, after warm-up %.1f, at the end %.1f, 5 s later %.1f, peak %.1f\n",
		mib(m.Before), mib(m.AfterWarm), mib(m.After), mib(m.Settled), mib(m.Peak))
}

func mib(kib int64) float64 { return float64(kib) / 1024 }
