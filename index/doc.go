// Package index is a persistent near-duplicate index on bbolt: it stores the
// fingerprints of documents and answers "which stored documents is this text
// a copy of?".
//
//	ix, err := index.Open("corpus.idx", nil)        // creates the directory
//	_, err = ix.Add([]index.Doc{{ID: "a", Text: t}}) // one transaction
//	res, err := ix.Query(copyText, index.QueryOptions{Spans: true})
//	err = ix.Close()
//
// # Layout
//
// The directory holds one bbolt file, unmask.bolt, with four buckets:
//
//	meta  "params" → the fingerprint.Params as JSON; "format" → "1"
//	ids   document ID → document number (4 bytes, big-endian)
//	docs  document number → record: ID, word and byte counts, MinHash
//	      signature (uint32s), sorted shingle hashes (uvarint gaps)
//	lsh   band (2 bytes) | 32 bits of the band key | document number → nil
//
// A query computes the query's band keys, seeks each band's prefix in lsh,
// and verifies every candidate with the exact Jaccard similarity and
// containment of the stored shingle sets; the MinHash estimate is reported
// alongside. Band entries sharing a prefix are adjacent, so one seek per band
// finds a bucket.
//
// # Invariants
//
//   - An index keeps the fingerprint.Params it was created with; opening it
//     with other parameters is an error, since their signatures never compare.
//   - Every ID has exactly one document record and every record exactly one
//     ID; a record with at least one shingle has exactly Bands entries in lsh
//     and one with none has no entries (it never matches). Index.Check
//     verifies all three.
//   - Add, AddSketches and Delete are each one bbolt transaction: when they
//     return nil the change is on disk (fsync, unless Options.NoSync); when the
//     process is killed or a write fails (disk full) before that, none of it
//     is, and the file opens again with every earlier transaction intact.
//     Batch documents for throughput: a commit costs an fsync and rewrites the
//     B+tree pages it touched.
//   - Adding an ID already present replaces that document; within one batch the
//     last of equal IDs wins. Document numbers are never reused (at most 2^32
//     additions over the index's life).
//   - One process writes at a time (bbolt's file lock; Open waits
//     Options.Timeout, then fails); read-only opens may share the file.
//   - Query runs in a read transaction and is safe for concurrent use, also
//     with a writer in the same process.
package index
