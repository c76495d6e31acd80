"""GX4xx: the report year and the dates — title vs statistics period vs table year, the period
is one calendar year, the signature is not before the period ends and not after the deadline.

The deadline depends on who reports (条例 第四十九条): a department (县级以上人民政府部门) by
1月31日, a government's own report by 3月31日; reports on 2008–2018 by 3月31日 (2007 条例
第三十一条). The agency type is read from the signature or the title, or given with
`--agency-type`; `--deadline MM-DD` applies a local rule instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from gxlint.dates import (
    Stated,
    agency_names,
    as_of_dates,
    self_named_years,
    table_year,
    title_year,
    where_read,
)
from gxlint.facts import Quantity
from gxlint.findings import Hit
from gxlint.i18n import Text

_DEPARTMENT_RE = re.compile(r"(?:局|委员会|委|厅|办公室|办公厅|中心|院|所|站|队|署|处|办)$")
_GOVERNMENT_RE = re.compile(r"人民政府$|管委会$|管理委员会$|(?:省|市|县|区|旗|州)$")


def _day(date: dt.date) -> Text:
    """A date as each language writes it: 2024年1月5日, 2024-01-05."""
    return Text(f"{date.year}年{date.month}月{date.day}日", date.isoformat())


def _period_stated(period) -> Stated:
    return Stated("统计期限", period.start, period.end, period.first.year, period.first)


def year_agreement(analysis, params) -> Iterator[Hit]:
    """The year of the statistics period (`compare: period`) or of the table (`compare: table`)
    against the title's year; a table is compared with the period when the title has none."""
    if params.get("compare", "period") == "period":
        reference = title_year(analysis.doc)
        if reference is not None and not reference.year:
            reference = None
        period = analysis.period
        other = _period_stated(period) if period and period.first else None
    else:
        reference = _report_year(analysis)
        other = table_year(analysis)
    if reference is None or other is None or other.year == reference.year:
        return
    yield Hit(
        other.start,
        other.end,
        {
            "what": where_read(other.what),
            "year": other.year,
            "ref_what": where_read(reference.what),
            "ref_year": reference.year,
        },
        {"year": other.year, "reference_year": reference.year},
    )


def calendar_period(analysis, params) -> Iterator[Hit]:
    """The statistics period is one calendar year, 1 January to 31 December."""
    period = analysis.period
    if period is None:
        return
    if period.empty:
        yield Hit(period.start, period.end, {"problem": "no_dates"}, {})
        return
    if period.first is None or period.last is None:
        return
    year = period.first.year
    if period.first != dt.date(year, 1, 1) or period.last != dt.date(year, 12, 31):
        yield Hit(
            period.start,
            period.end,
            {
                "problem": "not_calendar_year",
                "first": period.first.isoformat(),
                "last": period.last.isoformat(),
                "year": year,
            },
            {"from": period.first.isoformat(), "to": period.last.isoformat()},
        )


# Years read from the title, the statistics period or a `YYYY年度` near the top are stated; a
# year guessed from the signature (circular here) or from opening sentences is not enough for
# an error about the signature.
_STATED_YEAR_SOURCES = ("标题", "统计期限", "正文开头")


def signed_before_period_end(analysis, params) -> Iterator[Hit]:
    """A report signed before its period ends cannot report the whole year."""
    signed = analysis.signature
    if signed is None or analysis.year is None or analysis.year_source not in _STATED_YEAR_SOURCES:
        return
    period_end = dt.date(analysis.year, 12, 31)
    if signed.date < period_end:
        yield Hit(
            signed.start,
            signed.end,
            {
                "signed": _day(signed.date),
                "year": analysis.year,
                "period_end": _day(period_end),
            },
            {"signed": signed.date.isoformat(), "period_end": period_end.isoformat()},
        )


