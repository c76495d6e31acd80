"""The budget each file is checked under.

A pre-submit portal runs gxlint on files anyone can upload and a CI job must finish, so no file
may take unbounded time or memory. Two lines of defence:

1. **Limits on the input**, checked as early as the reader can (a size before reading, an HTML
   element count while parsing, PDF streams before inflating them, characters and lines after
   extraction, tables after parsing). Past one, the file gets a GX008 finding that names the
   limit and exit code 2; the other files are still checked. Every limit is far above any real
   report (the largest reports seen are about 5 MB of text, 60 pages, 40 tables).
2. **A watchdog** for whatever the limits miss: a file checked in a worker process runs under a
   memory ceiling (RLIMIT_AS) and a wall-clock budget that grows with its size; past either,
   the worker is stopped and the file gets GX008 "could not be checked within limits".

The numbers live here, one place, and can be changed in `.gxlint.yaml` under `limits:`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from gxlint.errors import InputError
from gxlint.i18n import Text, as_text

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Every limit a file is checked under; defaults far above any real report."""

    file_mb: int = 50  # bytes on disk, checked before reading
    chars: int = 5_000_000  # characters of text after extraction
    lines: int = 200_000  # lines of text after extraction
    tables: int = 1_000  # table blocks in the report
    table_cells: int = 50_000  # cells in one table
    html_elements: int = 500_000
    docx_paragraphs: int = 100_000  # paragraphs and table rows
    docx_unzipped_mb: int = 200  # the archive's declared uncompressed size
    pdf_pages: int = 300
    pdf_page_chars: int = 200_000  # text bytes a page's content may show (an A4 page holds ~5,000)
    pdf_stream_mb: int = 64  # content streams of all pages, inflated
    seconds: float = 10.0  # wall-clock budget per file …
    seconds_per_mb: float = 2.0  # … plus this much per MB of input (real reports: ~1 s per MB)
    memory_mb: int = 1_500  # memory a worker may add to what it starts with

    def seconds_for(self, size: int) -> float:
        """The wall-clock budget for a file of `size` bytes."""
        return self.seconds + self.seconds_per_mb * size / MB

    @classmethod
    def names(cls) -> list[str]:
        """The limits' names (config keys use dashes instead of underscores)."""
        return [f.name for f in fields(cls)]

    def updated(self, values: dict[str, Any]) -> Limits:
        """These limits with some replaced (config keys use dashes: `pdf-pages`)."""
        return replace(self, **{k.replace("-", "_"): v for k, v in values.items()})


DEFAULT = Limits()

# What each limit is called in a message (Chinese, English), and its unit.
DESCRIPTIONS = {
    "file_mb": ("文件大小", "file size", " MB"),
    "chars": ("文字字符数", "characters of text", ""),
    "lines": ("行数", "lines", ""),
    "tables": ("表格数", "tables", ""),
    "table_cells": ("单个表格的单元格数", "cells in one table", ""),
    "html_elements": ("网页元素数", "HTML elements", ""),
    "docx_paragraphs": ("Word 段落和表格行数", "Word paragraphs and table rows", ""),
    "docx_unzipped_mb": ("Word 文档解压后大小", "unzipped Word document", " MB"),
    "pdf_pages": ("PDF 页数", "PDF pages", ""),
    "pdf_page_chars": ("PDF 单页文字量（字节）", "text on one PDF page (bytes)", ""),
    "pdf_stream_mb": ("PDF 内容流解压后大小", "decompressed PDF content streams", " MB"),
    "seconds": ("检查时间", "checking time", " s"),
    "memory_mb": ("内存", "memory", " MB"),
}


class LimitExceeded(InputError):
    """Raised by a reader or the engine when an input is over a limit: a GX008 finding."""

    def __init__(self, limit: str, detail: str | Text) -> None:
        key = limit.replace("_", "-")
        detail = as_text(detail)
        super().__init__(
            "GX008",
            Text(
                f"超出检查限制（limits.{key}）：{detail.zh}",
                f"over a checking limit (limits.{key}): {detail.en}",
            ),
        )
        self.limit = limit


def over(
    limit: str, actual: int | float | None, allowed: int | float, hint: str | Text = ""
) -> LimitExceeded:
    """The error for an input over `limit`: what it has (None when reading stopped at the
    limit, so the full amount is unknown), what is allowed, numbers with thousands separators."""
    what, what_en, unit = DESCRIPTIONS.get(limit, (limit, limit, ""))
    unit_zh = " 秒" if unit == " s" else unit
    hint = as_text(hint)
    tail, tail_en = (f"（{hint.zh}）", f" ({hint.en})") if hint.zh else ("", "")
    if actual is None:
        detail = Text(
            f"{what}超过上限 {allowed:,}{unit_zh}{tail}",
            f"{what_en} over {allowed:,}{unit}{tail_en}",
        )
    else:
        detail = Text(
            f"{what} {actual:,}{unit_zh}，上限 {allowed:,}{unit_zh}{tail}",
            f"{what_en} {actual:,}{unit}, limit {allowed:,}{unit}{tail_en}",
        )
    return LimitExceeded(limit, detail + Text("；未检查该文件", "; file not checked"))
