"""The JSON contract, pinned: a few reports (each era; .txt, .docx, .html) → the complete JSON of
`gxlint check --format json` (rule, severity, message, line, column, end_line, end_column,
context with its locator) compared with the files in tests/golden/.

An intended change to findings or positions updates those files in the same commit:

    GX_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py

and the diff of tests/golden/ shows exactly what changed for a user.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import CORPUS, EXAMPLE
from formats import to_docx
from typer.testing import CliRunner

from gxlint.cli import app

GOLDEN = Path(__file__).parent / "golden"
# The example with two defects a .docx shows by locator: a wrong 总计 and a count in the prose.
DOCX_DEFECTS = [
    ("（七）总计 | 20 | 2 | 0 | 0 | 1 | 0 | 23", "（七）总计 | 20 | 2 | 0 | 0 | 1 | 0 | 24"),
    ("全年新收政府信息公开申请24件", "全年新收政府信息公开申请25件"),
]


def _docx(tmp_path: Path) -> Path:
    text = EXAMPLE.read_text("utf-8")
    for old, new in DOCX_DEFECTS:
        text = text.replace(old, new)
    path = tmp_path / "example_defects.docx"
    path.write_bytes(to_docx(text))
    return path


REPORTS = {
    "2021_txt_crawled": lambda tmp: CORPUS / "real" / "2025_pingtan_jfj.txt",
    "2019_txt_pipes": lambda tmp: CORPUS / "real" / "2019_shanghai_szfbgt.txt",
    "2008_txt_pipes": lambda tmp: CORPUS / "seeds" / "001_82f019a8d9904d2c.txt",
    "2021_docx": _docx,
    "2008_html_page": lambda tmp: CORPUS / "real-html" / "jtj_2017.html",
    "2021_html_page": lambda tmp: CORPUS / "real-html" / "jtj_2021.html",
}


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_json_output_matches_the_golden_file(tmp_path: Path, name: str):
    path = REPORTS[name](tmp_path)
    result = CliRunner().invoke(app, ["check", "--format", "json", str(path)])
    assert result.exit_code in (0, 1), result.output
    (entry,) = json.loads(result.stdout)["files"]
    entry["path"] = path.name  # where the file lives is not part of the contract
    golden = GOLDEN / f"{name}.json"
    if os.environ.get("GX_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(json.dumps(entry, ensure_ascii=False, indent=2) + "\n", "utf-8")
    expected = json.loads(golden.read_text("utf-8"))
    assert entry == expected, f"{name}: output differs from {golden} (see the module docstring)"


def test_every_report_has_findings_with_positions():
    """The golden files are worth pinning only if they exercise positions and locators."""
    entries = [json.loads(p.read_text("utf-8")) for p in sorted(GOLDEN.glob("*.json"))]
    assert len(entries) == len(REPORTS)
    assert {e["template"] for e in entries} == {"2008", "2019", "2021"}
    positioned = [f for e in entries for f in e["findings"] if f["line"] is not None]
    assert positioned and all(
        f["column"] >= 1 and f["end_line"] >= f["line"] and f["end_column"] >= 1 for f in positioned
    )
    assert any("locator" in f["context"] for e in entries for f in e["findings"])
