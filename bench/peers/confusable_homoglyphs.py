#!/usr/bin/python3
"""confusable_homoglyphs (Debian python3-confusable-homoglyphs) as a benchmark peer.

Usage: confusable_homoglyphs.py MODE < input > output   (contract: _peerio.py / README.md)
  flag     document -> 1 if confusables.is_dangerous(token) for any whitespace token else 0
  restore  document -> the input unchanged: the library only detects (is_confusable,
           is_dangerous, is_mixed_script) and has no restore/normalise function, so this
           is the identity baseline.
  flag-jsonl, restore-jsonl   batch variants
"""
import sys

HERE = sys.path.pop(0)  # this script's dir: confusable_homoglyphs.py would shadow the library it wraps
from confusable_homoglyphs import confusables
sys.path.insert(0, HERE)
from _peerio import run  # noqa: E402


def flag(doc):
    return 1 if any(confusables.is_dangerous(t) for t in doc.split()) else 0


def restore(doc):
    return doc  # no restore in this library (see above)


if __name__ == "__main__":
    run({"restore": restore, "flag": flag}, {}, "confusable_homoglyphs.py")
