package server

import (
	"embed"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"
)

// web holds the page; it is built into the binary, no CDN, no external font.
//
//go:embed web
var webFS embed.FS

//go:embed openapi.json
var openapiJSON []byte

// route is one endpoint. The list in routes is the single source of the
// mux and of the test against openapi.json.
type route struct {
	method string // GET also answers HEAD
	path   string // a net/http pattern path
	h      http.HandlerFunc
}

func (s *Server) routes() []route {
	return []route{
		{"GET", "/{$}", s.handlePage},
		{"GET", "/static/{file...}", handleStatic},
		{"GET", "/healthz", s.handleHealth},
		{"GET", "/metrics", func(w http.ResponseWriter, r *http.Request) { s.metrics.handler.ServeHTTP(w, r) }},
		{"GET", "/openapi.json", handleOpenAPI},
		{"POST", "/v1/scan", s.handleScan},
		{"POST", "/v1/clean", s.handleClean},
		{"POST", "/v1/skeleton", s.handleSkeleton},
		{"POST", "/v1/confusable", s.handleConfusable},
		{"POST", "/v1/trace", s.handleTrace},
	}
}

// handleStatic serves a file of web/ as it is built in; any other path,
// directories included, is a JSON 404 as openapi.json says.
func handleStatic(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	var b []byte
	if fs.ValidPath(name) && name != "." {
		b, _ = fs.ReadFile(webFS, path.Join("web", name)) // a directory or a missing file is an error
	}
	if b == nil {
		writeError(w, errorf(http.StatusNotFound, "no such file: %s; the page is at /", r.URL.Path))
		return
	}
	pageHeaders(w)
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Write(b)
}

// mux registers each route, a JSON 405 for the other methods on its path
// (net/http's own 405 is plain text), and a JSON 404 for everything else.
func (s *Server) mux() http.Handler {
	mux := http.NewServeMux()
	allowed := map[string][]string{}
	var paths []string
	for _, rt := range s.routes() {
		mux.Handle(rt.method+" "+rt.path, s.instrument(rt.method+" "+rt.path, rt.h))
		if _, ok := allowed[rt.path]; !ok {
			paths = append(paths, rt.path)
		}
		allowed[rt.path] = append(allowed[rt.path], rt.method)
		if rt.method == "GET" {
			allowed[rt.path] = append(allowed[rt.path], "HEAD")
		}
	}
	for _, p := range paths {
		methods := allowed[p]
		sort.Strings(methods)
		allow := strings.Join(methods, ", ")
		mux.Handle(p, s.instrument("405", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", allow)
			writeError(w, errorf(http.StatusMethodNotAllowed, "%s does not take %s; use %s (see /openapi.json)", r.URL.Path, r.Method, allow))
		})))
	}
	mux.Handle("/", s.instrument("404", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, errorf(http.StatusNotFound, "no such route: %s %s; the API is described at /openapi.json and the web page is at /", r.Method, r.URL.Path))
	})))
	return mux
}

// pageHeaders keep the page to its own origin: no inline script, no
// framing, nothing fetched from elsewhere. (X-Content-Type-Options is on
// every answer: see guard.)
func pageHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-cache")
}

var indexHTML = func() []byte {
	b, err := webFS.ReadFile("web/index.html")
	if err != nil {
		panic(err)
	}
	return b
}()

func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	pageHeaders(w)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(indexHTML)
}

func handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openapiJSON)
}
