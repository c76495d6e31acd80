"""Instructions per report, counted by valgrind: a deterministic A/B for small engine changes.

The wall clock on a shared machine moves ±25% between runs minutes apart, which hides a change
worth 2%. Instructions do not move: the same code on the same files counts the same, whatever
else the machine is doing. Each mode runs twice under `valgrind --tool=cachegrind` — once
warming up only, once warming up and then checking the reports — and the difference, divided
by the number of reports, is what one report costs. Instructions are not time (the floor's C
code does more per cycle than the interpreter), so compare a mode with itself across commits,
not with bench/speed.py's milliseconds.

    python bench/instructions.py                 # all modes, 60 distinct reports
    python bench/instructions.py --mode batch --reports 200

Modes: floor (read, decode, OpenCC t2s, NFKC, lines), single (lint_bytes as `gxlint check
one.txt` runs it), batch (as a worker of a batch runs it, GX530 off: GX6xx collect their
payloads, the result is pickled for the parent), gx530 (batch with the GX530 fingerprint).
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

MODES = ("floor", "single", "batch", "gx530")
_WARM_UP = 10
_REFS_RE = re.compile(r"I\s+refs:\s+([\d,]+)")


def _child(mode: str, count: int, seed: int, measure: bool) -> None:
    """Warm up on the first reports, then (when measuring) check `count` of them."""
    from distinct import build

    folder = Path(tempfile.gettempdir()) / f"gxlint-distinct-{max(count, 250)}-{seed}"
    paths = build(folder, max(count, 250), seed)[:count]
    blobs = [(str(p), p.read_bytes()) for p in paths]
    if mode == "floor":
        import unicodedata

        import opencc

        t2s = opencc.OpenCC("t2s")

        def one(blob: tuple[str, bytes]) -> object:
            text = blob[1].decode("utf-8", errors="replace")
            return unicodedata.normalize("NFKC", t2s.convert(text)).splitlines()

    else:
        from gxlint.analysis import CheckOptions
        from gxlint.engine import lint_bytes, load_rules
        from gxlint.parse.outline import outline_parser

        rules = load_rules()
        if mode != "gx530":
            rules = [r for r in rules if r.id != "GX530"]
        options = CheckOptions(batch=mode != "single")
        outline_parser()

        def one(blob: tuple[str, bytes]) -> object:
            result = lint_bytes(blob[1], blob[0], rules, options=options)
            return pickle.dumps(result) if options.batch else result

    for blob in blobs[:_WARM_UP]:
        one(blob)
    if measure:
        for blob in blobs:
            one(blob)


def _count(mode: str, count: int, seed: int, measure: bool) -> int:
    command = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--child",
        mode,
        "--reports",
        str(count),
        "--seed",
        str(seed),
    ]
    if measure:
        command.append("--measure")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    found = _REFS_RE.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"valgrind failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mode", choices=MODES, action="append", help="(repeatable) default: all")
    parser.add_argument("--reports", type=int, default=60)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.reports, args.seed, args.measure)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt install valgrind)", file=sys.stderr)
        return 2
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # count the code, not its compilation
    print(f"instructions per report ({args.reports} distinct reports, valgrind)")
    floor = None
    for mode in args.mode or MODES:
        per_report = (
            _count(mode, args.reports, args.seed, True)
            - _count(mode, args.reports, args.seed, False)
        ) / args.reports
        if mode == "floor":
            floor = per_report
        ratio = f"{per_report / floor:5.1f}× floor" if floor else ""
        print(f"  {mode:<8} {per_report / 1e6:8.2f} M  {ratio}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
