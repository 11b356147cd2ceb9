// Package ucdfile reads data files in the format of the Unicode Character
// Database (UAX #44 §4.2): UnicodeData.txt, Scripts.txt, PropList.txt,
// confusables.txt and their kin. A data line holds fields separated by ';'
// and may end in a comment after '#'; blank and comment-only lines carry no
// data. Code points are hexadecimal, ranges are written "XXXX..YYYY" and
// sequences are code points separated by spaces.
//
// It serves the table generator of this module (ucd/gen.go
// and its tests), which must agree on how these files are read.
package ucdfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxLine is the longest line Read accepts, in bytes.
const MaxLine = 1 << 20

// ParseLine splits one line into its ';'-separated fields, each trimmed of
// white space, and the comment after the first '#', trimmed too. ok is false
// for a blank or comment-only line, which carries no data.
func ParseLine(s string) (fields []string, comment string, ok bool) {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s, comment = s[:i], strings.TrimSpace(s[i+1:])
	}
	if strings.TrimSpace(s) == "" {
		return nil, comment, false
	}
	fields = strings.Split(s, ";")
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	return fields, comment, true
}

// ParseCodePoint parses a code point written in hexadecimal ("0041", "1F600"),
// with or without surrounding white space. Surrogates are accepted, as the
// files list them; values above U+10FFFF are not.
func ParseCodePoint(s string) (rune, error) {
	t := strings.TrimSpace(s)
	// ParseUint would also take a "0x" prefix or underscores only with base 0;
	// with base 16 it takes plain hex digits, which is the file format.
	v, err := strconv.ParseUint(t, 16, 32)
	if err != nil || v > utf8.MaxRune {
		return 0, fmt.Errorf("bad code point %q", s)
	}
	return rune(v), nil
}

// ParseRange parses a code point ("0041") or an inclusive range
// ("0041..005A"); for a single code point lo == hi.
func ParseRange(s string) (lo, hi rune, err error) {
	a, b, isRange := strings.Cut(s, "..")
	if lo, err = ParseCodePoint(a); err != nil {
		return 0, 0, err
	}
	hi = lo
	if isRange {
		if hi, err = ParseCodePoint(b); err != nil {
			return 0, 0, err
		}
		if hi < lo {
			return 0, 0, fmt.Errorf("bad range %q: end before start", s)
		}
	}
	return lo, hi, nil
}

// ParseSeq parses a sequence of code points separated by white space
// ("0041 0301"). An empty or blank s is the empty sequence.
func ParseSeq(s string) ([]rune, error) {
	var rs []rune
	for _, f := range strings.Fields(s) {
		r, err := ParseCodePoint(f)
		if err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	return rs, nil
}

// Line is one data line of a file, handed to the function given to Read.
//
// Its parsing methods never fail out loud: on a missing or malformed field
// they give a zero value and record the first error, which Read reports with
// the line number once the function returns. A generator can so read a field
// in one expression and still have every bad line named.
type Line struct {
	Num     int      // 1-based line number in the file
	Fields  []string // the ';'-separated fields, trimmed of white space
	Comment string   // the comment after '#', trimmed; "" if none
	err     error
}

// Field returns field i, or "" and records an error if the line has fewer fields.
func (l *Line) Field(i int) string {
	if i < 0 || i >= len(l.Fields) {
		l.fail(fmt.Errorf("field %d missing: the line has %d", i, len(l.Fields)))
		return ""
	}
	return l.Fields[i]
}

// CodePoint parses field i as one code point (see ParseCodePoint).
func (l *Line) CodePoint(i int) rune {
	r, err := ParseCodePoint(l.Field(i))
	l.fieldErr(i, err)
	return r
}

// Range parses field i as a code point or range (see ParseRange).
func (l *Line) Range(i int) (lo, hi rune) {
	lo, hi, err := ParseRange(l.Field(i))
	l.fieldErr(i, err)
	return lo, hi
}

// Seq parses field i as a sequence of code points (see ParseSeq).
func (l *Line) Seq(i int) []rune {
	rs, err := ParseSeq(l.Field(i))
	l.fieldErr(i, err)
	return rs
}

// Errorf records an error found in the line's content (an unknown property
// value, say), which Read reports with the line number.
func (l *Line) Errorf(format string, args ...any) {
	l.fail(fmt.Errorf(format, args...))
}

// Err returns the first error recorded for the line.
func (l *Line) Err() error { return l.err }

func (l *Line) fieldErr(i int, err error) {
	if err != nil && i >= 0 && i < len(l.Fields) {
		l.fail(fmt.Errorf("field %d: %w", i, err))
	}
}

func (l *Line) fail(err error) {
	if l.err == nil {
		l.err = err
	}
}

// Error is an error of one line of a file.
type Error struct {
	Path string // the file, when known
	Line int    // 1-based; 0 when the error is not tied to a line
	Err  error
}

func (e *Error) Error() string {
	switch {
	case e.Path != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	case e.Path != "":
		return fmt.Sprintf("%s: %v", e.Path, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// Read calls f with every data line of r, in order. It stops at the first
// error recorded on a line by f (see Line) or met reading r, and returns it
// as an *Error naming the line. A byte order mark before the first line is
// skipped.
func Read(r io.Reader, f func(l *Line)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), MaxLine)
	num := 0
	for sc.Scan() {
		num++
		s := sc.Text()
		if num == 1 {
			s = strings.TrimPrefix(s, "\uFEFF")
		}
		fields, comment, ok := ParseLine(s)
		if !ok {
			continue
		}
		l := Line{Num: num, Fields: fields, Comment: comment}
		f(&l)
		if l.err != nil {
			return &Error{Line: num, Err: l.err}
		}
	}
	if err := sc.Err(); err != nil {
		// The scanner stopped on the line after the last one it returned.
		return &Error{Line: num + 1, Err: err}
	}
	return nil
}

// ReadFile is Read on the file at path; its errors name the file.
func ReadFile(path string, f func(l *Line)) error {
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	if err := Read(fh, f); err != nil {
		if e, ok := errors.AsType[*Error](err); ok {
			e.Path = path
		}
		return err
	}
	return nil
}

// Run is a maximal run of consecutive code points sharing one value.
type Run[V comparable] struct {
	Lo, Hi rune
	Value  V
}

// Compact turns per-code-point values into their maximal runs, sorted by
// code point. Zero values are left out: a table of runs reads absent as zero.
func Compact[V comparable](vals map[rune]V) []Run[V] {
	var zero V
	keys := make([]rune, 0, len(vals))
	for r, v := range vals {
		if v != zero {
			keys = append(keys, r)
		}
	}
	slices.Sort(keys)
	var out []Run[V]
	for _, r := range keys {
		v := vals[r]
		if n := len(out); n > 0 && out[n-1].Hi == r-1 && out[n-1].Value == v {
			out[n-1].Hi = r
			continue
		}
		out = append(out, Run[V]{r, r, v})
	}
	return out
}
