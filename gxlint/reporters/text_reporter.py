"""Human output through rich: per file, each finding with its place, rule, severity and line."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}


def render(results, console: Console, show_source: bool = True) -> None:
    totals = {"error": 0, "warning": 0, "info": 0}
    for result in results:
        header = f"[bold]{escape(result.path)}[/bold]"
        if result.template:
            header += f"  [dim]模板 {result.template}：{escape(result.why)}[/dim]"
        console.print(header)
        if not result.findings:
            console.print("  [green]未发现问题[/green]")
        lines = None
        for f in result.findings:
            sev = str(f.severity)
            totals[sev] += 1
            place = f"{f.line}:{f.column}" if f.line else "全文"
            console.print(
                f"  {place:>8}  [{_STYLE[sev]}]{f.rule} {_LABEL[sev]}[/]  {escape(f.message)}",
                highlight=False,
                soft_wrap=True,
            )
            if show_source and f.line and not result.unreadable:
                if lines is None:
                    lines = _read_lines(result.path)
                if lines and f.line <= len(lines):
                    snippet = _snippet(lines[f.line - 1], f.column or 1)
                    console.print(f"           [dim]│ {escape(snippet)}[/dim]", highlight=False)
        console.print()
    summary = "，".join(f"{_LABEL[k]} {v}" for k, v in totals.items())
    console.print(f"检查了 {len(results)} 个文件：{summary}")


def _read_lines(path: str) -> list[str] | None:
    from gxlint.source import decode

    try:
        with open(path, "rb") as fh:
            return decode(fh.read(), path).text.split("\n")
    except Exception:  # noqa: BLE001 - the snippet is a convenience; the finding stands
        return None


def _snippet(line: str, column: int, width: int = 60) -> str:
    """The part of a (possibly very long, crawler) line around the column."""
    line = line.replace("\t", " ")
    if len(line) <= width:
        return line.rstrip()
    start = max(0, column - 1 - width // 3)
    piece = line[start : start + width]
    return ("…" if start else "") + piece.rstrip() + ("…" if start + width < len(line) else "")
