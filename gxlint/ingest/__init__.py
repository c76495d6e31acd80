"""Ingest: any supported file → one Source (plain text where a table row is one line of cells
joined by ` | `), plus, for formats that have no lines of their own, a locator per text line
(`第12段`, `表2 第5行`, `第3页`) so findings can say where the user finds them.

The format is chosen by the file name's extension, and by the content's first bytes when the
name says nothing (stdin, or a `.txt` that is really a zip): a `.docx` is a zip with
`word/document.xml`, a PDF starts with `%PDF`, HTML with a tag. Formats gxlint cannot read
(`.doc`, `.wps`, spreadsheets) raise InputError with how to convert them.
"""

from __future__ import annotations

from pathlib import Path

from gxlint.errors import InputError
from gxlint.i18n import Text
from gxlint.limits import DEFAULT, Limits
from gxlint.source import Source, decode

READABLE_SUFFIXES = (".txt", ".text", ".docx", ".html", ".htm", ".xhtml", ".shtml", ".pdf")
_SPREADSHEET = Text(
    "表格文件不是年度报告全文：请检查报告的 .docx、.pdf 或网页版本",
    "a spreadsheet is not the whole report: check the report's .docx, .pdf or web page",
)
_CONVERT = {
    ".doc": Text(
        "旧版 Word（.doc）格式无法直接读取：请在 Word 或 WPS 中“另存为” .docx 后再检查",
        "old Word (.doc) files cannot be read: save as .docx in Word or WPS, then check",
    ),
    ".wps": Text(
        "WPS 文字（.wps）格式无法直接读取：请在 WPS 中“另存为” .docx 后再检查",
        "WPS (.wps) files cannot be read: save as .docx in WPS, then check",
    ),
    ".rtf": Text(
        "RTF 格式无法直接读取：请另存为 .docx 或纯文本（.txt）后再检查",
        "RTF files cannot be read: save as .docx or plain text (.txt), then check",
    ),
    ".xls": _SPREADSHEET,
    ".xlsx": _SPREADSHEET,
    ".ofd": Text(
        "OFD 版式文件无法直接读取：请导出为 PDF 或 .docx 后再检查",
        "OFD files cannot be read: export as PDF or .docx, then check",
    ),
}
CONVERTIBLE_SUFFIXES = tuple(_CONVERT)


def sniff(data: bytes, path: str) -> str:
    """'txt' | 'docx' | 'html' | 'pdf', or raise InputError for a known unreadable format."""
    suffix = Path(path).suffix.lower()
    if suffix in _CONVERT:
        raise InputError("GX006", _CONVERT[suffix])
    head = data[:1024].lstrip()
    if data[:4] == b"PK\x03\x04":
        if suffix in (".docx", "") or b"word/" in data[:4096] or suffix in (".txt", ".text"):
            return "docx"
        raise InputError(
            "GX006",
            Text(
                "文件是压缩包而不是报告；若为 Word 文档请使用 .docx 扩展名",
                "a zip archive, not a report; a Word document needs the .docx extension",
            ),
        )
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError("GX006", _CONVERT[".doc"])
    if head.startswith(b"%PDF") or suffix == ".pdf":
        return "pdf"
    if suffix in (".html", ".htm", ".xhtml", ".shtml"):
        return "html"
    lowered = head[:512].lower()
    if suffix in ("", ".txt", ".text") and (
        lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered
    ):
        return "html"
    if suffix == ".docx":
        return "docx"
    return "txt"


def read(data: bytes, path: str, limits: Limits = DEFAULT) -> Source:
    """Decode a file of any supported format into a Source, within `limits`."""
    kind = sniff(data, path)
    if kind == "txt":
        return decode(data, path)
    if kind == "docx":
        from gxlint.ingest.docx_reader import read_docx

        extracted = read_docx(data, limits)
    elif kind == "html":
        from gxlint.ingest.html_reader import read_html

        extracted = read_html(data, limits)
    else:
        from gxlint.ingest.pdf_reader import read_pdf

        extracted = read_pdf(data, limits)
    return extracted.to_source(path, kind)
