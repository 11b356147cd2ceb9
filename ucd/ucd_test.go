package ucd

import (
	"slices"
	"testing"
)

func TestVersion(t *testing.T) {
	if UnicodeVersion != "17.0.0" {
		t.Errorf("UnicodeVersion = %q", UnicodeVersion)
	}
}

func TestName(t *testing.T) {
	tests := []struct {
		r    rune
		want string
	}{
		{'A', "LATIN CAPITAL LETTER A"},
		{0x0430, "CYRILLIC SMALL LETTER A"},
		{0x0009, "CHARACTER TABULATION"}, // control: its first control alias
		{0x0000, "NULL"},
		{0x0085, "NEXT LINE"},
		{0xAC00, "HANGUL SYLLABLE GA"}, // derived, Unicode §3.12
		{0xD4DB, "HANGUL SYLLABLE PWILH"},
		{0xD7A3, "HANGUL SYLLABLE HIH"},
		{0x4E00, "CJK UNIFIED IDEOGRAPH-4E00"},
		{0x20000, "CJK UNIFIED IDEOGRAPH-20000"},
		{0x17000, "TANGUT IDEOGRAPH-17000"},
		{0x1F600, "GRINNING FACE"},
		{0x200B, "ZERO WIDTH SPACE"},
		{0xE000, ""},   // private use has no name
		{0xD800, ""},   // nor has a surrogate
		{0x0378, ""},   // unassigned
		{0x10FFFF, ""}, // noncharacter
	}
	for _, tt := range tests {
		if got := Name(tt.r); got != tt.want {
			t.Errorf("Name(%U) = %q, want %q", tt.r, got, tt.want)
		}
	}
}

func TestScriptOf(t *testing.T) {
	tests := []struct {
		r     rune
		want  Script
		short string
	}{
		{'a', Latin, "Latn"},
		{0x0430, Cyrillic, "Cyrl"},
		{0x03BF, Greek, "Grek"},
		{'1', Common, "Zyyy"},
		{0x0301, Inherited, "Zinh"},
		{0x30AB, Katakana, "Kana"},
		{0x3042, Hiragana, "Hira"},
		{0x4E00, Han, "Hani"},
		{0xAC00, Hangul, "Hang"},
		{0x05D0, Hebrew, "Hebr"},
		{0x0378, Unknown, "Zzzz"},
		{0x1D400, Common, "Zyyy"}, // MATHEMATICAL BOLD CAPITAL A
	}
	for _, tt := range tests {
		got := ScriptOf(tt.r)
		if got != tt.want || got.Short() != tt.short {
			t.Errorf("ScriptOf(%U) = %v (%s), want %v (%s)", tt.r, got, got.Short(), tt.want, tt.short)
		}
	}
	if s, ok := ScriptByName("Cyrl"); !ok || s != Cyrillic {
		t.Error("ScriptByName(Cyrl)")
	}
	if s, ok := ScriptByName("Old_Italic"); !ok || s != OldItalic {
		t.Error("ScriptByName(Old_Italic)")
	}
}

func TestExtensions(t *testing.T) {
	tests := []struct {
		r    rune
		want []Script
	}{
		{'a', []Script{Latin}},
		{0x30FC, []Script{Hiragana, Katakana}},                                       // KATAKANA-HIRAGANA PROLONGED SOUND MARK
		{0x0660, []Script{Arabic, Thaana, Yezidi}},                                   // ARABIC-INDIC DIGIT ZERO
		{0x3001, []Script{Bopomofo, Han, Hangul, Hiragana, Katakana, Mongolian, Yi}}, // IDEOGRAPHIC COMMA
		{0x0964, nil}, // DEVANAGARI DANDA: many scripts, checked below
		{'1', []Script{Common}},
	}
	for _, tt := range tests {
		got := Extensions(tt.r)
		if tt.want == nil {
			if !got.Has(Devanagari) || !got.Has(Bengali) || got.Len() < 10 {
				t.Errorf("Extensions(%U) = %v", tt.r, got)
			}
			continue
		}
		if !slices.Equal(got.Scripts(), tt.want) {
			t.Errorf("Extensions(%U) = %v, want %v", tt.r, got.Scripts(), tt.want)
		}
	}
}

func TestScriptSet(t *testing.T) {
	var s ScriptSet
	if !s.IsEmpty() || s.String() != "∅" {
		t.Error("zero ScriptSet should be empty")
	}
	s.Add(Latin)
	s.Add(Korean)
	if !s.Has(Latin) || !s.Has(Korean) || s.Has(Greek) || s.Len() != 2 || s.String() != "Latn Kore" {
		t.Errorf("ScriptSet = %v", s)
	}
	if !AllScripts.IsAll() || AllScripts.Has(Common) || AllScripts.Has(Unknown) || !AllScripts.Has(Japanese) || AllScripts.String() != "ALL" {
		t.Error("AllScripts")
	}
	var h ScriptSet
	h.Add(Han)
	if got := h.Augmented(); !got.Has(HanWithBopomofo) || !got.Has(Japanese) || !got.Has(Korean) || got.Len() != 4 {
		t.Errorf("Augmented(Hani) = %v", got)
	}
	if got := s.And(h.Augmented()); got.String() != "Kore" {
		t.Errorf("And = %v", got)
	}
}

