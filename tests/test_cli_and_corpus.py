"""CLI contract (exit codes, JSON shape, bad input) and the shared corpus end to end."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import CORPUS, EXAMPLE, ROOT, corpus_file, lint_text
from typer.testing import CliRunner

from gxlint.cli import app

runner = CliRunner()


def test_clean_example_exits_zero():
    result = runner.invoke(app, ["check", str(EXAMPLE)])
    assert result.exit_code == 0, result.output


def test_json_contract_and_bad_files_exit_two(tmp_path: Path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01\x02PDF")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(
        app,
        [
            "check",
            "--format",
            "json",
            str(binary),
            str(empty),
            str(tmp_path / "missing.txt"),
            str(EXAMPLE),
        ],
    )
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    rules = {Path(f["path"]).name: [x["rule"] for x in f["findings"]] for f in doc["files"]}
    assert rules == {
        "scan.txt": ["GX001"],
        "empty.txt": ["GX002"],
        "missing.txt": ["GX001"],
        "2023_sample_bureau.txt": [],
    }
    assert set(doc["summary"]) == {"files", "error", "warning", "info"}


def test_gb18030_crlf_and_bom_give_same_findings(rules):
    text = EXAMPLE.read_text(encoding="utf-8").replace("（七）总计 | 20", "（七）总计 | 21")
    from gxlint.engine import lint_bytes

    variants = [
        text.encode("utf-8"),
        b"\xef\xbb\xbf" + text.encode("utf-8"),
        text.replace("\n", "\r\n").encode("gb18030"),
    ]
    got = [[(f.rule, f.line) for f in lint_bytes(v, "r.txt", rules).findings] for v in variants]
    assert got[0] and got[0] == got[1] == got[2]


def _numeric_cells(text: str):
    """(line number, start, end) of every number cell in tables 三 and 四 of the example."""
    lines = text.split("\n")
    for i, line in enumerate(lines, start=1):
        if i < 28 or i > 57 or "|" not in line:
            continue
        for m in re.finditer(r"(?<=\| )\d+(?= \||$)|^\d+(?= \|)", line):
            yield i, m.start(), m.end()


def test_changing_any_number_in_tables_3_and_4_gives_a_gx2_error_on_that_row(rules):
    """Every single-cell change in 表三/表四 is caught at its row."""
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    cells = list(_numeric_cells(text))
    assert len(cells) == 25 * 7 + 15  # 25 data rows in the 2021 表三, 15 cells in 表四
    for line_no, s, e in cells:
        changed = list(lines)
        value = int(changed[line_no - 1][s:e])
        changed[line_no - 1] = changed[line_no - 1][:s] + str(value + 1) + changed[line_no - 1][e:]
        result = lint_text("\n".join(changed), rules)
        errors = [
            (f.rule, f.line)
            for f in result.findings
            if f.rule.startswith("GX2") and str(f.severity) == "error"
        ]
        assert any(line == line_no for _rule, line in errors), (line_no, s, errors)


def test_seed_003_missing_tables_and_empty_sections(rules):
    from gxlint.engine import lint_path

    result = lint_path(corpus_file("seeds/003_73fd7277be857a29.txt"), rules)
    found = {(f.rule, f.line) for f in result.findings}
    assert {("GX201", 24), ("GX201", 26), ("GX201", 28)} <= found
    assert {("GX105", 24), ("GX105", 26), ("GX105", 28)} <= found


def test_seeds_002_and_004_numbering(rules):
    from gxlint.engine import lint_path

    r2 = lint_path(corpus_file("seeds/002_e10dd89ba3d84670.txt"), rules)
    r4 = lint_path(corpus_file("seeds/004_ac397f543ad98429.txt"), rules)
    assert ("GX103", 3) in {(f.rule, f.line) for f in r2.findings}
    assert ("GX103", 16) in {(f.rule, f.line) for f in r4.findings}


def test_real_table_defects_are_found(rules):
    from gxlint.engine import lint_path

    r = lint_path(corpus_file("real/2025_pingtan_jfj.txt"), rules)
    assert {"GX211", "GX213", "GX214"} <= {f.rule for f in r.findings}
    sh = lint_path(corpus_file("real/2019_shanghai_szfbgt.txt"), rules)
    assert ("GX212", 52) in {(f.rule, f.line) for f in sh.findings}  # blank 总计 of 予以公开


def test_as_of_date_left_from_last_year_on_a_real_page(rules):
    """jtj_2025: `截止2025年1月21日，累计发送1106条信息` in the 2025 report (the 2024 report said
    `截止2025年1月22日`): running totals dated eleven months before the period ends."""
    from gxlint.engine import lint_path

    result = lint_path(corpus_file("real-html/jtj_2025.html"), rules, select={"GX407"})
    [finding] = result.findings
    assert finding.context["date"] == "2025-01-21"
    assert finding.context["locator"].endswith("第10段")


def test_unsigned_real_page_is_judged_by_its_publication_date(rules):
    """jtj_2017 has no signature date; its page was published 2018-01-30 (`<meta name="PubDate">`),
    before the 2008-era deadline of 31 March: GX408 reads the date and stays quiet."""
    from gxlint.engine import analyse_file, lint_path

    analysis = analyse_file(corpus_file("real-html/jtj_2017.html"), rules)
    assert analysis.signature is None
    assert analysis.doc.source.published.date.isoformat() == "2018-01-30"
    assert lint_path(corpus_file("real-html/jtj_2017.html"), rules, select={"GX408"}).findings == []


def test_this_years_figure_dated_last_year_on_a_real_report(rules):
    """2025 财政金融局: `2024年制作、获取政府信息总数467条，其中主动公开政府信息53条` while the
    report says `2025年主动公开政府信息53条`; found once, at the year of the sentence."""
    from gxlint.engine import lint_path

    path = ROOT / "tests" / "fixtures" / "real_excerpts" / "2025_pingtan_czj.txt"
    result = lint_path(path, rules)
    hits = [f for f in result.findings if f.rule == "GX409"]
    assert [(f.line, f.column) for f in hits] == [(2, 685)]
    assert "“其中主动公开政府信息53条”" in hits[0].message
    assert not [f for f in result.findings if f.severity >= 1 and f.rule != "GX409"]


def test_another_agencys_guide_in_a_real_report(rules):
    """jtj_2009 (平潭县交通局): `按要求编制了《平潭县经贸局政府信息公开指南（试行）》` — the guide of
    the 经贸局, whose report the text was copied from. Its own 2010 公安局 sibling names itself."""
    from gxlint.engine import lint_path

    result = lint_path(corpus_file("real-html/jtj_2009.html"), rules, select={"GX514"})
    [finding] = result.findings
    assert (finding.context["named"], finding.context["own"]) == ("平潭县经贸局", "平潭县交通局")
    assert finding.context["locator"].endswith("第10段")
    own = lint_text(corpus_file("real/2010_pingtan_gaj.txt").read_text("utf-8"), rules, {"GX514"})
    assert own.findings == []


def test_whole_corpus_checks_without_crash(rules):
    from gxlint.engine import lint_path

    files = sorted(CORPUS.glob("*/*.txt")) + sorted(CORPUS.glob("*/*.html"))
    assert len(files) >= 38
    for path in files:
        result = lint_path(path, rules)
        assert result.template in ("2008", "2019", "2021"), path


@pytest.mark.parametrize(
    ("relative", "year", "source"),
    [
        ("real/2022_pingtan_gaj.txt", 2022, "正文年份"),  # no title, no period, no date
        ("seeds/003_73fd7277be857a29.txt", 2020, None),
        ("real/2019_shanghai_szfbgt.txt", 2019, None),
    ],
)
def test_report_year_is_found_where_the_report_states_it(rules, relative, year, source):
    result = lint_text(corpus_file(relative).read_text("utf-8"), rules)
    assert result.year == year
    if source:
        assert source in result.why


def test_opening_sentence_year_prefers_the_reviewed_year_over_plans(rules):
    text = "一、总体情况\n2022年，我局主动公开信息10条。2022年，收到申请1件。\n二、下一步\n2023年，我局将继续努力。\n"
    assert lint_text(text, rules).year == 2022


NARRATIVE_AND_DATE_DEFECTS = [
    # (corpus file, rule, line, fragment of the message): real defects checked by hand
    ("seeds/001_82f019a8d9904d2c.txt", "GX303", 13, "357+54 = 411"),
    ("seeds/001_82f019a8d9904d2c.txt", "GX302", 13, "政务微博"),
    ("seeds/001_82f019a8d9904d2c.txt", "GX302", 20, "同意公开答复"),
    ("seeds/004_ac397f543ad98429.txt", "GX302", 7, "649"),
    ("real/2019_shanghai_szfbgt.txt", "GX301", 14, "258"),
    ("real/2019_shanghai_szfbgt.txt", "GX301", 14, "265"),
    ("real/2019_shanghai_szfbgt.txt", "GX304", 14, "33.9%"),
    ("seeds/000_e5e03a39b91d0da7.txt", "GX403", 47, "2016年12月9日"),
    ("real/2016_pingtan_jfj.txt", "GX403", 1, "2016年1月11日"),
    ("real/2016_pingtan_jfj.txt", "GX304", 1, "28÷116"),
    ("real/2018_pingtan_gaj.txt", "GX405", 1, "2017"),
    ("seeds/001_82f019a8d9904d2c.txt", "GX511", 1, "当前位置"),
    ("real/2019_pingtan_zhsyq.txt", "GX513", 1, "“全年公开核准企业资质条”"),
    ("seeds/004_ac397f543ad98429.txt", "GX511", 29, "bookmark"),
]


@pytest.mark.parametrize(("relative", "rule", "line", "fragment"), NARRATIVE_AND_DATE_DEFECTS)
def test_real_narrative_and_date_defects_are_found(rules, relative, rule, line, fragment):
    result = lint_text(corpus_file(relative).read_text("utf-8"), rules, select={rule})
    hits = [f for f in result.findings if f.line == line and fragment in f.message]
    assert hits, [(f.line, f.message) for f in result.findings]


def test_no_narrative_error_on_consistent_reports(rules):
    """Reports whose numbers SOURCES.md checked as consistent get no GX3 error."""
    for relative in [
        "real/2022_pingtan_gaj.txt",
        "real/2024_pingtan_gaj.txt",
        "real/2021_pingtan_zhsyq.txt",
    ]:
        result = lint_text(corpus_file(relative).read_text("utf-8"), rules)
        assert not [f for f in result.findings if f.rule.startswith("GX3")], relative


def test_deadline_options_from_the_command_line():
    late = EXAMPLE.read_text("utf-8").replace("2024年1月20日", "2024年2月20日")
    runner = CliRunner()
    as_department = runner.invoke(app, ["check", "-", "--format", "json"], input=late)
    assert as_department.exit_code == 1
    finding = json.loads(as_department.stdout)["files"][0]["findings"][0]
    assert (finding["rule"], finding["line"]) == ("GX404", 67)
    assert finding["context"]["deadline"] == "2024-01-31"
    as_government = runner.invoke(app, ["check", "-", "--agency-type", "government"], input=late)
    assert as_government.exit_code == 0
    local = runner.invoke(app, ["check", str(EXAMPLE), "--deadline", "01-15", "--select", "GX404"])
    assert local.exit_code == 1 and "2024年1月15日" in local.stdout


def test_invalid_deadline_is_a_usage_error():
    result = CliRunner().invoke(app, ["check", str(EXAMPLE), "--deadline", "13-01"])
    assert result.exit_code == 2
    assert "MM-DD" in result.output


def test_parallel_batch_gives_the_same_output_in_the_same_order(tmp_path: Path):
    text = EXAMPLE.read_text("utf-8")
    for i in range(20):
        broken = text.replace("2024年1月20日", f"2024年2月{i + 1}日") if i % 3 == 0 else text
        (tmp_path / f"r{i:02d}.txt").write_text(broken, encoding="utf-8")
    runner = CliRunner()
    serial = runner.invoke(app, ["check", str(tmp_path), "-j", "1", "--format", "json"])
    parallel = runner.invoke(app, ["check", str(tmp_path), "-j", "2", "--format", "json"])
    assert serial.exit_code == parallel.exit_code == 1
    assert json.loads(serial.stdout) == json.loads(parallel.stdout)
    names = [Path(f["path"]).name for f in json.loads(parallel.stdout)["files"]]
    assert names == sorted(names)


def test_unknown_rule_in_select_is_a_usage_error():
    result = CliRunner().invoke(app, ["check", str(EXAMPLE), "--select", "GX211,GX999"])
    assert result.exit_code == 2
    assert "GX999" in result.output


def test_github_and_sarif_formats():
    late = EXAMPLE.read_text("utf-8").replace("2024年1月20日", "2024年2月20日")
    runner = CliRunner()
    github = runner.invoke(
        app, ["check", "-", "--stdin-filename", "r.txt", "--format", "github"], input=late
    )
    assert github.exit_code == 1
    assert github.stdout.startswith("::error file=r.txt,line=67,col=1,")
    assert "title=GX404::落款日期" in github.stdout
    sarif = runner.invoke(
        app, ["check", "-", "--stdin-filename", "r.txt", "--format", "sarif"], input=late
    )
    doc = json.loads(sarif.stdout)
    (result,) = doc["runs"][0]["results"]
    assert result["ruleId"] == "GX404" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 67
    assert doc["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "GX404"


def test_config_file_sets_defaults_and_the_command_line_wins(tmp_path: Path, monkeypatch):
    late = EXAMPLE.read_text("utf-8").replace("2024年1月20日", "2024年1月25日")
    (tmp_path / "r.txt").write_text(late, encoding="utf-8")
    (tmp_path / ".gxlint.yaml").write_text('deadline: "01-20"\nignore: [GX5]\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")  # found in a parent directory
    runner = CliRunner()
    from_config = runner.invoke(app, ["check", "../r.txt", "--format", "json"])
    assert from_config.exit_code == 1
    (finding,) = json.loads(from_config.stdout)["files"][0]["findings"]
    assert finding["rule"] == "GX404" and finding["context"]["deadline"] == "2024-01-20"
    overridden = runner.invoke(app, ["check", "../r.txt", "--deadline", "01-31"])
    assert overridden.exit_code == 0


def test_select_and_ignore_take_prefixes():
    late = EXAMPLE.read_text("utf-8").replace("2024年1月20日", "2024年2月20日")
    runner = CliRunner()
    only_gx4 = runner.invoke(app, ["check", "-", "--select", "GX4", "--format", "json"], input=late)
    assert {f["rule"] for f in json.loads(only_gx4.stdout)["files"][0]["findings"]} == {"GX404"}
    ignored = runner.invoke(app, ["check", "-", "--ignore", "GX404"], input=late)
    assert ignored.exit_code == 0


def test_bad_config_file_names_file_and_key(tmp_path: Path):
    bad = tmp_path / "my.yaml"
    bad.write_text("fail-level: fatal\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(EXAMPLE), "--config", str(bad)])
    assert result.exit_code == 2
    assert "my.yaml" in result.output and "fail-level" in result.output


def test_example_config_is_valid():
    from gxlint.config import load_config

    settings = load_config(EXAMPLE.parent / "gxlint.yaml")
    assert settings["ignore"] == ["GX520"]


def test_copied_report_in_a_batch_is_found_in_both_files(tmp_path: Path):
    """GX530: another agency's report taken over with the name and numbers changed."""
    original = EXAMPLE.read_text("utf-8")
    copied = (
        original.replace("示例县统计局", "示例县审计局")
        .replace("156条", "98条")
        .replace("2023年", "2024年")
        .replace("2024年1月20日", "2025年1月20日")
    )
    other = (EXAMPLE.parent / "2016_sample_bureau_2008_era.txt").read_text("utf-8")
    (tmp_path / "a.txt").write_text(original, encoding="utf-8")
    (tmp_path / "b.txt").write_text(copied, encoding="utf-8")
    (tmp_path / "c.txt").write_text(other, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", str(tmp_path), "--select", "GX530", "--format", "json"]
    )
    files = {Path(f["path"]).name: f["findings"] for f in json.loads(result.stdout)["files"]}
    assert [f["rule"] for f in files["a.txt"]] == ["GX530"] and "b.txt" in files["a.txt"][0][
        "message"
    ]
    assert [f["rule"] for f in files["b.txt"]] == ["GX530"] and "a.txt" in files["b.txt"][0][
        "message"
    ]
    assert files["a.txt"][0]["line"] == 1  # the first shared passage: the title
    assert files["c.txt"] == []


