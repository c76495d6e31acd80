"""Hostile, huge and broken inputs: each one checked next to a good report, as a portal or CI
meets it. The contract: exit 2 for a file refused under a limit (1 where the file is a report
that can be checked), one line for the bad file, the good report's finding present, no
traceback. Shapes are generated here (tests/hostile.py), never committed as big files; their
time and memory are measured by bench/hostile.py, not asserted here.
"""

from __future__ import annotations

import faulthandler
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import BY_NAME, GOOD_DEFECT, GOOD_LINE, GOOD_RULE, HOSTILE, good_report
from typer.testing import CliRunner

from gxlint.checks import CHECKS
from gxlint.cli import app

GXLINT = [sys.executable, "-m", "gxlint"]


def _pair(tmp_path: Path, name: str, data: bytes, *args: str):
    """Check `name` (with `data`) and the good report together; JSON results by file name."""
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(good_report(), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", "--format", "json", *args, str(bad), str(good)], catch_exceptions=False
    )
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    return result, files


def _good_finding_present(files) -> None:
    assert any(
        f["rule"] == GOOD_RULE and f["line"] == GOOD_LINE for f in files["good.txt"]["findings"]
    ), files["good.txt"]["findings"]


@pytest.mark.parametrize("shape", [h for h in HOSTILE if not h.config], ids=lambda h: h.name)
def test_hostile_file_next_to_a_good_report(tmp_path: Path, shape):
    name = f"{shape.name}{shape.suffix}"
    # a generous clock: this test is about reading each shape to the end on a busy machine;
    # the default budget is the watchdog tests' and bench/hostile.py's business
    config = _config(tmp_path, "limits: {seconds: 300}\n")
    result, files = _pair(tmp_path, name, shape.make(1), "--config", config)
    _good_finding_present(files)
    findings = files[name]["findings"]
    assert all("\n" not in f["message"] and len(f["message"]) < 400 for f in findings)
    if shape.limit is not None:
        assert result.exit_code == 2
        (finding,) = findings
        key = shape.limit.replace("_", "-")
        assert finding["rule"] == "GX008" and f"limits.{key}" in finding["message"], finding
    else:
        # a report with a pathological part: read to the end, nothing refused or crashed
        assert result.exit_code == 1, result.output
        assert not {"GX001", "GX008", "GX009"} & {f["rule"] for f in findings}, findings


@pytest.mark.parametrize("shape", [h for h in HOSTILE if h.config], ids=lambda h: h.name)
def test_hostile_config_is_refused_in_one_line(tmp_path: Path, shape):
    config = tmp_path / "hostile.yaml"
    config.write_bytes(shape.make(1))
    good = tmp_path / "good.txt"
    good.write_text(good_report(), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", "--config", str(config), str(good)], catch_exceptions=False
    )
    assert result.exit_code == 2
    assert "配置文件错误" in result.output and len(result.output.strip().splitlines()) == 1


def test_a_long_number_in_prose_is_not_a_number(tmp_path: Path):
    """4,301 nines after 共收到申请: no count is read from it, so no GX301 compares it."""
    result, files = _pair(tmp_path, "r.txt", BY_NAME["long_number_prose"].make(1))
    assert "GX301" not in {f["rule"] for f in files["r.txt"]["findings"]}


def test_a_long_number_in_a_cell_is_quoted_short(tmp_path: Path):
    result, files = _pair(tmp_path, "r.txt", BY_NAME["long_number_cell"].make(1))
    (finding,) = [f for f in files["r.txt"]["findings"] if f["rule"] == "GX204"]
    assert (
        finding["line"] == 28 and "…" in finding["message"] and "共4301个字符" in finding["message"]
    )


# --- the watchdog ---------------------------------------------------------------------------


def _config(tmp_path: Path, text: str) -> str:
    path = tmp_path / "limits.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_file_past_its_time_budget_is_stopped_and_the_batch_goes_on(tmp_path: Path):
    """60,000 true GX301 findings take seconds; with a budget of 0.5 s the worker is killed."""
    config = _config(tmp_path, "limits: {seconds: 0.5, seconds-per-mb: 0.1}\n")
    result, files = _pair(
        tmp_path, "slow.txt", BY_NAME["repeated_fact"].make(1), "--config", config
    )
    assert result.exit_code == 2
    (finding,) = files["slow.txt"]["findings"]
    assert finding["rule"] == "GX008" and "limits.seconds" in finding["message"]
    _good_finding_present(files)


def test_a_file_past_its_memory_ceiling_is_stopped_and_the_batch_goes_on(tmp_path: Path):
    """A normal report needs well under 60 MB more than a worker starts with; 60,000 nested
    parts need several hundred. Run as a fresh process: a worker forked from the test process
    would start with that process's freed heap, which the ceiling does not count."""
    config = _config(tmp_path, "limits: {memory-mb: 80}\n")
    big = tmp_path / "big.txt"
    big.write_bytes(BY_NAME["nested_parts"].make(2))
    good = tmp_path / "good.txt"
    good.write_text(good_report(), encoding="utf-8")
    done = _run(["check", "-f", "json", "--config", config, str(big), str(good)])
    assert done.returncode == 2
    files = {Path(f["path"]).name: f for f in json.loads(done.stdout)["files"]}
    (finding,) = files["big.txt"]["findings"]
    assert finding["rule"] == "GX008" and "limits.memory-mb" in finding["message"]
    _good_finding_present(files)


