"""GX5xx: text that should not be in a published report, or that should be.

`pattern` finds regexes in the report: template leftovers (`XX`, `××`, `【】`, `此处填写`),
conversion leftovers (`[bookmark: _GoBack]`, `当前位置：首页`, raw HTML entities), outdated
template wording in a newer report (`本年新制作数量`, `第二十条第（九）项` in 2021+). With
`compact: true` the regex runs on the punctuation- and space-free view, so `本年新 制作数量` and
`第二十条第(九)项` match too. With `original: true` it runs on the user's characters instead of
the normalised text; `min_count` reports only a pattern found at least that often. With `absent: true` the finding is that nothing matched, at the
heading of `within_section` (section 六 silent on 信息处理费).

`when_missing_table` restricts a rule to reports where that mandated table was not found (a
2008-style 统计表 in a 2019+ report in place of 表三).
"""

from __future__ import annotations

from collections.abc import Iterator

from gxlint.findings import Hit
from gxlint.scanning import scanning


def _region(analysis, params) -> tuple[int, int] | None:
    key = params.get("within_section")
    if not key:
        return 0, len(analysis.doc.source.text)
    section = analysis.section_keys.get(key)
    if section is None:
        return None
    return section.start, section.end


def pattern(analysis, params) -> Iterator[Hit]:
    """Regular-expression findings over the normalised text (placeholders, leftovers, outdated labels)."""
    table = params.get("when_missing_table")
    if table and table in analysis.tables:
        return
    region = _region(analysis, params)
    if region is None:
        return
    lo, hi = region
    limit = params.get("max", 10)
    found = 0
    norm = analysis.doc.source.norm
    view = analysis.view
    for spec in params["patterns"]:
        regex = scanning(spec if isinstance(spec, str) else spec["regex"])
        label = "" if isinstance(spec, str) else spec.get("label", "")
        if params.get("compact"):
            i, j = view.index_at(lo), view.index_at(hi)
            matches = [
                (view.source_start(m.start()), view.source_end(m.end()), m.group(0))
                for m in regex.finditer(view.text, i, j)
                if m.end() > m.start()
            ]
        else:
            haystack = analysis.doc.source.text if params.get("original") else norm
            matches = [
                (m.start(), m.end(), m.group(0))
                for m in regex.finditer(haystack, lo, hi)
                if m.end() > m.start()
            ]
        if len(matches) < params.get("min_count", 1):
            matches = []
        if params.get("absent"):
            if matches:
                return
            continue
        for start, end, _text in matches:
            found += 1
            if found > limit:
                return
            original = analysis.doc.source.text[start:end]
            yield Hit(start, end, {"match": original, "label": label}, {"match": original})
    if params.get("absent"):
        section = analysis.section_keys.get(params.get("within_section", ""))
        if section is not None:
            heading = section.heading
            yield Hit(heading.start, heading.end, {"section": heading.title, "label": ""}, {})
