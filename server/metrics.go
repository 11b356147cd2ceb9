package server

import (
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/unmaskdev/unmask/detect"
)

type metrics struct {
	requests *prometheus.CounterVec   // route, code
	latency  *prometheus.HistogramVec // route
	inFlight prometheus.Gauge
	// heavyWaiting counts large texts waiting for a heavy slot.
	heavyWaiting prometheus.Gauge
	scanned      prometheus.Counter
	findings     *prometheus.CounterVec // kind
	handler      http.Handler           // /metrics
}

func prometheusGo() prometheus.Collector { return collectors.NewGoCollector() }
func prometheusProcess() prometheus.Collector {
	return collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})
}

func newMetrics(reg *prometheus.Registry) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "unmask_http_requests_total",
			Help: "HTTP requests answered, by route pattern and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "unmask_http_request_duration_seconds",
			Help: "Time from request to the end of the response, by route pattern.",
			// From a 10 KB scan (well under a millisecond) to a 10 MB one.
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "unmask_http_requests_in_flight",
			Help: "Requests being served now.",
		}),
		heavyWaiting: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "unmask_heavy_waiting",
			Help: "Large texts waiting for a slot to be scanned (see --heavy-slots).",
		}),
		scanned: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "unmask_scanned_bytes_total",
			Help: "Bytes of text scanned by /v1/scan, /v1/clean and /v1/trace.",
		}),
		findings: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "unmask_findings_total",
			Help: "Disguised or suspicious characters found, by kind.",
		}, []string{"kind"}),
	}
	reg.MustRegister(m.requests, m.latency, m.inFlight, m.heavyWaiting, m.scanned, m.findings)
	// Every kind appears from the start, so dashboards see zeros, not gaps.
	for _, k := range []detect.Kind{detect.Lookalike, detect.WholeWord, detect.Styled, detect.Invisible,
		detect.Bidi, detect.Tag, detect.Zalgo, detect.Heavy, detect.BadUTF8} {
		m.findings.WithLabelValues(string(k))
	}
	m.handler = promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg})
	return m
}

// observe counts a scan's bytes and findings.
func (m *metrics) observe(n int, rep *detect.Report) {
	m.scanned.Add(float64(n))
	for k, c := range rep.Counts {
		m.findings.WithLabelValues(string(k)).Add(float64(c))
	}
}

// statusWriter remembers the status code and body size of a response.
type statusWriter struct {
	http.ResponseWriter
	code  int
	bytes int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the real writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// instrument counts, times and logs every request to h under the label route.
func (s *Server) instrument(route string, h http.Handler) http.Handler {
	// The label values are fixed per route, so look the series up once.
	lat := s.metrics.latency.WithLabelValues(route)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		s.metrics.inFlight.Inc()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			s.metrics.inFlight.Dec()
			d := time.Since(start)
			if sw.code == 0 {
				sw.code = http.StatusOK
			}
			lat.Observe(d.Seconds())
			s.metrics.requests.WithLabelValues(route, strconv.Itoa(sw.code)).Inc()
			level := slog.LevelInfo
			if sw.code >= 500 && sw.code != http.StatusNotImplemented {
				level = slog.LevelError
			}
			s.opt.Logger.LogAttrs(r.Context(), level, "request",
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.String("route", route),
				slog.Int("status", sw.code),
				slog.Int64("bytes_in", r.ContentLength),
				slog.Int64("bytes_out", sw.bytes),
				slog.Float64("ms", float64(d.Microseconds())/1000),
				slog.String("remote", r.RemoteAddr),
				slog.String("agent", r.UserAgent()),
			)
		}()
		h.ServeHTTP(sw, r)
	})
}
