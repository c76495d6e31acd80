"""Check kinds that compare the files of a batch, in two steps: `collect` runs per file (in the
worker that checks it) and keeps what the comparison needs; `finish` runs once the batch is done,
over what every file collected, and yields (file index, hit) pairs. Only a batch of more than one
file runs them.

`cross_file` (GX530): reports whose prose is largely another report's (similarity.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from gxlint.findings import Hit
from gxlint.i18n import Text, join
from gxlint.similarity import SHINGLE, Fingerprint, fingerprint, similar_pairs


def collect(analysis, params) -> Fingerprint:
    """The report's prose fingerprint, kept for the comparison at the end of the batch."""
    return fingerprint(analysis)


def _parenthesised(detail: list[Text]) -> Text | str:
    if not detail:
        return ""
    both = join(detail, "，", ", ")
    return Text(f"（{both.zh}）", f" ({both.en})")


def finish(collected: list[Any], names: list[str], params) -> Iterator[tuple[int, Hit]]:
    """Each file of a similar pair gets a finding at its first passage shared with the other."""
    prints: list[Fingerprint | None] = collected
    pairs = similar_pairs(
        prints,
        params.get("min_other", 0.6),
        params.get("min_same", 0.8),
        consecutive_years=params.get("consecutive_years", True),
    )
    for pair in pairs:
        for this, other in ((pair.a, pair.b), (pair.b, pair.a)):
            mine, theirs = prints[this], prints[other]
            assert mine is not None and theirs is not None  # only fingerprints make pairs
            offset = mine.first_shared_offset(theirs)
            detail = [Text(theirs.agency, theirs.agency)] if theirs.agency else []
            if theirs.year:
                detail.append(Text(f"{theirs.year}年度", f"report on {theirs.year}"))
            yield (
                this,
                Hit(
                    offset,
                    None if offset is None else offset + SHINGLE,
                    {
                        "percent": round(pair.ratio * 100),
                        "other": names[other],
                        "detail": _parenthesised(detail),
                    },
                    {"other": names[other], "shared": round(pair.ratio, 3)},
                ),
            )