def _raise_on_defective_total(analysis, params):
    if GOOD_DEFECT[1] in analysis.doc.source.text:  # only the good report
        raise ValueError("a bug in a check")
    yield from ()


@pytest.mark.parametrize("files_given", [1, 2])
def test_a_rule_that_raises_is_gx009_and_the_other_rules_still_run(
    tmp_path: Path, monkeypatch, files_given
):
    """In-process (one small file) and in a worker (two files) alike."""
    monkeypatch.setitem(CHECKS, "percentage", _raise_on_defective_total)
    paths = []
    for name in ["good.txt", "copy.txt"][:files_given]:
        (tmp_path / name).write_text(good_report(), encoding="utf-8")
        paths.append(str(tmp_path / name))
    result = CliRunner().invoke(app, ["check", "-f", "json", *paths], catch_exceptions=False)
    assert result.exit_code == 2
    findings = json.loads(result.stdout)["files"][0]["findings"]
    (crash,) = [f for f in findings if f["rule"] == "GX009"]
    assert crash["message"] == "规则 GX304 检查时出错：ValueError: a bug in a check"
    assert crash["line"] is None
    assert any(f["rule"] == GOOD_RULE and f["line"] == GOOD_LINE for f in findings)


def _segfault(analysis, params):
    if GOOD_DEFECT[1] in analysis.doc.source.text:
        faulthandler.disable()  # pytest's, inherited by the worker: no trace dump in the log
        os.kill(os.getpid(), signal.SIGSEGV)
    yield from ()


def test_a_worker_that_dies_costs_only_its_file(tmp_path: Path, monkeypatch):
    monkeypatch.setitem(CHECKS, "percentage", _segfault)
    other = tmp_path / "other.txt"
    other.write_text(good_report().replace(*reversed(GOOD_DEFECT)), encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(good_report(), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["check", "-f", "json", str(good), str(other)], catch_exceptions=False
    )
    assert result.exit_code == 2
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    (died,) = files["good.txt"]["findings"]
    assert died["rule"] == "GX009" and "信号 11" in died["message"]
    assert files["other.txt"]["findings"] == []


# --- paths and streams (the real command, as a shell runs it) -------------------------------


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(GXLINT + args, capture_output=True, timeout=120, **kwargs)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(good_report(), encoding="utf-8")
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path, good: Path):
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    done = _run(["check", "-f", "json", str(fifo), str(good)])
    assert done.returncode == 2
    files = {Path(f["path"]).name: f for f in json.loads(done.stdout)["files"]}
    (finding,) = files["report.txt"]["findings"]
    assert finding["rule"] == "GX001" and "不是普通文件" in finding["message"]
    assert any(f["rule"] == GOOD_RULE for f in files["good.txt"]["findings"])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_folder_with_a_named_pipe_and_a_link_loop(tmp_path: Path, good: Path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "loop").symlink_to(tmp_path)
    done = _run(["check", "-f", "json", str(tmp_path)])
    assert done.returncode == 2
    files = {Path(f["path"]).name: f for f in json.loads(done.stdout)["files"]}
    assert sorted(files) == ["good.txt", "pipe.txt"]
    assert files["pipe.txt"]["findings"][0]["rule"] == "GX001"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_disk_is_one_line_and_exit_two(good: Path):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            GXLINT + ["check", str(good)], stdout=full, stderr=subprocess.PIPE, timeout=120
        )
    assert done.returncode == 2
    assert done.stderr.decode().strip() == "无法输出结果：No space left on device"


def test_a_closed_stdout_is_one_line_and_exit_two(good: Path):
    done = subprocess.run(
        GXLINT + ["check", str(good)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=120,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 2
    assert done.stderr.decode().strip() == "无法输出结果：标准输出已关闭"


def test_a_closed_stdin_is_an_empty_input(good: Path):
    done = subprocess.run(
        GXLINT + ["check", "-f", "json", "-", str(good)],
        capture_output=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        preexec_fn=lambda: os.close(0),
    )
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    files = json.loads(done.stdout)["files"]
    assert files[0]["path"] == "<stdin>" and files[0]["findings"][0]["rule"] == "GX002"
    assert any(f["rule"] == GOOD_RULE for f in files[1]["findings"])


def test_a_rule_file_with_an_alias_is_refused(tmp_path: Path):
    from gxlint.engine import load_rules
    from gxlint.errors import RuleFileError

    rules = tmp_path / "GX9"
    rules.mkdir()
    (rules / "GX999.yaml").write_text("id: &i GX999\nname: *i\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="锚点或别名"):
        load_rules(tmp_path)
