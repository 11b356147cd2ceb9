// Package index is a persistent near-duplicate index on bbolt: it stores the
// fingerprints of documents and answers "which stored documents is this text
// a copy of?".
//
//	ix, err := index.Open("corpus.idx", nil)        // creates the directory
//	_, err = ix.Add([]index.Doc{{ID: "a", Text: t}}) // one transaction
//	b, err := ix.Bulk()                              // one transaction, many calls
//	_, err = b.Add(index.Sketch(ix.Fingerprinter(), docs))
//	err = b.Commit()
//	res, err := ix.Query(copyText, index.QueryOptions{Spans: true})
//	err = ix.Close()
//
// # Layout
//
// The directory holds one bbolt file, unmask.bolt, with five buckets:
//
//	meta  "params" → the fingerprint.Params as JSON; "format" → "3"
//	ids   document ID → document number (4 bytes, big-endian)
//	docs  document number → record: ID, word, byte and shingle counts,
//	      MinHash signature and sorted shingle hashes as little-endian
//	      uint32s (see record.go)
//	lsh   band (2 bytes) | first entry → block of entries, where an entry
//	      is 32 bits of the band key | document number (8 bytes)
//	post  first entry → block of entries shingle hash | document number,
//	      for the one shingle in eight that every document samples alike
//
// A block holds up to 500 entries in ascending order, each below the first
// of the next block (see blocks.go): the documents of one band key or
// shingle are adjacent, and a document costs its index 8 bytes per entry
// rather than a bbolt key each. Format 2 kept one key per entry; an index
// of that format is refused (rebuild it with 'unmask index add').
//
// # Adding
//
// Add (and AddSketches, and Bulk for many calls in one transaction) puts
// the records and IDs, collects the new band and shingle entries in
// memory, sorts them once, and rewrites only the blocks they fall in: into
// an empty index, full blocks written in order; into a large one, every
// block a batch touches (a batch of 2,000 documents touches most of them,
// so large batches are cheaper per document).
//
// # Query
//
// A query is fingerprinted like a document and answered in one read
// transaction:
//
//  1. LSH: one seek per band (and a binary search in the block found)
//     finds the documents sharing a band key with the query (their entries
//     are adjacent). A bucket of more
//     than 500 documents (boilerplate shared by thousands of pages) is put
//     aside, and read (its first 500) only if steps 2 and 3 on the other
//     buckets give no match covering ExcerptCover of the query.
//  2. Rank: each candidate's MinHash estimate is read from its stored
//     signature in place. A candidate that cannot reach either threshold
//     (its estimate is more than three standard deviations below the
//     Jaccard similarity it would need, given both set sizes) is dropped.
//  3. Verify: the best QueryOptions.MaxVerify (default 20, at least Limit)
//     by estimate are compared exactly: Jaccard similarity and containment
//     by merging the query's sorted shingles with the stored ones, in
//     bbolt's memory map, nothing decoded or allocated.
//  4. Excerpts: a query may be a short excerpt of a long document (with a
//     footer of its own), whose Jaccard similarity is too low for LSH.
//     When no match covers ExcerptCover of the query (QueryOptions.Excerpts,
//     auto by default), the query's sampled shingles are looked up in post;
//     a shingle held by more than 64 documents is a common phrase and
//     ignored. The documents found are ranked and verified as in 2 and 3.
//  5. Spans of the best matches are cut from the same records.
//
// Verifying only the best estimates bounds the work on indexes where a
// query has hundreds of candidates (copies sharing a footer or sentences):
// 'unmask eval-trace' measures the latency with and without the bound and
// the excerpt lookup, on an adversarial and a realistic index of 100,000
// documents, and the README in package traceeval has the figures.
//
// # Invariants
//
//   - An index keeps the fingerprint.Params it was created with; opening it
//     with other parameters is an error, since their signatures never compare.
//   - Every ID has exactly one document record and every record exactly one
//     ID; a record with at least one shingle has exactly Bands entries in lsh
//     and one entry in post per sampled shingle, and one with none has no
//     entries (it never matches). Index.Check verifies all of this, and
//     the blocks below.
//   - Add, AddSketches, Delete and a Bulk (from Index.Bulk to Commit) are
//     each one bbolt transaction: when they return nil the change is on disk
//     (fsync, unless Options.NoSync); when the process is killed or a write
//     fails (disk full) before that, none of it is, and the file opens again
//     with every earlier transaction intact. Batch documents for
//     throughput: a commit costs an fsync and rewrites the blocks and
//     B+tree pages it touched.
//   - The blocks of a bucket partition its entries: under each prefix they
//     are in order, none empty or over 500 entries, each starting with the
//     entry its key names, none overlapping the next.
//   - Adding an ID already present replaces that document; within one batch the
//     last of equal IDs wins. Document numbers are never reused (at most 2^32
//     additions over the index's life).
//   - One process writes at a time (bbolt's file lock; Open waits
//     Options.Timeout, then fails); read-only opens may share the file.
//   - Query runs in a read transaction and is safe for concurrent use, also
//     with a writer in the same process.
package index
