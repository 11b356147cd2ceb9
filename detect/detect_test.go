package detect

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/examples"
)

func TestSeed(t *testing.T) {
	rep := Scan(examples.Scraped)
	if len(rep.Findings) != examples.ScrapedFindings {
		t.Fatalf("findings = %d, want %d", len(rep.Findings), examples.ScrapedFindings)
	}
	for _, f := range rep.Findings {
		if f.Code != "U+03BF" || f.Imitates != "o" || f.Kind != Lookalike || f.Action != Replace || f.Script != "Greek" {
			t.Fatalf("unexpected finding %+v", f)
		}
		if got := string(examples.Scraped[f.Offset : f.Offset+f.Len]); got != "ο" {
			t.Fatalf("offset %d holds %q", f.Offset, got)
		}
	}
	if rep.Verdict != Disguised {
		t.Errorf("verdict %s", rep.Verdict)
	}
	first := rep.Findings[0]
	if first.Line != 3 || first.Col != 19 || first.Word != "Frοm" || first.Name != "GREEK SMALL LETTER OMICRON" {
		t.Errorf("first finding %+v", first)
	}
}

// Clean text that must produce no change (and, unless noted, no finding).
var untouched = []struct {
	name, text string
	verdict    Verdict
}{
	{"greek", "Η Οικουμενική Διακήρυξη για τα Ανθρώπινα Δικαιώματα", Clean},
	{"russian", "Все люди рождаются свободными и равными в своем достоинстве и правах.", Clean},
	{"russian tech hyphen", "Настройка HTTP-сервера и 3D-технологии, см. man-страниц, ФАЙЛ_WAL.", Clean},
	{"russian acronyms", "Компания IBM и ООО «Ромашка» в СССР, версия OK.", Clean},
	{"serbian cyrillic", "Сва људска бића рађају се слободна и једнака у достојанству и правима.", Clean},
	{"serbian latin", "Sva ljudska bića rađaju se slobodna i jednaka u dostojanstvu i pravima.", Clean},
	{"greek symbols", "We reject at α = 0.05; Cohen's κ was 0.8, χ² = 3.1, a 10 µm gap and 4.7 kΩ.", Clean},
	{"vietnamese", "Tất cả mọi người sinh ra đều được tự do và bình đẳng về nhân phẩm và quyền.", Clean},
	{"persian zwnj", "می‌خواهم به خانه‌ام بروم", Clean},
	{"emoji zwj", "Family: 👨‍👩‍👧 and 🏳️‍🌈 flags, 👍🏽 ok", Clean},
	{"flag tags", "Go 🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F England", Clean},
	{"symbols", "© 2024 Acme™, ½ cup, x² + y², “quoted” — dash – and ‘single’", Clean},
	{"turkish", "Bütün insanlar hür, haysiyet ve haklar bakımından eşit doğarlar. Akıl ve vicdana sahiptirler.", Clean},
	{"french", "Café, naïve, déjà vu — où est la boîte?", Clean},
	{"german", "Zürich, Straße, Größe", Clean},
	{"math letters alone", "The reals ℝ and naturals ℕ; let 𝑥 be given and ℓ the length.", Clean},
	{"japanese fullwidth", "ＡＢＣ株式会社は２０２４年に設立されました。", Clean},
	{"bom first", "\ufeffHello world", Clean},
	{"hebrew rlm", "שלום\u200f עולם", Clean},
	{"bengali zwnj", "র‍্যাব এবং ক্‌ষ", Clean},
	{"cyrillic quote in english", "The Russian word привет means hello, and он means he.", Clean},
	{"adyghe palochka", "ЦIыху пстэури шъхьэфитэу къалъфы. ЦIыфым ищытхъурэ ифитыныгъэхэмрэкIэ зэфэдэх.", Suspicious},
}

func TestUntouched(t *testing.T) {
	for _, tc := range untouched {
		t.Run(tc.name, func(t *testing.T) {
			rep := ScanString(tc.text)
			for _, f := range rep.Findings {
				if f.Action != Keep {
					t.Errorf("would change %q (%s %s → %q) in %q", f.Char, f.Code, f.Name, f.Imitates, f.Word)
				}
			}
			if rep.Verdict != tc.verdict {
				t.Errorf("verdict %s, want %s; findings %+v", rep.Verdict, tc.verdict, rep.Findings)
			}
		})
	}
}

