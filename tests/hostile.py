"""Hostile, huge and broken inputs, generated at a chosen scale (never committed as big files).

Each one is a shape that once broke gxlint's contract (a traceback that ended the batch, time or
memory without bound): a number longer than Python's int() digit limit, odd Word numbering,
one line repeating a fact pattern, thousands of headings, a 10 MB script string, a tiny HTML
table whose spans ask for a million cells, a PDF whose streams inflate to gigabytes.

`scale=1` is the size at which the shape was reported; the tests run most of them at that size
(they must now be cheap), and `bench/hostile.py` runs them at 1×, 2×, 4× to check that time
grows linearly.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from formats import _pdf_bytes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "2023_sample_bureau.txt"

# The partner of every hostile file: the example with one wrong 总计 (GX230 on line 51).
GOOD_DEFECT = (
    "（七）总计 | 20 | 2 | 0 | 0 | 1 | 0 | 23",
    "（七）总计 | 20 | 2 | 0 | 0 | 1 | 0 | 24",
)
GOOD_RULE, GOOD_LINE = "GX230", 51


def good_report() -> str:
    text = EXAMPLE.read_text("utf-8")
    assert GOOD_DEFECT[0] in text
    return text.replace(GOOD_DEFECT[0], GOOD_DEFECT[1])


def _example() -> str:
    return EXAMPLE.read_text("utf-8")


def _n(base: int, scale: float) -> int:
    return max(1, int(base * scale))


# --- text ---------------------------------------------------------------------------------


def long_number_prose(scale: float = 1) -> bytes:
    nines = "9" * _n(4301, scale)
    text = _example().replace("全年新收政府信息公开申请24件", f"全年共收到申请{nines}件")
    return text.encode("utf-8")


def long_number_cell(scale: float = 1) -> bytes:
    row = "一、本年新收政府信息公开申请数量 | 20 | 3 | 0 | 0 | 1 | 0 | 24"
    text = _example().replace(row, row[:-2] + "9" * _n(4301, scale))
    return text.encode("utf-8")


def long_digit_run(scale: float = 1) -> bytes:
    """A crawled copy: the table's cells ran together, one run of 4,301 digits among them."""
    lines = []
    for line in _example().split("\n"):
        if " | " in line:
            line = line.replace(" | ", "")
            if line.startswith("一、本年新收"):
                line += "9" * _n(4301, scale)
        lines.append(line)
    return "\n".join(lines).encode("utf-8")


def repeated_fact(scale: float = 1) -> bytes:
    return (_example() + "\n" + "共收到申请25件，" * _n(60_000, scale) + "\n").encode("utf-8")


def repeated_share(scale: float = 1) -> bytes:
    return (_example() + "\n" + "其中1件，占1%，" * _n(30_000, scale) + "\n").encode("utf-8")


def nested_parts(scale: float = 1) -> bytes:
    depth = _n(30_000, scale)
    line = "办结26件" + "（其中予以公开11件" * depth + "）" * depth + "。"
    return (_example() + "\n" + line + "\n").encode("utf-8")


def semicolon_lists(scale: float = 1) -> bytes:
    """30,000 `；`-separated list heads: each may read on into the segments after it."""
    line = "在主动公开的9条信息中，A1条；" * _n(30_000, scale) + "其他1条。"
    return (_example() + "\n" + line + "\n").encode("utf-8")


def list_label_pauses(scale: float = 1) -> bytes:
    """Two list items with 400,000 `、`-separated words between them (an item label with `、`)."""
    line = "在主动公开的9条信息中，A1条，" + "政策、" * _n(200_000, scale) + "其他8条。"
    return (_example() + "\n" + line + "\n").encode("utf-8")


def bare_list_items(scale: float = 1) -> bytes:
    """A 2 MB clause of `、` items, every one with a unit and no number."""
    return (_example() + "\n" + "资质条、" * _n(500_000, scale) + "许可证76条\n").encode("utf-8")


def bare_unit_clauses(scale: float = 1) -> bytes:
    """100,000 short clauses on one line, each a `、` list of units with no number and no counted
    sibling: every clause is a GX513 candidate whose bounds are looked up."""
    return (_example() + "\n" + "公开文件条、许可证条。" * _n(100_000, scale) + "\n").encode(
        "utf-8"
    )


def as_of_dates(scale: float = 1) -> bytes:
    """60,000 as-of dates with running totals on one line, no full stop."""
    return (_example() + "\n" + "截止2023年1月1日累计5条，" * _n(60_000, scale) + "\n").encode(
        "utf-8"
    )


