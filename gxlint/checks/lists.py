"""GX5xx: an item of a counted list written without its number.

`全年公开核准企业资质条、施工许可证76条、安全生产许可证121条` — the first item lost its count. A
list here is a run of items joined by `、` inside one clause; an item is reported when its siblings
end with `<number><unit>` and it ends with the same unit but has no number at all. The unit
character also ends ordinary words (文件, 事项, 条件, 各个…) and follows Chinese numerals (三条, 若干件),
so the rule file lists the words and the characters that may stand before the unit; anything
else before a bare unit in such a list is a missing number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gxlint.facts import table_spans
from gxlint.findings import Hit

_SENTENCE_RE = re.compile(r"[^。；;\n]+")
_CLAUSE_RE = re.compile(r"[^，,：:]+")
_DIGIT_RE = re.compile(r"\d")


def item_without_number(analysis, params) -> Iterator[Hit]:
    """Items of a `、` list of counted items that have the unit but no number."""
    units = "".join(params["units"])
    words = tuple(params["words"])
    before_unit = set(params["before_unit"])
    counted = re.compile(rf"\d+\s*([{units}])$")
    bare = re.compile(rf"[\u4e00-\u9fff”\"]([{units}])$")
    norm = analysis.doc.source.norm
    spans = sorted(table_spans(analysis))
    for sentence in _SENTENCE_RE.finditer(norm):
        if any(s <= sentence.start() < e for s, e in spans):
            continue
        for clause in _CLAUSE_RE.finditer(norm, sentence.start(), sentence.end()):
            text = clause.group(0)
            if "、" not in text:
                continue
            items, offset = [], clause.start()
            for piece in text.split("、"):
                items.append((offset, piece))
                offset += len(piece) + 1
            counts = [counted.search(piece.rstrip()) for _start, piece in items]
            for (start, piece), count in zip(items, counts, strict=True):
                item = piece.rstrip()
                m = bare.search(item)
                if count is not None or m is None or _DIGIT_RE.search(item):
                    continue
                unit = m.group(1)
                if item.endswith(words) or item[-2] in before_unit:
                    continue
                example = next(
                    (
                        other.strip()
                        for (_s, other), c in zip(items, counts, strict=True)
                        if c is not None and c.group(1) == unit
                    ),
                    None,
                )
                if example is None:
                    continue
                lead = len(piece) - len(piece.lstrip())
                yield Hit(
                    start + lead,
                    start + len(item),
                    {"item": item.strip(), "unit": unit, "sibling": example},
                    {"item": item.strip(), "unit": unit},
                )