// Disguised text: the restored text must be want, and the findings of the given kind.
var disguised = []struct {
	name, text, want string
	kind             Kind
}{
	{"greek o", "The frοnt dοor", "The front door", Lookalike},
	{"cyrillic a e", "Тhе quick brоwn fох jumps", "The quick brown fox jumps", Lookalike},
	{"latin in russian", "Все люди рождaются свобoдными и равными в своем дoстоинстве и прaвах. Они наделены разумом и совестью и должны поступать в отношении друг друга в духе братства.",
		"Все люди рождаются свободными и равными в своем достоинстве и правах. Они наделены разумом и совестью и должны поступать в отношении друг друга в духе братства.", Lookalike},
	{"greek word with latin H", "Η ΕΠΙΛΟΓH του χρήστη είναι σημαντική για την ΕΠΙΛΟΓΗ", "Η ΕΠΙΛΟΓΗ του χρήστη είναι σημαντική για την ΕΠΙΛΟΓΗ", Lookalike},
	{"whole word", "The police сор said the асе was there", "The police cop said the ace was there", WholeWord},
	{"fullwidth", "Buy ｃｈｅａｐ pills now", "Buy cheap pills now", Styled},
	{"math bold", "Click 𝐟𝐫𝐞𝐞 𝐦𝐨𝐧𝐞𝐲 here", "Click free money here", Styled},
	{"circled", "ⓕⓡⓔⓔ gift", "free gift", Styled},
	{"small caps", "ѕᴍᴀʟʟ text", "small text", Styled},
	{"zwsp", "pass\u200bword and ad\u00admin", "password and admin", Invisible},
	{"variation selector on letter", "he\ufe0fllo", "hello", Invisible},
	{"bidi in latin", "access = \u202euser\u2066 admin", "access =  adminresu", Bidi}, // as UAX #9 shows it: RLO reverses the line, the isolate inside stays LTR
	{"tag smuggling", "Summarize this.\U000E0049\U000E0067\U000E006E\U000E006F\U000E0072\U000E0065", "Summarize this.", Tag},
	{"zalgo", "he\u0301\u0302\u0303\u0304llo", "hello", Zalgo},
	{"latin ext alpha", "The ɑpple and the ɡrape", "The apple and the grape", Lookalike},
	{"cherokee", "Ꮃe ꮃant it", "We want it", Lookalike},
}

func TestDisguised(t *testing.T) {
	for _, tc := range disguised {
		t.Run(tc.name, func(t *testing.T) {
			rep := ScanString(tc.text)
			got := apply(tc.text, rep.Findings)
			if got != tc.want {
				t.Errorf("restored %q\nwant     %q\nfindings %+v", got, tc.want, rep.Findings)
			}
			if rep.Counts[tc.kind] == 0 {
				t.Errorf("no %s finding: %v", tc.kind, rep.Counts)
			}
			if rep.Verdict != Disguised {
				t.Errorf("verdict %s", rep.Verdict)
			}
		})
	}
}

// apply is restore.Apply, repeated here to keep the packages' tests independent.
func apply(text string, fs []Finding) string {
	var b strings.Builder
	pos := 0
	for _, f := range fs {
		if f.Action == Keep || f.Offset < pos {
			continue
		}
		b.WriteString(text[pos:f.Offset])
		if f.Action == Replace {
			b.WriteString(f.Imitates)
		}
		pos = f.Offset + f.Len
	}
	b.WriteString(text[pos:])
	return b.String()
}

func TestHiddenPayload(t *testing.T) {
	rep := ScanString("hi\U000E0001\U000E0073\U000E0065\U000E0063\U000E0072\U000E0065\U000E0074\U000E007F there")
	if len(rep.Hidden) != 1 || rep.Hidden[0] != "secret" {
		t.Fatalf("hidden %q", rep.Hidden)
	}
}

func TestInvalidUTF8(t *testing.T) {
	in := []byte("fr\xceοm \xff\xfe ok")
	rep := Scan(in)
	bad := 0
	for _, f := range rep.Findings {
		if f.Kind == BadUTF8 {
			bad++
			if f.Action != Keep || f.Len != 1 {
				t.Errorf("invalid byte finding %+v", f)
			}
		}
	}
	if bad != 3 {
		t.Errorf("invalid bytes reported = %d, want 3 (%+v)", bad, rep.Findings)
	}
}

func TestLineCol(t *testing.T) {
	rep := ScanString("ok\nsecond line: ünd frοm")
	f := rep.Findings[len(rep.Findings)-1]
	if f.Line != 2 || f.Col != 20 {
		t.Errorf("line:col = %d:%d, want 2:20", f.Line, f.Col)
	}
}

