package benchtext

import (
	"os"
	"path/filepath"
)

// Input is one named benchmark text.
type Input struct {
	Name string // benchstat-friendly: english, english-accented, seed, heavy, russian, chinese
	Text []byte
	Want []byte // the text restored, where known; nil otherwise
}

// Load builds the benchmark inputs from the repository's testdata folder:
//
//   - english: the BBC articles of news-sample.jsonl, title and text (NewsText);
//   - english-accented: english and one line with two accented words, which
//     real news has (names, loan words); nothing in it is to be restored;
//   - seed: seed/scraped-article.txt, Want its .restored.txt;
//   - heavy: english disguised by Heavy, Want english;
//   - russian, chinese: udhr/rus.txt and udhr/cmn_hans.txt.
func Load(testdata string) ([]Input, error) {
	read := func(name string) ([]byte, error) { return os.ReadFile(filepath.Join(testdata, name)) }
	jsonl, err := read("news-sample.jsonl")
	if err != nil {
		return nil, err
	}
	english, err := NewsText(jsonl)
	if err != nil {
		return nil, err
	}
	accented := append(english[:len(english):len(english)], "A café in Zürich.\n"...)
	ins := []Input{
		{Name: "english", Text: english, Want: english},
		{Name: "english-accented", Text: accented, Want: accented},
	}
	seed, err := read("seed/scraped-article.txt")
	if err != nil {
		return nil, err
	}
	restored, err := read("seed/scraped-article.restored.txt")
	if err != nil {
		return nil, err
	}
	ins = append(ins, Input{Name: "seed", Text: seed, Want: restored})
	ins = append(ins, Input{Name: "heavy", Text: Heavy(english), Want: english})
	for _, f := range []struct{ name, file string }{{"russian", "udhr/rus.txt"}, {"chinese", "udhr/cmn_hans.txt"}} {
		b, err := read(f.file)
		if err != nil {
			return nil, err
		}
		ins = append(ins, Input{Name: f.name, Text: b})
	}
	return ins, nil
}

// Find returns the input named name, or one with no text.
func Find(ins []Input, name string) Input {
	for _, in := range ins {
		if in.Name == name {
			return in
		}
	}
	return Input{Name: name}
}
