package server

import (
	"encoding/base64"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/detect"
	"github.com/unmaskdev/unmask/index"
	"github.com/unmaskdev/unmask/internal/jsonstring"
	"github.com/unmaskdev/unmask/restore"
	"github.com/unmaskdev/unmask/ucd"
	"github.com/unmaskdev/unmask/uts39"
)

const textExample = `{"text": "…"} as application/json, or the raw text as text/plain`

// errGone answers a request whose client left while it waited for a heavy
// slot; nobody reads it, but the log and the metrics show it.
var errGone = errorf(http.StatusServiceUnavailable, "the client went away while the text waited to be scanned")

type textRequest struct {
	Text *string `json:"text"`
}

// readText returns the text of a scan, clean or trace request: the "text"
// field of a JSON body, or a text/plain body byte for byte (invalid UTF-8
// included, which the scan then reports). An empty text is an error: it is
// nearly always a client sending the wrong field or an empty file.
func (s *Server) readText(w http.ResponseWriter, r *http.Request, req any, text func() *string) ([]byte, *apiError) {
	body, kind, aerr := readBody(w, r, s.opt.MaxBytes, true)
	if aerr != nil {
		return nil, aerr
	}
	if kind == bodyText {
		if len(body) == 0 {
			return nil, errorf(http.StatusBadRequest, "the body is empty: send the text to check, as text/plain or as %s", `{"text": "…"}`)
		}
		return body, nil
	}
	if aerr := decodeJSON(body, req, textExample); aerr != nil {
		return nil, aerr
	}
	t := text()
	switch {
	case t == nil:
		return nil, errorf(http.StatusBadRequest, `field "text" is missing; send %s`, textExample)
	case *t == "":
		return nil, errorf(http.StatusBadRequest, `field "text" is empty: there is nothing to check`)
	}
	return []byte(*t), nil
}

// scan judges b in the chunks of detect.Cut, as the CLI and restore.Bytes
// do, so that /v1/scan, /v1/clean and `unmask scan`/`unmask clean` agree on
// any input, with offsets and lines counted from the start of b. A large
// text is judged chunk after chunk on the request's goroutine
// (detect.ScanAll): it holds one heavy slot (see Options.HeavySlots), and a
// slot is one core, so that small texts always find the others free.
func scan(b []byte) detect.Report { return scanInto(nil, b) }

// scanInto is scan with the findings in buf's memory (see detect.ScanAll).
func scanInto(buf []detect.Finding, b []byte) detect.Report {
	rep := detect.ScanAll(buf, b)
	if rep.Findings == nil {
		rep.Findings = []detect.Finding{}
	}
	return rep
}

// buffers hold what answering a scan or clean request allocates most: the
// findings and the answer. Idle ones wait in a bounded free list for the
// next request (not a sync.Pool, which every garbage collection empties):
// under load, allocating them for each request made the collector the
// largest cost after the scan.
type buffers struct {
	findings []detect.Finding
	out      []byte
}

var idleBuffers = make(chan *buffers, 4*runtime.GOMAXPROCS(0))

func getBuffers() *buffers {
	select {
	case b := <-idleBuffers:
		return b
	default:
		return new(buffers)
	}
}

// maxIdleBuffer bounds the answer kept for reuse; the answer to a large
// text is let go.
const maxIdleBuffer = 1 << 20

func (b *buffers) release() {
	if cap(b.out) > maxIdleBuffer || cap(b.findings) > maxIdleBuffer/256 {
		return
	}
	clear(b.findings) // drop the strings they hold
	b.findings, b.out = b.findings[:0], b.out[:0]
	select {
	case idleBuffers <- b:
	default:
	}
}

// scanRequest reads a text request, waits for its turn (admit) and scans it
// into buffers reused from request to request. ok is false when an error
// answer was written; otherwise done must be called once the answer is
// written, to give back the turn and the buffers.
func (s *Server) scanRequest(w http.ResponseWriter, r *http.Request) (text []byte, rep detect.Report, buf *buffers, done func(), ok bool) {
	var req textRequest
	text, aerr := s.readText(w, r, &req, func() *string { return req.Text })
	if aerr != nil {
		writeError(w, aerr)
		return nil, rep, nil, nil, false
	}
	release, ok := s.admit(r.Context(), len(text))
	if !ok {
		writeError(w, errGone)
		return nil, rep, nil, nil, false
	}
	buf = getBuffers()
	rep = scanInto(buf.findings, text)
	buf.findings = rep.Findings
	s.metrics.observe(len(text), &rep)
	return text, rep, buf, func() { release(); buf.release() }, true
}

