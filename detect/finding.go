package detect

// Kind names a disguise technique.
type Kind string

// The disguise kinds a Finding can have.
const (
	Lookalike Kind = "lookalike"  // a letter from another script inside a word of this one (Greek ο in "frοm")
	WholeWord Kind = "whole-word" // a whole word spelled in another script's lookalikes (Cyrillic "сор" in English)
	Styled    Kind = "styled"     // fullwidth, mathematical, enclosed, small-capital letters standing for plain ones
	Invisible Kind = "invisible"  // zero-width and other default-ignorable characters inside words
	Bidi      Kind = "bidi"       // bidirectional controls (Trojan Source)
	Tag       Kind = "tag"        // tag characters smuggling hidden text
	Zalgo     Kind = "zalgo"      // stacked combining marks no orthography uses
	Heavy     Kind = "heavy"      // every letter of a word from a different lookalike source
	BadUTF8   Kind = "invalid-utf8"
	Deletion  Kind = "deletion" // characters erased by a following BACKSPACE or DELETE
	Selector  Kind = "selector" // variation selectors that vary nothing, or carry bytes
	Blank     Kind = "blank"    // a character a reader sees as a space, or a fullwidth form, in Latin text
)

// Action says what restoration does with a finding.
type Action string

const (
	Replace Action = "replace" // replaced by Imitates
	Remove  Action = "remove"  // deleted (Imitates is "")
	Keep    Action = "keep"    // left in place: suspicious, but not certain enough to change
)

// Finding is one disguised (or suspicious) character or run of characters.
// Its Word (and a Char of several characters) slices one copy of the scanned
// text, shared by the findings of a scan.
type Finding struct {
	Offset   int    `json:"offset"`   // byte offset in the input
	Len      int    `json:"len"`      // length in bytes
	Line     int    `json:"line"`     // 1-based line
	Col      int    `json:"col"`      // 1-based column, in code points
	Char     string `json:"char"`     // the characters found
	Code     string `json:"code"`     // "U+03BF" (first code point when several)
	Name     string `json:"name"`     // Unicode name of the first code point
	Script   string `json:"script"`   // its script
	Imitates string `json:"imitates"` // what a reader takes it for; "" for invisible characters
	Word     string `json:"word"`     // the word it stands in
	WordAt   int    `json:"word_at"`  // byte offset of Word in the input
	Kind     Kind   `json:"kind"`
	Action   Action `json:"action"`
	Hidden   string `json:"hidden,omitempty"` // what a reader does not see: text decoded from tag characters or variation selectors, or erased by backspaces

}

// kindCode and actionCode are Kind and Action as a scan carries them: a
// byte each instead of a string in the tens of thousands of marks and
// proposals it writes and sorts.
type (
	kindCode   uint8
	actionCode uint8
)

const (
	kLookalike kindCode = iota
	kWholeWord
	kStyled
	kInvisible
	kBidi
	kTag
	kZalgo
	kHeavy
	kBadUTF8
	kDeletion
	kSelector
	kBlank
)

var kindNames = [...]Kind{kLookalike: Lookalike, kWholeWord: WholeWord, kStyled: Styled, kInvisible: Invisible,
	kBidi: Bidi, kTag: Tag, kZalgo: Zalgo, kHeavy: Heavy, kBadUTF8: BadUTF8,
	kDeletion: Deletion, kSelector: Selector, kBlank: Blank}

func (k kindCode) Kind() Kind { return kindNames[k] }

const (
	doReplace actionCode = iota
	doRemove
	doKeep
)

var actionNames = [...]Action{doReplace: Replace, doRemove: Remove, doKeep: Keep}

func (a actionCode) Action() Action { return actionNames[a] }

// Fix is one change restoring makes: the bytes [Offset, Offset+Len) of the
// text become With ("" removes them). It is a Finding whose Action is not
// Keep, with nothing a person reads: Fixes makes tens of thousands of them.
type Fix struct {
	Offset, Len int
	With        string
}

// Verdict is a document-level judgement.
type Verdict string

const (
	Clean      Verdict = "clean"
	Suspicious Verdict = "suspicious" // findings, but none certain enough to restore
	Disguised  Verdict = "disguised"
)

// Report is the result of scanning one document.
type Report struct {
	Verdict  Verdict      `json:"verdict"`
	Score    float64      `json:"score"` // share of words disguised, 0..1
	Counts   map[Kind]int `json:"counts"`
	Findings []Finding    `json:"findings"`
	Hidden   []string     `json:"hidden,omitempty"` // payloads smuggled in tag characters and variation selectors, in order
	Words    int          `json:"words"`
}
