"""The cross-year step (GX6xx `finish`) over a batch grows linearly: reports are grouped by
agency in one pass and each is compared only with its agency's report for the year before, never
with every other report. Measured on 1,000 and 5,000 synthetic reports (tests/series_batch.py):
memory by tracemalloc, time as the best of three runs, with a wide margin — this guards the
shape of the algorithm (an all-pairs comparison would be 25× for 5×), not a speed target, which
lives in bench/series.py."""

from __future__ import annotations

import gc
import time
import tracemalloc

from series_batch import YEARS, base_collected, cross_year_rules, synthetic_batch

from gxlint.checks import BATCH_CHECKS

RULES = cross_year_rules()
BASES = base_collected(RULES)


def _finish(batch: list[dict]) -> int:
    names = [f"r{i}.txt" for i in range(len(batch))]
    found = 0
    for rule in RULES:
        finish = BATCH_CHECKS[rule.check][1]
        found += sum(1 for _ in finish([b[rule.id] for b in batch], names, rule.params))
    return found


def _measure(n: int) -> tuple[float, int, int]:
    batch = synthetic_batch(n, BASES)
    best = float("inf")
    gc.disable()  # collections scan every live object: noise that grows with the batch
    try:
        for _ in range(3):
            start = time.process_time()
            found = _finish(batch)
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    tracemalloc.start()
    _finish(batch)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return best, peak, found


def test_cross_year_step_grows_linearly_to_5000_reports():
    small_time, small_peak, small_found = _measure(1000)
    big_time, big_peak, big_found = _measure(5000)
    # every agency has the same five years, so five times the agencies give five times the findings
    assert small_found >= 1000 // YEARS
    assert big_found == 5 * small_found
    assert big_peak < 5 * small_peak * 1.5
    # 5× the reports: about 5× the time and memory (caches make it somewhat more); all pairs
    # would be 25×
    assert big_time < 5 * small_time * 3


def test_collected_per_report_is_a_few_kilobytes():
    tracemalloc.start()
    batch = synthetic_batch(500, BASES)
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert len(batch) == 500
    assert size / 500 < 16 * 1024
