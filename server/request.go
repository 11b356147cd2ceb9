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
	"strings"
	"unicode/utf8"
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

// decodeJSON decodes one JSON object from body into v, strictly: unknown
// fields and trailing data are errors, so a misspelt field is not taken for
// an empty text.
func decodeJSON(body []byte, v any, example string) *apiError {
	if !utf8.Valid(body) {
		i := invalidAt(body)
		return errorf(http.StatusBadRequest,
			"JSON body is not valid UTF-8 (first bad byte at offset %d): JSON must be UTF-8; to scan raw bytes, send them as Content-Type: text/plain and each invalid byte is reported", i)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("data after the JSON object")
	}
	if err == nil {
		return nil
	}
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
		msg string
	)
	switch {
	case errors.Is(err, io.EOF):
		msg = "the body is empty"
	case errors.As(err, &syn):
		msg = fmt.Sprintf("malformed JSON at byte %d: %v", syn.Offset, syn)
	case errors.As(err, &typ):
		if typ.Field != "" {
			msg = fmt.Sprintf("field %q must be %s, not a JSON %s", typ.Field, jsonType(typ.Type.Kind().String()), typ.Value)
		} else {
			msg = fmt.Sprintf("the body must be a JSON object, not a JSON %s", typ.Value)
		}
	case errors.Is(err, io.ErrUnexpectedEOF):
		msg = "the JSON ends too early"
	default:
		msg = strings.TrimPrefix(err.Error(), "json: ")
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

func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
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
