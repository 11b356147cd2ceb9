package codescan

// Rule is one kind of finding, with the id and help that SARIF shows.
type Rule struct {
	ID    string // stable, as in SARIF reportingDescriptor.id
	Name  string // short kebab-case name, shown in text output
	Short string // one line
	Help  string // what it means and what to do
	Level string // SARIF default level: "error", "warning" or "note"
}

// The rules, in SARIF order.
var (
	RuleBidi = &Rule{ID: "UNMASK1001", Name: "bidi-control", Level: "error",
		Short: "Bidirectional control character in source code (Trojan Source, CVE-2021-42574)",
		Help: "Unicode bidi controls (U+202A–U+202E, U+2066–U+2069, and LRM/RLM/ALM) change the order in which text is displayed. " +
			"In a comment or string literal that leaves one open, the code after it is displayed reordered, so a reviewer reads different logic from what the compiler runs. " +
			"Remove the character, or write it as an escape (\\u202E). Balanced controls and marks inside a literal that holds right-to-left text (Hebrew, Arabic) are not reported."}
	RuleInvisible = &Rule{ID: "UNMASK1002", Name: "invisible-character", Level: "error",
		Short: "Invisible character in source code",
		Help: "Zero-width and other default-ignorable characters (ZWSP, ZWJ/ZWNJ outside scripts that need them, WORD JOINER, U+FEFF after the start of the file, tag characters, variation selectors, Hangul fillers) are not seen by a reader. " +
			"In an identifier they make two names that look the same (CVE-2021-42694); in a string they make a comparison fail or hide text. Remove the character or write it as an escape."}
	RuleConfusable = &Rule{ID: "UNMASK1003", Name: "confusable-identifiers", Level: "error",
		Short: "Two identifiers look the same (UTS #39 skeletons collide)",
		Help:  "Two distinct identifiers of one package (directory) have the same UTS #39 skeleton, and at least one is not ASCII: they look alike but name different things (homoglyph attack, CVE-2021-42694; rustc's confusable_idents). Rename one."}
	RuleMixedScript = &Rule{ID: "UNMASK1004", Name: "mixed-script-identifier", Level: "warning",
		Short: "Identifier mixes scripts beyond the allowed restriction level",
		Help:  "A word of the identifier (split at '_', digits and camelCase humps) mixes scripts beyond the allowed UTS #39 restriction level (default Moderately Restrictive), such as Latin with Cyrillic letters: the usual form of a lookalike name. Write the word in one script."}
	RuleUncommon = &Rule{ID: "UNMASK1005", Name: "uncommon-codepoint", Level: "warning",
		Short: "Identifier has a character that UTS #39 does not allow in identifiers",
		Help:  "The character is Restricted in UTS #39's General Security Profile (IdentifierStatus.txt): obsolete, technical, uncommon or not NFKC; such characters are rarely real and often lookalikes (rustc's uncommon_codepoints). Use an Allowed character."}
	RuleInvalidUTF8 = &Rule{ID: "UNMASK1006", Name: "invalid-utf8", Level: "warning",
		Short: "File is not valid UTF-8",
		Help:  "The file has bytes that are not valid UTF-8 (only the first is reported). Each such byte is read as U+FFFD for the other checks; an editor may show it differently from the compiler."}
)

// Rules lists every rule.
var Rules = []*Rule{RuleBidi, RuleInvisible, RuleConfusable, RuleMixedScript, RuleUncommon, RuleInvalidUTF8}
