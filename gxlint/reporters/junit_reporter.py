"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins): one test suite per
report file, one failed test case per finding, one passing case for a clean file."""

from __future__ import annotations

import xml.etree.ElementTree as ET


def render(results) -> str:
    """JUnit XML: a suite per file, a failing test case per finding (one passing case for a clean
    file)."""
    suites = ET.Element("testsuites", name="gxlint")
    total = failures = 0
    for result in results:
        suite = ET.SubElement(suites, "testsuite", name=result.path)
        findings = result.findings
        if not findings:
            ET.SubElement(suite, "testcase", name="gxlint", classname=result.path)
        for f in findings:
            place = f"{f.line}:{f.column}" if f.line else f.context.get("locator", "")
            case = ET.SubElement(
                suite, "testcase", name=f"{f.rule} {place}".strip(), classname=result.path
            )
            failure = ET.SubElement(case, "failure", message=f.message, type=str(f.severity))
            failure.text = f"{result.path}:{place} {f.rule} {f.message}"
        suite.set("tests", str(max(1, len(findings))))
        suite.set("failures", str(len(findings)))
        total += max(1, len(findings))
        failures += len(findings)
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)
