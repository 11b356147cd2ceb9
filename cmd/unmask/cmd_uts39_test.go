package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/uts39"
)

// runUTS runs the CLI in-process with stdin.
func runUTS(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestSkeletonCommand(t *testing.T) {
	code, out, _ := runUTS(t, "", "skeleton", "paypal", "pаypаl", "𝔭𝒶ỿ𝕡𝕒ℓ", "m0")
	if code != exitClean || out != "paypal\npaypal\npaypal\nrnO\n" {
		t.Errorf("skeleton args: %d %q", code, out)
	}
	// stdin: one skeleton per line, count in = count out, empty lines kept,
	// invalid UTF-8 as U+FFFD, a last line without "\n" still counted.
	code, out, errs := runUTS(t, "paypal\n\npаypаl\n\xed\xa0\x80\nlast", "skeleton")
	if code != exitClean || out != "paypal\n\npaypal\n\uFFFD\uFFFD\uFFFD\nlast\n" {
		t.Errorf("skeleton stdin: %d %q", code, out)
	}
	if !strings.Contains(errs, "line 4: invalid UTF-8") {
		t.Errorf("skeleton stdin: no warning for line 4: %q", errs)
	}
	code, out, _ = runUTS(t, "ѕсоре\n\xff\n", "skeleton", "--json")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != exitClean || len(lines) != 2 {
		t.Fatalf("skeleton --json: %d %q", code, out)
	}
	var rec skeletonRecord
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil || rec.Text != "ѕсоре" || rec.Skeleton != "scope" || rec.InvalidUTF8 {
		t.Errorf("skeleton --json line 1: %v %+v", err, rec)
	}
	if err := json.Unmarshal([]byte(lines[1]), &rec); err != nil || !rec.InvalidUTF8 || rec.Skeleton != "\uFFFD" {
		t.Errorf("skeleton --json line 2: %v %+v", err, rec)
	}
	// --bidi: "A1א" and "Aא1" look the same in an LTR paragraph only.
	_, ltr, _ := runUTS(t, "", "skeleton", "--bidi", "ltr", "A1א", "Aא1")
	_, rtl, _ := runUTS(t, "", "skeleton", "--bidi", "rtl", "A1א", "Aא1")
	if l := strings.Split(ltr, "\n"); l[0] != l[1] {
		t.Errorf("--bidi ltr: %q", ltr)
	}
	if l := strings.Split(rtl, "\n"); l[0] == l[1] {
		t.Errorf("--bidi rtl: %q", rtl)
	}
	if code, _, errs := runUTS(t, "", "skeleton", "--bidi", "up", "x"); code != exitError || !strings.Contains(errs, "--bidi") {
		t.Errorf("bad --bidi: %d %q", code, errs)
	}
}

// TestSkeletonStdinBlocks: a stdin of many blocks (see mapLines), worked on
// several cores, gives each line's skeleton in order, with its "\r" kept, in
// every mode, and warns of each invalid line by its number.
func TestSkeletonStdinBlocks(t *testing.T) {
	words := []string{"paypal", "pаypаl", "𝔭𝒶ỿ𝕡𝕒ℓ", "m0", "Ελληνικά", "\xff", "A1א", "e\u0301", "", "x\r"}
	var in strings.Builder
	var bad []string
	for i := range 30000 {
		w := words[i%len(words)]
		in.WriteString(w + " " + w + "\n")
		if w == "\xff" {
			bad = append(bad, fmt.Sprintf("line %d: invalid UTF-8", i+1))
		}
	}
	lines := strings.SplitAfter(in.String(), "\n")
	lines = lines[:len(lines)-1]
	for _, mode := range [][]string{{}, {"--json"}, {"--bidi", "rtl"}} {
		var want strings.Builder
		for _, l := range lines {
			l = strings.TrimSuffix(l, "\n")
			switch {
			case len(mode) == 0:
				want.WriteString(uts39.Skeleton(l) + "\n")
			case mode[0] == "--json":
				want.Write(appendRecord(nil, skeletonRecord{Text: l, Skeleton: uts39.Skeleton(l), InvalidUTF8: !utf8.ValidString(l)}))
			default:
				want.WriteString(uts39.BidiSkeleton(uts39.RTL, l) + "\n")
			}
		}
		code, out, errs := runUTS(t, in.String(), append([]string{"skeleton", "-j", "3"}, mode...)...)
		if code != exitClean || out != want.String() {
			t.Fatalf("skeleton %v: exit %d, output differs (%d bytes, want %d)", mode, code, len(out), want.Len())
		}
		if got := strings.Count(errs, "invalid UTF-8"); got != len(bad) {
			t.Errorf("skeleton %v: %d warnings, want %d", mode, got, len(bad))
		}
		for _, b := range bad[:3] {
			if !strings.Contains(errs, b) {
				t.Errorf("skeleton %v: no warning %q", mode, b)
			}
		}
	}
}

// TestIdentStdinBlocks: a stdin of many blocks, checked on several cores,
// gives each line's report in order, and the exit status says whether any
// line, even the last, is beyond Highly Restrictive.
func TestIdentStdinBlocks(t *testing.T) {
	good := []string{"paypal", "Ελληνικά", "abc漢字", "user_name"}
	var in strings.Builder
	for i := range 20000 {
		in.WriteString(good[i%len(good)] + "\n")
	}
	for _, last := range []string{"", "pаypаl"} { // "": every line at most Highly Restrictive
		text := in.String() + last
		for _, mode := range [][]string{{}, {"--json"}} {
			var want bytes.Buffer
			wantCode := exitClean
			for _, l := range strings.SplitAfter(strings.TrimSuffix(text, "\n"), "\n") {
				rec := identify(strings.TrimSuffix(l, "\n"))
				if !rec.OK {
					wantCode = exitFound
				}
				if len(mode) > 0 {
					want.Write(appendRecord(nil, rec))
				} else {
					printIdent(&want, rec)
				}
			}
			if (last == "") != (wantCode == exitClean) {
				t.Fatalf("test data: last line %q gives exit %d", last, wantCode)
			}
			code, out, _ := runUTS(t, text, append([]string{"ident", "-j", "3"}, mode...)...)
			if code != wantCode || out != want.String() {
				t.Fatalf("ident %v, last line %q: exit %d (want %d), output differs (%d bytes, want %d)", mode, last, code, wantCode, len(out), want.Len())
			}
		}
	}
}

func TestConfusableCommand(t *testing.T) {
	tests := []struct {
		a, b string
		code int
		kind string
	}{
		{"paypal", "pаypаl", exitClean, "mixed-script"},
		{"scope", "ѕсоре", exitClean, "whole-script"},
		{"ǉeto", "ljeto", exitClean, "single-script"},
		{"paypal", "PayPal", exitFound, "not confusable"},
	}
	for _, tt := range tests {
		code, out, _ := runUTS(t, "", "confusable", tt.a, tt.b)
		if code != tt.code || !strings.HasPrefix(out, tt.kind) {
			t.Errorf("confusable %q %q: %d %q", tt.a, tt.b, code, out)
		}
		code, out, _ = runUTS(t, "", "confusable", "--json", tt.a, tt.b)
		var rec confusableRecord
		if err := json.Unmarshal([]byte(out), &rec); err != nil || code != tt.code || rec.Kind != tt.kind || rec.Confusable != (tt.code == exitClean) {
			t.Errorf("confusable --json %q %q: %d %v %+v", tt.a, tt.b, code, err, rec)
		}
	}
	if code, _, _ := runUTS(t, "", "confusable", "--bidi", "ltr", "A1א", "Aא1"); code != exitClean {
		t.Error("A1א and Aא1 are LTR-confusable")
	}
	if code, _, _ := runUTS(t, "", "confusable", "--bidi", "rtl", "A1א", "Aא1"); code != exitFound {
		t.Error("A1א and Aא1 are not RTL-confusable")
	}
	for _, args := range [][]string{{"confusable"}, {"confusable", "a"}, {"confusable", "a", "b", "c"}, {"confusable", "--bidi", "x", "a", "b"}} {
		if code, _, errs := runUTS(t, "", args...); code != exitError || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
}

func TestIdentCommand(t *testing.T) {
	code, out, _ := runUTS(t, "", "ident", "paypal", "Ελληνικά", "abc漢字")
	if code != exitClean || !strings.Contains(out, "ASCII-Only") || !strings.Contains(out, "Single Script") || !strings.Contains(out, "Highly Restrictive") {
		t.Errorf("ident good inputs: %d\n%s", code, out)
	}
	code, out, _ = runUTS(t, "", "ident", "paypal", "pаypаl")
	if code != exitFound || !strings.Contains(out, "U+0430") || !strings.Contains(out, "CYRILLIC SMALL LETTER A") || !strings.Contains(out, "Minimally Restrictive") {
		t.Errorf("ident mixed: %d\n%s", code, out)
	}
	// stdin, JSON Lines: one record per line, in order.
	code, out, _ = runUTS(t, "pay pal\n8৪\ni\u0307\n\xff\n", "ident", "--json")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != exitFound || len(lines) != 4 {
		t.Fatalf("ident --json: %d %q", code, out)
	}
	var recs []identRecord
	for _, l := range lines {
		var r identRecord
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("bad JSON line %q: %v", l, err)
		}
		recs = append(recs, r)
	}
	if r := recs[0]; r.Status != "Restricted" || r.RestrictionLevel != "Unrestricted" || r.ScriptLevel != "ASCII-Only" ||
		len(r.Restricted) != 1 || r.Restricted[0].Code != "U+0020" || r.Restricted[0].Name != "SPACE" || !strings.Contains(r.Restricted[0].Why, "Not_XID") || r.OK {
		t.Errorf("pay pal: %+v", r)
	}
	if r := recs[1]; !r.MixedNumbers || len(r.NumberSystems) != 2 || len(r.Findings) != 1 || r.Findings[0].Code != "U+09EA" || !r.OK {
		t.Errorf("8৪: %+v", r)
	}
	if r := recs[2]; len(r.Findings) != 1 || !strings.HasPrefix(r.Findings[0].Why, "hidden-overlay") {
		t.Errorf("i + dot above: %+v", r)
	}
	if r := recs[3]; !r.InvalidUTF8 || r.Status != "Restricted" || len(r.Restricted) != 1 || r.Restricted[0].Code != "byte 0xFF" {
		t.Errorf("invalid byte: %+v", r)
	}
	if code, out, _ := runUTS(t, "", "ident", ""); code != exitClean || !strings.Contains(out, "ASCII-Only") {
		t.Errorf("empty identifier: %d %q", code, out)
	}
}
