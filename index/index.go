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
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/unmaskdev/unmask/fingerprint"
)

// FileName is the database file inside an index directory.
const FileName = "unmask.bolt"

// formatVersion changes when the stored layout does.
const formatVersion = "3"

var (
	bucketMeta = []byte("meta")
	bucketIDs  = []byte("ids")
	bucketDocs = []byte("docs")
	bucketLSH  = []byte("lsh")
	bucketPost = []byte("post")

	keyParams  = []byte("params")
	keyVersion = []byte("format")
)

// writerMmapSize is the memory map a writer starts with: 4 GiB.
const writerMmapSize = 1 << 32

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
	bopt := &bolt.Options{
		Timeout:      timeout,
		ReadOnly:     opt.ReadOnly,
		NoSync:       opt.NoSync,
		FreelistType: bolt.FreelistMapType,
	}
	if !opt.ReadOnly && strconv.IntSize == 64 {
		// Address space, not memory: bbolt copies every page a transaction
		// has changed out of the map each time it grows the map, which a
		// bulk load of 100,000 documents did seven times.
		bopt.InitialMmapSize = writerMmapSize
	}
	db, err := bolt.Open(path, 0o644, bopt)
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
		for _, name := range [][]byte{bucketIDs, bucketDocs, bucketLSH, bucketPost} {
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
	b, err := ix.Bulk()
	if err != nil {
		return 0, err
	}
	if replaced, err = b.Add(entries); err != nil {
		b.Rollback()
		return 0, err
	}
	return replaced, b.Commit()
}

// Bulk is one write transaction that may add many documents, in as many
// calls to Add as the caller likes (fingerprinting the next while one is
// stored), and stores them when committed: all of them or, if the process
// is killed or Commit fails, none. Records and IDs are put as they come;
// band and shingle entries are collected in memory, sorted once and
// written as whole blocks by Commit. A Bulk holds the index's write lock
// until Commit or Rollback; queries go on meanwhile, and see the index
// as it was.
type Bulk struct {
	ix                   *Index
	tx                   *bolt.Tx
	ids, docs, lsh, post *bolt.Bucket
	first                uint32 // the first document number of this transaction
	add, del             entrySet
	dropped              map[uint32]bool // documents both added and replaced in this transaction
	err                  error           // the first failed Add's: Commit refuses
}

// Bulk starts a bulk transaction.
func (ix *Index) Bulk() (*Bulk, error) {
	if ix.read {
		return nil, errors.New("index opened read-only")
	}
	ix.mu.Lock()
	tx, err := ix.db.Begin(true)
	if err != nil {
		ix.mu.Unlock()
		return nil, err
	}
	b := &Bulk{ix: ix, tx: tx, ids: tx.Bucket(bucketIDs), docs: tx.Bucket(bucketDocs),
		lsh: tx.Bucket(bucketLSH), post: tx.Bucket(bucketPost), dropped: map[uint32]bool{}}
	b.first = uint32(b.docs.Sequence() + 1)
	// Document numbers only grow: records are appended, pages filled.
	b.docs.FillPercent = 1
	if k, _ := b.ids.Cursor().First(); k == nil {
		// A load into an empty index writes every key below in ascending
		// order (IDs within each Add), so full pages are right.
		b.ids.FillPercent, b.lsh.FillPercent, b.post.FillPercent = 1, 1, 1
	}
	b.add.init(ix.fp.Params().Bands)
	b.del.init(ix.fp.Params().Bands)
	return b, nil
}

// Add stores the records of entries in the transaction. A document whose
// ID is in the index, or was added earlier in this transaction, replaces
// it; within entries the last of equal IDs wins. It returns how many
// replaced a document. After an error the transaction can only be rolled
// back.
func (b *Bulk) Add(entries []Entry) (replaced int, err error) {
	if b.tx == nil {
		return 0, errors.New("bulk transaction closed")
	}
	if b.err != nil {
		return 0, b.err
	}
	replaced, err = b.addEntries(entries)
	if err != nil {
		b.err = err
		return 0, err
	}
	return replaced, nil
}

