"""Help pages and usage errors in Chinese, written by gxlint (cli_help) instead of click's
English ("Usage:", "Options:", "Show this message and exit.", "Error: No such option")."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from gxlint.cli import app

runner = CliRunner()
_CLICK_ENGLISH = re.compile(
    r"Usage|Options|Arguments|Commands|Show this message|default:|required\]|Error|Try '"
)


@pytest.mark.parametrize("command", [[], ["check"], ["parse"], ["explain"], ["rules"]])
def test_every_help_page_is_in_chinese(command):
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "80"}, prog_name="gxlint")
    assert result.exit_code == 0
    page = result.stdout
    assert page.startswith("用法：gxlint")
    assert "选项：" in page and "  --help" in page and "显示本帮助并退出。" in page
    assert not _CLICK_ENGLISH.search(page), page
    assert max(cell_len(line) for line in page.splitlines()) <= 80  # wrapped to the terminal


def test_check_help_shows_choices_defaults_and_required():
    page = runner.invoke(
        app, ["check", "--help"], env={"COLUMNS": "100"}, prog_name="gxlint"
    ).stdout
    assert "用法：gxlint check [选项] 路径..." in page
    assert "  -f, --format <text|json|html|github|gitlab|sarif|junit>" in page
    assert "[默认：text]" in page and "[必填]" in page
    assert "  --lang <zh|en>" in page
    assert "  -j, --jobs N" in page
    assert not re.search(r"\n\s*[，。、；）]", page)  # no line starts with closing punctuation


def test_program_help_lists_the_commands():
    page = runner.invoke(app, ["--help"], prog_name="gxlint").stdout
    assert "命令：" in page
    assert re.search(r"\n  check\s+检查年度报告", page)
    assert re.search(r"\n  explain\s+显示一条规则", page)


def _gxlint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gxlint", *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["check", "--formt", "json", "x.txt"], "错误：没有选项 --formt；是不是要用 --format？"),
        (
            ["check", "-f", "xml", "x.txt"],
            "错误：选项 --format/-f 的值无效，可选：text、json、html、github、gitlab、sarif、junit",
        ),
        (["check"], "错误：缺少参数 路径..."),
        (["check", "-j", "-1", "x.txt"], "错误：选项 --jobs/-j 应为整数（不小于 0）"),
        (["chek", "x.txt"], "错误：没有命令 chek；是不是要用 check？"),
        (["explain", "GX211", "GX212"], "错误：多余的参数：GX212"),
    ],
)
def test_usage_errors_are_in_chinese_with_exit_code_2(args, error):
    result = _gxlint(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[-1] == error
    assert lines[0].startswith("用法：gxlint")
    assert "Traceback" not in result.stderr and not _CLICK_ENGLISH.search(result.stderr)


def test_no_arguments_prints_the_help():
    result = _gxlint()
    assert result.returncode == 2
    assert result.stderr.startswith("用法：gxlint [选项] 命令 [参数]...")
    assert "命令：" in result.stderr
