package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// recordFormat leads every value in the reports bucket, so that a later
// layout can be told apart from this one without guessing.
const recordFormat byte = 1

// storedRecord is what the reports bucket holds for one report. The summary
// lives in the index bucket instead, so that List never touches these values.
type storedRecord struct {
	revision int64
	position string
	data     []byte
}

// encodeRecord lays a record out as: format byte, revision (uvarint),
// position length (uvarint), position, data. A binary layout rather than
// JSON keeps an already-encoded report as it is instead of growing it by a
// third in base64, and the data stays readable in `bbolt get`.
func encodeRecord(r storedRecord) []byte {
	b := make([]byte, 0, 1+2*binary.MaxVarintLen64+len(r.position)+len(r.data))
	b = append(b, recordFormat)
	b = binary.AppendUvarint(b, uint64(r.revision))
	b = binary.AppendUvarint(b, uint64(len(r.position)))
	b = append(b, r.position...)
	return append(b, r.data...)
}

// decodeRecord is the inverse of encodeRecord. The value may point into
// bbolt's memory map, which is gone once the transaction ends, so everything
// returned is a copy.
func decodeRecord(v []byte) (storedRecord, error) {
	rev, rest, err := recordHeader(v)
	if err != nil {
		return storedRecord{}, err
	}
	n, k := binary.Uvarint(rest)
	if k <= 0 {
		return storedRecord{}, errors.New("bad position length")
	}
	rest = rest[k:]
	if n > uint64(len(rest)) {
		return storedRecord{}, fmt.Errorf("position length %d exceeds the %d bytes left", n, len(rest))
	}
	return storedRecord{
		revision: rev,
		position: string(rest[:n]),
		data:     append([]byte(nil), rest[n:]...),
	}, nil
}

// recordHeader reads only the revision, which is all Put needs to detect a
// conflict: no reason to copy a whole report for that.
func recordHeader(v []byte) (rev int64, rest []byte, err error) {
	if len(v) == 0 {
		return 0, nil, errors.New("empty record")
	}
	if v[0] != recordFormat {
		return 0, nil, fmt.Errorf("unknown record format %d", v[0])
	}
	r, k := binary.Uvarint(v[1:])
	if k <= 0 {
		return 0, nil, errors.New("bad revision")
	}
	if r == 0 || r > math.MaxInt64 {
		return 0, nil, fmt.Errorf("revision %d out of range", r)
	}
	return int64(r), v[1+k:], nil
}
