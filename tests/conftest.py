"""Shared helpers: paths to the example report and the shared corpus beside the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "2023_sample_bureau.txt"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def rules():
    from gxlint.engine import load_rules

    return load_rules()


def corpus_file(relative: str) -> Path:
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return path


def lint_text(text: str, rules, select=None, template=None, path="report.txt", options=None):
    from gxlint.engine import lint_bytes

    return lint_bytes(text.encode("utf-8"), path, rules, template, select, options)
