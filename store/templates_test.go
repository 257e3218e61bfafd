package store

import (
	"bytes"
	"path/filepath"
	"testing"

	"boso/model"
)

func TestTemplatePath(t *testing.T) {
	for _, tc := range []struct {
		id      string
		version int
		want    string
	}{
		{"arsrapport-2012", 1, "arsrapport-2012-v1.yaml"},
		{"arsrapport-2012", 12, "arsrapport-2012-v12.yaml"},
		// An id written by a template's author never leaves the folder,
		// nor hides there as a dot file.
		{"../../etc/passwd", 1, "_.._etc_passwd-v1.yaml"},
		{".skjult", 2, "skjult-v2.yaml"},
		{"årsrapport 2013", 1, "_rsrapport_2013-v1.yaml"},
	} {
		got := TemplatePath("maler", &model.Template{ID: tc.id, Version: tc.version})
		if want := filepath.Join("maler", tc.want); got != want {
			t.Errorf("%q version %d: got %q, want %q", tc.id, tc.version, got, want)
		}
	}
}

func TestInstallTemplateReplacesTheSameVersion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ny", "templates")
	tpl := &model.Template{ID: "halvarsrapport-mini", Version: 1}
	for _, data := range [][]byte{[]byte("id: first\n"), []byte("id: second\n")} {
		if err := InstallTemplate(dir, tpl, data); err != nil {
			t.Fatal(err)
		}
		files, problems := ReadTemplates(dir)
		if len(problems) > 0 || len(files) != 1 {
			t.Fatalf("after installing %q: files %v, problems %v", data, files, problems)
		}
		if files[0].Name != TemplatePath(dir, tpl) || !bytes.Equal(files[0].Data, data) {
			t.Errorf("installed %q, read back %s %q", data, files[0].Name, files[0].Data)
		}
	}
}
