package uts39

import (
	"slices"
	"testing"

	"github.com/unmaskdev/unmask/ucd"
)

func set(scripts ...ucd.Script) ucd.ScriptSet {
	var s ucd.ScriptSet
	for _, sc := range scripts {
		s.Add(sc)
	}
	return s
}

// TestResolvedScripts uses the examples of UTS #39 §5.1 (the table after the
// definition of the resolved script set) plus a few edge cases.
func TestResolvedScripts(t *testing.T) {
	tests := []struct {
		in     string
		want   ucd.ScriptSet
		single bool
	}{
		// §5.1 examples.
		{"Circle", set(ucd.Latin), true},
		{"СігсӀе", set(ucd.Cyrillic), true}, // all Cyrillic letters
		{"Сirсlе", ucd.ScriptSet{}, false},  // Cyrillic С, с, е with Latin i, r, l
		{"𝖢𝗂𝗋𝖼𝗅𝖾", ucd.AllScripts, true},    // mathematical letters are Common
		{"〆切", set(ucd.Han, ucd.HanWithBopomofo, ucd.Japanese, ucd.Korean), true},
		{"ねガ", set(ucd.Japanese), true},                    // Hiragana + Katakana meet in Jpan
		{"ウィキペディア", set(ucd.Katakana, ucd.Japanese), true}, // ー-free Katakana
		// Edge cases.
		{"", ucd.AllScripts, true},
		{"123 - 456", ucd.AllScripts, true},
		{"a\u0301", set(ucd.Latin), true},                               // Inherited mark
		{"\u0660\u0661", set(ucd.Arabic, ucd.Thaana, ucd.Yezidi), true}, // Arabic-Indic digits: scx {Arab Thaa Yezi}
		{"ab\xff", set(ucd.Latin), true},                                // invalid byte = U+FFFD, Common
		{"한字", set(ucd.Korean), true},                                   // Hangul + Han meet in Kore
		{"abc漢字", ucd.ScriptSet{}, false},
	}
	for _, tt := range tests {
		got := ResolvedScripts(tt.in)
		if got != tt.want {
			t.Errorf("ResolvedScripts(%q) = %v, want %v", tt.in, got, tt.want)
		}
		if IsSingleScript(tt.in) != tt.single || IsMixedScript(tt.in) == tt.single {
			t.Errorf("IsSingleScript(%q) = %v, want %v", tt.in, IsSingleScript(tt.in), tt.single)
		}
	}
}

// TestRestrictionLevel follows the level definitions of UTS #39 §5.2 with one
// string per step of its algorithm.
func TestRestrictionLevel(t *testing.T) {
	tests := []struct {
		in           string
		level, noPro Level
	}{
		{"", ASCIIOnly, ASCIIOnly},
		{"paypal", ASCIIOnly, ASCIIOnly},
		{"pay pal", Unrestricted, ASCIIOnly}, // SPACE is not in the General Security Profile
		{"café", SingleScript, SingleScript},
		{"ѕсоре", SingleScript, SingleScript},
		{"東京タワー", SingleScript, SingleScript},                         // Han + Katakana resolve to {Jpan}
		{"abcカタカナ漢字ひらがな", HighlyRestrictive, HighlyRestrictive},       // Latin + Han + Hiragana + Katakana
		{"abc한국어漢字", HighlyRestrictive, HighlyRestrictive},            // Latin + Han + Hangul
		{"abcㄅㄆ漢字", Unrestricted, HighlyRestrictive},                  // Latin + Han + Bopomofo; Bopomofo letters are Limited_Use in 17.0.0
		{"abcनमस्ते", ModeratelyRestrictive, ModeratelyRestrictive},   // Latin + Devanagari
		{"abcשלום", ModeratelyRestrictive, ModeratelyRestrictive},     // Latin + Hebrew
		{"pаypаl", MinimallyRestrictive, MinimallyRestrictive},        // Latin + Cyrillic is excluded
		{"abcαβγ", MinimallyRestrictive, MinimallyRestrictive},        // Latin + Greek is excluded
		{"abcनमस्तेשלום", MinimallyRestrictive, MinimallyRestrictive}, // three scripts
		{"abcᏣᎳᎩ", Unrestricted, MinimallyRestrictive},                // Cherokee is not Recommended (and not Allowed)
		{"𝔭𝒶ỿ𝕡𝕒ℓ", Unrestricted, SingleScript},
		{"pay\u200Bpal", Unrestricted, SingleScript},
		{"\xed\xa0\x80", Unrestricted, SingleScript},
	}
	for _, tt := range tests {
		if got := RestrictionLevel(tt.in); got != tt.level {
			t.Errorf("RestrictionLevel(%q) = %v, want %v", tt.in, got, tt.level)
		}
		if got := ScriptRestrictionLevel(tt.in); got != tt.noPro {
			t.Errorf("ScriptRestrictionLevel(%q) = %v, want %v", tt.in, got, tt.noPro)
		}
	}
	for l := ASCIIOnly; l <= Unrestricted; l++ {
		if l.String() == "" || l.String() == Level(0).String() {
			t.Errorf("Level(%d) has no name", l)
		}
	}
}

