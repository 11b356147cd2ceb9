package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unmaskdev/unmask/index"
)

// The conformance test walks openapi.json and the routes together. For each
// route it sends requests that provoke every kind of answer the server has
// (the documented example, a wrong method, a foreign Host, a wrong
// Content-Type, a body too large, malformed JSON, a body too slow, each
// constraint of the request schema broken and met at its bounds), and
// checks each answer against the document: its status is documented for
// that operation, its Content-Type is one the document lists, a JSON error
// has exactly the Error schema's shape, and X-Content-Type-Options is
// nosniff. Then every documented status must have been answered at least
// once. A new route, status or constraint that the document lacks, or a
// documented answer that the server never gives, fails it.

// spec is openapi.json read generically, with $refs resolved on demand.
type spec struct{ doc map[string]any }

func (sp spec) resolve(v any) map[string]any {
	m, _ := v.(map[string]any)
	for m != nil {
		ref, ok := m["$ref"].(string)
		if !ok {
			return m
		}
		var cur any = sp.doc
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			cur = cur.(map[string]any)[part]
		}
		m, _ = cur.(map[string]any)
	}
	return m
}

func (sp spec) operation(method, path string) map[string]any {
	ops, _ := sp.doc["paths"].(map[string]any)[path].(map[string]any)
	op, _ := ops[strings.ToLower(method)].(map[string]any)
	return op
}

// responses maps each documented status of an operation to its media types
// (each with its schema), resolved.
func (sp spec) responses(op map[string]any) map[int]map[string]map[string]any {
	out := map[int]map[string]map[string]any{}
	for code, v := range op["responses"].(map[string]any) {
		var n int
		fmt.Sscan(code, &n)
		content := map[string]map[string]any{}
		for mt, c := range sp.resolve(v)["content"].(map[string]any) {
			content[mt] = sp.resolve(c.(map[string]any)["schema"])
		}
		out[n] = content
	}
	return out
}

// probe is one request and the status it must get.
type probe struct {
	name   string
	h      http.Handler // nil: the default server
	method string
	target string
	ctype  string
	body   []byte
	host   string
	slow   bool // send part of the body, then nothing until the read timeout
	ctx    context.Context
	want   int
}

// failingTracer is an index whose queries fail.
type failingTracer struct{}

func (failingTracer) Query(string, index.QueryOptions) (*index.Result, error) {
	return nil, errors.New("disk on fire")
}

const conformanceMaxBytes = 4096

