"""GitLab Code Quality (`gxlint check --format gitlab > gl-code-quality-report.json`): the
merge request shows which findings a change adds or fixes.

GitLab compares reports between branches by `fingerprint`, so a fingerprint names what a
finding is about and not where it is (the baseline's key: rule, table/row/column or quoted
sentence; never the line number): moving a paragraph does not make its findings "new". Two
findings with the same key in one file are told apart by their order.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import PurePath

from gxlint.baseline import finding_key
from gxlint.reporters import indented_json

# GitLab's severities: info, minor, major, critical, blocker
_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(results) -> str:
    """One JSON array of Code Quality issues for the whole batch."""
    issues = []
    for result in results:
        seen: Counter[str] = Counter()
        path = PurePath(result.path).as_posix()
        for f in result.findings:
            key = f"{path}\n{finding_key(result, f)}"
            seen[key] += 1
            digest = hashlib.sha256(f"{key}\n{seen[key]}".encode()).hexdigest()
            locator = f.context.get("locator")
            issues.append(
                {
                    "description": f"{f.rule} {f.message}"
                    + (f"（位置：{locator}）" if locator else ""),
                    "check_name": f.rule,
                    "fingerprint": digest,
                    "severity": _SEVERITY[str(f.severity)],
                    "location": {"path": path, "lines": {"begin": f.line or 1}},
                }
            )
    return indented_json.dumps(issues)
