"""Turn a text report fixture into .docx and .html with real merged cells, so tests can assert
that every format gives the same findings.

A pipe table's rows have different numbers of cells (group labels such as 三、本年度办理结果
appear once, in their first row). Here every row is right-aligned on a grid as wide as the
widest row; the columns a row lacks are covered by a cell merged down from the row above
(rowspan / vMerge) or, in a table's first rows, by the row's first cell spanning them
(colspan / gridSpan). That is how such tables look in Word and on government pages.
"""

from __future__ import annotations

import html
import io
from functools import lru_cache


def _blocks(text: str):
    """('p', line) and ('table', [cells…]) blocks in order."""
    table: list[list[str]] = []
    for line in text.split("\n"):
        if " | " in line or line.strip().endswith(" |"):
            cells = [c.strip() for c in line.split(" | ")]
            table.append([c.rstrip("|").strip() for c in cells])
            continue
        if table:
            yield "table", table
            table = []
        yield "p", line
    if table:
        yield "table", table


def _layout(rows: list[list[str]]):
    """For each row: (first_column, cells) with cells right-aligned on the grid, and for each
    covered position which cell covers it: ('down', row) or ('across', None)."""
    width = max(len(r) for r in rows)
    return width, [(width - len(cells), cells) for cells in rows]


def to_html(text: str, title: str = "年度报告") -> bytes:
    parts = [
        "<!DOCTYPE html><html><head><meta charset='gbk'><title>",
        html.escape(title),
        "</title><script>var nav = '<div>首页</div>';</script><style>td{border:1px}</style></head><body>",
        "<div class='header'>示例县人民政府门户网站</div>",
        "<div class='nav'><a href='/'>首页</a> <a href='/zwgk'>政务公开</a> <a href='/hd'>互动交流</a></div>",
        "<div class='position'>当前位置：首页 &gt; 政务公开 &gt; 年度报告</div>",
        "<div class='TRS_Editor'>",
    ]
    for kind, block in _blocks(text):
        if kind == "p":
            if block.strip():
                parts.append(f"<p>{html.escape(block)}</p>")
            continue
        width, placed = _layout(block)
        parts.append("<table border='1'>")
        for r, (first, cells) in enumerate(placed):
            parts.append("<tr>")
            for c, cell in enumerate(cells):
                attrs = ""
                if c == 0 and first > 0 and r == 0:
                    attrs = f" colspan='{first + 1}'"
                elif c == 0 and first > 0 and not _covered_from_above(placed, r, first):
                    attrs = f" colspan='{first + 1}'"
                if c == 0 and first == 0:
                    down = _rows_below_lacking(placed, r, width)
                    if down:
                        attrs += f" rowspan='{down + 1}'"
                parts.append(f"<td{attrs}>{html.escape(cell) or '&nbsp;'}</td>")
            parts.append("</tr>")
        parts.append("</table>")
    parts.append(
        "</div><div class='footer'>主办单位：示例县人民政府办公室 | 网站标识码 1234</div></body></html>"
    )
    return "".join(parts).encode("gbk", errors="xmlcharrefreplace")


def _rows_below_lacking(placed, r: int, width: int) -> int:
    """How many following rows lack the first column (so this row's first cell spans down)."""
    n = 0
    for first, _cells in placed[r + 1 :]:
        if first == 0:
            break
        n += 1
    return n


def _covered_from_above(placed, r: int, first: int) -> bool:
    for above_first, _cells in reversed(placed[:r]):
        if above_first == 0:
            return True
        if above_first > first:
            return False
    return False


