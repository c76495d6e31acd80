"""How fast gxlint is, in one run: the floor, the engine by stage, batch throughput on one and
two cores with and without GX530, a single check from the shell, peak memory, and GX530's pair
search from 250 to 5,000 reports.

    .venv/bin/python bench/speed.py                 # 1,000 distinct reports, GX530 to 5,000
    .venv/bin/python bench/speed.py --reports 300 --gx530 1000   # a quicker look

The reports are distinct variations of the shared corpus's real ones (bench/distinct.py,
seeded), written once under the temp directory. Times are CPU times where a stage runs in this
process (the machine is shared; CPU time is what other processes disturb least) and wall times
for the command line, best of `--repeat`. The floor is what any tool must do with a report:
read it, decode it, convert traditional characters (OpenCC t2s), NFKC, split lines; the engine
is shown as a multiple of it.

Targets (2-core machine; the script prints MISSED and exits 1 when one is missed): batch
≥ 600 reports/s with -j 2 and GX530 off, ≥ 400/s with it on; engine ≤ 5× the floor; `gxlint
check one.txt` under 0.3 s; GX530's search per report at 5,000 reports at most twice what it is
at 250, and the same pairs at every size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from distinct import build  # noqa: E402

from gxlint.engine import lint_bytes, load_rules  # noqa: E402
from gxlint.ingest import read as read_input  # noqa: E402
from gxlint.limits import DEFAULT as LIMITS  # noqa: E402
from gxlint.parse.outline import parse_document  # noqa: E402
from gxlint.similarity import fingerprint, similar_pairs  # noqa: E402
from gxlint.template import analyse  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "2023_sample_bureau.txt"
GXLINT = [sys.executable, "-m", "gxlint"]
# as an installed gxlint runs: with byte-compiled modules (a development shell may turn writing
# them off, which would add their compilation to every start)
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
TARGETS = {
    "batch_without": 600.0,  # reports/s, -j 2, GX530 off
    "batch_with": 400.0,  # reports/s, -j 2, GX530 on
    "engine_floor": 5.0,  # engine / floor
    "single_s": 0.3,  # gxlint check one.txt, wall
    "gx530_growth": 2.0,  # search time per report at the largest size / at 250
}


def cpu_per_item(fn: Callable[[object], object], items: list, repeat: int) -> float:
    """Best-of-`repeat` CPU seconds per item of `fn` over `items`."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for item in items:
            fn(item)
        best = min(best, time.process_time() - start)
    return best / len(items)


def floor_work() -> Callable[[Path], object]:
    """Read, decode, OpenCC t2s, NFKC, split lines: what any checker of these files does."""
    import opencc

    t2s = opencc.OpenCC("t2s")

    def one(path: Path) -> object:
        text = path.read_bytes().decode("utf-8", errors="replace")
        return unicodedata.normalize("NFKC", t2s.convert(text)).splitlines()

    return one


def engine_stages(paths: list[Path], rules, repeat: int) -> dict[str, float]:
    """CPU seconds per report of the floor, each engine stage, and the whole engine (lint_bytes).

    Every round times every stage, and each stage keeps its best round: the host's speed
    drifts over seconds, and timing one stage's rounds after another's once put the engine
    below the sum of its stages."""
    blobs = [(str(p), p.read_bytes()) for p in paths]
    sources = [read_input(d, n, LIMITS) for n, d in blobs]
    docs = [parse_document(s) for s in sources]
    analyses = [analyse(d) for d in docs]
    timed: dict[str, tuple[Callable[[Any], object], list]] = {
        "floor": (floor_work(), paths),
        "read (decode, normalise)": (lambda b: read_input(b[1], b[0], LIMITS), blobs),
        "outline (lines, Lark)": (parse_document, sources),
        "template + tables": (analyse, docs),
        "facts (prose numbers)": (
            lambda a: (a.__dict__.pop("facts", None), a.facts),
            analyses,
        ),
        "GX530 fingerprint": (fingerprint, analyses),
        "engine": (lambda b: lint_bytes(b[1], b[0], rules), blobs),
    }
    best = dict.fromkeys(timed, float("inf"))
    for _ in range(repeat):
        for name, (fn, items) in timed.items():
            best[name] = min(best[name], cpu_per_item(fn, items, 1))
    engine = best.pop("engine")
    best["checks and the rest"] = engine - sum(
        v for k, v in best.items() if k not in ("floor", "GX530 fingerprint")
    )
    best["engine (lint_bytes, no GX530)"] = engine
    return best


def run_cli(args: list[str], repeat: int) -> tuple[float, float]:
    """Best wall seconds of `gxlint args` (output discarded) and its peak memory in MiB."""
    best, peak = float("inf"), 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        process = subprocess.Popen([*GXLINT, *args], stdout=subprocess.DEVNULL, env=_ENV)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            raise SystemExit(f"gxlint {' '.join(args)} exited {process.returncode}")
        best = min(best, wall)
        peak = max(peak, usage.ru_maxrss / 1024)
    return best, peak


