"""Line tokens → Lark LALR parse → Document (sections nested by heading level, tables, signature)."""

from __future__ import annotations

import re
from functools import cache

from lark import Lark, Token, Tree
from lark.lexer import Lexer

from gxlint.model import Document, Heading, Line, Section, TableBlock
from gxlint.parse.lines import split_lines
from gxlint.resources import data_dir
from gxlint.source import Source

_LEVEL = {"H1": 1, "H2": 2, "H3": 3, "H4": 4}


class LineTokenLexer(Lexer):
    """Lark's custom-lexer interface: the 'text' handed to parse() is already a token list."""

    def __init__(self, lexer_conf):  # noqa: D107 - signature fixed by Lark
        pass

    def lex(self, data):
        """Lark's custom lexer interface: the classified lines as tokens."""
        for index, line in enumerate(data):
            yield Token(line.kind, str(index), start_pos=line.start, end_pos=line.end)


@cache
def outline_parser(strict: bool = False) -> Lark:
    """Build the LALR parser. Lark keeps the built tables in a cache file in the temp directory
    (keyed by the grammar's hash), which saves most of the start-up time of a one-file check;
    if the temp directory is not writable Lark logs it and builds in memory."""
    grammar = (data_dir("grammar") / "report.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer=LineTokenLexer, strict=strict, cache=not strict)


def _group_tables(source: Source, lines: list[Line]) -> tuple[list[Line], list[TableBlock]]:
    """Merge consecutive ROW lines, and one-cell-per-line blocks, into single TABLE tokens."""
    out: list[Line] = []
    tables: list[TableBlock] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if line.kind == "ROW":
            j = i
            rows = []
            while j < n and lines[j].kind == "ROW":
                rows.append(_split_row(source, lines[j]))
                j += 1
            tables.append(TableBlock(line.start, lines[j - 1].end, rows))
            out.append(Line("TABLE", line.start, lines[j - 1].end))
            i = j
        elif line.kind == "CELL":
            j, rows, row = i, [], []
            last = i
            while j < n:
                cur = lines[j]
                if cur.kind == "CELL":
                    row.append((cur.start, cur.end))
                    last = j
                elif cur.kind == "BLANK":
                    if row:
                        rows.append(row)
                        row = []
                    if j + 1 < n and lines[j + 1].kind not in ("CELL", "BLANK"):
                        break
                elif row and source.text[cur.start : cur.start + 1] in (" ", "\u3000"):
                    # a cell's text wrapped onto an indented continuation line
                    start = row[-1][0]
                    row[-1] = (start, cur.end)
                    last = j
                else:
                    break
                j += 1
            if row:
                rows.append(row)
            end = lines[last].end
            tables.append(TableBlock(line.start, end, rows))
            out.append(Line("TABLE", line.start, end))
            i = last + 1
        else:
            out.append(line)
            i += 1
    return out, tables


def _split_row(source: Source, line: Line) -> list[tuple[int, int]]:
    text = source.text[line.start : line.end]
    sep = "|" if "|" in text else "\t"
    cells, pos = [], line.start
    for part in text.split(sep):
        cells.append((pos, pos + len(part)))
        pos += len(part) + 1
    return cells


def _section_tree(source: Source, head: Line, items: list[Line]) -> Section:
    """Nest a flat run of H2/H3/H4/TEXT/TABLE under the H1 by heading level."""
    root = Section(_heading(source, head, 1), head.start, head.end)
    stack = [root]
    for line in items:
        level = _LEVEL.get(line.kind)
        if level is None:
            stack[-1].body_lines.append(line)
        else:
            while stack[-1].level >= level:
                stack.pop()
            node = Section(_heading(source, line, level), line.start, line.end)
            stack[-1].children.append(node)
            stack.append(node)
        for node in stack:
            node.end = max(node.end, line.end)
    return root


def _heading(source: Source, line: Line, level: int) -> Heading:
    title = _short_title(source.norm[line.title_start : line.end].strip())
    return Heading(
        level, line.number, line.style, line.marker, title, line.start, line.end, line.title_start
    )


def _short_title(title: str) -> str:
    """A heading that runs into its paragraph (`（二）改进措施：一是…`) is named by its first clause."""
    cut = re.search(r"[:：。；;，,]", title)
    if cut and cut.start() >= 2:
        title = title[: cut.start()]
    return title if len(title) <= 30 else title[:30] + "…"


def parse_document(source: Source) -> Document:
    """Parse a decoded report into its outline. Never raises on odd input: the grammar accepts
    every token order the line classifier can produce."""
    lines, inline = split_lines(source)
    tokens, tables = _group_tables(source, lines)
    content = [t for t in tokens if t.kind != "BLANK"]
    doc = Document(source=source, lines=lines, tables=tables, inline=inline)
    tree = outline_parser().parse(content)
    for child in tree.children:
        if not isinstance(child, Tree):
            continue
        items = [content[int(tok)] for tok in child.children if isinstance(tok, Token)]
        if child.data == "title":
            doc.title = items[0]
        elif child.data == "preamble":
            doc.preamble = items
        elif child.data == "section":
            doc.sections.append(_section_tree(source, items[0], items[1:]))
        elif child.data == "closing":
            for item in items:
                if item.kind == "AGENCY":
                    doc.agency = item
                else:
                    doc.date = item
        elif child.data == "appendix":
            doc.appendix = items
    return doc
