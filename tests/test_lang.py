"""`--lang en` (and `lang: en` in .gxlint.yaml): rule messages, the text output, explain and
rules in English; Chinese stays the default, and baselines match either way."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT
from typer.testing import CliRunner

from gxlint.cli import app

runner = CliRunner()
DEFECTS = ROOT / "examples" / "2023_sample_bureau_with_defects.txt"


def _findings(output: str) -> dict[tuple[str, int | None], str]:
    doc = json.loads(output)
    return {(f["rule"], f["line"]): f["message"] for f in doc["files"][0]["findings"]}


def test_english_messages_name_the_same_places_as_the_chinese_ones():
    """The defects of the example report: the same rules at the same lines, the message in
    English (GX230 on line 51 names the cell and the value; GX211 without it states the
    equation; GX404 the dates as ISO dates)."""
    zh = runner.invoke(app, ["check", "-f", "json", str(DEFECTS)])
    en = runner.invoke(app, ["check", "-f", "json", "--lang", "en", str(DEFECTS)])
    assert zh.exit_code == en.exit_code == 1
    chinese, english = _findings(zh.stdout), _findings(en.stdout)
    assert chinese.keys() == english.keys()
    assert english[("GX230", 51)] == (
        "table 3, row “总计”, column “总计” holds 24; with 23 there, all 3 failing identities of"
        " the table (GX211, GX212, GX213) hold"
    )
    separate = runner.invoke(
        app, ["check", "-f", "json", "--lang", "en", "--ignore", "GX230", str(DEFECTS)]
    )
    assert _findings(separate.stdout)[("GX211", 51)] == (
        "table 3, column “总计”: (七) total 24 ≠ sum of the results 10+2+1+…+0 = 23"
    )
    assert english[("GX404", 67)].startswith("signed 2024-02-20, after the deadline 2024-01-31")
    assert chinese[("GX404", 67)].startswith("落款日期 2024年2月20日 晚于公布期限 2024年1月31日")
    assert json.loads(en.stdout)["files"][0]["template_reason"].startswith("report year 2023")


def test_text_output_in_english_from_the_config_file(tmp_path: Path, monkeypatch):
    (tmp_path / "r.txt").write_text(DEFECTS.read_text("utf-8"), encoding="utf-8")
    (tmp_path / ".gxlint.yaml").write_text("lang: en\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", "--no-source", "r.txt"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "r.txt  template 2021: report year 2023 (from the title) → the 2021 format"
    assert "     51:34  GX230 error  table 3, row “总计”, column “总计” holds 24" in result.stdout
    assert lines[-1] == "files checked: 1; error 3, warning 0, info 0"
    # the command line wins over the file
    chinese = runner.invoke(app, ["check", "--no-source", "--lang", "zh", "r.txt"])
    assert chinese.stdout.splitlines()[-1] == "检查了 1 个文件：错误 3，警告 0，提示 0"


def test_unreadable_files_are_explained_in_english(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(
        app, ["check", "-f", "json", "--lang", "en", str(empty), str(tmp_path / "gone.txt")]
    )
    assert result.exit_code == 2
    messages = {
        Path(f["path"]).name: f["findings"][0]["message"]
        for f in json.loads(result.stdout)["files"]
    }
    assert messages == {
        "empty.txt": "the file is empty: no report to check",
        "gone.txt": "no such file",
    }


def test_a_baseline_written_in_chinese_accepts_the_english_run(tmp_path: Path):
    baseline = tmp_path / "baseline.json"
    written = runner.invoke(app, ["check", "--write-baseline", str(baseline), str(DEFECTS)])
    assert written.exit_code == 0
    english = runner.invoke(
        app, ["check", "--lang", "en", "--baseline", str(baseline), str(DEFECTS)]
    )
    assert english.exit_code == 0, english.stdout


def test_explain_says_how_to_fix_in_either_language():
    chinese = runner.invoke(app, ["explain", "GX211"])
    assert "如何修改：核对表三该列的各项办理结果和“（七）总计”，改正填错的数字。" in chinese.stdout
    english = runner.invoke(app, ["explain", "GX211", "--lang", "en"])
    assert english.exit_code == 0
    assert "how to fix: Check the results in that column of table 3" in english.stdout
    assert "severity: error" in english.stdout


def test_rules_list_in_english():
    result = runner.invoke(app, ["rules", "--lang", "en"])
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert first == "GX001  error  [all]  The file cannot be read as a report"
