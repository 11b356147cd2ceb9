package detect

import "testing"

// Cases of the lookalike model (package lookalike) and of numbers mixing
// numbering systems: text, what a reader sees, the verdict.
var modelCases = []struct {
	name, text, want string
	verdict          Verdict
}{
	{"tifinagh yaw as u", "We had so much fⵡn at the party.", "We had so much fun at the party.", Disguised},
	{"cherokee tla as c", "The ꮭat sat on the mat.", "The cat sat on the mat.", Disguised},
	{"cyrillic o diaeresis as ö", "Thе wеather in Kӧln", "The weather in Köln", Disguised},
	{"parenthesized", "The ⒭ed fox and ⒜nother ⒲ord", "The red fox and another word", Disguised},
	{"parenthesized list", "⒜ first item, ⒝ second item", "⒜ first item, ⒝ second item", Clean},
	{"tifinagh prose", "ⴰⵎⴰⵣⵉⵖ ⵡ ⴰⵣⵓⵍ ⴷ ⵜⵉⴼⵉⵏⴰⵖ", "ⴰⵎⴰⵣⵉⵖ ⵡ ⴰⵣⵓⵍ ⴷ ⵜⵉⴼⵉⵏⴰⵖ", Clean},
	{"armenian prose", "Բոլոր մարդիկ ծնվում են ազատ ու հավասար", "Բոլոր մարդիկ ծնվում են ազատ ու հավասար", Clean},
	{"cherokee prose", "ᏂᎦᏓ ᎠᏂᏴᏫ ᏂᎨᎫᏓᎸᎾ ᎠᎴ ᎤᏂᏠᏱ", "ᏂᎦᏓ ᎠᏂᏴᏫ ᏂᎨᎫᏓᎸᎾ ᎠᎴ ᎤᏂᏠᏱ", Clean},

	{"styled letter with an accent, nfc text", "𝐃𝐢𝐞 𝐄𝐫𝐤𝐥𝐚\u0308𝐫𝐮𝐧𝐠 und Präambel", "Die Erklärung und Präambel", Disguised},
	{"latin in greek", "Όλοι οι άνθρωπoι γεννιoύνται ελεύθερoι και ίσoι, με πvεύμα αδελφοσύvης. Το Linux.",
		"Όλοι οι άνθρωποι γεννιούνται ελεύθεροι και ίσοι, με πνεύμα αδελφοσύνης. Το Linux.", Disguised},
	{"latin words in russian stay", "Все люди рождаются свoбoдными и рaвными в свoем дoстoинстве и прaвaх. Они нaдeлeны рaзумoм и сoвестью. Запустите pid и POSIX, wheel.",
		"Все люди рождаются свободными и равными в своем достоинстве и правах. Они наделены разумом и совестью. Запустите pid и POSIX, wheel.", Disguised},
	{"bengali zeros in an ascii number", "the price is 1০০ dollars, not 90", "the price is 100 dollars, not 90", Disguised},
	{"bengali number quoted", "the price is ১০০ taka", "the price is ১০০ taka", Clean},
	{"both systems in english", "the price is 1০০ dollars, or ১০০ in Bengali", "the price is 1০০ dollars, or ১০০ in Bengali", Suspicious},
	{"bengali text", "দাম ১০০ টাকা, আর 1০০ টাকা", "দাম ১০০ টাকা, আর 1০০ টাকা", Suspicious},
	{"devanagari text", "मूल्य १०० रुपये और 1०० रुपये", "मूल्य १०० रुपये और 1०० रुपये", Suspicious},
	{"arabic text", "السعر ١٠٠ دينار و1٠٠", "السعر ١٠٠ دينار و1٠٠", Suspicious},
	{"persian text", "قیمت ۱۰۰ تومان و 1۰۰", "قیمت ۱۰۰ تومان و 1۰۰", Suspicious},
	{"digit with no lookalike", "Price 1٣4 dollars", "Price 1٣4 dollars", Suspicious},
}

func TestModel(t *testing.T) {
	for _, tc := range modelCases {
		t.Run(tc.name, func(t *testing.T) {
			rep := ScanString(tc.text)
			if got := apply(tc.text, rep.Findings); got != tc.want {
				t.Errorf("restored %q\nwant     %q\nfindings %+v", got, tc.want, rep.Findings)
			}
			if rep.Verdict != tc.verdict {
				t.Errorf("verdict %s, want %s (%+v)", rep.Verdict, tc.verdict, rep.Findings)
			}
			if tc.want != tc.text {
				checkFixes(t, tc.name, Fixes([]byte(tc.text)), rep.Findings)
			} else if fs := Fixes([]byte(tc.text)); len(fs) != 0 {
				t.Errorf("Fixes = %+v, want none", fs)
			}
		})
	}
}

func FuzzModel(f *testing.F) {
	for _, tc := range modelCases {
		f.Add([]byte(tc.text))
	}
	// Scan and Fixes agree on what changes, whatever the text.
	f.Fuzz(func(t *testing.T, b []byte) {
		rep := Scan(b)
		if got, want := applyFixes(string(b), Fixes(b)), apply(string(b), rep.Findings); got != want {
			t.Errorf("Fixes restore %q, Scan %q", got, want)
		}
	})
}

func applyFixes(text string, fs []Fix) string {
	out, pos := "", 0
	for _, f := range fs {
		out += text[pos:f.Offset] + f.With
		pos = f.Offset + f.Len
	}
	return out + text[pos:]
}
