package uts39

import (
	"sync"

	"github.com/unmaskdev/unmask/ucd"
)

// runeInfo caches, for a code point of the BMP, the properties the hot loops
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
		src, p := ucd.PrototypeAt(i)
		if src >= 0x10000 {
			continue
		}
		info := bmpInfo[src].withProto(i)
		simple := true
		for _, c := range p {
			simple = simple && !hasDecompositionSlow(c) && ucd.CombiningClass(c) == 0
		}
		if simple {
			info |= infoProtoSimple
		}
		bmpInfo[src] = info
	}
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

// infoOf returns the cached properties of r; outside the BMP it computes them
// (without the prototype index).
func infoOf(r rune) runeInfo {
	if uint32(r) < 0x10000 {
		bmpOnce.Do(loadBMP)
		return bmpInfo[r]
	}
	return computeInfo(r)
}

// loadedInfo is infoOf for callers that have already run bmpOnce.Do(loadBMP).
func loadedInfo(r rune) runeInfo {
	if uint32(r) < 0x10000 {
		return bmpInfo[r]
	}
	return computeInfo(r)
}

// prototypeOf is ucd.Prototype through the cache.
func prototypeOf(r rune, info runeInfo) (string, bool) {
	if uint32(r) < 0x10000 {
		i, ok := info.protoIndex()
		if !ok {
			return "", false
		}
		_, p := ucd.PrototypeAt(i)
		return p, true
	}
	return ucd.Prototype(r)
}