func (s *Server) handleScan(w http.ResponseWriter, r *http.Request) {
	_, rep, buf, done, ok := s.scanRequest(w, r)
	if !ok {
		return
	}
	defer done()
	buf.out = rep.AppendJSON(slices.Grow(buf.out[:0], reportSize(&rep)))
	buf.out = append(buf.out, '\n')
	writeBody(w, "application/json; charset=utf-8", buf.out)
}

// cleanResponse is the answer of /v1/clean.
type cleanResponse struct {
	Text string `json:"text"`
	// TextBase64 holds the restored bytes exactly when they are not valid
	// UTF-8 (the input had invalid bytes, which are kept): JSON strings
	// cannot carry them, and Text shows each as U+FFFD.
	TextBase64 string        `json:"text_base64,omitempty"`
	Changed    int           `json:"changed"` // findings undone (replaced or removed)
	Report     detect.Report `json:"report"`
}

func (s *Server) handleClean(w http.ResponseWriter, r *http.Request) {
	text, rep, buf, done, ok := s.scanRequest(w, r)
	if !ok {
		return
	}
	defer done()
	out := restore.Apply(make([]byte, 0, len(text)), text, rep.Findings)
	changed := 0
	for _, f := range rep.Findings {
		if f.Action != detect.Keep {
			changed++
		}
	}
	if wantsText(r) {
		w.Header().Set("Unmask-Verdict", string(rep.Verdict))
		w.Header().Set("Unmask-Changed", strconv.Itoa(changed))
		writeBody(w, "text/plain; charset=utf-8", out)
		return
	}
	buf.out = appendClean(slices.Grow(buf.out[:0], len(out)+reportSize(&rep)+64), out, changed, &rep)
	writeBody(w, "application/json; charset=utf-8", buf.out)
}

// appendClean appends the cleanResponse as encoding/json would write it.
func appendClean(dst, text []byte, changed int, rep *detect.Report) []byte {
	if dst == nil {
		dst = make([]byte, 0, len(text)+reportSize(rep)+64)
	}
	dst = append(dst, `{"text":`...)
	dst = jsonstring.Append(dst, text)
	if !utf8.Valid(text) {
		dst = append(dst, `,"text_base64":"`...)
		dst = base64.StdEncoding.AppendEncode(dst, text)
		dst = append(dst, '"')
	}
	dst = append(dst, `,"changed":`...)
	dst = strconv.AppendInt(dst, int64(changed), 10)
	dst = append(dst, `,"report":`...)
	dst = rep.AppendJSON(dst)
	return append(dst, '}', '\n')
}

// reportSize guesses the length of a report in JSON, to allocate once.
func reportSize(rep *detect.Report) int { return 256 + 300*len(rep.Findings) }

// writeBody answers 200 with body.
func writeBody(w http.ResponseWriter, ctype string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// wantsText reports whether the client asked for the restored text itself
// (Accept: text/plain) rather than JSON.
func wantsText(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		switch strings.TrimSpace(mt) {
		case "text/plain":
			return true
		case "application/json", "*/*":
			return false
		}
	}
	return false
}

type skeletonRequest struct {
	Text      *string `json:"text"`
	Direction string  `json:"direction"` // "", "ltr" or "rtl"
}

type skeletonResponse struct {
	Skeleton         string `json:"skeleton"`
	Direction        string `json:"direction,omitempty"`
	ResolvedScripts  string `json:"resolved_scripts"`  // ISO 15924 codes, "ALL" or "∅" (UTS #39 §5.1)
	RestrictionLevel string `json:"restriction_level"` // UTS #39 §5.2
}

// direction parses the optional "direction" field: "" means the plain
// skeleton, a direction (uts39.ParseDirection) the bidiSkeleton for it.
func direction(d string) (uts39.Direction, bool, *apiError) {
	if d == "" {
		return uts39.LTR, false, nil
	}
	dir, err := uts39.ParseDirection(d)
	if err != nil {
		return dir, false, errorf(http.StatusBadRequest, `field "direction": %v (or leave the field out)`, err)
	}
	return dir, true, nil
}

func (s *Server) handleSkeleton(w http.ResponseWriter, r *http.Request) {
	var req skeletonRequest
	text, aerr := s.readText(w, r, &req, func() *string { return req.Text })
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	dir, bidi, aerr := direction(req.Direction)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	t := string(text)
	resp := skeletonResponse{
		ResolvedScripts:  uts39.ResolvedScripts(t).String(),
		RestrictionLevel: uts39.RestrictionLevel(t).String(),
	}
	if bidi {
		resp.Skeleton, resp.Direction = uts39.BidiSkeleton(dir, t), dir.String()
	} else {
		resp.Skeleton = uts39.Skeleton(t)
	}
	writeJSON(w, http.StatusOK, resp)
}

