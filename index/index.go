package index

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/unmaskdev/unmask/fingerprint"
)

// FileName is the database file inside an index directory.
const FileName = "unmask.bolt"

// formatVersion changes when the stored layout does.
const formatVersion = "1"

var (
	bucketMeta = []byte("meta")
	bucketIDs  = []byte("ids")
	bucketDocs = []byte("docs")
	bucketLSH  = []byte("lsh")

	keyParams  = []byte("params")
	keyVersion = []byte("format")
)

// ErrNoIndex is returned by Open in read-only mode when there is no index.
var ErrNoIndex = errors.New("no index")

// Options configure Open. The zero value opens or creates an index with
// fingerprint.DefaultParams.
type Options struct {
	// Params for a new index. An existing index keeps the parameters it was
	// made with; asking for different ones is an error. Nil means
	// fingerprint.DefaultParams() for a new index, and whatever an
	// existing one has.
	Params *fingerprint.Params
	// ReadOnly opens an existing index for queries only; several
	// processes may then share it.
	ReadOnly bool
	// Timeout bounds the wait for another process's lock; default 2s.
	Timeout time.Duration
	// NoSync skips fsync on commit. Faster bulk loads, but a crash (of the
	// machine, not the process) can then lose or corrupt the index. For
	// throwaway indexes only.
	NoSync bool
}

// Index is a persistent near-duplicate index. It is safe for concurrent
// use: queries run in parallel, additions one at a time.
type Index struct {
	db   *bolt.DB
	fp   *fingerprint.Fingerprinter
	dir  string
	mu   sync.Mutex // serializes writers before bbolt does, so sketches are not wasted
	read bool
}

// Open opens the index in directory dir, creating it unless opt.ReadOnly.
func Open(dir string, opt *Options) (*Index, error) {
	if opt == nil {
		opt = &Options{}
	}
	path := filepath.Join(dir, FileName)
	if opt.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("%w at %s: %v", ErrNoIndex, dir, err)
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	timeout := opt.Timeout
	if timeout == 0 {
		timeout = 2 * time.Second
	}
	db, err := bolt.Open(path, 0o644, &bolt.Options{
		Timeout:      timeout,
		ReadOnly:     opt.ReadOnly,
		NoSync:       opt.NoSync,
		FreelistType: bolt.FreelistMapType,
	})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("index %s is locked by another process", dir)
		}
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	ix := &Index{db: db, dir: dir, read: opt.ReadOnly}
	params, err := ix.setup(opt)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("index %s: %w", dir, err)
	}
	if ix.fp, err = fingerprint.New(params); err != nil {
		db.Close()
		return nil, fmt.Errorf("index %s: %w", dir, err)
	}
	return ix, nil
}

// setup reads the stored parameters, or stores the requested ones in a new index.
func (ix *Index) setup(opt *Options) (fingerprint.Params, error) {
	var stored *fingerprint.Params
	err := ix.db.View(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		if m == nil {
			return nil
		}
		if v := string(m.Get(keyVersion)); v != formatVersion {
			return fmt.Errorf("stored format %q, this program reads %q", v, formatVersion)
		}
		stored = new(fingerprint.Params)
		return json.Unmarshal(m.Get(keyParams), stored)
	})
	if err != nil {
		return fingerprint.Params{}, err
	}
	if stored != nil {
		if opt.Params != nil && *opt.Params != *stored {
			return fingerprint.Params{}, fmt.Errorf("made with parameters %+v, not %+v", *stored, *opt.Params)
		}
		return *stored, nil
	}
	if ix.read {
		return fingerprint.Params{}, errors.New("not initialized")
	}
	p := fingerprint.DefaultParams()
	if opt.Params != nil {
		p = *opt.Params
	}
	if err := p.Validate(); err != nil {
		return p, err
	}
	err = ix.db.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketIDs, bucketDocs, bucketLSH} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		m, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		b, _ := json.Marshal(p)
		if err := m.Put(keyParams, b); err != nil {
			return err
		}
		return m.Put(keyVersion, []byte(formatVersion))
	})
	return p, err
}

// Close closes the index.
func (ix *Index) Close() error { return ix.db.Close() }

