#!/usr/bin/env bash
# bench/run.sh: unmask and its peers on the same inputs, whole process, in one run.
#
# Builds unmask, installs the peers when missing (bench/peers/install.sh),
# writes three inputs of SIZE bytes in a temporary folder (the seed article
# repeated, BBC news, BBC news heavily disguised), runs every tool on each,
# and prints Markdown tables of throughput (input MB / wall second, 1 MB =
# 10^6 bytes, process start included) and peak resident memory, each also
# relative to `unmask clean`, and whether each output is the expected text.
# Then it checks that unmask's memory stays flat on a BIG input streamed
# through a pipe. Progress goes to stderr, the report to stdout.
#
# Environment: SIZE (default 20M), BIG (default 200M), RUNS (default 1: runs
# per tool and input; the fastest wall time and the largest peak RSS are
# kept), SHARED (default ../shared/data: bbc.jsonl is taken from there when
# present, else testdata/news-sample.jsonl).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
SIZE=${SIZE:-20M}
BIG=${BIG:-200M}
RUNS=${RUNS:-1}
SHARED=${SHARED:-$root/../shared/data}

log() { printf '%s\n' "$*" >&2; }
die() { log "bench/run.sh: $*"; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/unmask-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if [ ! -x /usr/bin/time ]; then
	log "installing GNU time (apt-get install time)…"
	sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
	{ $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time; } >"$tmp/apt.log" 2>&1 ||
		{ cat "$tmp/apt.log" >&2; die "apt-get install time failed"; }
fi
log "installing peers if missing…"
bench/peers/install.sh || die "bench/peers/install.sh failed"

log "building unmask…"
go build -o "$tmp/unmask" ./cmd/unmask || die "go build ./cmd/unmask failed"
go build -o "$tmp/mkinput" ./bench/mkinput || die "go build ./bench/mkinput failed"

seed=testdata/seed/scraped-article.txt
restored=testdata/seed/scraped-article.restored.txt
news=$SHARED/news/bbc.jsonl
[ -f "$news" ] || news=testdata/news-sample.jsonl
for f in "$seed" "$restored" "$news"; do [ -f "$f" ] || die "missing $f"; done

log "writing inputs of $SIZE…"
"$tmp/mkinput" -kind seed -in "$seed" -restored "$restored" -size "$SIZE" -o "$tmp/seed.txt" -expect "$tmp/seed.want"
"$tmp/mkinput" -kind news -in "$news" -size "$SIZE" -o "$tmp/english.txt"
cp "$tmp/english.txt" "$tmp/english.want" # nothing in the news is disguised: a restore must change nothing
"$tmp/mkinput" -kind heavy -in "$news" -size "$SIZE" -o "$tmp/heavy.txt" -expect "$tmp/heavy.want"

# The tools. Each reads the document on stdin and writes on stdout.
tools=(clean scan icu decancer unhomoglyph unicode-confusables confusables)
label() {
	case $1 in
	clean) echo 'unmask clean' ;;
	scan) echo 'unmask scan --quiet' ;;
	icu) echo 'ICU skeleton (icu.py restore)' ;;
	skeleton) echo 'unmask skeleton' ;;
	*) echo "$1 (npm.js $1 restore)" ;;
	esac
}
command_of() { # sets cmd
	case $1 in
	clean) cmd=("$tmp/unmask" clean) ;;
	scan) cmd=("$tmp/unmask" scan --quiet) ;;
	icu) cmd=(/usr/bin/python3 bench/peers/icu.py restore) ;;
	skeleton) cmd=("$tmp/unmask" skeleton) ;;
	*) cmd=(node bench/peers/npm.js "$1" restore) ;;
	esac
}

