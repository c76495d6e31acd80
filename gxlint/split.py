"""Splitting digits that ran together (`规章101`, `0000000`) into table cells, without guessing.

Crawler copies drop the separators between cells. A run of digits is split only when exactly
one split is possible (numbers have no leading zeros; a space is always a cell boundary), or
when exactly one split satisfies the table's own identities (then the cells are marked
inferred). Anything else is reported as ambiguous and the cells stay unknown.
"""

from __future__ import annotations

MAX_DIGITS = 9
MAX_CANDIDATES = 200


def _pieces(digits: str, count: int, out: list[list[str]], prefix: list[str], limit: int) -> None:
    if len(out) >= limit:
        return
    if count == 0:
        if not digits:
            out.append(list(prefix))
        return
    if len(digits) < count or len(digits) > count * MAX_DIGITS:
        return
    if count == 1:
        if len(digits) == 1 or digits[0] != "0":
            out.append(prefix + [digits])
        return
    if digits[0] == "0":
        prefix.append("0")
        _pieces(digits[1:], count - 1, out, prefix, limit)
        prefix.pop()
        return
    for width in range(1, min(MAX_DIGITS, len(digits) - count + 1) + 1):
        prefix.append(digits[:width])
        _pieces(digits[width:], count - 1, out, prefix, limit)
        prefix.pop()


def candidate_splits(groups: list[str], count: int, limit: int = MAX_CANDIDATES) -> list[list[str]]:
    """All ways to cut digit groups (space-separated runs) into `count` numbers, in order."""
    results: list[list[str]] = []

    def walk(gi: int, left: int, acc: list[str]) -> None:
        if len(results) >= limit:
            return
        if gi == len(groups):
            if left == 0:
                results.append(list(acc))
            return
        group = groups[gi]
        remaining = groups[gi + 1 :]
        min_rest = len(remaining)
        max_rest = sum(len(g) for g in remaining)
        for k in range(1, min(len(group), left - min_rest) + 1):
            if left - k > max_rest:
                continue
            parts: list[list[str]] = []
            _pieces(group, k, parts, [], limit)
            for p in parts:
                walk(gi + 1, left - k, acc + p)

    walk(0, count, [])
    return results
