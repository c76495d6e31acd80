"""Reporters only format: they take FileResults and write them out.

`text` streams (gxlint.reporters.text_reporter.render); the others write one document for the
whole batch and are chosen by name here.
"""

from __future__ import annotations


def render_document(
    name: str, results: list, rules: list, fail_level=None, lang: str = "zh"
) -> str:
    """The whole batch as one document in format `name` (json, html, github, gitlab, sarif, junit);
    `fail_level` (a Severity, or None for none) decides which findings fail a JUnit case. The
    findings come in their language already; `lang` chooses SARIF's rule descriptions."""
    if name == "json":
        from gxlint.reporters import json_reporter

        return json_reporter.render(results)
    if name == "github":
        from gxlint.reporters import github_reporter

        return github_reporter.render(results)
    if name == "sarif":
        from gxlint.reporters import sarif_reporter

        return sarif_reporter.render(results, rules, lang)
    if name == "html":
        from gxlint.reporters import html_reporter

        return html_reporter.render(results)
    if name == "gitlab":
        from gxlint.reporters import gitlab_reporter

        return gitlab_reporter.render(results)
    if name == "junit":
        from gxlint.reporters import junit_reporter

        return junit_reporter.render(results, fail_level)
    raise ValueError(f"unknown output format {name!r}")
