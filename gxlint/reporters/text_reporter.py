"""Human output through rich: per file, each finding with its place, rule, severity, the
Chinese message, and the source line around the finding with a caret under it (ruff-style).

Chinese characters take two terminal cells, so the snippet window and the caret are measured in
cells (rich.cells.cell_len), not characters.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape

from gxlint.findings import Severity

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_SNIPPET_CELLS = 72


def render(
    results,
    console: Console,
    show_source: bool = True,
    statistics: dict[str, str] | None = None,
    quiet: bool = False,
) -> None:
    """Print each file's findings as its result arrives (results may be a generator).
    With `statistics` (rule id → title), end with the number of findings per rule. `quiet`:
    findings only (no clean files, no summary)."""
    totals = {"error": 0, "warning": 0, "info": 0}
    per_rule: dict[str, int] = {}
    errors_by_file: list[tuple[int, str]] = []
    unreadable: list[str] = []
    n_files = 0
    for result in results:
        n_files += 1
        for f in result.findings:
            per_rule[f.rule] = per_rule.get(f.rule, 0) + 1
        if result.unreadable:
            unreadable.append(result.path)
        errors = sum(f.severity == Severity.ERROR for f in result.findings)
        if errors and not result.unreadable:
            errors_by_file.append((errors, result.path))
        if quiet and not result.findings:
            continue
        header = f"[bold]{escape(result.path)}[/bold]"
        if result.template:
            header += f"  [dim]模板 {result.template}：{escape(result.why)}[/dim]"
        console.print(header, soft_wrap=True)
        if not result.findings:
            console.print("  [green]未发现问题[/green]")
        for f in result.findings:
            sev = str(f.severity)
            totals[sev] += 1
            locator = f.context.get("locator")
            place = f"{f.line}:{f.column}" if f.line else ("" if locator else "全文")
            console.print(
                f"  {place:>8}  [{_STYLE[sev]}]{f.rule} {f.severity.label}[/]  {escape(f.message)}",
                highlight=False,
                soft_wrap=True,
            )
            if locator:
                console.print(
                    f"           [dim]位置：{escape(locator)}[/dim]",
                    highlight=False,
                    soft_wrap=True,
                )
            source = getattr(result, "source", None)
            line = f.text_line or f.line
            if show_source and line and source is not None and line <= len(source.line_starts):
                snippet, caret = _snippet(source.line_text(line), f.text_column or f.column or 1)
                console.print(
                    f"           [dim]│[/dim] {escape(snippet)}", highlight=False, soft_wrap=True
                )
                console.print(
                    f"           [dim]│[/dim] {' ' * caret}[{_STYLE[sev]}]^[/]", soft_wrap=True
                )
        console.print()
    if statistics is not None and per_rule:
        for rule_id, n in sorted(per_rule.items(), key=lambda item: (-item[1], item[0])):
            console.print(
                f"{n:>6}  {rule_id}  {escape(statistics.get(rule_id, ''))}", soft_wrap=True
            )
        console.print()
    if quiet:
        return
    summary = "，".join(f"{Severity.parse(k).label} {v}" for k, v in totals.items())
    console.print(f"检查了 {n_files} 个文件：{summary}")
    if n_files > 1 and (errors_by_file or unreadable):
        _batch_summary(console, errors_by_file, unreadable)


_TOP_FILES = 10


def _batch_summary(console: Console, errors_by_file: list[tuple[int, str]], unreadable: list[str]):
    """For a batch: which files to open first (most errors), and which could not be read."""
    if errors_by_file:
        console.print(f"有错误的文件 {len(errors_by_file)} 个：")
        ranked = sorted(errors_by_file, key=lambda e: (-e[0], e[1]))
        for count, path in ranked[:_TOP_FILES]:
            console.print(f"  {count:>4} 个错误  {escape(path)}", highlight=False, soft_wrap=True)
        if len(ranked) > _TOP_FILES:
            console.print(f"  …另有 {len(ranked) - _TOP_FILES} 个文件")
    if unreadable:
        console.print(f"无法读取或超出限制的文件 {len(unreadable)} 个：")
        for path in unreadable[:_TOP_FILES]:
            console.print(f"  {escape(path)}", highlight=False, soft_wrap=True)


def _snippet(line: str, column: int) -> tuple[str, int]:
    """The part of a (possibly very long, crawler) line around the column, and the caret's
    offset in terminal cells within it."""
    line = line.replace("\t", " ").rstrip("\r")
    index = max(0, min(column - 1, len(line)))
    if cell_len(line) <= _SNIPPET_CELLS:
        return line.rstrip(), cell_len(line[:index])
    start = index
    while start > 0 and cell_len(line[start - 1 : index]) <= _SNIPPET_CELLS // 3:
        start -= 1
    end = start
    while end < len(line) and cell_len(line[start : end + 1]) <= _SNIPPET_CELLS:
        end += 1
    prefix = "…" if start else ""
    suffix = "…" if end < len(line) else ""
    return prefix + line[start:end] + suffix, cell_len(prefix + line[start:index])
