#!/usr/bin/python3
"""ICU SpoofChecker (Debian python3-icu, ICU 72) as a benchmark peer.

Usage: icu.py MODE < input > output   (contract: _peerio.py / README.md)
  skeleton     line -> getSkeleton(line)  (UTS #39 skeleton: NFD, confusables.txt map, NFD)
  restriction  line -> restriction level name of the line
  confusable   "A<TAB>B" line -> 1 if areConfusable(A, B) != 0 (single/mixed/whole script) else 0
  restore      document -> getSkeleton of each line, joined with the original "\n"s
  flag         document -> 1 if check() with default checks flags any whitespace token
  restore-jsonl, flag-jsonl   batch variants
"""
import sys

HERE = sys.path.pop(0)  # this script's dir: icu.py would shadow the library it wraps
import icu
sys.path.insert(0, HERE)
from _peerio import run  # noqa: E402

C, L = icu.USpoofChecks, icu.URestrictionLevel

default = icu.SpoofChecker()  # default checks (ALL_CHECKS), level HIGHLY_RESTRICTIVE

# Restriction level: the binding has no CheckResult, but with AUX_INFO enabled ICU's
# check() ORs the string's computed restriction level (UTS #39 5.2) into its return
# value (CheckResult::toCombinedBitmask); mask it out with RESTRICTION_LEVEL_MASK.
# The allowed set is ICU's default (all code points), so UNRESTRICTIVE never occurs.
level_checker = icu.SpoofChecker()
level_checker.setChecks(C.RESTRICTION_LEVEL | C.AUX_INFO)
LEVELS = {getattr(L, n): n for n in ("ASCII", "SINGLE_SCRIPT_RESTRICTIVE", "HIGHLY_RESTRICTIVE",
                                     "MODERATELY_RESTRICTIVE", "MINIMALLY_RESTRICTIVE", "UNRESTRICTIVE")}


def skeleton(s):
    # The type argument is ignored since ICU 58: every skeleton is the UTS #39 one.
    return default.getSkeleton(C.ANY_CASE, s)


def restriction(s):
    return LEVELS[level_checker.check(s) & L.RESTRICTION_LEVEL_MASK]


def confusable(line):
    a, b = line.split("\t", 1)
    return 1 if default.areConfusable(a, b) else 0


def restore(doc):
    return "\n".join(skeleton(l) for l in doc.split("\n"))


def flag(doc):
    return 1 if any(default.check(t) for t in doc.split()) else 0


if __name__ == "__main__":
    run({"restore": restore, "flag": flag},
        {"skeleton": skeleton, "restriction": restriction, "confusable": confusable}, "icu.py")
