package attack

import (
	"slices"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
)

// The lookalike lists. Each character is one a reader takes for an ASCII
// letter at reading size in common fonts; confusables.txt has many more
// (Greek γ for y, Cyrillic ь for b, Armenian ա for w…) that a careful
// reader would notice, and those are left out. Which letter a character
// stands for is not written here but derived from ucd.Prototype, so every
// entry is checked against confusables.txt; an entry whose prototype is not
// one ASCII letter is dropped and listed in rejected (a test keeps it empty).
var lookalikeLists = map[Class]string{
	// ο α ν ι ρ ϲ ϳ  Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ Ϲ Ϳ
	Greek: "\u03BF\u03B1\u03BD\u03B9\u03C1\u03F2\u03F3" +
		"\u0391\u0392\u0395\u0396\u0397\u0399\u039A\u039C\u039D\u039F\u03A1\u03A4\u03A5\u03A7\u03F9\u037F",
	// а е о р с у х і ј ѕ һ ԁ ԛ ԝ ӏ  А В Е К М Н О Р С Т Х Ѕ І Ј Ү Ԝ
	Cyrillic: "\u0430\u0435\u043E\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u04BB\u0501\u051B\u051D\u04CF" +
		"\u0410\u0412\u0415\u041A\u041C\u041D\u041E\u0420\u0421\u0422\u0425\u0405\u0406\u0408\u04AE\u051C",
	// օ ս ո հ զ ց  Օ Ս Տ
	Armenian: "\u0585\u057D\u0578\u0570\u0566\u0581\u0555\u054D\u054F",
	// Ꭺ Ᏼ Ꮯ Ꭰ Ꭼ Ꮐ Ꮋ Ꭻ Ꮶ Ꮮ Ꮇ Ꮲ Ꭱ Ꮪ Ꭲ Ꮩ Ꮃ Ꭹ Ꮓ  ꮯ ꮪ ꮩ ꮃ ꮓ Ꭵ
	Cherokee: "\u13AA\u13F4\u13DF\u13A0\u13AC\u13C0\u13BB\u13AB\u13E6\u13DE\u13B7\u13E2\u13A1\u13DA\u13A2\u13D9\u13B3\u13A9\u13C3" +
		"\uABAF\uABAA\uABA9\uAB83\uAB93\u13A5",
	// ɑ ɡ ı ɩ ǀ ᴄ ᴏ ᴠ ᴡ ᴢ ꜱ ꬵ ꭒ  Ꞵ Ꭓ
	LatinExt: "\u0251\u0261\u0131\u0269\u01C0\u1D04\u1D0F\u1D20\u1D21\u1D22\uA731\uAB35\uAB52" +
		"\uA7B4\uA7B3",
	// K(Kelvin) ℎ ℯ ℴ ⅰ ⅴ ⅹ ⅼ ⅽ ⅾ  Ⅰ Ⅴ Ⅹ Ⅼ Ⅽ Ⅾ Ⅿ
	Letterlike: "\u212A\u210E\u212F\u2134\u2170\u2174\u2179\u217C\u217D\u217E" +
		"\u2160\u2164\u2169\u216C\u216D\u216E\u216F",
}

// cyrillicTwins are the Cyrillic letters that LatinInCyrillic swaps for
// their Latin twins: а е о р с у х і ј ѕ  А В Е К М Н О Р С Т Х І Ј Ѕ.
const cyrillicTwins = "\u0430\u0435\u043E\u0440\u0441\u0443\u0445\u0456\u0458\u0455" +
	"\u0410\u0412\u0415\u041A\u041C\u041D\u041E\u0420\u0421\u0422\u0425\u0406\u0408\u0405"

// A letterMap maps an original letter to the characters that can stand for it.
type letterMap map[rune][]rune

var (
	lookalikeMaps    = map[Class]letterMap{}
	latinForCyrillic = letterMap{}
	rejected         []rune // list entries whose prototype is not one ASCII letter
)

// protoLetter is the ASCII letter r stands for according to confusables.txt.
// confusables.txt folds capital I into l; an uppercase source is taken for I.
func protoLetter(r rune) (rune, bool) {
	p, ok := ucd.Prototype(r)
	if !ok || len(p) != 1 || !isASCIILetter(rune(p[0])) {
		return 0, false
	}
	t := rune(p[0])
	if t == 'l' && ucd.Props(r).Has(ucd.Uppercase) {
		t = 'I'
	}
	return t, true
}

