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
    from gxlint.parse.outline import outline_parser

    outline_parser()  # build (or load) the LALR tables once, before the workers fork
    _job.update(rules=rules, template=template, select=select, options=options)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from pool.map(_work, files, chunksize=max(1, min(16, len(files) // (jobs * 4) or 1)))


def cross_file_findings(results: list[FileResult], rules: list[Rule]) -> None:
    """Run the cross-file rules (GX530) over a finished batch; findings go to each file of a
    similar pair, pointing at the first shared passage."""
    from gxlint.engine import finding_for
    from gxlint.findings import Hit
    from gxlint.similarity import first_shared_offset, similar_pairs

    cross = [r for r in rules if r.check == "cross_file"]
    prints = [r.fingerprint for r in results]
    if not cross or sum(p is not None for p in prints) < 2:
        return
    for rule in cross:
        pairs = similar_pairs(
            prints, rule.params.get("min_other", 0.6), rule.params.get("min_same", 0.8)
        )
        for pair in pairs:
            for this, other in ((pair.a, pair.b), (pair.b, pair.a)):
                mine, theirs = results[this], results[other]
                offset = first_shared_offset(mine.source.norm, mine.table_spans, theirs.fingerprint)
                detail = []
                if theirs.fingerprint.agency:
                    detail.append(theirs.fingerprint.agency)
                if theirs.fingerprint.year:
                    detail.append(f"{theirs.fingerprint.year}年度")
                hit = Hit(
                    offset,
                    None if offset is None else offset + 12,
                    {
                        "percent": round(pair.ratio * 100),
                        "other": theirs.path,
                        "detail": f"（{'，'.join(detail)}）" if detail else "",
                    },
                    {"other": theirs.path, "shared": round(pair.ratio, 3)},
                )
                mine.findings.append(finding_for(rule, hit, mine.source))
                mine.findings.sort(key=lambda f: f.sort_key())
