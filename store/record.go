package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"sync"
)

// The first byte of every value in the reports bucket says how it is laid
// out, so that a later layout can be told apart from this one without
// guessing. Records written before checksums (recordPlain) are still read;
// every save writes recordChecked, so a file upgrades report by report.
const (
	recordPlain   byte = 1
	recordChecked byte = 2
)

// indexChecked leads an index entry that carries a checksum; older entries
// are bare JSON and start with '{'.
const indexChecked byte = 1

// castagnoli is CRC-32C: a checksum over the stored bytes catches the
// changed byte that bbolt, which has no checksums of its own for data
// pages, would hand back as if it were the user's text. Its table is made
// on first use: a command that reads no record has no need of it.
var castagnoli = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })

// checksum covers the key as well as the value: a changed byte in a key
// would otherwise move a report to another id unnoticed.
func checksum(key, v []byte) uint32 {
	table := castagnoli()
	return crc32.Update(crc32.Checksum(key, table), table, v)
}

// storedRecord is what the reports bucket holds for one report. The summary
// lives in the index bucket instead, so that List never touches these values.
type storedRecord struct {
	revision int64
	position string
	data     []byte
}

// encodeRecord lays a record out as: format byte, CRC-32C of the key and of
// all that follows it (4 bytes, big-endian), revision (uvarint), position
// length (uvarint), position, data. A binary layout rather than JSON keeps
// an already-encoded report as it is instead of growing it by a third in
// base64, and the data stays readable in `bbolt get`.
func encodeRecord(key []byte, r storedRecord) []byte {
	b := make([]byte, 5, 5+2*binary.MaxVarintLen64+len(r.position)+len(r.data))
	b[0] = recordChecked
	b = binary.AppendUvarint(b, uint64(r.revision))
	b = binary.AppendUvarint(b, uint64(len(r.position)))
	b = append(b, r.position...)
	b = append(b, r.data...)
	binary.BigEndian.PutUint32(b[1:], checksum(key, b[5:]))
	return b
}

// decodeRecord is the inverse of encodeRecord. The value may point into
// bbolt's memory map, which is gone once the transaction ends, so everything
// returned is a copy.
func decodeRecord(key, v []byte) (storedRecord, error) {
	rev, rest, err := recordHeader(key, v)
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

// recordHeader checks the checksum and reads the revision, which is all Put
// needs to detect a conflict: no reason to copy a whole report for that.
func recordHeader(key, v []byte) (rev int64, rest []byte, err error) {
	if len(v) == 0 {
		return 0, nil, errors.New("empty record")
	}
	switch v[0] {
	case recordPlain:
		rest = v[1:]
	case recordChecked:
		if len(v) < 5 {
			return 0, nil, errors.New("record cut short")
		}
		rest = v[5:]
		if binary.BigEndian.Uint32(v[1:]) != checksum(key, rest) {
			return 0, nil, errors.New("checksum does not match")
		}
	default:
		return 0, nil, fmt.Errorf("unknown record format %d", v[0])
	}
	r, k := binary.Uvarint(rest)
	if k <= 0 {
		return 0, nil, errors.New("bad revision")
	}
	if r == 0 || r > math.MaxInt64 {
		return 0, nil, fmt.Errorf("revision %d out of range", r)
	}
	return int64(r), rest[k:], nil
}

// encodeSummary lays an index entry out as: indexChecked, CRC-32C of the
// key and the JSON (4 bytes, big-endian), the summary as JSON.
func encodeSummary(key []byte, sum Summary) ([]byte, error) {
	js, err := json.Marshal(sum)
	if err != nil {
		return nil, err
	}
	b := make([]byte, 5, 5+len(js))
	b[0] = indexChecked
	binary.BigEndian.PutUint32(b[1:], checksum(key, js))
	return append(b, js...), nil
}

// decodeSummary reads an index entry. The key is the id, whatever the entry
// claims: it is what Get, Put and Delete look up.
func decodeSummary(k, v []byte) (Summary, error) { return decodeSummaryAfter(k, v, Summary{}) }

// decodeSummaryAfter is decodeSummary for the entry that follows prev in a
// list, sharing the strings the two have in common (decodeSummaryJSON).
func decodeSummaryAfter(k, v []byte, prev Summary) (Summary, error) {
	js := v
	if len(v) > 0 && v[0] == indexChecked {
		if len(v) < 5 {
			return Summary{}, reportDamage(string(k), errors.New("index entry cut short"))
		}
		js = v[5:]
		if binary.BigEndian.Uint32(v[1:]) != checksum(k, js) {
			return Summary{}, reportDamage(string(k), errors.New("index entry checksum does not match"))
		}
	}
	like := prev
	like.ID = string(k)
	sum, ok := decodeSummaryJSON(js, like)
	if !ok {
		if err := json.Unmarshal(js, &sum); err != nil {
			return Summary{}, reportDamage(like.ID, fmt.Errorf("index entry: %v", err))
		}
	}
	sum.ID = like.ID
	return sum, nil
}
