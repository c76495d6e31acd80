"""gxlint in a repository of reports and as a hook: which files a folder scan takes, accepting
known findings (baseline, per-file ignores, --exit-zero), all through the command line."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, EXAMPLE, check_json
from hostile import GOOD_RULE, good_report
from typer.testing import CliRunner

from gxlint.cli import app


def _check(*args: str, cwd: Path | None = None):
    """Run `gxlint check --format json ARGS` in `cwd`; (exit code, {path: findings}, stderr)."""
    code, files, stderr = check_json(*args, cwd=cwd)
    return code, {f["path"]: f["findings"] for f in files}, stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A folder of reports with the junk a real checkout has around them."""
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "2023.txt").write_text(good_report(), encoding="utf-8")
    (tmp_path / "reports" / "~$2023.docx").write_bytes(b"\x00lock")  # Word's lock file
    for junk in (".hidden", "node_modules", "venv/lib", "ignored", "drafts"):
        (tmp_path / junk).mkdir(parents=True)
        (tmp_path / junk / "x.txt").write_text("not a report", encoding="utf-8")
    (tmp_path / "venv" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("ignored/\n", encoding="utf-8")
    return tmp_path


def test_a_folder_scan_takes_only_reports(repo: Path):
    code, files, _ = _check(".", cwd=repo)
    assert sorted(files) == ["drafts/x.txt", "reports/2023.txt"]
    assert code == 1  # the report's own defect, nothing from the junk


def test_exclude_patterns_extend_or_replace_the_defaults(repo: Path):
    _, files, _ = _check(".", "--extend-exclude", "drafts/", cwd=repo)
    assert sorted(files) == ["reports/2023.txt"]
    # --exclude replaces the default list: hidden folders and lock files come back
    _, files, _ = _check(".", "--exclude", "drafts/,ignored/", cwd=repo)
    assert ".hidden/x.txt" in files and "reports/~$2023.docx" in files
    assert "node_modules/x.txt" in files and "ignored/x.txt" not in files


def test_a_file_named_on_the_command_line_is_checked_unless_forced(repo: Path):
    lock = "reports/~$2023.docx"
    _, files, _ = _check(lock, "reports/2023.txt", cwd=repo)
    assert lock in files
    _, files, _ = _check(lock, "reports/2023.txt", "--force-exclude", cwd=repo)
    assert sorted(files) == ["reports/2023.txt"]


def test_the_same_file_given_three_ways_is_checked_once(repo: Path):
    path = "reports/2023.txt"
    _, files, _ = _check(path, "./" + path, str(repo / path), cwd=repo)
    assert list(files) == [path]


# --- accepting findings ----------------------------------------------------------------------


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """The real reports of the test corpus, with their real defects."""
    shutil.copytree(CORPUS / "real", tmp_path / "real")
    shutil.copytree(CORPUS / "seeds", tmp_path / "seeds")
    return tmp_path


def test_a_baseline_accepts_what_is_there_and_catches_what_is_new(reports: Path):
    code, files, _ = _check(".", cwd=reports)
    assert code == 1
    code, _, stderr = _check(".", "--write-baseline", "baseline.json", cwd=reports)
    assert code == 0 and "写入基线" in stderr
    code, files, _ = _check(".", "--baseline", "baseline.json", cwd=reports)
    assert code == 0 and not any(files.values())
    # moving lines (two inserted at the top) keeps accepted findings accepted
    shanghai = reports / "real" / "2019_shanghai_szfbgt.txt"
    lines = shanghai.read_text("utf-8").split("\n")
    shanghai.write_text("\n".join([lines[0], "", "（本报告经审核后公布。）", *lines[1:]]), "utf-8")
    code, files, _ = _check(".", "--baseline", "baseline.json", cwd=reports)
    assert code == 0 and not any(files.values())
    # one table number changed: a new defect, reported at its line
    text = shanghai.read_text("utf-8").replace("\n5 |  |  | 2 | 7 | 8 |", "\n5 |  |  | 2 | 8 | 8 |")
    shanghai.write_text(text, "utf-8")
    code, files, _ = _check(".", "--baseline", "baseline.json", cwd=reports)
    assert code == 1
    new = files["real/2019_shanghai_szfbgt.txt"]
    assert ("GX214", 79) in {(f["rule"], f["line"]) for f in new}
    assert all(not f for path, f in files.items() if path != "real/2019_shanghai_szfbgt.txt")


def test_a_moved_report_keeps_its_accepted_findings(reports: Path):
    _check(".", "--write-baseline", "baseline.json", cwd=reports)
    (reports / "real" / "2016_pingtan_jfj.txt").rename(reports / "seeds" / "renamed.txt")
    code, files, _ = _check(".", "--baseline", "baseline.json", cwd=reports)
    assert code == 0 and files["seeds/renamed.txt"] == []


def test_fixed_findings_are_reported_as_stale(reports: Path):
    _check(".", "--write-baseline", "baseline.json", cwd=reports)
    report = reports / "real" / "2016_pingtan_jfj.txt"
    report.write_text(report.read_text("utf-8").replace("占22%", "占24.1%"), "utf-8")
    code, _, stderr = _check(".", "--baseline", "baseline.json", cwd=reports)
    assert code == 0 and "基线中有 1 条已接受的问题这次没有出现" in stderr


def test_per_file_ignores_and_exit_zero(tmp_path: Path):
    (tmp_path / "2010").mkdir()
    late = EXAMPLE.read_text("utf-8").replace("2024年1月20日", "2024年2月20日")
    (tmp_path / "2010" / "r.txt").write_text(late, encoding="utf-8")
    code, files, _ = _check(".", cwd=tmp_path)
    assert code == 1 and [f["rule"] for f in files["2010/r.txt"]] == ["GX404"]
    (tmp_path / ".gxlint.yaml").write_text(
        'per-file-ignores: {"2010/*": [GX4]}\n', encoding="utf-8"
    )
    code, files, _ = _check(".", cwd=tmp_path)
    assert code == 0 and files["2010/r.txt"] == []
    (tmp_path / ".gxlint.yaml").unlink()
    assert _check(".", "--exit-zero", cwd=tmp_path)[0] == 0
    assert _check(".", "--fail-level", "none", cwd=tmp_path)[0] == 0


def test_a_damaged_baseline_is_one_line_and_exit_two(tmp_path: Path):
    (tmp_path / "r.txt").write_text(good_report(), encoding="utf-8")
    (tmp_path / "b.json").write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", str(tmp_path / "r.txt"), "--baseline", str(tmp_path / "b.json")]
    )
    assert result.exit_code == 2 and "无法读取基线文件" in result.stderr
    assert GOOD_RULE not in result.stdout  # nothing checked against an unreadable baseline