func (b *Bulk) addEntries(entries []Entry) (replaced int, err error) {
	ix := b.ix
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
	// Within one call the last of equal IDs wins: drop the earlier ones.
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
	b.add.grow(len(entries))
	type idNum struct {
		id  string
		num []byte
	}
	newIDs := make([]idNum, 0, len(entries))
	for _, e := range entries {
		if old := b.ids.Get([]byte(e.ID)); old != nil {
			num := binary.BigEndian.Uint32(old)
			if num >= b.first {
				b.dropped[num] = true // its entries are still in b.add: left out on Commit
			} else {
				rec, err := decodeRecord(b.docs.Get(old), ix.fp.Params().NumHashes())
				if err != nil {
					return 0, fmt.Errorf("stored %q: %w", e.ID, err)
				}
				b.del.add(ix.fp, rec.sig, rec.shingles, num)
			}
			if err := b.docs.Delete(old); err != nil {
				return 0, err
			}
			replaced++
		}
		seq, err := b.docs.NextSequence()
		if err != nil {
			return 0, err
		}
		if seq > math.MaxUint32 {
			return 0, errors.New("index full: more than 2^32 additions")
		}
		num := binary.BigEndian.AppendUint32(nil, uint32(seq))
		if err := b.docs.Put(num, encodeRecord(e)); err != nil {
			return 0, err
		}
		newIDs = append(newIDs, idNum{e.ID, num})
		b.add.add(ix.fp, e.Sketch.Signature, e.Sketch.Shingles, uint32(seq))
	}
	slices.SortFunc(newIDs, func(a, b idNum) int { return strings.Compare(a.id, b.id) })
	for _, x := range newIDs {
		if err := b.ids.Put([]byte(x.id), x.num); err != nil {
			return 0, err
		}
	}
	return replaced, nil
}

// Commit writes the band and shingle entries and commits: on return
// without error every document added is durable (fsync, unless
// Options.NoSync); on error none is.
func (b *Bulk) Commit() error {
	if b.tx == nil {
		return errors.New("bulk transaction closed")
	}
	if b.err != nil {
		b.Rollback()
		return fmt.Errorf("not committed after a failed add: %w", b.err)
	}
	defer b.close()
	if len(b.dropped) > 0 {
		b.add.drop(b.dropped)
	}
	if err := b.ix.writeEntries(b.lsh, b.post, &b.add, &b.del); err != nil {
		b.tx.Rollback()
		return err
	}
	return b.tx.Commit()
}

// Rollback discards the transaction.
func (b *Bulk) Rollback() error {
	if b.tx == nil {
		return nil
	}
	defer b.close()
	return b.tx.Rollback()
}

func (b *Bulk) close() {
	b.tx = nil
	b.add, b.del = entrySet{}, entrySet{}
	b.ix.mu.Unlock()
}

// entrySet collects band and sampled shingle entries to add or remove.
type entrySet struct {
	bands [][]uint64 // by band: entry(32 bits of the band key, document)
	post  []uint64   // entry(shingle, document)
}

func (s *entrySet) init(bands int) { s.bands = make([][]uint64, bands) }

// grow makes room for the entries of n more documents, doubling.
func (s *entrySet) grow(n int) {
	double := func(l []uint64, n int) []uint64 {
		if cap(l)-len(l) >= n {
			return l
		}
		return append(make([]uint64, 0, max(2*cap(l), len(l)+n)), l...)
	}
	for i := range s.bands {
		s.bands[i] = double(s.bands[i], n)
	}
	s.post = double(s.post, n*64) // a news article samples ~50
}

