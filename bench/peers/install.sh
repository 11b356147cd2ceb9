#!/usr/bin/env bash
# Installs the benchmark peers if missing (idempotent, quiet on success):
#   Debian python3-icu + python3-confusable-homoglyphs (for /usr/bin/python3),
#   npm packages pinned in package.json/package-lock.json into ./node_modules.
set -euo pipefail
cd "$(dirname "$0")"
die() { echo "bench/peers/install.sh: $*" >&2; exit 1; }
log=$(mktemp); trap 'rm -f "$log"' EXIT
sudo=; [ "$(id -u)" = 0 ] || sudo=sudo

py_ok() { /usr/bin/python3 -I -c 'import icu, confusable_homoglyphs' 2>/dev/null; }
if ! py_ok; then
  command -v apt-get >/dev/null || die "no apt-get: install Debian python3-icu python3-confusable-homoglyphs by hand"
  { $sudo apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-icu python3-confusable-homoglyphs
  } >"$log" 2>&1 || { cat "$log" >&2; die "apt-get install python3-icu python3-confusable-homoglyphs failed"; }
  py_ok || die "/usr/bin/python3 still cannot import icu and confusable_homoglyphs after apt-get install"
fi

node_ok() { node -e 'for (const p of ["decancer", "unhomoglyph", "unicode-confusables", "confusables"]) require(p)' 2>/dev/null; }
if ! node_ok; then
  command -v npm >/dev/null || die "node/npm not found: install Node.js (e.g. apt-get install nodejs npm)"
  npm ci --no-audit --no-fund --loglevel=error >"$log" 2>&1 || { cat "$log" >&2; die "npm ci failed"; }
  node_ok || die "npm packages still not loadable after npm ci"
fi