# --- options that behave as in ruff -----------------------------------------------------------


def _rules_found(tmp_path: Path, *args: str) -> list[str]:
    _code, files, _ = _check("r.txt", *args, cwd=tmp_path)
    return sorted({f["rule"] for f in files["r.txt"]})


def test_select_and_ignore_accumulate_extend_or_replace(tmp_path: Path):
    """A 2008-era report with GX104, GX302, GX303 and GX511 findings."""
    shutil.copy(CORPUS / "seeds" / "001_82f019a8d9904d2c.txt", tmp_path / "r.txt")
    assert _rules_found(tmp_path, "--select", "GX3", "--select", "GX5") == [
        "GX302",
        "GX303",
        "GX511",
    ]
    (tmp_path / ".gxlint.yaml").write_text("select: [GX3]\nignore: [GX303]\n", encoding="utf-8")
    assert _rules_found(tmp_path) == ["GX302"]
    assert _rules_found(tmp_path, "--extend-select", "GX5") == ["GX302", "GX511"]
    assert _rules_found(tmp_path, "--select", "GX1") == ["GX104"]  # replaces select: [GX3]
    assert _rules_found(tmp_path, "--extend-ignore", "GX302") == []
    assert _rules_found(tmp_path, "--ignore", "GX302") == ["GX303"]  # replaces ignore: [GX303]


def test_explain_and_check_on_a_gbk_stream_never_raise(tmp_path: Path):
    """Chinese Windows redirects output as GBK, which has no ✗ or ✓."""
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    for args in (
        ["explain", "GX211"],
        ["check", str(CORPUS / "seeds" / "001_82f019a8d9904d2c.txt")],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "gxlint", *args], capture_output=True, env=env, timeout=120
        )
        assert b"Traceback" not in done.stderr and done.returncode in (0, 1), done.stderr
        assert "级别：错误" in done.stdout.decode("gbk") or args[0] == "check"


