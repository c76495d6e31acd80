"""GX1xx check kinds over the outline: sections present, in order, numbered, not empty."""

from __future__ import annotations

from collections.abc import Iterator

from gxlint.findings import Hit
from gxlint.parse.numerals import CN_NUM

_STYLE_NAMES = {
    "cn_dun": "“一、”",
    "cn_dot": "“一.”",
    "arabic_dun": "“1、”",
    "arabic_dot": "“1.”",
    "paren_cn": "“（一）”",
    "paren_cn_dun": "“（一）、”",
    "paren_arabic": "“（1）”",
}
_EXPECTED_STYLE = {1: "cn_dun", 2: "paren_cn", 3: "arabic_dot", 4: "paren_arabic"}


def _cn(n: int) -> str:
    if n <= 10:
        return CN_NUM[n - 1]
    if n < 20:
        return "十" + (CN_NUM[n - 11] if n > 10 else "")
    return str(n)


def required_sections(analysis, params) -> Iterator[Hit]:
    """Each section the template requires is present (matched by title keywords)."""
    present = set(analysis.section_keys)
    for number, spec in enumerate(analysis.template.sections, start=1):
        if spec.get("required", True) and spec["key"] not in present:
            yield Hit(
                None,
                None,
                {
                    "title": spec["title"],
                    "number": _cn(number),
                    "template": analysis.template.name,
                    "era": analysis.template.id,
                },
                {"section": spec["key"]},
            )


def section_order(analysis, params) -> Iterator[Hit]:
    """Top-level sections come in the template's order."""
    order = {spec["key"]: i for i, spec in enumerate(analysis.template.sections)}
    best = -1
    for position, section in enumerate(analysis.doc.sections):
        key = analysis.section_key(position)
        if key is None:
            continue
        if order[key] < best:
            prev = analysis.template.sections[best]["title"]
            yield Hit(
                section.heading.start,
                section.heading.end,
                {"title": section.heading.title, "after": prev},
                {"section": key},
            )
        else:
            best = order[key]


def numbering_style(analysis, params) -> Iterator[Hit]:
    """A heading whose marker is not its level's standard (`1、 概述` among 一、…, as some real reports write)."""
    levels = set(params.get("levels", [1]))
    for section in analysis.doc.all_sections():
        h = section.heading
        expected = _EXPECTED_STYLE[h.level]
        if h.level in levels and h.style != expected:
            yield Hit(
                h.start,
                h.end,
                {
                    "marker": h.marker,
                    "title": h.title,
                    "expected": _STYLE_NAMES[expected],
                    "expected_marker": _expected_marker(h),
                    "found": _STYLE_NAMES.get(h.style, h.marker),
                },
            )


def _expected_marker(h) -> str:
    return _expected_marker_n(h, h.number or 1)


def numbering_sequence(analysis, params) -> Iterator[Hit]:
    """Siblings must count 1, 2, 3 … from the first; a jump, repeat or restart is reported."""
    levels = set(params.get("levels", [1, 2]))

    def walk(children):
        expected = 1
        for child in children:
            h = child.heading
            if h.level in levels and h.number is not None and h.number != expected:
                yield Hit(
                    h.start,
                    h.end,
                    {
                        "marker": h.marker,
                        "title": h.title,
                        "found": h.number,
                        "expected": expected,
                        "expected_marker": _expected_marker_n(h, expected),
                    },
                )
            expected = (h.number or expected) + 1
            yield from walk(child.children)

    yield from walk(analysis.doc.sections)


def _expected_marker_n(h, n: int) -> str:
    return {1: f"{_cn(n)}、", 2: f"（{_cn(n)}）", 3: f"{n}.", 4: f"（{n}）"}[h.level]


def nonempty(analysis, params) -> Iterator[Hit]:
    """A top-level heading with nothing under it (a template's headings left unfilled)."""
    for position, section in enumerate(analysis.doc.sections):
        if not section.has_content():
            yield Hit(
                section.heading.start,
                section.heading.end,
                {"marker": section.heading.marker, "title": section.heading.title},
                {"section": analysis.section_key(position)},
            )
