package index

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"iter"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// Band and sampled-shingle entries are kept in blocks: sorted runs of
// entries, each a bbolt value, instead of one bbolt key per entry. An entry
// is a 32-bit hash and a document number, 8 bytes big-endian, so that the
// entries of one hash are adjacent and ordered by document. A bucket holds
// one sequence of entries per prefix (the band, 2 bytes, in lsh; none in
// post), cut into blocks:
//
//	key    prefix | the block's first entry (8 bytes)
//	value  1 to blockEntries entries, ascending, the first the key's
//
// and every entry of a block is below the key of the next block of the same
// prefix. A document adds one entry to 64 bands and ~50 to post; written
// this way, a bulk load is a few thousand bbolt puts of full pages rather
// than ~118 puts per document.

// blockEntries is the most entries a block holds: 4,000 bytes, so that a
// full block with its key and bbolt's page and element headers fills one
// 4 KiB page.
const blockEntries = 500

// entry packs a hash and a document number as they sort in a block.
func entry(h, num uint32) uint64 { return uint64(h)<<32 | uint64(num) }

// blockKey is prefix | e, big-endian.
func blockKey(prefix []byte, e uint64) []byte {
	return binary.BigEndian.AppendUint64(append(make([]byte, 0, len(prefix)+8), prefix...), e)
}

// blockAt positions c on the block that holds entry e under prefix if it
// is stored, or would hold it: the last block whose key is at most e, else
// the prefix's first block. It returns nil if the prefix has no block.
func blockAt(c *bolt.Cursor, prefix []byte, e uint64) (k, v []byte) {
	var seek [10]byte
	n := copy(seek[:], prefix)
	binary.BigEndian.PutUint64(seek[n:], e)
	key := seek[:n+8]
	k, v = c.Seek(key)
	if k != nil && bytes.Equal(k, key) {
		return k, v
	}
	var pk, pv []byte
	if k == nil {
		pk, pv = c.Last()
	} else {
		pk, pv = c.Prev()
	}
	if pk != nil && bytes.HasPrefix(pk, prefix) && len(pk) == len(key) {
		return pk, pv
	}
	// No block at or below e: the prefix's first block, if any.
	if k, v = c.Seek(key); k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(key) {
		return k, v
	}
	return nil, nil
}

// lookup yields the document numbers of the entries with hash h under
// prefix, ascending.
func lookup(c *bolt.Cursor, prefix []byte, h uint32) iter.Seq[uint32] {
	return func(yield func(uint32) bool) {
		lo := entry(h, 0)
		k, v := blockAt(c, prefix, lo)
		for ; k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8; k, v = c.Next() {
			m := len(v) / 8
			i, j := 0, m // binary search for the first entry ≥ lo
			for i < j {
				mid := int(uint(i+j) >> 1)
				if binary.BigEndian.Uint64(v[8*mid:]) < lo {
					i = mid + 1
				} else {
					j = mid
				}
			}
			for ; i < m; i++ {
				e := binary.BigEndian.Uint64(v[8*i:])
				if uint32(e>>32) != h || !yield(uint32(e)) {
					return
				}
			}
		}
	}
}

