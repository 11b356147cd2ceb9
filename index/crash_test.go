//go:build linux

package index

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The crash tests run the test binary again as a child that writes to an
// index; TestMain sends it to crashChild.
func TestMain(m *testing.M) {
	if dir := os.Getenv("UNMASK_INDEX_CHILD_DIR"); dir != "" {
		os.Exit(crashChild(dir, os.Getenv("UNMASK_INDEX_CHILD_MODE")))
	}
	os.Exit(m.Run())
}

const crashBatch = 40

func batchDocs(arts []Doc, b, n int) []Doc {
	docs := make([]Doc, n)
	for i := range docs {
		a := arts[(b*n+i)%len(arts)]
		docs[i] = Doc{ID: fmt.Sprintf("b%04d-%04d", b, i), Text: fmt.Sprintf("batch %d doc %d. %s", b, i, a.Text)}
	}
	return docs
}

// crashChild adds batches and reports each commit on stdout. Mode "kill"
// runs until killed; mode "full" commits three batches, then limits the
// file size so that the next, large, batch cannot be written.
func crashChild(dir, mode string) int {
	arts := loadArticles(nil)
	ix, err := Open(dir, nil)
	if err != nil {
		fmt.Println("open:", err)
		return 3
	}
	for b := 0; b < 100000; b++ {
		if mode == "bulk" && b == 3 {
			return bulkChild(ix, arts, b)
		}
		if mode == "full" && b == 3 {
			signal.Ignore(syscall.SIGXFSZ) // writes past the limit then fail with EFBIG
			st, err := os.Stat(filepath.Join(dir, FileName))
			if err != nil {
				fmt.Println("stat:", err)
				return 3
			}
			lim := uint64(st.Size())
			if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: lim, Max: lim}); err != nil {
				fmt.Println("setrlimit:", err)
				return 3
			}
			_, err = ix.Add(batchDocs(arts, b, 12000)) // ~50 MB: more than the 16 MB bbolt grows the file by
			fmt.Printf("failed %v\n", err)
			ix.Close()
			return 0
		}
		if _, err := ix.Add(batchDocs(arts, b, crashBatch)); err != nil {
			fmt.Println("add:", err)
			return 3
		}
		fmt.Printf("committed %d\n", b)
	}
	return 0
}

// bulkSize is the documents of the crash tests' bulk transaction: fed
// in bulkCalls calls to Bulk.Add, committed once.
const bulkSize, bulkCalls = 4000, 20

// bulkChild adds bulkSize documents in one Bulk after the three batches,
// reporting "committing" before Commit and "bulk committed" after.
func bulkChild(ix *Index, arts []Doc, b int) int {
	bulk, err := ix.Bulk()
	if err != nil {
		fmt.Println("bulk:", err)
		return 3
	}
	per := bulkSize / bulkCalls
	for c := 0; c < bulkCalls; c++ {
		if _, err := bulk.Add(Sketch(ix.Fingerprinter(), batchDocs(arts, b+c, per))); err != nil {
			fmt.Println("bulk add:", err)
			return 3
		}
	}
	fmt.Println("committing")
	if err := bulk.Commit(); err != nil {
		fmt.Println("commit:", err)
		return 3
	}
	fmt.Println("bulk committed")
	time.Sleep(time.Minute) // until killed
	return 0
}

func startChild(t *testing.T, dir, mode string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "UNMASK_INDEX_CHILD_DIR="+dir, "UNMASK_INDEX_CHILD_MODE="+mode)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(out)
}

// checkBatches reopens the index and checks that it is consistent, that
// every reported batch is there, and that no batch is there in part.
func checkBatches(t *testing.T, dir string, reported int) (total int) {
	t.Helper()
	ix, err := Open(dir, nil)
	if err != nil {
		t.Fatalf("reopen after crash: %v", err)
	}
	defer ix.Close()
	if err := ix.Check(); err != nil {
		t.Fatalf("index inconsistent after crash: %v", err)
	}
	n, err := ix.Len()
	if err != nil {
		t.Fatal(err)
	}
	if n%crashBatch != 0 || n < reported*crashBatch {
		t.Fatalf("%d documents after %d reported commits of %d: a batch is partly there or lost", n, reported, crashBatch)
	}
	for b := 0; b < n/crashBatch; b++ {
		for _, id := range []string{fmt.Sprintf("b%04d-%04d", b, 0), fmt.Sprintf("b%04d-%04d", b, crashBatch-1)} {
			if ok, _ := ix.Has(id); !ok {
				t.Fatalf("committed document %s missing", id)
			}
		}
	}
	// Still writable.
	if _, err := ix.Add([]Doc{{ID: "after", Text: "written after the crash"}}); err != nil {
		t.Fatalf("add after crash: %v", err)
	}
	return n
}

func TestKilledDuringAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	for _, delay := range []time.Duration{0, 3 * time.Millisecond, 17 * time.Millisecond} {
		dir := t.TempDir()
		cmd, lines := startChild(t, dir, "kill")
		reported := 0
		for lines.Scan() {
			var b int
			if _, err := fmt.Sscanf(lines.Text(), "committed %d", &b); err != nil {
				cmd.Process.Kill()
				t.Fatalf("child: %s", lines.Text())
			}
			reported = b + 1
			if reported == 3 {
				break
			}
		}
		time.Sleep(delay)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		for lines.Scan() { // commits reported before the kill landed
			fmt.Sscanf(lines.Text(), "committed %d", &reported)
			reported++
		}
		cmd.Wait()
		n := checkBatches(t, dir, reported)
		t.Logf("killed after %v: %d batches reported, %d documents survived", delay, reported, n)
	}
}

func TestWriteFailure(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := t.TempDir()
	cmd, lines := startChild(t, dir, "full")
	var last string
	for lines.Scan() {
		last = lines.Text()
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v (%s)", err, last)
	}
	if !strings.HasPrefix(last, "failed ") || last == "failed <nil>" {
		t.Fatalf("child's large batch under a file size limit: %q, want a write error", last)
	}
	t.Logf("child: %s", last)
	if n := checkBatches(t, dir, 3); n != 3*crashBatch {
		t.Errorf("%d documents, want the %d committed before the failure", n, 3*crashBatch)
	}
}

// A process killed at any moment of a bulk transaction (while documents
// are added, while it commits, after) leaves the index as it was before or
// with the whole transaction, never a part, and consistent.
func TestKilledDuringBulk(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("seed %d", seed)
	outcomes := map[string]int{}
	// Trial 0 is not killed before it reports its commit: it times the
	// adds and the commit, and the other trials draw their moment from
	// those times. Odd trials are killed a random moment after the commit
	// began, even ones a random moment after the small batches.
	var tAdd, tCommit time.Duration
	for trial := 0; trial < 9; trial++ {
		dir := t.TempDir()
		cmd, lines := startChild(t, dir, "bulk")
		before := 0
		for before < 3 && lines.Scan() {
			var b int
			if _, err := fmt.Sscanf(lines.Text(), "committed %d", &b); err != nil {
				cmd.Process.Kill()
				t.Fatalf("child: %s", lines.Text())
			}
			before = b + 1
		}
		scan := func(want string) {
			if !lines.Scan() || lines.Text() != want {
				cmd.Process.Kill()
				t.Fatalf("child: %q, want %q", lines.Text(), want)
			}
		}
		var delay time.Duration
		switch {
		case trial == 0:
			t0 := time.Now()
			scan("committing")
			tAdd = time.Since(t0)
			scan("bulk committed")
			tCommit = time.Since(t0) - tAdd
			t.Logf("adds %v, commit %v", tAdd, tCommit)
		case trial%2 == 1:
			scan("committing")
			delay = time.Duration(rng.Int64N(int64(tCommit*5/4) + 1))
		default:
			delay = time.Duration(rng.Int64N(int64((tAdd+tCommit)*5/4) + 1))
		}
		time.Sleep(delay)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		committed := trial == 0
		for lines.Scan() {
			committed = committed || lines.Text() == "bulk committed"
		}
		cmd.Wait()

		ix, err := Open(dir, nil)
		if err != nil {
			t.Fatalf("trial %d: reopen after kill: %v", trial, err)
		}
		if err := ix.Check(); err != nil {
			t.Fatalf("trial %d: index inconsistent after kill: %v", trial, err)
		}
		n, _ := ix.Len()
		switch {
		case n == 3*crashBatch && !committed:
			outcomes["old"]++
		case n == 3*crashBatch+bulkSize:
			outcomes["new"]++
		default:
			t.Fatalf("trial %d, killed %v after: %d documents (bulk committed reported: %v), want %d or %d",
				trial, delay, n, committed, 3*crashBatch, 3*crashBatch+bulkSize)
		}
		// Still writable, and a bulk load into it works.
		if _, err := ix.Add([]Doc{{ID: "after", Text: "written after the kill"}}); err != nil {
			t.Fatalf("add after kill: %v", err)
		}
		ix.Close()
	}
	t.Logf("outcomes: %v", outcomes)
}