def agency_type(analysis) -> tuple[str, Text]:
    """('department' | 'government', why). Unknown counts as government: the later deadline."""
    forced = analysis.options.agency_type
    if forced in ("department", "government"):
        return forced, Text("按 --agency-type 指定", "as --agency-type says")
    names = agency_names(analysis.doc)
    # A government's own report is often signed by its office (`…县人民政府` in the title,
    # `…县人民政府办公室` under it): when the names disagree, the later deadline applies.
    kinds = []
    for name in names:
        if _DEPARTMENT_RE.search(name) and "人民政府" != name[-4:]:
            why = Text(f"机关名称“{name}”为政府部门", f"the agency “{name}” is a department")
            kinds.append(("department", why))
        elif _GOVERNMENT_RE.search(name):
            why = Text(
                f"机关名称“{name}”为人民政府", f"the agency “{name}” is a people's government"
            )
            kinds.append(("government", why))
    for kind in ("government", "department"):
        for found, why in kinds:
            if found == kind:
                return found, why
    return "government", Text(
        "未能判断机关类型，按较晚的 3月31日", "agency type unknown: the later deadline, 31 March"
    )


def _deadline(analysis, year: int) -> tuple[dt.date, str | Text, Text]:
    """The publication deadline of a report on `year`: (last day, legal basis, why this one)."""
    local = analysis.options.deadline
    if local:
        month, day = (int(x) for x in local.split("-"))
        basis: str | Text = Text("本地规定（--deadline）", "local rule (--deadline)")
        why = Text(f"按 --deadline {local}", f"as --deadline {local} says")
    else:
        # the deadline of the law in force for the report year, whatever template was applied
        era = analysis.templates.for_year(year)
        department, government = era.deadlines["department"], era.deadlines["government"]
        if (department.month, department.day) == (government.month, government.day):
            years = era.years_text()
            chosen, why = government, Text(f"{years.zh} 年度报告", f"reports on {years.en}")
        else:
            kind, why = agency_type(analysis)
            chosen = department if kind == "department" else government
        month, day, basis = chosen.month, chosen.day, chosen.basis
    return dt.date(year + 1, month, day), basis, why


def deadline(analysis, params) -> Iterator[Hit]:
    """Signed after the publication deadline of the law in force for the report year (or --deadline)."""
    signed = analysis.signature
    if signed is None or analysis.year is None or analysis.year_source not in _STATED_YEAR_SOURCES:
        return
    limit, basis, why = _deadline(analysis, analysis.year)
    if signed.date > limit:
        yield Hit(
            signed.start,
            signed.end,
            {
                "signed": _day(signed.date),
                "limit": _day(limit),
                "basis": basis,
                "why": why,
            },
            {"signed": signed.date.isoformat(), "deadline": limit.isoformat(), "basis": str(basis)},
        )


def published_after_deadline(analysis, params) -> Iterator[Hit]:
    """A report without a signature date, published on the web after the deadline: the page's
    own date (`<meta name="PubDate">`…) stands in for the missing one, and the finding says so.
    `params.dates: document` reads instead the created date a .docx/.pdf records (a hint)."""
    published = analysis.doc.source.published
    if analysis.signature is not None or published is None:
        return
    if published.hint != (params.get("dates", "page") == "document"):
        return  # GX408 reads a page's publication date, GX410 a file's recorded dates
    if analysis.year is None or analysis.year_source not in _STATED_YEAR_SOURCES:
        return
    limit, basis, why = _deadline(analysis, analysis.year)
    if published.date > limit:
        yield Hit(
            None,
            None,
            {
                "published": _day(published.date),
                "where": published.where,
                "limit": _day(limit),
                "basis": basis,
                "why": why,
            },
            {
                "published": published.date.isoformat(),
                "published_from": published.where.zh,
                "deadline": limit.isoformat(),
                "basis": str(basis),
            },
        )


def _report_year(analysis) -> Stated | None:
    """The year the report states for itself: the title's, else the statistics period's."""
    reference = title_year(analysis.doc)
    if reference is not None and reference.year:
        return reference
    period = analysis.period
    return _period_stated(period) if period and period.first else None


def self_named_year(analysis, params) -> Iterator[Hit]:
    """The text names the report with another year (`编制了2023年度…年度报告` in a 2022 report)."""
    reference = _report_year(analysis)
    if reference is None or reference.year is None:
        return
    for named in self_named_years(analysis.doc.source.norm, analysis.after_title):
        if named.year != reference.year:
            yield Hit(
                named.start,
                named.end,
                {
                    "year": named.year,
                    "ref_what": where_read(reference.what),
                    "ref_year": reference.year,
                },
                {"year": named.year, "reference_year": reference.year},
            )


