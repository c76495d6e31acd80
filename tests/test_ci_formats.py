"""The CI formats validate against their schemas: JUnit against tests/schemas/junit.xsd (the
junit-10 layout), SARIF against tests/schemas/sarif-2.1.0-subset.schema.json with format
checks (a Chinese file name with a space, `<stdin>` and an unreadable file included)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from conftest import EXAMPLE, ROOT
from typer.testing import CliRunner

from gxlint.cli import app

SCHEMAS = Path(__file__).parent / "schemas"
DEFECTIVE = ROOT / "examples" / "2023_sample_bureau_with_defects.txt"


def _batch(tmp_path: Path, output_format: str, *extra: str) -> str:
    shutil.copy(DEFECTIVE, tmp_path / "2023年 统计局.txt")
    shutil.copy(EXAMPLE, tmp_path / "ok.txt")
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    result = CliRunner().invoke(
        app,
        ["check", "--format", output_format, str(tmp_path), "-", *extra],
        input=DEFECTIVE.read_bytes(),
    )
    assert result.exit_code == 2, result.stderr  # the broken .docx
    return result.stdout


def test_junit_is_valid_against_the_junit_10_layout(tmp_path: Path):
    schema = xmlschema.XMLSchema(str(SCHEMAS / "junit.xsd"))
    document = _batch(tmp_path, "junit")
    schema.validate(document)
    tree = schema.to_dict(document)
    suites = {s["@name"]: s for s in tree["testsuite"]}
    broken = next(s for name, s in suites.items() if name.endswith("broken.docx"))
    assert broken["@errors"] == 1 and broken["testcase"][0]["error"]
    defective = next(s for name, s in suites.items() if name.endswith("统计局.txt"))
    assert defective["@failures"] == 3  # GX301, GX230 (one wrong cell, three identities), GX404
    names = [(c["@classname"], c["@name"]) for s in tree["testsuite"] for c in s["testcase"]]
    assert len(names) == len(set(names))  # (classname, name) pairs are unique


def test_junit_fails_only_at_the_fail_level(tmp_path: Path):
    """With --fail-level none nothing fails (exit 0 would be wrong to contradict); warnings
    never fail at the default level."""
    document = _batch(tmp_path, "junit", "--fail-level", "none")
    xmlschema.XMLSchema(str(SCHEMAS / "junit.xsd")).validate(document)
    assert "<failure" not in document and "<error" in document  # the unreadable file stays


def test_sarif_is_valid_with_format_checks(tmp_path: Path):
    schema = json.loads((SCHEMAS / "sarif-2.1.0-subset.schema.json").read_text("utf-8"))
    document = json.loads(_batch(tmp_path, "sarif"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert "%3Cstdin%3E" in uris
    assert any(u.endswith("2023%E5%B9%B4%20%E7%BB%9F%E8%AE%A1%E5%B1%80.txt") for u in uris)
    gx230 = next(r for r in rules if r["id"] == "GX230")
    assert gx230["fullDescription"]["text"] and "GX230" in gx230["help"]["markdown"]
    # the wrong 总计 of the defective example: one result, its three identities as related places
    diagnosis = next(
        r
        for r in run["results"]
        if r["ruleId"] == "GX230" and "region" in r["locations"][0]["physicalLocation"]
    )
    related = diagnosis["relatedLocations"]
    assert [loc["message"]["text"][:5] for loc in related] == ["GX211", "GX212", "GX213"]
    assert {loc["physicalLocation"]["region"]["startLine"] for loc in related} == {51}


@pytest.mark.parametrize("bad_uri", ["a b.txt", "<stdin>"])
def test_the_sarif_check_catches_an_unencoded_uri(bad_uri: str):
    """The format check is live: the URIs gxlint once wrote fail it."""
    schema = json.loads((SCHEMAS / "sarif-2.1.0-subset.schema.json").read_text("utf-8"))
    location = {"physicalLocation": {"artifactLocation": {"uri": bad_uri}}}
    document = {
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "gxlint"}},
                "results": [{"message": {"text": "x"}, "locations": [location]}],
            }
        ],
    }
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert not validator.is_valid(document)


def test_the_rule_pages_in_docs_are_made_from_the_rule_files():
    """docs/rules/ is what `python -m gxlint.rule_docs docs/rules` writes: a changed rule file
    without regenerated pages fails here."""
    from gxlint.engine import load_rules
    from gxlint.rule_docs import pages

    folder = ROOT / "docs" / "rules"
    expected = pages(load_rules())
    assert sorted(p.name for p in folder.glob("*.md")) == sorted(expected)
    for name, text in expected.items():
        assert (folder / name).read_text("utf-8") == text, f"docs/rules/{name} is stale"
