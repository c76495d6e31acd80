"""Batches: how many worker processes to use, and the cross-file rules (GX530) that compare
the files of a finished batch. Checking the files themselves is guard.check_files.
"""

from __future__ import annotations

import os

from gxlint.engine import FileResult, Rule

PARALLEL_FROM = 16  # fewer files than this are checked by one worker: forking more costs more


def default_jobs(n_files: int) -> int:
    if n_files < PARALLEL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


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
                if mine.source is None:
                    continue  # only checked reports have fingerprints, and they have a source
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
