"""Shared helpers: paths to the example report and the vendored corpus of real reports."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "2023_sample_bureau.txt"
CORPUS = ROOT / "tests" / "corpus"  # public reports, with their sources (tests/corpus/README.md)


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """The tests' validated rules, templates and configs go to a cache of their own, never the
    user's (the command-line tests' subprocesses inherit it)."""
    import os

    os.environ["GXLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("gxlint-cache"))


@pytest.fixture(scope="session")
def rules():
    from gxlint.engine import load_rules

    return load_rules()


def corpus_file(relative: str) -> Path:
    path = CORPUS / relative
    assert path.exists(), f"{path} is not in the vendored corpus"
    return path


def lint_text(text: str, rules, select=None, template=None, path="report.txt", options=None):
    from gxlint.engine import lint_bytes

    return lint_bytes(text.encode("utf-8"), path, rules, template, select, options)


def check_json(*args: str, cwd: Path | None = None) -> tuple[int, list[dict], str]:
    """`gxlint check --format json ARGS` run in `cwd`: (exit code, the files' entries, stderr)."""
    import json
    import os

    from typer.testing import CliRunner

    from gxlint.cli import app

    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, ["check", "--format", "json", *args])
    finally:
        os.chdir(old)
    document = json.loads(result.stdout) if result.stdout.strip() else {"files": []}
    return result.exit_code, document["files"], result.stderr
