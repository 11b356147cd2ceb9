#!/usr/bin/env bash
# Builds the third-party evaluation set of `unmask eval --thirdparty DIR`
# (see README.md beside this file for what is in it and why).
#
#   eval/thirdparty/build.sh testdata
#       rewrites eval/testdata/thirdparty/, the small committed set: the news
#       articles of testdata/news-sample.jsonl and UDHR text disguised by the
#       MIT-licensed npm generators, the Trojan Source cases, and clean
#       documents from permissively licensed Debian packages (debconf's
#       catalogues and man pages, BSD-2-Clause; xkeyboard-config's
#       catalogues, MIT/X11).
#   eval/thirdparty/build.sh full OUTDIR
#       writes the full set to OUTDIR (not committed: it holds GPL and LGPL
#       text): 40 BBC articles from ../shared, UDHR and Debian's translated
#       man pages in nine languages disguised by the same generators, and
#       clean documents from the gettext catalogues of GNOME, MATE and
#       Debian packages in about 120 languages and the man pages.
#
# Needs node and npm (generators installed from package-lock.json), fribidi
# (Debian libfribidi-bin), and apt-get download, dpkg-deb, msgunfmt (gettext)
# and groff for the Debian packages (run `apt-get update` once first).
# Package versions are pinned below: apt-get download fails when the archive
# no longer has one; then pin the version it has and say so in README.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=$(cd "$root/../shared/data" 2>/dev/null && pwd) || { echo "build.sh: ../shared/data not found beside the repository" >&2; exit 1; }
die() { echo "build.sh: $*" >&2; exit 1; }

# Permissive packages (committed set) and the others (full set only).
clean_small=(debconf-i18n=1.5.82 xkb-data=2.35.1-1)
clean_full=(libgtk-3-common=3.24.38-2~deb12u3 nautilus-data=43.2-1 gnome-control-center-data=1:43.6-2~deb12u1
	mate-desktop-common=1.26.0-2 libglib2.0-data=2.74.6-2+deb12u9 file-roller=43.0-1 gedit-common=44.2-1)
man_full=(manpages-de=4.18.1-1 manpages-fr=4.18.1-1 manpages-es=4.18.1-1 manpages-it=4.18.1-1 manpages-pl=1:4.18.1-1
	manpages-ru=4.18.1-1 manpages-uk=4.18.1-1 manpages-nl=4.18.1-1 manpages-pt-br=4.18.1-1)

mode=${1:-}
case $mode in
testdata) out=$root/eval/testdata/thirdparty ;;
full) out=${2:-}; [ -n "$out" ] || die "usage: build.sh full OUTDIR" ;;
*) die "usage: build.sh testdata | build.sh full OUTDIR" ;;
esac
for c in node npm fribidi apt-get dpkg-deb msgunfmt groff gzip; do
	command -v $c >/dev/null || die "$c not found (apt-get install nodejs npm libfribidi-bin gettext groff)"
done
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci failed in $here"

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$out" "$work/debs" "$work/gen" "$work/clean"

# unpack PKG=VERSION... into DIR
unpack() {
	local dir=$1; shift
	mkdir -p "$dir"
	(cd "$work/debs" && apt-get download -qq "$@" >/dev/null 2>&1) || die "apt-get download $* failed (apt-get update first?)"
	for p in "$@"; do
		local name=${p%%=*}
		for d in "$work/debs/${name}"_*.deb; do dpkg-deb -x "$d" "$dir"; done
	done
}

