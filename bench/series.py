"""Benchmark the cross-year step (GX6xx): its time and memory from 250 to 5,000 reports.

    .venv/bin/python bench/series.py

The batch is synthetic (tests/series_batch.py): what the GX6xx rules collect from three real
reports, copied for many agencies with five consecutive years each. Prints, per batch size, the
`finish` time over all GX6xx rules, its peak memory, and what each report keeps for the step;
the ratios to the smallest batch should stay close to the ratio of sizes (linear).
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from series_batch import base_collected, cross_year_rules, synthetic_batch  # noqa: E402

from gxlint.checks import BATCH_CHECKS  # noqa: E402


def main() -> None:
    rules = cross_year_rules()
    bases = base_collected(rules)
    first = None
    print(f"{'reports':>8} {'finish s':>9} {'× time':>7} {'peak MiB':>9} {'kept KiB/report':>16}")
    for n in (250, 1000, 2500, 5000):
        tracemalloc.start()
        batch = synthetic_batch(n, bases)
        kept = tracemalloc.get_traced_memory()[0] / n / 1024
        tracemalloc.stop()
        names = [f"r{i}.txt" for i in range(n)]

        def finish(batch=batch, names=names) -> int:
            found = 0
            for rule in rules:
                step = BATCH_CHECKS[rule.check][1]
                found += sum(1 for _ in step([b[rule.id] for b in batch], names, rule.params))
            return found

        best = min(_timed(finish) for _ in range(3))
        tracemalloc.start()
        finish()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        first = first or best
        print(f"{n:>8} {best:>9.3f} {best / first:>7.1f} {peak:>9.1f} {kept:>16.1f}")


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
