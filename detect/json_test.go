package detect

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestAppendJSONMatchesEncodingJSON holds Report.AppendJSON and
// Finding.AppendJSON to encoding/json's output (Encoder, SetEscapeHTML
// false) on reports with every kind of finding and characters to escape.
// (Package server fuzzes the same on any text.)
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	std := func(v any) []byte {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	}
	for _, text := range []string{
		"",
		"w\u03bfrld \"quoted\" <b>&amp;</b> back\\slash \u2028 caf\xe9 \xff",
		"\U0001d41b\U0001d428\U0001d425\U0001d41d aut\u200bomatic \U000e0068\U000e0069 \u202etxt.exe",
		"Z\u0351\u0352\u0353\u0354\u0355a\u0356\u0357\u0358\u0359lgo \u0441\u043e\u0440",
	} {
		rep := ScanString(text)
		if got, want := rep.AppendJSON(nil), std(rep); !bytes.Equal(got, want) {
			t.Errorf("Report %q:\n got %s\nwant %s", text, got, want)
		}
		for i := range rep.Findings {
			f := &rep.Findings[i]
			if got, want := f.AppendJSON(nil), std(*f); !bytes.Equal(got, want) {
				t.Errorf("Finding %d of %q:\n got %s\nwant %s", i, text, got, want)
			}
		}
	}
	empty := Report{Verdict: Clean, Counts: map[Kind]int{}}
	if got, want := empty.AppendJSON(nil), std(empty); !bytes.Equal(got, want) {
		t.Errorf("report without findings: got %s want %s", got, want)
	}
}