def test_same_report_in_two_formats_is_not_a_copy(tmp_path: Path):
    from formats import to_docx

    text = EXAMPLE.read_text("utf-8")
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    (tmp_path / "r.docx").write_bytes(to_docx(text))
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0
    assert all(f["findings"] == [] for f in json.loads(result.stdout)["files"])


def test_statistics_and_no_source():
    late = EXAMPLE.read_text("utf-8").replace("2024年1月20日", "2024年2月20日")
    result = CliRunner().invoke(app, ["check", "-", "--statistics", "--no-source"], input=late)
    assert result.exit_code == 1
    assert re.search(r"^\s+1  GX404  落款日期不应晚于法定公布期限$", result.stdout, re.M)
    assert "│" not in result.stdout


def test_pinyin_injected_mirror_is_still_checked(rules):
    """Spam mirrors inject pinyin (`政(zheng)府(fu)`); labels must still match."""
    text = EXAMPLE.read_text("utf-8")
    mirror = text.replace(
        "本年新收政府信息公开申请数量", "本(ben)年新(xin)收政(zheng)府(fu)信息公开申请数量"
    ).replace(
        "（七）总计 | 20 | 2 | 0 | 0 | 1 | 0 | 23", "（七）总(zong)计 | 20 | 2 | 0 | 0 | 1 | 0 | 24"
    )
    findings = lint_text(mirror, rules).findings
    assert {("GX512", 28), ("GX230", 51)} <= {(f.rule, f.line) for f in findings}
    (diagnosis,) = [f for f in findings if f.rule == "GX230"]
    assert {r["rule"] for r in diagnosis.context["related"]} >= {"GX211", "GX213"}


