"""Output on a terminal: wrapped to its width with the gutter intact (80 and 120 columns), a
progress bar while a batch runs, and each file printed as soon as it is done even when a
batch check (GX530) has to wait for every file."""

from __future__ import annotations

import io
import os
import pty
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from gxlint.cli import app
from gxlint.engine import FileResult
from gxlint.reporters.text_reporter import render

DEFECTIVE = ROOT / "examples" / "2023_sample_bureau_with_defects.txt"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("width", [80, 120])
def test_text_wraps_to_the_terminal_width_with_the_gutter_intact(
    tmp_path: Path, width: int, monkeypatch: pytest.MonkeyPatch
):
    """The defective example and a crawler report whose lines run to thousands of characters."""
    shutil.copy(DEFECTIVE, tmp_path / "a.txt")
    shutil.copy(CORPUS / "real" / "2016_pingtan_jfj.txt", tmp_path / "b.txt")
    monkeypatch.chdir(tmp_path)
    result = CliRunner(env={"COLUMNS": str(width)}).invoke(app, ["check", "--color", "always", "."])
    lines = ANSI.sub("", result.stdout).splitlines()
    assert max(cell_len(line) for line in lines) <= width
    wrapped = [i for i, line in enumerate(lines) if line.startswith(" " * 12) and line.strip()]
    assert wrapped, "a long message should have wrapped"
    for line in lines:
        if "│" in line:
            assert line.index("│") == 11, line  # the gutter is one column
    gx404 = next(i for i, line in enumerate(lines) if "GX404" in line)
    assert lines[gx404 + 1].startswith(" " * 12)  # its message goes on, indented
    joined = "".join(line.strip() for line in lines[gx404 : gx404 + 3])
    assert "第四十九条第一款" in joined and "为政府部门）" in joined
    for line in lines:
        assert not line.strip().startswith(("，", "。", "）", "》", "”")), line


def test_written_to_a_file_each_finding_stays_one_line(tmp_path: Path):
    shutil.copy(DEFECTIVE, tmp_path / "a.txt")
    result = CliRunner(env={"COLUMNS": "80"}).invoke(app, ["check", str(tmp_path / "a.txt")])
    gx404 = next(line for line in result.stdout.splitlines() if "GX404" in line)
    assert gx404.endswith("为政府部门）")


def _run_with_terminal_stderr(args: list[str], cwd: Path) -> tuple[bytes, str]:
    """Run gxlint with stderr on a pseudo-terminal and stdout on a pipe."""
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "gxlint", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=secondary,
        env={**os.environ, "COLUMNS": "100"},
    )
    os.close(secondary)
    seen = b""
    while True:
        ready, _, _ = select.select([primary], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    stdout = process.communicate(timeout=60)[0]
    os.close(primary)
    return stdout, seen.decode("utf-8", "replace")


def test_a_progress_bar_counts_files_on_a_terminal_stderr(tmp_path: Path):
    for i in range(3):
        shutil.copy(DEFECTIVE, tmp_path / f"r{i}.txt")
    stdout, terminal = _run_with_terminal_stderr(["check", "-f", "json", "."], tmp_path)
    assert "检查中" in terminal and "3/3" in terminal
    assert stdout.startswith(b"{")  # the document itself is untouched
    _stdout, quiet = _run_with_terminal_stderr(["check", "-f", "json", "-q", "."], tmp_path)
    assert "检查中" not in quiet


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path):
    for i in range(3):
        shutil.copy(DEFECTIVE, tmp_path / f"r{i}.txt")
    run = subprocess.run(
        [sys.executable, "-m", "gxlint", "check", "."], cwd=tmp_path, capture_output=True
    )
    assert "检查中".encode() not in run.stderr + run.stdout