type confusableRequest struct {
	A         *string `json:"a"`
	B         *string `json:"b"`
	Direction string  `json:"direction"`
}

type confusableResponse struct {
	Confusable bool `json:"confusable"`
	// Kind is "not confusable", "single-script", "mixed-script" or
	// "whole-script" (UTS #39 §4).
	Kind      string `json:"kind"`
	SkeletonA string `json:"skeleton_a"`
	SkeletonB string `json:"skeleton_b"`
	ScriptsA  string `json:"resolved_scripts_a"`
	ScriptsB  string `json:"resolved_scripts_b"`
	Direction string `json:"direction,omitempty"`
}

func (s *Server) handleConfusable(w http.ResponseWriter, r *http.Request) {
	const example = `{"a": "paypal", "b": "pаypаl"}`
	body, _, aerr := readBody(w, r, s.opt.MaxBytes, false)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	var req confusableRequest
	if aerr := decodeJSON(body, &req, example); aerr != nil {
		writeError(w, aerr)
		return
	}
	if req.A == nil || req.B == nil {
		writeError(w, errorf(http.StatusBadRequest, `fields "a" and "b" are both needed; send %s`, example))
		return
	}
	dir, bidi, aerr := direction(req.Direction)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	a, b := *req.A, *req.B
	resp := confusableResponse{
		ScriptsA: uts39.ResolvedScripts(a).String(),
		ScriptsB: uts39.ResolvedScripts(b).String(),
	}
	var kind uts39.ConfusableKind
	if bidi {
		kind = uts39.ClassifyBidiConfusable(dir, a, b)
		resp.SkeletonA, resp.SkeletonB = uts39.BidiSkeleton(dir, a), uts39.BidiSkeleton(dir, b)
		resp.Direction = dir.String()
	} else {
		kind = uts39.ClassifyConfusable(a, b)
		resp.SkeletonA, resp.SkeletonB = uts39.Skeleton(a), uts39.Skeleton(b)
	}
	resp.Confusable, resp.Kind = kind != uts39.KindNone, kind.String()
	writeJSON(w, http.StatusOK, resp)
}

type traceRequest struct {
	Text  *string `json:"text"`
	Limit *int    `json:"limit"` // most matches, 1 to maxTraceLimit; nil means index.DefaultLimit
}

// maxTraceLimit bounds the matches one request can ask for.
const maxTraceLimit = 100

func (s *Server) handleTrace(w http.ResponseWriter, r *http.Request) {
	if s.opt.Tracer == nil {
		writeError(w, errorf(http.StatusNotImplemented, "no index loaded (start with --db DIR)"))
		return
	}
	var req traceRequest
	text, aerr := s.readText(w, r, &req, func() *string { return req.Text })
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	limit, where := req.Limit, `field "limit"`
	if q := r.URL.Query(); q.Has("limit") && limit == nil {
		n, err := strconv.Atoi(q.Get("limit"))
		if err != nil {
			writeError(w, errorf(http.StatusBadRequest, "query parameter limit=%q is not a whole number", q.Get("limit")))
			return
		}
		limit, where = &n, "query parameter limit"
	}
	opt := index.QueryOptions{Spans: true}
	if limit != nil {
		if *limit < 1 || *limit > maxTraceLimit {
			writeError(w, errorf(http.StatusBadRequest, "%s must be between 1 and %d, not %d (leave it out for %d)", where, maxTraceLimit, *limit, index.DefaultLimit))
			return
		}
		opt.Limit = *limit
	}
	release, ok := s.admit(r.Context(), len(text))
	if !ok {
		writeError(w, errGone)
		return
	}
	defer release()
	s.metrics.scanned.Add(float64(len(text)))
	res, err := s.opt.Tracer.Query(string(text), opt)
	if err != nil {
		s.opt.Logger.Error("trace query failed", "err", err)
		writeError(w, errorf(http.StatusInternalServerError, "the index query failed: %v", err))
		return
	}
	if res.Matches == nil {
		res.Matches = []index.Match{}
	}
	writeJSON(w, http.StatusOK, res)
}

type health struct {
	Status   string `json:"status"`
	Version  string `json:"version,omitempty"`
	Unicode  string `json:"unicode"`
	Index    bool   `json:"index"` // whether /v1/trace has an index
	MaxBytes int64  `json:"max_bytes"`
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, health{Status: "ok", Version: s.opt.Version, Unicode: ucd.UnicodeVersion,
		Index: s.opt.Tracer != nil, MaxBytes: s.opt.MaxBytes})
}