def gx530_scaling(
    sizes: list[int], seed: int, repeat: int
) -> list[tuple[int, float, float, int, bool]]:
    """(reports, search seconds, peak MiB, pairs, same pairs as the larger batches) per size."""
    largest = max(sizes)
    paths = build(Path(tempfile.gettempdir()) / f"gxlint-distinct-{largest}-{seed}", largest, seed)
    prints = []
    for path in paths:
        source = read_input(path.read_bytes(), str(path), LIMITS)
        prints.append(fingerprint(analyse(parse_document(source))))
    rows = []
    found: dict[int, set[tuple[int, int]]] = {}
    for n in sizes:
        seconds = float("inf")
        for _ in range(repeat):  # a small batch takes milliseconds: one run is mostly noise
            start = time.process_time()
            pairs = similar_pairs(prints[:n])
            seconds = min(seconds, time.process_time() - start)
        tracemalloc.start()
        similar_pairs(prints[:n])
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        found[n] = {(p.a, p.b) for p in pairs}
        rows.append((n, seconds, peak, len(pairs)))
    same = {
        n: all({(a, b) for a, b in found[m] if b < n} == found[n] for m in sizes if m > n)
        for n in sizes
    }
    return [(n, s, p, k, same[n]) for n, s, p, k in rows]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=1000, help="distinct reports in the batch")
    parser.add_argument("--gx530", type=int, default=5000, help="largest GX530 search batch")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    missed: list[str] = []

    folder = Path(tempfile.gettempdir()) / f"gxlint-distinct-{args.reports}-{args.seed}"
    paths = build(folder, args.reports, args.seed)
    rules = load_rules()
    sample = paths[: min(len(paths), 200)]
    stages = engine_stages(sample, rules, args.repeat)
    floor = stages.pop("floor")
    engine = stages["engine (lint_bytes, no GX530)"]
    print(f"engine by stage ({len(sample)} distinct reports, CPU ms per report)")
    print(f"  {'floor (read, decode, t2s, NFKC, lines)':<40} {floor * 1000:7.2f}   1.0× floor")
    for name, seconds in stages.items():
        print(f"  {name:<40} {seconds * 1000:7.2f} {seconds / floor:5.1f}× floor")
    if engine / floor > TARGETS["engine_floor"]:
        missed.append(f"engine {engine / floor:.1f}× the floor > {TARGETS['engine_floor']}×")

    print(
        f"\nbatch of {len(paths)} distinct reports (gxlint check -q, wall, best of {args.repeat})"
    )
    print(f"  {'':<28} {'reports/s':>10} {'seconds':>8} {'peak MiB':>9}")
    for label, extra in (
        ("-j 1, GX530 off, json", ["-j", "1", "-f", "json", "--extend-ignore", "GX530"]),
        ("-j 2, GX530 off, json", ["-j", "2", "-f", "json", "--extend-ignore", "GX530"]),
        ("-j 1, GX530 on, json", ["-j", "1", "-f", "json"]),
        ("-j 2, GX530 on, json", ["-j", "2", "-f", "json"]),
        ("-j 2, GX530 on, text", ["-j", "2", "--color", "never"]),
    ):
        wall, peak = run_cli(["check", "-q", *extra, str(folder)], args.repeat)
        rate = len(paths) / wall
        print(f"  {label:<28} {rate:>10.0f} {wall:>8.2f} {peak:>9.0f}")
        if label.startswith("-j 2, GX530 off, json") and rate < TARGETS["batch_without"]:
            missed.append(f"{label}: {rate:.0f} reports/s < {TARGETS['batch_without']:.0f}")
        if label.startswith("-j 2, GX530 on, json") and rate < TARGETS["batch_with"]:
            missed.append(f"{label}: {rate:.0f} reports/s < {TARGETS['batch_with']:.0f}")

    single, peak = run_cli(["check", str(EXAMPLE)], max(args.repeat, 5))
    version, _ = run_cli(["--version"], max(args.repeat, 5))
    print(
        f"\nsingle check from the shell: {single:.3f} s wall, {peak:.0f} MiB; --version {version:.3f} s"
    )
    if single > TARGETS["single_s"]:
        missed.append(f"gxlint check one.txt {single:.2f} s > {TARGETS['single_s']} s")

    sizes = [n for n in (250, 500, 1000, 2000, 5000) if n <= args.gx530]
    if sizes:
        print("\nGX530 pair search (CPU; fingerprints of distinct reports)")
        print(
            f"  {'reports':>8} {'seconds':>8} {'ms/report':>10} {'peak MiB':>9} {'pairs':>6} same pairs"
        )
        rows = gx530_scaling(sizes, args.seed, args.repeat)
        for n, seconds, peak, pairs, same in rows:
            print(
                f"  {n:>8} {seconds:>8.3f} {seconds / n * 1000:>10.3f} {peak:>9.1f} {pairs:>6} "
                f"{'yes' if same else 'NO'}"
            )
        growth = (rows[-1][1] / rows[-1][0]) / max(rows[0][1] / rows[0][0], 1e-9)
        if len(rows) > 1 and growth > TARGETS["gx530_growth"]:
            missed.append(
                f"GX530 search per report grows {growth:.1f}× from {sizes[0]} to {sizes[-1]}"
            )
        if not all(row[4] for row in rows):
            missed.append("GX530 finds different pairs at different batch sizes")
    print(
        f"\nfloor {floor * 1000:.2f} ms/report; median report {statistics.median(p.stat().st_size for p in paths) / 1024:.1f} KiB"
    )
    for line in missed:
        print("MISSED:", line)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
