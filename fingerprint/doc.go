// Package fingerprint turns documents into MinHash signatures of what a
// reader sees, so that a copy disguised with lookalike letters, invisible
// characters or styled letters has the signature of its original.
//
//	fp := fingerprint.MustNew(fingerprint.DefaultParams())
//	sk := fp.Sketch(text)                // signature + shingle set
//	est := fingerprint.Estimate(sk.Signature, other.Signature)
//	j := fingerprint.Jaccard(sk.Shingles, other.Shingles)
//	keys := fp.AppendBandKeys(nil, sk.Signature) // LSH buckets
//
// # Pipeline
//
//  1. restore.String undoes the disguises package detect is sure of.
//  2. Fold maps every code point to what it looks like: NFKD, combining marks
//     and default-ignorable code points dropped, UTS #39 confusable
//     prototype, lowercase, to a fixed point (see Fold). Lookalikes restore
//     left alone still fold together.
//  3. Words are runs of folded letters and digits (each ideograph is a
//     word); a shingle is Shingle consecutive words, hashed to 32 bits.
//  4. The signature holds, for each of Bands×Rows hash functions
//     h_i(x) = (a_i·x + b_i) >> 32 (multiply-add-shift, strongly universal on
//     32-bit keys), the least value over the shingle set.
//  5. LSH: each band of Rows values hashes to one key; documents sharing a
//     key in any band are candidates, verified with the exact Jaccard
//     similarity of the shingle sets.
//
// # Invariants
//
//   - Sketch is deterministic: equal text and Params give equal sketches,
//     on any machine (no map order, no per-process seed).
//   - Sketch(t).Shingles is sorted without repeats; its signature is
//     SignatureOf(Shingles); Positions(t) yields the same shingle set.
//   - A text without words has no shingles and an all-MaxUint32 signature;
//     the index and dedup never match it.
//   - Fold's fold proper is idempotent (fuzzed); a Fingerprinter is safe for
//     concurrent use.
//
// # Defaults, and why
//
// DefaultParams: 3-word shingles, 64 bands × 2 rows = 128 hashes (LSH
// threshold (1/64)^(1/2) ≈ 0.12). Chosen from the sweep of 'unmask
// eval-trace --sweep' (2,225 BBC articles, 8,900 disguised copies of four
// kinds, 10% of the articles held out; recall@1 = the true original is the
// first match, precision = share of first matches that are right, dedup F1
// pairwise on originals + all copies). Excerpt, 3-word shingles:
//
//	bands×rows hashes threshold recall@1 precision cand/query dedup F1
//	   32×2      64     0.18    97.22%    99.20%     1.14     0.8778
//	   16×4      64     0.50    88.75%    99.39%     0.93     0.8690
//	   64×2     128     0.12    97.83%    99.16%     1.24     0.8778
//	   32×4     128     0.42    91.66%    99.34%     0.97     0.8761
//	   16×8     128     0.71    74.53%    99.53%     0.78     0.7740
//	  128×2     256     0.09    98.13%    99.16%     1.70     0.8778
//	   64×4     256     0.35    93.66%    99.30%     0.99     0.8773
//
// and for 64×2 by shingle size: 2 words 97.92% recall but 8.75 candidates
// per query (common word pairs collide); 3 words 97.83%, 1.24; 4 words
// 97.84%, 1.11; 5 words 97.68%, 1.09, with dedup F1 falling as shingles
// grow (0.8832, 0.8778, 0.8738, 0.8662), since each edited word breaks
// Shingle shingles.
//
// Recall is decided by the trimmed copies: a copy that keeps half the
// article and adds a footer has Jaccard similarity near 0.4 with it, where
// 32×4 (threshold 0.42) finds it only about half the time and 64×2 nearly
// always. Low thresholds cost little here because verification is exact and
// unrelated news articles share few 3-word shingles: 64×2 checks 1.24
// candidates per query. 256 hashes gain 0.3 points of recall for twice the
// signature time and index entries; 2-word shingles gain 0.1 points for
// seven times the candidates. Hence 3 words, 64×2.
//
// The measured tables, with the commands that made them, are in the report
// of 'unmask eval-trace' and in the change that set these defaults.
package fingerprint
