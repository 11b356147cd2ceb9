// Command unmask finds and undoes Unicode disguises in text: lookalike
// letters from other scripts, invisible characters, styled letters, bidi
// controls and smuggled tag text; it implements UTS #39 and traces disguised
// copies to their originals.
//
// Exit codes follow grep: 0 nothing found, 1 found, 2 error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// command is one subcommand. Each lives in its own file and registers itself in init.
type command struct {
	name    string
	summary string // one line for `unmask --help`
	usage   string // "unmask NAME [flags] ARGS…" plus a paragraph and examples
	// run parses args with fs (flags already defined by setup) and returns the exit code.
	setup func(fs *flag.FlagSet) func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// Exit codes.
const (
	exitClean = 0
	exitFound = 1
	exitError = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" && len(args) == 1 {
		mainUsage(stdout)
		if len(args) == 0 {
			return exitError
		}
		return exitClean
	}
	if args[0] == "help" {
		c, ok := commands[args[1]]
		if !ok {
			fmt.Fprintf(stderr, "unmask: no command %q; see 'unmask --help'\n", args[1])
			return exitError
		}
		fs := newFlagSet(c, stdout)
		c.setup(fs)
		fs.Usage()
		return exitClean
	}
	if args[0] == "version" || args[0] == "--version" {
		fmt.Fprintln(stdout, versionString())
		return exitClean
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "unmask: no command %q; see 'unmask --help'\n", args[0])
		return exitError
	}
	fs := newFlagSet(c, stderr)
	exec := c.setup(fs)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean
		}
		return exitError
	}
	return exec(fs.Args(), stdin, stdout, stderr)
}

func newFlagSet(c *command, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("unmask "+c.name, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprintf(out, "%s\n\nFlags:\n", strings.TrimSpace(c.usage))
		fs.PrintDefaults()
	}
	return fs
}

func mainUsage(w io.Writer) {
	fmt.Fprintf(w, `unmask finds and undoes Unicode disguises in text.

Usage: unmask COMMAND [flags] [args]

Commands:
`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-11s %s\n", n, commands[n].summary)
	}
	fmt.Fprintf(w, `
Input is read from the files named, or stdin when none is. Output goes to
stdout; errors and progress to stderr. Exit status: 0 nothing found,
1 something found, 2 error.

'unmask help COMMAND' explains a command's flags, with examples.
`)
}

// errorf prints "unmask CMD: message" on stderr and returns exitError.
func errorf(stderr io.Writer, cmd, format string, a ...any) int {
	fmt.Fprintf(stderr, "unmask %s: %s\n", cmd, fmt.Sprintf(format, a...))
	return exitError
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}