def test_severities_are_chinese_in_rules_and_explain():
    rules = CliRunner().invoke(app, ["rules"])
    # GX211 reads 表三, which only the 2019 and 2021 formats have
    assert "GX211  错误  [2019,2021]" in rules.stdout and "GX003  警告  [全部]" in rules.stdout
    assert "级别：警告" in CliRunner().invoke(app, ["explain", "GX003"]).stdout


def test_sarif_uris_are_encoded_and_fingerprints_survive_moved_lines(tmp_path: Path):
    report = tmp_path / "2023年 报告.txt"
    report.write_text(good_report(), encoding="utf-8")

    def sarif() -> dict:
        result = CliRunner().invoke(app, ["check", "--format", "sarif", str(report)])
        return json.loads(result.stdout)["runs"][0]

    first = sarif()
    location = first["results"][0]["locations"][0]["physicalLocation"]
    assert (
        "%E5%B9%B4%20" in location["artifactLocation"]["uri"]
        and " " not in location["artifactLocation"]["uri"]
    )
    before = {r["partialFingerprints"]["gxlint/v1"] for r in first["results"]}
    report.write_text("\n\n" + good_report(), encoding="utf-8")  # every line moves down by two
    after = sarif()
    assert {r["partialFingerprints"]["gxlint/v1"] for r in after["results"]} == before
    assert after["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == (
        location["region"]["startLine"] + 2
    )


def test_github_annotations_are_capped_and_the_summary_lists_everything(
    tmp_path: Path, monkeypatch
):
    shanghai = CORPUS / "real" / "2019_shanghai_szfbgt.txt"  # 13 errors, 25 warnings
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = CliRunner().invoke(app, ["check", "--format", "github", str(shanghai)])
    lines = result.stdout.strip().split("\n")
    assert [line.split(" ", 1)[0] for line in lines[:10]] == ["::error"] * 10
    assert sum(line.startswith("::warning") for line in lines) == 10
    assert lines[-1].startswith("::notice") and "另有 18 个问题" in lines[-1]
    table = summary.read_text("utf-8")
    assert table.startswith("### gxlint：38 个问题") and table.count("\n| ") == 39  # header + 38


def test_quiet_output_file_color_and_the_batch_summary(tmp_path: Path):
    (tmp_path / "bad.txt").write_text(good_report(), encoding="utf-8")
    (tmp_path / "clean.txt").write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "out.txt"
    result = CliRunner().invoke(
        app, ["check", str(tmp_path), "--no-source", "-o", str(out), "--color", "always"]
    )
    assert result.exit_code == 2 and result.stdout == ""
    text = out.read_text("utf-8")
    assert "\x1b[" in text  # colours forced into a file
    assert "有错误的文件 1 个：" in text and f"1 个错误  {tmp_path / 'bad.txt'}" in text
    assert f"无法读取或超出限制的文件 1 个：\n  {tmp_path / 'empty.txt'}" in text
    quiet = CliRunner().invoke(app, ["check", str(tmp_path), "-q", "--color", "never"])
    assert "clean.txt" not in quiet.stdout and "检查了" not in quiet.stdout
    assert "GX211" in quiet.stdout and "\x1b[" not in quiet.stdout


def test_an_output_file_that_cannot_be_written_is_one_line_and_exit_two(tmp_path: Path):
    (tmp_path / "r.txt").write_text(good_report(), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", str(tmp_path / "r.txt"), "-o", str(tmp_path / "missing" / "out.txt")]
    )
    assert result.exit_code == 2 and "无法写入输出文件" in result.stderr


def test_the_readme_shows_the_real_output_of_the_defective_example():
    """The README's "What it looks like" block is what gxlint prints today."""
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    shown = readme.split("$ gxlint check examples/2023_sample_bureau_with_defects.txt\n", 1)[1]
    shown = shown.split("\n```", 1)[0]
    old = os.getcwd()
    os.chdir(Path(__file__).parent.parent)
    try:
        result = CliRunner().invoke(
            app, ["check", "--color", "never", "examples/2023_sample_bureau_with_defects.txt"]
        )
    finally:
        os.chdir(old)
    assert result.exit_code == 1
    assert result.stdout.rstrip("\n") == shown


