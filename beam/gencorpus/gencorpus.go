// Package gencorpus makes test and benchmark corpora for the Beam
// pipeline: news articles (BBC, ../shared/data/news) followed by disguised
// copies made with the repository's attack package (through traceeval's
// copy maker), in JSON Lines.
package gencorpus

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/unmaskdev/unmask/attack"
	"github.com/unmaskdev/unmask/traceeval"
)

// Kinds of copy made, in turn: disguise only, with a content farm's footer,
// trimmed with a footer.
var kinds = []string{traceeval.KindDisguised, traceeval.KindFooter, traceeval.KindTrimmed}

// Config says what to write.
type Config struct {
	Originals int    // how many articles to write as they are (at most all)
	Copies    int    // disguised copies after them, of articles in turn
	Seed      uint64 // copies are deterministic for a seed
}

// Write writes the originals, then the copies, one JSON object per line
// with fields id and text.
func Write(w io.Writer, arts []traceeval.Article, c Config) error {
	var classes []attack.Class
	for _, cl := range attack.Classes {
		if !cl.NeedsCyrillic() {
			classes = append(classes, cl)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	type rec struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	}
	for i := 0; i < min(c.Originals, len(arts)); i++ {
		if err := enc.Encode(rec{arts[i].ID, arts[i].Text}); err != nil {
			return err
		}
	}
	for i := 0; i < c.Copies; i++ {
		src := i % len(arts)
		round := i / len(arts)
		cp, err := traceeval.MakeCopy(arts[src], src, kinds[(i+round)%len(kinds)], classes[(i+round)%len(classes)], nil, c.Seed+uint64(round))
		if err != nil {
			return err
		}
		if err := enc.Encode(rec{fmt.Sprintf("copy%d:%s", i, arts[src].ID), cp.Text}); err != nil {
			return err
		}
	}
	return nil
}