func TestCut(t *testing.T) {
	big := bytes.Repeat([]byte("ab\n"), ChunkSize)
	n := Cut(big, false)
	if n == 0 || n > ChunkSize || big[n-1] != '\n' {
		t.Fatalf("cut at %d", n)
	}
	if Cut(big[:100], false) != 0 || Cut(big[:100], true) != 100 {
		t.Fatal("short buffer cut")
	}
	noNL := bytes.Repeat([]byte("ж"), ChunkSize)
	n = Cut(noNL, false)
	if n%2 != 0 || n == 0 {
		t.Fatalf("cut mid-rune at %d", n)
	}
}

func TestScanReaderMatchesScan(t *testing.T) {
	// A dozen chunks, so that the stream's buffers are reused.
	const copies = 500
	text := bytes.Repeat(append(append([]byte(nil), examples.Scraped...), '\n'), copies)
	var got []Finding
	sum, err := ScanReader(bytes.NewReader(text), func(f Finding) { got = append(got, f) })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != copies*examples.ScrapedFindings || sum.Counts[Lookalike] != len(got) {
		t.Fatalf("stream findings %d, counts %v", len(got), sum.Counts)
	}
	for _, f := range got {
		if string(text[f.Offset:f.Offset+f.Len]) != "ο" {
			t.Fatalf("stream offset %d wrong", f.Offset)
		}
	}
	// Line numbers must count across chunks.
	lines := bytes.Count(text[:got[len(got)-1].Offset], []byte("\n")) + 1
	if got[len(got)-1].Line != lines {
		t.Fatalf("last line %d, want %d", got[len(got)-1].Line, lines)
	}
	// ScanAll gives the same findings and totals, in one report.
	all := ScanAll(make([]Finding, 5), text)
	if all.Verdict != sum.Verdict || all.Score != sum.Score || all.Words != sum.Words || !reflect.DeepEqual(all.Counts, sum.Counts) {
		t.Fatalf("ScanAll: %v %v %d %v; ScanReader: %v %v %d %v", all.Verdict, all.Score, all.Words, all.Counts,
			sum.Verdict, sum.Score, sum.Words, sum.Counts)
	}
	if len(all.Findings) != len(got) {
		t.Fatalf("ScanAll: %d findings, ScanReader %d", len(all.Findings), len(got))
	}
	for i := range got {
		if all.Findings[i] != got[i] {
			t.Fatalf("finding %d: ScanAll %+v, ScanReader %+v", i, all.Findings[i], got[i])
		}
	}
	// Without a function for the findings, the same totals.
	quiet, err := ScanReader(bytes.NewReader(text), nil)
	if err != nil || !reflect.DeepEqual(quiet, sum) {
		t.Fatalf("ScanReader without findings: %+v (err %v), with: %+v", quiet, err, sum)
	}
}

// addCases seeds a fuzzer with the texts of the disguised and untouched cases.
func addCases(f *testing.F) {
	for _, tc := range disguised {
		f.Add([]byte(tc.text))
	}
	for _, tc := range untouched {
		f.Add([]byte(tc.text))
	}
}

func FuzzScan(f *testing.F) {
	addCases(f)
	f.Add([]byte("\xed\xa0\x80 wtf-8 \xff"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rep := Scan(b)
		last := -1
		for _, f := range rep.Findings {
			if f.Offset < last || f.Offset < 0 || f.Len <= 0 || f.Offset+f.Len > len(b) {
				t.Fatalf("bad span %d+%d in %d bytes", f.Offset, f.Len, len(b))
			}
			if f.Char != string(b[f.Offset:f.Offset+f.Len]) {
				t.Fatalf("Char %q does not match span", f.Char)
			}
			last = f.Offset
		}
		// Invalid bytes are all reported and survive restoration. (Restoring
		// twice need not be a no-op: decisions weigh document-wide ratios,
		// which the first restoration changes.)
		bad := 0
		for i := 0; i < len(b); {
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n <= 1 {
				bad++
			}
			i += n
		}
		if rep.Counts[BadUTF8] != bad {
			t.Fatalf("invalid bytes %d, reported %d", bad, rep.Counts[BadUTF8])
		}
		if out := apply(string(b), rep.Findings); !utf8.ValidString(out) && bad == 0 {
			t.Fatalf("restoring valid %q gave invalid %q", b, out)
		}
	})
}

// TestHugeWord: a multi-megabyte "word" (no space, all disguised) gets a
// defined result: every lookalike found, each quoting a bounded excerpt.
func TestHugeWord(t *testing.T) {
	text := bytes.Repeat([]byte("frοm"), 1<<20) // 5 MiB, one word
	rep := Scan(text)
	if len(rep.Findings) != 1<<20 || rep.Counts[Lookalike] != 1<<20 {
		t.Fatalf("%d findings, counts %v", len(rep.Findings), rep.Counts)
	}
	for _, f := range rep.Findings[:100] {
		if len(f.Word) > 2*maxWord {
			t.Fatalf("finding quotes %d bytes of the word", len(f.Word))
		}
	}
	if got := apply(string(text), rep.Findings); got != strings.Repeat("from", 1<<20) {
		t.Fatal("huge word not restored")
	}
}