// Params returns the index's fingerprint parameters.
func (ix *Index) Params() fingerprint.Params { return ix.fp.Params() }

// Fingerprinter returns the index's fingerprinter, to sketch documents
// outside a transaction (see AddSketches).
func (ix *Index) Fingerprinter() *fingerprint.Fingerprinter { return ix.fp }

// Doc is a document to add.
type Doc struct {
	ID   string
	Text string
}

// Entry is a document already fingerprinted with Fingerprinter().
type Entry struct {
	ID     string
	Sketch fingerprint.Sketch
	Bytes  int // length of the text in bytes
}

// Add fingerprints docs (on all cores) and adds them in one transaction: on
// return without error all of them are durable; on error none is. A doc
// whose ID is already in the index replaces it; within docs the last of
// equal IDs wins. It returns how many replaced a stored document.
func (ix *Index) Add(docs []Doc) (replaced int, err error) {
	return ix.AddSketches(Sketch(ix.fp, docs))
}

// Sketch fingerprints docs on all cores.
func Sketch(fp *fingerprint.Fingerprinter, docs []Doc) []Entry {
	entries := make([]Entry, len(docs))
	workers := min(runtime.GOMAXPROCS(0), len(docs))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(docs); i += workers {
				entries[i] = Entry{ID: docs[i].ID, Sketch: fp.Sketch(docs[i].Text), Bytes: len(docs[i].Text)}
			}
		}()
	}
	wg.Wait()
	return entries
}

