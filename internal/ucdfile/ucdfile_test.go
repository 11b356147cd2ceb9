package ucdfile

import (
	"bufio"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseLine(t *testing.T) {
	tests := []struct {
		in      string
		fields  []string
		comment string
		ok      bool
	}{
		{"", nil, "", false},
		{"   \t", nil, "", false},
		{"# Scripts-17.0.0.txt", nil, "Scripts-17.0.0.txt", false},
		{"#", nil, "", false},
		{"  # @missing: 0000..10FFFF; Unknown", nil, "@missing: 0000..10FFFF; Unknown", false},
		{"0000..001F    ; Common # Cc  [32] <control-0000>..<control-001F>",
			[]string{"0000..001F", "Common"}, "Cc  [32] <control-0000>..<control-001F>", true},
		{"0041;LATIN CAPITAL LETTER A;Lu;0;L;;;;;N;;;;0061;",
			[]string{"0041", "LATIN CAPITAL LETTER A", "Lu", "0", "L", "", "", "", "", "N", "", "", "", "0061", ""}, "", true},
		{"0441 ;\t0063 ;\tMA\t# ( с → c ) CYRILLIC SMALL LETTER ES → LATIN SMALL LETTER C\t# ",
			[]string{"0441", "0063", "MA"}, "( с → c ) CYRILLIC SMALL LETTER ES → LATIN SMALL LETTER C\t#", true},
		{"0028; 0029; o # LEFT PARENTHESIS", []string{"0028", "0029", "o"}, "LEFT PARENTHESIS", true},
		{";", []string{"", ""}, "", true},
		{"x", []string{"x"}, "", true},
		{"a ; b#c#d", []string{"a", "b"}, "c#d", true},
	}
	for _, tt := range tests {
		fields, comment, ok := ParseLine(tt.in)
		if !reflect.DeepEqual(fields, tt.fields) || comment != tt.comment || ok != tt.ok {
			t.Errorf("ParseLine(%q) = %q, %q, %v; want %q, %q, %v", tt.in, fields, comment, ok, tt.fields, tt.comment, tt.ok)
		}
	}
}

func TestParseCodePoint(t *testing.T) {
	tests := []struct {
		in      string
		want    rune
		wantErr bool
	}{
		{"0041", 'A', false},
		{"41", 'A', false},
		{" 1F600 ", 0x1F600, false},
		{"10FFFF", 0x10FFFF, false},
		{"d800", 0xD800, false}, // surrogates are listed in the files
		{"0000", 0, false},
		{"0000000041", 'A', false},
		{"110000", 0, true},
		{"FFFFFFFF", 0, true},
		{"100000000", 0, true},
		{"", 0, true},
		{" ", 0, true},
		{"0x41", 0, true},
		{"+41", 0, true},
		{"-41", 0, true},
		{"4_1", 0, true},
		{"00G1", 0, true},
		{"0041 0042", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseCodePoint(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseCodePoint(%q) = %U, %v; want %U, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestParseRange(t *testing.T) {
	tests := []struct {
		in      string
		lo, hi  rune
		wantErr bool
	}{
		{"0041", 'A', 'A', false},
		{"0041..005A", 'A', 'Z', false},
		{" 0041 .. 005A ", 'A', 'Z', false},
		{"0000..10FFFF", 0, 0x10FFFF, false},
		{"0041..0041", 'A', 'A', false},
		{"005A..0041", 0, 0, true},
		{"0041..", 0, 0, true},
		{"..0041", 0, 0, true},
		{"0041...005A", 0, 0, true},
		{"0041..0042..0043", 0, 0, true},
		{"0041-005A", 0, 0, true},
		{"0041..110000", 0, 0, true},
		{"", 0, 0, true},
	}
	for _, tt := range tests {
		lo, hi, err := ParseRange(tt.in)
		if (err != nil) != tt.wantErr || lo != tt.lo || hi != tt.hi {
			t.Errorf("ParseRange(%q) = %U, %U, %v; want %U, %U, error %v", tt.in, lo, hi, err, tt.lo, tt.hi, tt.wantErr)
		}
	}
}

func TestParseSeq(t *testing.T) {
	tests := []struct {
		in      string
		want    []rune
		wantErr bool
	}{
		{"", nil, false},
		{"   ", nil, false},
		{"0041", []rune{'A'}, false},
		{"0041 0301", []rune{'A', 0x301}, false},
		{" 0072\t0335 ", []rune{'r', 0x335}, false},
		{"0041 XYZ", nil, true},
		{"0041,0301", nil, true},
		{"0041 110000", nil, true},
	}
	for _, tt := range tests {
		got, err := ParseSeq(tt.in)
		if (err != nil) != tt.wantErr || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseSeq(%q) = %U, %v; want %U, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

// sample is a made-up file in the format of Scripts.txt, with a byte order mark.
const sample = "\uFEFF# Scripts-17.0.0.txt\n" +
	"#\n" +
	"\n" +
	"# @missing: 0000..10FFFF; Unknown\n" +
	"0000..001F    ; Common # Cc  [32] <control-0000>..<control-001F>\n" +
	"0020          ; Common # Zs       SPACE\n" +
	"\n" +
	"0041..005A    ; Latin\n" +
	"0370..0373    ; Greek # L&   [4] GREEK CAPITAL LETTER HETA..GREEK SMALL LETTER ARCHAIC SAMPI\r\n"

func TestRead(t *testing.T) {
	type got struct {
		num     int
		fields  []string
		comment string
	}
	var lines []got
	err := Read(strings.NewReader(sample), func(l *Line) {
		lines = append(lines, got{l.Num, l.Fields, l.Comment})
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []got{
		{5, []string{"0000..001F", "Common"}, "Cc  [32] <control-0000>..<control-001F>"},
		{6, []string{"0020", "Common"}, "Zs       SPACE"},
		{8, []string{"0041..005A", "Latin"}, ""},
		{9, []string{"0370..0373", "Greek"}, "L&   [4] GREEK CAPITAL LETTER HETA..GREEK SMALL LETTER ARCHAIC SAMPI"},
	}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("Read gave\n%+v\nwant\n%+v", lines, want)
	}
}

func TestReadBOMOnlyFirstLine(t *testing.T) {
	// A byte order mark anywhere but at the start is data, and so a bad code point.
	err := Read(strings.NewReader("0041; A\n\uFEFF0042; B\n"), func(l *Line) { l.Range(0) })
	var e *Error
	if !errors.As(err, &e) || e.Line != 2 {
		t.Fatalf("Read = %v; want an error on line 2", err)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		f     func(l *Line)
		line  int
		msg   string
		calls int // how often f is called: reading stops at the bad line
	}{
		{"bad code point", "0041; A\n# c\n00G1; B\n0043; C\n", func(l *Line) { l.CodePoint(0) },
			3, `line 3: field 0: bad code point "00G1"`, 2},
		{"bad range", "0041..0040; A\n0041; B\n", func(l *Line) { l.Range(0) },
			1, `line 1: field 0: bad range "0041..0040": end before start`, 1},
		{"bad sequence", "0041; 0042 ZZ\n", func(l *Line) { l.Seq(1) },
			1, `line 1: field 1: bad code point "ZZ"`, 1},
		{"missing field", "0041; A\n0042\n0043; C\n", func(l *Line) { l.Field(1) },
			2, `line 2: field 1 missing: the line has 1`, 2},
		{"missing field parsed", "0041\n", func(l *Line) { l.CodePoint(2) },
			1, `line 1: field 2 missing: the line has 1`, 1},
		{"content", "0041; A\n\n0042; Q\n0043; A\n", func(l *Line) {
			if v := l.Field(1); v != "A" {
				l.Errorf("unknown value %q", v)
			}
		}, 3, `line 3: unknown value "Q"`, 2},
		{"first error kept", "ZZ; YY\n", func(l *Line) { l.CodePoint(0); l.CodePoint(1) },
			1, `line 1: field 0: bad code point "ZZ"`, 1},
		{"too long", "0041; A\n" + strings.Repeat("0", MaxLine+1) + "\n0042; B\n", func(l *Line) {},
			2, "line 2: " + bufio.ErrTooLong.Error(), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			err := Read(strings.NewReader(tt.in), func(l *Line) {
				calls++
				tt.f(l)
			})
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Read = %v; want an *Error", err)
			}
			if e.Line != tt.line || err.Error() != tt.msg {
				t.Errorf("Read = %q (line %d); want %q (line %d)", err, e.Line, tt.msg, tt.line)
			}
			if calls != tt.calls {
				t.Errorf("f called %d times; want %d", calls, tt.calls)
			}
		})
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "PropList.txt")
	if err := os.WriteFile(path, []byte("# PropList\n0009..000D ; White_Space\n0020 ; White_Space\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var n rune
	if err := ReadFile(path, func(l *Line) {
		lo, hi := l.Range(0)
		n += hi - lo + 1
	}); err != nil {
		t.Fatal(err)
	}
	if n != 6 {
		t.Errorf("ReadFile counted %d code points, want 6", n)
	}

	err := ReadFile(path, func(l *Line) { l.CodePoint(1) })
	if want := path + `:2: field 1: bad code point "White_Space"`; err == nil || err.Error() != want {
		t.Errorf("ReadFile = %v; want %s", err, want)
	}
	if err := ReadFile(filepath.Join(dir, "absent.txt"), func(*Line) {}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile of a missing file = %v; want fs.ErrNotExist", err)
	}
}

func TestCompact(t *testing.T) {
	tests := []struct {
		name string
		in   map[rune]uint64
		want []Run[uint64]
	}{
		{"empty", map[rune]uint64{}, nil},
		{"zeros only", map[rune]uint64{1: 0, 2: 0}, nil},
		{"one", map[rune]uint64{'A': 3}, []Run[uint64]{{'A', 'A', 3}}},
		{"run", map[rune]uint64{3: 7, 1: 7, 2: 7}, []Run[uint64]{{1, 3, 7}}},
		{"gap", map[rune]uint64{1: 7, 3: 7}, []Run[uint64]{{1, 1, 7}, {3, 3, 7}}},
		{"value change", map[rune]uint64{1: 7, 2: 8, 3: 8}, []Run[uint64]{{1, 1, 7}, {2, 3, 8}}},
		{"zero splits", map[rune]uint64{1: 7, 2: 0, 3: 7}, []Run[uint64]{{1, 1, 7}, {3, 3, 7}}},
		{"ends of the code space", map[rune]uint64{0: 1, 0x10FFFF: 1}, []Run[uint64]{{0, 0, 1}, {0x10FFFF, 0x10FFFF, 1}}},
	}
	for _, tt := range tests {
		if got := Compact(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Compact = %v; want %v", tt.name, got, tt.want)
		}
	}
	// Other value types work alike; the zero value is left out.
	if got, want := Compact(map[rune]string{1: "R", 2: "R", 3: "", 4: "AL"}), []Run[string]{{1, 2, "R"}, {4, 4, "AL"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Compact(strings) = %v; want %v", got, want)
	}
}

// TestCompactRandom checks on random maps that the runs are sorted, disjoint
// and maximal, and hold exactly the non-zero values.
func TestCompactRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		vals := map[rune]int{}
		for range rng.IntN(300) {
			vals[rune(rng.IntN(400))] = rng.IntN(4) // small ranges so that runs form and merge
		}
		runs := Compact(vals)
		back := map[rune]int{}
		for i, r := range runs {
			if r.Lo > r.Hi || r.Value == 0 {
				t.Fatalf("bad run %v", r)
			}
			if i > 0 {
				p := runs[i-1]
				if p.Hi >= r.Lo {
					t.Fatalf("runs %v and %v out of order or overlapping", p, r)
				}
				if p.Hi == r.Lo-1 && p.Value == r.Value {
					t.Fatalf("runs %v and %v should be one", p, r)
				}
			}
			for c := r.Lo; c <= r.Hi; c++ {
				back[c] = r.Value
			}
		}
		for c, v := range vals {
			if v != back[c] {
				t.Fatalf("code point %d: value %d, runs give %d", c, v, back[c])
			}
		}
		if len(back) > len(vals) {
			t.Fatalf("runs cover %d code points, the map has %d", len(back), len(vals))
		}
	}
}

func FuzzParseLine(f *testing.F) {
	for _, s := range []string{
		"", "#", "0041;LATIN CAPITAL LETTER A;Lu;0;L;;;;;N;;;;0061;",
		"0000..001F    ; Common # Cc  [32] <control-0000>..<control-001F>",
		"0441 ;\t0063 ;\tMA\t# ( с → c )", "a;;b # c # d", " ; ", "\uFEFF0041; x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fields, comment, ok := ParseLine(s)
		data, rest, hasComment := strings.Cut(s, "#")
		if want := strings.TrimSpace(rest); comment != want || (!hasComment && comment != "") {
			t.Fatalf("ParseLine(%q) comment %q; want %q", s, comment, want)
		}
		if ok != (strings.TrimSpace(data) != "") {
			t.Fatalf("ParseLine(%q) ok = %v for data part %q", s, ok, data)
		}
		if !ok {
			if fields != nil {
				t.Fatalf("ParseLine(%q) gave fields %q for no data", s, fields)
			}
			return
		}
		if len(fields) != strings.Count(data, ";")+1 {
			t.Fatalf("ParseLine(%q) gave %d fields; the data has %d semicolons", s, len(fields), strings.Count(data, ";"))
		}
		for _, fld := range fields {
			if fld != strings.TrimSpace(fld) || strings.ContainsAny(fld, ";#") {
				t.Fatalf("ParseLine(%q) gave field %q", s, fld)
			}
			if !strings.Contains(data, fld) {
				t.Fatalf("ParseLine(%q) gave field %q not in the data", s, fld)
			}
		}
	})
}

// hexOracle is an independent reading of one code point: after trimming,
// one or more hex digits with a value of at most U+10FFFF.
func hexOracle(s string) (rune, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	var v int64
	for _, c := range []byte(s) {
		var d int64
		switch {
		case c >= '0' && c <= '9':
			d = int64(c - '0')
		case c >= 'a' && c <= 'f':
			d = int64(c-'a') + 10
		case c >= 'A' && c <= 'F':
			d = int64(c-'A') + 10
		default:
			return 0, false
		}
		if v = v*16 + d; v > 0x10FFFF {
			return 0, false
		}
	}
	return rune(v), true
}

func FuzzParseRange(f *testing.F) {
	for _, s := range []string{"0041", "0041..005A", "0000..10FFFF", "005A..0041", "..", "0041..",
		" 0041 .. 005A ", "110000", "0x41", "FFFFFFFFFFFFFFFF", "0041..0042..0043", "d800..dfff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lo, hi, err := ParseRange(s)
		a, b, isRange := strings.Cut(s, "..")
		wantLo, okA := hexOracle(a)
		wantHi, okB := wantLo, true
		if isRange {
			wantHi, okB = hexOracle(b)
		}
		wantOK := okA && okB && wantLo <= wantHi
		if (err == nil) != wantOK {
			t.Fatalf("ParseRange(%q) error %v; the oracle says valid = %v", s, err, wantOK)
		}
		if err != nil {
			if lo != 0 || hi != 0 {
				t.Fatalf("ParseRange(%q) = %U, %U with error %v", s, lo, hi, err)
			}
			return
		}
		if lo != wantLo || hi != wantHi {
			t.Fatalf("ParseRange(%q) = %U, %U; want %U, %U", s, lo, hi, wantLo, wantHi)
		}
		if !isRange {
			if r, err := ParseCodePoint(s); err != nil || r != lo {
				t.Fatalf("ParseCodePoint(%q) = %U, %v; ParseRange gave %U", s, r, err, lo)
			}
		}
		// The range read inside a line gives the same.
		err = Read(strings.NewReader(strings.ReplaceAll(strings.ReplaceAll(s, "\n", " "), "\r", " ")+"; x\n"), func(l *Line) {
			if l2, h2 := l.Range(0); l2 != lo || h2 != hi {
				t.Fatalf("Line.Range on %q = %U, %U; ParseRange gave %U, %U", s, l2, h2, lo, hi)
			}
		})
		if err != nil {
			t.Fatalf("Read of a valid range %q: %v", s, err)
		}
	})
}

func FuzzParseSeq(f *testing.F) {
	for _, s := range []string{"", "0041", "0041 0301", " 0072\t0335 ", "0041 XYZ", "10FFFF 110000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rs, err := ParseSeq(s)
		words := strings.Fields(s)
		var want []rune
		for _, w := range words {
			r, ok := hexOracle(w)
			if !ok {
				if err == nil {
					t.Fatalf("ParseSeq(%q) = %U; %q is no code point", s, rs, w)
				}
				return
			}
			want = append(want, r)
		}
		if err != nil || !reflect.DeepEqual(rs, want) {
			t.Fatalf("ParseSeq(%q) = %U, %v; want %U", s, rs, err, want)
		}
	})
}
