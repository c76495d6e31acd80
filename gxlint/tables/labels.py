"""Finding a table's labels in the compact view (punctuation and spacing drift do not matter)."""

from __future__ import annotations

import re

from gxlint.compact import CompactView, compact


def find_label(view: CompactView, labels: list[str], lo: int, hi: int) -> tuple[int, int] | None:
    """The earliest occurrence (compact indices) of any of `labels` in [lo, hi); longest at a tie."""
    best = None
    for label in labels:
        pat = compact(label)
        if not pat:
            continue
        i = view.text.find(pat, lo, hi)
        if i != -1 and (best is None or i < best[0] or (i == best[0] and i + len(pat) > best[1])):
            best = (i, i + len(pat))
    return best


def find_last(view: CompactView, labels: list[str], lo: int, hi: int) -> tuple[int, int] | None:
    """The last occurrence of the first label that occurs at all (labels in priority order)."""
    for label in labels:
        pat = compact(label)
        i = view.text.rfind(pat, lo, hi)
        if i != -1:
            return i, i + len(pat)
    return None


def extend_parenthetical(norm: str, end: int) -> int:
    """Take a label's trailing note `（不同渠道和方式公开相同信息计1条）` into the label."""
    while end < len(norm) and norm[end] in ")]】\"'":
        end += 1
    j = end
    while j < len(norm) and norm[j] in " \t\u3000\n":
        j += 1
    if j < len(norm) and norm[j] == "(":
        close = norm.find(")", j, j + 80)
        if close != -1 and re.search(r"[^\d\s.]", norm[j + 1 : close]):
            return close + 1
    return end
