package restore

import (
	"io"
	"runtime"

	"github.com/unmaskdev/unmask/detect"
)

// Copy restores src into dst like io.Copy(dst, NewReader(src)), judging
// chunks on several goroutines (workers; 0 means every core) and writing them
// in order. Chunks are judged independently (detect.Cut), so the output is
// the same as Bytes of all of src; memory stays near 3×workers×ChunkSize.
func Copy(dst io.Writer, src io.Reader, workers int) (int64, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		in, out []byte
		done    chan struct{}
	}
	jobs := make(chan *job, workers)
	order := make(chan *job, workers)
	// Buffers to reuse: a fresh 256 KiB output per chunk was zeroed, faulted
	// in and collected, a tenth of the run.
	free := make(chan []byte, 2*workers)    // input
	freeOut := make(chan []byte, 2*workers) // output
	stop := make(chan struct{})             // closed when writing failed: stop reading
	for w := 0; w < workers; w++ {
		go func() {
			for j := range jobs {
				j.out = appendRestored(j.out[:0], j.in)
				close(j.done)
			}
		}()
	}
	var readErr error
	go func() {
		defer close(jobs)
		defer close(order)
		ch := detect.NewChunker(src)
		for {
			chunk, err := ch.Next()
			if err != nil {
				if err != io.EOF {
					readErr = err
				}
				return
			}
			var in, out []byte
			select {
			case in = <-free:
			default:
			}
			select {
			case out = <-freeOut:
			default:
			}
			j := &job{in: append(in[:0], chunk...), out: out, done: make(chan struct{})}
			select {
			case order <- j:
			case <-stop:
				return
			}
			jobs <- j
		}
	}()
	var total int64
	var writeErr error
	for j := range order {
		<-j.done
		if writeErr == nil {
			var n int
			n, writeErr = dst.Write(j.out)
			total += int64(n)
			if writeErr != nil {
				close(stop)
			}
		}
		select {
		case free <- j.in:
		default:
		}
		select {
		case freeOut <- j.out:
		default:
		}
	}
	if readErr != nil {
		return total, readErr
	}
	return total, writeErr
}
