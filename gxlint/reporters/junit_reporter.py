"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins).

One test suite per report file and one test case per rule that found something in it (a
single passing case for a clean file), so (classname, name) pairs never repeat. A case fails
only when a finding is at or above the fail level, as the exit code does; findings below it are
listed in the case's output. An unreadable file is an `<error>`. The shape validates against
the common junit-10 schema (testsuite name, tests, failures, errors; testcase name, classname).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from gxlint.findings import Severity


def render(results, fail_level: Severity | None = Severity.ERROR) -> str:
    """JUnit XML for `results`; `fail_level` None: no finding fails a case."""
    suites = ET.Element("testsuites", name="gxlint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for result in results:
        counts = {"tests": 0, "failures": 0, "errors": 0}
        suite = ET.SubElement(suites, "testsuite", name=result.path)
        if result.unreadable:
            counts["tests"] = counts["errors"] = 1
            case = ET.SubElement(suite, "testcase", name="读取", classname=result.path)
            error = ET.SubElement(case, "error", message=result.findings[0].message)
            error.text = "\n".join(f"{f.rule} {f.message}" for f in result.findings)
        elif not result.findings:
            counts["tests"] = 1
            ET.SubElement(suite, "testcase", name="gxlint", classname=result.path)
        for rule, group in groupby(sorted(result.findings, key=lambda f: f.rule), lambda f: f.rule):
            if result.unreadable:
                break
            findings = list(group)
            counts["tests"] += 1
            case = ET.SubElement(suite, "testcase", name=rule, classname=result.path)
            lines = [
                f"{result.path}:{_place(f)} {f.rule} {f.severity.label} {f.message}"
                for f in findings
            ]
            failing = [f for f in findings if fail_level is not None and f.severity >= fail_level]
            if failing:
                counts["failures"] += 1
                failure = ET.SubElement(
                    case, "failure", message=failing[0].message, type=str(failing[0].severity)
                )
                failure.text = "\n".join(lines)
            else:
                ET.SubElement(case, "system-out").text = "\n".join(lines)
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        suites.set(key, str(value))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")


def _place(finding) -> str:
    if finding.line:
        return f"{finding.line}:{finding.column}"
    return finding.context.get("locator", "")
