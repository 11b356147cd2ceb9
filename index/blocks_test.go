package index

import (
	"maps"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// writeBlocks against a map: bulk loads into empty prefixes, small random
// additions that split blocks, removals that empty them, on few hashes
// (long runs of one hash across blocks) and many; after each step the
// blocks must be well formed and lookup must give every hash's documents.
func TestBlocks(t *testing.T) {
	db, err := bolt.Open(filepath.Join(t.TempDir(), "b.bolt"), 0o644, &bolt.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rng := rand.New(rand.NewPCG(7, 8))
	prefixes := [][]byte{{0, 0}, {0, 1}, {0, 3}}
	model := make([]map[uint64]bool, len(prefixes))
	for i := range model {
		model[i] = map[uint64]bool{}
	}
	num := uint32(0)
	step := func(name string, hashes uint32, nAdd, nDel int) {
		t.Helper()
		err := db.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucketIfNotExists([]byte("x"))
			if err != nil {
				return err
			}
			for p, prefix := range prefixes {
				var add, del []uint64
				for range nAdd {
					num++
					e := entry(rng.Uint32N(hashes)*0x9e3779b1, num)
					add = append(add, e)
					model[p][e] = true
				}
				stored := slices.Sorted(maps.Keys(model[p]))
				for range min(nDel, len(stored)) {
					e := stored[rng.IntN(len(stored))]
					if model[p][e] && !slices.Contains(add, e) {
						del = append(del, e)
						delete(model[p], e)
					}
				}
				slices.Sort(add)
				slices.Sort(del)
				if err := writeBlocks(b, prefix, add, del); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		db.View(func(tx *bolt.Tx) error {
			b := tx.Bucket([]byte("x"))
			n, err := checkBlocks(b, 2)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			total := 0
			for p, prefix := range prefixes {
				total += len(model[p])
				want := map[uint32][]uint32{}
				for _, e := range slices.Sorted(maps.Keys(model[p])) {
					want[uint32(e>>32)] = append(want[uint32(e>>32)], uint32(e))
				}
				c := b.Cursor()
				for h, nums := range want {
					if got := slices.Collect(lookup(c, prefix, h)); !slices.Equal(got, nums) {
						t.Fatalf("%s: prefix %x hash %x: %v, want %v", name, prefix, h, got, nums)
					}
				}
				for range 50 { // hashes not stored
					h := rng.Uint32()
					if _, ok := want[h]; !ok {
						if got := slices.Collect(lookup(c, prefix, h)); len(got) > 0 {
							t.Fatalf("%s: prefix %x hash %x not stored: %v", name, prefix, h, got)
						}
					}
				}
			}
			if n != total {
				t.Fatalf("%s: %d entries, want %d", name, n, total)
			}
			return nil
		})
	}
	step("bulk, many hashes", 1<<30, 3*blockEntries+17, 0)
	step("bulk into a loaded prefix", 1<<30, 2*blockEntries, 0)
	for i := range 20 {
		step("small additions and removals", 1<<30, 40, 30)
		if i%5 == 0 {
			step("few hashes", 7, 300, 10)
		}
	}
	step("remove most", 1<<30, 0, 4000)
	step("remove all", 1<<30, 0, 1<<20)
	step("again", 3, 2*blockEntries, 0)
}