@lru_cache(maxsize=16)  # python-docx's merges are slow; fixtures are reused across tests
def to_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for kind, block in _blocks(text):
        if kind == "p":
            if block.strip():
                document.add_paragraph(block)
            continue
        width, placed = _layout(block)
        table = document.add_table(rows=len(placed), cols=width)
        for r, (first, cells) in enumerate(placed):
            for c, cell in enumerate(cells):
                table.cell(r, first + c).text = cell
        # merge the positions a row lacks: down from the row above when it has a cell there
        for r, (first, _cells) in enumerate(placed):
            if first == 0:
                continue
            if r > 0 and _covered_from_above(placed, r, first):
                for c in range(first):
                    table.cell(r - 1, c).merge(table.cell(r, c))
            else:
                table.cell(r, 0).merge(table.cell(r, first))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_with_created(text: str, created: str | None) -> bytes:
    """`to_docx(text)` whose document properties record `created` (ISO 8601), or none."""
    import datetime as dt

    import docx

    document = docx.Document(io.BytesIO(to_docx(text)))
    document.core_properties.created = dt.datetime.fromisoformat(created) if created else None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _owners(rows: list[list[str]]) -> tuple[int, list[list[int]], list[tuple[int, int, str]]]:
    """The merged-cell grid of a pipe table: owner[r][c] is the id of the cell covering (r, c);
    cells[id] = (row, column, text) of its top-left corner."""
    width = max(len(r) for r in rows)
    owner: list[list[int]] = []
    cells: list[tuple[int, int, str]] = []
    placed = [width - len(r) for r in rows]
    for r, row in enumerate(rows):
        first = placed[r]
        line = [-1] * width
        covered = r > 0 and _covered_from_above(list(zip(placed, rows, strict=True)), r, first)
        for c, text in enumerate(row):
            cells.append((r, first + c, text))
            line[first + c] = len(cells) - 1
        for c in range(first):
            line[c] = owner[r - 1][c] if covered else line[first]
        owner.append(line)
    return width, owner, cells


def to_pdf(text: str, font_size: float = 8, lines_per_page: int = 60) -> bytes:
    """A PDF with a text layer and ruled tables whose merged cells have no inner rules, the way
    Word exports them; pdfplumber reads such a table back cell by cell (None under a merge).

    The font is the predefined Adobe-GB1 STSong-Light with the UniGB-UCS2-H CMap, so nothing is
    embedded and pdfminer maps codes back to Unicode; hand-built because no PDF writer is a
    dependency."""
    fs, row_h, margin = font_size, font_size * 1.8, 20.0

    def show(x: float, y: float, s: str) -> str:
        return f"BT /F1 {fs} Tf {x:.2f} {y:.2f} Td <{s.encode('utf-16-be').hex().upper()}> Tj ET"

    pages: list[list[str]] = [[]]
    y = [800.0]
    page_width = [595.0]

    def new_line() -> float:
        if y[0] - row_h < 40 or len(pages[-1]) > lines_per_page * 40:
            pages.append([])
            y[0] = 800.0
        y[0] -= row_h
        return y[0]

    for kind, block in _blocks(text):
        if kind == "p":
            pages[-1].append(show(margin, new_line(), block))
            continue
        width, owner, cells = _owners(block)
        col_w = [20.0] * width
        origin = {}
        for cid, (r, _c, t) in enumerate(cells):
            columns = [c for c in range(width) if owner[r][c] == cid]
            origin[cid] = columns[0]
            need = len(t) * fs + 6
            have = sum(col_w[c] for c in columns)
            if need > have:  # widen the span's last column until the text fits
                col_w[columns[-1]] += need - have
        xs = [margin]
        for w in col_w:
            xs.append(xs[-1] + w)
        page_width[0] = max(page_width[0], xs[-1] + margin)
        tops = []
        for r in range(len(block)):
            tops.append(new_line() + row_h - 2)
            if len(tops) > 1 and tops[-1] > tops[-2]:  # the table crossed a page: start it afresh
                tops = [tops[-1]]
            r_top = tops[-1]
            ops = pages[-1]
            for c in range(width):
                cid = owner[r][c]
                # top rule of this cell position unless it continues the cell above
                if r == 0 or len(tops) == 1 or owner[r - 1][c] != cid:
                    ops.append(f"{xs[c]:.2f} {r_top:.2f} m {xs[c + 1]:.2f} {r_top:.2f} l S")
                # left rule unless the cell continues from the left
                if c == 0 or owner[r][c - 1] != cid:
                    ops.append(f"{xs[c]:.2f} {r_top:.2f} m {xs[c]:.2f} {r_top - row_h:.2f} l S")
            ops.append(f"{xs[-1]:.2f} {r_top:.2f} m {xs[-1]:.2f} {r_top - row_h:.2f} l S")
            breaks = y[0] - row_h < 40  # the next row goes to a new page: close the table here
            for c in range(width):
                if r == len(block) - 1 or breaks or owner[r + 1][c] != owner[r][c]:
                    bottom = r_top - row_h
                    ops.append(f"{xs[c]:.2f} {bottom:.2f} m {xs[c + 1]:.2f} {bottom:.2f} l S")
            for cid, (cr, _c, t) in enumerate(cells):
                if cr == r and t:
                    ops.append(show(xs[origin[cid]] + 3, r_top - row_h + 4, t))
        new_line()
    return _pdf_bytes(pages, page_width[0])