// TestRecommendedScripts checks the hard-coded list against IdentifierType.txt:
// every listed script has Recommended characters, and every Recommended
// character (other than Common and Inherited ones) belongs to a listed script
// by its Script_Extensions (Grantha signs used in Tamil, for instance).
func TestRecommendedScripts(t *testing.T) {
	var seen ucd.ScriptSet
	for r := rune(0); r <= 0x10FFFF; r++ {
		if ucd.IdentifierTypes(r) != ucd.TypeRecommended {
			continue
		}
		scx := ucd.Extensions(r)
		if scx.Has(ucd.Common) || scx.Has(ucd.Inherited) {
			continue
		}
		if scx.And(recommendedScripts).IsEmpty() {
			t.Errorf("%U is Recommended but its scripts %v are not in the list", r, scx)
		}
		seen = seen.Or(scx)
	}
	if got := seen.And(recommendedScripts); got != recommendedScripts {
		t.Errorf("listed scripts without Recommended characters: list %v, seen %v", recommendedScripts, got)
	}
}

func TestNumberSystems(t *testing.T) {
	tests := []struct {
		in    string
		want  []rune
		mixed bool
	}{
		{"abc", nil, false},
		{"2024", []rune{'0'}, false},
		{"8\u09EA", []rune{'0', 0x09E6}, true}, // ICU's example: 8 with BENGALI DIGIT FOUR
		{"١٢٣", []rune{0x0660}, false},
		{"৪8৪", []rune{0x09E6, '0'}, true},
		{"𝟏𝟐", []rune{0x1D7CE}, false}, // MATHEMATICAL BOLD DIGITs are Nd with their own zero
		{"Ⅻ½", nil, false},             // Nl and No are not decimal digits
	}
	for _, tt := range tests {
		if got := NumberSystems(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("NumberSystems(%q) = %U, want %U", tt.in, got, tt.want)
		}
		if got := MixedNumbers(tt.in); got != tt.mixed {
			t.Errorf("MixedNumbers(%q) = %v", tt.in, got)
		}
	}
}

func TestOptionalChecks(t *testing.T) {
	tests := []struct {
		in   string
		want []Finding
	}{
		{"abc", nil},
		{"é", nil},
		{"a\u0301\u0301", []Finding{{RepeatedMark, 3, 0x0301}}},
		{"á\u0301", []Finding{{RepeatedMark, 2, 0x0301}}}, // precomposed á has the same mark
		{"a\u0301\u0302\u0303\u0304", nil},                // four marks: allowed
		{"a\u0301\u0302\u0303\u0304\u0306", []Finding{{ExcessMarks, 9, 0x0306}}},
		{"i\u0307", []Finding{{HiddenOverlay, 1, 0x0307}}},
		{"j\u0323\u0307", []Finding{{HiddenOverlay, 3, 0x0307}}}, // below marks do not uncover it
		{"i\u0301\u0307", nil},                                   // an above mark first: visible
		{"ı\u0307", nil},                                         // dotless i: the dot shows
		{"pay\u200Bpal", []Finding{{DefaultIgnorable, 3, 0x200B}}},
		{"a\u0301b\u0301", nil}, // a new base starts a new run
	}
	for _, tt := range tests {
		if got := OptionalChecks(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("OptionalChecks(%+q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestIdentifier(t *testing.T) {
	if IdentifierStatus('a') != Allowed || IdentifierStatus(' ') != Restricted || IdentifierStatus(0x13A0) != Restricted {
		t.Error("IdentifierStatus: a Allowed, SPACE and CHEROKEE A Restricted")
	}
	if ty := IdentifierTypes(0x13A0); ty&ucd.TypeLimitedUse == 0 {
		t.Errorf("CHEROKEE LETTER A types %v, want Limited_Use", ty)
	}
	got := RestrictedChars("pay pal\u200B\xff")
	want := []struct {
		off  int
		code string
		name string
	}{{3, "U+0020", "SPACE"}, {7, "U+200B", "ZERO WIDTH SPACE"}, {10, "invalid UTF-8", "invalid UTF-8 byte"}}
	if len(got) != len(want) {
		t.Fatalf("RestrictedChars = %+v", got)
	}
	for i, w := range want {
		if got[i].Offset != w.off || got[i].Code() != w.code || got[i].Name() != w.name || got[i].Reason() == "" {
			t.Errorf("RestrictedChars[%d] = %d %s %s (%s), want %d %s %s", i, got[i].Offset, got[i].Code(), got[i].Name(), got[i].Reason(), w.off, w.code, w.name)
		}
	}
	if r := got[1].Reason(); r != "Identifier_Type Default_Ignorable" {
		t.Errorf("ZWSP reason %q", r)
	}
	rep := CheckIdentifier("pаypаl")
	if rep.Level != MinimallyRestrictive || !rep.Allowed() || rep.MixedNumbers() || !rep.Scripts.IsEmpty() {
		t.Errorf("CheckIdentifier(pаypаl) = %+v", rep)
	}
	if codePoint(0x1F600) != "U+1F600" || codePoint(0x41) != "U+0041" {
		t.Error("codePoint formatting")
	}
}
