package attack

// style is an alphabet of styled letters that stand for plain ones.
type style struct {
	name         string
	upper, lower rune          // the styled A and a; 0 if the style has none
	digit        rune          // the styled 0; 0 if the style has none
	holes        map[rune]rune // letters encoded elsewhere (the Letterlike Symbols block)
	small        map[rune]rune // small capitals: lowercase letter → small capital
}

// apply styles one ASCII letter or digit, if the style has it.
func (s *style) apply(r rune) (rune, bool) {
	if h, ok := s.holes[r]; ok {
		return h, true
	}
	switch {
	case s.small != nil:
		h, ok := s.small[r]
		return h, ok
	case r >= 'A' && r <= 'Z' && s.upper != 0:
		return s.upper + r - 'A', true
	case r >= 'a' && r <= 'z' && s.lower != 0:
		return s.lower + r - 'a', true
	case r >= '0' && r <= '9' && s.digit != 0:
		if s.name == "circled" { // ⓪ stands apart from ①…⑨
			if r == '0' {
				return 0x24EA, true
			}
			return 0x2460 + r - '1', true
		}
		return s.digit + r - '0', true
	}
	return 0, false
}

// styles are the alphabets Styled uses. The mathematical alphabets leave
// holes where a letter was encoded earlier in Letterlike Symbols.
var styles = []*style{
	{name: "fullwidth", upper: 0xFF21, lower: 0xFF41, digit: 0xFF10},
	{name: "math bold", upper: 0x1D400, lower: 0x1D41A, digit: 0x1D7CE},
	{name: "math italic", upper: 0x1D434, lower: 0x1D44E, holes: map[rune]rune{'h': 0x210E}},
	{name: "math bold italic", upper: 0x1D468, lower: 0x1D482},
	{name: "math script", upper: 0x1D49C, lower: 0x1D4B6, holes: map[rune]rune{
		'B': 0x212C, 'E': 0x2130, 'F': 0x2131, 'H': 0x210B, 'I': 0x2110, 'L': 0x2112, 'M': 0x2133, 'R': 0x211B,
		'e': 0x212F, 'g': 0x210A, 'o': 0x2134}},
	{name: "math bold script", upper: 0x1D4D0, lower: 0x1D4EA},
	{name: "math fraktur", upper: 0x1D504, lower: 0x1D51E, holes: map[rune]rune{
		'C': 0x212D, 'H': 0x210C, 'I': 0x2111, 'R': 0x211C, 'Z': 0x2128}},
	{name: "math bold fraktur", upper: 0x1D56C, lower: 0x1D586},
	{name: "math double-struck", upper: 0x1D538, lower: 0x1D552, digit: 0x1D7D8, holes: map[rune]rune{
		'C': 0x2102, 'H': 0x210D, 'N': 0x2115, 'P': 0x2119, 'Q': 0x211A, 'R': 0x211D, 'Z': 0x2124}},
	{name: "math sans", upper: 0x1D5A0, lower: 0x1D5BA, digit: 0x1D7E2},
	{name: "math sans bold", upper: 0x1D5D4, lower: 0x1D5EE, digit: 0x1D7EC},
	{name: "math sans italic", upper: 0x1D608, lower: 0x1D622},
	{name: "math sans bold italic", upper: 0x1D63C, lower: 0x1D656},
	{name: "math monospace", upper: 0x1D670, lower: 0x1D68A, digit: 0x1D7F6},
	{name: "circled", upper: 0x24B6, lower: 0x24D0, digit: 0x2460},
	// Small capitals exist for lowercase letters only (none for x); capitals
	// stay as they are, as in a small-caps font.
	{name: "small capitals", small: map[rune]rune{
		'a': 0x1D00, 'b': 0x0299, 'c': 0x1D04, 'd': 0x1D05, 'e': 0x1D07, 'f': 0xA730, 'g': 0x0262,
		'h': 0x029C, 'i': 0x026A, 'j': 0x1D0A, 'k': 0x1D0B, 'l': 0x029F, 'm': 0x1D0D, 'n': 0x0274,
		'o': 0x1D0F, 'p': 0x1D18, 'q': 0xA7AF, 'r': 0x0280, 's': 0xA731, 't': 0x1D1B, 'u': 0x1D1C,
		'v': 0x1D20, 'w': 0x1D21, 'y': 0x028F, 'z': 0x1D22}},
}
