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


# A label this long with one character different is still that label (`反覆` for `反复`,
# `内部`/`内容`, `废纸`/`废止`); shorter ones are too easily another word.
MIN_TOLERANT_LABEL = 6
# Places where half a label stands that are compared with it, per label and half: a table has a
# handful; a pasted-together file has thousands, and a slip among them is not worth the time.
MAX_SLIP_CANDIDATES = 200


def find_label_with_slip(
    view: CompactView, labels: list[str], lo: int, hi: int
) -> tuple[int, int, str] | None:
    """The earliest place in [lo, hi) where a label stands with exactly one character replaced,
    and the text found there; None when there is none or the label is short."""
    best = None
    text = view.text
    for label in labels:
        pat = compact(label)
        n = len(pat)
        if n < MIN_TOLERANT_LABEL:
            continue
        half = n // 2
        # one replaced character leaves the first or the second half intact: search for those
        for piece, offset in ((pat[:half], 0), (pat[half:], half)):
            i = text.find(piece, lo, hi)
            tries = 0
            while i != -1 and tries < MAX_SLIP_CANDIDATES:
                tries += 1
                start = i - offset
                if start >= lo and start + n <= hi:
                    found = text[start : start + n]
                    slips = sum(a != b for a, b in zip(found, pat, strict=True))
                    if slips == 1 and (best is None or start < best[0]):
                        best = (start, start + n, found)
                        break
                i = text.find(piece, i + 1, hi)
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
