package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"reflect"
	"strings"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/unmaskdev/unmask/jsonl"
)

// apiError is an error answered as JSON: {"error": message, "status": code}.
// The message says what to do about it.
type apiError struct {
	Status  int    `json:"status"`
	Message string `json:"error"`
}

func (e *apiError) Error() string { return e.Message }

func errorf(status int, format string, a ...any) *apiError {
	return &apiError{Status: status, Message: fmt.Sprintf(format, a...)}
}

// writeJSON answers v as JSON. HTML is not escaped: the characters the API
// reports (<, >, &) must read as they are.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		status, buf = http.StatusInternalServerError, bytes.Buffer{}
		fmt.Fprintf(&buf, "{\"status\":500,\"error\":%q}\n", "encoding the response failed: "+err.Error())
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", fmt.Sprint(buf.Len()))
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func writeError(w http.ResponseWriter, e *apiError) { writeJSON(w, e.Status, e) }

// bodyKind says how a request body is to be read.
type bodyKind int

const (
	bodyJSON bodyKind = iota // {"text": "..."}
	bodyText                 // the body is the text, bytes as they are
)

// readBody reads the whole body, at most max bytes, and says whether it is
// JSON or raw text from its Content-Type. No Content-Type means text, so that
// `curl --data-binary @file -H 'Content-Type:'` and plain clients work.
func readBody(w http.ResponseWriter, r *http.Request, max int64, textOK bool) ([]byte, bodyKind, *apiError) {
	kind, aerr := contentKind(r.Header.Get("Content-Type"), textOK)
	if aerr != nil {
		return nil, 0, aerr
	}
	if r.ContentLength > max {
		return nil, 0, tooLarge(max)
	}
	size := 512
	if r.ContentLength > 0 {
		size = int(r.ContentLength) + bytes.MinRead // ReadFrom wants MinRead free before each read: no grow at EOF
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	_, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, max))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, 0, tooLarge(max)
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			// the server's read timeout (ReadTimeout) cut the upload off
			return nil, 0, errorf(http.StatusRequestTimeout,
				"the request body did not arrive within the server's %s read timeout: send it faster, or split the text", ReadTimeout)
		}
		return nil, 0, errorf(http.StatusBadRequest, "reading the request body failed: %v", err)
	}
	return buf.Bytes(), kind, nil
}

func tooLarge(max int64) *apiError {
	return errorf(http.StatusRequestEntityTooLarge,
		"request body is larger than the %s limit: split the text, or start the server with a larger --max-bytes", humanBytes(max))
}

func contentKind(ct string, textOK bool) (bodyKind, *apiError) {
	const want = "send Content-Type: application/json with a JSON object"
	if ct == "" {
		if textOK {
			return bodyText, nil
		}
		return 0, errorf(http.StatusUnsupportedMediaType, "no Content-Type: %s", want)
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return 0, errorf(http.StatusUnsupportedMediaType, "cannot parse Content-Type %q: %v", ct, err)
	}
	switch {
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		return bodyJSON, nil
	case textOK && (mt == "text/plain" || mt == "application/octet-stream"):
		switch cs := strings.ToLower(params["charset"]); cs {
		case "", "utf-8", "utf8", "us-ascii":
			return bodyText, nil
		default:
			return 0, errorf(http.StatusUnsupportedMediaType,
				"charset %q is not supported: convert the text to UTF-8 first (invalid UTF-8 bytes are reported, not rejected)", cs)
		}
	}
	if textOK {
		return 0, errorf(http.StatusUnsupportedMediaType,
			"Content-Type %q is not accepted: send application/json with {\"text\": \"…\"}, or the raw text as text/plain (curl: -H 'Content-Type: text/plain' --data-binary @FILE)", mt)
	}
	return 0, errorf(http.StatusUnsupportedMediaType, "Content-Type %q is not accepted: %s", mt, want)
}

// decodeJSON decodes one JSON object from body into v by the module's JSON
// reading policy (jsonl.Unmarshal), strictly: unknown fields, a repeated
// key and trailing data are errors, so a misspelt field is not taken for an
// empty text and no reader downstream sees another text than the one
// scanned. Invalid UTF-8 and lone surrogates in strings are kept, for the
// scan to report, as the CLI reads JSON Lines.
func decodeJSON(body []byte, v any, example string) *apiError {
	if len(bytes.TrimSpace(body)) == 0 {
		return errorf(http.StatusBadRequest, "the body is empty; send %s", example)
	}
	err := jsonl.Unmarshal(body, v)
	if err == nil {
		if bytes.TrimSpace(body)[0] == 'n' { // null: decoded into nothing
			return errorf(http.StatusBadRequest, "the body must be a JSON object, not a JSON null; send %s", example)
		}
		return nil
	}
	var (
		dup *jsonl.DuplicateKeyError
		syn *jsontext.SyntacticError
		sem *jsonv2.SemanticError
		msg string
	)
	switch {
	case errors.As(err, &dup):
		name := dup.Key
		if dup.Object != "" {
			name = dup.Object[1:] + "/" + name
		}
		msg = fmt.Sprintf("field %q appears more than once: a repeated key is an error (RFC 7493), as readers disagree on which value counts", name)
	case errors.Is(err, jsonl.ErrTrailingData):
		msg = "data after the JSON object"
	case errors.Is(err, io.ErrUnexpectedEOF):
		msg = "the JSON ends too early"
	case errors.As(err, &syn):
		msg = fmt.Sprintf("malformed JSON at byte %d: %v", syn.ByteOffset, syn.Err)
	case errors.As(err, &sem) && errors.Is(err, jsonv2.ErrUnknownName):
		msg = fmt.Sprintf("unknown field %q", sem.JSONPointer.LastToken())
	case errors.As(err, &sem) && sem.JSONPointer == "" && sem.JSONKind != '{':
		msg = fmt.Sprintf("the body must be a JSON object, not a JSON %s", kindName(sem.JSONKind))
	case errors.As(err, &sem) && sem.GoType != nil:
		t := sem.GoType
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		msg = fmt.Sprintf("field %q must be %s, not a JSON %s", strings.TrimPrefix(string(sem.JSONPointer), "/"), jsonType(t.Kind().String()), kindName(sem.JSONKind))
		if sem.JSONKind == '0' && len(sem.JSONValue) > 0 { // a number, but not one the field holds
			msg = fmt.Sprintf("field %q must be %s, not %s", strings.TrimPrefix(string(sem.JSONPointer), "/"), jsonType(t.Kind().String()), sem.JSONValue)
		}
	default:
		msg = err.Error()
	}
	return errorf(http.StatusBadRequest, "%s; send %s", msg, example)
}

func jsonType(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "int", "int64":
		return "a whole number"
	case "bool":
		return "true or false"
	}
	return "a " + goKind
}

// kindName names a JSON kind as encoding/json's errors did.
func kindName(k jsontext.Kind) string {
	switch k {
	case '"':
		return "string"
	case '0':
		return "number"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	case '{':
		return "object"
	case '[':
		return "array"
	}
	return "value"
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
