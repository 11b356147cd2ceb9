#!/usr/bin/env bash
# Measures how often unmask's UTS #39 skeletons and restriction levels agree
# with ICU's SpoofChecker (Debian python3-icu), and groups the disagreements
# into explained classes. Not part of CI (it needs ../shared and python3-icu).
#
#   bash compat/icu-agreement.sh [WORKDIR]     (from the repository root)
#
# WORKDIR (default: a temporary folder) keeps the inputs and outputs:
# list.tsv, ours.skel, icu.skel, ours.ident.jsonl, icu.level, icu.chars.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
shared=${SHARED:-$root/../shared}
work=${1:-$(mktemp -d)}
mkdir -p "$work"
die() { echo "compat/icu-agreement.sh: $*" >&2; exit 1; }

[ -d "$shared/data/multilingual/udhr" ] || die "no UDHR corpus under $shared (set SHARED=…)"
py=/usr/bin/python3
if ! "$py" -I -c 'import icu' 2>/dev/null; then
  if [ -x bench/peers/install.sh ]; then bash bench/peers/install.sh; else
    apt-get install -y -qq python3-icu >/dev/null || die "python3-icu is missing"; fi
fi
icu_peer=bench/peers/icu.py
[ -f "$icu_peer" ] || die "$icu_peer is missing"

echo "building unmask and the helpers…" >&2
go build -o "$work/unmask" ./cmd/unmask
go build -o "$work/icucompare" ./compat/icucompare
go run ./compat/icugen -udhr "$shared/data/multilingual/udhr" > "$work/list.tsv"
cut -f2 "$work/list.tsv" > "$work/list.txt"

echo "running $(wc -l < "$work/list.txt") strings through unmask and ICU $("$py" -c 'import icu; print(icu.ICU_VERSION, "(Unicode", icu.UNICODE_VERSION + ")")')…" >&2
"$work/unmask" skeleton < "$work/list.txt" > "$work/ours.skel"
"$py" "$icu_peer" skeleton < "$work/list.txt" > "$work/icu.skel"
status=0
"$work/unmask" ident --json < "$work/list.txt" > "$work/ours.ident.jsonl" || status=$?
[ "$status" -le 1 ] || die "unmask ident failed"
"$py" "$icu_peer" restriction < "$work/list.txt" > "$work/icu.level"
"$work/icucompare" chars < "$work/list.txt" | "$py" compat/icuchars.py > "$work/icu.chars.tsv"

"$work/icucompare" report -dir "$work"
echo "(files in $work)" >&2
