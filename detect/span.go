package detect

import (
	"sort"
	"unicode/utf8"

	"github.com/unmaskdev/unmask/ucd"
)

// span is what a mark made by addSpan says: the text a reader sees in its
// place, and any text it hides (erased by backspaces, or decoded from
// variation selectors).
type span struct {
	with, hidden string
	off, end     int
}

// spanWith is the mark.with of the first span; the k-th has spanWith-k.
// A span's bytes need not be runes of s.runs: in a Latin document the runs
// skip ASCII text, and a reordering or a deletion covers ASCII too.
const spanWith = -2

// addSpan records a finding over the bytes [off, end) of the text,
// replaced by with ("" removes them). The runes of s.runs inside the span
// are taken, so that no later pass changes them too.
func (s *scanner) addSpan(off, end int, kind kindCode, action actionCode, with, hidden string) {
	i := sort.Search(len(s.runs), func(k int) bool { return int(s.runs[k].Off) >= off })
	j := i
	for j < len(s.runs) && int(s.runs[j].Off) < end {
		s.taken[j] = true
		j++
	}
	first, last := int32(-1), int32(-1)
	if j > i {
		first, last = int32(i), int32(j-1)
	}
	s.spans = append(s.spans, span{with, hidden, off, end})
	s.marks = append(s.marks, mark{off: int32(off), len: int32(end - off), first: first, last: last, word: -1,
		with: spanWith - rune(len(s.spans)-1), kind: kind, action: action})
}

// spanFree reports whether no rune of s.runs in the bytes [off, end) is
// taken by an earlier finding, and no span of an earlier pass (see
// spanPass) overlaps them: spans cover bytes that are not in s.runs.
func (s *scanner) spanFree(off, end int) bool {
	for _, sp := range s.spans[:s.spanPass] {
		if sp.off < end && off < sp.end {
			return false
		}
	}
	i := sort.Search(len(s.runs), func(k int) bool { return int(s.runs[k].Off) >= off })
	for ; i < len(s.runs) && int(s.runs[i].Off) < end; i++ {
		if s.taken[i] {
			return false
		}
	}
	return true
}

// spanFinding fills in the Finding of a span's mark: the characters it
// covers, named by the first, and what it hides.
func (s *scanner) spanFinding(f *Finding, m *mark) {
	if s.str == "" {
		s.str = string(s.text) // as finding does
	}
	sp := &s.spans[spanWith-m.with]
	f.Hidden = sp.hidden
	f.Char = s.str[f.Offset : f.Offset+f.Len]
	r, _ := utf8.DecodeRuneInString(f.Char)
	f.Code, f.Name, f.Script = code(r), ucd.Name(r), ucd.ScriptOf(r).String()
}

// newSpanPass starts a pass that adds spans: spanFree checks the spans of
// the passes before it (a pass adds its own in order, without overlap).
func (s *scanner) newSpanPass() { s.spanPass = len(s.spans) }
