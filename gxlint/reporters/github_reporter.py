"""GitHub Actions workflow commands: each finding becomes an annotation on the file and line
in the pull request (`gxlint check --format github reports/`)."""

from __future__ import annotations

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(results) -> str:
    """GitHub Actions workflow commands (`::error file=…`), one per finding."""
    lines = []
    for result in results:
        for f in result.findings:
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
    return "\n".join(lines)
