package store

import (
	"bytes"
	"fmt"
	"os"
	"testing"
)

// benchFile is a draft file of n reports of about the size of a filled-in
// annual report (12 KiB encoded), stored in one commit.
func benchFile(b *testing.B, n int) *Store {
	s := newStore(b)
	err := s.update(func(bk buckets) error {
		for i := range n {
			rec := sampleRecord(fmt.Sprintf("%016x", i*7919), i%120)
			rec.Data = bytes.Repeat([]byte("x"), 12<<10)
			if _, err := put(bk, rec, 0); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkCheck is what verifying the file costs when it is not known to
// this Store: once per command, and once after another window saved.
func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n, " reports"), func(b *testing.B) {
			s := benchFile(b, n)
			f, err := os.Open(s.Path())
			if err != nil {
				b.Fatal(err)
			}
			defer f.Close()
			fi, _ := f.Stat()
			b.ReportMetric(float64(fi.Size())/(1<<20), "MiB")
			b.ResetTimer()
			for b.Loop() {
				s.setKnown(nil)
				if err := s.checkFile(f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSave is one save as the UI makes it, in a file of n reports.
func BenchmarkSave(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n, " reports"), func(b *testing.B) {
			s := benchFile(b, n)
			rec := sampleRecord("0000000000000000", 1)
			rec.Data = bytes.Repeat([]byte("y"), 12<<10)
			rev := int64(1)
			b.ResetTimer()
			for b.Loop() {
				var err error
				if rev, err = s.Put(rec, rev); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOpenList is what the UI's start asks of the file: Open (which
// checks the file's structure) and the list, by a Store that has not
// checked it before, as in a new process.
func BenchmarkOpenList(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n, " reports"), func(b *testing.B) {
			path := benchFile(b, n).Path()
			for b.Loop() {
				s, err := Open(path)
				if err != nil {
					b.Fatal(err)
				}
				list, err := s.List()
				if err != nil || len(list) != n {
					b.Fatalf("List: %d reports, %v", len(list), err)
				}
			}
		})
	}
}
