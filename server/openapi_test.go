package server

import (
	"encoding/json"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/unmaskdev/unmask/detect"
	"github.com/unmaskdev/unmask/index"
)

type openapiDoc struct {
	OpenAPI    string                                `json:"openapi"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"schemas"`
	} `json:"components"`
}

func loadOpenAPI(t *testing.T) openapiDoc {
	t.Helper()
	var doc openapiDoc
	if err := json.Unmarshal(openapiJSON, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi version %q", doc.OpenAPI)
	}
	return doc
}

// openapiPath turns a net/http pattern path into an OpenAPI path.
func openapiPath(p string) string {
	p = strings.TrimSuffix(p, "{$}")
	return strings.ReplaceAll(p, "...}", "}")
}

// The mux and openapi.json list the same operations: each route is
// documented, each documented operation is routed (and answers neither 404
// nor 405 through the real handler).
func TestOpenAPIMatchesRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	s := New(Options{})
	routed := map[string]bool{}
	for _, rt := range s.routes() {
		op := strings.ToLower(rt.method) + " " + openapiPath(rt.path)
		routed[op] = true
		if _, ok := doc.Paths[openapiPath(rt.path)][strings.ToLower(rt.method)]; !ok {
			t.Errorf("route %s %s is not in openapi.json", rt.method, rt.path)
		}
	}
	var documented []string
	for path, ops := range doc.Paths {
		for method := range ops {
			if method == "parameters" {
				continue
			}
			documented = append(documented, method+" "+path)
		}
	}
	sort.Strings(documented)
	h := s.Handler()
	for _, op := range documented {
		if !routed[op] {
			t.Errorf("openapi.json documents %s, which no route serves", op)
			continue
		}
		method, path, _ := strings.Cut(op, " ")
		path = strings.ReplaceAll(path, "{file}", "app.js")
		w := call(t, h, strings.ToUpper(method), path, "application/json", []byte(`{"text": "x", "a": "x", "b": "y"}`))
		if w.Code == http.StatusNotFound || w.Code == http.StatusMethodNotAllowed {
			t.Errorf("%s answers %d through the mux", op, w.Code)
		}
	}
	if len(documented) != len(routed) {
		t.Errorf("%d documented operations, %d routes", len(documented), len(routed))
	}
}

// jsonFields lists the JSON names of a struct's fields.
func jsonFields(v any) []string {
	var out []string
	typ := reflect.TypeOf(v)
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, name)
	}
	return out
}

// The schemas in openapi.json name every field the handlers send, so a field
// added to detect.Finding or index.Match shows up here.
func TestOpenAPISchemasHaveEveryField(t *testing.T) {
	doc := loadOpenAPI(t)
	for schema, v := range map[string]any{
		"Finding":           detect.Finding{},
		"Report":            detect.Report{},
		"CleanResult":       cleanResponse{},
		"SkeletonResult":    skeletonResponse{},
		"ConfusableResult":  confusableResponse{},
		"TraceResult":       index.Result{},
		"Match":             index.Match{},
		"Span":              index.Span{},
		"Health":            health{},
		"Error":             apiError{},
		"TextRequest":       textRequest{},
		"SkeletonRequest":   skeletonRequest{},
		"ConfusableRequest": confusableRequest{},
		"TraceRequest":      traceRequest{},
	} {
		props := doc.Components.Schemas[schema].Properties
		if props == nil {
			t.Errorf("openapi.json has no schema %s", schema)
			continue
		}
		fields := jsonFields(v)
		for _, f := range fields {
			if _, ok := props[f]; !ok {
				t.Errorf("schema %s lacks field %q", schema, f)
			}
		}
		if len(props) != len(fields) {
			t.Errorf("schema %s has %d properties, the Go type %d fields %v", schema, len(props), len(fields), fields)
		}
	}
}
