"""Checks across years (GX6xx) on series of one agency's reports, and how reports are placed in
series (series.py, --show-series, --history, series-aliases).

The fixtures in tests/series/ are the text of the 平潭综合实验区交通与建设局 pages in
tests/corpus/real-html (2019–2025, as gxlint reads them) — see tests/series/README.md for what
was edited in each folder to make its defect."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import check_json
from typer.testing import CliRunner

from gxlint.cli import app
from gxlint.series import Identity, Member, group, split_name

SERIES = Path(__file__).parent / "series"


def _check(*args: str, cwd: Path | None = None) -> tuple[int, dict[str, list[dict]], str]:
    """`gxlint check --format json ARGS`: (exit code, {file name: findings}, stderr)."""
    code, files, stderr = check_json(*args, cwd=cwd)
    return code, {Path(f["path"]).name: f["findings"] for f in files}, stderr


def _across_years(files: dict[str, list[dict]]) -> dict[str, list[tuple[str, int, int]]]:
    """GX6xx and GX530 findings by file: (rule, line, column)."""
    return {
        name: [
            (f["rule"], f["line"], f["column"]) for f in found if f["rule"][:3] in ("GX6", "GX5")
        ]
        for name, found in files.items()
        if any(f["rule"][:3] == "GX6" or f["rule"] == "GX530" for f in found)
    }


def test_a_consistent_series_2019_to_2023_stays_quiet():
    """Real pages: carry-overs 0, 现行有效 12 → 16 → 15 as 制发/废止 say, 2019 → 2020 items and
    totals continue; the era changes from 2019 to 2021 format between 2020 and 2021."""
    _code, files, _ = _check("--select", "GX6,GX530", str(SERIES / "consistent"))
    assert len(files) == 5
    assert all(found == [] for found in files.values())


def test_carry_over_mismatch_names_both_files_rows_and_values():
    """2022 carries one application forward (自然人 and 总计); 2023 says 上年结转 0."""
    _code, files, _ = _check("--select", "GX6", str(SERIES / "carry_over"))
    assert files["jtj_2022.txt"] == []
    found = files["jtj_2023.txt"]
    assert [(f["rule"], f["severity"], f["line"], f["column"]) for f in found] == [
        ("GX601", "error", 36, 20),
        ("GX601", "error", 36, 44),
    ]
    assert "上年结转政府信息公开申请数量”自然人栏为 0" in found[0]["message"]
    assert "jtj_2022.txt”（2022年度）的“结转下年度继续办理”1（第59行）" in found[0]["message"]
    assert "总计栏为 0" in found[1]["message"]
    assert found[0]["context"]["other"].endswith("jtj_2022.txt")
    assert found[0]["context"]["expected"] == 1


def test_effective_documents_jump_is_a_warning_with_the_sum():
    """Real pages: 2023 has 现行有效件数 15; 2024 制发 3, 废止 1, yet 现行有效件数 23."""
    _code, files, _ = _check("--select", "GX6", str(SERIES / "effective_jump"))
    found = files["jtj_2024.txt"]
    assert [(f["rule"], f["severity"], f["line"], f["column"]) for f in found] == [
        ("GX602", "warning", 20, 19)
    ]
    assert "为 23" in found[0]["message"] and "应为 17" in found[0]["message"]
    assert "上年15（第19行） + 本年“本年制发件数”3 − 本年“本年废止件数”1" in found[0]["message"]
    assert files["jtj_2023.txt"] == []


def test_2019_format_items_and_published_totals_continue_from_last_year():
    """2020 edited: 行政许可 上一年项目数量 90 (2019: 88 + 0), 规范性文件 对外公开总数量 6
    (2019: 2 + 3 new)."""
    _code, files, _ = _check("--select", "GX6", str(SERIES / "items_2019"))
    found = files["jtj_2020.txt"]
    assert [(f["rule"], f["line"], f["column"]) for f in found] == [
        ("GX604", 17, 17),
        ("GX603", 20, 8),
    ]
    assert "应为 5" in found[0]["message"] and "应为 88" in found[1]["message"]


def test_a_year_copied_with_only_years_and_numbers_changed():
    """2023 is the 2022 report with the years moved on and two counts changed: GX606, not also
    GX530 (consecutive years of one agency are GX605/GX606's)."""
    _code, files, _ = _check("--select", "GX5,GX6", str(SERIES / "copied"))
    found = _across_years(files)
    assert "jtj_2022.txt" not in found
    rules = [r for r, _l, _c in found["jtj_2023.txt"]]
    assert rules.count("GX606") == 1 and "GX530" not in rules and "GX605" not in rules
    gx606 = next(f for f in files["jtj_2023.txt"] if f["rule"] == "GX606")
    assert (gx606["line"], gx606["column"]) == (9, 1)
    assert "约 100%" in gx606["message"] and "jtj_2022.txt" in gx606["message"]
    assert "第9行“2023年，我局高度重视政府…”" in gx606["message"]


def test_passages_repeated_from_last_year_are_listed():
    """2023 keeps its own figures but takes 2022's opening, (三), (四) and 五 word for word."""
    _code, files, _ = _check("--select", "GX6", str(SERIES / "repeated"))
    found = files["jtj_2023.txt"]
    assert [(f["rule"], f["line"], f["column"]) for f in found] == [("GX605", 9, 1)]
    assert 0.5 <= found[0]["context"]["share"] < 0.9
    assert len(found[0]["context"]["repeated"]) == 14
    assert "等 14 句" in found[0]["message"]


def test_the_real_pages_2021_to_2023_do_not_repeat_each_other():
    """Agencies legitimately keep sentences (the 2022 and 2023 pages share about 12%)."""
    _code, files, _ = _check("--select", "GX605,GX606", str(SERIES / "consistent"))
    assert all(found == [] for found in files.values())


def test_history_reports_are_compared_but_not_reported(tmp_path: Path):
    """Only 2024 is checked; 2023 lies in the archive given with --history, which also holds
    the checked file itself (a repository checked one year at a time): not its own last year."""
    archive = tmp_path / "archive"
    archive.mkdir()
    for name in ("jtj_2023.txt", "jtj_2024.txt"):
        shutil.copy(SERIES / "effective_jump" / name, archive / name)
    _code, files, _ = _check(
        "--select", "GX6", "archive/jtj_2024.txt", "--history", "archive", cwd=tmp_path
    )
    assert list(files) == ["jtj_2024.txt"]
    found = files["jtj_2024.txt"]
    assert [(f["rule"], f["line"], f["column"]) for f in found] == [("GX602", 20, 19)]
    assert "archive/jtj_2023.txt" in found[0]["message"]
    # another 2024 report in the archive: a year with two reports is not compared
    shutil.copy(SERIES / "effective_jump" / "jtj_2024.txt", archive / "jtj_2024_draft.txt")
    _code, files, _ = _check(
        "--select", "GX6", "archive/jtj_2024.txt", "--history", "archive", cwd=tmp_path
    )
    assert files == {"jtj_2024.txt": []}


def test_history_from_the_config_file_relative_to_it(tmp_path: Path):
    (tmp_path / "archive").mkdir()
    shutil.copy(SERIES / "effective_jump" / "jtj_2023.txt", tmp_path / "archive" / "a.txt")
    (tmp_path / "now").mkdir()
    shutil.copy(SERIES / "effective_jump" / "jtj_2024.txt", tmp_path / "now" / "b.txt")
    (tmp_path / ".gxlint.yaml").write_text("history: [archive]\n", encoding="utf-8")
    _code, files, _ = _check("--select", "GX6", "now", cwd=tmp_path)
    assert [f["rule"] for f in files["b.txt"]] == ["GX602"]


def test_a_missing_history_folder_is_a_usage_error(tmp_path: Path):
    shutil.copy(SERIES / "effective_jump" / "jtj_2024.txt", tmp_path / "r.txt")
    code, _files, err = _check("r.txt", "--history", "nowhere", cwd=tmp_path)
    assert code == 2 and "nowhere" in err and "Traceback" not in err


def test_renamed_agency_joins_its_series_through_aliases(tmp_path: Path):
    """The 2022 report signed by the agency's old name: no series without the alias map."""
    old = (SERIES / "carry_over" / "jtj_2022.txt").read_text(encoding="utf-8")
    (tmp_path / "jtj_2022.txt").write_text(
        old.replace("平潭综合实验区交通与建设局", "平潭县交通局"), encoding="utf-8"
    )
    shutil.copy(SERIES / "carry_over" / "jtj_2023.txt", tmp_path / "jtj_2023.txt")
    _code, files, _ = _check("--select", "GX6", ".", cwd=tmp_path)
    assert files["jtj_2023.txt"] == []
    (tmp_path / ".gxlint.yaml").write_text(
        "series-aliases: {平潭县交通局: 平潭综合实验区交通与建设局}\n", encoding="utf-8"
    )
    _code, files, _ = _check("--select", "GX6", ".", cwd=tmp_path)
    assert [(f["rule"], f["line"]) for f in files["jtj_2023.txt"]] == [("GX601", 36)] * 2


def test_show_series_lists_groups_and_what_cannot_be_placed(tmp_path: Path):
    for name in ("jtj_2022.txt", "jtj_2023.txt"):
        shutil.copy(SERIES / "consistent" / name, tmp_path / name)
    (tmp_path / "anonymous.txt").write_text(
        (SERIES / "consistent" / "jtj_2021.txt")
        .read_text(encoding="utf-8")
        .replace("平潭综合实验区交通与建设局", "本局"),
        encoding="utf-8",
    )
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(app, ["check", "--show-series", "."])
    finally:
        os.chdir(old)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "平潭综合实验区交通与建设局（2 份）"
    assert lines[1].split() == ["2022", "jtj_2022.txt", "平潭综合实验区交通与建设局"]
    assert lines[2].split()[:2] == ["2023", "jtj_2023.txt"]
    assert lines[3] == "无法归入系列（1）"
    assert lines[4].startswith("  anonymous.txt：未识别出机关名称")


@pytest.mark.parametrize(
    ("name", "place", "unit"),
    [
        ("平潭综合实验区交通与建设局", "平潭综合实验区", "交通与建设局"),
        ("福州市鼓楼区市场监督管理局", "福州市鼓楼区", "市场监督管理局"),
        ("上海市人民政府办公厅", "上海市", "政府办"),
        ("平潭综合实验区管理委员会办公室", "平潭综合实验区", "管委会办"),
        ("福州市城市管理局", "福州市", "城市管理局"),
        ("平潭综合实验区", "平潭综合实验区", ""),
        ("统计局", "", "统计局"),
    ],
)
def test_names_split_into_place_and_unit(name: str, place: str, unit: str):
    assert split_name(name) == (place, unit)


def _member(index: int, place: str, unit: str, year: int | None) -> Member:
    return Member(index, Identity(place, unit, place + unit, "落款"), year)


def test_a_name_without_place_joins_the_one_place_that_has_the_unit():
    grouping = group(
        [
            _member(0, "平潭县", "财政局", 2022),
            _member(1, "", "财政局", 2023),
            _member(2, "平潭县", "公安局", 2022),
            _member(3, "福清市", "公安局", 2022),
            _member(4, "", "公安局", 2023),
        ]
    )
    pairs = [(a.index, b.index) for a, b in grouping.pairs()]
    assert pairs == [(0, 1)]
    assert [(m.index, why.zh) for m, why in grouping.unplaced] == [
        (4, "“公安局”没有地区名，可能是“平潭县公安局”、“福清市公安局”")
    ]


def test_two_reports_for_one_year_are_not_compared():
    grouping = group(
        [
            _member(0, "平潭县", "财政局", 2022),
            _member(1, "平潭县", "财政局", 2023),
            _member(2, "平潭县", "财政局", 2023),
            _member(3, "平潭县", "财政局", 2025),
        ]
    )
    assert list(grouping.pairs()) == []


def test_thresholds_are_configured_with_rule_params(tmp_path: Path):
    """The repeated fixture shares about 70% with last year: quiet when GX605 asks for 75%."""
    for name in ("jtj_2022.txt", "jtj_2023.txt"):
        shutil.copy(SERIES / "repeated" / name, tmp_path / name)
    (tmp_path / ".gxlint.yaml").write_text("rule-params: {GX605: {min_share: 0.75}}\n", "utf-8")
    code, files, _ = _check("--select", "GX6", ".", cwd=tmp_path)
    assert code == 0 and files["jtj_2023.txt"] == []
    (tmp_path / ".gxlint.yaml").write_text("rule-params: {GX605: {min_share: 2}}\n", "utf-8")
    code, _files, err = _check("--select", "GX6", ".", cwd=tmp_path)
    assert code == 2 and "GX605" in err and "params.min_share" in err and "Traceback" not in err
    (tmp_path / ".gxlint.yaml").write_text("rule-params: {GX699: {min_share: 0.5}}\n", "utf-8")
    code, _files, err = _check(".", cwd=tmp_path)
    assert code == 2 and "GX699" in err
