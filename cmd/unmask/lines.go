package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"runtime"
	"unicode/utf8"
	"unsafe"
)

// eachInput writes to w, and flushes, what line appends for each of args,
// or, when there are none, for each line of stdin: lines are independent,
// so they are worked on workers goroutines (mapLines) and written in order.
// Each input that is not valid UTF-8 is reported on stderr by its number,
// for command cmd. It returns the first read or write error.
func eachInput(cmd string, args []string, stdin io.Reader, w *bufio.Writer, stderr io.Writer, workers int, line func(text string, dst []byte) []byte) error {
	var err error
	if len(args) == 0 {
		err = mapLines(stdin, w, workers, func(_ int, text string, dst []byte) ([]byte, bool) {
			return line(text, dst), !utf8.ValidString(text)
		}, func(n int) { noteInvalid(stderr, cmd, "line", n) })
	} else {
		var buf []byte
		for n, text := range args {
			if !utf8.ValidString(text) {
				noteInvalid(stderr, cmd, "argument", n+1)
			}
			buf = line(text, buf[:0])
			if _, err = w.Write(buf); err != nil {
				break
			}
		}
	}
	if err != nil {
		return err
	}
	return w.Flush()
}

// noteInvalid says that input n (a line or an argument) is not valid UTF-8.
func noteInvalid(stderr io.Writer, cmd, what string, n int) {
	fmt.Fprintf(stderr, "unmask %s: %s %d: invalid UTF-8, each bad byte read as U+FFFD\n", cmd, what, n)
}

// mapLines reads the lines of r (each ends at "\n" only and may be of any
// length; a last line without "\n" counts too), calls fn on each on
// workers goroutines (0: every core), and writes what fn appends to w, in
// input order. fn gets the 1-based line number and the line without its
// "\n", valid only during the call. When fn returns true, note is called
// with the line number, in input order, before anything of that line's
// block is written; when w has a Flush method (a bufio.Writer), it is
// flushed whenever no more output is ready. mapLines returns the first read
// or write error; the output of every line read before a read error is
// written. After a write error it returns at once; its goroutines end when
// the read in progress returns, and fn may still be called meanwhile for
// lines already read.
//
// Lines travel in blocks of up to blockBytes or one longer line, as read:
// a goroutine hand-off per line cost more than most lines' work.
func mapLines(r io.Reader, w io.Writer, workers int, fn func(n int, line string, dst []byte) ([]byte, bool), note func(n int)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type block struct {
		first   int    // number of the first line
		text    []byte // whole lines; the last may lack its "\n" at the end of input
		out     []byte
		flagged []int
		done    chan struct{}
	}
	jobs := make(chan *block, workers)
	order := make(chan *block, 2*workers)
	free := make(chan *block, 3*workers+1) // blocks written, for reuse
	quit := make(chan struct{})            // closed when writing fails
	for range workers {
		go func() {
			for b := range jobs {
				n, t := b.first, b.text
				for len(t) > 0 {
					line := t
					if i := bytes.IndexByte(t, '\n'); i >= 0 {
						line, t = t[:i], t[i+1:]
					} else {
						t = nil
					}
					var flag bool
					b.out, flag = fn(n, unsafe.String(unsafe.SliceData(line), len(line)), b.out)
					if flag {
						b.flagged = append(b.flagged, n)
					}
					n++
				}
				close(b.done)
			}
		}()
	}
	var readErr error
	go func() {
		defer close(order)
		defer close(jobs)
		var carry []byte // the start of a line the last block did not end
		first := 1
		for eof := false; !eof; {
			var b *block
			select {
			case b = <-free:
			default:
				b = new(block)
			}
			b.first, b.text, b.out, b.flagged, b.done = first, append(b.text[:0], carry...), b.out[:0], b.flagged[:0], make(chan struct{})
			cut := -1 // b.text[:cut] is whole lines
			// Read until the block holds a whole line: a block does not wait
			// for input that has not come (lines typed at a terminal are
			// answered at once); reading a file fills the block.
			empty := 0 // reads in a row that gave nothing
			for !eof && cut < 0 {
				select {
				case <-quit:
					return // writing failed: read no more
				default:
				}
				switch {
				case cap(b.text) < blockBytes:
					b.text = append(make([]byte, 0, blockBytes), b.text...)
				case len(b.text) == cap(b.text):
					b.text = append(b.text, 0)[:len(b.text)] // more room for a long line
				}
				from := len(b.text)
				k, err := r.Read(b.text[from:cap(b.text)])
				b.text = b.text[:from+k]
				if i := bytes.LastIndexByte(b.text[from:], '\n'); i >= 0 {
					cut = from + i + 1
				}
				if k == 0 && err == nil {
					empty++
				} else {
					empty = 0
				}
				switch {
				case err == io.EOF:
					eof = true
				case err != nil:
					readErr, eof = err, true
				case empty == 100: // as bufio gives up on such a reader
					readErr, eof = io.ErrNoProgress, true
				}
			}
			if eof {
				cut = len(b.text) // what is left is the last line
			}
			carry = append(carry[:0], b.text[cut:]...)
			b.text = b.text[:cut]
			first += bytes.Count(b.text, []byte{'\n'}) // a block without a last "\n" is the last block
			if len(b.text) == 0 {
				break
			}
			select {
			case <-quit:
				return // checked first: a select picks at random among ready cases
			default:
			}
			select {
			case order <- b:
			case <-quit:
				return
			}
			jobs <- b
		}
	}()
	flusher, _ := w.(interface{ Flush() error })
	for b := range order {
		<-b.done
		for _, n := range b.flagged {
			note(n)
		}
		_, err := w.Write(b.out)
		if err == nil && flusher != nil && len(order) == 0 {
			err = flusher.Flush() // nothing more is ready: what is done goes out now
		}
		if err != nil {
			// Return at once, not after the input's end: the reader stops
			// at its next block, when its pending read returns, and the
			// workers when it does.
			close(quit)
			return err
		}
		if cap(b.text) <= 4*blockBytes { // a long line's block is not kept
			select {
			case free <- b:
			default:
			}
		}
	}
	return readErr // order is closed: the reader is done with it
}

// blockBytes is the room a block of mapLines reads into.
const blockBytes = 64 << 10