def million_lines(scale: float = 1) -> bytes:
    return (_example() + "\n" + "短行\n" * _n(1_000_000, scale)).encode("utf-8")


def many_tables(scale: float = 1) -> bytes:
    table = "信息内容 | 本年处理决定数量\n行政许可 | 12\n\n说明文字。\n"
    return (_example() + "\n" + table * _n(5_000, scale)).encode("utf-8")


def many_headings_txt(scale: float = 1) -> bytes:
    return (_example() + "\n" + "一、总体情况\n" * _n(40_000, scale)).encode("utf-8")


# --- HTML ---------------------------------------------------------------------------------


def _page(body: str) -> bytes:
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>年度报告</title></head>"
        f"<body><div class='TRS_Editor'>{body}</div></body></html>"
    ).encode()


def _example_html_body() -> str:
    import html

    parts = []
    for line in _example().split("\n"):
        if " | " in line:
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in line.split(" | "))
            parts.append(f"<table><tr>{cells}</tr></table>")
        elif line.strip():
            parts.append(f"<p>{html.escape(line)}</p>")
    return "".join(parts)


def html_headings(scale: float = 1) -> bytes:
    return _page(_example_html_body() + "<p>一、总体情况</p>" * _n(40_000, scale))


def html_spans(scale: float = 1) -> bytes:
    """40 KB of cells that each claim 1,000 × 1,000 positions."""
    cell = '<td rowspan="1000" colspan="1000">1</td>'
    rows = "".join(f"<tr>{cell * 10}</tr>" for _ in range(_n(100, scale)))
    return _page(_example_html_body() + f"<table>{rows}</table>")


def html_script_string(scale: float = 1) -> bytes:
    """A page whose script holds a 10 MB string that looks like HTML."""
    inner = "<p>一、总体情况</p><div>2023年，我局共收到申请25件。</div>" * _n(150_000, scale)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
        f"<div class='TRS_Editor'><p>短</p></div><script>var content = \"{inner}\";</script>"
        "</body></html>"
    ).encode()


def html_script_unterminated(scale: float = 1) -> bytes:
    inner = '<p>一、总体情况</p>\\"<div>' * _n(300_000, scale)
    return (
        "<html><body><div class='TRS_Editor'><p>短</p></div>"
        f'<script>var a = "{inner}</script></body></html>'
    ).encode()


