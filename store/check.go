package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"os"
)

// bbolt trusts the pages it finds: a child pointer that points back at its
// own page makes it recurse until the Go stack overflows (a fatal error that
// recover cannot catch), and a cycle between leaves makes a cursor walk
// forever. bbolt's own Tx.Check recurses the same way. checkPages therefore
// walks the file itself, before bbolt touches anything beyond the meta
// pages, and visits each page at most once, so that it always ends.
//
// The layout below is bbolt's file format (go.etcd.io/bbolt/internal/common),
// which bbolt keeps stable across releases. Numbers are in the machine's byte
// order; boso runs on little-endian machines only (amd64, arm64).

const (
	pageHeaderSize   = 16 // id u64, flags u16, count u16, overflow u32
	elementSize      = 16 // branch: pos u32, ksize u32, pgid u64; leaf: flags u32, pos u32, ksize u32, vsize u32
	bucketHeaderSize = 16 // root pgid u64, sequence u64
	metaSize         = 64

	branchPage   = 0x01
	leafPage     = 0x02
	metaPage     = 0x04
	freelistPage = 0x10
	bucketLeaf   = 0x01

	boltMagic   = 0xED0CDAED
	boltVersion = 2
	noFreelist  = math.MaxUint64
)

var le = binary.LittleEndian

// boltMeta is one of the two meta pages.
type boltMeta struct {
	valid    bool
	pageSize uint64
	root     uint64
	freelist uint64
	hwm      uint64 // the first page id past the end of the data
	txid     uint64
}

func readMeta(data []byte, off uint64) boltMeta {
	if off+pageHeaderSize+metaSize > uint64(len(data)) {
		return boltMeta{}
	}
	m := data[off+pageHeaderSize : off+pageHeaderSize+metaSize]
	h := fnv.New64a()
	h.Write(m[:56])
	return boltMeta{
		valid: le.Uint32(m[0:]) == boltMagic && le.Uint32(m[4:]) == boltVersion &&
			le.Uint64(m[56:]) == h.Sum64(),
		pageSize: uint64(le.Uint32(m[8:])),
		root:     le.Uint64(m[16:]),
		freelist: le.Uint64(m[32:]),
		hwm:      le.Uint64(m[40:]),
		txid:     le.Uint64(m[48:]),
	}
}

// chooseMeta picks the meta page bbolt will use (the valid one with the
// higher transaction id) and refuses the file when the other one is damaged
// and was not the older of the two: then bbolt silently falls back to the
// previous transaction, and the last save is gone.
func chooseMeta(data []byte) (boltMeta, error) {
	m0 := readMeta(data, 0)
	psize := m0.pageSize
	if !m0.valid {
		psize = uint64(os.Getpagesize())
	}
	m1 := readMeta(data, psize)
	a, b := m0, m1
	if m1.txid > m0.txid {
		a, b = m1, m0
	}
	switch {
	case a.valid && b.valid:
		return a, nil
	case a.valid && b.txid+1 == a.txid:
		return a, nil // the older meta page is damaged: the next save rewrites it
	case a.valid || b.valid:
		return boltMeta{}, errLostCommit
	}
	return boltMeta{}, fmt.Errorf("both meta pages are damaged")
}

// errLostCommit is the detail of a file whose newest meta page is damaged.
var errLostCommit = fmt.Errorf("the newest meta page is damaged, so the last save would be lost")

// pageWalk visits the pages of one file.
type pageWalk struct {
	data  []byte
	psize uint64
	hwm   uint64
	seen  []bool // reached from the root, or free
	free  []bool
}

// page returns page id with its overflow pages, marking them seen; a page
// reached twice is damage (a cycle, or two parents sharing a child).
func (w *pageWalk) page(id uint64, want uint16) ([]byte, error) {
	if id < 2 || id >= w.hwm {
		return nil, fmt.Errorf("page %d is out of range (2–%d)", id, w.hwm-1)
	}
	off := id * w.psize
	hdr := w.data[off : off+pageHeaderSize]
	if got := le.Uint64(hdr); got != id {
		return nil, fmt.Errorf("page %d says it is page %d", id, got)
	}
	overflow := uint64(le.Uint32(hdr[12:]))
	if overflow >= w.hwm-id {
		return nil, fmt.Errorf("page %d runs past the end (%d overflow pages)", id, overflow)
	}
	flags := le.Uint16(hdr[8:])
	if flags&want == 0 || flags&^(branchPage|leafPage|freelistPage) != 0 || flags&(flags-1) != 0 {
		return nil, fmt.Errorf("page %d has type %#x", id, flags)
	}
	for i := id; i <= id+overflow; i++ {
		if w.seen[i] {
			return nil, fmt.Errorf("page %d is reached twice", i)
		}
		w.seen[i] = true
	}
	return w.data[off : (id+overflow+1)*w.psize], nil
}

// span is a subtree still to visit, with the key range its keys must lie in
// (lo inclusive, hi exclusive; nil for no bound).
type span struct {
	id     uint64
	inline []byte // the page itself, for a bucket stored inside its parent
	lo, hi []byte
}

