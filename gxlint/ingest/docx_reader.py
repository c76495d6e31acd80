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
from gxlint.ingest.extracted import Extracted

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ENTRIES = 5000
MAX_RATIO = 200


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError("GX001", f"不是有效的 .docx 文件（压缩包已损坏：{exc}）") from None
    if len(infos) > MAX_ENTRIES:
        raise InputError(
            "GX001", f".docx 压缩包中文件过多（{len(infos)} 个），疑为恶意文件，未读取"
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise InputError(
            "GX001",
            f".docx 解压后过大（{total // 1024 // 1024} MB，上限 200 MB），疑为压缩炸弹，未读取",
        )
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise InputError("GX001", f".docx 中“{info.filename}”压缩比异常，疑为压缩炸弹，未读取")
    if "word/document.xml" not in {i.filename for i in infos}:
        raise InputError("GX001", "压缩包中没有 word/document.xml，不是 Word（.docx）文档")


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


def read_docx(data: bytes) -> Extracted:
    _check_zip(data)
    try:
        import docx
        from docx.table import Table
    except ImportError:  # pragma: no cover - a dependency of the package
        raise InputError("GX006", "未安装 python-docx，无法读取 .docx") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on broken files
        raise InputError("GX001", f"无法读取 .docx 文件：{type(exc).__name__}") from None
    out = Extracted()
    paragraph_no = table_no = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            table_no += 1
            for r, row in enumerate(_table_rows(block), start=1):
                out.add_row(row, f"表{table_no} 第{r}行")
            out.blank()
        else:
            paragraph_no += 1
            text = block.text.strip()
            if text:
                out.add(text, f"第{paragraph_no}段")
    return out
