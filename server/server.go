// Package server is unmask's HTTP service: a JSON API for scanning,
// cleaning, UTS #39 skeletons and confusability, and tracing disguised
// copies to their originals, plus a web page that shows what was disguised.
//
// It uses only net/http's pattern routing. Every route is listed once in
// routes, which builds the mux and which the OpenAPI document (served at
// /openapi.json) is tested against, so the two cannot drift apart.
package server

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/unmaskdev/unmask/detect"
	"github.com/unmaskdev/unmask/index"
)

// DefaultMaxBytes is the default request body limit.
const DefaultMaxBytes = 10 << 20

// Timeouts of the http.Server that Serve runs. A 10 MB body on a slow link
// needs the read timeout; the write timeout covers scanning it too.
const (
	ReadHeaderTimeout = 10 * time.Second
	ReadTimeout       = 60 * time.Second
	WriteTimeout      = 90 * time.Second
	IdleTimeout       = 120 * time.Second
	// ShutdownTimeout is how long Serve waits for requests in flight once
	// its context is done.
	ShutdownTimeout = 20 * time.Second
)

// Tracer finds the originals a text was copied from. *index.Index is one;
// without a Tracer /v1/trace answers 501.
type Tracer interface {
	Query(text string, opt index.QueryOptions) (*index.Result, error)
}

// Options configure a Server. The zero value serves with the defaults.
type Options struct {
	MaxBytes int64        // request body limit in bytes; 0 means DefaultMaxBytes
	Tracer   Tracer       // nil: /v1/trace answers 501
	Logger   *slog.Logger // access log; nil logs nothing
	// Registry receives the metrics; nil makes a fresh one with the Go and
	// process collectors, so that several Servers in one test do not clash.
	Registry *prometheus.Registry
	Version  string // shown by /healthz
	// HeavyBytes and HeavySlots keep large documents from starving small
	// ones: a text longer than HeavyBytes (default detect.ChunkSize, 256 KiB)
	// waits for one of HeavySlots (default half the CPUs, at least 1)
	// before it is scanned, so the other CPUs stay free for small texts and
	// the memory in use stays bounded however many large ones arrive.
	HeavyBytes int
	HeavySlots int
	// AllowHosts are the Host names the server answers besides localhost
	// and IP addresses (see hostAllowed): "name", ".domain" for it and the
	// names under it, "*" for any. Others get 421, against DNS rebinding.
	AllowHosts []string
}

// Server serves the API and the page. Make one with New.
type Server struct {
	opt     Options
	metrics *metrics
	handler http.Handler
	heavy   chan struct{} // a token per heavy slot
	// allowHosts is Options.AllowHosts in lower case, without ports.
	allowHosts []string
}

// New returns a Server with its routes registered.
func New(opt Options) *Server {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opt.Registry == nil {
		opt.Registry = prometheus.NewRegistry()
		opt.Registry.MustRegister(prometheusGo(), prometheusProcess())
	}
	if opt.HeavyBytes <= 0 {
		opt.HeavyBytes = detect.ChunkSize
	}
	if opt.HeavySlots <= 0 {
		opt.HeavySlots = max(1, runtime.GOMAXPROCS(0)/2)
	}
	s := &Server{opt: opt, metrics: newMetrics(opt.Registry), heavy: make(chan struct{}, opt.HeavySlots)}
	for _, h := range opt.AllowHosts {
		if h = strings.TrimSpace(h); strings.HasPrefix(h, ".") || h == "*" {
			s.allowHosts = append(s.allowHosts, strings.ToLower(h))
		} else if h != "" {
			s.allowHosts = append(s.allowHosts, hostOnly(h))
		}
	}
	s.handler = s.guard(s.mux())
	return s
}

// admit waits for a heavy slot when text of n bytes needs one, and returns
// the function that gives it back; ok is false when the client went away
// while waiting.
func (s *Server) admit(ctx context.Context, n int) (release func(), ok bool) {
	if n <= s.opt.HeavyBytes {
		return func() {}, true
	}
	s.metrics.heavyWaiting.Inc()
	defer s.metrics.heavyWaiting.Dec()
	select {
	case s.heavy <- struct{}{}:
		return func() { <-s.heavy }, true
	case <-ctx.Done():
		return nil, false
	}
}

// Handler returns the http.Handler with every route, instrumented and logged.
func (s *Server) Handler() http.Handler { return s.handler }

// Serve answers requests on ln until ctx is done, then shuts down
// gracefully: it stops accepting, lets requests in flight finish (for up to
// ShutdownTimeout) and returns nil. Any other failure is returned.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.opt.Logger.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.opt.Logger.Info("shutting down", "timeout", ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	err := hs.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}