func TestOpenAPIConformance(t *testing.T) {
	var sp spec
	if err := json.Unmarshal(openapiJSON, &sp.doc); err != nil {
		t.Fatal(err)
	}
	ix, _ := newsIndex(t)
	s := New(Options{Tracer: ix, MaxBytes: conformanceMaxBytes, HeavySlots: 1, HeavyBytes: 64})
	noIndex := New(Options{MaxBytes: conformanceMaxBytes}).Handler()
	failing := New(Options{Tracer: failingTracer{}, MaxBytes: conformanceMaxBytes}).Handler()

	// The slow uploads go to a real server whose read timeout is short.
	slowSrv := httptest.NewUnstartedServer(s.Handler())
	slowSrv.Config.ReadTimeout = 300 * time.Millisecond
	slowSrv.Start()
	defer slowSrv.Close()

	// Every heavy slot of s is taken, so that a large text waits; a
	// request whose client is gone then answers 503.
	gone, cancel := context.WithCancel(context.Background())
	cancel()

	observed := map[string]map[int]bool{}
	for _, rt := range s.routes() {
		path := openapiPath(rt.path)
		opName := rt.method + " " + path
		op := sp.operation(rt.method, path)
		if op == nil {
			t.Errorf("%s: not in openapi.json", opName)
			continue
		}
		target := strings.ReplaceAll(path, "{file}", "app.js")
		probes := []probe{
			{name: "wrong method", method: "DELETE", target: target, want: 405},
			{name: "foreign Host (DNS rebinding)", method: rt.method, target: target, host: "evil.example", want: 421},
			{name: "foreign Host with port", method: rt.method, target: target, host: "evil.example:8080", want: 421},
		}
		if rt.method == "GET" {
			probes = append(probes, probe{name: "get", method: "GET", target: target, want: 200})
		}
		if strings.Contains(path, "{file}") {
			files, err := fs.ReadDir(webFS, "web")
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range files {
				f := e.Name()
				probes = append(probes, probe{name: "file " + f, method: "GET", target: strings.ReplaceAll(path, "{file}", f), want: 200})
			}
			for _, f := range []string{"nope.js", "", "sub/", "web/app.js", "app.js/x"} {
				probes = append(probes, probe{name: "no file " + f, method: "GET", target: strings.ReplaceAll(path, "{file}", f), want: 404})
			}
		}
		if body, ok := op["requestBody"]; ok {
			probes = append(probes, bodyProbes(t, sp, sp.resolve(body), op, target)...)
		}
		for _, st := range []int{500, 501, 503} {
			if _, ok := sp.responses(op)[st]; !ok {
				continue
			}
			valid := validJSON(sp, sp.resolve(op["requestBody"]))
			switch st {
			case 500:
				probes = append(probes, probe{name: "failing index", h: failing, method: "POST", target: target, ctype: "application/json", body: valid, want: 500})
			case 501:
				probes = append(probes, probe{name: "no index", h: noIndex, method: "POST", target: target, ctype: "application/json", body: valid, want: 501})
			case 503:
				big := fmt.Appendf(nil, `{"text": %q}`, strings.Repeat("paypal ", 20))
				probes = append(probes, probe{name: "client gone while waiting", method: "POST", target: target, ctype: "application/json", body: big, ctx: gone, want: 503})
			}
		}

		documented := sp.responses(op)
		seen := map[int]bool{}
		observed[opName] = seen
		for _, p := range probes {
			h := p.h
			if h == nil {
				h = s.Handler()
			}
			var code int
			var hdr http.Header
			var body []byte
			switch {
			case p.slow:
				code, hdr, body = slowUpload(t, slowSrv.Listener.Addr().String(), p)
			case p.ctx != nil:
				s.heavy <- struct{}{} // the only slot is busy
				code, hdr, body = record(h, p)
				<-s.heavy
			default:
				code, hdr, body = record(h, p)
			}
			seen[code] = true
			where := fmt.Sprintf("%s: %s (%s %s)", opName, p.name, p.method, p.target)
			if code != p.want {
				t.Errorf("%s: status %d, want %d: %.200s", where, code, p.want, body)
				continue
			}
			checkAnswer(t, where, documented, code, hdr, body)
		}
	}
	// Every operation in the document is a route, and every status it
	// documents is one the probes got.
	for path, ops := range sp.doc["paths"].(map[string]any) {
		for method, op := range ops.(map[string]any) {
			opName := strings.ToUpper(method) + " " + path
			seen, ok := observed[opName]
			if !ok {
				t.Errorf("openapi.json documents %s, which no route serves", opName)
				continue
			}
			for code := range sp.responses(op.(map[string]any)) {
				if !seen[code] {
					t.Errorf("%s: openapi.json documents status %d, which no probe got", opName, code)
				}
			}
		}
	}
}