// writeBlocks adds the entries add and removes the entries del (each
// sorted ascending; del must be stored, add not) under prefix, rewriting
// only the blocks they fall in. A block grown past blockEntries is split
// in even parts; entries into an empty prefix are written as full blocks.
func writeBlocks(b *bolt.Bucket, prefix []byte, add, del []uint64) error {
	c := b.Cursor()
	for len(add) > 0 || len(del) > 0 {
		first := uint64(0)
		switch {
		case len(del) == 0:
			first = add[0]
		case len(add) == 0:
			first = del[0]
		default:
			first = min(add[0], del[0])
		}
		k, v := blockAt(c, prefix, first)
		var old []byte // the block's entries, copied out of the database
		limit, bounded := uint64(0), false
		if k != nil {
			old = bytes.Clone(v)
			oldKey := bytes.Clone(k)
			if nk, _ := c.Next(); nk != nil && bytes.HasPrefix(nk, prefix) && len(nk) == len(k) {
				limit, bounded = binary.BigEndian.Uint64(nk[len(prefix):]), true
			}
			if err := b.Delete(oldKey); err != nil {
				return err
			}
		}
		na, nd := len(add), len(del)
		if bounded {
			na, _ = slices.BinarySearch(add, limit)
			nd, _ = slices.BinarySearch(del, limit)
		}
		merged, err := mergeEntries(old, add[:na], del[:nd])
		if err != nil {
			return fmt.Errorf("block %x: %w", k, err)
		}
		add, del = add[na:], del[nd:]
		n := len(merged) / 8
		if n == 0 {
			continue
		}
		parts := (n + blockEntries - 1) / blockEntries
		size := (n + parts - 1) / parts
		if k == nil {
			size = blockEntries // a new run: full blocks
		}
		for lo := 0; lo < n; lo += size {
			blk := merged[8*lo : 8*min(lo+size, n)]
			if err := b.Put(blockKey(prefix, binary.BigEndian.Uint64(blk)), blk); err != nil {
				return err
			}
		}
	}
	return nil
}

// mergeEntries returns the block old (8-byte entries) with add merged in
// and del taken out, in a new slice that a bbolt Put may keep.
func mergeEntries(old []byte, add, del []uint64) ([]byte, error) {
	out := make([]byte, 0, len(old)+8*len(add))
	i := 0
	for o := 0; o < len(old); o += 8 {
		e := binary.BigEndian.Uint64(old[o:])
		for ; i < len(add) && add[i] < e; i++ {
			out = binary.BigEndian.AppendUint64(out, add[i])
		}
		if i < len(add) && add[i] == e {
			return nil, fmt.Errorf("entry %016x stored twice", e)
		}
		if len(del) > 0 && del[0] == e {
			del = del[1:]
			continue
		}
		if len(del) > 0 && del[0] < e {
			return nil, fmt.Errorf("entry %016x to remove is missing", del[0])
		}
		out = binary.BigEndian.AppendUint64(out, e)
	}
	if len(del) > 0 {
		return nil, fmt.Errorf("entry %016x to remove is missing", del[0])
	}
	for ; i < len(add); i++ {
		out = binary.BigEndian.AppendUint64(out, add[i])
	}
	return out, nil
}

// checkBlocks verifies the block structure of a bucket whose keys have
// prefixes of prefixLen bytes, and returns the number of entries.
func checkBlocks(b *bolt.Bucket, prefixLen int) (int, error) {
	entries := 0
	var last []byte // the previous block's last entry, with its prefix
	err := b.ForEach(func(k, v []byte) error {
		if len(k) != prefixLen+8 {
			return fmt.Errorf("block key %x: want %d bytes", k, prefixLen+8)
		}
		if len(v) == 0 || len(v)%8 != 0 || len(v) > 8*blockEntries {
			return fmt.Errorf("block %x: %d bytes", k, len(v))
		}
		if !bytes.Equal(k[prefixLen:], v[:8]) {
			return fmt.Errorf("block %x: first entry %x", k, v[:8])
		}
		if last != nil && bytes.Equal(last[:prefixLen], k[:prefixLen]) && bytes.Compare(last[prefixLen:], v[:8]) >= 0 {
			return fmt.Errorf("block %x overlaps the one before", k)
		}
		for o := 8; o < len(v); o += 8 {
			if binary.BigEndian.Uint64(v[o-8:]) >= binary.BigEndian.Uint64(v[o:]) {
				return fmt.Errorf("block %x: entries not ascending", k)
			}
		}
		last = append(append(last[:0], k[:prefixLen]...), v[len(v)-8:]...)
		entries += len(v) / 8
		return nil
	})
	return entries, err
}

// countEntries is the number of entries in a bucket of blocks.
func countEntries(b *bolt.Bucket) int {
	n := 0
	b.ForEach(func(_, v []byte) error {
		n += len(v) / 8
		return nil
	})
	return n
}
