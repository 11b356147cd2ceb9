#!/usr/bin/env bash
# bench/trace.sh: the README's figures for `unmask index add`, `trace` and
# `dedup`, on the BBC News corpus (../shared/data/news/bbc.jsonl, 2,225
# articles, 5.2 MB) and a disguised copy of each article (every Latin o
# replaced by Greek ο U+03BF, IDs prefixed "copy:").
#
# Prints each command's wall time, CPU time (user + system) and peak RSS
# (/usr/bin/time), the load average before each run, how many copies were
# traced to their own original (or to an identical duplicate: the corpus
# holds some), and how many clusters dedup made. Needs jq for the counts.
# Environment: RUNS (default 3), SHARED (default ../shared/data).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
RUNS=${RUNS:-3}
SHARED=${SHARED:-$root/../shared/data}
news=$SHARED/news/bbc.jsonl
[ -f "$news" ] || { echo "bench/trace.sh: $news not found" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/unmask-trace.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/unmask" ./cmd/unmask
u=$tmp/unmask
timed() { # label command…
  local label=$1; shift
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  /usr/bin/time -f "$label: %e s wall, %U s user + %S s system CPU, %M KB peak RSS" "$@"
}

for i in $(seq "$RUNS"); do
  rm -rf "$tmp/idx"
  timed "index add" "$u" index add --db "$tmp/idx" "$news"
done
sed 's/o/ο/g; s/"id": "/"id": "copy:/' "$news" > "$tmp/copies.jsonl"
for i in $(seq "$RUNS"); do
  timed "trace --jsonl (2,225 copies)" "$u" trace --db "$tmp/idx" --jsonl --top 1 "$tmp/copies.jsonl" > "$tmp/traced.jsonl" || [ $? -eq 1 ]
done
echo "copies traced to their own original: $(jq -r 'select((.matches[0].id // "") == (.id | sub("^copy:";"") | gsub("ο";"o")))|.id' "$tmp/traced.jsonl" | wc -l)"
echo "copies whose first match is another article with identical text (similarity 1): $(jq -r 'select((.matches[0].id // "") != (.id | sub("^copy:";"") | gsub("ο";"o")) and .matches[0].similarity == 1)|.id' "$tmp/traced.jsonl" | wc -l)"
cat "$news" "$tmp/copies.jsonl" > "$tmp/both.jsonl"
for i in $(seq "$RUNS"); do
  timed "dedup (4,450 records)" "$u" dedup "$tmp/both.jsonl" > "$tmp/clustered.jsonl" || [ $? -eq 1 ]
done
echo "clusters: $(jq -r .cluster "$tmp/clustered.jsonl" | sort -u | wc -l), of the originals alone: $(jq -r 'select(.id|startswith("copy:")|not)|.cluster' "$tmp/clustered.jsonl" | sort -u | wc -l)"
echo "copies in their original's cluster: $(jq -r '[(.id | sub("^copy:";"") | gsub("ο";"o")), .cluster, (.id|startswith("copy:"))] | @tsv' "$tmp/clustered.jsonl" | awk -F'\t' '{ if ($3=="false") o[$1]=$2; else c[$1]=$2 } END { n=0; for (k in c) if (c[k]==o[k]) n++; print n }')"