def test_parse_shows_what_was_recognised(tmp_path: Path):
    example = Path(__file__).parent.parent / "examples" / "2023_sample_bureau_with_defects.txt"
    result = CliRunner().invoke(app, ["parse", str(example)])
    assert result.exit_code == 0
    lines = result.stdout.split("\n")
    assert lines[0] == "格式：2021（报告年度 2023（取自标题）→ 2021 格式）"
    assert "  三、收到和处理政府信息公开申请情况（第24行）  → apply" in lines
    assert any(
        line.startswith("    new  本年新收政府信息公开申请数量：natural=20，") for line in lines
    )
    assert "  第8行  全年新收政府信息公开申请 25件  [本年]" in lines
    (tmp_path / "empty.txt").write_bytes(b"")
    bad = CliRunner().invoke(app, ["parse", str(tmp_path / "empty.txt")])
    assert bad.exit_code == 2 and "文件为空" in bad.stderr
    (tmp_path / "long.txt").write_text("短行\n" * 250_000, encoding="utf-8")
    over = CliRunner().invoke(app, ["parse", str(tmp_path / "long.txt")])
    assert over.exit_code == 2 and "limits.lines" in over.stderr  # the same limits as check


def test_config_is_found_from_the_files_not_the_current_folder(tmp_path: Path):
    """ruff's rule: the configuration next to the reports applies wherever gxlint is run."""
    repo = tmp_path / "repo"
    (repo / "reports").mkdir(parents=True)
    example = Path(__file__).parent.parent / "examples" / "2023_sample_bureau_with_defects.txt"
    shutil.copy(example, repo / "reports" / "r.txt")
    (repo / "pyproject.toml").write_text('[tool.gxlint]\nignore = ["GX404"]\n', "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _code, files, _ = _check(str(repo / "reports"), cwd=elsewhere)
    rules = {f["rule"] for findings in files.values() for f in findings}
    assert "GX230" in rules and "GX404" not in rules
    shown = CliRunner().invoke(app, ["check", "--show-settings", str(repo / "reports")])
    assert shown.exit_code == 0
    assert f"配置文件：{repo / 'pyproject.toml'}" in shown.stdout and "GX404" not in shown.stdout


def test_each_file_is_checked_with_its_closest_configuration(tmp_path: Path):
    """A sub-folder's .gxlint.yaml applies to its reports, the root's to the others; its
    per-file-ignores are relative to its own folder; --config applies one file to all."""
    late = EXAMPLE.read_text("utf-8").replace("2024年1月20日", "2024年2月20日")
    (tmp_path / "old" / "2010").mkdir(parents=True)
    (tmp_path / "new.txt").write_text(late, encoding="utf-8")
    (tmp_path / "old" / "2010" / "r.txt").write_text(late, encoding="utf-8")
    (tmp_path / "old" / "plain.txt").write_text(late, encoding="utf-8")
    (tmp_path / ".gxlint.yaml").write_text("select: [GX4]\n", encoding="utf-8")
    (tmp_path / "old" / ".gxlint.yaml").write_text(
        'select: [GX2]\nper-file-ignores: {"2010/*": [GX4]}\n', encoding="utf-8"
    )
    code, files, _ = _check(".", cwd=tmp_path)
    assert code == 1
    assert [f["rule"] for f in files["new.txt"]] == ["GX404"]  # the root's select
    assert files["old/plain.txt"] == [] and files["old/2010/r.txt"] == []  # old/'s select: GX2
    _code, files, _ = _check(".", "--extend-select", "GX4", cwd=tmp_path)
    assert [f["rule"] for f in files["old/plain.txt"]] == ["GX404"]
    assert files["old/2010/r.txt"] == []  # ignored by old/.gxlint.yaml's per-file-ignores
    _code, files, _ = _check(".", "--config", ".gxlint.yaml", cwd=tmp_path)
    assert [f["rule"] for f in files["old/plain.txt"]] == ["GX404"]  # one config for all
    (tmp_path / "old" / ".gxlint.yaml").write_text("select: [GX999]\n", encoding="utf-8")
    code, _files, stderr = _check(".", cwd=tmp_path)
    assert code == 2 and "GX999" in stderr
