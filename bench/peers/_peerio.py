"""Shared stdin/stdout plumbing for the Python peer wrappers (icu.py, confusable_homoglyphs.py).

Contract (see README.md): UTF-8 in, UTF-8 out.
  doc modes  (restore, flag): whole stdin is one document; restore prints the text
             (no newline added), flag prints "1" or "0".
  line modes (skeleton, ...): one output line per input line ("\n"-separated).
  MODE-jsonl (doc modes only): {"id":..,"text":..} per line in, one record per
             record out: {"id":..,"text":..} for restore, {"id":..,"flag":0|1} for
             flag, {"id":..,"error":..} if the peer raised on that document.
"""
import json
import sys


def _read():
    return sys.stdin.buffer.read().decode("utf-8")


def _write(s):
    sys.stdout.buffer.write(s.encode("utf-8"))


def _lines(data):
    lines = data.split("\n")  # only "\n": U+2028, \r, \v etc. stay inside a line
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def run(doc_modes, line_modes, prog):
    mode = sys.argv[1] if len(sys.argv) == 2 else ""
    jsonl = mode.endswith("-jsonl")
    base = mode[: -len("-jsonl")] if jsonl else mode
    if jsonl and base in doc_modes:
        fn, out = doc_modes[base], []
        key = "flag" if base == "flag" else "text"
        for line in _lines(_read()):
            if not line.strip():
                continue
            rec = json.loads(line)
            try:
                res = {"id": rec.get("id"), key: fn(rec["text"])}
            except Exception as e:  # keep the batch going; report per record
                res = {"id": rec.get("id"), "error": f"{type(e).__name__}: {e}"}
            out.append(json.dumps(res, ensure_ascii=False) + "\n")
        _write("".join(out))
    elif base in doc_modes and not jsonl:
        res = doc_modes[base](_read())
        _write(f"{res}\n" if base == "flag" else res)
    elif base in line_modes and not jsonl:
        fn = line_modes[base]
        _write("".join(f"{fn(l)}\n" for l in _lines(_read())))
    else:
        modes = list(line_modes) + [m + s for m in doc_modes for s in ("", "-jsonl")]
        print(f"usage: {prog} MODE   (MODE: {' | '.join(modes)})", file=sys.stderr)
        sys.exit(2)
