""".html / .htm → lines: the article body of a saved government page, its paragraphs, and its
tables with rowspan/colspan resolved the way the text path expects (a merged cell once, in its
first row and column).

Why the standard library's html.parser and not a DOM library: it is event-driven (no
recursion, so a page nested 100 000 levels deep cannot overflow the stack), tolerant of the
broken markup CMSs produce, and it decodes entities. The tree built here is flat lists with
parent indices; every walk over it is iterative.

Finding the body: navigation, header, footer, scripts, styles and forms are dropped, and so
are elements whose id/class says nav/menu/footer/breadcrumb/share. Of what is left, the body is
the element that a CMS marks as content (`TRS_Editor`, `zoom`, `article`, `content`…) holding
most of the page's text, else the smallest element holding 70% of the text outside links.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from gxlint.errors import InputError
from gxlint.i18n import Text
from gxlint.ingest.extracted import Extracted
from gxlint.ingest.published import from_meta, from_visible
from gxlint.limits import DEFAULT, Limits, over

_DROP_TAGS = {
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "form",
    "iframe",
    "select",
    "button",
    "svg",
    "template",
    "head",
}
_DROP_HINT = re.compile(
    r"nav|menu|footer|header|breadcrumb|crumb|share|sidebar|topbar|banner|copyright|position|location",
    re.I,
)
_BODY_HINT = re.compile(
    r"trs_editor|zoom|article|content|detail|main-?text|con_?text|zwnr|text_?con|xxgk_?nr|news_?con",
    re.I,
)
_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "tr",
    "table",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "ul",
    "ol",
    "center",
    "hr",
    "body",
    "html",
    "main",
}
_VOID = {
    "br",
    "img",
    "hr",
    "meta",
    "link",
    "input",
    "col",
    "area",
    "base",
    "embed",
    "source",
    "wbr",
    "param",
    "track",
}
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    parent: int
    children: list[int | str] = field(default_factory=list)  # node indices or text


# Elements that end the search for an open element (HTML5 "has an element in scope").
_TABLE_SCOPE = frozenset({"table", "template"})
_BUTTON_SCOPE = frozenset({"table", "td", "th", "caption", "button", "object", "template"})
_SCOPE_BOUNDARY = {
    "p": _BUTTON_SCOPE,
    "li": _BUTTON_SCOPE | {"ul", "ol"},
    "div": _BUTTON_SCOPE,
    "span": _BUTTON_SCOPE,
}


class _TreeBuilder(HTMLParser):
    def __init__(self, max_nodes: int) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes = [_Node("#root", {}, -1)]
        self.stack = [0]
        self.max_nodes = max_nodes

    def handle_starttag(self, tag, attrs):
        if len(self.nodes) >= self.max_nodes:
            raise over("html_elements", None, self.max_nodes)
        if tag in ("p", "li", "tr", "td", "th") and self._open(tag):
            self._close_to(tag)  # implicit end of an unclosed <p>/<li>/<tr>/<td>
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.nodes.append(node)
        index = len(self.nodes) - 1
        self.nodes[self.stack[-1]].children.append(index)
        if tag not in _VOID:
            self.stack.append(index)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack[-1] != 0 and self.nodes[self.stack[-1]].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if self._open(tag):
            self._close_to(tag)

    def handle_data(self, data):
        self.nodes[self.stack[-1]].children.append(data)

    def _open(self, tag: str) -> bool:
        """Whether `tag` is open in scope, as HTML5 scopes it: a cell's `<p>` or `</p>` never
        reaches a paragraph outside its table (`<p><table>…<td><p>1</p></td>…</table></p>`, which
        browsers show as a table), a `<li>` stops at its list, a cell at its table. Only a little
        way up: an unmatched end tag must not unwind the whole page."""
        boundary = _SCOPE_BOUNDARY.get(tag, _TABLE_SCOPE)
        for index in reversed(self.stack[-64:]):
            name = self.nodes[index].tag
            if name == tag:
                return True
            if name in boundary:
                return False
        return False

    def _close_to(self, tag: str) -> None:
        while len(self.stack) > 1:
            index = self.stack.pop()
            if self.nodes[index].tag == tag:
                break


def _decode(data: bytes) -> str:
    m = _CHARSET_RE.search(data[:4096])
    candidates = []
    if m:
        name = m.group(1).decode("ascii", "ignore").lower()
        candidates.append("gb18030" if name in ("gb2312", "gbk", "gb18030", "x-gbk") else name)
    candidates += ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")


def _dropped(node: _Node) -> bool:
    if node.tag in _DROP_TAGS:
        return True
    hint = f"{node.attrs.get('id', '')} {node.attrs.get('class', '')}"
    return bool(hint.strip()) and bool(_DROP_HINT.search(hint)) and not _BODY_HINT.search(hint)


def _text_sizes(nodes: list[_Node]) -> tuple[list[int], list[bool]]:
    """Characters of non-link text under each node (iterative post-order), and which nodes
    are dropped (themselves or under a dropped ancestor)."""
    dropped = [False] * len(nodes)
    for i in range(1, len(nodes)):  # parents come before children
        dropped[i] = dropped[nodes[i].parent] or _dropped(nodes[i])
    size = [0] * len(nodes)
    for i in range(len(nodes) - 1, -1, -1):
        if dropped[i]:
            continue
        own = 0
        if nodes[i].tag != "a":
            own = sum(len(c.strip()) for c in nodes[i].children if isinstance(c, str))
        size[i] += own
        if i:
            size[nodes[i].parent] += size[i]
    return size, dropped


def _body(nodes: list[_Node], size: list[int], dropped: list[bool]) -> int:
    total = size[0]
    if total == 0:
        return 0
    hinted = [
        i
        for i, n in enumerate(nodes)
        if not dropped[i]
        and _BODY_HINT.search(f"{n.attrs.get('id', '')} {n.attrs.get('class', '')}")
        and size[i] >= 0.3 * total
    ]
    if hinted:
        return max(hinted, key=lambda i: (size[i], -i))
    best = 0
    for i in range(1, len(nodes)):
        if not dropped[i] and size[i] >= 0.7 * total and size[i] <= size[best]:
            best = i
    return best


class _Writer:
    """Walks the body iteratively and writes paragraphs and table rows."""

    def __init__(self, nodes: list[_Node], dropped: list[bool]) -> None:
        self.nodes, self.dropped = nodes, dropped
        self.out = Extracted()
        self.buffer: list[str] = []
        self.paragraph = 0
        self.table = 0

    def flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        self.buffer = []
        if text:
            self.paragraph += 1
            self.out.add(text, f"第{self.paragraph}段")

    def write(self, root: int) -> Extracted:
        stack: list[tuple[int | str, bool]] = [(root, False)]
        while stack:
            item, closing = stack.pop()
            if isinstance(item, str):
                self.buffer.append(item)
                continue
            node = self.nodes[item]
            if self.dropped[item]:
                continue
            if node.tag == "table":
                self.flush()
                self._table(item)
                continue
            if closing:
                if node.tag in _BLOCK:
                    self.flush()
                continue
            if node.tag in _BLOCK:
                self.flush()
            stack.append((item, True))
            for child in reversed(node.children):
                stack.append((child, False))
        self.flush()
        return self.out

    def _cell_text(self, index: int) -> str:
        parts: list[str] = []
        stack: list[int | str] = [index]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
                continue
            node = self.nodes[item]
            if self.dropped[item]:
                continue
            if node.tag in ("br", "p", "div") and parts:
                parts.append("")
            stack.extend(reversed(node.children))
        return " ".join("".join(parts).split())

    def _rows(self, table: int) -> list[list[str]]:
        """Rows of cell texts; nested tables are read as text of their cell."""
        rows, stack = [], [table]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                continue
            node = self.nodes[item]
            if node.tag == "tr":
                rows.append(
                    [
                        self._cell_text(child)
                        for child in node.children
                        if isinstance(child, int) and self.nodes[child].tag in ("td", "th")
                    ]
                )
                continue
            if node.tag == "table" and item != table:
                continue
            stack.extend(c for c in reversed(node.children) if isinstance(c, int))
        return rows

    def _table(self, index: int) -> None:
        """Each cell once, in the row where it starts: rowspan/colspan only say which positions
        of the rows below a merged cell covers, and the label-anchored table binder reads a
        row's cells in order, so no grid is built (a tiny page claiming rowspan × colspan of
        1000 × 1000 per cell costs nothing)."""
        self.table += 1
        for r, written in enumerate(self._rows(index)):
            if any(written):
                self.out.add_row(written, f"表{self.table} 第{r + 1}行")
        self.out.blank()


def _parse(text: str, limits: Limits) -> tuple[list[_Node], list[int], list[bool]]:
    builder = _TreeBuilder(limits.html_elements)
    try:
        builder.feed(text)
        builder.close()
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - html.parser raises a few kinds on garbage
        name = type(exc).__name__
        raise InputError(
            "GX001", Text(f"无法解析网页：{name}", f"cannot parse the web page: {name}")
        ) from None
    size, dropped = _text_sizes(builder.nodes)
    return builder.nodes, size, dropped


# Some CMSs ship the article as an HTML string inside a script (`let content = "<p>…"`, spec
# the Shanghai government's 2019 page): the visible page is then only chrome.
_ASSIGN_RE = re.compile(r"""=\s*(["'])""")
_STRING_RE = {  # the "unrolled loop" form: runs of plain characters are matched in one step
    '"': re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"', re.S),
    "'": re.compile(r"'([^'\\]*(?:\\.[^'\\]*)*)'", re.S),
}
_TAG_RE = re.compile(r"<[^>]{0,500}>")


def _js_strings(text: str):
    """String literals assigned in scripts, scanned left to right (linear: each string is read
    once, and an unterminated one ends the scan)."""
    pos = 0
    while True:
        m = _ASSIGN_RE.search(text, pos)
        if m is None:
            return
        literal = _STRING_RE[m.group(1)].match(text, m.start(1))
        if literal is None:
            return
        pos = literal.end()
        yield literal.group(1)


def _unescape_js(raw: str) -> str:
    try:
        return json.loads(
            '"' + raw.replace("\\'", "'").replace('"', '\\"').replace('\\\\"', '\\"') + '"'
        )
    except ValueError:
        return raw.replace('\\"', '"').replace("\\'", "'").replace("\\n", "\n").replace("\\/", "/")


def _script_html(text: str) -> str | None:
    """The longest HTML string assigned in a script, unescaped, or None."""
    best = None
    for raw in _js_strings(text):
        if len(raw) < 200 or ("<p" not in raw and "<table" not in raw and "<div" not in raw):
            continue
        value = _unescape_js(raw)
        if best is None or len(value) > len(best):
            best = value
    return best


def read_html(data: bytes, limits: Limits = DEFAULT) -> Extracted:
    """A saved web page's article as lines with locators, within the limits."""
    text = _decode(data)
    nodes, size, dropped = _parse(text, limits)
    published = from_meta([n.attrs for n in nodes if n.tag == "meta"]) or from_visible(text)
    if "<script" in text.lower():
        embedded = _script_html(text)
        if embedded is not None:
            visible = len(_TAG_RE.sub("", embedded))
            if visible > 2 * size[0]:
                nodes, size, dropped = _parse(embedded, limits)
    body = _body(nodes, size, dropped)
    extracted = _Writer(nodes, dropped).write(body)
    extracted.published = published
    return extracted
