"""GX5xx: an item of a counted list written without its number.

`全年公开核准企业资质条、施工许可证76条、安全生产许可证121条` — the first item lost its count. A
list here is a run of items joined by `、` inside one clause; an item is reported when its siblings
end with `<number><unit>` and it ends with the same unit but has no number at all. The unit
character also ends ordinary words (文件, 事项, 条件, 各个…) and follows Chinese numerals (三条, 若干件),
so the rule file lists the words and the characters that may stand before the unit; anything
else before a bare unit in such a list is a missing number.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from gxlint.facts import table_spans
from gxlint.findings import Hit
from gxlint.scanning import positions_of

_CLAUSE_END = "，,：:。；;\n"
_DIGIT_RE = re.compile(r"\d")


def _clause_bounds(ends: list[int], at: int, length: int) -> tuple[int, int]:
    """Where the clause holding offset `at` begins and ends (the end is its delimiter), from
    the offsets of every delimiter of a text `length` long."""
    k = bisect.bisect_left(ends, at)
    return (ends[k - 1] + 1 if k else 0), (ends[k] if k < len(ends) else length)


def item_without_number(analysis, params) -> Iterator[Hit]:
    """Items of a `、` list of counted items that have the unit but no number."""
    units = "".join(params["units"])
    words = tuple(params["words"])
    before_unit = set(params["before_unit"])
    counted = re.compile(rf"\d+\s*([{units}])$")
    # a unit right after a character (not a digit) and right before a list or clause boundary;
    # the unit comes first in the pattern so the regex engine scans for it (a leading class of
    # every Chinese character would stop it at nearly every position)
    candidate = re.compile(
        rf"([{units}])(?<=[\u4e00-\u9fff”\"][{units}])\s*(?=[、{_CLAUSE_END}]|$)"
    )
    norm = analysis.doc.source.norm
    spans = table_spans(analysis)
    clause_ends: list[int] | None = None  # found once, on the first candidate
    hi = -1
    for m in candidate.finditer(norm):
        at = m.start() - 1  # the character before the unit
        if at < hi or any(s <= at < e for s, e in spans):
            continue  # in the clause just read, or in a table
        if clause_ends is None:
            clause_ends = positions_of(norm, _CLAUSE_END)
        lo, hi = _clause_bounds(clause_ends, at, len(norm))
        text = norm[lo:hi]
        if "、" not in text:
            continue
        items, offset = [], lo
        for piece in text.split("、"):
            items.append((offset, piece))
            offset += len(piece) + 1
        counts = [counted.search(piece.rstrip()) for _start, piece in items]
        first_counted: dict[str, str] = {}  # unit → the first item counted in it
        for (_s, piece), count in zip(items, counts, strict=True):
            if count is not None:
                first_counted.setdefault(count.group(1), piece.strip())
        if not first_counted:
            continue
        for (start, piece), count in zip(items, counts, strict=True):
            item = piece.rstrip()
            if count is not None or len(item) < 2 or _DIGIT_RE.search(item):
                continue
            unit = item[-1]
            if unit not in units or item.endswith(words) or item[-2] in before_unit:
                continue
            if not ("\u4e00" <= item[-2] <= "\u9fff" or item[-2] in '”"'):
                continue
            example = first_counted.get(unit)
            if example is None:
                continue
            lead = len(piece) - len(piece.lstrip())
            yield Hit(
                start + lead,
                start + len(item),
                {"item": item.strip(), "unit": unit, "sibling": example},
                {"item": item.strip(), "unit": unit},
            )
