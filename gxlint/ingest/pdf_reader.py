""".pdf → lines: the text layer page by page (pdfplumber), ruled tables as rows of cells, text
outside the tables as lines, in reading order (top to bottom) on each page.

A PDF whose pages have no text (a scan) is not an empty report: it raises GX005 saying OCR is
needed. Pages, each page's inflated streams and text volume, and the characters read so far are
held to the limits (pdf_budget.py) so a small hostile PDF cannot take unbounded time or memory.
"""

from __future__ import annotations

import io
import logging
from functools import partial

from gxlint.errors import InputError
from gxlint.i18n import Text
from gxlint.ingest.extracted import Extracted
from gxlint.ingest.pdf_budget import PageBudget
from gxlint.ingest.published import from_document_created
from gxlint.limits import DEFAULT, Limits, over


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _outside_tables(obj: dict, boxes: list) -> bool:
    """Page objects kept for the running text: everything but characters inside a table."""
    return obj.get("object_type") != "char" or not _inside(obj, boxes)


def read_pdf(data: bytes, limits: Limits = DEFAULT) -> Extracted:
    """A PDF's text layer and ruled tables as lines with locators, within the limits."""
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a dependency of the package
        raise InputError(
            "GX006",
            Text(
                "未安装 pdfplumber，无法读取 .pdf", "pdfplumber is not installed: cannot read .pdf"
            ),
        ) from None
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    out = Extracted()
    chars_seen = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            metadata = pdf.metadata if isinstance(pdf.metadata, dict) else {}
            out.published = from_document_created(metadata.get("CreationDate"), ".pdf")
            pages = pdf.pages
            if len(pages) > limits.pdf_pages:
                raise over(
                    "pdf_pages",
                    len(pages),
                    limits.pdf_pages,
                    Text("年度报告通常不超过 60 页", "reports rarely exceed 60 pages"),
                )
            budget = PageBudget(limits)
            for page_no, page in enumerate(pages, start=1):
                budget.check(page.page_obj)
                chars_seen += len(page.chars)
                if chars_seen > limits.chars:
                    raise over("chars", None, limits.chars)
                tables = page.find_tables()
                boxes = [t.bbox for t in tables]
                items: list[tuple[float, str, list[str] | str]] = []
                text_page = page.filter(partial(_outside_tables, boxes=boxes))
                for line in text_page.extract_text_lines(keep_blank_chars=False):
                    items.append((line["top"], "text", line["text"]))
                for t_index, table in enumerate(tables, start=1):
                    rows = table.extract()
                    for r, row in enumerate(rows):
                        cells = [c for c in row if c is not None]  # None: covered by a merged cell
                        items.append((table.bbox[1] + r * 0.001, f"表{t_index} 第{r + 1}行", cells))
                    items.append((table.bbox[3], "end", ""))
                items.sort(key=lambda item: item[0])
                for _top, kind, content in items:
                    if kind == "text":
                        out.add(str(content), f"第{page_no}页")
                    elif kind == "end":
                        out.blank()
                    else:
                        out.add_row(
                            [" ".join(str(c).split()) for c in content], f"第{page_no}页 {kind}"
                        )
                page.close()  # drop the page's character objects: memory stays one page deep
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on broken files
        name = type(exc).__name__
        raise InputError(
            "GX001", Text(f"无法读取 PDF 文件：{name}", f"cannot read the PDF file: {name}")
        ) from None
    if chars_seen == 0:
        raise InputError(
            "GX005",
            Text(
                "PDF 没有文字层（可能是扫描件），需要先做文字识别（OCR）才能检查",
                "the PDF has no text layer (a scan?): run text recognition (OCR) first",
            ),
        )
    return out
