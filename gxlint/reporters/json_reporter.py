"""The JSON output contract (docs/output.md): files, findings, summary."""

from __future__ import annotations

from gxlint import __version__
from gxlint.findings import Severity
from gxlint.reporters import indented_json


def render(results) -> str:
    """The JSON document of docs/output.md."""
    summary = {"files": len(results), "error": 0, "warning": 0, "info": 0}
    for r in results:
        for f in r.findings:
            summary[str(f.severity)] += 1
    doc = {"version": __version__, "files": [r.to_dict() for r in results], "summary": summary}
    # FileResult.to_dict never includes the decoded source
    return indented_json.dumps(doc)


def count(results, level: Severity) -> int:
    """Findings at exactly this severity over all results."""
    return sum(1 for r in results for f in r.findings if f.severity >= level)
