package uts39

import (
	"sort"
	"sync"
	"sync/atomic"

	"github.com/unmaskdev/unmask/ucd"
)

// runeInfo caches, for a code point, the properties the hot loops
// need, so that they cost one array load instead of several binary searches
// in the ucd tables:
//
//	bits  0–7   Canonical_Combining_Class
//	bit   8     has a canonical decomposition (Hangul syllables included)
//	bit   9     Default_Ignorable_Code_Point
//	bit   10    Identifier_Status=Allowed
//	bits 11–15  General_Category
//	bits 16–29  1 + index of its confusables.txt mapping (ucd.PrototypeAt), 0 if none
//	bit  30     the prototype is NFD and all starters: its bytes can be copied
type runeInfo uint32

const (
	infoDecomp      runeInfo = 1 << 8
	infoDI          runeInfo = 1 << 9
	infoAllowed     runeInfo = 1 << 10
	infoProtoSimple runeInfo = 1 << 30
	protoIndexMask           = 1<<14 - 1
)

func (i runeInfo) ccc() uint8                   { return uint8(i) }
func (i runeInfo) category() ucd.Category       { return ucd.Category(i >> 11 & 0x1F) }
func (i runeInfo) protoIndex() (int, bool)      { n := int(i >> 16 & protoIndexMask); return n - 1, n != 0 }
func (i runeInfo) has(flag runeInfo) bool       { return i&flag != 0 }
func (i runeInfo) withProto(index int) runeInfo { return i | runeInfo(index+1)<<16 }

var (
	bmpOnce    sync.Once
	bmpInfo    []runeInfo // indexed by code point, 0..0xFFFF
	bmpScripts []uint16   // index into scriptSets of ScriptSetOf(r)
	scriptSets []ucd.ScriptSet
)

func loadBMP() {
	bmpInfo = make([]runeInfo, 0x10000)
	bmpScripts = make([]uint16, 0x10000)
	setIdx := map[ucd.ScriptSet]uint16{}
	for r := rune(0); r < 0x10000; r++ {
		bmpInfo[r] = computeInfo(r)
		ss := scriptSetOfSlow(r)
		i, ok := setIdx[ss]
		if !ok {
			i = uint16(len(scriptSets))
			setIdx[ss] = i
			scriptSets = append(scriptSets, ss)
		}
		bmpScripts[r] = i
	}
	if ucd.NumPrototypes() >= protoIndexMask {
		panic("uts39: too many prototypes for runeInfo")
	}
	for i := 0; i < ucd.NumPrototypes(); i++ {
		if src, _ := ucd.PrototypeAt(i); src < 0x10000 {
			bmpInfo[src] = withProto(bmpInfo[src], i)
		}
	}
}

// withProto adds to info, of the source of ucd.PrototypeAt(i), the
// index of its prototype and whether that is simple (infoProtoSimple).
func withProto(info runeInfo, i int) runeInfo {
	_, p := ucd.PrototypeAt(i)
	info = info.withProto(i)
	simple := true
	for _, c := range p {
		simple = simple && !hasDecompositionSlow(c) && ucd.CombiningClass(c) == 0
	}
	if simple {
		info |= infoProtoSimple
	}
	return info
}

// suppInfo caches runeInfo outside the BMP, per block of 256 code points,
// each block worked out on first use: mathematical letters (𝐚, 𝒶) are
// common in disguised text, and working out each one's properties (several
// binary searches) was a third of a skeleton of such text. A block takes
// 1 KiB and is kept: at most about 4 MiB for text that touches every block.
var suppInfo [(0x10FFFF-0xFFFF)>>8 + 1]atomic.Pointer[[256]runeInfo]

// suppInfoOf returns the runeInfo of r, a code point past the BMP.
func suppInfoOf(r rune) runeInfo {
	if uint32(r) > 0x10FFFF {
		return computeInfo(r) // not a code point: no block
	}
	k := (r - 0x10000) >> 8
	b := suppInfo[k].Load()
	if b == nil {
		b = new([256]runeInfo)
		base := r &^ 0xFF
		for j := range b {
			b[j] = computeInfo(base + rune(j))
		}
		// The prototypes of the block: they are sorted by source.
		n := ucd.NumPrototypes()
		for i := sort.Search(n, func(i int) bool { src, _ := ucd.PrototypeAt(i); return src >= base }); i < n; i++ {
			src, _ := ucd.PrototypeAt(i)
			if src > base+0xFF {
				break
			}
			b[src-base] = withProto(b[src-base], i)
		}
		suppInfo[k].Store(b) // a race only works the block out twice
	}
	return b[r&0xFF]
}

func computeInfo(r rune) runeInfo {
	i := runeInfo(ucd.CombiningClass(r)) | runeInfo(ucd.CategoryOf(r))<<11
	if hasDecompositionSlow(r) {
		i |= infoDecomp
	}
	if ucd.Props(r).Has(ucd.DefaultIgnorable) {
		i |= infoDI
	}
	if ucd.IdentifierAllowed(r) {
		i |= infoAllowed
	}
	return i
}

// infoOf returns the cached properties of r, a code point.
func infoOf(r rune) runeInfo {
	if uint32(r) < 0x10000 {
		bmpOnce.Do(loadBMP)
		return bmpInfo[r]
	}
	return suppInfoOf(r)
}

// loadedInfo is infoOf for callers that have already run bmpOnce.Do(loadBMP).
func loadedInfo(r rune) runeInfo {
	if uint32(r) < 0x10000 {
		return bmpInfo[r]
	}
	return suppInfoOf(r)
}

// prototypeOf is ucd.Prototype through the cache, from the runeInfo of the code point.
func prototypeOf(info runeInfo) (string, bool) {
	i, ok := info.protoIndex()
	if !ok {
		return "", false
	}
	_, p := ucd.PrototypeAt(i)
	return p, true
}
