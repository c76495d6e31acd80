"""`gxlint parse FILE`: what gxlint recognised in a report, to debug an odd one.

The era and why, the year, statistics period and signature, the outline with the template
section each heading matched, every bound table with its rows' cells by key (blank shown as
空白, unreadable as ?), what is missing, and every number read from the prose with how it is
meant. Plain text, one fact per line, positions as lines of the file (or locators).
"""

from __future__ import annotations

from gxlint.analysis import Analysis
from gxlint.model import Section

_SCOPE = {
    "year": "本年",
    "cumulative": "累计",
    "comparative": "比较",
    "last_year": "上年",
    "other_year": "其他年份",
    "plan": "计划",
}


def describe(analysis: Analysis) -> str:
    """The recognised structure of one analysed report, as text."""
    source = analysis.doc.source
    out: list[str] = []

    def where(offset: int) -> str:
        line, _column = source.position(offset)
        return source.locator(line) or f"第{line}行"

    out.append(f"格式：{analysis.template.id}（{analysis.why}）")
    out.append(f"年度：{analysis.year if analysis.year else '未找到'}")
    who = analysis.identity
    if who is None:
        out.append("机关：未找到（不归入跨年度系列）")
    else:
        split = (
            f"地区“{who.place}”，机关“{who.unit}”" if who.place else f"机关“{who.unit}”，无地区名"
        )
        out.append(f"机关：{who.name}（取自{who.where}；系列中按{split}）")
    period = analysis.period
    if period is not None:
        out.append(f"统计期限：{period.first} 至 {period.last}（{where(period.start)}）")
    signed = analysis.signature
    if signed is not None and signed.date is not None:
        out.append(f"落款日期：{signed.date}（{where(signed.start)}）")
    published = source.published
    if published is not None and published.hint:
        out.append(f"文件创建日期：{published.date}（{published.where.zh}，仅供参考）")
    elif published is not None:
        out.append(f"网页发布日期：{published.date}（{published.where.zh}）")
    out.append("")
    out.append("提纲：")
    for position, section in enumerate(analysis.doc.sections):
        key = analysis.section_key(position)
        _outline(section, key, out, where, 1)
    out.append("")
    out.append("表格：")
    for key, table in analysis.tables.items():
        out.append(f"  {key}（{table.spec['title']}，自{where(table.start)}）")
        for row in table.rows.values():
            if row.group:
                continue
            cells = "，".join(f"{col}={_cell(c)}" for col, c in row.cells.items())
            problem = f"  ⚠ {row.shape_problem}" if row.shape_problem else ""
            out.append(f"    {row.key}  {row.label}：{cells or '（无数字）'}{problem}")
        for missing in table.missing_rows:
            out.append(f"    缺少行：{missing['label']}")
        for column in table.missing_columns:
            out.append(f"    表头缺少列：{column['label']}")
    for spec in analysis.missing_tables:
        out.append(f"  缺少表格：{spec['title']}")
    out.append("")
    out.append("正文中的数字：")
    for q in analysis.facts.quantities:
        how = _SCOPE.get(q.scope, q.scope) + ("，约数" if q.approx else "")
        parts = f"（其中 {'+'.join(str(p.value) for p in q.parts)}）" if q.parts else ""
        out.append(f"  {where(q.start)}  {q.label or '—'} {q.value}{q.unit}{parts}  [{how}]")
    return "\n".join(out)


def _outline(section: Section, key: str | None, out: list[str], where, depth: int) -> None:
    heading = section.heading
    matched = f"  → {key}" if key else ""
    out.append(f"{'  ' * depth}{heading.marker}{heading.title}（{where(heading.start)}）{matched}")
    for child in section.children:
        _outline(child, None, out, where, depth + 1)


def _cell(cell) -> str:
    if cell.blank:
        return "空白"
    if cell.value is None:
        return "?"
    return f"{cell.value}{'（推断）' if cell.inferred else ''}"
