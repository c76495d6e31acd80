"""The setups the README and examples/ show work as written: pre-commit run for real in a
temporary git repository, the GitHub and GitLab CI files' shape and the gxlint commands they
run, GitLab Code Quality output, and the portal's pre-submit script."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE, ROOT
from typer.testing import CliRunner

from gxlint import __version__
from gxlint.cli import app

EXAMPLES = ROOT / "examples"
DEFECTIVE = EXAMPLES / "2023_sample_bureau_with_defects.txt"
TAG = f"v{__version__}"


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def _reports_repo(path: Path) -> Path:
    """A repository of reports as an agency keeps it: two reports and a requirements.txt."""
    (path / "reports").mkdir(parents=True)
    shutil.copy(DEFECTIVE, path / "reports" / "2023.txt")
    shutil.copy(EXAMPLE, path / "reports" / "2023_ok.txt")
    (path / "requirements.txt").write_text("pyyaml\n", encoding="utf-8")
    return path


def test_the_examples_name_the_version_tag():
    """The examples install a tag of gxlint: the one of this version."""
    assert f"rev: {TAG}" in (EXAMPLES / "pre-commit-config.yaml").read_text("utf-8")
    for name in ("github-workflow.yml", "gitlab-ci.yml"):
        assert f"@{TAG}\n" in (EXAMPLES / name).read_text("utf-8"), name


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_pre_commit_runs_the_hook_against_this_repository(tmp_path: Path):
    """examples/pre-commit-config.yaml, pointed at this checkout: the hook installs, checks the
    reports in one process (one summary, GX530 sees both copies), skips requirements.txt, and
    blocks the commit on errors."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: pre-commit installs hooks from a git repository")
    repo = _reports_repo(tmp_path / "reports-repo")
    copied = DEFECTIVE.read_text("utf-8").replace("示例县统计局", "示例县交通局")
    (repo / "reports" / "2023_copy.txt").write_text(copied, encoding="utf-8")
    config = (EXAMPLES / "pre-commit-config.yaml").read_text("utf-8")
    config = config.replace("https://git.example.org/gov/gxlint.git", str(ROOT))
    config = config.replace(f"rev: {TAG}", f"rev: {_git(ROOT, 'rev-parse', 'HEAD')}")
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}

    def pre_commit(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "pre_commit", "run", "--color", "never", *args]
        return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True)

    run = pre_commit("--all-files")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "reports/2023.txt" in run.stdout and "GX211" in run.stdout
    assert "GX530" in run.stdout  # the report and its renamed copy were in one process
    assert "requirements.txt" not in run.stdout
    assert run.stdout.count("检查了 3 个文件") == 1
    passing = pre_commit("--files", "reports/2023_ok.txt", "requirements.txt")
    assert passing.returncode == 0, passing.stdout + passing.stderr


def _run_lines(steps: list[str]) -> list[list[str]]:
    return [shlex.split(line) for line in steps]


def _run_gxlint(argv: list[str], cwd: Path):
    assert argv[0] == "gxlint"
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(app, argv[1:])
    finally:
        os.chdir(old)


def test_the_github_workflow_installs_a_tag_and_runs_a_valid_command(tmp_path: Path):
    workflow = yaml.safe_load((EXAMPLES / "github-workflow.yml").read_text("utf-8"))
    assert set(workflow[True]) == {"push", "pull_request"}  # YAML reads `on:` as true
    assert workflow["env"]["GXLINT_SOURCE"].startswith("git+")
    steps = workflow["jobs"]["gxlint"]["steps"]
    assert workflow["jobs"]["gxlint"]["runs-on"] and all(
        set(step) <= {"uses", "with", "run", "name"} for step in steps
    )
    assert [s["uses"].split("@")[0] for s in steps if "uses" in s] == [
        "actions/checkout",
        "actions/setup-python",
    ]
    commands = _run_lines([s["run"] for s in steps if "run" in s])
    assert commands[0] == ["pip", "install", "gxlint @ $GXLINT_SOURCE"]
    result = _run_gxlint(commands[1], _reports_repo(tmp_path))
    assert result.exit_code == 1
    assert "::error file=reports/2023.txt,line=51" in result.stdout


def test_the_gitlab_job_writes_code_quality_with_stable_fingerprints(tmp_path: Path):
    """The job's command writes a Code Quality report; moving every line keeps the fingerprints
    (GitLab would otherwise show every finding as new), and each one is unique."""
    job = yaml.safe_load((EXAMPLES / "gitlab-ci.yml").read_text("utf-8"))["gxlint"]
    assert job["variables"]["GXLINT_SOURCE"].startswith("git+")
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    commands = _run_lines(job["script"])
    assert commands[0] == ["pip", "install", "gxlint @ $GXLINT_SOURCE"]
    repo = _reports_repo(tmp_path)
    assert _run_gxlint(commands[1], repo).exit_code == 1
    report = repo / "gl-code-quality-report.json"
    issues = json.loads(report.read_text("utf-8"))
    assert {i["check_name"] for i in issues} == {"GX230", "GX301", "GX404"}
    gx230 = next(i for i in issues if i["check_name"] == "GX230")
    assert gx230["location"] == {"path": "reports/2023.txt", "lines": {"begin": 51}}
    assert gx230["severity"] == "major" and gx230["description"].startswith("GX230 表三")
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    moved = repo / "reports" / "2023.txt"
    moved.write_text("\n\n" + moved.read_text("utf-8"), encoding="utf-8")
    _run_gxlint(commands[1], repo)
    again = json.loads(report.read_text("utf-8"))
    assert [i["fingerprint"] for i in again] == fingerprints
    assert next(i for i in again if i["check_name"] == "GX230")["location"]["lines"]["begin"] == 53


def _portal(*args: str, stdin: bytes | None = None) -> tuple[dict, int]:
    env = {**os.environ, "GXLINT": f"{shlex.quote(sys.executable)} -m gxlint"}
    run = subprocess.run(
        [sys.executable, str(EXAMPLES / "portal_check.py"), *args],
        input=stdin,
        capture_output=True,
        env=env,
    )
    return json.loads(run.stdout), run.returncode


def test_the_portal_script_accepts_refuses_and_explains(tmp_path: Path):
    verdict, code = _portal(str(DEFECTIVE))
    assert code == 1 and verdict["accepted"] is False and verdict["errors"] == 3
    assert {"rule": "GX230", "severity": "error"}.items() <= verdict["findings"][1].items()
    assert verdict["findings"][1]["where"] == "第51行"
    verdict, code = _portal("-", stdin=EXAMPLE.read_bytes())
    assert code == 0 and verdict == {
        "accepted": True,
        "file": "-",
        "errors": 0,
        "warnings": 0,
        "findings": [],
    }
    broken = tmp_path / "报告.docx"
    broken.write_bytes(b"not a zip")
    verdict, code = _portal(str(broken))
    assert code == 2 and verdict["accepted"] is False
    assert verdict["findings"][0]["rule"] == "GX001"  # not a readable .docx


@pytest.mark.parametrize(
    ("example", "schema"),
    [("github-workflow.yml", "github-workflows"), ("gitlab-ci.yml", "gitlab-ci")],
)
def test_the_ci_examples_validate_against_their_published_schemas(example: str, schema: str):
    """check-jsonschema's copies of the SchemaStore schemas GitHub and GitLab files are
    edited with (offline: the schemas ship inside the package)."""
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            f"vendor.{schema}",
            str(EXAMPLES / example),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
