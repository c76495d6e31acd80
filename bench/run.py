"""Benchmark gxlint: per-file latency on the shared corpus, batch throughput, and the cost of
large inputs.

Why a script and not timed tests: timings depend on the machine, so targets live here and a
human (or a CI job that wants it) compares the numbers, never a unit test that flakes.

    .venv/bin/python bench/run.py            # corpus next to the repo (../shared/corpus)
    .venv/bin/python bench/run.py --corpus DIR --repeat 5

Targets (2-core machine): every corpus report under 1 s (median well under 0.1 s), the whole
corpus as a batch under 5 s, a 1 MB report under 10 s, the example as .docx/.html/.pdf under 1 s. The script exits 1 when a target is
missed so it can gate a job.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from gxlint.engine import lint_bytes, load_rules

ROOT = Path(__file__).resolve().parent.parent
PER_FILE_LIMIT_S = 1.0
BATCH_LIMIT_S = 5.0
LARGE_LIMIT_S = 10.0


def _time(fn, repeat: int) -> float:
    """Best of `repeat` runs: the least disturbed by other processes."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    start = time.perf_counter()
    rules = load_rules()
    print(f"load rules: {time.perf_counter() - start:.3f} s ({len(rules)} rules)")

    files = sorted(args.corpus.rglob("*.txt"))
    if not files:
        print(f"no .txt files under {args.corpus}", file=sys.stderr)
        return 2
    blobs = [(str(p), p.read_bytes()) for p in files]
    lint_bytes(blobs[0][1], blobs[0][0], rules)  # warm caches (grammar, templates, OpenCC)

    times = []
    for path, data in blobs:
        seconds = _time(lambda d=data, p=path: lint_bytes(d, p, rules), args.repeat)
        times.append((seconds, path, len(data)))
    times.sort(reverse=True)
    print(
        f"per file ({len(times)} files): median {statistics.median(t for t, _, _ in times) * 1000:.1f} ms, "
        f"max {times[0][0] * 1000:.1f} ms"
    )
    for seconds, path, size in times[:5]:
        print(f"  {seconds * 1000:8.1f} ms  {size / 1024:7.1f} KB  {Path(path).name}")

    batch = _time(lambda: [lint_bytes(d, p, rules) for p, d in blobs], args.repeat)
    total_kb = sum(len(d) for _, d in blobs) / 1024
    print(f"batch: {batch:.3f} s for {len(blobs)} files, {total_kb / batch:.0f} KB/s")

    example = (ROOT / "examples" / "2023_sample_bureau.txt").read_bytes()
    large = example * max(1, (1024 * 1024) // len(example))
    large_s = _time(lambda: lint_bytes(large, "large.txt", rules), 1)
    print(f"large: {large_s:.3f} s for {len(large) / 1024 / 1024:.1f} MB (example repeated)")
    # Crawled reports arrive as one line; the inline heading splitter must stay linear.
    one_line = example.replace(b"\r", b"").replace(b"\n", b"") * max(
        1, (1024 * 1024) // len(example)
    )
    one_line_s = _time(lambda: lint_bytes(one_line, "one_line.txt", rules), 1)
    print(f"one line: {one_line_s:.3f} s for {len(one_line) / 1024 / 1024:.1f} MB on a single line")
    large_s = max(large_s, one_line_s)

    # Other formats: the example written as .docx/.html/.pdf by the test fixtures' writers.
    sys.path.insert(0, str(ROOT / "tests"))
    from formats import to_docx, to_html, to_pdf

    missed = []
    text = example.decode("utf-8")
    for suffix, writer in ((".docx", to_docx), (".html", to_html), (".pdf", to_pdf)):
        blob = writer(text)
        seconds = _time(lambda b=blob, s=suffix: lint_bytes(b, f"example{s}", rules), args.repeat)
        print(f"{suffix:>6}: {seconds * 1000:.1f} ms for the example ({len(blob) / 1024:.0f} KB)")
        if seconds > PER_FILE_LIMIT_S:
            missed.append(f"{suffix} example {seconds:.2f} s > {PER_FILE_LIMIT_S} s")

    if times[0][0] > PER_FILE_LIMIT_S:
        missed.append(f"slowest file {times[0][0]:.2f} s > {PER_FILE_LIMIT_S} s")
    if batch > BATCH_LIMIT_S:
        missed.append(f"batch {batch:.2f} s > {BATCH_LIMIT_S} s")
    if large_s > LARGE_LIMIT_S:
        missed.append(f"1 MB report {large_s:.2f} s > {LARGE_LIMIT_S} s")
    for line in missed:
        print("MISSED:", line)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
