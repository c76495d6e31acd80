"""Checking many files: in order, and across processes when the batch is large enough to pay
for starting them (design.md budget: batches run in parallel, memory flat in the number of
files — results are yielded one by one, so a reporter can print each and drop it).

Workers are forked after the rules are loaded, so each starts with the parsed rules, the
built grammar and the templates already in memory.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from gxlint.engine import FileResult, Rule, lint_path

PARALLEL_FROM = 16  # fewer files than this are checked in-process: forking costs more

_job: dict = {}


def _work(path: Path) -> FileResult:
    return lint_path(path, _job["rules"], _job["template"], _job["select"], _job["options"])


def default_jobs(n_files: int) -> int:
    if n_files < PARALLEL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def check_files(
    files: Iterable[Path],
    rules: list[Rule],
    template: str | None,
    select: set[str] | None,
    options: dict,
    jobs: int,
) -> Iterator[FileResult]:
    """FileResults in the order of `files`."""
    files = list(files)
    if jobs <= 1 or len(files) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for path in files:
            yield lint_path(path, rules, template, select, options)
        return
    _job.update(rules=rules, template=template, select=select, options=options)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from pool.map(_work, files, chunksize=max(1, min(16, len(files) // (jobs * 4) or 1)))