def test_junit_format():
    import xml.etree.ElementTree as ET

    late = EXAMPLE.read_text("utf-8").replace("2024年1月20日", "2024年2月20日")
    result = CliRunner().invoke(
        app, ["check", "-", "--stdin-filename", "r.txt", "--format", "junit"], input=late
    )
    root = ET.fromstring(result.stdout.split("?>", 1)[1])
    (case,) = root.iter("testcase")
    assert (case.get("name"), case.get("classname")) == ("GX404", "r.txt")
    assert root.get("failures") == "1" and root.get("errors") == "0"
    assert "r.txt:67:1 GX404" in case.find("failure").text


def test_junit_fails_only_at_the_fail_level_and_reports_unreadable_files_as_errors(tmp_path):
    """A 2008-era report has only warnings: its cases pass at the default level, as the exit
    code does; an empty file is an <error>; (classname, name) pairs never repeat."""
    import xml.etree.ElementTree as ET

    old = tmp_path / "old.txt"
    old.write_text(corpus_file("seeds/001_82f019a8d9904d2c.txt").read_text("utf-8"), "utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(app, ["check", "--format", "junit", str(old), str(empty)])
    root = ET.fromstring(result.stdout.split("?>", 1)[1])
    assert (root.get("failures"), root.get("errors")) == ("0", "1")
    cases = [(c.get("classname"), c.get("name")) for c in root.iter("testcase")]
    assert len(cases) == len(set(cases)) and (str(old), "GX302") in cases
    strict = CliRunner().invoke(app, ["check", "-f", "junit", "--fail-level", "warning", str(old)])
    assert ET.fromstring(strict.stdout.split("?>", 1)[1]).get("failures") == "4"
