package wordlist

import "testing"

func TestEnglish(t *testing.T) {
	for w, want := range map[string]bool{
		"appearance": true, "Government": true, "the": true, "court": true,
		"xqzv": false, "appearanse": false, "": false, "café": false,
	} {
		if got := English(w); got != want {
			t.Errorf("English(%q) = %v", w, got)
		}
	}
}