// drop removes the entries of the documents nums.
func (s *entrySet) drop(nums map[uint32]bool) {
	keep := func(e uint64) bool { return !nums[uint32(e)] }
	for i := range s.bands {
		s.bands[i] = slices.DeleteFunc(s.bands[i], func(e uint64) bool { return !keep(e) })
	}
	s.post = slices.DeleteFunc(s.post, func(e uint64) bool { return !keep(e) })
}

// add appends the entries of a document: a document without shingles (no
// words) has none, and is never a candidate.
func (s *entrySet) add(fp *fingerprint.Fingerprinter, sig fingerprint.Signature, shingles []uint32, num uint32) {
	if len(shingles) == 0 {
		return
	}
	var keys [256]uint64
	for b, h := range fp.AppendBandKeys(keys[:0], sig) {
		s.bands[b] = append(s.bands[b], entry(uint32(h>>32), num))
	}
	for _, sh := range shingles {
		if sampled(sh) {
			s.post = append(s.post, entry(sh, num))
		}
	}
}

// sort sorts every list, the bands on all cores.
func (s *entrySet) sort() {
	lists := append(slices.Clone(s.bands), s.post)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := min(runtime.GOMAXPROCS(0), len(lists)); w > 0; w-- {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(lists); i = int(next.Add(1)) - 1 {
				slices.Sort(lists[i])
			}
		}()
	}
	wg.Wait()
}

// writeEntries stores add's entries and removes del's.
func (ix *Index) writeEntries(lsh, post *bolt.Bucket, add, del *entrySet) error {
	add.sort()
	del.sort()
	var prefix [2]byte
	for b := range add.bands {
		binary.BigEndian.PutUint16(prefix[:], uint16(b))
		if err := writeBlocks(lsh, prefix[:], add.bands[b], del.bands[b]); err != nil {
			return fmt.Errorf("band entries: %w", err)
		}
	}
	if err := writeBlocks(post, nil, add.post, del.post); err != nil {
		return fmt.Errorf("shingle entries: %w", err)
	}
	return nil
}

// Delete removes documents by ID and returns how many there were.
func (ix *Index) Delete(idList ...string) (int, error) {
	if ix.read {
		return 0, errors.New("index opened read-only")
	}
	n := 0
	ix.mu.Lock()
	defer ix.mu.Unlock()
	err := ix.db.Update(func(tx *bolt.Tx) error {
		ids, docs, lsh, post := tx.Bucket(bucketIDs), tx.Bucket(bucketDocs), tx.Bucket(bucketLSH), tx.Bucket(bucketPost)
		var del entrySet
		del.init(ix.fp.Params().Bands)
		for _, id := range slices.Compact(slices.Sorted(slices.Values(idList))) {
			num := ids.Get([]byte(id))
			if num == nil {
				continue
			}
			num = bytes.Clone(num)
			rec, err := decodeRecord(docs.Get(num), ix.fp.Params().NumHashes())
			if err != nil {
				return fmt.Errorf("stored %q: %w", id, err)
			}
			del.add(ix.fp, rec.sig, rec.shingles, binary.BigEndian.Uint32(num))
			if err := docs.Delete(num); err != nil {
				return err
			}
			if err := ids.Delete([]byte(id)); err != nil {
				return err
			}
			n++
		}
		return ix.writeEntries(lsh, post, &entrySet{bands: make([][]uint64, len(del.bands))}, &del)
	})
	return n, err
}

// sampleBits sets the share of shingles kept in the post bucket: those
// whose hash, scrambled, has sampleBits zero high bits (1 in 8). Every
// document samples the same shingles, so a passage shared by two documents
// shares its sampled shingles: about one in eight of its shingles.
const sampleBits = 3

// sampled reports whether shingle hash s has an entry in the post bucket.
func sampled(s uint32) bool { return (s*0x9e3779b1)>>(32-sampleBits) == 0 }