// checkPages verifies the structure of a bbolt file held in data: the meta
// pages, every page reachable from the root (each reached once, of the right
// type, its elements inside it, its keys in order and inside the range its
// parent gives them) and the freelist (free pages are not also in use, and
// every page is one or the other).
func checkPages(data []byte) error {
	_, err := walkPages(data)
	return err
}

// walkPages is checkPages, returning what it found.
func walkPages(data []byte) (*pageWalk, error) {
	m, err := chooseMeta(data)
	if err != nil {
		return nil, err
	}
	switch {
	case m.pageSize < 1024 || m.pageSize > 1<<20 || m.pageSize&(m.pageSize-1) != 0:
		return nil, fmt.Errorf("page size %d", m.pageSize)
	case m.hwm < 3 || m.hwm > uint64(len(data))/m.pageSize:
		return nil, fmt.Errorf("file has %d bytes, its pages need %d×%d", len(data), m.hwm, m.pageSize)
	}
	w := &pageWalk{data: data, psize: m.pageSize, hwm: m.hwm, seen: make([]bool, m.hwm), free: make([]bool, m.hwm)}
	w.seen[0], w.seen[1] = true, true
	if m.freelist != noFreelist {
		p, err := w.page(m.freelist, freelistPage)
		if err != nil {
			return nil, fmt.Errorf("freelist: %w", err)
		}
		if err := w.freePages(p); err != nil {
			return nil, fmt.Errorf("freelist: %w", err)
		}
	}
	todo := []span{{id: m.root}}
	for len(todo) > 0 {
		s := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		more, err := w.visit(s)
		if err != nil {
			return nil, err
		}
		todo = append(todo, more...)
	}
	for id, ok := range w.seen {
		if !ok {
			return nil, fmt.Errorf("page %d is neither in use nor free", id)
		}
	}
	return w, nil
}

// freePages marks the pages the freelist names.
func (w *pageWalk) freePages(p []byte) error {
	n := uint64(le.Uint16(p[10:]))
	ids := p[pageHeaderSize:]
	if n == 0xFFFF {
		if len(ids) < 8 {
			return fmt.Errorf("cut short")
		}
		n, ids = le.Uint64(ids), ids[8:]
	}
	if n > uint64(len(ids))/8 {
		return fmt.Errorf("%d ids do not fit", n)
	}
	for i := range n {
		id := le.Uint64(ids[8*i:])
		if id < 2 || id >= w.hwm || w.seen[id] {
			return fmt.Errorf("free page %d is out of range or listed twice", id)
		}
		w.seen[id], w.free[id] = true, true
	}
	return nil
}

// visit checks one page and returns its children: the pages a branch points
// to, and the buckets a leaf holds.
func (w *pageWalk) visit(s span) ([]span, error) {
	p := s.inline
	if p == nil {
		var err error
		if p, err = w.page(s.id, branchPage|leafPage); err != nil {
			return nil, err
		}
	} else if len(p) < pageHeaderSize || le.Uint16(p[8:]) != leafPage {
		return nil, fmt.Errorf("inline bucket in page %d is not a leaf", s.id)
	}
	count := uint64(le.Uint16(p[10:]))
	branch := le.Uint16(p[8:]) == branchPage
	if pageHeaderSize+count*elementSize > uint64(len(p)) || branch && count == 0 {
		return nil, fmt.Errorf("page %d: %d elements do not fit", s.id, count)
	}
	var out []span
	prev := s.lo
	keys := make([][]byte, count)
	for i := range count {
		e := pageHeaderSize + i*elementSize
		el := p[e : e+elementSize]
		var pos, ksize, vsize uint64
		if branch {
			pos, ksize = uint64(le.Uint32(el)), uint64(le.Uint32(el[4:]))
		} else {
			pos, ksize, vsize = uint64(le.Uint32(el[4:])), uint64(le.Uint32(el[8:])), uint64(le.Uint32(el[12:]))
		}
		start := e + pos
		if start+ksize+vsize > uint64(len(p)) {
			return nil, fmt.Errorf("page %d: element %d runs past the page", s.id, i)
		}
		k := p[start : start+ksize]
		if prev != nil && (bytes.Compare(k, prev) < 0 || i > 0 && bytes.Equal(k, prev)) || s.hi != nil && bytes.Compare(k, s.hi) >= 0 {
			return nil, fmt.Errorf("page %d: key %d is out of order", s.id, i)
		}
		prev, keys[i] = k, k
		if branch || le.Uint32(el)&bucketLeaf == 0 {
			continue
		}
		v := p[start+ksize : start+ksize+vsize]
		if len(v) < bucketHeaderSize {
			return nil, fmt.Errorf("page %d: bucket %d has a short header", s.id, i)
		}
		child := span{id: le.Uint64(v)}
		if child.id == 0 {
			child = span{id: s.id, inline: v[bucketHeaderSize:]}
		}
		out = append(out, child)
	}
	if branch {
		for i, k := range keys {
			hi := s.hi
			if i+1 < len(keys) {
				hi = keys[i+1]
			}
			out = append(out, span{id: le.Uint64(p[pageHeaderSize+uint64(i)*elementSize+8:]), lo: k, hi: hi})
		}
	}
	return out, nil
}
