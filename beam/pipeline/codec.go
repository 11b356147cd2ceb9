package pipeline

import (
	"encoding/binary"
	"errors"
)

// Elements cross the shuffle as []byte in these small encodings: the
// bytes shuffled are what the code says, and no schema coder has to
// guess at unsigned or nested types.

var errShort = errors.New("pipeline: short element")

type enc struct{ b []byte }

func (e *enc) u(v uint64)     { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) bytes(v []byte) { e.u(uint64(len(v))); e.b = append(e.b, v...) }
func (e *enc) str(v string)   { e.u(uint64(len(v))); e.b = append(e.b, v...) }
func (e *enc) u32s(v []uint32) {
	e.u(uint64(len(v)))
	for _, x := range v {
		e.b = binary.LittleEndian.AppendUint32(e.b, x)
	}
}
func (e *enc) flag(v bool) {
	if v {
		e.u(1)
	} else {
		e.u(0)
	}
}

type dec struct {
	b   []byte
	err error
}

func (d *dec) u() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errShort
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) bytes() []byte {
	n := d.u()
	if uint64(len(d.b)) < n {
		d.err = errShort
		return nil
	}
	v := d.b[:n:n]
	d.b = d.b[n:]
	return v
}

func (d *dec) str() string { return string(d.bytes()) }
func (d *dec) flag() bool  { return d.u() == 1 }

func (d *dec) u32s() []uint32 {
	n := d.u()
	if uint64(len(d.b)) < 4*n {
		d.err = errShort
		return nil
	}
	v := make([]uint32, n)
	for i := range v {
		v[i] = binary.LittleEndian.Uint32(d.b[4*i:])
	}
	d.b = d.b[4*n:]
	return v
}

func u32s(v []uint32) []byte { var e enc; e.u32s(v); return e.b }
func decU32s(b []byte) []uint32 {
	d := dec{b: b}
	return d.u32s()
}
