package fingerprint_test

import (
	"fmt"

	"github.com/unmaskdev/unmask/fingerprint"
)

// Fold maps a text to the words a reader sees, so that a disguised copy and
// its original fold alike.
func ExampleFold() {
	fmt.Println(fingerprint.Fold("The Fοx, the 𝐃𝐎𝐆!"))
	fmt.Println(fingerprint.Fold("the fox the dog"))
	// Output:
	// the fox the dog
	// the fox the dog
}

// A Fingerprinter turns a document into a MinHash signature and a shingle
// set; a disguised copy has the same ones as its original.
func ExampleFingerprinter() {
	fp := fingerprint.MustNew(fingerprint.DefaultParams())
	a := fp.Sketch("Russia says its forces shot down drones over the border region overnight.")
	b := fp.Sketch("Russia sаys its fοrces shot dοwn drones over the bοrder region overnight.")
	c := fp.Sketch("The central bank left interest rates unchanged on Thursday afternoon.")
	fmt.Println(fingerprint.Jaccard(a.Shingles, b.Shingles), fingerprint.Estimate(a.Signature, b.Signature))
	fmt.Println(fingerprint.Jaccard(a.Shingles, c.Shingles))
	// Output:
	// 1 1
	// 0
}