# measure TOOL IN OUT: sets wall and cpu (user+system) seconds, rss (kB) and rc.
measure() {
	local t0 t1 cmd
	command_of "$1"
	rc=0
	t0=$EPOCHREALTIME
	/usr/bin/time -f '%M %U %S' -o "$tmp/rss" "${cmd[@]}" <"$2" >"$3" 2>"$tmp/stderr" || rc=$?
	t1=$EPOCHREALTIME
	wall=$(echo "$t1 - $t0" | bc -l)
	read -r rss user sys < <(tail -n 1 "$tmp/rss")
	cpu=$(echo "$user + $sys" | bc -l)
}

# runs TOOL INPUT OUT: RUNS runs of TOOL on $tmp/INPUT.txt; sets best (fastest
# wall), bestcpu (least CPU), top (largest RSS), or best='' when a run failed.
runs() {
	local i
	best='' top=0 bestcpu=''
	for ((i = 0; i < RUNS; i++)); do
		log "$2: $(label "$1") (run $((i + 1)) of $RUNS)…"
		measure "$1" "$tmp/$2.txt" "$3"
		if { [ "$1" = scan ] && [ "$rc" -gt 1 ]; } || { [ "$1" != scan ] && [ "$rc" -ne 0 ]; }; then
			best=''
			return
		fi
		if [ -z "$best" ] || [ "$(echo "$wall < $best" | bc)" = 1 ]; then best=$wall; fi
		if [ -z "$bestcpu" ] || [ "$(echo "$cpu < $bestcpu" | bc)" = 1 ]; then bestcpu=$cpu; fi
		if [ "$rss" -gt "$top" ]; then top=$rss; fi # not `&& top=`: a false test would be runs' status, and set -e ends the script
	done
}

# differ WANT GOT: "yes" when equal, else how many lines differ (by position).
differ() {
	if cmp -s "$1" "$2"; then
		echo yes
		return
	fi
	mawk 'NR == FNR { a[FNR] = $0; n = FNR; next }
	      { if (a[FNR] != $0) d++; m = FNR }
	      END { if (m > n) n = m; printf "no: %d of %d lines differ\n", d + (n > m ? n - m : 0), n }' "$1" "$2"
}

num() { bc -l | sed 's/^\./0./'; } # bc writes .5 for 0.5
mbps() { echo "scale=1; $1 / 1000000 / $2" | num; }
ratio() { echo "scale=2; $1 / $2" | num; }
mib() { echo "scale=1; $1 / 1024" | num; }

cpumodel=$(grep -m1 '^model name' /proc/cpuinfo | sed 's/^[^:]*: *//')
echo "# unmask vs peers, whole process"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- machine: $(uname -m), $cpumodel, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo "- $(go version | sed 's/^go version //'), node $(node --version), $(/usr/bin/python3 --version)"
echo "- unmask $(git describe --always --dirty 2>/dev/null || echo '?'); runs per cell: $RUNS (fastest wall, largest RSS)"
echo "- MB/s = input bytes / 10^6 / wall seconds of the whole process (start-up included); MB/CPU-s = the same per CPU second"
echo "  (user + system, GNU time %U %S: less sensitive to other load, but counts every core used); RSS = peak resident set (%M)."
echo "- \"vs unmask\" = this tool's figure / unmask clean's (speed: below 1 is slower than unmask; memory: above 1 is more)."
echo

