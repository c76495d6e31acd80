"""Eras are data: template and table files are schema-checked, era choice reads them, and a
new era is YAML only (tests/fixtures/era_2031: the 2021 format with a renamed row, a new table
and a new identity rule)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLE

from gxlint.engine import lint_bytes, load_rules
from gxlint.eras import builtin_templates, load_template_set
from gxlint.errors import RuleFileError
from gxlint.resources import data_dir

FIXTURE = Path(__file__).parent / "fixtures" / "era_2031"
BUILTIN = data_dir("rules") / "templates"


def _report_2031(total: int) -> str:
    text = EXAMPLE.read_text("utf-8").replace("2023", "2031").replace("2024年", "2032年")
    text = text.replace("（一）予以公开 |", "（一）同意公开 |")
    table = f"公共数据开放情况\n数据类别 | 数量\n数据集总数 | {total}\n无条件开放数据集 | 6\n有条件开放数据集 | 3\n"
    marker = "六、其他需要报告的事项\n"
    assert marker in text
    return text.replace(marker, marker + table)


@pytest.fixture(scope="module")
def era_2031():
    templates = load_template_set([BUILTIN, FIXTURE / "templates"])
    rules = load_rules(eras=templates.ids) + load_rules(FIXTURE, eras=templates.ids)
    return templates, rules


def _check(text: str, era_2031):
    templates, rules = era_2031
    return lint_bytes(text.encode("utf-8"), "r.txt", rules, templates=templates)


def test_a_made_up_era_is_chosen_by_year_and_checked_with_yaml_only(era_2031):
    result = _check(_report_2031(total=10), era_2031)
    assert (result.template, result.year) == ("2031", 2031)
    (finding,) = [f for f in result.findings if f.rule == "GX290"]
    assert finding.message == "公共数据开放情况“数量”：数据集总数 10 ≠ 6+3 = 9"
    assert finding.line == 66  # the 数据集总数 row
    # the renamed row is read: 表三's identities hold, nothing is missing
    others = [f for f in result.findings if f.rule != "GX290"]
    assert not [f for f in others if f.rule.startswith(("GX2", "GX0"))], others


def test_the_made_up_era_keeps_the_2021_rows_and_rules(era_2031):
    text = _report_2031(total=9).replace(
        "（七）总计 | 20 | 2 | 0 | 0 | 1 | 0 | 23", "（七）总计 | 20 | 2 | 0 | 0 | 1 | 0 | 24"
    )
    result = _check(text, era_2031)
    # the 2021 identities still run: the wrong 总计 is diagnosed at its cell
    assert [(f.rule, f.line) for f in result.findings if f.rule == "GX230"] == [("GX230", 51)]
    assert "GX290" not in {f.rule for f in result.findings}


def test_the_builtin_eras_come_from_the_files():
    templates = builtin_templates()
    assert templates.ids == ["2021", "2019", "2008"]
    assert [templates.for_year(y).id for y in (2005, 2012, 2019, 2020, 2021, 2040)] == [
        "2008",
        "2008",
        "2019",
        "2019",
        "2021",
        "2021",
    ]
    assert templates.default().id == "2021"
    deadline = templates.get("2019").deadlines["department"]
    assert (deadline.month, deadline.day) == (1, 31)


def test_an_unknown_key_in_a_template_file_names_the_file_and_key(tmp_path: Path):
    (tmp_path / "2040.yaml").write_text(
        'id: "2040"\nname: x\nbasis: x\nyears: [2040, null]\nextends: "2021"\ncolour: red\n',
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError, match=r"2040\.yaml: 键 \(顶层\): .*colour"):
        load_template_set([BUILTIN, tmp_path])


def test_an_unknown_key_in_a_table_file_names_the_file_and_key(tmp_path: Path):
    (tmp_path / "tables").mkdir()
    (tmp_path / "2040.yaml").write_text(
        'id: "2040"\nname: x\nbasis: x\nyears: [2040, null]\nextends: "2021"\nadd_tables: [t]\n',
        encoding="utf-8",
    )
    (tmp_path / "tables" / "t.yaml").write_text(
        "key: t\ntitle: t\nname: t\nname_en: t\nsection: other\nanchors: [t]\nrows:\n  - {key: a, label: a, only: '2021'}\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError, match=r"t\.yaml: 键 rows/0: .*only"):
        load_template_set([BUILTIN, tmp_path])


def test_a_rule_naming_an_unknown_era_is_refused(tmp_path: Path):
    (tmp_path / "GX2").mkdir()
    rule = (FIXTURE / "GX2" / "GX290.yaml").read_text("utf-8")
    (tmp_path / "GX2" / "GX290.yaml").write_text(rule, encoding="utf-8")
    with pytest.raises(RuleFileError, match="键 templates: 没有格式 2031"):
        load_rules(tmp_path)
