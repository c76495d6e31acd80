"""Reporters only format: they take FileResults and write them out.

`text` streams (gxlint.reporters.text_reporter.render); the others write one document for the
whole batch and are chosen by name here.
"""

from __future__ import annotations


def render_document(name: str, results: list, rules: list) -> str:
    """The whole batch as one document in format `name` (json, github, sarif, junit)."""
    if name == "json":
        from gxlint.reporters.json_reporter import render

        return render(results)
    if name == "github":
        from gxlint.reporters.github_reporter import render

        return render(results)
    if name == "sarif":
        from gxlint.reporters.sarif_reporter import render

        return render(results, rules)
    if name == "junit":
        from gxlint.reporters.junit_reporter import render

        return render(results)
    raise ValueError(f"unknown output format {name!r}")
