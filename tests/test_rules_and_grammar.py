"""Every rule file validates; a broken rule file is a clear error; the grammar is conflict-free."""

from __future__ import annotations

from pathlib import Path

import pytest

from gxlint.engine import load_rule, load_rules
from gxlint.errors import RuleFileError


def test_rule_schema_is_a_valid_draft_2020_12_schema():
    import json

    from jsonschema import Draft202012Validator

    from gxlint.resources import data_dir

    schema = json.loads((data_dir("rules") / "schema" / "rule.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)  # raises SchemaError on a broken schema


def test_rule_without_examples_is_rejected(tmp_path: Path):
    """Every rule has examples; `gxlint explain` prints them."""
    bad = tmp_path / "GX998.yaml"
    bad.write_text(
        "id: GX998\nname: x\ntitle: t\nseverity: error\nbasis: b\ncheck: nonempty\nmessage: m\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as err:
        load_rule(bad)
    assert "GX998.yaml" in str(err.value) and "examples" in str(err.value)


def test_all_rule_files_validate():
    rules = load_rules()
    assert len({r.id for r in rules}) == len(rules) >= 20


_ENGLISH = "title_en: t\nmessage_en: m\nfix: f\nfix_en: f\n"


def test_english_message_must_have_the_same_problem_kinds(tmp_path: Path):
    """A rule with one message per kind of problem needs an English message for each kind:
    otherwise --lang en would fail on the first finding of the missing kind."""
    bad = tmp_path / "GX497.yaml"
    bad.write_text(
        "id: GX497\nname: x\ntitle: t\nseverity: warning\nbasis: b\ncheck: calendar_period\n"
        "message: {no_dates: a, not_calendar_year: b}\nmessage_en: {no_dates: a}\n"
        "title_en: t\nfix: f\nfix_en: f\nexamples: {fail: f, pass: p}\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as err:
        load_rule(bad)
    assert "GX497.yaml" in str(err.value) and "message_en" in str(err.value)


def test_unknown_key_in_rule_file_names_file_and_key(tmp_path: Path):
    bad = tmp_path / "GX999.yaml"
    bad.write_text(
        "id: GX999\nname: x\ntitle: t\nseverity: error\nbasis: b\ncheck: sum\n"
        "message: m\nexamples: {fail: f, pass: p}\n"
        "params: {table: apply, total: t, parts: [a], colour: red}\n" + _ENGLISH,
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as err:
        load_rule(bad)
    assert "GX999.yaml" in str(err.value) and "params" in str(err.value)


def test_grammar_builds_strict():
    from gxlint.parse.outline import outline_parser

    outline_parser.__wrapped__(strict=True)


def test_digit_runs_split_only_when_unambiguous():
    from gxlint.split import candidate_splits

    assert candidate_splits(["0000000"], 7) == [["0"] * 7]
    assert candidate_splits(["101"], 3) == [["1", "0", "1"]]
    assert len(candidate_splits(["18535395"], 2)) > 1
