//go:build !unix

package store

import "testing"

// setUmask skips the test: without a umask, file modes mean something else.
func setUmask(t *testing.T, mask int) {
	t.Skip("file modes are a unix matter")
}
