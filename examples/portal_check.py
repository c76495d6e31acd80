#!/usr/bin/env python3
"""Pre-submit check for a reporting portal: one report in, one JSON verdict out.

    python examples/portal_check.py 报告.docx            # a file the agency uploaded
    python examples/portal_check.py - < 报告.txt          # or its bytes on standard input

Prints a verdict such as

    {"accepted": false, "file": "报告.docx", "errors": 2, "warnings": 1,
     "findings": [{"rule": "GX230", "severity": "error", "message": "…", "where": "第51行"}]}

and exits 0 when the report is accepted (no error-level finding), 1 when it is refused, 2 when
it could not be read (the verdict then says why). The portal shows `findings` to the agency.

It runs the installed `gxlint` command and reads its JSON output (docs/output.md), the
interface gxlint keeps stable; a portal in another language does the same in a few lines.
Set GXLINT to the command if it is not on PATH, e.g. GXLINT="python -m gxlint".
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys


def verdict(report: str, stdin: bytes | None = None) -> tuple[dict, int]:
    """(verdict, exit code) for one report path, or for `stdin` when `report` is '-'."""
    command = shlex.split(os.environ.get("GXLINT", "gxlint"))
    command += ["check", "--format", "json", "--fail-level", "error", report]
    if report == "-":
        command += ["--stdin-filename", "报告"]
    try:
        run = subprocess.run(command, input=stdin, capture_output=True, check=False)
    except OSError as exc:
        return {"accepted": False, "file": report, "problem": f"无法运行 gxlint：{exc}"}, 2
    try:
        document = json.loads(run.stdout)
    except ValueError:
        problem = run.stderr.decode("utf-8", "replace").strip() or "gxlint 没有给出结果"
        return {"accepted": False, "file": report, "problem": problem}, 2
    findings = [
        {
            "rule": f["rule"],
            "severity": f["severity"],
            "message": f["message"],
            "where": f"第{f['line']}行" if f["line"] else f["context"].get("locator", ""),
        }
        for result in document["files"]
        for f in result["findings"]
    ]
    summary = document["summary"]
    code = run.returncode if run.returncode in (0, 1, 2) else 2
    result = {
        "accepted": code == 0,
        "file": report,
        "errors": summary["error"],
        "warnings": summary["warning"],
        "findings": findings,
    }
    return result, code


def main() -> int:
    """Check the one report named on the command line."""
    if len(sys.argv) != 2:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    report = sys.argv[1]
    stdin = sys.stdin.buffer.read() if report == "-" else None
    result, code = verdict(report, stdin)
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
