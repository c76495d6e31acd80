"""One standalone HTML page for reviewers who never open a terminal (`--format html`).

Each report is shown as gxlint read it: prose lines numbered, runs of `|`-separated lines drawn
as tables, each finding marked where it is (the words in the prose, the cell in a table) and
listed beside the text with a link to its place. For several files an index comes first: each
file with its era and its counts, linked to its section. No script, no font, no request: the
page is one file that opens from a USB stick or an e-mail attachment.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from gxlint import __version__
from gxlint.findings import Severity

_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;
 color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:12px 24px}header h1{font-size:18px;margin:0}
main{padding:16px 24px}
section.file{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:0 0 24px}
section.file>h2{font-size:16px;margin:0;padding:10px 16px;border-bottom:1px solid #d0d7de}
.why{color:#57606a;font-weight:normal;font-size:13px;margin-left:8px}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(280px,2fr)}
.text{padding:8px 0;border-right:1px solid #d0d7de;overflow-x:auto}
.line{display:grid;grid-template-columns:4em minmax(0,1fr);font-size:14px;line-height:1.6}
.no{color:#8c959f;text-align:right;padding-right:10px;user-select:none}
.src{white-space:pre-wrap;word-break:break-all}
.line.hit{background:#fff8c5}
table.t{border-collapse:collapse;margin:4px 0 4px 4em;font-size:13px}
table.t td{border:1px solid #d0d7de;padding:2px 6px;white-space:pre-wrap}
table.t tr.hit{background:#fff8c5}
mark,td.bad{background:#ffcecb;outline:2px solid #cf222e}
mark.warning,td.bad.warning{background:#fff1c2;outline-color:#bf8700}
mark.info,td.bad.info{background:#ddf4ff;outline-color:#0969da}
ol.findings{list-style:none;margin:0;padding:8px 12px;font-size:14px}
ol.findings li{padding:6px 4px;border-bottom:1px solid #eaeef2}
.sev{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;color:#fff}
.sev.error{background:#cf222e}.sev.warning{background:#bf8700}.sev.info{background:#0969da}
.rule{font-family:monospace;font-weight:bold;margin:0 6px}
.where{color:#57606a;font-size:12px;display:block}
table.index{border-collapse:collapse;background:#fff;margin-bottom:24px}
table.index td,table.index th{border:1px solid #d0d7de;padding:4px 10px;text-align:left}
.clean{color:#1a7f37}
"""


def render(results) -> str:
    """The page for every result of the run."""
    results = list(results)
    totals = {s: 0 for s in ("error", "warning", "info")}
    for result in results:
        for f in result.findings:
            totals[str(f.severity)] += 1
    summary = "，".join(f"{Severity.parse(k).label} {v}" for k, v in totals.items())
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>gxlint 检查结果：{len(results)} 个文件</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<header><h1>gxlint {escape(__version__)} 检查结果："
        f"{len(results)} 个文件，{escape(summary)}</h1></header><main>",
    ]
    if len(results) > 1:
        parts.append(_index(results))
    for number, result in enumerate(results, 1):
        parts.append(_file_section(number, result))
    parts.append("</main></body></html>")
    return "\n".join(parts)


def _index(results) -> str:
    rows = []
    for number, result in enumerate(results, 1):
        counts = {s: 0 for s in ("error", "warning", "info")}
        for f in result.findings:
            counts[str(f.severity)] += 1
        rows.append(
            f'<tr><td><a href="#file{number}">{escape(result.path)}</a></td>'
            f"<td>{escape(result.template or '—')}</td>"
            + "".join(f"<td>{counts[s]}</td>" for s in counts)
            + "</tr>"
        )
    return (
        '<table class="index" id="index"><tr><th>文件</th><th>格式</th><th>错误</th>'
        "<th>警告</th><th>提示</th></tr>" + "".join(rows) + "</table>"
    )


def _place(f) -> tuple[int | None, int | None, int | None]:
    """(line, column, end column) in the text gxlint read: the file's own lines for .txt,
    the extracted text for .docx/.html/.pdf."""
    line = f.text_line or f.line
    column = f.text_column or f.column
    end = f.end_column if f.line and f.end_line == f.line and not f.text_line else None
    return line, column, end


def _file_section(number: int, result) -> str:
    anchor = f"file{number}"
    why = f"格式 {result.template}：{result.why}" if result.template else ""
    head = (
        f'<section class="file" id="{anchor}"><h2>{escape(result.path)}'
        f'<span class="why">{escape(why)}</span></h2>'
    )
    by_line: dict[int, list[tuple[int, object]]] = defaultdict(list)
    items = []
    for index, f in enumerate(result.findings):
        line, _column, _end = _place(f)
        fid = f"{anchor}-f{index}"
        if line:
            by_line[line].append((index, f))
        items.append(_finding_item(anchor, fid, f, line))
    listing = (
        '<ol class="findings">' + "".join(items) + "</ol>"
        if items
        else '<p class="clean" style="padding:8px 12px">未发现问题</p>'
    )
    source = getattr(result, "source", None)
    if source is None:
        return head + listing + "</section>"
    text = _text(anchor, source, by_line)
    return (
        head
        + f'<div class="cols"><div class="text">{text}</div><div>{listing}</div></div></section>'
    )