// AddSketches is Add for documents fingerprinted already.
func (ix *Index) AddSketches(entries []Entry) (replaced int, err error) {
	if ix.read {
		return 0, errors.New("index opened read-only")
	}
	for _, e := range entries {
		if len(e.Sketch.Signature) != ix.fp.Params().NumHashes() {
			return 0, fmt.Errorf("entry %q: signature of %d values, index uses %d", e.ID, len(e.Sketch.Signature), ix.fp.Params().NumHashes())
		}
		if e.ID == "" {
			return 0, errors.New("empty document ID")
		}
		if len(e.ID) > 4096 {
			return 0, fmt.Errorf("document ID longer than 4096 bytes: %.40q…", e.ID)
		}
	}
	// Within one batch the last of equal IDs wins: drop the earlier ones
	// here, since band entries are written after all documents.
	last := make(map[string]int, len(entries))
	for i, e := range entries {
		last[e.ID] = i
	}
	if len(last) < len(entries) {
		kept := make([]Entry, 0, len(last))
		for i, e := range entries {
			if last[e.ID] == i {
				kept = append(kept, e)
			}
		}
		entries = kept
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	err = ix.db.Update(func(tx *bolt.Tx) error {
		ids, docs, lsh := tx.Bucket(bucketIDs), tx.Bucket(bucketDocs), tx.Bucket(bucketLSH)
		var keys [][]byte
		var bands []uint64
		for _, e := range entries {
			if old := ids.Get([]byte(e.ID)); old != nil {
				// Replaced: remove the old document's band entries.
				rec, err := decodeRecord(docs.Get(old), ix.fp.Params().NumHashes())
				if err != nil {
					return fmt.Errorf("stored %q: %w", e.ID, err)
				}
				if len(rec.shingles) > 0 {
					bands = ix.fp.AppendBandKeys(bands[:0], rec.sig)
					for b, h := range bands {
						if err := lsh.Delete(lshKey(b, h, old)); err != nil {
							return err
						}
					}
				}
				if err := docs.Delete(old); err != nil {
					return err
				}
				replaced++
			}
			seq, err := docs.NextSequence()
			if err != nil {
				return err
			}
			if seq > math.MaxUint32 {
				return errors.New("index full: more than 2^32 additions")
			}
			num := binary.BigEndian.AppendUint32(nil, uint32(seq))
			if err := docs.Put(num, encodeRecord(e)); err != nil {
				return err
			}
			if err := ids.Put([]byte(e.ID), num); err != nil {
				return err
			}
			if len(e.Sketch.Shingles) == 0 {
				continue // no words: never a candidate
			}
			bands = ix.fp.AppendBandKeys(bands[:0], e.Sketch.Signature)
			for b, h := range bands {
				keys = append(keys, lshKey(b, h, num))
			}
		}
		// Sorted keys fill B+tree pages in order: far fewer page splits.
		slices.SortFunc(keys, bytes.Compare)
		for _, k := range keys {
			if err := lsh.Put(k, nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return replaced, nil
}

// Delete removes documents by ID and returns how many there were.
func (ix *Index) Delete(idList ...string) (int, error) {
	if ix.read {
		return 0, errors.New("index opened read-only")
	}
	n := 0
	err := ix.db.Update(func(tx *bolt.Tx) error {
		ids, docs, lsh := tx.Bucket(bucketIDs), tx.Bucket(bucketDocs), tx.Bucket(bucketLSH)
		for _, id := range idList {
			num := ids.Get([]byte(id))
			if num == nil {
				continue
			}
			num = bytes.Clone(num)
			rec, err := decodeRecord(docs.Get(num), ix.fp.Params().NumHashes())
			if err != nil {
				return fmt.Errorf("stored %q: %w", id, err)
			}
			if len(rec.shingles) > 0 {
				for b, h := range ix.fp.AppendBandKeys(nil, rec.sig) {
					if err := lsh.Delete(lshKey(b, h, num)); err != nil {
						return err
					}
				}
			}
			if err := docs.Delete(num); err != nil {
				return err
			}
			if err := ids.Delete([]byte(id)); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// lshKey is band (2 bytes) | 32 bits of the band key | document number, all
// big-endian, so that one band bucket's documents are adjacent.
func lshKey(band int, h uint64, num []byte) []byte {
	k := make([]byte, 0, 10)
	k = binary.BigEndian.AppendUint16(k, uint16(band))
	k = binary.BigEndian.AppendUint32(k, uint32(h>>32))
	return append(k, num...)
}

// record is a stored document.
type record struct {
	id       string
	words    int
	bytes    int
	sig      fingerprint.Signature
	shingles []uint32
}

// encodeRecord: version byte 1, uvarint ID length, ID, uvarint words,
// uvarint text bytes, signature as little-endian uint32s, uvarint shingle
// count, shingles as uvarint gaps from the previous one.
func encodeRecord(e Entry) []byte {
	b := make([]byte, 0, 16+len(e.ID)+4*len(e.Sketch.Signature)+3*len(e.Sketch.Shingles))
	b = append(b, 1)
	b = binary.AppendUvarint(b, uint64(len(e.ID)))
	b = append(b, e.ID...)
	b = binary.AppendUvarint(b, uint64(e.Sketch.Words))
	b = binary.AppendUvarint(b, uint64(e.Bytes))
	for _, v := range e.Sketch.Signature {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	b = binary.AppendUvarint(b, uint64(len(e.Sketch.Shingles)))
	prev := uint32(0)
	for _, s := range e.Sketch.Shingles {
		b = binary.AppendUvarint(b, uint64(s-prev))
		prev = s
	}
	return b
}

var errCorrupt = errors.New("corrupt document record")

func decodeRecord(b []byte, numHashes int) (record, error) {
	var r record
	if len(b) == 0 || b[0] != 1 {
		return r, errCorrupt
	}
	b = b[1:]
	next := func() (uint64, bool) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, false
		}
		b = b[n:]
		return v, true
	}
	idLen, ok := next()
	if !ok || idLen > uint64(len(b)) {
		return r, errCorrupt
	}
	r.id, b = string(b[:idLen]), b[idLen:]
	words, ok1 := next()
	nbytes, ok2 := next()
	if !ok1 || !ok2 || len(b) < 4*numHashes {
		return r, errCorrupt
	}
	r.words, r.bytes = int(words), int(nbytes)
	r.sig = make(fingerprint.Signature, numHashes)
	for i := range r.sig {
		r.sig[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	b = b[4*numHashes:]
	n, ok := next()
	if !ok || n > uint64(len(b)) {
		return r, errCorrupt
	}
	r.shingles = make([]uint32, n)
	prev := uint32(0)
	for i := range r.shingles {
		d, ok := next()
		if !ok || d > math.MaxUint32 {
			return r, errCorrupt
		}
		prev += uint32(d)
		r.shingles[i] = prev
	}
	return r, nil
}

// Stats describes an index.
type Stats struct {
	Dir         string             `json:"dir"`
	Docs        int                `json:"docs"`
	BandKeys    int                `json:"band_keys"`
	FileBytes   int64              `json:"file_bytes"`
	TextBytes   int64              `json:"text_bytes"` // of the documents indexed
	Shingles    int64              `json:"shingles"`   // stored shingle hashes
	Params      fingerprint.Params `json:"params"`
	Threshold   float64            `json:"lsh_threshold"` // Jaccard at which a pair is a candidate half the time
	BytesPerDoc float64            `json:"bytes_per_doc"`
}

// Stats counts what the index holds.
func (ix *Index) Stats() (Stats, error) {
	s := Stats{Dir: ix.dir, Params: ix.fp.Params(), Threshold: ix.fp.Params().Threshold()}
	err := ix.db.View(func(tx *bolt.Tx) error {
		s.FileBytes = tx.Size()
		s.BandKeys = tx.Bucket(bucketLSH).Stats().KeyN
		return tx.Bucket(bucketDocs).ForEach(func(k, v []byte) error {
			r, err := decodeRecord(v, ix.fp.Params().NumHashes())
			if err != nil {
				return fmt.Errorf("document %x: %w", k, err)
			}
			s.Docs++
			s.TextBytes += int64(r.bytes)
			s.Shingles += int64(len(r.shingles))
			return nil
		})
	})
	if s.Docs > 0 {
		s.BytesPerDoc = float64(s.FileBytes) / float64(s.Docs)
	}
	return s, err
}

// Len is the number of documents.
func (ix *Index) Len() (int, error) {
	n := 0
	err := ix.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketIDs).Stats().KeyN
		return nil
	})
	return n, err
}

// Has reports whether a document with this ID is indexed.
func (ix *Index) Has(id string) (bool, error) {
	var ok bool
	err := ix.db.View(func(tx *bolt.Tx) error {
		ok = tx.Bucket(bucketIDs).Get([]byte(id)) != nil
		return nil
	})
	return ok, err
}

// Check verifies the database file (bbolt's page consistency check) and that
// every ID, document and band entry agree. It reads the whole index.
func (ix *Index) Check() error {
	return ix.db.View(func(tx *bolt.Tx) error {
		var errs []string
		for err := range tx.Check() {
			errs = append(errs, err.Error())
		}
		if len(errs) > 0 {
			return fmt.Errorf("database: %s", strings.Join(errs, "; "))
		}
		ids, docs, lsh := tx.Bucket(bucketIDs), tx.Bucket(bucketDocs), tx.Bucket(bucketLSH)
		want := 0
		err := docs.ForEach(func(k, v []byte) error {
			r, err := decodeRecord(v, ix.fp.Params().NumHashes())
			if err != nil {
				return fmt.Errorf("document %x: %w", k, err)
			}
			if !bytes.Equal(ids.Get([]byte(r.id)), k) {
				return fmt.Errorf("document %q: ID entry does not point to it", r.id)
			}
			if len(r.shingles) == 0 {
				return nil
			}
			for b, h := range ix.fp.AppendBandKeys(nil, r.sig) {
				if k2, _ := lsh.Cursor().Seek(lshKey(b, h, k)); !bytes.Equal(k2, lshKey(b, h, k)) {
					return fmt.Errorf("document %q: band %d entry missing", r.id, b)
				}
				want++
			}
			return nil
		})
		if err != nil {
			return err
		}
		if n := ids.Stats().KeyN; n != docs.Stats().KeyN {
			return fmt.Errorf("%d IDs but %d documents", n, docs.Stats().KeyN)
		}
		if n := lsh.Stats().KeyN; n != want {
			return fmt.Errorf("%d band entries, documents need %d", n, want)
		}
		return nil
	})
}

// sortMatches orders best first: exact similarity, then containment, then ID.
func sortMatches(ms []Match) {
	sort.Slice(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.Similarity != b.Similarity {
			return a.Similarity > b.Similarity
		}
		if a.Containment != b.Containment {
			return a.Containment > b.Containment
		}
		return a.ID < b.ID
	})
}
