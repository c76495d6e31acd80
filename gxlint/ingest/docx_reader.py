"""`.docx` → lines: paragraphs in document order and real tables, merged cells as the text path
expects them (a cell spanning rows or columns is written once, in its first row and column).

The zip is checked before python-docx opens it: a corrupt archive, a missing
`word/document.xml`, or a zip bomb (declared sizes too large, too many entries, absurd
compression ratios) raise InputError. zipfile never inflates an entry past its declared size,
so checking the declared sizes bounds memory.
"""

from __future__ import annotations

import io
import zipfile

from gxlint.errors import InputError
from gxlint.i18n import Text
from gxlint.ingest.extracted import Extracted
from gxlint.ingest.published import from_document_created
from gxlint.limits import DEFAULT, MB, Limits, over
from gxlint.parse.numerals import parse_int

MAX_ENTRIES = 5000
MAX_RATIO = 200


def _check_zip(data: bytes, limits: Limits) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(
            "GX001",
            Text(
                f"不是有效的 .docx 文件（压缩包已损坏：{exc}）",
                f"not a valid .docx file (damaged zip: {exc})",
            ),
        ) from None
    if len(infos) > MAX_ENTRIES:
        raise InputError(
            "GX001",
            Text(
                f".docx 压缩包中文件过多（{len(infos)} 个），疑为恶意文件，未读取",
                f"too many files in the .docx zip ({len(infos)}), possibly malicious; not read",
            ),
        )
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise InputError(
                "GX001",
                Text(
                    f".docx 中“{info.filename}”压缩比异常，疑为压缩炸弹，未读取",
                    f"“{info.filename}” in the .docx is compressed suspiciously well"
                    " (a zip bomb?); not read",
                ),
            )
    total = sum(i.file_size for i in infos)
    if total > limits.docx_unzipped_mb * MB:
        raise over("docx_unzipped_mb", total // MB, limits.docx_unzipped_mb)
    if "word/document.xml" not in {i.filename for i in infos}:
        raise InputError(
            "GX001",
            Text(
                "压缩包中没有 word/document.xml，不是 Word（.docx）文档",
                "no word/document.xml in the zip: not a Word (.docx) document",
            ),
        )


def _cell_text(cell) -> str:
    return "".join(p.text for p in cell.paragraphs).strip()


def _table_rows(table) -> list[list[str]]:
    """Rows of cell texts; vertically merged continuation cells and grid spans are dropped so
    each merged cell appears once."""
    from docx.table import _Cell

    rows = []
    for tr in table._tbl.tr_lst:
        cells = []
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":
                continue
            cells.append(_cell_text(_Cell(tc, table)))
        rows.append(cells)
    return rows


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def _format_number(n: int, fmt: str) -> str:
    if fmt.startswith(("chinese", "ideograph", "japaneseCounting", "taiwaneseCounting")):
        return _chinese(n)
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    return str(n)


def _val(element, tag: str, default: str) -> str:
    child = element.find(f"{_W}{tag}")
    return child.get(f"{_W}val", default) if child is not None else default


# Word has nine list levels (0–8) and start values up to 32767; anything outside is a damaged
# or hostile file, and is read as no numbering rather than trusted (a level of 10**10 would
# otherwise mean a loop of 10**10 steps).
MAX_LEVEL = 8
MAX_START = 32767


def _attr_int(element, default: int | None) -> int | None:
    """The element's w:val as a small non-negative int; `default` when absent, None when odd."""
    if element is None:
        return default
    raw = element.get(f"{_W}val")
    if raw is None:
        return default
    return parse_int(raw.strip())


class _Numbering:
    """Word's automatic list numbering, rendered as text: a heading numbered by Word (`一、`,
    `（一）`, `1.`) carries no marker in its text, and the outline parser needs the marker.

    Read from the raw XML with every number bounded: a numbering part is data from the file,
    and python-docx's typed accessors raise on values Word would never write."""

    def __init__(self, document) -> None:
        # abstract id → level → (start, format, level text)
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.abstract_of: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.iter(f"{_W}abstractNum"):
            aid = abstract.get(f"{_W}abstractNumId")
            levels = {}
            for lvl in abstract.iter(f"{_W}lvl"):
                raw_level = lvl.get(f"{_W}ilvl", "0")
                ilvl = parse_int(raw_level.strip())
                if ilvl is None or ilvl > MAX_LEVEL:
                    continue
                start = _attr_int(lvl.find(f"{_W}start"), 1)
                if start is None or start > MAX_START:
                    start = 1
                fmt = _val(lvl, "numFmt", "decimal")
                text = _val(lvl, "lvlText", "")
                levels[ilvl] = (start, fmt, text)
            if aid is not None:
                self.levels[aid] = levels
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None and ref.get(f"{_W}val") is not None:
                self.abstract_of[num.get(f"{_W}numId", "")] = ref.get(f"{_W}val")

    def marker(self, paragraph) -> str:
        ppr = paragraph._p.find(f"{_W}pPr")
        numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
        if numpr is None:
            return ""
        num_id = numpr.find(f"{_W}numId")
        if num_id is None or num_id.get(f"{_W}val") is None:
            return ""
        ilvl = _attr_int(numpr.find(f"{_W}ilvl"), 0)
        abstract = self.abstract_of.get(num_id.get(f"{_W}val", ""))
        levels = self.levels.get(abstract or "", {})
        if ilvl is None or ilvl not in levels or levels[ilvl][1] in ("bullet", "none"):
            return ""
        counters = self.counters.setdefault(abstract or "", {})
        start = levels[ilvl][0]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = levels[ilvl][2]
        for k in range(ilvl + 1):  # at most MAX_LEVEL + 1 steps
            value = counters.get(k, levels.get(k, (1, "decimal", ""))[0])
            text = text.replace(
                f"%{k + 1}", _format_number(value, levels.get(k, (1, "decimal", ""))[1])
            )
        return text


def read_docx(data: bytes, limits: Limits = DEFAULT) -> Extracted:
    """A .docx's paragraphs and tables as lines with locators, within the limits."""
    _check_zip(data, limits)
    try:
        import docx
        from docx.table import Table
    except ImportError:  # pragma: no cover - a dependency of the package
        raise InputError(
            "GX006",
            Text(
                "未安装 python-docx，无法读取 .docx",
                "python-docx is not installed: cannot read .docx",
            ),
        ) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on broken files
        name = type(exc).__name__
        raise InputError(
            "GX001", Text(f"无法读取 .docx 文件：{name}", f"cannot read the .docx file: {name}")
        ) from None
    out = Extracted()
    try:
        out.published = from_document_created(document.core_properties.created, ".docx")
    except Exception:  # noqa: BLE001 - a malformed core.xml is no reason to refuse the report
        out.published = None
    numbering = _Numbering(document)
    paragraph_no = table_no = 0
    blocks = 0
    for block in document.iter_inner_content():
        blocks += 1 if not isinstance(block, Table) else len(block._tbl.tr_lst)
        if blocks > limits.docx_paragraphs:
            raise over("docx_paragraphs", None, limits.docx_paragraphs)
        if isinstance(block, Table):
            table_no += 1
            for r, row in enumerate(_table_rows(block), start=1):
                out.add_row(row, f"表{table_no} 第{r}行")
            out.blank()
        else:
            paragraph_no += 1
            text = block.text.strip()
            if text:
                out.add(numbering.marker(block) + text, f"第{paragraph_no}段")
    return out
