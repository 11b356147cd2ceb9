package jsonl

import (
	"bytes"
	"errors"
	"io"

	json "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// ErrTrailingData is the error of Unmarshal for input with more after the value.
var ErrTrailingData = errors.New("data after the JSON value")

// unmarshalOpts are decodeOpts for Unmarshal, with strings read as
// Record.String reads them.
var unmarshalOpts = json.JoinOptions(
	jsontext.AllowDuplicateNames(false), jsontext.AllowInvalidUTF8(true),
	json.RejectUnknownMembers(true),
	json.WithUnmarshalers(json.UnmarshalFromFunc(func(dec *jsontext.Decoder, s *string) error {
		if dec.PeekKind() != '"' {
			return json.SkipFunc // null, or the wrong kind: as json decides
		}
		v, err := dec.ReadValue()
		if err != nil {
			return err
		}
		*s = unquote(v)
		return nil
	})),
)

// Unmarshal decodes the one JSON value of data into v, a pointer to a struct
// (a request of the HTTP API), by the reading policy of Parse: a key
// repeated in any object is a *DuplicateKeyError, and strings are read as
// Record.String reads them, nothing replaced by U+FFFD. It is strict as a
// request decoder should be: a member v has no field for is an error
// (json.ErrUnknownName), names match exactly, not ignoring case (encoding/json
// would read "TEXT" as "text", and take the last of the two), and anything
// after the value is ErrTrailingData. Other errors are those of
// github.com/go-json-experiment/json: a *jsontext.SyntacticError or a
// *json.SemanticError, locating the problem.
func Unmarshal(data []byte, v any) error {
	dec := jsontext.NewDecoder(bytes.NewReader(data), unmarshalOpts)
	if err := json.UnmarshalDecode(dec, v, unmarshalOpts); err != nil {
		return duplicateKey(err)
	}
	if _, err := dec.ReadToken(); err != io.EOF {
		return ErrTrailingData
	}
	return nil
}
