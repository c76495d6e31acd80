"""GitHub Actions: findings as annotations on the file and line of a pull request
(`gxlint check --format github reports/`), and the whole table for the job summary.

GitHub shows at most 10 annotations of each level per step; the rest would be dropped silently.
So errors come first, at most ANNOTATIONS_PER_LEVEL of each level are written, a notice says how
many more there are, and `summary()` (written to $GITHUB_STEP_SUMMARY by the CLI) lists every
finding.
"""

from __future__ import annotations

from gxlint.findings import Severity

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
ANNOTATIONS_PER_LEVEL = 10


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _findings(results):
    pairs = [(r, f) for r in results for f in r.findings]
    return sorted(pairs, key=lambda p: -int(p[1].severity))  # stable: file order within a level


def render(results) -> str:
    """Workflow commands (`::error file=…`): the first findings of each level, errors first."""
    lines = []
    shown = {level: 0 for level in Severity}
    hidden = 0
    for result, f in _findings(results):
        if shown[f.severity] >= ANNOTATIONS_PER_LEVEL:
            hidden += 1
            continue
        shown[f.severity] += 1
        props = [f"file={_prop(result.path)}"]
        if f.line:
            props.append(f"line={f.line}")
            if f.column:
                props.append(f"col={f.column}")
            if f.end_line:
                props.append(f"endLine={f.end_line}")
        props.append(f"title={_prop(f.rule)}")
        message = f.message
        locator = f.context.get("locator")
        if locator:
            message += f"（位置：{locator}）"
        lines.append(f"::{_LEVEL[str(f.severity)]} {','.join(props)}::{_data(message)}")
    if hidden:
        lines.append(
            f"::notice title=gxlint::另有 {hidden} 个问题未逐条标注，全部问题见本步骤的摘要（job summary）"
        )
    return "\n".join(lines)


def summary(results) -> str:
    """Every finding as a Markdown table, for $GITHUB_STEP_SUMMARY."""
    rows = [
        f"| {_cell(r.path)} | {f.line or _cell(f.context.get('locator', ''))} | {f.rule} | "
        f"{f.severity.label} | {_cell(f.message)} |"
        for r, f in _findings(results)
    ]
    head = f"### gxlint：{len(rows)} 个问题\n\n| 文件 | 位置 | 规则 | 级别 | 说明 |\n|---|---|---|---|---|"
    return head + ("\n" + "\n".join(rows) if rows else "") + "\n"


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")