// Stats describes an index.
type Stats struct {
	Dir         string             `json:"dir"`
	Docs        int                `json:"docs"`
	BandKeys    int                `json:"band_keys"`
	ShingleKeys int                `json:"shingle_keys"` // sampled shingle entries, for excerpt queries
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
		s.BandKeys = countEntries(tx.Bucket(bucketLSH))
		s.ShingleKeys = countEntries(tx.Bucket(bucketPost))
		return tx.Bucket(bucketDocs).ForEach(func(k, v []byte) error {
			r, err := parseRecord(v, ix.fp.Params().NumHashes())
			if err != nil {
				return fmt.Errorf("document %x: %w", k, err)
			}
			s.Docs++
			s.TextBytes += int64(r.bytes)
			s.Shingles += int64(r.numShingles())
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
// every ID, document, band entry and shingle entry agree. It reads the whole
// index.
func (ix *Index) Check() error {
	return ix.db.View(func(tx *bolt.Tx) error {
		var errs []string
		for err := range tx.Check() {
			errs = append(errs, err.Error())
		}
		if len(errs) > 0 {
			return fmt.Errorf("database: %s", strings.Join(errs, "; "))
		}
		ids, docs, lsh, post := tx.Bucket(bucketIDs), tx.Bucket(bucketDocs), tx.Bucket(bucketLSH), tx.Bucket(bucketPost)
		nLSH, err := checkBlocks(lsh, 2)
		if err != nil {
			return fmt.Errorf("band entries: %w", err)
		}
		nPost, err := checkBlocks(post, 0)
		if err != nil {
			return fmt.Errorf("shingle entries: %w", err)
		}
		wantLSH, wantPost := 0, 0
		lc, pc := lsh.Cursor(), post.Cursor()
		// has reports whether the entries under prefix hold (h, num).
		has := func(c *bolt.Cursor, prefix []byte, h, num uint32) bool {
			for n := range lookup(c, prefix, h) {
				if n >= num {
					return n == num
				}
			}
			return false
		}
		err = docs.ForEach(func(k, v []byte) error {
			r, err := decodeRecord(v, ix.fp.Params().NumHashes())
			if err != nil {
				return fmt.Errorf("document %x: %w", k, err)
			}
			if !bytes.Equal(ids.Get([]byte(r.id)), k) {
				return fmt.Errorf("document %q: ID entry does not point to it", r.id)
			}
			for i := 1; i < len(r.shingles); i++ {
				if r.shingles[i-1] >= r.shingles[i] {
					return fmt.Errorf("document %q: shingles not in ascending order", r.id)
				}
			}
			var want entrySet
			want.init(ix.fp.Params().Bands)
			num := binary.BigEndian.Uint32(k)
			want.add(ix.fp, r.sig, r.shingles, num)
			var prefix [2]byte
			for b, es := range want.bands {
				binary.BigEndian.PutUint16(prefix[:], uint16(b))
				for _, e := range es {
					if !has(lc, prefix[:], uint32(e>>32), num) {
						return fmt.Errorf("document %q: band %d entry %x missing", r.id, b, e)
					}
				}
				wantLSH += len(es)
			}
			for _, e := range want.post {
				if !has(pc, nil, uint32(e>>32), num) {
					return fmt.Errorf("document %q: shingle entry %x missing", r.id, e)
				}
			}
			wantPost += len(want.post)
			return nil
		})
		if err != nil {
			return err
		}
		if n := ids.Stats().KeyN; n != docs.Stats().KeyN {
			return fmt.Errorf("%d IDs but %d documents", n, docs.Stats().KeyN)
		}
		if nLSH != wantLSH {
			return fmt.Errorf("%d band entries, documents need %d", nLSH, wantLSH)
		}
		if nPost != wantPost {
			return fmt.Errorf("%d shingle entries, documents need %d", nPost, wantPost)
		}
		return nil
	})
}

// better orders matches best first: exact similarity, then containment, then ID.
func better(a, b Match) bool {
	if a.Similarity != b.Similarity {
		return a.Similarity > b.Similarity
	}
	if a.Containment != b.Containment {
		return a.Containment > b.Containment
	}
	return a.ID < b.ID
}
