package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"

	"github.com/unmaskdev/unmask/detect"
	"github.com/unmaskdev/unmask/examples"
	"github.com/unmaskdev/unmask/restore"
)

func init() {
	register(&command{
		name:    "demo",
		summary: "run scan and clean on the built-in example (a disguised Reuters article)",
		usage: `unmask demo [flags]

Scans the built-in example, a Reuters article republished by a content farm
with 188 Latin "o" swapped for Greek omicron, prints the first findings and
the verdict, restores it and checks the result byte for byte against the
text a reader sees. Exit status: 0 restored exactly, 1 not, 2 error.

Examples:
  unmask demo
  unmask demo --all      # every finding`,
		setup: func(fs *flag.FlagSet) func([]string, io.Reader, io.Writer, io.Writer) int {
			all := fs.Bool("all", false, "print every finding, not the first five")
			color := fs.String("color", "auto", "highlight on a terminal: auto, always or never")
			return func(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
				c, err := useColor(*color, stdout)
				if err != nil {
					return errorf(stderr, "demo", "%v", err)
				}
				w := bufio.NewWriter(stdout)
				defer w.Flush()
				const name = "example/scraped-article.txt"
				fmt.Fprintf(w, "Scanning %s (%d bytes, built in):\n\n", name, len(examples.Scraped))
				shown := 0
				sum, _ := detect.ScanReader(bytes.NewReader(examples.Scraped), func(f detect.Finding) {
					if *all || shown < 5 {
						printFinding(w, name, f, c)
					}
					shown++
				})
				if !*all && shown > 5 {
					fmt.Fprintf(w, "… and %d more (unmask demo --all)\n", shown-5)
				}
				printSummary(w, name, sum, c)
				out := restore.Bytes(examples.Scraped)
				fmt.Fprintf(w, "\nRestored: %d characters changed; ", shown)
				if bytes.Equal(out, examples.Restored) {
					fmt.Fprintf(w, "identical, byte for byte, to the text a reader sees.\n")
					fmt.Fprintf(w, "\nFirst line of the restored article body:\n  %s\n", firstBodyLine(out))
					return exitClean
				}
				fmt.Fprintf(w, "DIFFERENT from the text a reader sees.\n")
				return exitFound
			}
		},
	})
}

func firstBodyLine(b []byte) string {
	lines := bytes.Split(b, []byte("\n"))
	if len(lines) > 2 {
		return string(lines[2])
	}
	return string(b)
}
