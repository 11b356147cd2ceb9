// Command gencorpus writes a corpus for the Beam pipeline's tests and
// measurements: news articles, then disguised copies of them (see package
// gencorpus).
//
//	go run ./cmd/gencorpus --originals 2225 --copies 97775 > /tmp/news100k.jsonl
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/unmaskdev/unmask/beam/gencorpus"
	"github.com/unmaskdev/unmask/traceeval"
)

func main() {
	data := flag.String("data", "../../shared/data/news/bbc.jsonl", "the articles")
	c := gencorpus.Config{}
	flag.IntVar(&c.Originals, "originals", 2225, "articles written as they are")
	flag.IntVar(&c.Copies, "copies", 1000, "disguised copies written after them")
	flag.Uint64Var(&c.Seed, "seed", 1, "seed of the copies")
	flag.Parse()
	arts, err := traceeval.LoadArticles(*data)
	if err == nil {
		w := bufio.NewWriterSize(os.Stdout, 1<<20)
		if err = gencorpus.Write(w, arts, c); err == nil {
			err = w.Flush()
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(2)
	}
}
