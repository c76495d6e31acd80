"""GX230: one diagnosis per wrong cell. The failing identities it explains are dropped from the
findings and kept as `context.related`; where no single change explains them all, or more than
one would, the identities are reported as before."""

from __future__ import annotations

from conftest import EXAMPLE, lint_text

GRANTED = "（一）予以公开 | 8 | 1 | 0 | 0 | 1 | 0 | 10"
PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 2 | 0 | 0 | 0 | 0 | 0 | 2"


def test_one_wrong_cell_replaces_its_identities_with_one_finding(rules):
    text = EXAMPLE.read_text("utf-8").replace(GRANTED, GRANTED.replace("| 8 |", "| 9 |"))
    findings = lint_text(text, rules).findings
    assert [(f.rule, f.line, f.column) for f in findings] == [("GX230", 30, 23)]
    (diagnosis,) = findings
    assert (diagnosis.context["row"], diagnosis.context["column"]) == ("results.granted", "natural")
    assert diagnosis.context["expected"] == 8
    related = [(r["rule"], r["line"]) for r in diagnosis.context["related"]]
    assert related == [("GX211", 51), ("GX212", 30)]


def test_two_wrong_cells_keep_their_separate_findings(rules):
    text = (
        EXAMPLE.read_text("utf-8")
        .replace(GRANTED, GRANTED.replace("| 8 |", "| 9 |"))
        .replace(PARTIAL, PARTIAL[:-1] + "3")
    )
    rules_found = [f.rule for f in lint_text(text, rules).findings]
    assert "GX230" not in rules_found
    assert rules_found.count("GX212") == 2 and "GX211" in rules_found


def test_identities_no_single_cell_explains_stay_separate(rules):
    """予以公开 gets one more 商业企业 application and its row total follows (the row is
    consistent): the 商业企业 and 总计 columns no longer add up. Changing one cell fixes one of
    them and breaks another identity, so no cell is named."""
    text = EXAMPLE.read_text("utf-8").replace(
        GRANTED, "（一）予以公开 | 8 | 2 | 0 | 0 | 1 | 0 | 11"
    )
    found = sorted((f.rule, f.line) for f in lint_text(text, rules).findings)
    assert found == [("GX211", 51), ("GX211", 51)]


def test_find_fix_needs_two_failing_identities():
    """A lone failing sum could be fixed at its total or at any part: no cell can be named."""
    from gxlint.diagnose import find_fix

    assert find_fix(table=None, findings=[object()], passes=lambda: True) is None  # type: ignore[list-item]


def test_without_gx230_the_identities_are_reported_one_by_one(rules):
    text = EXAMPLE.read_text("utf-8").replace(GRANTED, GRANTED.replace("| 8 |", "| 9 |"))
    selected = {r.id for r in rules} - {"GX230"}
    found = sorted((f.rule, f.line) for f in lint_text(text, rules, select=selected).findings)
    assert found == [("GX211", 51), ("GX212", 30)]
