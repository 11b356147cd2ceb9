#!/usr/bin/env bash
# Builds the third-party evaluation set of `unmask eval --thirdparty DIR`
# (see README.md beside this file for what is in it and why).
#
#   eval/thirdparty/build.sh testdata
#       rewrites eval/testdata/thirdparty/: the small committed set (the news
#       articles of testdata/news-sample.jsonl and UDHR text, disguised by the
#       MIT-licensed npm generators, and the Trojan Source cases).
#   eval/thirdparty/build.sh full OUTDIR
#       writes the full set to OUTDIR (not committed: it holds GPL'd text):
#       BBC articles from ../shared, Debian's translated man pages in nine
#       languages disguised by the same generators, and real clean documents
#       (gettext catalogues of Debian packages in many languages).
#
# Needs node and npm (the generators are installed from package-lock.json),
# and for `full` apt-get (as root or with sudo), dpkg-deb, man, msgunfmt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=$(cd "$root/../shared/data" 2>/dev/null && pwd) || { echo "build.sh: ../shared/data not found beside the repository" >&2; exit 1; }
die() { echo "build.sh: $*" >&2; exit 1; }

mode=${1:-}
case $mode in
testdata) out=$root/eval/testdata/thirdparty ;;
full) out=${2:-}; [ -n "$out" ] || die "usage: build.sh full OUTDIR" ;;
*) die "usage: build.sh testdata | build.sh full OUTDIR" ;;
esac

command -v node >/dev/null && command -v npm >/dev/null || die "node and npm are needed (apt-get install nodejs npm)"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci failed in $here"

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
rm -f "$out"/*.jsonl "$out"/*.jsonl.gz "$out"/MANIFEST.json

if [ "$mode" = testdata ]; then
	node "$here/sources.js" --news "$root/testdata/news-sample.jsonl" --news-n 10 \
		--udhr "$shared/multilingual/udhr" --udhr-chunks 2 >"$work/sources.jsonl"
	textsrc='[
  {"name": "news", "source": "BBC News dataset (Greene & Cunningham 2006), the 100 articles of testdata/news-sample.jsonl", "version": "bbc-fulltext (moztom/bbc_ml c73a475)", "licence": "copyright BBC; research use as the dataset README states (already in testdata/)"},
  {"name": "udhr", "source": "UDHR in Unicode (unicode-corpus/udhr-in-unicode), deu_1996 fra spa ita por_PT nld pol rus ukr", "version": "f4613da (2017-05-31)", "licence": "UDHR text, free to reproduce (OHCHR)"},
  {"name": "trojan-source", "source": "cases written for unmask from the constructs of Boucher & Anderson, Trojan Source (USENIX Security 2023), github.com/nickboucher/trojan-source", "version": "paper definitions", "licence": "own text (Apache-2.0)"}
]'
else
	. "$here/full.sh"
fi

node "$here/gen.js" "$work/gen" <"$work/sources.jsonl" >"$work/generators.json"
for f in "$work"/gen/*.jsonl; do gzip -9n <"$f" >"$out/$(basename "$f").gz"; done
node "$here/trojan.js" >"$out/trojan-source.jsonl"
if [ "$mode" = full ]; then
	for f in "$work"/clean/*.jsonl; do [ -e "$f" ] && gzip -9n <"$f" >"$out/$(basename "$f").gz"; done
fi

node -e '
const fs = require("fs")
const gens = JSON.parse(fs.readFileSync(process.argv[1], "utf8"))
gens.push({name: "trojan-source", source: "Boucher & Anderson, Trojan Source: Invisible Vulnerabilities (USENIX Security 2023)", version: "paper definitions", licence: "own text (Apache-2.0)", call: "cases written by hand from the constructs, display order by UAX #9", classes: ["trojan-source/reorder", "trojan-source/homoglyph", "trojan-source/invisible"]})
const texts = JSON.parse(process.argv[2])
process.stdout.write(JSON.stringify({generators: gens, texts}, null, 2) + "\n")
' "$work/generators.json" "$textsrc" >"$out/MANIFEST.json"
echo "build.sh: wrote $(cat "$out"/*.jsonl 2>/dev/null | wc -l) plain and $(for f in "$out"/*.gz; do gzip -dc "$f"; done | wc -l) compressed cases to $out" >&2
