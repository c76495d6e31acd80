"""Bind a report to its template: find the report year, choose the era (eras.py holds what
each era is), match the sections and bind the tables.

The era comes from the report year (title, else the statistics period, else the signature);
the labels only one era's tables have decide when no year is found. `--template` overrides
both. The result says which template was applied and why, so a user can tell a wrong era from
a wrong report.
"""

from __future__ import annotations

import re

from gxlint.analysis import Analysis, CheckOptions
from gxlint.compact import CompactView, build_view, compact
from gxlint.dates import where_read
from gxlint.eras import Template, TemplateSet, builtin_templates
from gxlint.i18n import Text
from gxlint.kept import KeptById
from gxlint.model import Document, Section
from gxlint.parse.numerals import cn_to_int
from gxlint.tables import bind_table

_YEAR_RE = re.compile(r"((?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年")
_PERIOD_RE = re.compile(
    r"统计(?:期限|时限|时间|数据时间段|时段|区间)?[^。]{0,20}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日"
)


def _year_from(text: str) -> int | None:
    m = _YEAR_RE.search(text)
    if not m:
        return None
    year = cn_to_int(m.group(1))
    return year if year and 1990 < year < 2100 else None


def detect_year(doc: Document) -> tuple[int | None, str]:
    """The data year of the report and where it was read."""
    norm = doc.source.norm
    if doc.title:
        title = norm[doc.title.start : doc.title.end]
        year = _year_from(title)
        if year:
            return year, "标题"
        # `镇海区统计局政府信息公开工作年度报告` + next line `（2016年度）`
        after = norm[doc.title.end : doc.title.end + 40]
        m = re.match(r"\s*\(\s*((?:19|20)\d{2})\s*年度?\s*\)", after)
        if m:
            return int(m.group(1)), "标题"
    head = norm[: min(len(norm), 3000)]
    m = _PERIOD_RE.search(head)
    if m:
        return int(m.group(1)), "统计期限"
    m = re.search(r"((?:19|20)\d{2})\s*年度", head)
    if m:
        return int(m.group(1)), "正文开头"
    if doc.date:
        year = _year_from(norm[doc.date.start : doc.date.end])
        if year:
            return year - 1, "落款日期"
    year = _year_from_opening_sentences(head)
    if year:
        return year, "正文年份"
    return None, ""


_SENTENCE_YEAR_RE = re.compile(r"(?:^|[。：:\s；;）)])((?:19|20)\d{2})年[，,]")


def _year_from_opening_sentences(head: str) -> int | None:
    """Reports without title, period or date (one-line web copies) still open
    sentences with `2022年，我局…`. The most frequent such year wins (ties: the
    first) so one `2023年，我局将…` plan sentence does not outvote the review."""
    years = [int(m.group(1)) for m in _SENTENCE_YEAR_RE.finditer(head)]
    if not years:
        return None
    return max(dict.fromkeys(years), key=years.count)


def choose_template(
    doc: Document, view: CompactView, forced: str | None, templates: TemplateSet
) -> tuple[Template, int | None, str, Text]:
    """The era by `--template`, else the report year, else the labels only one era's tables
    have (its markers), else the default era; with the reason, for the output."""
    year, source = detect_year(doc)
    if forced and forced != "auto":
        why = Text(f"按 --template {forced} 指定", f"as --template {forced} says")
        return templates.get(forced), year, source, why
    if year:
        era = templates.for_year(year).id
        where = where_read(source)
        why = Text(
            f"报告年度 {year}（取自{where.zh}）→ {era} 格式",
            f"report year {year} (from {where.en}) → the {era} format",
        )
        return templates.get(era), year, source, why
    shaped = templates.from_markers(view.text)
    if shaped:
        why = Text(
            f"未找到报告年度；按表格形式判断为 {shaped.id} 格式",
            f"no report year found; the tables' shape says the {shaped.id} format",
        )
        return shaped, None, "", why
    default = templates.default()
    why = Text(
        f"未找到报告年度，也无法从表格判断；按现行 {default.id} 格式检查",
        f"no report year found and the tables do not tell; checked as the current {default.id} format",
    )
    return default, None, "", why


def match_sections(template: Template, sections: list[Section]) -> list[str | None]:
    """The template section key of each top-level section, by position (None: no match).

    A title can hold several keywords (`政府信息公开工作存在的主要问题` mentions 公开); the
    first template section, in template order, whose keyword the title contains wins, and
    each template section is used once.
    """
    result: list[str | None] = []
    used: set[str] = set()
    for section in sections:
        title = compact(section.heading.title)
        key = next((s["key"] for s in _ranked(template, title) if s["key"] not in used), None)
        if key is not None:
            used.add(key)
        result.append(key)
    return result


# Each era's sections with their keywords compacted: worked out once, not for every heading of
# every report.
_KEYWORDS: KeptById[list[tuple[int, dict, tuple[str, ...]]]] = KeptById()


def _section_keywords(template: Template) -> list[tuple[int, dict, tuple[str, ...]]]:
    return _KEYWORDS.get(
        (template,),
        lambda: [
            (order, spec, tuple(compact(k) for k in spec["match"]))
            for order, spec in enumerate(template.sections)
        ],
    )


def _ranked(template: Template, title: str) -> list[dict]:
    hits = []
    for order, spec, keywords in _section_keywords(template):
        positions = [title.find(k) for k in keywords if k in title]
        if positions:
            # the keyword nearest the start of the title decides (主动公开… vs …依申请公开…)
            hits.append((min(positions), order, spec))
    hits.sort(key=lambda h: (h[0], h[1]))
    return [h[2] for h in hits]


def analyse(
    doc: Document,
    forced_template: str | None = None,
    options: CheckOptions | None = None,
    templates: TemplateSet | None = None,
    row_identities: dict[str, list[dict]] | None = None,
) -> Analysis:
    """Bind a parsed report to its era's template; `row_identities` (by table key) are the
    per-row sums the rules check, used to read digits that ran together."""
    templates = templates or builtin_templates()
    row_identities = row_identities or {}
    view = build_view(doc.source.norm)
    template, year, source, why = choose_template(doc, view, forced_template, templates)
    analysis = Analysis(
        doc, template, year, source, why, view, templates, options=options or CheckOptions()
    )
    analysis.keys_by_position = match_sections(template, doc.sections)
    for section, key in zip(doc.sections, analysis.keys_by_position, strict=True):
        if key:
            analysis.section_keys[key] = section
    doc_end = len(doc.source.text)
    h1_starts = sorted(s.start for s in doc.sections)
    for spec in template.tables:
        home = analysis.section_keys.get(spec.get("section", ""))
        search_from = home.start if home else 0
        # a table ends where the next top-level section begins
        bound = bind_table(
            doc,
            view,
            spec,
            template.lineage,
            (search_from, doc_end),
            row_identities.get(spec["key"]),
            h1_starts,
        )
        if bound is None:
            analysis.missing_tables.append(spec)
        else:
            analysis.tables[spec["key"]] = bound
    return analysis