func init() {
	for c, list := range lookalikeLists {
		m := letterMap{}
		for _, r := range list {
			t, ok := protoLetter(r)
			if !ok {
				rejected = append(rejected, r)
				continue
			}
			m[t] = append(m[t], r)
		}
		lookalikeMaps[c] = m
	}
	for _, r := range cyrillicTwins {
		t, ok := protoLetter(r)
		if !ok {
			rejected = append(rejected, r)
			continue
		}
		latinForCyrillic[r] = []rune{t}
	}
	initHeavy()
	registerPlanners()
}

// heavySource is one place an obfuscator takes a letter from.
type heavySource struct {
	name string
	m    letterMap
}

// heavySources are, for Heavy: accented Latin letters (by canonical
// decomposition), every style, every lookalike class, and each script's
// letters that confusables.txt maps to one ASCII letter.
var heavySources []heavySource

// heavyByLetter lists, for each ASCII letter, the heavySources that have it.
var heavyByLetter [utf8.RuneSelf][]int

// notHeavy are scripts left out of Heavy: right-to-left ones would reorder
// the line on screen, Han is not a letter lookalike, and scripts new in
// Unicode 17 have no fonts yet, so a reader would see a box.
var notHeavy = map[ucd.Script]bool{
	ucd.Arabic: true, ucd.Hebrew: true, ucd.Nko: true, ucd.Syriac: true, ucd.Thaana: true,
	ucd.Samaritan: true, ucd.Mandaic: true, ucd.Adlam: true, ucd.MendeKikakui: true,
	ucd.Han: true, ucd.BeriaErfe: true, ucd.TolongSiki: true,
}

func initHeavy() {
	accented := letterMap{}
	for _, rg := range [][2]rune{{0xC0, 0x24F}, {0x1E00, 0x1EFF}} {
		for r := rg[0]; r <= rg[1]; r++ {
			d, ok := ucd.Decomposition(r)
			if !ok {
				continue
			}
			base, n := utf8.DecodeRuneInString(d)
			if !isASCIILetter(base) {
				continue
			}
			marks := true
			for _, m := range d[n:] {
				marks = marks && ucd.CategoryOf(m).IsMark()
			}
			if marks {
				accented[base] = append(accented[base], r)
			}
		}
	}
	heavySources = append(heavySources, heavySource{"accented", accented})
	for _, s := range styles {
		m := letterMap{}
		for l := 'A'; l <= 'z'; l++ {
			if r, ok := s.apply(l); ok {
				m[l] = []rune{r}
			}
		}
		heavySources = append(heavySources, heavySource{"style " + s.name, m})
	}
	for _, c := range Classes {
		if m, ok := lookalikeMaps[c]; ok {
			heavySources = append(heavySources, heavySource{string(c), m})
		}
	}
	byScript := map[ucd.Script]letterMap{}
	for i := 0; i < ucd.NumPrototypes(); i++ {
		r, _ := ucd.PrototypeAt(i)
		t, ok := protoLetter(r)
		sc := ucd.ScriptOf(r)
		cat := ucd.CategoryOf(r)
		if !ok || notHeavy[sc] || !(cat.IsLetter() || cat == ucd.Nl) || r >= 0xFF00 && r <= 0xFFEF ||
			sc == ucd.Common || sc == ucd.Inherited || ucd.Props(r).Has(ucd.DefaultIgnorable) {
			continue
		}
		if byScript[sc] == nil {
			byScript[sc] = letterMap{}
		}
		byScript[sc][t] = append(byScript[sc][t], r)
	}
	scripts := make([]ucd.Script, 0, len(byScript))
	for sc := range byScript {
		scripts = append(scripts, sc)
	}
	slices.Sort(scripts) // map order would make Apply depend on the run
	for _, sc := range scripts {
		heavySources = append(heavySources, heavySource{"confusable " + sc.String(), byScript[sc]})
	}
	for i, s := range heavySources {
		for l := range s.m {
			if l < utf8.RuneSelf {
				heavyByLetter[l] = append(heavyByLetter[l], i)
			}
		}
	}
	for l := range heavyByLetter {
		slices.Sort(heavyByLetter[l]) // map order would make Apply depend on the run
	}
}
