"""Dates and years a report states: the title year, the statistics period, the year printed on
the statistics table, and the signature date — each with its span, so GX4 rules can point at it.

Dates are read from the normalised text (full-width digits already ASCII); Chinese-numeral
dates (`二〇一二年十二月三十一日`) are read digit by digit for the year and as numbers for month
and day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from gxlint.i18n import Text
from gxlint.parse.lines import DATE_CORE
from gxlint.parse.numerals import cn_to_int
from gxlint.scanning import scanning

_YEAR = r"(?P<y>\d{4}|[〇零○一二三四五六七八九]{4})"
_MD = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
DATE_RE = re.compile(
    rf"{_YEAR}\s*年\s*(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*月\s*(?P<d>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*日"
)
_PERIOD_RE = re.compile(
    r"统计(?:期限|时限|时间|数据时间段|时段|区间|周期|范围)?[^。；;]{0,30}?"
    rf"(?P<from>{DATE_CORE})\s*(?:起)?\s*(?:至|到|—|-|~|－)+\s*"
    rf"(?P<to>(?:{_YEAR.replace('?P<y>', '')}\s*年\s*)?{_MD}\s*月\s*{_MD}\s*日)"
)
_EMPTY_PERIOD_RE = re.compile(r"统计(?:期限|时限|时间|时段|区间)[^。；;\d]{0,12}?自\s*至\s*[。.]?")
_TITLE_YEAR_RE = re.compile(r"((?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年")
_TABLE_YEAR_RE = re.compile(
    r"[(（]\s*((?:19|20)\d{2})\s*年度?\s*[)）]|(?:单位|统计指标|指标名称)\s*((?:19|20)\d{2})\s*年度?"
)
_SIGNATURE_RE = re.compile(
    rf"(?:局|委员会|委|办公室|办公厅|政府|管委会|中心|院|所|站|队|署)\s+(?P<date>{DATE_CORE})(?=\s|$)"
)


# What a year was read from, for messages (the names are also the values of `year_source`).
WHERE_READ = {
    "标题": Text("标题", "the title"),
    "统计期限": Text("统计期限", "the statistics period"),
    "统计表": Text("统计表", "the statistics table"),
    "落款": Text("落款", "the signature"),
    "正文开头": Text("正文开头", "the opening of the text"),
    "落款日期": Text("落款日期", "the signature date"),
    "正文年份": Text("正文年份", "the years in the text"),
    "正文自称": Text("正文所称本报告", "the text naming this report"),
    "截止日期": Text("截止日期", "the as-of date"),
}


def where_read(name: str) -> Text:
    """The place a year was read from, in both languages."""
    return WHERE_READ.get(name) or Text(name, name)


@dataclass
class Stated:
    """A year or date stated in the report, and where."""

    what: str  # 标题 / 统计期限 / 统计表 / 落款
    start: int
    end: int
    year: int | None = None
    date: dt.date | None = None


def _num(text: str) -> int | None:
    return cn_to_int(text)


def parse_date(text: str) -> dt.date | None:
    """The first date in `text` (Arabic or Chinese numerals), or None."""
    m = DATE_RE.search(text)
    if not m:
        return None
    year, month, day = _num(m.group("y")), _num(m.group("m")), _num(m.group("d"))
    try:
        return dt.date(year, month, day) if year and month and day else None
    except ValueError:
        return None


def title_year(doc) -> Stated | None:
    """The year the title names, and where."""
    if doc.title is None:
        return None
    norm = doc.source.norm
    text = norm[doc.title.start : doc.title.end]
    m = _TITLE_YEAR_RE.search(text)
    if not m:
        after = norm[doc.title.end : doc.title.end + 40]
        m2 = re.match(r"\s*[(（]\s*((?:19|20)\d{2})\s*年度?\s*[)）]", after)
        if not m2:
            return None
        s = doc.title.end + m2.start(1)
        return Stated("标题", s, s + 4, int(m2.group(1)))
    year = _num(m.group(1))
    return Stated("标题", doc.title.start + m.start(1), doc.title.start + m.end(0), year)


@dataclass
class Period:
    """A statistics period the report states: its first and last day, and where."""

    start: int
    end: int
    first: dt.date | None
    last: dt.date | None
    empty: bool = False


def statistics_period(norm: str) -> Period | None:
    """The `统计期限自2017年1月1日至12月31日` sentence (first one), or an empty `自至`."""
    m = _PERIOD_RE.search(norm)
    if m:
        first = parse_date(m.group("from"))
        to = m.group("to")
        if not re.match(r"\s*(?:\d{4}|[〇零○一二三四五六七八九]{4})\s*年", to) and first:
            to = f"{first.year}年{to}"
        return Period(m.start("from"), m.end("to"), first, parse_date(to))
    m = _EMPTY_PERIOD_RE.search(norm)
    if m:
        return Period(m.start(), m.end(), None, None, empty=True)
    return None


def table_year(analysis) -> Stated | None:
    """The year printed on the 2008-era statistics table (`（2017年度）`, `指标名称 单位 2016年`)."""
    table = analysis.tables.get("stats")
    if table is None:
        return None
    norm = analysis.doc.source.norm
    lo = max(0, table.start - 120)
    m = _TABLE_YEAR_RE.search(norm, lo, min(len(norm), table.start + 200))
    if not m:
        return None
    group = 1 if m.group(1) else 2
    return Stated("统计表", m.start(group), m.end(group), int(m.group(group)))


def signature_date(doc) -> Stated | None:
    """The date under the signature: the parser's DATE line, or in a one-line report the date
    that follows the agency name (`…经济发展局 2016年1月11日 附件…`)."""
    norm = doc.source.norm
    if doc.date is not None:
        date = parse_date(norm[doc.date.start : doc.date.end])
        if date:
            return Stated("落款", doc.date.start, doc.date.end, date.year, date)
    found = None
    for m in _SIGNATURE_RE.finditer(norm):
        found = m
    if found is None:
        return None
    date = parse_date(found.group("date"))
    if date is None:
        return None
    return Stated("落款", found.start("date"), found.end("date"), date.year, date)


_TITLE_AGENCY_RE = re.compile(
    r"\s*(?:(?:19|20)\d{2}年度?)?\s*(.+?)\s*(?:(?:19|20)\d{2}年度?)?政府信息公开"
)


def agency_names(doc) -> list[str]:
    """The reporting agency as the report names it: under the signature, then in the title
    (`平潭县公安局2010年度政府信息公开…` → 平潭县公安局). Either may be missing."""
    norm = doc.source.norm
    names = []
    if doc.agency is not None:
        names.append(norm[doc.agency.start : doc.agency.end].strip())
    if doc.title is not None:
        m = _TITLE_AGENCY_RE.match(norm[doc.title.start : doc.title.end])
        if m and len(m.group(1).strip()) >= 2:
            names.append(m.group(1).strip())
    return [name for name in names if name]


# The report naming itself: `我局编制了2019年度政府信息公开年度报告`, `现公布2013年度…年度报告`,
# `我局2011年度政府信息公开工作年度报告由五个部分组成`. Not a notice about reports
# (`《关于做好2019年政府信息公开工作年度报告编制公布工作的通知》`, `关于编制发布…有关事项的通知`)
# and not last year's report named as such (`针对2022年度工作报告中提到的问题`): only these
# verbs, no 关于 before them, no 通知/事项 after.
_SELF_NAMED_RE = scanning(
    r"(?:(?:编制|编写|撰写|形成|制作)(?:完成)?了?|(?:现|特|予以|向社会)公布|(?:现|特)发布"
    r"|(?:我|本)(?:局|委|办|厅|署|院|中心|单位|机关|部门|区|县|市|镇|乡|街道))"
    r"\s*(?P<y>(?:19|20)\d{2})\s*年度?\s*"
    r"(?:本(?:机关|单位|局)|我(?:局|委|办|单位)|[^\s。，；,;《》“”]{0,14}?)?"
    r"(?:政府)?信息公开(?:工作)?年度?报告"
    r"(?![^。；;]{0,16}(?:通知|有关事项|编制公布工作|编制发布工作))"
    r"(?!\s*(?:中|里|所|的问题|提到|提出|指出))"
)
_ABOUT_BEFORE_RE = re.compile(r"关于[^。；;》]{0,8}$")


def self_named_years(norm: str, start: int) -> list[Stated]:
    """Years the report gives itself in the text after `start` (the end of the title)."""
    found = []
    for m in _SELF_NAMED_RE.finditer(norm, start):
        before = norm[max(start, m.start() - 40) : m.start()]
        if before.count("《") > before.count("》") or _ABOUT_BEFORE_RE.search(before):
            continue
        found.append(Stated("正文自称", m.start("y"), m.end("y"), int(m.group("y"))))
    return found


# `截止2025年1月21日，累计发送1106条信息`: a snapshot of running totals at a date.
_AS_OF_RE = re.compile(rf"截(?:至|止)(?:到)?\s*(?P<date>{DATE_CORE})")
_CUMULATIVE_RE = re.compile(r"累计|总计|共计|总关注|总数|总量")
_AS_OF_REACH = 200  # how far into its sentence the running totals are looked for


@dataclass
class AsOf:
    """An as-of date in the text and whether its sentence states running totals."""

    stated: Stated
    cumulative: bool


def as_of_dates(norm: str, start: int) -> list[AsOf]:
    """The 截至/截止 dates after `start`, with whether their sentence reports running totals."""
    found = []
    for m in _AS_OF_RE.finditer(norm, start):
        date = parse_date(m.group("date"))
        if date is None:
            continue
        reach = norm[m.end() : m.end() + _AS_OF_REACH]
        sentence = re.split(r"[。\n]", reach, maxsplit=1)[0]
        stated = Stated("截止日期", m.start("date"), m.end("date"), date.year, date)
        found.append(AsOf(stated, bool(_CUMULATIVE_RE.search(sentence))))
    return found