// checkAnswer holds one answer to the document.
func checkAnswer(t *testing.T, where string, documented map[int]map[string]map[string]any, code int, hdr http.Header, body []byte) {
	t.Helper()
	content, ok := documented[code]
	if !ok {
		t.Errorf("%s: status %d is not documented", where, code)
		return
	}
	if got := hdr.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("%s: X-Content-Type-Options %q, want nosniff", where, got)
	}
	if code == 405 && hdr.Get("Allow") == "" {
		t.Errorf("%s: 405 without Allow", where)
	}
	mt, _, err := mime.ParseMediaType(hdr.Get("Content-Type"))
	if err != nil {
		t.Errorf("%s: Content-Type %q: %v", where, hdr.Get("Content-Type"), err)
		return
	}
	schema, ok := content[mt]
	if !ok {
		t.Errorf("%s: Content-Type %s is not among the documented %v", where, mt, slices.Sorted(mapsKeys(content)))
		return
	}
	if mt != "application/json" || schema == nil {
		return
	}
	var obj map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		t.Errorf("%s: body is not a JSON object: %v", where, err)
		return
	}
	props, _ := schema["properties"].(map[string]any)
	if props == nil {
		return // a free-form object (the OpenAPI document itself)
	}
	for k := range obj {
		if _, ok := props[k]; !ok {
			t.Errorf("%s: field %q is not in the schema", where, k)
		}
	}
	req, _ := schema["required"].([]any)
	for _, k := range req {
		if _, ok := obj[k.(string)]; !ok {
			t.Errorf("%s: required field %q is missing", where, k)
		}
	}
	if code >= 400 {
		var e struct {
			Status int    `json:"status"`
			Error  string `json:"error"`
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil || e.Status != code || e.Error == "" {
			t.Errorf("%s: error body %s, want {\"status\": %d, \"error\": \"…\"} (%v)", where, body, code, err)
		}
	}
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// validJSON builds the smallest JSON body the request schema accepts: its
// example when it has one, else each required string property set.
func validJSON(sp spec, body map[string]any) []byte {
	c, _ := body["content"].(map[string]any)["application/json"].(map[string]any)
	if ex, ok := c["example"]; ok {
		b, _ := json.Marshal(ex)
		return b
	}
	obj := map[string]any{}
	schema := sp.resolve(c["schema"])
	req, _ := schema["required"].([]any)
	for _, k := range req {
		obj[k.(string)] = "p\u0430yp\u0430l"
	}
	b, _ := json.Marshal(obj)
	return b
}

// bodyProbes are the probes of an operation with a request body: the valid
// bodies, the generic errors, and each schema constraint broken and met.
func bodyProbes(t *testing.T, sp spec, body map[string]any, op map[string]any, target string) []probe {
	content := body["content"].(map[string]any)
	valid := validJSON(sp, body)
	ps := []probe{
		{name: "json example", method: "POST", target: target, ctype: "application/json", body: valid, want: 200},
		{name: "wrong Content-Type", method: "POST", target: target, ctype: "image/png", body: []byte("x"), want: 415},
		{name: "too large", method: "POST", target: target, ctype: "application/json",
			body: fmt.Appendf(nil, `{"text": %q}`, strings.Repeat("a", conformanceMaxBytes)), want: 413},
		{name: "malformed JSON", method: "POST", target: target, ctype: "application/json", body: []byte(`{"text":`), want: 400},
		{name: "not an object", method: "POST", target: target, ctype: "application/json", body: []byte(`["x"]`), want: 400},
		{name: "slow body", method: "POST", target: target, ctype: "application/json", body: valid, slow: true, want: 408},
	}
	if _, ok := content["text/plain"]; ok {
		ps = append(ps, probe{name: "text/plain", method: "POST", target: target, ctype: "text/plain", body: []byte("p\u0430yp\u0430l"), want: 200})
	}
	schema := sp.resolve(content["application/json"].(map[string]any)["schema"])
	base := map[string]any{}
	if err := json.Unmarshal(valid, &base); err != nil {
		t.Fatal(err)
	}
	with := func(k string, v any) []byte {
		m := map[string]any{}
		for k, v := range base {
			m[k] = v
		}
		m[k] = v
		b, _ := json.Marshal(m)
		return b
	}
	if schema["additionalProperties"] == false {
		ps = append(ps, probe{name: "unknown field", method: "POST", target: target, ctype: "application/json", body: with("unknown_field", "x"), want: 400})
	}
	req, _ := schema["required"].([]any)
	for _, k := range req {
		m := map[string]any{}
		for kk, v := range base {
			if kk != k {
				m[kk] = v
			}
		}
		b, _ := json.Marshal(m)
		ps = append(ps, probe{name: "missing " + k.(string), method: "POST", target: target, ctype: "application/json", body: b, want: 400})
	}
	props, _ := schema["properties"].(map[string]any)
	for _, k := range slices.Sorted(mapsKeys(props)) {
		ps = append(ps, constraintProbes(sp.resolve(props[k]), "field "+k, func(v any) probe {
			return probe{method: "POST", target: target, ctype: "application/json", body: with(k, v)}
		})...)
	}
	params, _ := op["parameters"].([]any)
	for _, p := range params {
		p := p.(map[string]any)
		if p["in"] != "query" {
			continue
		}
		name := p["name"].(string)
		ps = append(ps, constraintProbes(sp.resolve(p["schema"]), "query "+name, func(v any) probe {
			return probe{method: "POST", target: target + "?" + url.Values{name: {fmt.Sprint(v)}}.Encode(), ctype: "application/json", body: valid}
		})...)
	}
	return ps
}

// constraintProbes break and meet each constraint of a schema in turn.
func constraintProbes(schema map[string]any, what string, make func(v any) probe) []probe {
	var ps []probe
	add := func(name string, v any, want int) {
		p := make(v)
		p.name, p.want = what+" "+name, want
		ps = append(ps, p)
	}
	switch schema["type"] {
	case "string":
		add("a number", 5, 400)
		if n, ok := schema["minLength"].(float64); ok && n > 0 {
			add("shorter than minLength", strings.Repeat("a", int(n)-1), 400)
		}
		if e, ok := schema["enum"].([]any); ok {
			for _, v := range e {
				add("enum "+v.(string), v, 200)
			}
			add("not in enum", "not-in-the-enum", 400)
		}
		if _, ok := schema["pattern"]; ok {
			add("not matching pattern", "not-matching", 400)
		}
	case "integer":
		add("a fraction", 1.5, 400)
		if q := strings.HasPrefix(what, "query"); !q {
			add("a string", "1", 400)
		}
		if n, ok := schema["minimum"].(float64); ok {
			add("at minimum", int(n), 200)
			add("below minimum", int(n)-1, 400)
		}
		if n, ok := schema["maximum"].(float64); ok {
			add("at maximum", int(n), 200)
			add("above maximum", int(n)+1, 400)
		}
	}
	return ps
}

// record answers p through the handler.
func record(h http.Handler, p probe) (int, http.Header, []byte) {
	req := httptest.NewRequest(p.method, p.target, bytes.NewReader(p.body))
	req.Host = "localhost:8080"
	if p.host != "" {
		req.Host = p.host
	}
	if p.ctype != "" {
		req.Header.Set("Content-Type", p.ctype)
	}
	if p.ctx != nil {
		req = req.WithContext(p.ctx)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w.Code, w.Header(), w.Body.Bytes()
}

// slowUpload sends the headers and half the body of p, then waits for the
// server's answer.
func slowUpload(t *testing.T, addr string, p probe) (int, http.Header, []byte) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", p.target, addr, p.ctype, len(p.body))
	conn.Write(p.body[:len(p.body)/2])
	conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("slow upload to %s: %v", p.target, err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	return resp.StatusCode, resp.Header, buf.Bytes()
}

// The allowlist: localhost names and IP addresses always, names given in
// Options.AllowHosts, nothing else.
func TestHostAllowlist(t *testing.T) {
	s := New(Options{AllowHosts: []string{"unmask.internal:8080", ".corp.example", "Scan.Example."}})
	for host, want := range map[string]bool{
		"localhost": true, "localhost:8080": true, "LOCALHOST.": true, "app.localhost:1": true,
		"127.0.0.1:8080": true, "127.1.2.3": true, "[::1]:8080": true, "10.0.0.5:8080": true, "": true,
		"unmask.internal": true, "unmask.internal:9999": true,
		"corp.example": true, "a.corp.example": true, "a.b.corp.example:80": true,
		"scan.example": true, "SCAN.example:80": true,
		"evil.example": false, "evil.example:8080": false, "localhost.evil.example": false,
		"xcorp.example": false, "unmask.internal.evil.example": false, "127.0.0.1.nip.io": false,
	} {
		if got := s.hostAllowed(host); got != want {
			t.Errorf("hostAllowed(%q) = %v, want %v", host, got, want)
		}
	}
	if all := New(Options{AllowHosts: []string{"*"}}); !all.hostAllowed("evil.example") {
		t.Error(`"*" does not allow every Host`)
	}
}