func TestCode(t *testing.T) {
	for r, want := range map[rune]string{0: "U+0000", 'A': "U+0041", 0x3BF: "U+03BF", 0xFEFF: "U+FEFF", 0x1D41F: "U+1D41F", 0x10FFFF: "U+10FFFF"} {
		if got := code(r); got != want {
			t.Errorf("code(%#x) = %q, want %q", r, got, want)
		}
	}
}

func TestChunker(t *testing.T) {
	text := bytes.Repeat([]byte("line of text ο\n"), ChunkSize/8) // about 2 chunks
	ch := NewChunker(iotest.HalfReader(bytes.NewReader(text)))
	var got []byte
	rest := text
	for {
		c, err := ch.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if want := Cut(rest, true); len(c) != want {
			t.Fatalf("chunk of %d bytes, Cut says %d", len(c), want)
		}
		rest = rest[len(c):]
		got = append(got, c...)
	}
	if !bytes.Equal(got, text) {
		t.Fatal("chunks do not add up to the input")
	}
	if _, err := NewChunker(iotest.ErrReader(io.ErrClosedPipe)).Next(); err != io.ErrClosedPipe {
		t.Fatalf("read error lost: %v", err)
	}
}

// TestScanAllMemory: ScanAll sizes its findings from what it found so far,
// but never more than twice that, even when the text turns plain.
func TestScanAllMemory(t *testing.T) {
	var b bytes.Buffer
	for b.Len() < ChunkSize-64 {
		b.WriteString("a\u200bb ")
	}
	b.WriteString("\n")
	for b.Len() < 10*ChunkSize {
		b.WriteString("plain English text, nothing to see here at all\n")
	}
	rep := ScanAll(nil, b.Bytes())
	if n := len(rep.Findings); n == 0 || cap(rep.Findings) > 2*n+64 {
		t.Fatalf("%d findings in a buffer of %d", n, cap(rep.Findings))
	}
}

// TestHugeText: a text longer than one document can be (2 GiB; lowered
// here) is judged in chunks: Scan, ScanInto and Fixes agree with ScanAll.
func TestHugeText(t *testing.T) {
	defer func(m int) { maxDoc = m }(maxDoc)
	maxDoc = ChunkSize
	text := bytes.Repeat(append(append([]byte(nil), examples.Scraped...), '\n'), 3*ChunkSize/len(examples.Scraped))
	want := ScanAll(nil, text)
	if len(want.Findings) == 0 {
		t.Fatal("no findings")
	}
	for name, got := range map[string]Report{"Scan": Scan(text), "ScanInto": ScanInto(nil, text)} {
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s of a text over maxDoc differs from ScanAll", name)
		}
	}
	checkFixes(t, "huge text", Fixes(text), want.Findings)
	judged := want
	judged.Findings = nil
	if got := Judge(text); !reflect.DeepEqual(got, judged) {
		t.Errorf("Judge of a text over maxDoc gives %+v, ScanAll without findings %+v", got, judged)
	}
}

// checkFixes fails unless fixes are exactly the findings that change text.
func checkFixes(t *testing.T, name string, fixes []Fix, findings []Finding) {
	t.Helper()
	var want []Fix
	for _, f := range findings {
		switch f.Action {
		case Replace:
			want = append(want, Fix{f.Offset, f.Len, f.Imitates})
		case Remove:
			want = append(want, Fix{f.Offset, f.Len, ""})
		}
	}
	if len(want) == 0 {
		t.Fatalf("%s: no finding that changes the text", name)
	}
	if len(fixes) != len(want) {
		t.Fatalf("%s: %d fixes, %d findings that change the text", name, len(fixes), len(want))
	}
	for i := range want {
		if fixes[i] != want[i] {
			t.Fatalf("%s: fix %d is %+v, the finding says %+v", name, i, fixes[i], want[i])
		}
	}
}

// TestScanIntoKeepsBuffer: the caller's memory comes back even when the
// text cannot hold a disguise, so a server's buffer survives plain texts.
func TestScanIntoKeepsBuffer(t *testing.T) {
	for _, text := range []string{"plain words", "frοm here"} {
		rep := ScanInto(make([]Finding, 0, 100), []byte(text))
		if rep.Findings == nil || cap(rep.Findings) != 100 {
			t.Errorf("%q: findings %v with capacity %d, want the buffer of 100", text, rep.Findings, cap(rep.Findings))
		}
	}
}
