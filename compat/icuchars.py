#!/usr/bin/python3
"""Per-code-point view of ICU (python3-icu) for compat/icucompare.

stdin: one code point per line, in hex.  stdout, per line, tab-separated:
  hex, ICU's Unicode age of it ("0.0" = unassigned in ICU's data),
  ICU's skeleton of it alone (hex code points, space-separated),
  ICU's Script_Extensions (ISO 15924 codes, space-separated).
"""
import sys

sys.path.pop(0)  # never shadow the icu module with a file beside this script
import icu

sc = icu.SpoofChecker()
out = []
for line in sys.stdin.read().split("\n"):
    if not line:
        continue
    cp = int(line, 16)
    ch = chr(cp)
    age = icu.Char.charAge(ch)  # "1.1.0.0", or a tuple in some versions
    age = ".".join((age.split(".") if isinstance(age, str) else [str(x) for x in age])[:2])
    skel = " ".join("%04X" % ord(c) for c in sc.getSkeleton(0, ch))
    scx = " ".join(icu.Script(s).getShortName() for s in icu.Script.getScriptExtensions(cp))
    out.append("%04X\t%s\t%s\t%s\n" % (cp, age, skel, scx))
sys.stdout.write("".join(out))
