//go:build ignore

// gen.go writes en.txt.gz, the English word list that guides the choice of
// letters in heavily disguised words, from Debian's wamerican and wbritish
// packages (SCOWL, size 50: american-english and british-english, as
// ../shared/data/lexicons/dict/ keeps them, gzip-compressed). Only words of
// ASCII letters are kept, lowercased, sorted, one per line; possessives ('s)
// are dropped.
//
//	go run gen.go [-in ../../shared/data/lexicons/dict/american-english.gz,…]
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"io"
	"log"
	"os"
	"sort"
	"strings"
)

func main() {
	in := flag.String("in", "../../shared/data/lexicons/dict/american-english.gz,../../shared/data/lexicons/dict/british-english.gz", "comma-separated word lists, one word per line (gzip-compressed when the name ends in .gz)")
	flag.Parse()
	seen := map[string]bool{}
	for _, name := range strings.Split(*in, ",") {
		read(name, seen)
	}
	write(seen)
}

func read(name string, seen map[string]bool) {
	f, err := os.Open(name)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		r = zr
	}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		w := strings.TrimSpace(sc.Text())
		if strings.HasSuffix(w, "'s") || w == "" {
			continue
		}
		ok := true
		for i := 0; i < len(w); i++ {
			c := w[i] | 0x20
			if c < 'a' || c > 'z' {
				ok = false
				break
			}
		}
		if ok {
			seen[strings.ToLower(w)] = true
		}
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
}

func write(seen map[string]bool) {
	words := make([]string, 0, len(seen))
	for w := range seen {
		words = append(words, w)
	}
	sort.Strings(words)
	out, err := os.Create("en.txt.gz")
	if err != nil {
		log.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(out, gzip.BestCompression)
	zw.ModTime = zw.ModTime.UTC().Truncate(0) // reproducible: zero time
	zw.Write([]byte(strings.Join(words, "\n") + "\n"))
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := out.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("wordlist: %d words", len(words))
}
