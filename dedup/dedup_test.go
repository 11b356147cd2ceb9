package dedup

import (
	"fmt"
	"strings"
	"testing"

	"github.com/unmaskdev/unmask/fingerprint"
	"github.com/unmaskdev/unmask/internal/newssample"
)

func loadTexts(t testing.TB) []string {
	var texts []string
	for _, d := range newssample.Load(t, "../fingerprint/testdata/bbc-sample.jsonl") {
		texts = append(texts, d.Text)
	}
	return texts
}

func disguise(s string) string {
	return strings.NewReplacer("a", "\u0430", "o", "\u03bf", " the", " th\u200be").Replace(s)
}

func TestCluster(t *testing.T) {
	texts := loadTexts(t)
	fp := fingerprint.MustNew(fingerprint.DefaultParams())
	a, b, c := texts[0], texts[1], texts[2]
	tests := []struct {
		name     string
		docs     []string
		keep     Keep
		clusters []int
		kept     []bool
	}{
		{"distinct", []string{a, b, c}, KeepFirst, []int{0, 1, 2}, []bool{true, true, true}},
		{"disguised copies", []string{a, b, disguise(a), disguise(b) + "\nFooter of the farm."}, KeepFirst, []int{0, 1, 0, 1}, []bool{true, true, false, false}},
		{"keep longest", []string{a[:len(a)*3/4], a, disguise(a)}, KeepLongest, []int{0, 0, 0}, []bool{false, true, false}},
		{"empty never joins", []string{"", "", a}, KeepFirst, []int{0, 1, 2}, []bool{true, true, true}},
		{"a third inside is a duplicate by containment", []string{a, a[:len(a)/3]}, KeepFirst, []int{0, 0}, []bool{true, false}},
		{"unrelated halves are not", []string{a[:len(a)/2], b[len(b)/2:]}, KeepFirst, []int{0, 1}, []bool{true, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := make([]Item, len(tt.docs))
			for i, d := range tt.docs {
				items[i] = NewItem(fp, d)
			}
			got, st := Cluster(items, Options{Keep: tt.keep})
			for i := range got {
				if got[i].Cluster != tt.clusters[i] || got[i].Kept != tt.kept[i] {
					t.Errorf("got %+v, want clusters %v kept %v", got, tt.clusters, tt.kept)
					break
				}
			}
			if st.Clusters+st.Duplicates != len(items) {
				t.Errorf("stats %+v do not add up to %d items", st, len(items))
			}
		})
	}
}

func TestKeepCleanest(t *testing.T) {
	fp := fingerprint.MustNew(fingerprint.DefaultParams())
	a := loadTexts(t)[3]
	items := []Item{NewItem(fp, disguise(a)), NewItem(fp, a), NewItem(fp, disguise(a))}
	items[0].Findings, items[1].Findings, items[2].Findings = 9, 0, 9
	got, _ := Cluster(items, Options{Keep: KeepCleanest})
	if !got[1].Kept || got[0].Kept || got[2].Kept {
		t.Errorf("cleanest: %+v", got)
	}
}

func TestContainment(t *testing.T) {
	fp := fingerprint.MustNew(fingerprint.DefaultParams())
	a := loadTexts(t)[4]
	items := []Item{NewItem(fp, a), NewItem(fp, a[:len(a)*2/3])}
	if got, _ := Cluster(items, Options{MinSimilarity: 0.9, MinContainment: -1}); got[1].Cluster != 1 {
		t.Errorf("two thirds of a document: %+v, want two clusters at Jaccard 0.9", got)
	}
	if got, _ := Cluster(items, Options{MinSimilarity: 0.9, MinContainment: 0.9}); got[1].Cluster != 0 {
		t.Errorf("two thirds of a document inside it: %+v, want one cluster with MinContainment", got)
	}
}

// Every item comes out once, each cluster keeps one, with skipped items
// alone, whatever the mix.
func TestClusterInvariants(t *testing.T) {
	texts := loadTexts(t)
	fp := fingerprint.MustNew(fingerprint.DefaultParams())
	var items []Item
	for i := 0; i < 300; i++ {
		d := texts[i%len(texts)]
		switch i % 3 {
		case 1:
			if i%10 == 1 {
				d = disguise(d) // restoring is slow: a few suffice
			}
		case 2:
			d = d[:len(d)*(60+i%40)/100] + fmt.Sprintf("\nfooter %d", i)
		}
		it := NewItem(fp, d)
		it.Skip = i%37 == 0
		items = append(items, it)
	}
	got, st := Cluster(items, Options{Keep: KeepLongest})
	if len(got) != len(items) {
		t.Fatalf("%d assignments for %d items", len(got), len(items))
	}
	kept := map[int]int{}
	next := 0
	for i, a := range got {
		if a.Cluster > next {
			t.Fatalf("item %d: cluster %d before cluster %d appeared", i, a.Cluster, next)
		}
		if a.Cluster == next {
			next++
		}
		if a.Kept {
			kept[a.Cluster]++
		}
		if items[i].Skip && !a.Kept {
			t.Errorf("skipped item %d not alone", i)
		}
	}
	for c := 0; c < next; c++ {
		if kept[c] != 1 {
			t.Errorf("cluster %d keeps %d items", c, kept[c])
		}
	}
	if st.Clusters != next || st.Clusters > len(texts)+len(items)/37+1 {
		t.Errorf("stats %+v, %d clusters seen", st, next)
	}
}
