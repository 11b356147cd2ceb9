package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"

	"github.com/unmaskdev/unmask/index"
	"github.com/unmaskdev/unmask/server"
)

func init() {
	register(&command{
		name:    "serve",
		summary: "run the HTTP API and the web page",
		usage: `unmask serve [flags]

Serves a JSON API (POST /v1/scan, /v1/clean, /v1/skeleton, /v1/confusable,
/v1/trace; described at /openapi.json) and, at /, a web page where you paste
text or drop a file and see the disguised characters marked and the text
restored. /healthz answers while the server runs; /metrics has Prometheus
metrics. The access log is JSON on stderr, one line per request.

With --db DIR, /v1/trace finds the originals in the index DIR (made by
'unmask index add --db DIR'); without it /v1/trace answers 501.

The server answers only requests whose Host header is localhost, a name
under .localhost, an IP address, the host of --addr, or a name given with
--allow-host; any other Host gets 421, so that a page on another site cannot
reach it by DNS rebinding. Behind a proxy or under a DNS name, list the name:
--allow-host unmask.example.org (".example.org" allows the names under it,
"*" any Host).

SIGINT or SIGTERM stops accepting connections and lets requests in flight
finish (20 s at most); a second signal exits at once.

The garbage collector runs at --gc-percent 400 (Go's default is 100): a
server scanning large texts allocates fast, and collecting four times less
often took the 99th-percentile latency of small requests under load from
58 to 32 ms (bench/load), for about twice the memory. GOGC in the environment, or
--gc-percent, sets it; --memory-limit caps the heap (Go's GOMEMLIMIT).

Examples:
  unmask serve
  unmask index add --db news.idx bbc.jsonl && unmask serve --addr 127.0.0.1:9000 --db news.idx
  curl -s localhost:8080/v1/scan -H 'Content-Type: text/plain' --data-binary @article.txt`,
		setup: func(fs *flag.FlagSet) func([]string, io.Reader, io.Writer, io.Writer) int {
			o := &serveOpts{maxBytes: server.DefaultMaxBytes, flags: fs}
			fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
			fs.StringVar(&o.db, "db", "", "index directory for /v1/trace (opened read-only)")
			fs.Var(&o.maxBytes, "max-bytes", "largest request body; bigger ones get 413 (1048576, 512KiB, 10MiB, 1GiB)")
			fs.IntVar(&o.heavySlots, "heavy-slots", 0, "texts over 256 KiB scanned at once; others wait (default: half the CPUs, at least 1)")
			fs.BoolVar(&o.quiet, "quiet", false, "no access log (errors and start/stop are still logged)")
			fs.IntVar(&o.gcPercent, "gc-percent", 400, "garbage collection target percentage, as GOGC (default: GOGC when set in the environment, else 400)")
			fs.Func("allow-host", "a Host name the server answers besides localhost and IP addresses (repeat, or separate with commas; .example.org for the names under it, * for any)", func(v string) error {
				for _, h := range strings.Split(v, ",") {
					if h = strings.TrimSpace(h); h != "" {
						o.allowHosts = append(o.allowHosts, h)
					}
				}
				return nil
			})
			fs.Var(&o.memLimit, "memory-limit", "soft limit of the Go heap, as GOMEMLIMIT (e.g. 1GiB; default: none, or GOMEMLIMIT)")
			return o.run
		},
	})
}

type serveOpts struct {
	addr, db   string
	maxBytes   byteSize
	heavySlots int
	quiet      bool
	gcPercent  int
	memLimit   byteSize
	allowHosts []string
	flags      *flag.FlagSet
}

// serveSignals stop the server; a variable so tests can use another.
var serveSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

func (o *serveOpts) run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		return errorf(stderr, "serve", "takes no arguments, got %q (did you mean --db %s?)", args, args[0])
	}
	level := slog.LevelInfo
	if o.quiet {
		level = slog.LevelWarn
	}
	log := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level}))
	startLog := slog.New(slog.NewJSONHandler(stderr, nil)) // start and stop are logged even with --quiet
	if os.Getenv("GOGC") == "" || flagSet(o.flags, "gc-percent") {
		debug.SetGCPercent(o.gcPercent)
	}
	if o.memLimit > 0 {
		debug.SetMemoryLimit(int64(o.memLimit))
	}

	opt := server.Options{MaxBytes: int64(o.maxBytes), HeavySlots: o.heavySlots, Logger: log, Version: versionString(),
		AllowHosts: o.allowHosts}
	if host, _, err := net.SplitHostPort(o.addr); err == nil && host != "" {
		opt.AllowHosts = append(opt.AllowHosts, host) // the name it listens on is its own
	}
	if o.db != "" {
		ix, err := index.Open(o.db, &index.Options{ReadOnly: true})
		if err != nil {
			return errorf(stderr, "serve", "--db %s: %v", o.db, err)
		}
		defer ix.Close()
		opt.Tracer = ix
		n, _ := ix.Len()
		startLog.Info("index loaded", "db", o.db, "docs", n)
	}

	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return errorf(stderr, "serve", "%v", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), serveSignals...)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second signal now ends the process at once
	}()
	addr := ln.Addr().String()
	startLog.Info("listening", "addr", addr, "url", "http://"+addr+"/", "max_bytes", int64(o.maxBytes), "index", o.db != "")
	if err := server.New(opt).Serve(ctx, ln); err != nil {
		return errorf(stderr, "serve", "%v", err)
	}
	startLog.Info("stopped")
	return exitClean
}

// byteSize is a flag holding a size in bytes: a number, optionally followed
// by KiB, MiB or GiB (K/KB/M/MB/G/GB mean the same, multiples of 1024).
type byteSize int64

func (b *byteSize) String() string { return strconv.FormatInt(int64(*b), 10) }

func (b *byteSize) Set(s string) error {
	n, err := parseByteSize(s)
	if err != nil {
		return err
	}
	*b = byteSize(n)
	return nil
}

func parseByteSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, fmt.Errorf("%q is not a size: write a number of bytes, optionally with KiB, MiB or GiB", s)
	}
	n, err := strconv.ParseInt(t[:i], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is too large", s)
	}
	var shift uint
	switch strings.ToLower(strings.TrimSpace(t[i:])) {
	case "", "b":
	case "k", "kb", "kib":
		shift = 10
	case "m", "mb", "mib":
		shift = 20
	case "g", "gb", "gib":
		shift = 30
	default:
		return 0, fmt.Errorf("%q: unknown unit %q; use KiB, MiB or GiB", s, strings.TrimSpace(t[i:]))
	}
	if n > (1<<62)>>shift {
		return 0, fmt.Errorf("%q is too large", s)
	}
	n <<= shift
	if n <= 0 {
		return 0, errors.New("the size must be more than 0")
	}
	return n, nil
}