for input in seed english heavy; do
	file=$tmp/$input.txt
	bytes=$(stat -c %s "$file")
	case $input in
	seed) desc="seed article repeated (expected: the seed's restored text repeated)" ;;
	english) desc="BBC news from $(basename "$news"), repeated (expected: unchanged)" ;;
	heavy) desc="BBC news heavily disguised by benchtext.Heavy, repeated (expected: the news text)" ;;
	esac
	echo "## $input: $desc, $(echo "scale=1; $bytes / 1000000" | num) MB"
	echo
	echo "| tool | MB/s | speed vs unmask | MB/CPU-s | peak RSS MB | memory vs unmask | output = expected |"
	echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
	base_speed='' base_rss=''
	for t in "${tools[@]}"; do
		runs "$t" "$input" "$tmp/out"
		if [ -z "$best" ]; then
			echo "| $(label "$t") | failed (exit $rc: $(head -c 200 "$tmp/stderr" | tr '\n|' '  ')) | | | | | |"
			continue
		fi
		speed=$(mbps "$bytes" "$best")
		mem=$(mib "$top")
		if [ "$t" = clean ]; then base_speed=$speed base_rss=$mem; fi
		sr=— mr=—
		if [ -n "$base_speed" ] && [ "$t" != clean ]; then
			sr="$(ratio "$speed" "$base_speed")×"
			mr="$(ratio "$mem" "$base_rss")×"
		fi
		if [ "$t" = scan ]; then
			ok="— (verdict: $(head -c 120 "$tmp/out" | sed 's/^[^:]*: //' | tr -d '\n'))"
		else
			ok=$(differ "$tmp/$input.want" "$tmp/out")
		fi
		echo "| $(label "$t") | $speed | $sr | $(mbps "$bytes" "$(echo "if ($bestcpu < 0.01) 0.01 else $bestcpu" | bc -l)") | $mem | $mr | $ok |"
	done
	echo
done

echo "## UTS #39 skeleton, line by line: unmask skeleton against ICU"
echo
echo "The same function in both: the skeleton of each line of the inputs above (\`unmask skeleton\`, whose lines are worked"
echo "on every core; ICU's getSkeleton through icu.py, one core). \"same output\" compares the two outputs line by line: ICU 72"
echo "keeps the default-ignorable code points (U+200B, U+200C, U+2060, U+FEFF in heavy) that UTS #39 removes in step 2"
echo "since revision 28 (Unicode 15.1), and has Unicode 15.0 data (see compat/README.md)."
echo
echo "| input | unmask skeleton MB/s | ICU MB/s | unmask vs ICU | unmask MB/CPU-s | ICU MB/CPU-s | peak RSS MB unmask / ICU | same output |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |"
for input in seed english heavy; do
	bytes=$(stat -c %s "$tmp/$input.txt")
	runs skeleton "$input" "$tmp/skel.unmask"
	[ -n "$best" ] || die "unmask skeleton failed on $input: $(head -c 300 "$tmp/stderr")"
	us=$(mbps "$bytes" "$best") uc=$(mbps "$bytes" "$bestcpu") um=$(mib "$top")
	runs icu "$input" "$tmp/skel.icu"
	if [ -z "$best" ]; then
		echo "| $input | $us | failed (exit $rc) | | $uc | | $um | |"
		continue
	fi
	is=$(mbps "$bytes" "$best")
	echo "| $input | $us | $is | $(ratio "$us" "$is")× | $uc | $(mbps "$bytes" "$bestcpu") | $um / $(mib "$top") | $(differ "$tmp/skel.icu" "$tmp/skel.unmask") |"
done
echo

echo "## Memory on a large stream"
echo
echo "The seed article repeated to $BIG, written by mkinput into a pipe (never stored), against the $SIZE file above."
echo
echo "| command | input | MB/s | MB/CPU-s | peak RSS MB |"
echo "| --- | --- | ---: | ---: | ---: |"
for t in clean scan; do
	measure "$t" "$tmp/seed.txt" /dev/null
	echo "| $(label "$t") | seed $SIZE file | $(mbps "$(stat -c %s "$tmp/seed.txt")" "$wall") | $(mbps "$(stat -c %s "$tmp/seed.txt")" "$cpu") | $(mib "$rss") |"
	log "stream $BIG: $(label "$t")…"
	bigbytes=$("$tmp/mkinput" -kind seed -in "$seed" -size "$BIG" | wc -c)
	measure "$t" <("$tmp/mkinput" -kind seed -in "$seed" -size "$BIG") /dev/null
	echo "| $(label "$t") | seed $BIG pipe | $(mbps "$bigbytes" "$wall") | $(mbps "$bigbytes" "$cpu") | $(mib "$rss") |"
done
echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows every wall figure alike)."