def _pdf_bytes(
    pages: list[list[str]], page_width: float, streams: list[tuple[bytes, bytes]] | None = None
) -> bytes:
    """A PDF of one content stream per page: the operators of `pages`, or, when `streams` is
    given, those (data, extra dictionary entries such as `/Filter /FlateDecode`) as they are."""
    objects: dict[int, bytes] = {}
    if streams is None:
        streams = [(("0.5 w\n" + "\n".join(ops)).encode("ascii"), b"") for ops in pages]
    font_id, descendant_id, descriptor_id = 3, 4, 5
    page_ids = []
    next_id = 6
    for stream, extra in streams:
        page_id, content_id = next_id, next_id + 1
        next_id += 2
        objects[content_id] = (
            b"<< /Length %d %s>>\nstream\n" % (len(stream), extra) + stream + b"\nendstream"
        )
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d 842] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
            % (int(page_width) + 1, font_id, content_id)
        )
        page_ids.append(page_id)
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = " ".join(f"{i} 0 R" for i in page_ids).encode("ascii")
    objects[2] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_ids)
    objects[font_id] = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [%d 0 R] >>" % descendant_id
    )
    objects[descendant_id] = (
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor %d 0 R /DW 1000 >>"
        % descriptor_id
    )
    objects[descriptor_id] = (
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    count = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % count
    for number in range(1, count):
        out += b"%010d 00000 n \n" % offsets[number]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count, xref)
    return bytes(out)


def empty_pdf() -> bytes:
    """A one-page PDF with no text at all: what a scan looks like to a text extractor."""
    return _pdf_bytes([["0 0 m 100 100 l S"]], 595)


def to_docx_numbered(text: str) -> bytes:
    """Like to_docx, but top-level (`一、`) and second-level (`（一）`) headings get their
    markers from Word's automatic numbering instead of their text, as many Word reports do."""
    import re

    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document(io.BytesIO(to_docx(text)))
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f"<w:abstractNum {nsdecls('w')} w:abstractNumId='90'>"
            "<w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='chineseCounting'/><w:lvlText w:val='%1、'/></w:lvl>"
            "<w:lvl w:ilvl='1'><w:start w:val='1'/><w:numFmt w:val='chineseCounting'/><w:lvlText w:val='（%2）'/></w:lvl>"
            "</w:abstractNum>"
        ),
    )
    numbering.append(
        parse_xml(f"<w:num {nsdecls('w')} w:numId='90'><w:abstractNumId w:val='90'/></w:num>")
    )
    h1 = re.compile(r"^[一二三四五六七八九十]+、")
    h2 = re.compile(r"^（[一二三四五六七八九十]+）")
    for paragraph in document.paragraphs:
        for pattern, level in ((h1, 0), (h2, 1)):
            m = pattern.match(paragraph.text)
            if m:
                rest = paragraph.text[m.end() :]
                for run in paragraph.runs[1:]:
                    run._r.getparent().remove(run._r)
                paragraph.runs[0].text = rest
                ppr = paragraph._p.get_or_add_pPr()
                ppr.append(
                    parse_xml(
                        f"<w:numPr {nsdecls('w')}><w:ilvl w:val='{level}'/><w:numId w:val='90'/></w:numPr>"
                    )
                )
                break
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
