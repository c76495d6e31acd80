"""The engine works out once per rule list, selection and template which rules run (engine
`_plan`) and keeps it. A kept plan must never answer for another selection or rule list."""

from __future__ import annotations

from pathlib import Path

from gxlint.engine import lint_bytes, load_rules

SEED = Path(__file__).parent / "corpus" / "seeds" / "001_82f019a8d9904d2c.txt"


def _rules_found(rules, select) -> list[str]:
    result = lint_bytes(SEED.read_bytes(), SEED.name, rules, select=select)
    return sorted({f.rule for f in result.findings})


def test_each_selection_gets_its_own_rules_not_a_kept_plan():
    rules = load_rules()
    assert _rules_found(rules, {"GX104", "GX302"}) == ["GX104", "GX302"]
    assert _rules_found(rules, {"GX511"}) == ["GX511"]  # a new set: a new plan
    assert _rules_found(rules, None) == ["GX104", "GX302", "GX303", "GX511"]


def test_a_selection_grown_in_place_is_planned_again():
    rules = load_rules()
    select = {"GX104"}
    assert _rules_found(rules, select) == ["GX104"]
    select.add("GX511")  # same object, one more rule: the kept plan is stale
    assert _rules_found(rules, select) == ["GX104", "GX511"]


def test_a_shorter_rule_list_runs_only_its_rules():
    rules = load_rules()
    assert "GX303" in _rules_found(rules, None)
    without = [r for r in rules if r.id != "GX303"]
    found = _rules_found(without, None)
    assert "GX303" not in found and "GX302" in found