def _a_year_later(date: dt.date) -> dt.date:
    """The same day a year later (28 February for 29 February)."""
    try:
        return date.replace(year=date.year + 1)
    except ValueError:
        return date.replace(year=date.year + 1, day=28)


def early_as_of_date(analysis, params) -> Iterator[Hit]:
    """Running totals dated early in the report year itself (`截止2025年1月21日，累计…` in the
    2025 report): the as-of date of last year's report, its year moved on but not its day.

    Only dates in the first `params.months` months of the report year and only sentences that
    state running totals (累计/总计…): a milestone reached in the spring of the year
    (`截至2025年3月，完成整改`) is ordinary prose."""
    reference = _report_year(analysis)
    if reference is None or reference.year is None:
        return
    months = int(params.get("months", 3))
    period_end = dt.date(reference.year, 12, 31)
    for as_of in as_of_dates(analysis.doc.source.norm, analysis.after_title):
        date = as_of.stated.date
        if not as_of.cumulative or date is None:
            continue
        if date.year == reference.year and date.month <= months:
            yield Hit(
                as_of.stated.start,
                as_of.stated.end,
                {
                    "date": _day(date),
                    "period_end": _day(period_end),
                    "year": reference.year,
                    "last_year_date": _day(_a_year_later(date)),
                    "months_before": 12 - date.month,
                },
                {"date": date.isoformat(), "period_end": period_end.isoformat()},
            )


_LABEL_NOISE_RE = re.compile(
    r"(?:19|20)\d{2}\s*年度?|^[\s,，:：]*(?:其中|另外|此外|全年|本年度?|今年)[\s,，:：]*"
    r"|^(?:我|本)(?:局|委|办|厅|中心|单位|机关)|(?:共计|总计|合计|共|计|达到|达|为|了|有)+$"
)


def _core(label: str) -> str:
    """A quantity's label without years, 其中/全年/我局 openers and 共/为 fillers."""
    previous = None
    core = label.replace(" ", "")
    while previous != core:
        previous, core = core, _LABEL_NOISE_RE.sub("", core)
    return core


def dated_last_year(analysis, params) -> Iterator[Hit]:
    """A sentence dated last year whose figure is the one the report gives for this year
    (`2024年…其中主动公开政府信息53条` in the 2025 report that says `2025年主动公开政府信息53条`):
    the year was not updated. Only exact counts of at least `params.min_value`, the same unit and
    the same label (at least `params.min_label` characters once years and fillers are dropped)."""
    reference = _report_year(analysis)
    if reference is None or reference.year is None:
        return
    min_value = params.get("min_value", 10)
    min_label = params.get("min_label", 4)
    this_year: dict[tuple[str, int | float], list[tuple[str, Quantity]]] = {}
    quantities = analysis.facts.quantities
    for q in quantities:
        if q.scope == "year" and q.exact and q.value >= min_value:
            core = _core(q.label)
            if len(core) >= min_label:
                this_year.setdefault((q.unit, q.value), []).append((core, q))
    reported: set[int] = set()
    norm = analysis.doc.source.norm
    for q in quantities:
        if q.scope != "other_year" or not q.exact or q.stated_year != reference.year - 1:
            continue
        core = _core(q.label)
        if len(core) < min_label or id(q.sentence) in reported:
            continue
        # the same label, or one ends with the other (`通过门户网站主动公开政府信息`)
        match = next(
            (
                other
                for other_core, other in this_year.get((q.unit, q.value), [])
                if other_core.endswith(core) or core.endswith(other_core)
            ),
            None,
        )
        if match is None:
            continue
        reported.add(id(q.sentence))
        year_at = norm.rfind(str(q.stated_year), q.sentence.start, q.start)
        start = year_at if year_at != -1 else q.label_start
        line, _column = analysis.doc.source.position(match.start)
        yield Hit(
            start,
            start + 4 if year_at != -1 else q.end,
            {
                "year": q.stated_year,
                "quote": norm[q.label_start : q.end].strip(),
                "this_year": norm[match.label_start : match.end].strip(),
                "ref_year": reference.year,
                "line": line,
            },
            {"year": q.stated_year, "value": q.value, "this_year_line": line},
        )