# --- .docx --------------------------------------------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def minimal_docx(body: str, numbering: str | None) -> bytes:
    """A .docx from raw WordprocessingML: `body` goes inside <w:body>, `numbering` inside
    <w:numbering> (numbering.xml and its relationship only when given)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        overrides = (
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        )
        rels = ""
        if numbering is not None:
            overrides += (
                '<Override PartName="/word/numbering.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
            )
            rels = (
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
            )
            z.writestr(
                "word/numbering.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {_W}>{numbering}</w:numbering>',
            )
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            f'ContentType="application/xml"/>{overrides}</Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            "schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
            '" Target="word/document.xml"/></Relationships>',
        )
        z.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        z.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{body}'
            "</w:body></w:document>",
        )
    return out.getvalue()


def _para(text: str, num_id: str | None = None, ilvl: str = "0") -> str:
    from xml.sax.saxutils import escape

    numpr = ""
    if num_id is not None:
        numpr = (
            f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
        )
    return f"<w:p>{numpr}<w:r><w:t>{escape(text)}</w:t></w:r></w:p>"


def _example_paragraphs() -> str:
    return "".join(_para(line) for line in _example().split("\n") if line.strip())


def _numbering(
    start: str = "1", ilvl: str = "0", abstract: str = "1", fmt: str = "chineseCounting"
) -> str:
    return (
        f'<w:abstractNum w:abstractNumId="{abstract}"><w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    )


def docx_ilvl_not_a_number(scale: float = 1) -> bytes:
    return minimal_docx(_para("总体情况", "1", "x") + _example_paragraphs(), _numbering())


def docx_ilvl_missing_level(scale: float = 1) -> bytes:
    return minimal_docx(_para("总体情况", "1", "5") + _example_paragraphs(), _numbering())


def docx_ilvl_huge(scale: float = 1) -> bytes:
    level = str(10**10)
    return minimal_docx(
        _para("总体情况", "1", level) + _example_paragraphs(), _numbering(ilvl=level)
    )


def docx_start_5000(scale: float = 1) -> bytes:
    return minimal_docx(_para("总体情况", "1") + _example_paragraphs(), _numbering(start="5000"))


def docx_start_huge(scale: float = 1) -> bytes:
    return minimal_docx(
        _para("总体情况", "1") + _example_paragraphs(), _numbering(start=str(10**10))
    )


def docx_abstract_missing(scale: float = 1) -> bytes:
    numbering = '<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>'
    return minimal_docx(_para("总体情况", "1") + _example_paragraphs(), numbering)


def docx_numbered_paragraphs(scale: float = 1) -> bytes:
    """10,000 paragraphs numbered by Word `1、` … `10000、`: each one a top-level heading."""
    body = _example_paragraphs() + "".join(
        _para(f"第{i}项工作，编号{i * 7919 % 100003}", "1") for i in range(_n(10_000, scale))
    )
    return minimal_docx(body, _numbering(fmt="decimal"))


# --- PDF ----------------------------------------------------------------------------------


def pdf_many_chars(scale: float = 1) -> bytes:
    """4 M characters on 4 pages (one-byte codes in a standard font)."""
    per_page = _n(1_000_000, scale)
    content = b"BT /F1 1 Tf 10 10 Td (" + b"a" * per_page + b") Tj ET"
    return _pdf_bytes([], 595, [(content, b"")] * 4)


def pdf_inflating_streams(scale: float = 1) -> bytes:
    """Two content streams that inflate to 512 MB each from about 0.5 MB."""
    size = _n(512, scale) * 1024 * 1024
    packer = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    data = b"".join(packer.compress(chunk) for _ in range(size // len(chunk))) + packer.flush()
    return _pdf_bytes([], 595, [(data, b"/Filter /FlateDecode ")] * 2)


# --- config -------------------------------------------------------------------------------


def config_billion_laughs(scale: float = 1) -> bytes:
    lines = ['a: &a ["GX1", "GX1", "GX1", "GX1", "GX1", "GX1", "GX1", "GX1", "GX1"]']
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
        previous = name
    lines.append(f"select: *{previous}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def config_huge(scale: float = 1) -> bytes:
    return ("ignore:\n" + '  - "GX520"\n' * _n(75_000, scale)).encode("utf-8")


@dataclass(frozen=True)
class Hostile:
    """One shape and what gxlint must do with it: `limit` names the GX008 limit it must be
    refused under (exit 2), or is None when it is a report gxlint must check to the end (its
    pathological part costing only linear time); `config` shapes are .gxlint.yaml files."""

    name: str
    suffix: str
    make: Callable[[float], bytes]
    limit: str | None = None
    config: bool = False


HOSTILE = [
    Hostile("long_number_prose", ".txt", long_number_prose),
    Hostile("long_number_cell", ".txt", long_number_cell),
    Hostile("long_digit_run", ".txt", long_digit_run),
    Hostile("repeated_fact", ".txt", repeated_fact),
    Hostile("repeated_share", ".txt", repeated_share),
    Hostile("nested_parts", ".txt", nested_parts),
    Hostile("semicolon_lists", ".txt", semicolon_lists),
    Hostile("list_label_pauses", ".txt", list_label_pauses),
    Hostile("bare_list_items", ".txt", bare_list_items),
    Hostile("bare_unit_clauses", ".txt", bare_unit_clauses),
    Hostile("as_of_dates", ".txt", as_of_dates),
    Hostile("million_lines", ".txt", million_lines, "lines"),
    Hostile("many_tables", ".txt", many_tables, "tables"),
    Hostile("many_headings_txt", ".txt", many_headings_txt),
    Hostile("html_headings", ".html", html_headings),
    Hostile("html_spans", ".html", html_spans),
    Hostile("html_script_string", ".html", html_script_string, "lines"),
    Hostile("html_script_unterminated", ".html", html_script_unterminated),
    Hostile("docx_ilvl_not_a_number", ".docx", docx_ilvl_not_a_number),
    Hostile("docx_ilvl_missing_level", ".docx", docx_ilvl_missing_level),
    Hostile("docx_ilvl_huge", ".docx", docx_ilvl_huge),
    Hostile("docx_start_5000", ".docx", docx_start_5000),
    Hostile("docx_start_huge", ".docx", docx_start_huge),
    Hostile("docx_abstract_missing", ".docx", docx_abstract_missing),
    Hostile("docx_numbered_paragraphs", ".docx", docx_numbered_paragraphs),
    Hostile("pdf_many_chars", ".pdf", pdf_many_chars, "pdf_page_chars"),
    Hostile("pdf_inflating_streams", ".pdf", pdf_inflating_streams, "pdf_stream_mb"),
    Hostile("config_billion_laughs", ".yaml", config_billion_laughs, config=True),
    Hostile("config_huge", ".yaml", config_huge, config=True),
]
BY_NAME = {h.name: h for h in HOSTILE}
