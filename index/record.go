package index

import (
	"encoding/binary"
	"errors"

	"github.com/unmaskdev/unmask/fingerprint"
)

// A document record is, in order:
//
//	byte      record version (2)
//	uvarint   ID length, then the ID
//	uvarint   folded words
//	uvarint   text bytes
//	uvarint   shingle count n
//	uint32×h  MinHash signature, little-endian (h = Params.NumHashes)
//	uint32×n  shingle hashes, little-endian, ascending, no repeats
//
// Fixed-width shingles cost no more than the uvarint gaps of format 1 (a
// news article's ~400 random 32-bit hashes lie ~2^23 apart, 4 bytes as a
// uvarint too) and let a query read the signature and intersect the
// shingles in place, in bbolt's memory map, with nothing decoded or
// allocated.
const recordVersion = 2

var errCorrupt = errors.New("corrupt document record")

// recView is a parsed record whose slices point into the stored bytes:
// valid only inside the transaction that read them.
type recView struct {
	id           []byte
	words, bytes int
	sig          []byte // 4 bytes per signature value
	shingles     []byte // 4 bytes per shingle
}

// numShingles is the size of the stored shingle set.
func (r *recView) numShingles() int { return len(r.shingles) / 4 }

// shingle returns the i-th stored shingle hash.
func (r *recView) shingle(i int) uint32 { return binary.LittleEndian.Uint32(r.shingles[4*i:]) }

// estimate is fingerprint.Estimate of sig and the stored signature.
func (r *recView) estimate(sig fingerprint.Signature) float64 {
	if len(sig) == 0 || len(r.sig) != 4*len(sig) {
		return 0
	}
	n := 0
	b := r.sig[:4*len(sig)]
	for i, v := range sig {
		if binary.LittleEndian.Uint32(b[4*i:]) == v {
			n++
		}
	}
	return float64(n) / float64(len(sig))
}

// intersect counts the hashes of the sorted set q that are stored shingles:
// a merge over both, galloping through the larger when one is much smaller.
func (r *recView) intersect(q []uint32) int {
	s := r.shingles
	ns := len(s) / 4
	if len(q) == 0 || ns == 0 {
		return 0
	}
	n := 0
	if len(q)*16 < ns {
		// Few query shingles: binary-search each in the stored ones,
		// starting where the previous search ended.
		lo := 0
		for _, x := range q {
			hi := ns
			for lo < hi {
				m := int(uint(lo+hi) >> 1)
				if binary.LittleEndian.Uint32(s[4*m:]) < x {
					lo = m + 1
				} else {
					hi = m
				}
			}
			if lo == ns {
				break
			}
			if binary.LittleEndian.Uint32(s[4*lo:]) == x {
				n++
				lo++
			}
		}
		return n
	}
	i, j := 0, 0
	v := binary.LittleEndian.Uint32(s)
	for {
		x := q[i]
		switch {
		case x < v:
			if i++; i == len(q) {
				return n
			}
		case x > v:
			if j++; j == ns {
				return n
			}
			v = binary.LittleEndian.Uint32(s[4*j:])
		default:
			n++
			if i++; i == len(q) {
				return n
			}
			if j++; j == ns {
				return n
			}
			v = binary.LittleEndian.Uint32(s[4*j:])
		}
	}
}

// shingleSet copies the stored shingles out.
func (r *recView) shingleSet() []uint32 {
	out := make([]uint32, r.numShingles())
	for i := range out {
		out[i] = r.shingle(i)
	}
	return out
}

// signature copies the stored signature out.
func (r *recView) signature() fingerprint.Signature {
	out := make(fingerprint.Signature, len(r.sig)/4)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(r.sig[4*i:])
	}
	return out
}

func encodeRecord(e Entry) []byte {
	b := make([]byte, 0, 24+len(e.ID)+4*len(e.Sketch.Signature)+4*len(e.Sketch.Shingles))
	b = append(b, recordVersion)
	b = binary.AppendUvarint(b, uint64(len(e.ID)))
	b = append(b, e.ID...)
	b = binary.AppendUvarint(b, uint64(e.Sketch.Words))
	b = binary.AppendUvarint(b, uint64(e.Bytes))
	b = binary.AppendUvarint(b, uint64(len(e.Sketch.Shingles)))
	for _, v := range e.Sketch.Signature {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	for _, s := range e.Sketch.Shingles {
		b = binary.LittleEndian.AppendUint32(b, s)
	}
	return b
}

// parseRecord checks the record's framing (not the order of its shingles:
// see Check) and returns a view into b.
func parseRecord(b []byte, numHashes int) (recView, error) {
	var r recView
	if len(b) == 0 || b[0] != recordVersion {
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
	r.id, b = b[:idLen], b[idLen:]
	words, ok1 := next()
	nbytes, ok2 := next()
	n, ok3 := next()
	if !ok1 || !ok2 || !ok3 || words > 1<<48 || nbytes > 1<<48 {
		return r, errCorrupt
	}
	if uint64(len(b)) != 4*uint64(numHashes)+4*n || n > uint64(len(b)) {
		return r, errCorrupt
	}
	r.words, r.bytes = int(words), int(nbytes)
	r.sig, r.shingles = b[:4*numHashes], b[4*numHashes:]
	return r, nil
}

// record is a stored document, copied out of the database.
type record struct {
	id       string
	words    int
	bytes    int
	sig      fingerprint.Signature
	shingles []uint32
}

func decodeRecord(b []byte, numHashes int) (record, error) {
	v, err := parseRecord(b, numHashes)
	if err != nil {
		return record{}, err
	}
	return record{id: string(v.id), words: v.words, bytes: v.bytes, sig: v.signature(), shingles: v.shingleSet()}, nil
}
