package jsonl_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/unmaskdev/unmask/jsonl"
)

// Set changes one field and leaves every other byte of the record as it
// was written: field order, spacing inside values and escapes.
func ExampleRecord_Set() {
	rec, err := jsonl.Parse([]byte(`{"id":7,"text":"caf\u00e9","tags":[1, 2]}`))
	if err != nil {
		panic(err)
	}
	text, _ := rec.String("text")
	fmt.Println(text)
	rec.Set("text", strings.ToUpper(text))
	fmt.Println(string(rec.AppendTo(nil)))
	// Output:
	// café
	// {"id":7,"text":"CAFÉ","tags":[1, 2]}
}

// A repeated key is an error of its own (RFC 7493): readers disagree on
// which value counts, so none is chosen.
func ExampleParse_duplicateKey() {
	_, err := jsonl.Parse([]byte(`{"text":"clean","text":"disguised"}`))
	fmt.Println(err)
	// Output: key "text" is repeated (a repeated key is an error: readers disagree on which value counts)
}

// Map works on every core and writes results in input order; a line fn
// refuses is reported with its number and written unchanged, so count in
// equals count out.
func ExampleMap() {
	in := "{\"n\":1}\nbroken\n{\"n\":3}\n"
	var out bytes.Buffer
	var refused []int
	n, err := jsonl.Map(strings.NewReader(in), &out, jsonl.Options{},
		func(line int, b []byte) ([]byte, error) {
			if !bytes.HasPrefix(b, []byte("{")) {
				return nil, fmt.Errorf("not an object")
			}
			return append(b[:len(b)-1:len(b)-1], `,"seen":true}`...), nil
		},
		func(e *jsonl.LineError) { refused = append(refused, e.Line) })
	fmt.Print(out.String())
	fmt.Println(n, err, "refused:", refused)
	// Output:
	// {"n":1,"seen":true}
	// broken
	// {"n":3,"seen":true}
	// 3 <nil> refused: [2]
}