def _finding_item(anchor: str, fid: str, f, line: int | None) -> str:
    sev = str(f.severity)
    locator = f.context.get("locator")
    where = f"第{f.line}行" if f.line else (locator or "全文")
    link = f'<a href="#{anchor}-L{line}">{escape(where)}</a>' if line else escape(where)
    return (
        f'<li id="{fid}"><span class="sev {sev}">{escape(f.severity.label)}</span>'
        f'<span class="rule">{escape(f.rule)}</span>{escape(f.message)}'
        f'<span class="where">{link}</span></li>'
    )


def _is_table_line(text: str) -> bool:
    return "|" in text


def _text(anchor: str, source, by_line) -> str:
    """The report's lines, tables drawn as tables, findings marked."""
    out = []
    n_lines = len(source.line_starts)
    number = 1
    while number <= n_lines:
        if _is_table_line(source.line_text(number)):
            first = number
            while number <= n_lines and _is_table_line(source.line_text(number)):
                number += 1
            width = max(source.line_text(n).count("|") + 1 for n in range(first, number))
            rows = [
                _table_row(anchor, n, source.line_text(n), by_line, width)
                for n in range(first, number)
            ]
            out.append('<table class="t">' + "".join(rows) + "</table>")
            continue
        out.append(_prose_line(anchor, number, source.line_text(number), by_line))
        number += 1
    return "".join(out)


def _title(findings) -> str:
    return escape("；".join(f"{f.rule} {f.message}" for _i, f in findings), quote=True)


def _prose_line(anchor: str, number: int, text: str, by_line) -> str:
    hits = by_line.get(number, [])
    cls = "line hit" if hits else "line"
    spans = []
    for index, f in hits:
        _line, column, end = _place(f)
        start = max(0, (column or 1) - 1)
        stop = (end - 1) if end else _phrase_end(text, start)
        spans.append((start, max(stop, start + 1), index, f))
    body = _marked(text, spans, anchor)
    return (
        f'<div class="{cls}" id="{anchor}-L{number}"><span class="no">{number}</span>'
        f'<span class="src">{body}</span></div>'
    )


def _phrase_end(text: str, start: int, limit: int = 40) -> int:
    """Where a finding without an end column is marked to: the end of its phrase."""
    for i in range(start + 1, min(len(text), start + limit)):
        if text[i] in "，。；！？,;\n":
            return i
    return min(len(text), start + limit)


def _marked(text: str, spans, anchor: str) -> str:
    """`text` escaped, with each span in a <mark> linked to its finding (overlaps merged)."""
    if not spans:
        return escape(text)
    spans.sort()
    out, at = [], 0
    for start, stop, index, f in spans:
        start = max(start, at)
        if start >= stop:
            continue
        out.append(escape(text[at:start]))
        out.append(
            f'<a href="#{anchor}-f{index}"><mark class="{f.severity}" '
            f'title="{escape(f.rule + " " + f.message, quote=True)}">'
            f"{escape(text[start:stop])}</mark></a>"
        )
        at = stop
    out.append(escape(text[at:]))
    return "".join(out)


def _table_row(anchor: str, number: int, text: str, by_line, width: int) -> str:
    """One row; a row with fewer cells than the widest of its table stretches its last cell."""
    cells = text.split("|")
    hits = by_line.get(number, [])
    bad: dict[int, list] = defaultdict(list)
    for index, f in hits:
        _line, column, _end = _place(f)
        cell_index = text[: max(0, (column or 1) - 1)].count("|")
        bad[min(cell_index, len(cells) - 1)].append((index, f))
    tds = []
    for i, cell in enumerate(cells):
        span = width - len(cells) + 1 if i == len(cells) - 1 and len(cells) < width else 1
        attrs = f' colspan="{span}"' if span > 1 else ""
        content = escape(cell.strip())
        if i in bad:
            index, f = bad[i][0]
            attrs += f' class="bad {f.severity}" title="{_title(bad[i])}"'
            content = f'<a href="#{anchor}-f{index}">{content}</a>'
        tds.append(f"<td{attrs}>{content}</td>")
    cls = ' class="hit"' if hits else ""
    return f'<tr id="{anchor}-L{number}"{cls}><td class="no">{number}</td>{"".join(tds)}</tr>'
