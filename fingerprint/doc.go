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
//  1. Only with Params.Restore: restore.String undoes the disguises
//     package detect is sure of. Off by default (see below).
//  2. Fold maps every code point to what it looks like: NFKD, combining marks
//     and default-ignorable code points dropped, UTS #39 confusable
//     prototype, lowercase, to a fixed point (see Fold). Lookalikes, styled
//     letters and invisible characters fold together with or without
//     restoring. Folds are tabulated: the BMP at first use, higher planes
//     256 code points at a time, so folding allocates nothing per rune.
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
//   - Fold's fold proper is idempotent (checked on every code point, and
//     fuzzed); a Fingerprinter is safe for concurrent use.
//
// # Defaults, and why
//
// Fold only (Params.Restore false). restore.String costs far more than the
// rest of Sketch on disguised text and, after folding, changes almost no
// shingle. 'unmask eval-trace' (2,225 BBC articles, 8,900 disguised copies;
// 2 cores, 2026-11-25, two runs) measured
//
//	                                     fold only      restore + fold
//	trace recall@1, all copies             99.69%           99.69%
//	dedup F1, originals + disguised        0.9732           0.9732
//	dedup F1, originals + all copies       0.9555           0.9560
//	Sketch, disguised copies, docs/s/core  10,713-12,290    2,663-2,909
//
// and BenchmarkSketch agrees (go test -bench 'Sketch$' ./fingerprint:
// 11,846 and 13,277 docs/s fold only, 2,486 and 2,573 with restore). Two
// fold rules close most of what restoring added: small capitals fold to
// their letter, and a one-letter prototype wins over a decomposition
// without letters (see foldStep). Restoring remains a parameter ('unmask
// index add --restore', 'unmask dedup --restore').
//
// 3-word shingles, 64 bands × 2 rows = 128 hashes (LSH threshold
// (1/64)^(1/2) ≈ 0.12), from the sweep of 'unmask eval-trace --sweep --big
// 0' (fold only, 10% of the articles held out; recall@1 = the true original
// is the first match, precision = share of first matches that are right,
// dedup F1 pairwise on originals + all copies, strict truth). 3-word
// shingles:
//
//	bands×rows hashes threshold recall@1 precision cand/query dedup F1 µs/sig
//	   32×2      64     0.18    99.44%    99.18%     1.17     0.9363   19.6
//	   16×4      64     0.50    92.96%    99.40%     0.98     0.9174   24.1
//	   64×2     128     0.12    99.64%    99.17%     1.26     0.9363   41.9
//	   32×4     128     0.42    95.96%    99.35%     1.01     0.9288   49.3
//	   16×8     128     0.71    75.47%    99.49%     0.79     0.7935   37.7
//	  128×2     256     0.09    99.69%    99.16%     1.72     0.9364   77.4
//	   64×4     256     0.35    97.53%    99.31%     1.03     0.9334   98.8
//
// and for 64×2 by shingle size: 2 words 99.69% recall but 8.91 candidates
// per query (common word pairs collide); 3 words 99.64%, 1.26; 4 words
// 99.65%, 1.13; 5 words 99.55%, 1.10, with dedup F1 falling as shingles
// grow (0.9488, 0.9363, 0.9268, 0.9098), since each edited word breaks
// Shingle shingles.
//
// Recall is decided by the trimmed copies: a copy that keeps half the
// article and adds a footer has Jaccard similarity near 0.4 with it, where
// 32×4 (threshold 0.42) finds it only about half the time and 64×2 nearly
// always. Low thresholds cost little here because verification is exact and
// unrelated news articles share few 3-word shingles. 64 hashes lose 0.2
// points of recall for half the signature time and a noisier estimate
// (which the index ranks candidates by); 256 gain 0.05 points for twice the
// time and index entries. Hence 3 words, 64×2.
//
// The full report, with the command and machine, is in traceeval/README.md.
package fingerprint
