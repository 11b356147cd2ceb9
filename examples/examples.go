// Package examples embeds the project's built-in example: the seed case, a
// Reuters article (November 2018) as republished by a content farm with 188
// Latin "o" replaced by GREEK SMALL LETTER OMICRON, and the text a reader
// sees. See PROVENANCE.md.
package examples

import _ "embed"

// Scraped is the disguised article as the content farm published it.
//
//go:embed scraped-article.txt
var Scraped []byte

// Restored is Scraped with every U+03BF replaced by "o", nothing else changed.
//
//go:embed scraped-article.restored.txt
var Restored []byte

// ScrapedFindings is how many characters of Scraped are disguised.
const ScrapedFindings = 188