func TestCategoryOf(t *testing.T) {
	tests := []struct {
		r    rune
		want Category
	}{
		{'A', Lu}, {'a', Ll}, {0x01C5, Lt}, {0x02B0, Lm}, {0x05D0, Lo},
		{0x0301, Mn}, {0x0903, Mc}, {0x20DD, Me},
		{'7', Nd}, {0x2160, Nl}, {0x00BD, No},
		{'_', Pc}, {'-', Pd}, {'(', Ps}, {')', Pe}, {'!', Po},
		{'+', Sm}, {'$', Sc}, {'^', Sk}, {0x00A9, So},
		{' ', Zs}, {0x2028, Zl}, {0x2029, Zp},
		{0x0007, Cc}, {0x200B, Cf}, {0xD800, Cs}, {0xE000, Co}, {0x0378, Cn},
	}
	for _, tt := range tests {
		if got := CategoryOf(tt.r); got != tt.want {
			t.Errorf("CategoryOf(%U) = %v, want %v", tt.r, got, tt.want)
		}
	}
	if !Lt.IsLetter() || !Me.IsMark() || !No.IsNumber() || !Pf.IsPunct() || !Sk.IsSymbol() || Cf.IsLetter() {
		t.Error("category predicates")
	}
	if DigitZero('7') != '0' || DigitZero(0x09EA) != 0x09E6 || DigitZero('x') != -1 || DigitZero(0x2160) != -1 {
		t.Error("DigitZero")
	}
}

func TestProps(t *testing.T) {
	tests := []struct {
		r          rune
		has, hasnt Prop
	}{
		{0x200B, DefaultIgnorable, WhiteSpace},
		{0x00AD, DefaultIgnorable, 0},
		{0x202E, BidiControl | DefaultIgnorable, 0},
		{0x200D, JoinControl | DefaultIgnorable, 0},
		{0xFE0F, VariationSelector | DefaultIgnorable, 0},
		{' ', WhiteSpace, DefaultIgnorable},
		{'-', Dash, 0},
		{'"', QuotationMark, 0},
		{0x1F1E6, RegionalIndicator, 0},
		{0xFFFF, Noncharacter, 0},
		{'a', Alphabetic | Lowercase, Uppercase},
		{'A', Alphabetic | Uppercase, Lowercase},
		{0x0301, GraphemeExtend | Diacritic, Alphabetic},
		{0x4E00, Ideographic | Alphabetic, 0},
		{'+', Math, 0},
	}
	for _, tt := range tests {
		p := Props(tt.r)
		if !p.Has(tt.has) || (tt.hasnt != 0 && p&tt.hasnt != 0) {
			t.Errorf("Props(%U) = %v; want %v, not %v", tt.r, p, tt.has, tt.hasnt)
		}
	}
}

func TestDecomposition(t *testing.T) {
	tests := []struct {
		r    rune
		want string
		ok   bool
	}{
		{'a', "", false},
		{0x00E9, "e\u0301", true},
		{0x01D6, "u\u0308\u0304", true}, // full: recursive
		{0x212B, "A\u030A", true},       // singleton
		{0xAC00, "", false},             // Hangul is algorithmic, not in the table
		{0xFB01, "", false},             // ﬁ: compatibility only
	}
	for _, tt := range tests {
		got, ok := Decomposition(tt.r)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Decomposition(%U) = %+q, %v", tt.r, got, ok)
		}
	}
	if CombiningClass(0x0301) != 230 || CombiningClass(0x0316) != 220 || CombiningClass('a') != 0 || CombiningClass(0x05B0) != 10 {
		t.Error("CombiningClass")
	}
}

func TestSecurityData(t *testing.T) {
	protos := []struct {
		r    rune
		want string
		ok   bool
	}{
		{0x0430, "a", true}, {'0', "O", true}, {'m', "rn", true}, {'a', "", false}, {0x0455, "s", true},
	}
	for _, tt := range protos {
		if got, ok := Prototype(tt.r); got != tt.want || ok != tt.ok {
			t.Errorf("Prototype(%U) = %q, %v", tt.r, got, ok)
		}
	}
	prev := rune(-1)
	for i := 0; i < NumPrototypes(); i++ {
		r, p := PrototypeAt(i)
		if r <= prev || p == "" {
			t.Fatalf("PrototypeAt(%d) = %U, %q after %U", i, r, p, prev)
		}
		prev = r
	}
	if !Intentional(0x0430, 'a') || !Intentional('a', 0x0430) || Intentional('a', 'b') {
		t.Error("Intentional: CYRILLIC а / LATIN a are listed in intentional.txt")
	}
	status := []struct {
		r       rune
		allowed bool
		types   IdentifierType
	}{
		{'a', true, TypeRecommended},
		{'-', true, TypeInclusion},
		{' ', false, TypeNotXID},
		{0x200B, false, TypeDefaultIgnorable},
		{0x13A0, false, TypeLimitedUse},   // CHEROKEE LETTER A
		{0x2C00, false, TypeExclusion},    // GLAGOLITIC CAPITAL LETTER AZU
		{0x0149, false, TypeDeprecated},   // ŉ
		{0x1D400, false, TypeNotNFKC},     // MATHEMATICAL BOLD CAPITAL A
		{0x0378, false, TypeNotCharacter}, // unassigned
	}
	for _, tt := range status {
		if got := IdentifierAllowed(tt.r); got != tt.allowed {
			t.Errorf("IdentifierAllowed(%U) = %v", tt.r, got)
		}
		if got := IdentifierTypes(tt.r); got&tt.types == 0 {
			t.Errorf("IdentifierTypes(%U) = %v, want it to include %v", tt.r, got, tt.types)
		}
	}
}