# man2txt ROOT OUTDIR: every usr/share/man/LANG/man1/*.gz of ROOT rendered as
# a reader sees it (groff -Tutf8, no bold or underline, lines not broken),
# the header and footer lines dropped, as OUTDIR/LANG/NAME.txt
man2txt() {
	local mroot=$1/usr/share/man odir=$2
	for ldir in "$mroot"/*/; do
		local lang; lang=$(basename "$ldir")
		[ -d "$ldir/man1" ] || continue
		mkdir -p "$odir/$lang"
		for f in "$ldir"man1/*.gz; do
			[ -e "$f" ] || continue
			zcat "$f" | grep -q '^\.so ' && continue # a link to another page
			zcat "$f" | groff -k -man -Tutf8 -P-cbou -rLL=20000n -rHY=0 2>/dev/null |
				sed -e 's/[[:space:]]*$//' | sed -e '1d' | cat -s |
				sed -e '/./,$!d' | tac | sed -e '/./,$!d' | sed -e '1d' | sed -e '/./,$!d' | tac \
				>"$odir/$lang/$(basename "$f" .1.gz).txt" || true
		done
	done
}

label() { echo "Debian $*"; }

unpack "$work/small" "${clean_small[@]}"
man2txt "$work/small" "$work/man-small"
if [ "$mode" = testdata ]; then
	node "$here/sources.js" --news "$root/testdata/news-sample.jsonl" --news-n 10 \
		--udhr "$shared/multilingual/udhr" --udhr-chunks 2 >"$work/sources.jsonl"
	node "$here/clean.js" "$work/small" "$(label "${clean_small[@]}")" >"$work/clean/clean-gettext.jsonl"
	node "$here/sources.js" --man "$work/man-small" --man-n 100 --man-label "$(label "${clean_small[0]}")" \
		--as-clean clean/man-pages >"$work/clean/clean-man.jsonl"
	newsdesc="the 10 articles evenly spaced through testdata/news-sample.jsonl"
	mandesc="clean: debconf's man pages (Debian ${clean_small[0]}, BSD-2-Clause)"
	gettextdesc="clean: catalogues of Debian ${clean_small[*]} (debconf BSD-2-Clause, xkeyboard-config MIT/X11)"
else
	unpack "$work/full" "${clean_full[@]}"
	unpack "$work/man" "${man_full[@]}"
	man2txt "$work/man" "$work/man-full"
	node "$here/sources.js" --news "$shared/news/bbc.jsonl" --news-n 40 \
		--udhr "$shared/multilingual/udhr" --udhr-chunks 4 \
		--man "$work/man-full" --man-n 10 --man-label "$(label "${man_full[*]}")" >"$work/sources.jsonl"
	node "$here/clean.js" "$work/small" "$(label "${clean_small[@]}")" >"$work/clean/clean-gettext-small.jsonl"
	node "$here/clean.js" "$work/full" "$(label "${clean_full[@]}")" >"$work/clean/clean-gettext.jsonl"
	node "$here/sources.js" --man "$work/man-full" --man-n 30 --man-label "$(label "${man_full[*]}")" \
		--as-clean clean/man-pages >"$work/clean/clean-man.jsonl"
	node "$here/sources.js" --man "$work/man-small" --man-n 100 --man-label "$(label "${clean_small[0]}")" \
		--as-clean clean/man-pages >>"$work/clean/clean-man.jsonl"
	newsdesc="40 articles evenly spaced through ../shared/data/news/bbc.jsonl"
	mandesc="man1 pages of Debian ${man_full[*]} (GPL and others; disguised: the 10 longest per language, first 6,000 bytes; clean: 30 per language) and debconf's (BSD-2-Clause)"
	gettextdesc="clean: catalogues of Debian ${clean_full[*]} ${clean_small[*]} (LGPL, GPL, BSD-2-Clause, MIT/X11)"
fi

rm -f "$out"/*.jsonl "$out"/*.jsonl.gz "$out"/MANIFEST.json
node "$here/gen.js" "$work/gen" <"$work/sources.jsonl" >"$work/generators.json"
for f in "$work"/gen/*.jsonl "$work"/clean/*.jsonl; do
	[ -s "$f" ] && gzip -9n <"$f" >"$out/$(basename "$f").gz"
done
node "$here/trojan.js" >"$out/trojan-source.jsonl"

node - "$work/generators.json" "$newsdesc" "$mandesc" "$gettextdesc" "$(fribidi --version | head -1)" >"$out/MANIFEST.json" <<'EOF'
const fs = require('fs')
const [gensFile, newsdesc, mandesc, gettextdesc, fribidi] = process.argv.slice(2)
const gens = JSON.parse(fs.readFileSync(gensFile, 'utf8'))
gens.push({ name: 'trojan-source', source: 'Boucher & Anderson, Trojan Source: Invisible Vulnerabilities (USENIX Security 2023), github.com/nickboucher/trojan-source', version: 'paper constructs', licence: 'own text (Apache-2.0)', call: `snippets written for unmask (trojan.js); reader's text by ${fribidi}`, classes: ['trojan-source/reorder', 'trojan-source/homoglyph', 'trojan-source/invisible'] })
const texts = [
  { name: 'news', source: `BBC News dataset (Greene & Cunningham 2006): ${newsdesc}`, version: 'bbc-fulltext (moztom/bbc_ml c73a475)', licence: 'copyright BBC; research use as the dataset README states' },
  { name: 'udhr', source: 'UDHR in Unicode (unicode-corpus/udhr-in-unicode): deu_1996 fra spa ita por_PT nld pol rus ukr', version: 'f4613da (2017-05-31)', licence: 'UDHR text, free to reproduce' },
  { name: 'man pages', source: mandesc, version: 'as pinned', licence: 'per package (see source)', classes: ['clean/man-pages'] },
  { name: 'gettext', source: gettextdesc, version: 'as pinned', licence: 'per package (see source)', classes: ['clean/gettext', 'clean/gettext-zwsp', 'clean/gettext-rtl', 'clean/gettext-indic'] }
]
process.stdout.write(JSON.stringify({ generators: gens, texts }, null, 2) + '\n')
EOF
n=0; for f in "$out"/*.jsonl "$out"/*.jsonl.gz; do n=$((n + $(gzip -dcf "$f" | wc -l))); done
echo "build.sh: wrote $n cases to $out" >&2