def test_each_file_is_printed_before_the_next_is_checked_even_with_a_batch_check(
    tmp_path: Path,
):
    """render prints a file as soon as its result arrives; the batch findings come last."""
    stream = io.StringIO()
    console = Console(file=stream, width=100)
    printed_before: list[str] = []

    def results():
        yield FileResult(path="first.txt", template="2021", why="w")
        printed_before.append(stream.getvalue())  # what was out before the second was checked
        yield FileResult(path="second.txt", template="2021", why="w")

    render(results(), console, late=lambda: [])
    assert "first.txt" in printed_before[0] and "second.txt" not in printed_before[0]


def test_batch_findings_come_in_their_own_section_through_the_cli(tmp_path: Path):
    shutil.copy(DEFECTIVE, tmp_path / "a.txt")
    copied = DEFECTIVE.read_text("utf-8").replace("示例县统计局", "示例县交通局")
    (tmp_path / "b.txt").write_text(copied, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(tmp_path)])
    out = result.stdout
    section = out.index("跨文件检查")
    assert out.index("GX230") < section < out.index("GX530")
    assert out.count("GX530") == 2 and "警告 2" in out
    assert "按类别：GX2 表格 2，GX3 正文 2，GX4 日期 2，GX5 格式与其他 2" in out


def test_snippet_window_measured_from_the_column_equals_measuring_the_whole_line():
    """The snippet around a finding is measured outwards from its column (a finding on a
    megabyte-long crawler line must not measure the line); the window and caret are the ones
    measuring the whole line gives, for Chinese, Latin, tabs and lines of every length."""
    import random

    from gxlint.reporters.text_reporter import _SNIPPET_CELLS, _snippet, _snippet_measured_whole

    rng = random.Random(3)
    alphabet = "政府信息公开abc123 ，。、\t"
    for n in [*range(0, 160), 500, 3000]:
        line = "".join(rng.choice(alphabet) for _ in range(n))
        flat = line.replace("\t", " ")
        for column in {1, max(1, n // 2), n, n + 1, rng.randint(1, n + 2)}:
            index = max(0, min(column - 1, len(flat)))
            assert _snippet(line, column) == _snippet_measured_whole(flat, index, _SNIPPET_CELLS)


def _rendered(results, plain: bool, monkeypatch: pytest.MonkeyPatch) -> str:
    """The text output to a pipe, written directly (plain) or laid out by rich line by line."""
    from gxlint.reporters import text_reporter

    init = text_reporter._Printer.__init__

    def forced(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.plain = plain

    monkeypatch.setattr(text_reporter._Printer, "__init__", forced)
    buffer = io.StringIO()
    render(results, Console(file=buffer, highlight=False), statistics={}, late=lambda: results)
    return buffer.getvalue()


def test_output_to_a_pipe_is_what_rich_would_write_line_by_line(monkeypatch: pytest.MonkeyPatch):
    """Without a terminal, lines are written without asking rich to lay them out (a batch's
    parent spent ~1 ms per report there); the text must be the same to the byte, with markup,
    escaped brackets, emoji codes, control characters and tabs in the findings, and the
    report's text kept as it is (rich's markup parser once turned `:smile:` into an emoji)."""
    from gxlint.engine import lint_path, load_rules
    from gxlint.findings import Finding, Severity

    rules = load_rules()
    paths = sorted((CORPUS / "seeds").iterdir())[:6] + [CORPUS / "real" / "2016_pingtan_jfj.txt"]
    results = [lint_path(path, rules) for path in paths]
    odd = FileResult("odd [bold]name[/bold].txt", "2019", 2023, "标题写明 [2023] 年")
    odd.findings = [
        Finding("GX510", Severity.ERROR, f"占位符“{text}”", line=None)
        for text in ("[red]XX[/red]", "\\[x]", ":smile: :warning:", "a\x07b\x1b[31m", "表\t格")
    ]
    results.append(odd)
    assert sum(len(r.findings) for r in results) > 20
    plain = _rendered(results, True, monkeypatch)
    assert plain == _rendered(results, False, monkeypatch)
    # the report's own text is never read as markup or emoji codes
    for text in ("odd [bold]name[/bold].txt", "[red]XX[/red]", "\\[x]", ":smile: :warning:"):
        assert text in plain, text
