"""SARIF 2.1.0, for code-scanning dashboards and any tool that reads static-analysis results.
Findings in .docx/.html/.pdf have no line; their locator goes into the message and into a
logical location."""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from urllib.parse import quote

from gxlint import __version__
from gxlint.baseline import finding_key
from gxlint.reporters import indented_json
from gxlint.rule_docs import markdown

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _full(rule, lang: str) -> str:
    if lang == "en":
        return f"{rule.title_en}. {rule.fix_en}"
    return rule.description or rule.title


def _help(rule, lang: str) -> str:
    if lang == "en":
        return f"Basis: {rule.basis}. How to fix: {rule.fix_en}"
    return f"依据：{rule.basis}。如何修改：{rule.fix}"


def render(results, rules, lang: str = "zh") -> str:
    """SARIF 2.1.0 for code-scanning views, rules described from their files (in English with
    `lang` en: the title and how to fix; the basis cites Chinese documents as they are named)."""
    used = sorted({f.rule for r in results for f in r.findings})
    by_id = {r.id: r for r in rules}
    driver_rules = [
        {
            "id": rule_id,
            "name": by_id[rule_id].name,
            "shortDescription": {"text": by_id[rule_id].title_in(lang)},
            "fullDescription": {"text": _full(by_id[rule_id], lang)},
            "help": {
                "text": _help(by_id[rule_id], lang),
                "markdown": markdown(by_id[rule_id]),  # the rule's page in docs/rules/
            },
            "defaultConfiguration": {"level": _LEVEL[str(by_id[rule_id].severity)]},
        }
        for rule_id in used
        if rule_id in by_id
    ]
    index = {d["id"]: i for i, d in enumerate(driver_rules)}
    sarif_results = []
    for result in results:
        for f in result.findings:
            location: dict = {"physicalLocation": {"artifactLocation": {"uri": _uri(result.path)}}}
            if f.line:
                region = {"startLine": f.line}
                if f.column:
                    region["startColumn"] = f.column
                if f.end_line:
                    region["endLine"] = f.end_line
                if f.end_column:
                    region["endColumn"] = f.end_column
                location["physicalLocation"]["region"] = region
            locator = f.context.get("locator")
            if locator:
                location["logicalLocations"] = [{"fullyQualifiedName": locator}]
            entry = {
                "ruleId": f.rule,
                "level": _LEVEL[str(f.severity)],
                "message": {"text": f.message + (f"（位置：{locator}）" if locator else "")},
                "locations": [location],
                # what the finding is about, not where: stable when lines move (as the baseline)
                "partialFingerprints": {"gxlint/v1": _fingerprint(result, f)},
            }
            if f.rule in index:
                entry["ruleIndex"] = index[f.rule]
            related = _related_locations(result.path, f)
            if related:
                entry["relatedLocations"] = related
            sarif_results.append(entry)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {"name": "gxlint", "version": __version__, "rules": driver_rules}
                },
                "results": sarif_results,
            }
        ],
    }
    return indented_json.dumps(doc)


def _related_locations(path: str, finding) -> list[dict]:
    """The identities a one-cell diagnosis (GX230) explains, as SARIF related locations."""
    out = []
    for i, related in enumerate(finding.context.get("related", []), start=1):
        location: dict = {
            "id": i,
            "physicalLocation": {"artifactLocation": {"uri": _uri(path)}},
            "message": {"text": f"{related['rule']} {related['message']}"},
        }
        if related.get("line"):
            region = {"startLine": related["line"]}
            if related.get("column"):
                region["startColumn"] = related["column"]
            location["physicalLocation"]["region"] = region
        if related.get("locator"):
            location["logicalLocations"] = [{"fullyQualifiedName": related["locator"]}]
        out.append(location)
    return out


def _uri(path: str) -> str:
    """A relative URI reference: `/` separators, everything else percent-encoded (Chinese
    names, spaces, `<stdin>`)."""
    return quote(PurePath(path).as_posix(), safe="/")


def _fingerprint(result, finding) -> str:
    key = f"{result.path}\n{finding_key(result, finding)}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()
