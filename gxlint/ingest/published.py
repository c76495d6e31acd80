"""The date a web page says it was published: the page's own metadata, else a visible
`发布时间：` line. Used for the publication deadline only when the report has no signature date.
A .docx or .pdf carries only the dates its properties record (created); those are kept as a
hint, never as the publication date: converting or re-saving a file rewrites them.

Chinese government sites follow 《政府网站发展指引》 (国办发〔2017〕47号), which asks every article
page for `<meta name="PubDate" content="2023-01-09 19:36">`; other CMSs write the Open Graph /
Dublin Core / schema.org names. A date is kept with where it came from, because a finding built
on it must say so: a CMS migration can rewrite these dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from gxlint.i18n import Text

# meta name/property/itemprop → preference (lower is better)
_META_NAMES = {
    "pubdate": 0,
    "publishdate": 1,
    "publish_date": 1,
    "firstpublishedtime": 2,
    "article:published_time": 3,
    "datepublished": 3,
    "dcterms.issued": 4,
    "dc.date.issued": 4,
    "dc.date": 5,
}
_DATE_RE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_VISIBLE_RE = re.compile(
    r"(?:发布|公开|发文)(?:时间|日期)\s*[:：]\s*(?:<[^>]{0,200}>\s*){0,3}"
    r"((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})"
)


@dataclass(frozen=True)
class Published:
    """A publication date and where on the page it was read."""

    date: dt.date
    where: Text
    hint: bool = False  # a document property, not a publication date (GX410, info)


def parse_page_date(value: str) -> dt.date | None:
    """`2023-01-09 19:36`, `2023-01-09T19:36:00+08:00`, `2023/1/9`, `2023年1月9日` → a date."""
    m = _DATE_RE.search(value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def from_meta(metas: list[dict[str, str]]) -> Published | None:
    """The preferred publication date among a page's `<meta>` attributes."""
    best: tuple[int, Published] | None = None
    for attrs in metas:
        for key in ("name", "property", "itemprop"):
            name = attrs.get(key, "").strip()
            rank = _META_NAMES.get(name.lower())
            if rank is None:
                continue
            date = parse_page_date(attrs.get("content", ""))
            if date is None:
                continue
            where = Text(f'网页 <meta {key}="{name}">', f'the page\'s <meta {key}="{name}">')
            if best is None or rank < best[0]:
                best = (rank, Published(date, where))
    return best[1] if best else None


def from_visible(html: str) -> Published | None:
    """The first visible `发布时间：2023-01-09` / `发布日期：` on the page."""
    m = _VISIBLE_RE.search(html)
    if not m:
        return None
    date = parse_page_date(m.group(1))
    if date is None:
        return None
    return Published(
        date, Text("网页上的“发布时间/发布日期”", "the page's “发布时间/发布日期” line")
    )


_PDF_DATE_RE = re.compile(r"^(?:D:)?((?:19|20)\d{2})(\d{2})(\d{2})")


def from_document_created(value: object, kind: str) -> Published | None:
    """The creation date a .docx (core properties) or .pdf (document information) records: a
    datetime from python-docx, `D:20240305101010+08'00'` from a PDF, as a hint."""
    date: dt.date | None = None
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, bytes | str):
        text = value.decode("latin-1") if isinstance(value, bytes) else value
        m = _PDF_DATE_RE.match(text.strip())
        if m:
            try:
                date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                date = None
    if date is None:
        return None
    where = Text(f"{kind} 文档属性（创建时间）", f"the {kind} document properties (created)")
    return Published(date, where, hint=True)
